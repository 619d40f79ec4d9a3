"""Saying when an event is, in words, in the event's own zone."""

from __future__ import annotations

from datetime import date, datetime

from companion.parsers.times import zone


def parse(value: str | None) -> datetime | date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def describe(start: str | None, end: str | None, tz: str | None) -> str | None:
    """'Tue 19 Mar 2024, 18:00-19:30 PDT' in the zone the event happens in."""
    begin = parse(start)
    if begin is None:
        return None
    if not isinstance(begin, datetime):
        return begin.strftime("%a %d %b %Y")
    place = zone(tz)
    if place and begin.tzinfo:
        begin = begin.astimezone(place)
    text = begin.strftime("%a %d %b %Y, %H:%M")
    finish = parse(end)
    if isinstance(finish, datetime):
        if place and finish.tzinfo:
            finish = finish.astimezone(place)
        same_day = finish.date() == begin.date()
        text += "-" + finish.strftime("%H:%M" if same_day else "%a %d %b %Y, %H:%M")
    label = begin.tzname() if place else _offset(begin)
    return f"{text} {label}" if label else text


def short_date(start: str | None) -> str | None:
    """'19 Mar': how a person says the date in a note."""
    begin = parse(start)
    return f"{begin.day} {begin.strftime('%b')}" if begin else None


def _offset(moment: datetime) -> str | None:
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else None
