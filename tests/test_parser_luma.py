"""Luma event pages: embedded data, then JSON-LD, then the DOM; and the guest list opened."""

from __future__ import annotations

from bs4 import BeautifulSoup

from companion.parsers import parse
from tests.conftest import fixture_text

URL = "https://lu.ma/vecnight"


def without(*selectors: str) -> str:
    soup = BeautifulSoup(fixture_text("luma-event.html"), "lxml")
    for selector in selectors:
        for tag in soup.select(selector):
            tag.decompose()
    return str(soup)


def test_event_from_embedded_data():
    capture = parse(fixture_text("luma-event.html"), URL)
    event = capture.event
    assert (capture.kind, capture.platform) == ("event", "luma")
    assert (event.title, event.url, event.platform_id) == (
        "Vector Search Night",
        "https://lu.ma/vecnight",
        "evt-Fict10nal0001",
    )
    # Stored in UTC; given back in the event's own zone.
    assert event.start == "2025-11-03T20:30:00-05:00"
    assert event.end == "2025-11-03T23:00:00-05:00"
    assert event.timezone == "America/New_York"
    assert (event.group.name, event.group.url) == (
        "Harbor AI Collective",
        "https://lu.ma/harbor-ai",
    )
    assert (event.venue.name, event.venue.address) == (
        "Harborview Commons",
        "40 Pier Road, Boston, MA 02210",  # the name, said once
    )
    assert (event.online, event.attendee_count, event.topics) == (False, 87, ["AI"])
    assert event.description == "An evening of vector search talks.\n\nAgenda\n\nLightning talks"
    marisol, pieter = event.hosts
    assert (marisol.platform_id, marisol.profile_url, marisol.headline) == (
        "usr-Host0001",
        "https://lu.ma/user/marisol",
        "Head of Search at Tidewater Analytics",
    )
    assert marisol.linkedin_url == "https://www.linkedin.com/in/marisol-ekwueme-fict"
    assert (pieter.profile_url, pieter.headline, pieter.photo_url, pieter.linkedin_url) == (
        "https://lu.ma/user/usr-Host0002",
        None,
        None,
        None,
    )
    assert [(p.name, p.role) for p in capture.people] == [
        ("Keiko Brandvold", "attendee"),
        ("Tobias Mwangi", "attendee"),
    ]


def test_without_embedded_data_the_jsonld_gives_time_place_and_hosts():
    event = parse(without("#__NEXT_DATA__"), URL).event
    assert (event.title, event.start) == ("Vector Search Night", "2025-11-03T20:30:00-05:00")
    assert event.venue.address == "40 Pier Road, Boston, United States"
    assert [(h.name, h.role) for h in event.hosts] == [
        ("Marisol Ekwueme", "host"),
        ("Pieter Vandersloot", "host"),
    ]
    assert event.group is None  # JSON-LD's organizers are people here, not a group
    assert event.speakers == []
    assert event.attendee_count == 87  # from the "87 Going" card


def test_without_any_embedded_data_the_dom_gives_title_hosts_and_count():
    event = parse(without("#__NEXT_DATA__", "script"), URL).event
    assert event.title == "Vector Search Night"
    assert [(h.name, h.profile_url) for h in event.hosts] == [
        ("Marisol Ekwueme", "https://lu.ma/user/marisol"),
        ("Pieter Vandersloot", "https://lu.ma/user/usr-Host0002"),
    ]
    assert event.hosts[0].photo_url == "https://images.lumacdn.com/avatars/aa/marisol.png"
    assert event.attendee_count == 87


def test_the_guest_list_scrolled_in_fragments_is_an_attendee_capture():
    rows = [
        f'<a href="/user/usr-G{n:03d}"><div class="fw-medium">Guest Number{n}</div></a>'
        for n in range(60)
    ]
    host_row = '<a href="/user/marisol"><div class="fw-medium">Marisol Ekwueme</div></a>'
    fragments = [host_row + "".join(rows[0:30]), "".join(rows[20:60])]
    capture = parse(fixture_text("luma-event.html"), URL, fragments=fragments)
    assert capture.kind == "attendees"
    guests = [p for p in capture.people if p.platform_id.startswith("usr-G0")]
    assert [p.platform_id for p in guests] == [f"usr-G{n:03d}" for n in range(60)]
    assert "Marisol Ekwueme" not in [p.name for p in capture.people]  # a host, not a guest
    assert capture.event.title == "Vector Search Night"
