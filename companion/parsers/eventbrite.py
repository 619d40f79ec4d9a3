"""Eventbrite event pages, organizer and listing pages, from 2015 to today.

Sources, best first: `window.__SERVER_DATA__` (a JavaScript assignment, read with a raw JSON
decoder from the `=`; its `user` key is the viewer and is never read), schema.org JSON-LD or
microdata, then the DOM hooks of each era: `data-testid` and BEM names now,
`.listing-hero-title` in 2017, hCalendar value-classes (`.dtstart .value-title[title]`) in 2016.
Public Eventbrite pages show no attendee list.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup, Tag

from companion.model import Capture, Event, Group, Person, Place
from companion.parsers import schemaorg, times
from companion.parsers.combine import first_filled
from companion.parsers.page import Page
from companion.parsers.places import place
from companion.parsers.text import block_text, clean, clean_block

PLATFORM = "eventbrite"
_SERVER_DATA = re.compile(r"window\.__SERVER_DATA__\s*=\s*")
_EVENT_ID = re.compile(r"-(\d{6,})(?:[/?#]|$)")
_STATUS = {
    "live": "scheduled",
    "started": "scheduled",
    "ended": "past",
    "completed": "past",
    "canceled": "cancelled",
}


# Class names of the 2016-2018 builds, for pages saved without their address.
_ERA_HOOKS = ".listing-hero-title, .listing-info__body, #event_header .summary"


def detect(page: Page) -> bool:
    return (
        "eventbrite." in page.host
        or page.meta("og:type") == "events.event"
        or page.select_one(_ERA_HOOKS) is not None
    )


def parse(page: Page) -> Capture | None:
    listed = _server_events(page)
    marked = schemaorg.from_markup(page)
    for event in marked:
        event.platform_id = event.platform_id or event_id(event.url)
    if listed or len(marked) > 1:
        events = listed or marked
        return Capture(kind="listing", platform=PLATFORM, events=events, warnings=page.warnings)
    event = first_filled(
        *marked[:1], _from_dom(page.soup, page.url), _from_legacy(page.soup, page.url)
    )
    if event is None:
        return None
    event.hosts = event.hosts or _organizer(event.group)
    return Capture(kind="event", platform=PLATFORM, event=event, warnings=page.warnings)


def _organizer(group: Group | None) -> list[Person]:
    """Eventbrite's organizer runs the event (a person or their brand): the one to meet and
    thank, named with their organizer profile."""
    if group is None or not group.name:
        return []
    return [Person(name=group.name, profile_url=group.url, role="organizer")]


def event_id(url: str | None) -> str | None:
    match = _EVENT_ID.search(url or "")
    return match.group(1) if match else None


# --- window.__SERVER_DATA__ ---------------------------------------------------------------


def _server_data(page: Page) -> dict[str, Any]:
    for script in page.soup.find_all("script", src=False):
        text = script.string or ""
        match = _SERVER_DATA.search(text)
        if match:
            try:
                data, _ = json.JSONDecoder().raw_decode(text, match.end())
            except ValueError:
                page.warnings.append("Eventbrite's embedded page data is not valid JSON.")
                return {}
            return data if isinstance(data, dict) else {}
    return {}


def _server_events(page: Page) -> list[Event]:
    view = _server_data(page).get("view_data") or {}
    listed = view.get("events") if isinstance(view, dict) else None
    if not isinstance(listed, dict):
        return []
    raws = [*(listed.get("future_events") or []), *(listed.get("past_events") or [])]
    return [e for e in (_api_event(r) for r in raws if isinstance(r, dict)) if e]


def _api_event(raw: dict[str, Any]) -> Event | None:
    title = clean((raw.get("name") or {}).get("text"))
    if not title:
        return None
    start, end = raw.get("start") or {}, raw.get("end") or {}
    tz = start.get("timezone")
    venue = raw.get("venue") or {}
    organizer = raw.get("organizer") or {}
    address = (venue.get("address") or {}).get("localized_address_display")
    return Event(
        title=title,
        url=raw.get("url"),
        platform_id=str(raw["id"]) if raw.get("id") else None,
        # `utc` is the instant; the event's zone gives it back as the local time it names.
        start=times.normalize(start.get("utc") or start.get("local"), tz),
        end=times.normalize(end.get("utc") or end.get("local"), end.get("timezone") or tz),
        timezone=tz,
        status=_STATUS.get(str(raw.get("status"))),
        group=Group(name=clean(organizer["name"]) or "", url=organizer.get("url"))
        if clean(organizer.get("name"))
        else None,
        venue=place(venue.get("name"), address),
        online=raw.get("online_event") if isinstance(raw.get("online_event"), bool) else None,
        description=clean_block(raw.get("summary")),
    )


# --- DOM, current and older builds ----------------------------------------------------------


def _from_dom(soup: BeautifulSoup, url: str | None) -> Event | None:
    title = _text(soup.select_one("h1.event-title, [data-testid='event-title'], main h1"))
    if not title:
        return None
    when = soup.select_one("[data-testid='dateAndTime'] time[datetime], time[datetime]")
    place = _text(soup.select_one("[data-testid='location'], .location-info__address"))
    organizer = _text(
        soup.select_one(
            "[data-testid='organizerBrief'] .organizer-listing-info-variant-b__name-link, "
            "[data-testid='organizerBrief'] strong"
        )
    )
    about = soup.select_one("#event-description, [data-testid='structured-content'], p.summary")
    return Event(
        title=title,
        url=url,
        platform_id=event_id(url),
        start=times.normalize(when.get("datetime")) if when else None,
        venue=Place(name=None, address=place) if place else None,
        group=Group(name=organizer, url=None) if organizer else None,
        description=block_text(about) if about else None,
    )


def _from_legacy(soup: BeautifulSoup, url: str | None) -> Event | None:
    title = _text(soup.select_one(".listing-hero-title, #event_header .summary"))
    if not title:
        return None
    when = soup.select_one(".event-details__data meta[content], .dtstart .value-title[title]")
    moment = (when.get("content") or when.get("title")) if when else None
    locality = soup.select_one("#panel_when meta[itemprop='addressLocality'][content]")
    address = (
        clean(locality["content"])
        if locality
        else _text(soup.select_one(".event-details__data.-test-address"))
    )
    about = soup.select_one(".listing-info__body .has-user-generated-content, span.description")
    return Event(
        title=title,
        url=url,
        platform_id=event_id(url),
        start=times.normalize(moment),
        venue=Place(name=None, address=address) if address else None,
        description=block_text(about) if about else None,
    )


def _text(tag: Tag | None) -> str | None:
    return clean(tag.get_text(" ")) if tag else None
