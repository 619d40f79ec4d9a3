"""Eventbrite: event pages (JSON-LD, then DOM), organizer pages (__SERVER_DATA__, then JSON-LD)."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from companion.parsers import parse
from tests.conftest import fixture_text

EVENT_URL = "https://www.eventbrite.com/e/data-careers-breakfast-tickets-880012345678"
ORGANIZER_URL = "https://www.eventbrite.com/o/merrimack-data-guild-55501234"


def server_event(n: int, status: str) -> dict:
    return {
        "id": str(990000000000 + n),
        "name": {"text": f"Analytics Lab {n}"},
        "url": f"https://www.eventbrite.com/e/analytics-lab-{n}-tickets-{990000000000 + n}",
        "start": {"utc": "2025-01-16T00:00:00Z", "timezone": "America/New_York", "local": "x"},
        "end": {"utc": "2025-01-16T02:00:00Z", "timezone": "America/New_York"},
        "status": status,
        "online_event": n == 2,
        "organizer": {"name": "Merrimack Data Guild", "url": ORGANIZER_URL},
        "venue": {"name": "Copperline", "address": {"localized_address_display": "88 Mill St"}},
        "summary": "Hands-on &amp; friendly.",
    }


def organizer_page(server: dict | None, itemlist: list[dict]) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [{"@type": "ListItem", "item": item} for item in itemlist],
    }
    script = (
        f"<script>\n  window.__SERVER_DATA__ = {json.dumps(server)};\n</script>" if server else ""
    )
    return (
        f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body><h1>Merrimack Data Guild</h1>{script}</body></html>"
    )


LD_EVENTS = [
    {"@type": "Event", "name": "Analytics Lab 1", "startDate": "2025-01-15T19:00:00-0500",
     "url": "https://www.eventbrite.com/e/analytics-lab-1-tickets-990000000001"},
    {"@type": "SocialEvent", "name": "Analytics Social", "startDate": "2025-02-01"},
]  # fmt: skip


def test_event_page_from_jsonld():
    capture = parse(fixture_text("eventbrite-event.html"), EVENT_URL)
    event = capture.event
    assert (capture.kind, capture.platform) == ("event", "eventbrite")
    assert event.title == "Data Careers Breakfast & Portfolio Review"  # escaped twice
    assert event.platform_id == "880012345678"
    assert (event.start, event.end) == ("2025-10-09T08:00:00-04:00", "2025-10-09T10:00:00-04:00")
    assert (event.status, event.online) == ("scheduled", False)
    assert (event.venue.name, event.venue.address) == (
        "Copperline Coworking",
        "88 Mill Street, Lowell, MA",
    )  # an address given as a plain string
    assert event.group.name == "Merrimack Data Guild"
    assert "viewer@example.invalid" not in repr(capture.to_dict())


def test_event_page_without_jsonld_falls_back_to_the_dom():
    soup = BeautifulSoup(fixture_text("eventbrite-event.html"), "lxml")
    soup.select_one('script[type="application/ld+json"]').decompose()
    event = parse(str(soup), EVENT_URL).event
    assert event.title == "Data Careers Breakfast & Portfolio Review"
    assert event.start == "2025-10-09T08:00:00-04:00"
    assert event.group.name == "Merrimack Data Guild"
    assert event.venue.address == "Copperline Coworking 88 Mill Street Lowell, MA"
    assert event.description == (
        "Bring your portfolio; reviewers from three local teams.\n\nCoffee from 7:45."
    )


def test_organizer_page_lists_future_and_past_events_from_server_data():
    server = {
        "user": {"email": "viewer@example.invalid"},
        "view_data": {
            "events": {
                "future_events": [server_event(1, "live"), server_event(2, "started")],
                "past_events": [server_event(3, "ended")],
            }
        },
    }
    capture = parse(organizer_page(server, LD_EVENTS), ORGANIZER_URL)
    assert (capture.kind, capture.event) == ("listing", None)
    assert [e.platform_id for e in capture.events] == [
        "990000000001",
        "990000000002",
        "990000000003",
    ]
    first = capture.events[0]
    # The UTC instant, given back in the event's zone.
    assert (first.start, first.end) == ("2025-01-15T19:00:00-05:00", "2025-01-15T21:00:00-05:00")
    assert (first.timezone, first.status, first.online) == ("America/New_York", "scheduled", False)
    assert (first.venue.name, first.venue.address) == ("Copperline", "88 Mill St")
    assert (first.group.name, first.group.url) == ("Merrimack Data Guild", ORGANIZER_URL)
    assert first.description == "Hands-on & friendly."
    assert capture.events[1].online is True
    assert capture.events[2].status == "past"
    assert "viewer@example.invalid" not in repr(capture.to_dict())


def test_organizer_page_without_server_data_uses_the_item_list():
    capture = parse(organizer_page(None, LD_EVENTS), ORGANIZER_URL)
    assert capture.kind == "listing"
    assert [(e.title, e.start, e.platform_id) for e in capture.events] == [
        ("Analytics Lab 1", "2025-01-15T19:00:00-05:00", "990000000001"),
        ("Analytics Social", "2025-02-01", None),  # a date-only value stays a date
    ]


def test_server_data_that_is_not_json_gives_a_warning_not_an_error():
    html = organizer_page(None, LD_EVENTS).replace(
        "</body>", "<script>window.__SERVER_DATA__ = {broken</script></body>"
    )
    capture = parse(html, ORGANIZER_URL)
    assert capture.kind == "listing"
    assert capture.warnings == ["Eventbrite's embedded page data is not valid JSON."]


def test_a_page_saved_without_its_address_is_known_by_its_canonical_link():
    html = (
        '<html><head><link rel="canonical" href="https://www.eventbrite.com/e/sql-clinic-tickets-'
        '770000000001"></head><body><h1 class="event-title">SQL Clinic</h1>'
        '<time datetime="2025-03-04T18:00:00+00:00">4 March</time></body></html>'
    )
    capture = parse(html)
    assert capture.platform == "eventbrite"
    assert (capture.event.title, capture.event.platform_id) == ("SQL Clinic", "770000000001")
    assert capture.event.url == "https://www.eventbrite.com/e/sql-clinic-tickets-770000000001"
