"""Normalizing the many ways pages write a moment in time into ISO 8601.

The offset a page gives is kept (an event at 18:00 in Spokane stays 18:00-07:00); a wall time
with no zone stays naive rather than being guessed into one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_EXTRA_SECONDS = re.compile(r"(T\d{2}:\d{2}:\d{2}):\d{2}(?=[+-]\d{2}:?\d{2}$|Z$|$)")
_OFFSET_NO_COLON = re.compile(r"([+-]\d{2})(\d{2})$")
_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$")


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
    basic = _BASIC.match(text)
    if basic:
        y, mo, d, h, mi, s, off = basic.groups()
        text = f"{y}-{mo}-{d}" + (f"T{h}:{mi}:{s or '00'}" if h else "") + (off or "")
    text = _EXTRA_SECONDS.sub(r"\1", text)
    text = _OFFSET_NO_COLON.sub(r"\1:\2", text) if "T" in text else text
    try:
        if "T" not in text and " " not in text:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    except ValueError:
        return None
