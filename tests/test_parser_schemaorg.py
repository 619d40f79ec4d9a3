"""schema.org anywhere: the five JSON-LD shapes, microdata, hCalendar, and the pitfalls of times."""

from __future__ import annotations

import json

import pytest

from companion.parsers import parse, times

EVENT = {
    "@type": "Event",
    "name": "Harbor Analytics Meetup",
    "startDate": "2025-05-20T18:00:00+02:00",
    "location": {"@type": "Place", "name": "Dockside Hall", "address": "3 Quay Lane, Antwerp"},
}
OTHER = {**EVENT, "name": "Harbor Analytics Social", "startDate": "2025-06-17T18:00:00+02:00"}


def page(*blocks: object) -> str:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks
    )
    return f"<html><head>{scripts}</head><body><p>Our events</p></body></html>"


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param([{"@context": "https://schema.org", **EVENT}], id="object"),
        pytest.param([[{"@type": "WebSite", "name": "x"}, EVENT]], id="array"),
        pytest.param(
            [{"@context": "http://schema.org", "@graph": [{"@type": "Organization"}, EVENT]}],
            id="graph",
        ),
        pytest.param([{"@type": "Place", "name": "Dockside Hall", "event": [EVENT]}], id="nested"),
        pytest.param(
            [{"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": EVENT}]}],
            id="itemlist",
        ),
        pytest.param([{**EVENT, "@type": ["Thing", "EducationEvent"]}], id="type-list"),
    ],
)
def test_every_jsonld_shape_gives_the_event(blocks):
    capture = parse(page(*blocks), "https://example.org/events/harbor")
    assert (capture.kind, capture.platform) == ("event", "schema.org")
    event = capture.event
    assert (event.title, event.start) == ("Harbor Analytics Meetup", "2025-05-20T18:00:00+02:00")
    assert (event.venue.name, event.venue.address) == ("Dockside Hall", "3 Quay Lane, Antwerp")
    assert event.url == "https://example.org/events/harbor"


def test_several_events_make_a_listing():
    capture = parse(page([EVENT, OTHER]), "https://example.org/events/")
    assert (capture.kind, capture.event) == ("listing", None)
    assert [e.title for e in capture.events] == [
        "Harbor Analytics Meetup",
        "Harbor Analytics Social",
    ]


def test_real_page_pitfalls():
    messy = {
        "@type": "SocialEvent",
        "name": "MONTHLY MIX &amp;amp; MINGLE &#39;25",
        "startDate": "2025-09-27T12:30:00:00+01:00",
        "endDate": "2025-09-27T14:30:00+0100",
        "organizer": {"@type": "Person", "name": "Rosalind Achterberg", "url": ""},
        "performer": "",
        "location": {
            "@type": "Place",
            "name": "The Lantern",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "9 Canal Row",
                "addressLocality": "Leeds",
                "addressCountry": {"@type": "Country", "name": "United Kingdom"},
            },
        },
    }
    event = parse(page(messy)).event
    assert event.title == "MONTHLY MIX & MINGLE '25"
    assert (event.start, event.end) == ("2025-09-27T12:30:00+01:00", "2025-09-27T14:30:00+01:00")
    assert event.venue.address == "9 Canal Row, Leeds, United Kingdom"
    assert [(h.name, h.profile_url) for h in event.hosts] == [("Rosalind Achterberg", None)]
    assert event.speakers == []


def test_a_broken_jsonld_block_is_a_warning_and_the_next_source_is_used():
    html = page(EVENT).replace(
        "</head>", '<script type="application/ld+json">{oops</script></head>'
    )
    capture = parse(html)
    assert capture.event.title == "Harbor Analytics Meetup"
    assert capture.warnings == ["A block of schema.org data on the page is not valid JSON."]


def test_microdata_with_nested_place_and_address():
    html = """<div itemscope itemtype="https://schema.org/Event">
      <a itemprop="url" href="https://example.org/e/42">
        <span itemprop="name">Geo Data Clinic</span></a>
      <span itemprop="startDate" content="2025-04-02T17:00:00Z" datetime="None">Wed 2 Apr</span>
      <span itemprop="organizer">by Fenland Mappers</span>
      <div itemprop="location" itemscope itemtype="https://schema.org/Place">
        <meta itemprop="name" content="Marsh Library">
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="streetAddress">1 Dyke Road</span>,
          <span itemprop="addressLocality">Ely</span>
        </div></div>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <span itemprop="name">Free</span></div>
    </div>"""
    event = parse(html).event
    assert (event.title, event.url) == ("Geo Data Clinic", "https://example.org/e/42")
    assert event.start == "2025-04-02T17:00:00+00:00"  # the machine value, not the text
    assert event.group.name == "Fenland Mappers"
    assert (event.venue.name, event.venue.address) == ("Marsh Library", "1 Dyke Road, Ely")


def test_hcalendar_with_value_title_and_a_people_count():
    html = """<div class="vevent"><h1 class="summary">Open Data Drinks</h1>
      <span class="dtstart">
        <span class="value-title" title="2009-01-14T18:00:00-08:00"></span>Jan 14</span>
      <div class="location vcard"><span class="fn org">The Cask</span>
        <span class="adr"><span class="street-address">5 Elm St</span>
        <span class="locality">Portland</span></span></div>
      <div class="description"><p>Casual.</p></div></div>
      <span property="upcoming:numAttendees" content="55">55 people</span>"""
    event = parse(html, "https://upcoming.example/event/1").event
    assert (event.title, event.start) == ("Open Data Drinks", "2009-01-14T18:00:00-08:00")
    assert (event.venue.name, event.venue.address) == ("The Cask", "5 Elm St, Portland")
    assert event.description == "Casual."
    assert event.attendee_count == 55


@pytest.mark.parametrize(
    ("value", "tz", "expected"),
    [
        ("2025-09-27T12:30:00:00+01:00", None, "2025-09-27T12:30:00+01:00"),
        ("2024-10-03T19:00:00+0100", None, "2024-10-03T19:00:00+01:00"),
        ("2019-08-23T14:30-07:00", None, "2019-08-23T14:30:00-07:00"),
        ("2025-07-27", None, "2025-07-27"),
        ("20080228T173000", None, "2008-02-28T17:30:00"),
        ("1539937800000", None, "2018-10-19T08:30:00+00:00"),
        ("1539937800000", "Europe/Madrid", "2018-10-19T10:30:00+02:00"),
        ("2025-03-31T06:00:00.000Z", "Asia/Taipei", "2025-03-31T14:00:00+08:00"),
        ("2025-03-31T06:00:00Z", "Not/AZone", "2025-03-31T06:00:00+00:00"),
        ("None", None, None),
        ("ISO Datetime goes here", None, None),
        ("", None, None),
    ],
)
def test_times_are_normalized_with_their_offset(value, tz, expected):
    assert times.normalize(value, tz) == expected
