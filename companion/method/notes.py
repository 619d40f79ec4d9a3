"""Connection notes: short, personal, naming where you met. Hallway drafts; the user pastes.

A note is a greeting, a body that names the event, its date and (when known) what you talked
about, the question they asked or the talk's topic, then a closing. The pieces live in
templates/<language>.json. The rules:
- LinkedIn invites fit the limit (200 characters by default, 300 as a setting), counted in
  characters as LinkedIn counts them; nothing is cut mid-word: the detail, then the event's
  name are shortened at a word ("…"), then the closing is dropped;
- the note always names the event and when;
- people at one event get different wording, not only a different name (Meetup blocks
  messages that are too alike): person number `index` at the event gets the index-th
  combination of pieces, and distinct indices get distinct combinations.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from companion.method.prep import talk_topic
from companion.method.when import parse

LINKEDIN_LIMIT = 200
LINKEDIN_LONG_LIMIT = 300
NOTE_LIMITS = (LINKEDIN_LIMIT, LINKEDIN_LONG_LIMIT)
# Meetup and follow-up messages have no hard limit; short enough to read on a phone.
MESSAGE_LIMIT = 500
LANGUAGES = ("en", "zh")
_TEMPLATES = Path(__file__).parent / "templates"
# One token per CJK character (those scripts have no spaces), else a run of non-spaces.
_TOKEN = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+")
# Shortening steps, loosest first: (detail, event name, keep the extra, keep the closing).
_STEPS = [(None, None, True, True), (60, None, True, True), (35, None, True, True)]
_STEPS += [(35, n, True, True) for n in (60, 45, 30, 20, 12)]
_STEPS += [(35, 12, False, True), (35, 12, False, False), (20, 12, False, False)]


@dataclass(frozen=True)
class Facts:
    """What a note may say about one person at one event; None when not known."""

    name: str
    event: str | None
    start: str | None
    role: str = "attendee"
    topic: str | None = None
    question: str | None = None
    talked_about: str | None = None
    talked: bool = False


@cache
def templates(language: str = "en") -> dict[str, Any]:
    return json.loads((_TEMPLATES / f"{language}.json").read_text(encoding="utf-8"))


def facts(person: dict[str, Any], event: dict[str, Any], role: str, **known: Any) -> Facts:
    return Facts(
        name=person.get("name") or "",
        event=event.get("title"),
        start=event.get("start"),
        role=role,
        topic=talk_topic(event),
        **known,
    )


def variant(f: Facts) -> tuple[str, str | None]:
    """Which kind of note fits, and the detail it mentions."""
    if f.talked_about:
        return "talked", f.talked_about
    if f.role == "speaker":
        return "speaker", f.topic
    if f.role in {"host", "organizer"}:
        return "organizer", f.topic
    if f.talked:
        return "talked", None
    if f.question:
        return "question", f.question
    return "attended", f.topic


def linkedin(
    person: dict[str, Any],
    event: dict[str, Any],
    role: str,
    limit: int = LINKEDIN_LIMIT,
    index: int | None = None,
    language: str = "en",
) -> dict[str, Any]:
    """A LinkedIn invitation note of at most `limit` characters."""
    f = facts(person, event, role)
    return draft(f, "linkedin", limit, _index(f, index), language)


def all_notes(
    f: Facts, index: int | None = None, limit: int = LINKEDIN_LIMIT, language: str = "en"
) -> dict[str, dict[str, Any]]:
    """Every note for one person at one event: the invite (short and long), Meetup, follow-up."""
    i = _index(f, index)
    return {
        "linkedin": draft(f, "linkedin", limit, i, language),
        "linkedin_long": draft(f, "linkedin", LINKEDIN_LONG_LIMIT, i, language, extra=True),
        "meetup": draft(f, "meetup", MESSAGE_LIMIT, i, language),
        "follow_up": draft(f, "follow_up", MESSAGE_LIMIT, i, language),
    }


def draft(
    f: Facts, kind: str, limit: int, index: int, language: str = "en", extra: bool = False
) -> dict[str, Any]:
    t = templates(language)
    section = t[kind]
    name, detail = _variant_for(kind, f)
    bodies = section["bodies"][name]
    with_detail = [b for b in bodies if "{detail}" in b]
    plain = [b for b in bodies if "{detail}" not in b]
    greeting, body, middle, closing = _pick(section, with_detail if detail else plain, index, f)
    extras = section.get("extras", {}).get(name, []) if extra else []
    piece = extras[index % len(extras)] if extras else None
    values = {
        "first": _name(f.name, t),
        "date": _date(f.start, t) or t["fallback"]["date"],
        "daypart": _daypart(f.start, t),
    }
    event = f.event or t["fallback"]["event"]
    for detail_max, event_max, keep_extra, keep_closing in _STEPS:
        text = _join(
            t,
            greeting.format(**values),
            body.format(
                **values, event=shorten(event, event_max), detail=shorten(detail, detail_max)
            ),
            middle,
            piece if keep_extra else None,
            closing if keep_closing else None,
        )
        if note_length(text) <= limit:
            return _note(text, limit)
    if detail:  # still too long: say it without the detail
        bare = replace(
            f, talked_about=None, question=None, topic=None, talked=f.talked or bool(f.talked_about)
        )
        return draft(bare, kind, limit, index, language, extra)
    return _note(shorten(text, limit), limit)


def _variant_for(kind: str, f: Facts) -> tuple[str, str | None]:
    name, detail = variant(f)
    if kind == "follow_up":
        return ("detail" if f.talked_about else "plain"), f.talked_about
    return name, detail


def _pick(section: dict[str, Any], bodies: list[str], index: int, f: Facts) -> tuple[Any, ...]:
    """The index-th combination of body, middle and closing, in an order fixed per event.

    Distinct indices below the number of combinations get distinct combinations, so people
    at one event never get the same wording; the greeting varies too.
    """
    middles = section.get("middles") or [None]
    closings = section["closings"]
    combos = list(itertools.product(range(len(bodies)), range(len(middles)), range(len(closings))))
    random.Random(zlib.crc32(f"{f.event}|{f.role}".encode())).shuffle(combos)
    b, m, c = combos[index % len(combos)]
    # Past the last combination, the greeting shifts, so wording still differs.
    greetings = section["greetings"]
    greeting = greetings[(index + index // len(combos)) % len(greetings)]
    return greeting, bodies[b], middles[m], closings[c]


def _join(t: dict[str, Any], greeting: str, body: str, *rest: str | None) -> str:
    if greeting.endswith(("!", ".", "?")):
        body = body[:1].upper() + body[1:]
    return t["joiner"].join([greeting, body, *(p for p in rest if p)])


def _index(f: Facts, index: int | None) -> int:
    # Without a place in the event's list, vary by name; the same person keeps the same note.
    return index if index is not None else zlib.crc32(f"{f.name}|{f.event}".encode())


def _note(text: str, limit: int) -> dict[str, Any]:
    return {"text": text, "length": note_length(text), "limit": limit}


def note_length(text: str) -> int:
    """A note's length as LinkedIn counts it: its box is a textarea whose limit counts UTF-16
    code units (JavaScript's `length`), so an emoji counts two. The popup and the review
    pages count the same way."""
    return len(text.encode("utf-16-le")) // 2


def shorten(text: str | None, limit: int | None) -> str:
    """`text` within `limit` characters, cut after a whole word with '…' when it is longer."""
    if not text or limit is None or note_length(text) <= limit:
        return text or ""
    kept = ""
    for match in _TOKEN.finditer(text):
        if note_length(text[: match.end()]) + 1 > limit:
            break
        kept = text[: match.end()]
    # Only a single word longer than the whole limit is ever cut inside.
    return (kept.rstrip(" ,;:-\u2013") or _cut(text, limit - 1)) + "…"


def _cut(text: str, units: int) -> str:
    """The longest start of `text` within `units`, never splitting a character."""
    while note_length(text) > units:
        text = text[:-1]
    return text


# A first name is letters (any script), with the apostrophes, hyphens and dots names have:
# "<img," taken from markup, "@ada" or "2nd" get no first-name greeting.
_NAME = re.compile(r"[^\W\d_]+(?:['\u2019.\-][^\W\d_]*)*")


def first_name(name: str) -> str:
    words = name.split()
    return words[0] if words and _NAME.fullmatch(words[0]) else ""


def _name(name: str, t: dict[str, Any]) -> str:
    first = first_name(name)
    chosen = first if t["name"] == "first" or not first else name.strip()
    return chosen or t["fallback"]["first"]


def _daypart(start: str | None, t: dict[str, Any]) -> str:
    """'morning', 'afternoon' or 'evening' from the event's wall time; 'event' without one."""
    moment = parse(start)
    if not isinstance(moment, datetime):
        return t["dayparts"]["unknown"]
    hour = moment.hour
    return t["dayparts"]["morning" if hour < 12 else "afternoon" if hour < 17 else "evening"]


def _date(start: str | None, t: dict[str, Any]) -> str | None:
    """'12 Jun' or '6月12日': how a person writes the date in a note."""
    moment = parse(start)
    if moment is None:
        return None
    return t["date"].format(day=moment.day, month=t["months"][moment.month - 1])
