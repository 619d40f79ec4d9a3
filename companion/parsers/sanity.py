"""Cheap checks that turn away what is not a web page before BeautifulSoup spends time on it.

BeautifulSoup feeds lxml without libxml2's depth limit, so a document of millions of nested
tags would take minutes to build. Pages with many tags are held to that limit as their tree is
built (page.py); pages with fewer cannot nest deep enough to matter.
"""

from __future__ import annotations

_MANY_TAGS = 20_000  # a real event page has a few thousand; a saved DOM rarely 100 000
_TOO_MANY_TAGS = 400_000
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r", "\f"}
DEEPEST = 256  # libxml2's own limit on nesting
TOO_DEEP = "This page is not an event page: its tags are nested hundreds of levels deep."


def problem(html: str) -> str | None:
    """A sentence saying why this text cannot be an event page, or None if it may be one."""
    sample = html[:4096]
    # Binary bytes show up as NULs, control characters, or U+FFFD once decoded with "replace".
    odd = sum(ch in _CONTROL or ch == "\ufffd" for ch in sample)
    if "\x00" in sample or odd > len(sample) // 20:
        return "This file is not a web page: it holds binary data, not HTML."
    if html.count("<") > _TOO_MANY_TAGS:
        return "This page is far too large to be an event page (it holds more than 400 000 tags)."
    return None


def depth_limit(html: str) -> int | None:
    """How deep the tags of `html` may nest, or None when there are too few to matter."""
    return DEEPEST if html.count("<") > _MANY_TAGS else None
