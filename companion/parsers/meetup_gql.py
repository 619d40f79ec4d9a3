"""Meetup's attendee GraphQL answer (`getEventByIdForAttendees`), as the page itself loaded it.

The extension records these answers while the attendees page scrolls; several pages of one
list may arrive, each with part of `rsvps.edges`. The answer carries no profile URL and no bio:
the profile URL is built from the member id, the way Meetup's public API gives it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from companion.model import Event, Person, Place
from companion.parsers import times
from companion.parsers.meetup_common import member_url, photo_url, slash
from companion.parsers.text import clean

# Who said yes. EXCUSED_ABSENCE, NO_SHOW, NO and WAITLIST did not (or will not) come.
_CAME = {"YES", "ATTENDED"}
_ORGANIZER_ROLES = {"ORGANIZER", "COORGANIZER", "ASSISTANT_ORGANIZER", "EVENT_ORGANIZER"}
# whoCanContact: a fellow member of the group (the user RSVPed, so they are one) may write
# unless only organizers may.
_CAN_MESSAGE = {"ALL_MEMBERS": True, "GROUPS_ONLY": True, "ORGS_ONLY": False}
_STATUS = {"ACTIVE": "scheduled", "PAST": "past", "CANCELLED": "cancelled"}


def find(payloads: Sequence[Any]) -> dict[str, Any] | None:
    """The event of the attendee answers among the payloads, all their pages' rows merged."""
    events = [e for e in (_event_of(p) for p in _flat(payloads)) if e is not None]
    if not events:
        return None
    events = [e for e in events if e.get("id") == events[0].get("id")]  # one event per capture
    merged = dict(events[0])
    edges = [edge for e in events for edge in (e.get("rsvps") or {}).get("edges") or []]
    merged["rsvps"] = {**(events[0].get("rsvps") or {}), "edges": edges}
    return merged


def _flat(payloads: Sequence[Any]) -> list[Any]:
    # A batched GraphQL request answers with a list of results.
    out: list[Any] = []
    for payload in payloads:
        out.extend(payload if isinstance(payload, list) else [payload])
    return out


def _event_of(payload: Any) -> dict[str, Any] | None:
    data = payload.get("data") if isinstance(payload, dict) else None
    event = data.get("event") if isinstance(data, dict) else None
    if isinstance(event, dict) and isinstance(event.get("rsvps"), dict) and event.get("title"):
        return event
    return None


def event(raw: dict[str, Any]) -> Event:
    rsvps = raw.get("rsvps") or {}
    people_by_id = {p.platform_id: p for p in people(raw)}
    host_ids = [str(h.get("memberId")) for h in raw.get("eventHosts") or [] if isinstance(h, dict)]
    venue = raw.get("venue") if isinstance(raw.get("venue"), dict) else {}
    tz = _timezone(raw)
    return Event(
        title=clean(raw.get("title")) or "",
        url=slash(raw.get("eventUrl")),
        platform_id=str(raw["id"]) if raw.get("id") else None,
        start=times.normalize(raw.get("dateTime"), tz),
        end=times.normalize(raw.get("endTime"), tz),
        timezone=tz,
        status=_STATUS.get(str(raw.get("status"))),
        venue=Place(name=clean(venue.get("name")), address=clean(venue.get("address")))
        if clean(venue.get("name")) or clean(venue.get("address"))
        else None,
        online={"ONLINE": True, "HYBRID": True, "PHYSICAL": False}.get(str(raw.get("eventType"))),
        hosts=[_as_host(people_by_id[i]) for i in host_ids if i in people_by_id],
        attendee_count=rsvps.get("yesCount", rsvps.get("totalCount")),
    )


def _timezone(raw: dict[str, Any]) -> str | None:
    """The event's IANA zone, else its group's: a wall time there is the venue's clock."""
    group = raw.get("group") if isinstance(raw.get("group"), dict) else {}
    for name in (raw.get("timezone"), group.get("timezone")):
        if isinstance(name, str) and times.zone(name):
            return name
    return None


def people(raw: dict[str, Any]) -> list[Person]:
    """Each person who said yes, once, even when pages of the answer overlap."""
    found: dict[str | None, Person] = {}
    for edge in (raw.get("rsvps") or {}).get("edges") or []:
        node = edge.get("node") if isinstance(edge, dict) else None
        if not isinstance(node, dict) or node.get("status") not in _CAME:
            continue
        person = _person(node)
        if person is not None and person.platform_id not in found:
            found[person.platform_id] = person
    return list(found.values())


def _person(node: dict[str, Any]) -> Person | None:
    member = node.get("member") if isinstance(node.get("member"), dict) else {}
    name = clean(member.get("name"))
    member_id = str(member.get("id") or "")
    if not name or not member_id:
        return None
    membership = node.get("membership") if isinstance(node.get("membership"), dict) else {}
    privacy = member.get("profilePrivacy") if isinstance(member.get("profilePrivacy"), dict) else {}
    if node.get("isHost"):
        role = "host"
    elif membership.get("role") in _ORGANIZER_ROLES:
        role = "organizer"
    else:
        role = "attendee"
    return Person(
        name=name,
        platform_id=member_id,
        profile_url=member_url(member_id),
        role=role,
        headline=clean(membership.get("title")),
        photo_url=photo_url(member.get("memberPhoto")),
        can_message=_CAN_MESSAGE.get(str(privacy.get("whoCanContact"))),
    )


def _as_host(person: Person) -> Person:
    return replace(person, role="host")
