"""Meetup pages (the current Next.js site).

Sources, best first: the Apollo cache inside `__NEXT_DATA__`, then JSON-LD (whose description
is cut at about 150 characters), then stable DOM hooks (ids, data-* and aria attributes; the
hashed class names change with every build). The viewer's own data (`pageProps.user`,
`ROOT_QUERY.self`) is never read.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from companion.model import Capture, Event, Group, Person, Place
from companion.parsers import jsonld, times
from companion.parsers.combine import first_filled
from companion.parsers.page import Page
from companion.parsers.text import clean, clean_block, markdown_to_text

PLATFORM = "meetup"
_EVENT_URL = re.compile(r"/events/(\d+)")
_STATUS = {
    "ACTIVE": "scheduled",
    "UPCOMING": "scheduled",
    "PAST": "past",
    "CANCELLED": "cancelled",
    "DRAFT": "draft",
}
_PHOTO_OF = re.compile(r"^Photo of (the user )?", re.IGNORECASE)


def detect(page: Page) -> bool:
    return page.host.endswith("meetup.com") or page.meta("service") == "web-next"


def parse(page: Page) -> Capture | None:
    event = first_filled(_from_apollo(page), _from_jsonld(page), _from_dom(page))
    if event is None:
        return None
    return Capture(kind="event", platform=PLATFORM, event=event, warnings=page.warnings)


def member_url(member_id: str) -> str:
    return f"https://www.meetup.com/members/{member_id}/"


# --- Apollo cache -------------------------------------------------------------------------


class _Apollo:
    """The normalized Apollo cache: objects keyed "Type:id", linked by {"__ref": key}."""

    def __init__(self, state: dict[str, Any]):
        self.state = state

    def get(self, value: Any) -> Any:
        if isinstance(value, dict) and "__ref" in value:
            return self.state.get(value["__ref"]) or {}
        return value if value is not None else {}

    def field(self, obj: dict[str, Any], prefix: str) -> list[Any]:
        """Values of keys such as `rsvps({"filter":...})`: arguments are baked into the key."""
        return [v for k, v in obj.items() if k == prefix or k.startswith(prefix + "(")]


def _from_apollo(page: Page) -> Event | None:
    props = ((page.next_data or {}).get("props") or {}).get("pageProps") or {}
    state = props.get("__APOLLO_STATE__")
    if not isinstance(state, dict):
        return None
    apollo = _Apollo(state)
    wanted = str(props.get("eventId") or "")
    raw = state.get(f"Event:{wanted}") or next(
        (v for k, v in state.items() if k.startswith("Event:")), None
    )
    return _event(apollo, raw) if isinstance(raw, dict) else None


def _event(apollo: _Apollo, raw: dict[str, Any]) -> Event | None:
    title = clean(raw.get("title"))
    if not title:
        return None
    group = apollo.get(raw.get("group"))
    tz = group.get("timezone") if isinstance(group, dict) else None
    return Event(
        title=title,
        url=raw.get("eventUrl"),
        platform_id=str(raw.get("id")) if raw.get("id") else None,
        start=times.normalize(raw.get("dateTime"), tz),
        end=times.normalize(raw.get("endTime"), tz),
        timezone=tz,
        status=_STATUS.get(str(raw.get("status"))),
        group=_group(group),
        venue=_venue(apollo.get(raw.get("venue"))),
        online=_online(raw.get("eventType")),
        hosts=_hosts(apollo, raw),
        sponsors=_sponsors(apollo, group),
        topics=_topics(apollo, raw),
        description=markdown_to_text(raw.get("description")),
        attendee_count=_going(apollo, raw),
    )


def _group(group: Any) -> Group | None:
    if not isinstance(group, dict) or not clean(group.get("name")):
        return None
    link = group.get("link") or (
        f"https://www.meetup.com/{group['urlname']}/" if group.get("urlname") else None
    )
    return Group(name=clean(group.get("name")) or "", url=_slash(link))


def _venue(venue: Any) -> Place | None:
    if not isinstance(venue, dict) or not venue:
        return None
    parts = [clean(venue.get(k)) for k in ("address", "city", "state")]
    address = ", ".join(p for p in parts if p) or None
    name = clean(venue.get("name"))
    if not (name or address) or (name or "").lower() == "online event":
        return None
    return Place(name=name, address=address)


def _online(event_type: Any) -> bool | None:
    return {"ONLINE": True, "HYBRID": True, "PHYSICAL": False}.get(str(event_type))


def _hosts(apollo: _Apollo, raw: dict[str, Any]) -> list[Person]:
    hosts = []
    for ref in raw.get("eventHosts") or []:
        host = apollo.get(ref)
        member_id = str(host.get("memberId") or host.get("id") or "")
        if not host.get("name") and member_id:  # an inline stub: the cache has the rest
            host = apollo.get({"__ref": f"EventHost:{member_id}"})
        name = clean(host.get("name"))
        if not name:
            continue
        hosts.append(
            Person(
                name=name,
                platform_id=member_id or None,
                profile_url=member_url(member_id) if member_id else None,
                role="host",
                photo_url=_photo(apollo.get(host.get("memberPhoto"))),
            )
        )
    return hosts


def _photo(photo: Any) -> str | None:
    if isinstance(photo, dict) and photo.get("baseUrl") and photo.get("id"):
        return f"{photo['baseUrl']}{photo['id']}/90x90.jpg"
    return None


def _topics(apollo: _Apollo, raw: dict[str, Any]) -> list[str]:
    names = []
    for connection in apollo.field(raw, "topics"):
        for edge in (apollo.get(connection) or {}).get("edges") or []:
            name = clean(apollo.get(edge.get("node")).get("name"))
            if name and name not in names:
                names.append(name)
    return names


def _sponsors(apollo: _Apollo, group: Any) -> list[str]:
    if not isinstance(group, dict):
        return []
    names = []
    for connection in apollo.field(group, "sponsors"):
        for edge in (apollo.get(connection) or {}).get("edges") or []:
            name = clean(apollo.get(edge.get("node")).get("name"))
            if name and name not in names:
                names.append(name)
    return names


def _going(apollo: _Apollo, raw: dict[str, Any]) -> int | None:
    """Who is going. The event page often carries only the waitlist count: that is not it."""
    for value in apollo.field(raw, "going"):
        count = apollo.get(value).get("totalCount")
        if isinstance(count, int):
            return count
    for key, value in raw.items():
        if key.startswith("rsvps") and "WAITLIST" not in key and '"NO"' not in key:
            data = apollo.get(value)
            count = data.get("yesCount", data.get("totalCount"))
            if isinstance(count, int):
                return count
    return None


# --- JSON-LD and DOM fallbacks ------------------------------------------------------------


def _from_jsonld(page: Page) -> Event | None:
    for obj in jsonld.find_events(page.jsonld):
        event = jsonld.to_event(obj)
        if event is not None:
            event.platform_id = _event_id(event.url)
            event.group = event.group and Group(event.group.name, _slash(event.group.url))
            event.description = None  # cut at ~150 characters: the DOM or Apollo has it whole
            return event
    return None


def _from_dom(page: Page) -> Event | None:
    soup = page.soup
    heading = soup.select_one("main h1") or soup.select_one("h1")
    title = clean(heading.get_text(" ")) if heading else None
    if not title:
        return None
    when = soup.select_one("#event-info time[datetime]") or soup.select_one("time[datetime]")
    group_link = soup.select_one('a[data-event-label="event-group"]')
    location = soup.select_one('[data-testid="location-info"]')
    details = soup.select_one("#event-details .break-words")
    return Event(
        title=title,
        url=page.url,
        platform_id=_event_id(page.url),
        start=times.normalize(when.get("datetime")) if when else None,
        group=_dom_group(group_link),
        venue=Place(name=None, address=clean(location.get_text(" ").replace(" · ", ", ")))
        if location
        else None,
        hosts=[
            p for p in (_dom_host(a) for a in soup.select('a[data-event-label="hosted-by"]')) if p
        ],
        sponsors=_unique(
            clean(_first_text(s)) for s in soup.select('[data-testid="sponsor-item"]')
        ),
        topics=_unique(
            clean(a.get_text(" ")) for a in soup.select('#topics a[id^="topics-link-"]')
        ),
        description=clean_block(details.get_text("\n")) if details else None,
    )


def _dom_group(link: Tag | None) -> Group | None:
    if link is None:
        return None
    name = clean(link.get_text(" "))
    name = re.sub(r"\s+(public|private) group$", "", name or "", flags=re.IGNORECASE)
    href = link.get("href")
    return Group(name=name, url=_slash(href if isinstance(href, str) else None)) if name else None


def _dom_host(link: Tag) -> Person | None:
    # The visible name is shortened ("Joe R."); the photo's alt text has it whole.
    img = link.find("img")
    alt = img.get("alt") if img else None
    name = clean(_PHOTO_OF.sub("", alt)) if isinstance(alt, str) else None
    if not name:
        label = link.get("aria-label")
        name = clean(re.sub(r"^Hosted by\s*", "", str(label or link.get_text(" ")), flags=re.I))
    src = img.get("src") if img else None
    return (
        Person(name=name, role="host", photo_url=src if isinstance(src, str) else None)
        if name
        else None
    )


def _first_text(tag: Tag) -> str:
    return next((s for s in tag.stripped_strings), "")


def _unique(values: Any) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def _event_id(url: str | None) -> str | None:
    match = _EVENT_URL.search(url or "")
    return match.group(1) if match else None


def _slash(url: str | None) -> str | None:
    return url if not url or url.endswith("/") else url + "/"
