"""Meetup event pages from before the Next.js site: "MWP" (about 2017-2021) and classic (2016).

Their class names were stable for years: `.pageHead-headline` / `#event-title h1` for the title,
`time[datetime]` holding epoch milliseconds (MWP) or ISO (classic), `.venueDisplay-venue-*` /
`.event-where-address` for the place. The 2020 pages carry a sample of attendees, read by
meetup_attendees, with its localized count ("Participants (25)").
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from bs4 import BeautifulSoup, Tag

from companion.model import Event, Group, Person, Place
from companion.parsers import times
from companion.parsers.meetup_common import event_id, slash
from companion.parsers.page import Page
from companion.parsers.places import place
from companion.parsers.text import block_text, clean

_TITLE = ".pageHead-headline, #event-title h1"
_WHEN = ".eventTimeDisplay time[datetime], #event-when-display time[datetime]"
_VENUE_NAME = ".venueDisplay-venue-name, .venueDisplay-venue .wrap--singleLine--truncate"
_ADDRESS = ".venueDisplay-venue-address, .event-where-address"
_ABOUT = "div.event-description, #event-description-wrap"
_RUNTIME = re.compile(r"APP_RUNTIME\s*=\s*")
_HOSTED_BY = re.compile(r"^\s*(hosted by|organis[ée] par|organizado por)\s*", re.IGNORECASE)


def event(page: Page) -> Event | None:
    title = _text(page.select_one(_TITLE))
    if not title:
        return None
    soup = page.soup
    when = soup.select_one(_WHEN)
    venue = Place(name=_text(soup.select_one(_VENUE_NAME)), address=_address(soup))
    about = soup.select_one(_ABOUT)
    url = slash(page.url.split("?")[0]) if page.url else None
    return Event(
        title=title,
        url=url,
        platform_id=event_id(url),
        start=times.normalize(when.get("datetime")) if when else None,
        venue=venue if venue.name or venue.address else None,
        online=True if soup.select_one("p.venueDisplay-venue-noVenue") else None,
        hosts=_hosts(soup),
        description=block_text(about) if about else None,
    )


def _address(soup: BeautifulSoup) -> str | None:
    place = soup.select_one(_ADDRESS)
    if place is None:
        return None
    parts = [clean(s) for s in place.stripped_strings]
    return ", ".join(p for p in parts if p) or None


def _hosts(soup: BeautifulSoup) -> list[Person]:
    label = _text(soup.select_one(".event-info-hosts-text"))
    if not label:
        return []
    names = re.split(r",\s*|\s+(?:and|et|y)\s+", _HOSTED_BY.sub("", label))
    # "... and 2 others": the count is not a name.
    return [
        Person(name=n, role="host") for n in (clean(n) for n in names) if n and not n[0].isdigit()
    ]


def _text(tag: Tag | None) -> str | None:
    return clean(tag.get_text(" ")) if tag else None


# --- before 2022: the find and Pro pages' data in window.APP_RUNTIME ---------------------------


def runtime_events(page: Page) -> list[Event]:
    """The events `window.APP_RUNTIME` holds, in the shape of Meetup's v3 API (`name`, `time`
    in epoch milliseconds, `utc_offset`, `link`, `group`, `venue`, `yes_rsvp_count`)."""
    if "APP_RUNTIME" not in page.html:
        return []
    found: dict[str, Event] = {}
    for script in page.soup.find_all("script"):
        text = script.string or ""
        start = _RUNTIME.search(text)
        if start is None:
            continue
        try:
            data, _ = json.JSONDecoder().raw_decode(text, start.end())
        except ValueError:
            continue
        for raw in _v3_events(data, 0):
            listed = _v3_event(raw)
            if listed is not None and listed.url:
                found.setdefault(listed.url, listed)
    return list(found.values())


def _v3_events(node: Any, depth: int) -> list[dict[str, Any]]:
    if depth > 12:
        return []
    if isinstance(node, list):
        return [e for item in node for e in _v3_events(item, depth + 1)]
    if not isinstance(node, dict):
        return []
    if isinstance(node.get("time"), int) and event_id(str(node.get("link") or "")):
        return [node]
    return [e for value in node.values() for e in _v3_events(value, depth + 1)]


def _v3_event(raw: dict[str, Any]) -> Event | None:
    title = clean(raw.get("name"))
    if not title:
        return None
    group = raw.get("group") if isinstance(raw.get("group"), dict) else {}
    venue = raw.get("venue") if isinstance(raw.get("venue"), dict) else {}
    urlname = group.get("urlname")
    address = ", ".join(p for p in (clean(venue.get(k)) for k in ("address_1", "city")) if p)
    url = slash(str(raw["link"]))
    return Event(
        title=title,
        url=url,
        platform_id=event_id(url),
        start=_local(raw["time"], raw.get("utc_offset")),
        group=Group(clean(group.get("name")) or "", f"https://www.meetup.com/{urlname}/")
        if clean(group.get("name")) and urlname
        else None,
        venue=place(venue.get("name"), address),
        attendee_count=raw.get("yes_rsvp_count")
        if isinstance(raw.get("yes_rsvp_count"), int)
        else None,
    )


def _local(epoch_ms: int, offset_ms: Any) -> str:
    """The instant on the event's own clock: the v3 API gives its offset beside it."""
    if not isinstance(offset_ms, int):
        return times.from_epoch_ms(epoch_ms)
    zone = timezone(timedelta(milliseconds=offset_ms))
    return datetime.fromtimestamp(epoch_ms / 1000, tz=UTC).astimezone(zone).isoformat()
