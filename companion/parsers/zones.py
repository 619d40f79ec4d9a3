"""A wall time placed in its zone when the page says which; left a wall time when it does not.

Pages often give "2025-06-12T18:30:00" with no offset, and say the zone elsewhere: in the
event's IANA `timezone` (the platform's data: the event's, its venue's or its group's), or
in a label beside the time the reader sees ("18:30 CET", "6:30 PM PDT", "19:00 (GMT+3)",
"20:00 UTC+08:00"). A label counts only beside the event's own start or end time, and only
when every such label agrees. Abbreviations are mapped only where one reading is common
(no IST, no CST for China): a wrong zone is worse than none.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo

from companion.model import Capture, Event
from companion.parsers.page import Page
from companion.parsers.times import zone

# Minutes east of UTC.
_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "WET": 0, "WEST": 60, "BST": 60, "CET": 60, "CEST": 120,
    "EET": 120, "EEST": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
    "MST": -420, "MDT": -360, "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480,
    "HST": -600, "JST": 540, "KST": 540, "SGT": 480, "HKT": 480, "AEST": 600,
    "AEDT": 660, "NZST": 720, "NZDT": 780,
}  # fmt: skip
_CLOCK = r"(?P<hour{n}>\d{{1,2}})[:.h](?P<minute{n}>\d{{2}})\s*(?P<half{n}>(?i:[ap]\.?\s?m\.?))?"
# A time, or a range of two ("18:30-20:30"), then the zone.
_LABEL = re.compile(
    r"(?<![\d:])"
    + _CLOCK.format(n="")
    + r"(?:\s*(?:-|\u2013|\u2014|to|bis|\u00e0)\s*"
    + _CLOCK.format(n="2")
    + r")?\s*\(?\s*(?:(?P<base>GMT|UTC)\s*(?P<offset>[+\-\u2212]\s*\d{1,2}(?::?\d{2})?)?"
    r"|(?P<abbr>" + "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True)) + r"))\b"
)


def place(capture: Capture, page: Page) -> None:
    """Give each event's wall times the zone the page states, where it states one."""
    events = [capture.event] if capture.event else capture.events
    labels: list[tuple[str, timezone]] | None = None  # read from the page once, when needed
    for event in events:
        if not (_wall_time(event.start) or _wall_time(event.end)):
            continue  # a time with an offset keeps it
        where = zone(event.timezone)
        if where is None:
            labels = _labels(page) if labels is None else labels
            where = _agreed(labels, event)
        if where is not None:
            event.start = _in(event.start, where) if _wall_time(event.start) else event.start
            event.end = _in(event.end, where) if _wall_time(event.end) else event.end


def _wall_time(value: str | None) -> bool:
    if not value or "T" not in value:
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def _in(value: str | None, where: tzinfo) -> str | None:
    return datetime.fromisoformat(value).replace(tzinfo=where).isoformat() if value else value


def _labels(page: Page) -> list[tuple[str, timezone]]:
    """Each clock time the page shows with a zone beside it: ("18:30", UTC+01:00)."""
    found = []
    for match in _LABEL.finditer(page.soup.get_text(" ")):
        offset = _offset(match)
        if offset is not None:
            found += [(_clock(match, n), offset) for n in ("", "2") if match["hour" + n]]
    return found


def _clock(match: re.Match[str], n: str) -> str:
    """ "18:30", from "18:30", "6:30 PM" or "18h30"."""
    half = match["half" + n] or (match["half2"] if n == "" else None)  # "6-8 PM"
    hour = int(match["hour" + n])
    if half:
        hour = hour % 12 + (12 if half.lower().startswith("p") else 0)
    return f"{hour:02d}:{match['minute' + n]}"


def _offset(match: re.Match[str]) -> timezone | None:
    if match["abbr"]:
        return timezone(timedelta(minutes=_ABBREVIATIONS[match["abbr"]]))
    written = (match["offset"] or "+0").replace("\u2212", "-").replace(" ", "")
    sign = -1 if written[0] == "-" else 1
    hours, _, minutes = written[1:].partition(":")
    if not minutes and len(hours) > 2:  # "+0530"
        hours, minutes = hours[:-2], hours[-2:]
    if int(hours) > 14 or int(minutes or 0) >= 60:
        return None
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))


def _agreed(labels: list[tuple[str, timezone]], event: Event) -> timezone | None:
    """The one zone the labels beside the event's start or end time give."""
    clocks = {(v or "")[11:16] for v in (event.start, event.end) if v and "T" in v}
    zones = {offset for clock, offset in labels if clock in clocks}
    return zones.pop() if len(zones) == 1 else None
