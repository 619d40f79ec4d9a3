"""Meetup event pages from before the Next.js site: "MWP" (about 2017-2021) and classic (2016).

Their class names were stable for years: `.pageHead-headline` / `#event-title h1` for the title,
`time[datetime]` holding epoch milliseconds (MWP) or ISO (classic), `.venueDisplay-venue-*` /
`.event-where-address` for the place. The 2020 pages carry a sample of attendees, read by
meetup_attendees, with its localized count ("Participants (25)").
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from companion.model import Event, Person, Place
from companion.parsers import times
from companion.parsers.meetup_common import event_id, slash
from companion.parsers.page import Page
from companion.parsers.text import block_text, clean

_TITLE = ".pageHead-headline, #event-title h1"
_WHEN = ".eventTimeDisplay time[datetime], #event-when-display time[datetime]"
_VENUE_NAME = ".venueDisplay-venue-name, .venueDisplay-venue .wrap--singleLine--truncate"
_ADDRESS = ".venueDisplay-venue-address, .event-where-address"
_ABOUT = "div.event-description, #event-description-wrap"
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
