"""Saying when an event is, in words: in the event's own zone and in the user's."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from companion import i18n
from companion.i18n import _
from companion.parsers.times import zone


def parse(value: str | None) -> datetime | date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def describe(start: str | None, end: str | None, tz: str | None) -> str | None:
    """'Tue 19 Mar 2024, 18:00-19:30 PDT' in the event's own zone, in the language spoken."""
    return _describe(start, end, zone(tz))


def describe_for_user(start: str | None, end: str | None, user_zone: tzinfo) -> str | None:
    """The same moment on the user's clock; None when the time has no zone to convert from."""
    begin = parse(start)
    if not isinstance(begin, datetime) or begin.tzinfo is None:
        return None
    return _describe(start, end, user_zone)


def local_zone() -> tzinfo:
    """The machine's zone: the user's, unless they set another."""
    return datetime.now().astimezone().tzinfo or zone("UTC")  # type: ignore[return-value]


def same_clock(start: str | None, user_zone: tzinfo) -> bool:
    """Whether the user's clock shows the event's own wall time (no need to say it twice).

    A time with no zone cannot be converted, so it counts as the same.
    """
    begin = parse(start)
    if not isinstance(begin, datetime) or begin.tzinfo is None:
        return True
    return begin.utcoffset() == begin.astimezone(user_zone).utcoffset()


def _describe(start: str | None, end: str | None, place: tzinfo | None) -> str | None:
    begin = parse(start)
    if begin is None:
        return None
    if not isinstance(begin, datetime):
        return i18n.day(begin)
    if place and begin.tzinfo:
        begin = begin.astimezone(place)
    text = i18n.day_and_time(begin)
    finish = parse(end)
    if isinstance(finish, datetime):
        if place and finish.tzinfo:
            finish = finish.astimezone(place)
        same_day = finish.date() == begin.date()
        text += "-" + (i18n.clock(finish) if same_day else i18n.day_and_time(finish))
    if begin.tzinfo is None:  # the page said no zone: its clock is the venue's, whatever it is
        return _("%(when)s (local time of the venue, zone not given)", when=text)
    label = begin.tzname() if place else _offset(begin)
    return f"{text} {label}" if label else text


def _offset(moment: datetime) -> str | None:
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else None
