"""schema.org microdata and hCalendar, read into the same dict shape as JSON-LD.

Turning both into JSON-LD-like objects lets jsonld.to_event read every markup the same way,
with the same pitfalls handled (addresses as text or objects, offsets without a colon).
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Tag

from companion.parsers.text import clean

# Where microdata keeps a property's value, by element (the text is the fallback).
_VALUE_ATTR = {
    "meta": "content",
    "a": "href",
    "link": "href",
    "img": "src",
    "time": "datetime",
    "data": "value",
}


def items(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every top-level microdata item, nested items inlined as dicts."""
    return [
        _item(scope)
        for scope in soup.find_all(attrs={"itemscope": True})
        if not scope.has_attr("itemprop")
    ]


def _item(scope: Tag) -> dict[str, Any]:
    types = str(scope.get("itemtype") or "").split()
    extra = str(scope.get("additionaltype") or "").split()
    out: dict[str, Any] = {"@type": [t.rstrip("/").rsplit("/", 1)[-1] for t in types + extra]}
    for prop in _own_props(scope):
        value = _item(prop) if prop.has_attr("itemscope") else _value(prop)
        for name in str(prop.get("itemprop")).split():
            out.setdefault(name, value)
    return out


def _own_props(scope: Tag) -> list[Tag]:
    """Properties of this item, not of items nested inside it."""
    found = []
    for tag in scope.find_all(attrs={"itemprop": True}):
        owner = tag.find_parent(attrs={"itemscope": True})
        if owner is scope:
            found.append(tag)
    return found


def _value(tag: Tag) -> str | None:
    # `content` wins on any element: pages put the machine value there and prose in the text.
    if tag.has_attr("content"):
        return clean(tag["content"])
    attr = _VALUE_ATTR.get(tag.name)
    if attr and tag.has_attr(attr):
        return clean(tag[attr])
    return clean(tag.get_text(" "))


def hcalendar(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Each `.vevent` as a JSON-LD-like Event."""
    return [_vevent(v) for v in soup.select(".vevent")]


def _vevent(v: Tag) -> dict[str, Any]:
    place = v.select_one(".location")
    url = v.select_one("a.url[href], .url a[href]")
    return {
        "@type": "Event",
        "name": _text(v.select_one(".summary")),
        "startDate": _when(v.select_one(".dtstart")),
        "endDate": _when(v.select_one(".dtend")),
        "url": url.get("href") if url else None,
        "description": v.select_one(".description").get_text("\n")
        if v.select_one(".description")
        else None,
        "location": _location(place) if place else None,
    }


def _when(tag: Tag | None) -> str | None:
    """hCalendar puts the machine value in abbr[title], a value-title, or time[datetime]."""
    if tag is None:
        return None
    inner = tag.select_one(".value-title[title]")
    for source in (inner, tag):
        if source is not None:
            for attr in ("datetime", "title", "content"):
                if source.has_attr(attr):
                    return str(source[attr])
    return _text(tag)


def _location(place: Tag) -> dict[str, Any] | str | None:
    name = _text(place.select_one(".fn, .org"))
    parts = {
        "streetAddress": _text(place.select_one(".street-address")),
        "addressLocality": _text(place.select_one(".locality")),
        "addressRegion": _text(place.select_one(".region")),
    }
    if not name and not any(parts.values()):
        return _text(place)
    return {"@type": "Place", "name": name, "address": {"@type": "PostalAddress", **parts}}


def _text(tag: Tag | None) -> str | None:
    return clean(tag.get_text(" ")) if tag else None
