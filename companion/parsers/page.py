"""One captured page, parsed once, with the machine-readable parts every parser looks at.

A page of thousands of rows makes every whole-tree search costly: each `soup.find()` is a walk
of its own and each CSS `select()` a much slower one. So the page is walked once into an index
of its elements by tag name (and, on demand, by an attribute's value), and the lookups every
parser makes (title, meta, JSON-LD, Next.js data) read that index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.builder import LXMLTreeBuilder

from companion.parsers import sanity
from companion.parsers.text import clean

# The element each fragment is wrapped in for their joined parse; no page uses the name.
_FRAGMENT = "hallway-fragment"
# What a CSS selector names literally: classes, ids, and quoted attribute values.
_LITERALS = re.compile(r'[.#]([\w-]+)|\[[\w-]+[\^*$|~]?="([^"]+)"\]')


@dataclass
class Page:
    html: str
    url: str | None = None
    fragments: Sequence[str] = ()
    payloads: Sequence[Any] = ()
    warnings: list[str] = field(default_factory=list)
    # Elements by the value of one attribute, for each attribute asked about (see tagged()).
    _by_attribute: dict[str, dict[str, list[Tag]]] = field(
        default_factory=dict, init=False, repr=False
    )

    @cached_property
    def soup(self) -> BeautifulSoup:
        return _soup(self.html)

    @cached_property
    def fragment_roots(self) -> list[Tag]:
        """Each harvested fragment's own elements, in order: one parse for all of them."""
        return _fragment_roots(self.fragments)

    @property
    def roots(self) -> list[Tag]:
        """The page and every harvested fragment: where rows of a long list may be."""
        return [self.soup, *self.fragment_roots]

    @cached_property
    def elements(self) -> Elements:
        """The page's elements: the one walk the lookups below share."""
        return Elements(self.soup)

    def tags(self, name: str) -> list[Tag]:
        """The page's <name> elements in document order, as soup.find_all(name) finds them."""
        return self.elements.named(name)

    def tagged(self, attribute: str, value: str) -> list[Tag]:
        """Elements whose `attribute` is exactly `value`, as soup.find_all(attrs={...}) finds
        them; the first call for an attribute indexes every element by it."""
        index = self._by_attribute.get(attribute)
        if index is None:
            index = self._by_attribute[attribute] = {}
            for tag in self.elements.all:
                found = tag.attrs.get(attribute)
                if isinstance(found, str):
                    index.setdefault(found, []).append(tag)
        return index.get(value, [])

    @cached_property
    def title(self) -> str | None:
        """The document's <title>, as plain text."""
        tag = next(iter(self.tags("title")), None)
        return clean(tag.get_text(" ")) if tag else None

    @property
    def canonical_url(self) -> str | None:
        """The address the page names for itself, for a page saved without its URL."""
        link = next((t for t in self.tags("link") if _is_canonical(t)), None)
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
        tag = next((t for t in self.tags("script") if t.get("id") == "__NEXT_DATA__"), None)
        return _json_object(tag.string if tag else None)

    @cached_property
    def jsonld(self) -> list[Any]:
        blocks = []
        for tag in self.tags("script"):
            if tag.get("type") != "application/ld+json":
                continue
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
        metas = self.tags("meta")
        tag = next((t for t in metas if t.get("name") == name), None) or next(
            (t for t in metas if t.get("property") == name), None
        )
        content = tag.get("content") if tag else None
        return content if isinstance(content, str) else None


class TooDeep(ValueError):
    """The page's tags nest deeper than libxml2 allows: no event page does."""


class _HTMLBuilder(LXMLTreeBuilder):
    """bs4's lxml builder for HTML without the XML namespace bookkeeping it inherits: lxml's
    HTML parser reports no namespaces (`xlink:href` stays a plain attribute name), and
    rebuilding every tag's attributes twice to look for them was a quarter of the build."""

    def start(self, tag: Any, attrib: Any, nsmap: Any = None) -> None:
        assert self.soup is not None
        attrs = self.attribute_dict_class(attrib)
        namespaces = self.active_namespace_prefixes[-1]
        self.soup.handle_starttag(tag, None, None, attrs, namespaces=namespaces)

    def end(self, tag: Any) -> None:
        assert self.soup is not None
        self.soup.endData()
        self.soup.handle_endtag(tag, None)


class _DepthLimitedSoup(BeautifulSoup):
    """BeautifulSoup that stops where libxml2 on its own would, as the tree is built.

    Its lxml builder bypasses libxml2's depth limit; checking the depth here costs one
    comparison per tag, where a separate lxml parse first cost a tenth of the build.
    """

    def __init__(self, markup: str, deepest: int) -> None:
        self._stack_limit = deepest + 1  # the stack starts with the document; libxml2's at <html>
        super().__init__(markup, builder=_HTMLBuilder, multi_valued_attributes=None)

    def pushTag(self, tag: Tag) -> None:
        # Where BeautifulSoup opens each tag; called directly, as super() costs a tenth more.
        BeautifulSoup.pushTag(self, tag)
        if len(self.tagStack) > self._stack_limit:
            raise TooDeep(sanity.TOO_DEEP)


def _soup(markup: str) -> BeautifulSoup:
    # Attributes stay as written: splitting every class into a list took a tenth of the
    # build, and only a few lookups need the words (`classes`; CSS selectors split them).
    deepest = sanity.depth_limit(markup)
    if deepest is None:
        return BeautifulSoup(markup, builder=_HTMLBuilder, multi_valued_attributes=None)
    return _DepthLimitedSoup(markup, deepest)


def classes(tag: Tag) -> list[str]:
    """The words of a tag's class attribute."""
    return str(tag.get("class") or "").split()


class Elements:
    """Every element under a root in document order, and by tag name, from one walk."""

    def __init__(self, root: Tag) -> None:
        self.all = [node for node in root.descendants if isinstance(node, Tag)]
        self._by_name: dict[str, list[Tag]] = {}
        for tag in self.all:
            self._by_name.setdefault(tag.name, []).append(tag)

    def named(self, name: str) -> list[Tag]:
        return self._by_name.get(name, [])


def _is_canonical(link: Tag) -> bool:
    return "canonical" in str(link.get("rel") or "").split() and "href" in link.attrs


def _fragment_roots(fragments: Sequence[str]) -> list[Tag]:
    """The fragments joined into one document, each in a wrapper element of its own.

    A scrolled list sends a thousand fragments, and a BeautifulSoup each cost twice the parse
    of their bytes. A broken fragment (an unclosed <div>, comment or <script>) swallows the
    wrappers after it; it and those it swallowed are parsed on their own, as is a fragment that
    names the wrapper (it could close its wrapper early).
    """
    joined = [i for i, fragment in enumerate(fragments) if _FRAGMENT not in fragment.lower()]
    wrapped = (f'<{_FRAGMENT} n="{i}">{fragments[i]}</{_FRAGMENT}>' for i in joined)
    soup = _soup("".join(wrapped)) if joined else None
    intact = _intact_wrappers(soup, joined) if soup is not None else {}
    return [intact[i] if i in intact else _soup(fragment) for i, fragment in enumerate(fragments)]


def _intact_wrappers(soup: BeautifulSoup, joined: list[int]) -> dict[int, Tag]:
    """Wrappers that hold their own fragment and nothing else.

    A wrapper is a child of <body> when every fragment before it closed; it holds no other
    fragment when the next wrapper is a child of <body> too.
    """
    children = soup.body.children if soup.body else ()
    placed = {int(str(t["n"])): t for t in children if isinstance(t, Tag) and t.name == _FRAGMENT}
    following = [*joined[1:], None]
    return {
        i: placed[i]
        for i, after in zip(joined, following, strict=True)
        if i in placed and (after is None or after in placed)
    }


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
