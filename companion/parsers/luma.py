"""Luma event pages (lu.ma, luma.com) and their guest list.

Sources, best first: `__NEXT_DATA__` → `props.pageProps.initialData.data` (the event, its
calendar, hosts with short bios and LinkedIn handles, featured guests, the guest count, a
ProseMirror description), then JSON-LD (whose organizer list is the hosts, typed Organization
even for people), then the readable class names. Times are stored UTC with the event's IANA
zone beside them: we give them back in that zone. The full guest list needs the viewer's ticket,
so only the rows the user opened and scrolled (the page and its fragments) are read.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from companion.model import Capture, Event, Group, Person, Place
from companion.parsers import jsonld, times
from companion.parsers.combine import first_filled
from companion.parsers.page import Page
from companion.parsers.places import place
from companion.parsers.text import clean, clean_block, first_int

PLATFORM = "luma"
_BACKGROUND = re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\ufeff]")
_BLOCKS = {"paragraph", "heading", "list_item", "blockquote", "code_block"}


def detect(page: Page) -> bool:
    host = page.host
    return (
        host in {"lu.ma", "luma.com"} or host.endswith((".lu.ma", ".luma.com")) or bool(_data(page))
    )


def parse(page: Page) -> Capture | None:
    data = _data(page)
    listed = [] if data else _listed(page.next_data)
    if listed:
        return Capture(kind="listing", platform=PLATFORM, events=listed, warnings=page.warnings)
    event = first_filled(
        _from_data(data, page) if data else None, _from_jsonld(page), _from_dom(page)
    )
    if event is None:
        return None
    hosts = {h.profile_url for h in event.hosts}
    guests = [g for g in _guest_rows(page) if g.profile_url not in hosts]
    featured = [_person(g, "attendee") for g in data.get("featured_guests") or []] if data else []
    people = _unique([*guests, *(p for p in featured if p)])
    return Capture(
        kind="attendees" if guests else "event",
        platform=PLATFORM,
        event=event,
        people=people,
        warnings=page.warnings,
    )


def _data(page: Page) -> dict[str, Any]:
    props = ((page.next_data or {}).get("props") or {}).get("pageProps") or {}
    initial = props.get("initialData") if isinstance(props, dict) else None
    data = initial.get("data") if isinstance(initial, dict) else None
    event = data.get("event") if isinstance(data, dict) else None
    return (
        data if isinstance(event, dict) and str(event.get("api_id", "")).startswith("evt-") else {}
    )


# --- embedded data ------------------------------------------------------------------------


def _is_event(raw: Any) -> bool:
    return isinstance(raw, dict) and str(raw.get("api_id", "")).startswith("evt-")


def _listed(node: Any, depth: int = 0) -> list[Event]:
    """The events of a listing (the discover page, a calendar's page): wherever its data
    holds them, as an entry with its calendar, hosts and guest count, or bare; each once."""
    found: dict[str, Event] = {}
    _collect(node, depth, found)
    return list(found.values())


def _collect(node: Any, depth: int, found: dict[str, Event]) -> None:
    if depth > 12 or not isinstance(node, dict | list):
        return
    if isinstance(node, list):
        for item in node:
            _collect(item, depth + 1, found)
        return
    entry = node if _is_event(node.get("event")) else {"event": node} if _is_event(node) else None
    if entry is None:
        for value in node.values():
            _collect(value, depth + 1, found)
        return
    key = entry["event"]["api_id"]
    if key not in found and entry["event"].get("url") and (event := _from_data(entry, None)):
        found[key] = event


def _from_data(data: dict[str, Any], page: Page | None) -> Event | None:
    raw = data["event"]
    title = clean(raw.get("name"))
    if not title:
        return None
    tz = raw.get("timezone")
    location = str(raw.get("location_type") or "")
    return Event(
        title=title,
        url=f"https://lu.ma/{raw['url']}" if raw.get("url") else page and page.url,
        platform_id=raw.get("api_id"),
        start=times.normalize(raw.get("start_at"), tz),
        end=times.normalize(raw.get("end_at"), tz),
        timezone=tz,
        group=_calendar(data.get("calendar")),
        venue=_place(raw.get("geo_address_info")),
        online={"online": True, "offline": False}.get(location),
        hosts=[p for p in (_person(h, "host") for h in data.get("hosts") or []) if p],
        topics=[n for n in (clean(c.get("name")) for c in data.get("categories") or []) if n],
        description=_prose(data.get("description_mirror")),
        attendee_count=data.get("guest_count")
        if isinstance(data.get("guest_count"), int)
        else None,
    )


def _calendar(calendar: Any) -> Group | None:
    if (
        not isinstance(calendar, dict)
        or calendar.get("is_personal")
        or not clean(calendar.get("name"))
    ):
        return None
    slug = calendar.get("slug")
    return Group(name=clean(calendar["name"]) or "", url=f"https://lu.ma/{slug}" if slug else None)


def _place(info: Any) -> Place | None:
    if not isinstance(info, dict):
        return None
    if info.get("mode") == "obfuscated":  # the exact place is shown to guests only
        return place(None, info.get("city_state"))
    return place(info.get("address"), info.get("full_address"))


def _person(raw: Any, role: str) -> Person | None:
    if not isinstance(raw, dict) or not clean(raw.get("name")):
        return None
    handle = str(raw.get("linkedin_handle") or "").strip()
    key = raw.get("username") or raw.get("api_id")
    return Person(
        name=clean(raw["name"]) or "",
        platform_id=raw.get("api_id"),
        profile_url=f"https://lu.ma/user/{key}" if key else None,
        role=role,
        headline=clean(raw.get("bio_short")),
        photo_url=raw.get("avatar_url") or None,
        linkedin_url=f"https://www.linkedin.com{handle}" if handle.startswith("/in/") else None,
    )


def _prose(doc: Any) -> str | None:
    """A ProseMirror document as plain text, one paragraph per block."""
    blocks: list[str] = []
    _walk(doc, blocks)
    return clean_block("\n\n".join(blocks))


def _walk(node: Any, blocks: list[str]) -> None:
    if not isinstance(node, dict):
        return
    children = node.get("content") or []
    if node.get("type") in _BLOCKS and not any(c.get("type") in _BLOCKS for c in children):
        text = "".join(_inline(c) for c in children)
        blocks.append(_ZERO_WIDTH.sub("", text))
        return
    for child in children:
        _walk(child, blocks)


def _inline(node: dict[str, Any]) -> str:
    if node.get("type") == "hard_break":
        return "\n"
    return str(node.get("text") or "") + "".join(_inline(c) for c in node.get("content") or [])


# --- fallbacks ----------------------------------------------------------------------------


def _from_jsonld(page: Page) -> Event | None:
    for obj in jsonld.find_events(page.jsonld):
        event = jsonld.to_event(obj)
        if event is not None:
            # Luma lists the hosts as organizers, typed Organization even for people.
            event.group = None
            event.hosts = [
                Person(name=n, profile_url=o.get("url") or None, role="host")
                for o in _as_list(obj.get("organizer"))
                if isinstance(o, dict) and (n := clean(o.get("name")))
            ]
            event.speakers = []
            return event
    return None


def _from_dom(page: Page) -> Event | None:
    heading = page.select_one("h1.title") or page.select_one("h1")
    title = clean(heading.get_text(" ")) if heading else None
    if not title:
        return None
    going = next(
        (t for t in page.soup.select(".card-title") if re.search(r"\d", t.get_text())), None
    )
    return Event(
        title=title,
        url=page.url,
        # The hosts card is rendered twice (narrow and wide layouts).
        hosts=_unique(
            p for p in (_row(a, "host") for a in page.soup.select(".hosts a[href^='/user/']")) if p
        ),
        attendee_count=first_int(going.get_text(" ")) if going else None,
    )


def _guest_rows(page: Page) -> list[Person]:
    """The guest list the user opened (a dialog) and scrolled (fragments); hosts excluded."""
    rows = [
        a for soup in page.fragment_roots for a in soup.select("a[href*='/user/']")
    ] + page.soup.select("[role='dialog'] a[href*='/user/']")
    return _unique(p for p in (_row(a, "attendee") for a in rows) if p)


def _row(link: Tag, role: str) -> Person | None:
    name_tag = link.select_one(".fw-medium, .name") or link
    name = clean(name_tag.get_text(" "))
    href = str(link.get("href") or "")
    if not name or "/user/" not in href:
        return None
    username = href.rstrip("/").rsplit("/user/", 1)[-1]
    styled = link.find(style=_BACKGROUND)
    photo = _BACKGROUND.search(str(styled["style"])) if styled else None
    return Person(
        name=name,
        platform_id=username if username.startswith("usr-") else None,
        profile_url=f"https://lu.ma/user/{username}",
        role=role,
        photo_url=photo.group(1) if photo else None,
    )


def _unique(people: Any) -> list[Person]:
    seen: dict[str, Person] = {}
    for person in people:
        seen.setdefault(person.profile_url or person.name, person)
    return list(seen.values())


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []
