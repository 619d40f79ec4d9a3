"""Meetup group pages: the group's upcoming and past events, its organizer and sponsors.

The Apollo cache of a group page keys the lists as `events({"filter":{"status":["ACTIVE"]},...})`
and `events({..."PAST"...})`; without it, the JSON-LD array of events, and before 2021 the
event cards (`.eventCard`, epoch-millisecond `time[datetime]`).
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from companion.model import Capture, Event, Group, Person, Place
from companion.parsers import jsonld, meetup_apollo, meetup_legacy, times
from companion.parsers.meetup_common import (
    Apollo,
    apollo,
    event_id,
    member_url,
    page_props,
    photo_url,
    slash,
)
from companion.parsers.page import Page
from companion.parsers.text import block_text, clean

PLATFORM = "meetup"
_EVENTS_BY_STATUS = re.compile(r'^events\(.*"status":\["(ACTIVE|UPCOMING|PAST)"\]')
_CARDS = ".groupHome-nextMeetup, .eventCard"


def is_group_page(page: Page) -> bool:
    """A page listing events: a group's, or the find and Pro network pages (any page with
    several events and none of its own)."""
    if page_props(page).get("eventId") or event_id(page.url):
        return False
    cache = apollo(page)
    return (
        _group(cache) is not None
        or (cache is not None and len(cache.of_type("Event")) > 1)
        or len(jsonld.find_events(page.jsonld)) > 1
        or bool(meetup_legacy.runtime_events(page))
        or page.select_one(_CARDS) is not None
    )


def parse(page: Page) -> Capture | None:
    cache = apollo(page)
    group = _group(cache)
    if cache is not None and group is not None:
        events = [
            e for e in (meetup_apollo.event(cache, raw) for raw in _listed(cache, group)) if e
        ]
        organizer = _organizer(cache, group)
    elif cache is not None and len(cache.of_type("Event")) > 1:  # find and Pro pages
        events = [e for e in (meetup_apollo.event(cache, r) for r in cache.of_type("Event")) if e]
        organizer = []
    elif runtime := meetup_legacy.runtime_events(page):  # before 2022: window.APP_RUNTIME
        events, organizer = runtime, []
    else:
        events = [e for e in (jsonld.to_event(o) for o in jsonld.find_events(page.jsonld)) if e]
        events = events or [e for e in (_card(c, page) for c in page.soup.select(_CARDS)) if e]
        organizer = []
    if not events:
        return None
    return Capture(
        kind="listing", platform=PLATFORM, events=events, people=organizer, warnings=page.warnings
    )


def _group(cache: Apollo | None) -> dict[str, Any] | None:
    if cache is None:
        return None
    return next((g for g in cache.of_type("Group") if any(map(_EVENTS_BY_STATUS.match, g))), None)


def _listed(cache: Apollo, group: dict[str, Any]) -> list[dict[str, Any]]:
    """Upcoming events first (soonest first), then past ones (latest first), as the page shows."""
    order = {"ACTIVE": 0, "UPCOMING": 0, "PAST": 1}
    keys = sorted(
        (k for k in group if _EVENTS_BY_STATUS.match(k)),
        key=lambda k: order[_EVENTS_BY_STATUS.match(k).group(1)],  # type: ignore[union-attr]
    )
    seen: list[dict[str, Any]] = []
    for key in keys:
        for edge in (cache.get(group[key]) or {}).get("edges") or []:
            raw = cache.get(edge.get("node"))
            if isinstance(raw, dict) and raw and raw not in seen:
                seen.append(raw)
    return seen


def _organizer(cache: Apollo, group: dict[str, Any]) -> list[Person]:
    member = cache.get(group.get("organizer"))
    name = clean(member.get("name")) if isinstance(member, dict) else None
    if not name or not member.get("id"):
        return []
    member_id = str(member["id"])
    return [
        Person(
            name=name,
            platform_id=member_id,
            profile_url=member_url(member_id),
            role="organizer",
            photo_url=photo_url(cache.get(member.get("memberPhoto"))),
        )
    ]


# --- before 2021: event cards ---------------------------------------------------------------


def _card(card: Tag, page: Page) -> Event | None:
    heading = card.select_one(".eventCardHead--title")
    title = clean(heading.get_text(" ")) if heading else None
    if not title:
        return None
    when = card.select_one(".eventTimeDisplay time[datetime]")
    link = card.select_one("a.eventCard--link[href]")
    url = str(link["href"]) if link else None
    where = card.select_one(".venueDisplay-venue-address, .venueDisplay-venue-addres")
    about = card.select_one(".eventCard--MainContent--description") or card.select_one("p")
    address = clean(where.get_text(" ")) if where else None
    return Event(
        title=title,
        url=slash(url) if url else None,
        platform_id=event_id(url),
        start=times.normalize(when.get("datetime")) if when else None,
        venue=Place(name=None, address=address) if address else None,
        group=_legacy_group(page),
        description=block_text(about) if about else None,
    )


def _legacy_group(page: Page) -> Group | None:
    heading = page.select_one(".groupHomeHeader-groupName, .groupHomeHeader h1")
    name = clean(heading.get_text(" ")) if heading else None
    return Group(name=name, url=page.url) if name else None
