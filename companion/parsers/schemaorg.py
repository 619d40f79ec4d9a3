"""Any page with schema.org Event markup: JSON-LD, microdata or hCalendar, in that order.

One event makes an event capture; several make a listing (a venue's or a directory's page).
This parser comes last, after the platforms that know their pages better.
"""

from __future__ import annotations

from urllib.parse import urljoin

from companion.model import Capture, Event
from companion.parsers import jsonld, microdata
from companion.parsers.page import Page
from companion.parsers.text import first_int

PLATFORM = "schema.org"


def detect(page: Page) -> bool:
    return True


def parse(page: Page) -> Capture | None:
    events = from_markup(page)
    if not events:
        return None
    if len(events) > 1:
        return Capture(kind="listing", platform=PLATFORM, events=events, warnings=page.warnings)
    event = events[0]
    event.url = event.url or page.url
    event.attendee_count = event.attendee_count or _upcoming_count(page)
    return Capture(kind="event", platform=PLATFORM, event=event, warnings=page.warnings)


def from_markup(page: Page) -> list[Event]:
    """The events of the first markup that has any, their links made absolute."""
    for found in (
        lambda: jsonld.find_events(page.jsonld),
        lambda: jsonld.find_events(microdata.items(page.soup)),
        lambda: microdata.hcalendar(page.soup),
    ):
        events = [e for e in (jsonld.to_event(o) for o in found()) if e]
        for event in events:
            event.url = urljoin(page.url, event.url) if page.url and event.url else event.url
        if events:
            return events
    return []


def _upcoming_count(page: Page) -> int | None:
    # Yahoo Upcoming's RDFa count of people attending ("55 People saved this event").
    tag = page.soup.find(attrs={"property": "upcoming:numAttendees"})
    return first_int(tag.get("content") or tag.get_text(" ")) if tag else None
