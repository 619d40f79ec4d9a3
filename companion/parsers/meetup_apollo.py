"""A Meetup event as the page's Apollo cache (inside `__NEXT_DATA__`) holds it.

Event and group pages share this shape; the group page lists several events. Only the event's
own objects are read: the viewer's (`ROOT_QUERY.self`, `pageProps.user`) are never looked at.
"""

from __future__ import annotations

from typing import Any

from companion.model import Event, Group, Person, Place
from companion.parsers import speakers, times
from companion.parsers.meetup_common import Apollo, member_url, photo_url, slash
from companion.parsers.places import place
from companion.parsers.text import clean, markdown_to_text

STATUS = {
    "ACTIVE": "scheduled",
    "UPCOMING": "scheduled",
    "PAST": "past",
    "CANCELLED": "cancelled",
    "DRAFT": "draft",
}


def event(apollo: Apollo, raw: dict[str, Any]) -> Event | None:
    title = clean(raw.get("title"))
    if not title:
        return None
    group = apollo.get(raw.get("group"))
    tz = group.get("timezone") if isinstance(group, dict) else None
    return Event(
        title=title,
        url=raw.get("eventUrl"),
        platform_id=str(raw.get("id")) if raw.get("id") else None,
        start=times.normalize(raw.get("dateTime"), tz),
        end=times.normalize(raw.get("endTime"), tz),
        timezone=tz,
        status=STATUS.get(str(raw.get("status"))),
        group=_group(group),
        venue=_venue(apollo.get(raw.get("venue"))),
        online=_online(raw.get("eventType")),
        hosts=_hosts(apollo, raw),
        speakers=speakers_of({"speakerDetails": apollo.get(raw.get("speakerDetails"))}),
        sponsors=_sponsors(apollo, group),
        topics=_topics(apollo, raw),
        description=markdown_to_text(raw.get("description")),
        attendee_count=_going(apollo, raw),
    )


def _group(group: Any) -> Group | None:
    if not isinstance(group, dict) or not clean(group.get("name")):
        return None
    link = group.get("link") or (
        f"https://www.meetup.com/{group['urlname']}/" if group.get("urlname") else None
    )
    return Group(name=clean(group.get("name")) or "", url=slash(link))


def speakers_of(event: dict[str, Any]) -> list[Person]:
    """`speakerDetails.name` is free text that may credit several people and a company."""
    details = event.get("speakerDetails")
    return speakers.from_credit(details.get("name")) if isinstance(details, dict) else []


def _venue(venue: Any) -> Place | None:
    if not isinstance(venue, dict) or not venue:
        return None
    parts = [(clean(venue.get(k)) or "").strip(" ,") for k in ("address", "city", "state")]
    if (clean(venue.get("name")) or "").lower() == "online event":
        return None
    return place(venue.get("name"), ", ".join(p for p in parts if p))


def _online(event_type: Any) -> bool | None:
    return {"ONLINE": True, "HYBRID": True, "PHYSICAL": False}.get(str(event_type))


def _hosts(apollo: Apollo, raw: dict[str, Any]) -> list[Person]:
    hosts = []
    for ref in raw.get("eventHosts") or []:
        host = apollo.get(ref)
        member_id = str(host.get("memberId") or host.get("id") or "")
        if not host.get("name") and member_id:  # an inline stub: the cache has the rest
            # Event pages keep hosts as EventHost objects, group pages as Member objects.
            host = apollo.get({"__ref": f"EventHost:{member_id}"}) or apollo.get(
                {"__ref": f"Member:{member_id}"}
            )
        name = clean(host.get("name"))
        if not name:
            continue
        hosts.append(
            Person(
                name=name,
                platform_id=member_id or None,
                profile_url=member_url(member_id) if member_id else None,
                role="host",
                photo_url=photo_url(apollo.get(host.get("memberPhoto"))),
            )
        )
    return hosts


def _topics(apollo: Apollo, raw: dict[str, Any]) -> list[str]:
    names = []
    for connection in apollo.field(raw, "topics"):
        for edge in (apollo.get(connection) or {}).get("edges") or []:
            name = clean(apollo.get(edge.get("node")).get("name"))
            if name and name not in names:
                names.append(name)
    return names


def _sponsors(apollo: Apollo, group: Any) -> list[str]:
    if not isinstance(group, dict):
        return []
    names = []
    for connection in apollo.field(group, "sponsors"):
        for edge in (apollo.get(connection) or {}).get("edges") or []:
            name = clean(apollo.get(edge.get("node")).get("name"))
            if name and name not in names:
                names.append(name)
    return names


def _going(apollo: Apollo, raw: dict[str, Any]) -> int | None:
    """Who is going. The event page often carries only the waitlist count: that is not it."""
    for value in apollo.field(raw, "going"):
        count = apollo.get(value).get("totalCount")
        if isinstance(count, int):
            return count
    for key, value in raw.items():
        if key.startswith("rsvps") and "WAITLIST" not in key and '"NO"' not in key:
            data = apollo.get(value)
            count = data.get("yesCount", data.get("totalCount"))
            if isinstance(count, int):
                return count
    return None


def attendees(apollo: Apollo, raw: dict[str, Any]) -> list[Person]:
    """The people the cache says are going: a sample of five on event and group pages."""
    hosts = {str(h.get("memberId")) for h in raw.get("eventHosts") or [] if isinstance(h, dict)}
    found: dict[str, Person] = {}
    for key, value in raw.items():
        if not key.startswith("rsvps") or "WAITLIST" in key or '"NO"' in key:
            continue
        for edge in (apollo.get(value) or {}).get("edges") or []:
            member = apollo.get(apollo.get(edge.get("node")).get("member"))
            member_id, name = str(member.get("id") or ""), clean(member.get("name"))
            if member_id and name and member_id not in found:
                found[member_id] = Person(
                    name=name,
                    platform_id=member_id,
                    profile_url=member_url(member_id),
                    role="host" if member_id in hosts else "attendee",
                    photo_url=photo_url(apollo.get(member.get("memberPhoto"))),
                )
    return list(found.values())
