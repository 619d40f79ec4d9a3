"""What makes two records the same event or the same person."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from companion.model import Event, Person

_LOCALE = re.compile(r"^/[a-z]{2}-[A-Z]{2}(?=/)")
_MEETUP_MEMBER = re.compile(r"/members/(\d+)")


def normalize_url(url: str | None) -> str | None:
    """One spelling per page: no scheme, no `www.`, no locale prefix, no trailing slash."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    path = _LOCALE.sub("", parts.path).rstrip("/")
    return f"{host}{path}"


def event_key(event: Event, platform: str) -> str:
    if event.platform_id:
        return f"{platform}:event:{event.platform_id}"
    url = normalize_url(event.url)
    if url:
        return f"url:{url}"
    return f"title:{event.title.casefold()}@{event.start or ''}"


def person_keys(person: Person, platform: str, event_key: str) -> list[str]:
    """Strong keys (member id, profile URL); a name alone only identifies within one event."""
    keys = []
    member_id = person.platform_id
    if not member_id and platform == "meetup":
        match = _MEETUP_MEMBER.search(person.profile_url or "")
        member_id = match.group(1) if match else None
    if member_id:
        keys.append(f"{platform}:member:{member_id}")
    url = normalize_url(person.profile_url)
    if url and not (platform == "meetup" and member_id):
        keys.append(f"url:{url}")
    if not keys:
        keys.append(f"name:{person.name.casefold()}@{event_key}")
    return keys
