"""The calendar feed: the captured events still to come, with a short prep summary, and each
person's next step as an all-day item on its due date with the note to paste (RFC 5545,
written by the `icalendar` library). UIDs are stable: a refresh updates items instead of
adding them, and a step done is no longer in the feed (the next one comes as a new item)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from companion import answers
from companion.i18n import _
from companion.method import labels
from companion.method.prep import HOST_ROLES
from companion.store.network import Network

UID_DOMAIN = "hallway.local"
STEPS_AHEAD = timedelta(days=365)  # next touches planned further out are not worth a day yet


def feed(net: Network, today: date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Hallway//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Hallway")
    stamp = datetime.combine(today, datetime.min.time()).astimezone()
    for event in answers.events_around(net, today, limit=None)["upcoming"]:
        calendar.add_component(_event(net, event, stamp))
    for person_id in net.steps_due(today + STEPS_AHEAD)[0]:
        calendar.add_component(_follow_up(net, person_id, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(net: Network, event: dict[str, Any], stamp: datetime) -> Event:
    item = Event()
    item.add("uid", f"event-{event['id']}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("summary", event.get("title") or "Event")
    item.add("dtstart", _when(event["start"], event.get("timezone")))
    if event.get("end"):
        item.add("dtend", _when(event["end"], event.get("timezone")))
    venue = event.get("venue") or {}
    place = ", ".join(v for v in (venue.get("name"), venue.get("address")) if v)
    if place or event.get("online"):
        item.add("location", place or "Online")
    if urlsplit(event.get("url") or "").scheme in {"http", "https"}:
        item.add("url", event["url"])
    item.add("description", _prep_summary(net, event["id"]))
    return item


def _follow_up(net: Network, person_id: int, stamp: datetime) -> Event:
    step = answers.step_with_note(net, person_id, None)
    name = step["person"]["name"] or _("someone")
    day = date.fromisoformat(step["due_on"])
    item = Event()
    # One item per step: the same while it waits, gone once done (the next one is another).
    item.add("uid", f"follow-up-{person_id}-{step['kind']}-{step['due_on']}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    invite = step["kind"] == "invite"
    item.add(
        "summary",
        _("Invite %(name)s", name=name) if invite else _("Follow up with %(name)s", name=name),
    )
    item.add("dtstart", day)
    item.add("dtend", day + timedelta(days=1))
    item.add("transp", "TRANSPARENT")  # a reminder, not a busy hour
    item.add("description", "\n\n".join(t for t in (step["reason"], step["note"]) if t))
    return item


def _prep_summary(net: Network, event_id: int) -> str:
    """Who to research and whom to talk to, in a few lines."""
    room = answers.event_room(net, event_id)
    leading = [a["name"] for a in room["attendees"] if set(a["roles"]) & set(HOST_ROLES)]
    lines = [_("Research: %(names)s.", names=labels.listed(leading))] if leading else []
    if room["talk_to"]:
        whom = [_("%(name)s (%(why)s)", name=t["name"], why=t["why"]) for t in room["talk_to"]]
        lines.append(_("Talk to: %(names)s", names=labels.listed(whom)))
    return "\n".join(lines) or _("Open the event in Hallway for its prep notes.")


def _when(value: str, zone: str | None) -> datetime | date:
    """A start or end in the event's own zone when it is known (a VTIMEZONE is added)."""
    if "T" not in value:
        return date.fromisoformat(value[:10])
    moment = datetime.fromisoformat(value)
    try:
        return moment.astimezone(ZoneInfo(zone)) if zone and moment.tzinfo else moment
    except (ZoneInfoNotFoundError, ValueError):
        return moment
