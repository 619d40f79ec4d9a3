"""One captured page, parsed once, with the machine-readable parts every parser looks at."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from companion.parsers.text import clean

# What a CSS selector names literally: classes, ids, and quoted attribute values.
_LITERALS = re.compile(r'[.#]([\w-]+)|\[[\w-]+[\^*$|~]?="([^"]+)"\]')


@dataclass
class Page:
    html: str
    url: str | None = None
    fragments: Sequence[str] = ()
    payloads: Sequence[Any] = ()
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "lxml")

    @cached_property
    def fragment_soups(self) -> list[BeautifulSoup]:
        return [BeautifulSoup(f, "lxml") for f in self.fragments]

    @property
    def soups(self) -> list[BeautifulSoup]:
        """The page and every harvested fragment: where rows of a long list may be."""
        return [self.soup, *self.fragment_soups]

    @cached_property
    def title(self) -> str | None:
        """The document's <title>, as plain text."""
        tag = self.soup.find("title")
        return clean(tag.get_text(" ")) if tag else None

    @property
    def canonical_url(self) -> str | None:
        """The address the page names for itself, for a page saved without its URL."""
        link = self.soup.find("link", rel="canonical", href=True)
        href = link.get("href") if link else self.meta("og:url")
        if not href and len(self.jsonld) == 1 and isinstance(self.jsonld[0], dict):
            href = self.jsonld[0].get("url")  # a lone schema.org object, such as a saved payload
        return href if isinstance(href, str) and href.startswith("http") else None

    @property
    def host(self) -> str:
        try:
            return (urlsplit(self.url or "").hostname or "").removeprefix("www.")
        except ValueError:  # "http://[::1" and the like: an address that says nothing
            return ""

    @cached_property
    def next_data(self) -> dict[str, Any] | None:
        """Next.js embeds the page's data as JSON: Meetup and Luma both do."""
        tag = self.soup.find("script", id="__NEXT_DATA__")
        return _json_object(tag.string if tag else None)

    @cached_property
    def jsonld(self) -> list[Any]:
        blocks = []
        for tag in self.soup.find_all("script", type="application/ld+json"):
            try:
                blocks.append(json.loads(tag.string or "", strict=False))
            except ValueError:
                self.warnings.append("A block of schema.org data on the page is not valid JSON.")
        # A recorded payload may itself be schema.org data (a scraper's saved JSON-LD object).
        return blocks + [p for p in self.payloads if _is_jsonld(p)]

    def select_one(self, selector: str) -> Tag | None:
        """soup.select_one, skipped when the raw HTML lacks every class, id and attribute
        value it names.

        Matching CSS walks the whole tree (slow on a page of thousands of rows) while a
        substring test is nearly free, and a class or id that is not in the text cannot match.
        """
        alternatives = [
            [name for pair in _LITERALS.findall(part) for name in pair if name]
            for part in selector.split(",")
        ]
        if all(alternatives) and not any(n in self.html for names in alternatives for n in names):
            return None
        return self.soup.select_one(selector)

    def meta(self, name: str) -> str | None:
        tag = self.soup.find("meta", attrs={"name": name}) or self.soup.find(
            "meta", attrs={"property": name}
        )
        content = tag.get("content") if tag else None
        return content if isinstance(content, str) else None


def _json_object(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _is_jsonld(payload: Any) -> bool:
    items = payload if isinstance(payload, list) else [payload]
    return any(isinstance(i, dict) and ("@type" in i or "@graph" in i) for i in items)
