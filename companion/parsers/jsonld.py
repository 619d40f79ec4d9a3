"""schema.org Event data in JSON-LD, whichever of the shapes real pages use.

Shapes seen: a single object, an array, an `@graph`, events nested in another type
(`Place.event`), and `ItemList.itemListElement[].item`. Any `@type` ending in "Event" counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from companion.model import Event, Group, Person, Place
from companion.parsers import times
from companion.parsers.places import place
from companion.parsers.text import clean, clean_block

_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_STATUS = {
    "EventScheduled": "scheduled",
    "EventCancelled": "cancelled",
    "EventPostponed": "postponed",
    "EventRescheduled": "rescheduled",
    "EventMovedOnline": "moved_online",
}


def is_event(obj: Any) -> bool:
    types = obj.get("@type") if isinstance(obj, dict) else None
    if isinstance(types, str):
        types = [types]
    return isinstance(types, list) and any(
        isinstance(t, str) and t.endswith("Event") for t in types
    )


def find_events(blocks: list[Any]) -> list[dict[str, Any]]:
    """Every Event object in the page's JSON-LD blocks, in page order, each once."""
    found: list[dict[str, Any]] = []
    for obj in _walk(blocks, depth=0):
        if is_event(obj) and obj not in found:
            found.append(obj)
    return found


def _walk(node: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        if is_event(node):
            return
        for key in ("@graph", "itemListElement", "item", "event", "events", "subEvent"):
            if key in node:
                yield from _walk(node[key], depth + 1)


def to_event(obj: dict[str, Any]) -> Event | None:
    title = clean(obj.get("name"))
    if not title:
        return None
    mode = str(obj.get("eventAttendanceMode") or "")
    return Event(
        title=title,
        url=_str(obj.get("url") or obj.get("@id")),
        start=times.normalize(obj.get("startDate")),
        end=times.normalize(obj.get("endDate")),
        status=_STATUS.get(str(obj.get("eventStatus") or "").rsplit("/", 1)[-1]),
        group=_group(obj.get("organizer")),
        venue=_place(obj.get("location")),
        online=_online(mode, obj.get("location")),
        hosts=_people(obj.get("organizer"), "host", only_people=True),
        speakers=_people(obj.get("performer"), "speaker"),
        sponsors=[n for n in (_name(s) for s in _as_list(obj.get("sponsor"))) if n],
        description=clean_block(obj.get("description")),
        timezone=_timezone(obj),
    )


def _timezone(obj: dict[str, Any]) -> str | None:
    """The IANA zone the data names for the event: its own, its schedule's or its venue's.

    Not schema.org's core vocabulary, but sites add it beside a startDate that has no offset;
    a name that is not a real zone is dropped here rather than trusted later.
    """
    schedules = [s for s in _as_list(obj.get("eventSchedule")) if isinstance(s, dict)]
    places = [p for p in _as_list(obj.get("location")) if isinstance(p, dict)]
    written = [obj.get("timezone"), obj.get("timeZone")]
    written += [s.get("scheduleTimezone") for s in schedules]
    written += [p.get("timezone") or p.get("timeZone") for p in places]
    names = [w.strip() for w in written if isinstance(w, str)]
    return next((name for name in names if times.zone(name)), None)


def _online(mode: str, location: Any) -> bool | None:
    if "Online" in mode or "Mixed" in mode:
        return True
    if "Offline" in mode:
        return False
    kinds = {str(loc.get("@type")) for loc in _as_list(location) if isinstance(loc, dict)}
    return True if kinds == {"VirtualLocation"} else None


def _place(location: Any) -> Place | None:
    for loc in _as_list(location):
        if isinstance(loc, str):
            return place(None, loc)
        if isinstance(loc, dict) and loc.get("@type") != "VirtualLocation":
            return place(loc.get("name"), _address(loc.get("address")))
    return None


def _address(address: Any) -> str | None:
    if isinstance(address, str) or address is None:
        return clean(address)
    if not isinstance(address, dict):
        return None
    country = address.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("name")
    street = clean(address.get("streetAddress"))
    parts = [street]
    for part in (address.get("addressLocality"), address.get("addressRegion"), country):
        text = clean(part)
        # Meetup repeats the town inside streetAddress; say each part once.
        if text and not (street and text.lower() in street.lower()):
            parts.append(text)
    return ", ".join(p for p in parts if p) or None


def _group(organizer: Any) -> Group | None:
    for org in _as_list(organizer):
        if isinstance(org, str) and clean(org):
            # Microdata often gives only the text, as in "by Lakeside Data Science".
            return Group(name=clean(_BY.sub("", org)) or "", url=None)
        if isinstance(org, dict) and org.get("@type") == "Organization" and clean(org.get("name")):
            return Group(name=clean(org.get("name")) or "", url=_str(org.get("url")))
    return None


def _people(value: Any, role: str, only_people: bool = False) -> list[Person]:
    people = []
    for item in _as_list(value):
        if only_people and not (isinstance(item, dict) and item.get("@type") == "Person"):
            continue
        name = _name(item)
        if name:
            url = _str(item.get("url")) if isinstance(item, dict) else None
            people.append(Person(name=name, profile_url=url, role=role))
    return people


def _name(item: Any) -> str | None:
    return clean(item.get("name")) if isinstance(item, dict) else clean(item)


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return value if isinstance(value, list) else [value]
