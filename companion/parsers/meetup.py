"""Meetup pages (the current Next.js site, with older eras and attendee lists delegated).

Sources, best first: the attendee GraphQL answer the page loaded (when the extension recorded
it), the Apollo cache inside `__NEXT_DATA__`, then JSON-LD (whose description is cut at about
150 characters), then stable DOM hooks (ids, data-* and aria attributes; the hashed class names
change with every build), then the class names of the 2016-2021 eras. The viewer's own data
(`pageProps.user`, `ROOT_QUERY.self`, the header's profile link) is never read.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import Tag

from companion.model import Capture, Event, Group, Person, Place
from companion.parsers import (
    jsonld,
    meetup_apollo,
    meetup_attendees,
    meetup_gql,
    meetup_group,
    meetup_legacy,
    times,
)
from companion.parsers.combine import first_filled
from companion.parsers.meetup_common import PHOTO_OF, Apollo, apollo, event_id, page_props, slash
from companion.parsers.page import Page
from companion.parsers.text import block_text, clean

PLATFORM = "meetup"
# Class names only Meetup used, for pages of 2016-2021 saved without their address.
_ERA_HOOKS = (
    ".pageHead-headline, #event-when-display, .eventTimeDisplay, .groupPageWrapper,"
    " .attendees-sample, .groupMember-link, .eventCardHead--title"
)


_TOPIC_LINK = re.compile(r"^topics-link-")


def detect(page: Page) -> bool:
    return (
        page.host.endswith("meetup.com")
        or page.meta("service") == "web-next"
        or meetup_gql.find(page.payloads) is not None
        or page.select_one(_ERA_HOOKS) is not None
    )


def parse(page: Page) -> Capture | None:
    answer = meetup_gql.find(page.payloads)
    if answer is None and meetup_group.is_group_page(page):
        return meetup_group.parse(page)
    event = first_filled(
        meetup_gql.event(answer) if answer else None,
        _from_apollo(page),
        _from_jsonld(page),
        _from_dom(page),
        meetup_legacy.event(page),
    )
    if event is None:
        return None
    people = (
        meetup_gql.people(answer)
        if answer
        else meetup_attendees.people(page) or _apollo_attendees(page)
    )
    event.attendee_count = event.attendee_count or meetup_attendees.count(page)
    event.group = event.group or _group_linked(page, event.url or page.url)
    event.speakers = event.speakers or _props_speakers(page)
    listing_of_people = answer is not None or meetup_attendees.is_attendee_list(page)
    return Capture(
        kind="attendees" if listing_of_people else "event",
        platform=PLATFORM,
        event=event,
        people=people,
        warnings=page.warnings,
    )


def _props_speakers(page: Page) -> list[Person]:
    """Pages that hand the event to Next.js whole (`pageProps.event`) credit speakers there."""
    raw = page_props(page).get("event")
    return meetup_apollo.speakers_of(raw) if isinstance(raw, dict) else []


# --- Apollo cache -------------------------------------------------------------------------


def _from_apollo(page: Page) -> Event | None:
    cache, raw = _apollo_event(page)
    return meetup_apollo.event(cache, raw) if cache and raw else None


def _apollo_attendees(page: Page) -> list[Person]:
    cache, raw = _apollo_event(page)
    return meetup_apollo.attendees(cache, raw) if cache and raw else []


def _apollo_event(page: Page) -> tuple[Apollo | None, dict[str, Any] | None]:
    cache = apollo(page)
    if cache is None:
        return None, None
    wanted = str(page_props(page).get("eventId") or event_id(page.url) or "")
    raw = cache.state.get(f"Event:{wanted}") or next(iter(cache.of_type("Event")), None)
    return cache, raw if isinstance(raw, dict) else None


# --- JSON-LD and DOM fallbacks ------------------------------------------------------------


def _from_jsonld(page: Page) -> Event | None:
    for obj in jsonld.find_events(page.jsonld):
        event = jsonld.to_event(obj)
        if event is not None:
            event.platform_id = event_id(event.url)
            event.group = event.group and Group(event.group.name, slash(event.group.url))
            event.description = None  # cut at ~150 characters: the DOM or Apollo has it whole
            return event
    return None


def _from_dom(page: Page) -> Event | None:
    # The page's element index rather than find() or CSS select(): an attendee page holds
    # thousands of rows, and each search of the tree walks all of them.
    main = _first(page.tags("main"))
    heading = _first(_within(page.tags("h1"), main)) or _first(page.tags("h1"))
    title = clean(heading.get_text(" ")) if heading else None
    if not title:
        return None
    dated = [t for t in page.tags("time") if t.get("datetime") is not None]
    when = _first(_within(dated, _first(page.tagged("id", "event-info")))) or _first(dated)
    location = _first(page.tagged("data-testid", "location-info"))
    details = _first(page.tagged("id", "event-details"))
    description = details.select_one(".break-words") if details else None
    topics = _first(page.tagged("id", "topics"))
    return Event(
        title=title,
        url=page.url,
        platform_id=event_id(page.url),
        start=times.normalize(when.get("datetime")) if when else None,
        group=_dom_group(_first(_links(page, "event-group"))),
        venue=Place(name=None, address=clean(location.get_text(" ").replace(" · ", ", ")))
        if location
        else None,
        hosts=[p for p in (_dom_host(a) for a in _links(page, "hosted-by")) if p],
        sponsors=_unique(clean(_first_text(s)) for s in page.tagged("data-testid", "sponsor-item")),
        topics=_unique(clean(a.get_text(" ")) for a in topics.find_all("a", id=_TOPIC_LINK))
        if topics
        else [],
        description=block_text(description) if description else None,
    )


def _first(tags: list[Tag]) -> Tag | None:
    return tags[0] if tags else None


def _within(tags: list[Tag], container: Tag | None) -> list[Tag]:
    """Those of `tags` inside `container`, as CSS `container tag` finds them."""
    if container is None:
        return []
    return [t for t in tags if any(parent is container for parent in t.parents)]


def _links(page: Page, label: str) -> list[Tag]:
    # The links alone, not an index of every element by one more attribute.
    return [a for a in page.tags("a") if a.attrs.get("data-event-label") == label]


def _dom_group(link: Tag | None) -> Group | None:
    if link is None:
        return None
    name = clean(link.get_text(" "))
    name = re.sub(r"\s+(public|private) group$", "", name or "", flags=re.IGNORECASE)
    href = link.get("href")
    return Group(name=name, url=slash(href if isinstance(href, str) else None)) if name else None


# A group's address: /<urlname>/, after a locale ("/fr-FR/") on pages in other languages.
_GROUP_PATH = re.compile(r"^/(?:[a-z]{2}-[A-Z]{2}/)?([^/]+)/?$")
_EVENT_OF_GROUP = re.compile(r"meetup\.com/(?:[a-z]{2}-[A-Z]{2}/)?([^/]+)/events/\d+")


def _group_linked(page: Page, event_url: str | None) -> Group | None:
    """The event's group named by a link to it: the attendees page names it in its header,
    where an event page labels it `event-group`."""
    match = _EVENT_OF_GROUP.search(event_url or "")
    if match is None:
        return None
    for link in page.tags("a"):
        href = link.get("href")
        path = urlsplit(href).path if isinstance(href, str) else ""
        linked = _GROUP_PATH.match(path)
        if linked and linked.group(1) == match.group(1):
            group = _dom_group(link)
            if group is not None:
                return Group(group.name, f"https://www.meetup.com/{match.group(1)}/")
    return None


def _dom_host(link: Tag) -> Person | None:
    # The visible name is shortened ("Joe R."); the photo's alt text has it whole.
    img = link.find("img")
    alt = img.get("alt") if img else None
    name = clean(PHOTO_OF.sub("", alt)) if isinstance(alt, str) else None
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
