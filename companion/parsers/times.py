"""Normalizing the many ways pages write a moment in time into ISO 8601.

The offset a page gives is kept (an event at 18:00 in Spokane stays 18:00-07:00); a wall time
with no zone stays naive rather than being guessed into one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$")
# The repairs for what real sites print, in the order _canonical applies them (Python 3.11's
# fromisoformat already reads "+0100", "+01" and "Z" itself):
_SPACE_FOR_T = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(?=\d{1,2}:)")  # "2025-06-12 18:30"
_UTC_WORD = re.compile(r"\s*(?:Z|UTC|GMT)$", re.IGNORECASE)  # "18:30:00 Z", "18:30 UTC"
_SPACED_OFFSET = re.compile(r"\s+(?=[+-]\d{2}(?::?\d{2})?$)")  # "18:30:00 +0100"
# "18:30:00:00+02:00": a fourth field, never a fraction
_EXTRA_SECONDS = re.compile(r"(T\d{2}:\d{2}:\d{2}):\d{2}(?=[+-]|$)")


def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def from_epoch_ms(value: int | str, tz: str | None = None) -> str:
    instant = datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    return instant.astimezone(zone(tz) or UTC).isoformat()


def normalize(value: object, tz: str | None = None) -> str | None:
    """ISO 8601 for a page's time value, or None when it is not a time at all.

    `tz` (an IANA name) places UTC instants in the event's own zone.
    """
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text or text.lower() in {"none", "null"}:
        return None
    if text.isdigit() and len(text) >= 12:
        return from_epoch_ms(text, tz)
    parsed = _parse(text)
    if parsed is None:
        return None
    if isinstance(parsed, date) and not isinstance(parsed, datetime):
        return parsed.isoformat()
    if parsed.tzinfo is not None and tz and parsed.utcoffset() == UTC.utcoffset(None):
        parsed = parsed.astimezone(zone(tz) or UTC)
    return parsed.isoformat()


def _parse(text: str) -> datetime | date | None:
    text = _canonical(text)
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        return None


def _canonical(text: str) -> str:
    """The extended ISO form of a date, or of a date and time, however the page spaced it."""
    basic = _BASIC.match(text)
    if basic:
        y, mo, d, h, mi, s, off = basic.groups()
        text = f"{y}-{mo}-{d}" + (f"T{h}:{mi}:{s or '00'}" if h else "") + (off or "")
    text = _SPACE_FOR_T.sub(r"\1T", text)
    text = _UTC_WORD.sub("+00:00", text)
    text = _SPACED_OFFSET.sub("", text)
    return _EXTRA_SECONDS.sub(r"\1", text)
