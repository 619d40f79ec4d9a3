"""Connection notes: short, personal, naming where you met. Hallway drafts; the user pastes."""

from __future__ import annotations

import json
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from companion.method.when import short_date

LINKEDIN_LIMIT = 200
_TEMPLATES = Path(__file__).parent / "templates"


@cache
def templates(language: str = "en") -> dict[str, Any]:
    return json.loads((_TEMPLATES / f"{language}.json").read_text(encoding="utf-8"))


def linkedin(
    person: dict[str, Any], event: dict[str, Any], role: str, limit: int = LINKEDIN_LIMIT
) -> dict[str, Any]:
    """A LinkedIn invitation note of at most `limit` characters (LinkedIn counts characters)."""
    variants = templates()["linkedin"].get(role) or templates()["linkedin"]["attendee"]
    # Vary the wording per person, but the same person always gets the same note.
    start = zlib.crc32(f"{person.get('name')}|{event.get('title')}".encode()) % len(variants)
    ordered = variants[start:] + variants[:start]
    first = first_name(person.get("name") or "")
    date = short_date(event.get("start")) or "the other day"
    text = _fit(ordered, first, event.get("title") or "the event", date, limit)
    return {"text": text, "length": len(text), "limit": limit}


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else "there"


def _fit(variants: list[str], first: str, title: str, date: str, limit: int) -> str:
    """The first variant that fits, shortening the event's name word by word if needed."""
    words = title.split()
    for keep in range(len(words), 0, -1):
        name = " ".join(words[:keep]) + ("…" if keep < len(words) else "")
        for template in variants:
            text = template.format(first=first, event=name, date=date)
            if len(text) <= limit:
                return text
    return _cut_at_word(
        variants[0].format(first=first, event=words[0] if words else "", date=date), limit
    )


def _cut_at_word(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"
