"""What makes two records the same event or the same person."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from companion.model import Event, Person

_LOCALE = re.compile(r"^/[a-z]{2}-[a-z]{2}(?=/|$)", re.IGNORECASE)
# meetup.com/members/123/ and the group-scoped meetup.com/<group>/members/123/profile/
_MEETUP_MEMBER = re.compile(r"^(?:/[^/]+)?/members/(\d+)(?:/|$)")
_LINKEDIN_PROFILE = re.compile(r"^/in/([^/]+)")
# Nearly every address is a plain "https://host/path": read at once, without urlsplit's
# generality, which showed in the time a large capture took to store.
_PLAIN_URL = re.compile(r"\s*https?://([a-z0-9.-]+)(/[^?#\s]*)?(?:[?#]\S*)?\s*", re.I | re.A)


# Pure functions of a string, asked several times for each person of a capture: remembered.
@functools.lru_cache(maxsize=8192)
def normalize_url(url: str | None) -> str | None:
    """One spelling per page: no scheme, no `www.`, no locale prefix, no trailing slash."""
    if not url:
        return None
    if plain := _PLAIN_URL.fullmatch(url):
        hostname, path = plain.group(1), plain.group(2) or ""
    else:
        try:
            parts = urlsplit(url.strip())
        except ValueError:  # a malformed address ("http://[::1") identifies nothing
            return None
        hostname, path = parts.hostname, parts.path
        if not hostname:
            return None
    host = hostname.lower().removeprefix("www.")
    return f"{host}{_LOCALE.sub('', path).rstrip('/')}"


@functools.lru_cache(maxsize=8192)
def url_keys(url: str | None) -> tuple[str, ...]:
    """The key a profile URL gives: the member id or LinkedIn profile it names, else itself."""
    normalized = normalize_url(url)
    if not normalized:
        return ()
    host, _, rest = normalized.partition("/")
    path = "/" + rest
    meetup = _MEETUP_MEMBER.match(path) if host.endswith("meetup.com") else None
    if meetup:
        return (f"meetup:member:{meetup.group(1)}",)
    linkedin = _LINKEDIN_PROFILE.match(path) if host.endswith("linkedin.com") else None
    if linkedin:
        return (f"linkedin:{unquote(linkedin.group(1)).casefold()}",)
    return (f"url:{normalized}",)


def event_key(event: Event, platform: str) -> str:
    if event.platform_id:
        return f"{platform}:event:{event.platform_id}"
    url = normalize_url(event.url)
    if url:
        return f"url:{url}"
    return f"title:{event.title.casefold()}@{event.start or ''}"


def person_keys(person: Person, platform: str, event_key: str) -> list[str]:
    """Strong keys (member id, profile URL); a name alone only identifies within one event."""
    keys = [f"{platform}:member:{person.platform_id}"] if person.platform_id else []
    keys += [k for k in url_keys(person.profile_url) if k not in keys]
    return keys or [f"name:{name_key(person.name)}@{event_key}"]


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A name as compared for suggestions: case, accents and spacing do not count."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def abbreviates(short: str, full: str) -> bool:
    """`Ada Q.` abbreviates `Ada Quillfeather` (as Meetup shortens names in some lists)."""
    shorts, fulls = name_key(short).split(), name_key(full).split()
    if len(shorts) != len(fulls) or shorts == fulls:
        return False
    return all(
        s == f or (s.rstrip(".") and f.startswith(s.rstrip(".")))
        for s, f in zip(shorts, fulls, strict=True)
    )
