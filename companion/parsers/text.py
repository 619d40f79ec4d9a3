"""Turning the strings pages carry into plain, trimmed text."""

from __future__ import annotations

import html
import re

from bs4 import Tag

_SPACE = re.compile(r"\s+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*\)")
_MD_MARK = re.compile(r"(\*\*|__|`)")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def clean(value: object) -> str | None:
    """One line of plain text, entities decoded (pages sometimes escape them twice)."""
    if value is None:
        return None
    text = str(value)
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text or None


def clean_block(value: object) -> str | None:
    """Like clean() but keeps paragraph breaks, for descriptions."""
    if value is None:
        return None
    text = html.unescape(str(value))
    paragraphs = (_SPACE.sub(" ", p).strip() for p in re.split(r"\n\s*\n", text))
    joined = "\n\n".join(p for p in paragraphs if p)
    return joined or None


def markdown_to_text(value: str | None) -> str | None:
    """Meetup descriptions are Markdown whose links go through a click tracker: keep the words."""
    if not value:
        return None
    return clean_block(_MD_MARK.sub("", _MD_LINK.sub(r"\1", value)))


def first_int(value: object) -> int | None:
    """The first number in a label such as 'Participants (25)' or '64 Going', in any language."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    match = re.search(r"\d[\d,.\s]*", str(value))
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group())
    return int(digits) if digits else None


_BLOCK_TAGS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"]


def block_text(tag: Tag) -> str | None:
    """Rendered HTML as text, one paragraph per block element (inline markup joined by spaces)."""
    leaves = [b for b in tag.find_all(_BLOCK_TAGS) if not b.find(_BLOCK_TAGS)]
    if not leaves:
        return clean_block(tag.get_text(" "))
    return clean_block("\n\n".join(b.get_text(" ") for b in leaves))
