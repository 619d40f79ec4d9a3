"""Cheap checks that turn away what is not a web page before BeautifulSoup spends time on it.

BeautifulSoup feeds lxml without libxml2's depth limit, so a document of millions of nested
tags takes minutes to build. libxml2 on its own stops at depth 256 at once: we ask it first,
but only for pages with many tags, so ordinary pages are still parsed once.
"""

from __future__ import annotations

from lxml import etree

_MANY_TAGS = 20_000  # a real event page has a few thousand; a saved DOM rarely 100 000
_TOO_MANY_TAGS = 400_000
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}


def problem(html: str) -> str | None:
    """A sentence saying why this text cannot be an event page, or None if it may be one."""
    sample = html[:4096]
    # Binary bytes show up as NULs, control characters, or U+FFFD once decoded with "replace".
    odd = sum(ch in _CONTROL or ch == "\ufffd" for ch in sample)
    if "\x00" in sample or odd > len(sample) // 20:
        return "This file is not a web page: it holds binary data, not HTML."
    tags = html.count("<")
    if tags > _TOO_MANY_TAGS:
        return "This page is far too large to be an event page (it holds more than 400 000 tags)."
    if tags > _MANY_TAGS and _too_deep(html):
        return "This page is not an event page: its tags are nested hundreds of levels deep."
    return None


def _too_deep(html: str) -> bool:
    parser = etree.HTMLParser(recover=True)
    try:
        etree.fromstring(html.encode("utf-8", "replace"), parser)
    except etree.LxmlError:
        return True
    return any("Excessive depth" in error.message for error in parser.error_log)
