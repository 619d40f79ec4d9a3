"""What the API, the capture reply and the review pages answer: the method applied to the
network held in memory (store/network.py), read inside `Store.reading()`.

Every answer takes `today` and the settings as values, so nothing here reads the clock and
tests can fix the date. Writes here (`log_interaction`, ...) run inside a transaction.
"""

from __future__ import annotations

from datetime import date, tzinfo
from heapq import nsmallest
from typing import Any

from tinydb import TinyDB

from companion import i18n
from companion.clock import now
from companion.i18n import _
from companion.method import followups, notes, organizer
from companion.method import progress as figures
from companion.method.by_hand import BadPerson, NewPerson
from companion.method.classify import classify
from companion.method.interactions import NOT_TOUCHES, iso_date, progress
from companion.method.prep import (
    HOST_ROLES,
    NAMES_SHOWN,
    Attendee,
    Names,
    prep_notes,
    talk_to,
)
from companion.method.settings import note_language, user_zone
from companion.store import by_hand, tables
from companion.store.db import current_network
from companion.store.network import SORTS, Network, group_name

PAGE_SIZE = 50
BRIEF_FIELDS = ("name", "headline", "company", "profile_url", "photo_url", "linkedin_url")
__all__ = ["PAGE_SIZE", "SORTS", "Network"]
# The role a note speaks to when a person had several at one event.
_ROLE_ORDER = ("speaker", "organizer", "host", "asked_question", "participant", "attendee")
_TALKED_KINDS = {"met", "talked", "met_again", "helped", "note"}


def summary(net: Network, person_id: int) -> dict[str, Any]:
    person = net.people[person_id]
    result = classify(person, net.roles(person_id))
    return {
        "id": person_id,
        "name": person.get("name"),
        "headline": person.get("headline"),
        "company": person.get("company"),
        "class": result.cls,
        "class_reason": result.reason,
        "interactions": net.touch_count(person_id),
        "last_seen": net.last_seen(person_id),
        "status": followups.status(person),
    }


def list_people(
    net: Network,
    today: date,
    q: str = "",
    event: int | None = None,
    cls: str | None = None,
    status: str | None = None,
    due: bool = False,
    sort: str = "last_seen",
    page: int = 1,
    group: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of people matching every filter given, and how many match in all.

    Every sort's order and every person's text are kept in the network: a request filters
    a list already sorted, and only the page's rows are summarized.
    """
    needle = q.casefold().strip()
    wanted = _filters(net, today, event, group, status, cls, due)
    start = (page - 1) * PAGE_SIZE
    if not needle and not wanted:  # a page of the whole list, read straight from it
        shown = net.ordered(sort, start, start + PAGE_SIZE)
        return [summary(net, e.person_id) for e in shown], len(net.people)
    entries = net.search(sort, needle) if needle else net.ordered(sort)
    ids = [e.person_id for e in entries if all(keep(e.person_id) for keep in wanted)]
    return [summary(net, pid) for pid in ids[start : start + PAGE_SIZE]], len(ids)


def _filters(
    net: Network,
    today: date,
    event: int | None,
    group: str | None,
    status: str | None,
    cls: str | None,
    due: bool,
) -> list[Any]:
    """A test on a person's id for each filter given."""
    wanted = []
    if event is not None:
        there = set(net.attendees(event))
        wanted.append(lambda pid: pid in there)
    if group:
        wanted.append(lambda pid: group in net.groups_of(pid))
    if status:
        wanted.append(lambda pid: followups.status(net.people[pid]) == status)
    if cls:
        wanted.append(lambda pid: net.person_class(pid) == cls)
    if due:
        day = today.isoformat()
        wanted.append(lambda pid: (due_on := net.due_on(pid)) is not None and due_on <= day)
    return wanted


def groups(net: Network) -> list[str]:
    """The names of the groups whose events were captured, for a filter."""
    return sorted({g for e in net.events.values() if (g := group_name(e))}, key=str.casefold)


def detail(net: Network, person_id: int, today: date) -> dict[str, Any]:
    """The person with their attendances, their timeline and what is next."""
    person = net.people[person_id]
    touches = net.touches_of(person_id)
    step = net.step(person_id)
    attended = [
        {
            "event_id": a["event_id"],
            "title": net.events.get(a["event_id"], {}).get("title"),
            "start": net.events.get(a["event_id"], {}).get("start"),
            "role": a["role"],
        }
        for a in net.attended(person_id)
    ]
    return {
        **{k: v for k, v in person.items() if k != "keys"},
        **summary(net, person_id),
        "progress": progress(touches),
        "attendances": attended,
        "interactions": touches,
        "next": _due_fields(step, today) if step else None,
    }


def _due_fields(step: followups.Due, today: date) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "due_on": step.due_on,
        "reason": step.reason,
        "due": step.is_due(today),
    }


def invites(net: Network, today: date) -> dict[str, Any]:
    return followups.invite_budget(list(net.invites.values()), today, net.settings["invite_budget"])


def due_followups(net: Network, today: date, limit: int | None = None) -> dict[str, Any]:
    """What is due by `today`, oldest first, each with the note to send: the first `limit`
    of them (all when None), and how many are due in all. Notes are drafted only for those
    returned: a large network can have thousands due, and a page shows a few."""
    budget = invites(net, today)
    dated, total = net.steps_due(today, limit)
    due = [step_with_note(net, person_id, budget["left"]) for person_id in dated]
    return {"due": due, "total": total, "invites": budget}


def step_with_note(net: Network, person_id: int, invites_left: int | None) -> dict[str, Any]:
    """What is next with someone who has a next step, and the note to send for it."""
    step = net.step(person_id, invites_left)
    assert step is not None, "ask only about people with a next step"
    event_id = step.event_id or _latest_event(net, person_id)
    drafted = person_notes(net, person_id, event_id) if event_id else None
    kind = "linkedin" if step.kind == "invite" else "follow_up"
    return {
        "person": brief(net, person_id),
        "kind": step.kind,
        "reason": step.reason,
        "due_on": step.due_on,
        "event_id": event_id,
        "note": drafted[kind]["text"] if drafted else None,
    }


def brief(net: Network, person_id: int) -> dict[str, Any]:
    """What a list shows of a person (read from the stored document, not copied whole)."""
    person = net.people.get(person_id) or {}
    return {"id": person_id, **{k: person.get(k) for k in BRIEF_FIELDS}}


def with_events(net: Network, person_id: int) -> dict[str, Any]:
    """A person in brief with the titles of the events they were at: enough to tell two
    people of one name apart."""
    titles = [net.events[e].get("title") or "" for e in net.event_ids(person_id) if e in net.events]
    return {**brief(net, person_id), "events": titles}


def newest_first(net: Network) -> list[dict[str, Any]]:
    """Every event, newest start first (events with no known start last)."""
    return sorted(net.events.values(), key=lambda e: e.get("start") or "", reverse=True)


def attendees(net: Network, event_id: int) -> list[dict[str, Any]]:
    """The people at one event, each once, with every role they had there."""
    return [
        {"id": pid, **net.people[pid], "roles": net.roles(pid, event_id)}
        for pid in net.attendees(event_id)
        if pid in net.people
    ]


def _latest_event(net: Network, person_id: int) -> int | None:
    events = [e for e in net.event_ids(person_id) if e in net.events]
    return max(events, key=lambda e: net.events[e].get("start") or "", default=None)


def person_notes(
    net: Network, person_id: int, event_id: int | None = None, language: str | None = None
) -> dict[str, Any] | None:
    """Every note for this person at this event (their latest one when not given), in the
    language asked for, else the settings' (note_language)."""
    event_id = event_id if event_id is not None else _latest_event(net, person_id)
    if event_id is None or event_id not in net.events:
        return None
    at_event = net.attendees(event_id)
    # Their place in the event's list: people at one event get distinct wording.
    index = at_event.index(person_id) if person_id in at_event else person_id
    drafted = notes.all_notes(
        _facts(net, person_id, event_id),
        index=index,
        limit=net.settings["note_limit"],
        language=note_language(net.settings, language),
    )
    return {"event_id": event_id, "language": note_language(net.settings, language), **drafted}


def _facts(net: Network, person_id: int, event_id: int) -> notes.Facts:
    roles = net.roles(person_id, event_id)
    role = next((r for r in _ROLE_ORDER if r in roles), "attendee")
    there = [i for i in net.stored_touches(person_id) if i.get("event_id") == event_id]
    talked = [i for i in there if i["kind"] in _TALKED_KINDS]
    about = [i["note"] for i in talked if i.get("note")]
    question = next(
        (a["question"] for a in net.attended(person_id, event_id) if a.get("question")), None
    )
    return notes.facts(
        net.people[person_id],
        net.events[event_id],
        role,
        question=question,
        talked_about=about[-1] if about else None,
        talked=bool(talked),
    )


def event_prep(
    net: Network, event_id: int, zone: tzinfo | None = None, language: str | None = None
) -> list[dict[str, Any]]:
    """Prep notes for one event, in the notes' language; the user's zone from the settings
    unless given."""
    event = net.events[event_id]
    attendees = [
        _attendee(net, pid, event_id) for pid in net.attendees(event_id) if pid in net.people
    ]
    zone = zone or user_zone(net.settings)
    with i18n.speaking(note_language(net.settings, language)):
        return prep_notes(
            event, attendees, _colleagues(net, event), zone, _returning(net, event_id)
        )


def _returning(net: Network, event_id: int) -> bool:
    """Whether the user has captured an earlier event of this event's group."""
    event = net.events[event_id]
    group, start = group_name(event), event.get("start")
    if group is None or not start:
        return False
    return any(
        group_name(other) == group and (other.get("start") or "") < start
        for other_id, other in net.events.items()
        if other_id != event_id
    )


def _attendee(net: Network, person_id: int, event_id: int) -> Attendee:
    person = net.people[person_id]
    roles = net.roles(person_id, event_id)
    # Only the people you know get a "last met"; only hosts get "people you both know".
    known = net.known(person_id, event_id)
    host = any(r in HOST_ROLES for r in roles)
    return Attendee(
        id=person_id,
        name=person.get("name") or "",
        roles=roles,
        cls=net.class_with_roles(person_id, roles),
        touches=net.touch_count(person_id),
        last_met=_last_met(net, person_id, event_id) if known else None,
        headline=person.get("headline"),
        company=person.get("company"),
        position=person.get("position"),
        profile_url=person.get("profile_url"),
        can_message=person.get("can_message"),
        mutual=_mutual(net, person_id, event_id) if host else ([], 0),
        known=known,
        named_in=next(
            (a["source"] for a in net.attended(person_id, event_id) if "source" in a), None
        ),
    )


def _last_met(net: Network, person_id: int, event_id: int) -> str | None:
    """The date of your latest touch with them outside this event."""
    dates = [
        i["date"]
        for i in net.stored_touches(person_id)
        if i.get("event_id") != event_id and i["kind"] not in NOT_TOUCHES
    ]
    return max(dates, default=None)


def _mutual(net: Network, person_id: int, event_id: int) -> Names:
    """Saved people you have met who were at another event with this person: those you
    know best first (the easiest to bring up), and how many in all."""
    elsewhere = [e for e in net.event_ids(person_id) if e != event_id]
    met = set().union(*map(net.met_at, elsewhere))
    others = [o for o in met if o != person_id and o in net.people]
    best = nsmallest(NAMES_SHOWN, others, key=lambda o: (-net.touch_count(o), _name(net, o), o))
    return [_name(net, o) for o in best], len(others)


def _name(net: Network, person_id: int) -> str:
    return net.people[person_id].get("name") or ""


def _colleagues(net: Network, event: dict[str, Any]) -> dict[str, Names]:
    """For each sponsor, the saved people (imported connections too) who work there: the
    first few names in alphabetical order, and how many in all."""
    found: dict[str, Names] = {}
    for sponsor in event.get("sponsors") or []:
        staff = net.staff(sponsor.casefold())
        found[sponsor] = ([name for name, _ in staff[:NAMES_SHOWN]], len(staff))
    return found


def organizer_view(net: Network, event_id: int) -> list[dict[str, Any]]:
    """Per speaker at the event, the organizer steps done and the next one."""
    return [
        {"person": brief(net, pid), **organizer.checklist(net.touches_of(pid), event_id)}
        for pid in net.attendees(event_id)
        if "speaker" in net.roles(pid, event_id) and pid in net.people
    ]


def log_interaction(db: TinyDB, person_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """Inside a transaction: store a checked interaction and move the connection status on
    (logging an invite or a connection advances it)."""
    stored = tables.add_interaction(db, person_id, fields)
    person = db.table("people").get(doc_id=person_id) or {}
    moved = followups.status_after(followups.status(person), fields["kind"])
    if moved != followups.status(person):
        tables.update_person(db, person_id, {"status": moved})
    return stored


def add_by_hand(db: TinyDB, new: NewPerson, today: date) -> int | list[int]:
    """Inside a transaction: someone you met, with a "talked" touch dated on the event's day
    (and their attendance there): the person their LinkedIn profile or `same_as` names, else
    a new record. Their id; or, when stored people have their name and the user has not yet
    said, those people to offer first (nothing is stored then)."""
    net = current_network(db)
    if new.event_id is not None and new.event_id not in net.events:
        raise BadPerson(_("There is no event with that 'event_id'."))
    person_id = new.same_as if new.same_as is not None else by_hand.by_profile(net, new)
    if person_id is not None and person_id not in net.people:
        raise BadPerson(_("'same_as' must be the number of a saved person."))
    if person_id is not None:
        by_hand.fill_in(db, net, person_id, new)
    elif offered := ([] if new.new else by_hand.same_name(net, new)):
        return offered
    else:
        person_id = by_hand.create(db, new, now())
    net = current_network(db)
    if new.event_id is not None:
        by_hand.attend(db, net, person_id, new.event_id)
    day = event_day(net, new.event_id, today) if new.event_id is not None else today.isoformat()
    talked = {"kind": "talked", "date": day, "event_id": new.event_id, "note": new.talked_about}
    log_interaction(db, person_id, talked)
    return person_id


def event_day(net: Network, event_id: int, today: date) -> str:
    """The day to date what happened at an event: its start, else today."""
    return net.day(event_id) or today.isoformat()


def record_talked(db: TinyDB, net: Network, event_id: int, person_ids: list[int], on: str) -> int:
    """Inside a transaction: a "talked" touch at the event for each person not yet ticked."""
    done, there = set(talked_at(net, event_id)), set(net.attendees(event_id))
    new = [pid for pid in dict.fromkeys(person_ids) if pid in there - done]
    for pid in new:
        log_interaction(db, pid, {"kind": "talked", "date": on, "event_id": event_id, "note": ""})
    return len(new)


def record_question(
    db: TinyDB, event_id: int, person_id: int, question: str, on: str
) -> dict[str, Any]:
    """Inside a transaction: the question a person asked, kept on their attendance (the
    connection note cites it) and logged as a note on their timeline.

    The note names the event rather than linking it: a note linked to an event reads as
    "you talked", and hearing someone's question is not talking with them.
    """
    tables.set_question(db, person_id, event_id, question)
    title = (db.table("events").get(doc_id=event_id) or {}).get("title")
    # Written in the user's language of the moment: it is their own note from then on.
    text = (
        _("Asked at %(event)s: %(question)s", event=title, question=question)
        if title
        else _("Asked: %(question)s", question=question)
    )
    note = {"kind": "note", "date": on, "event_id": None, "note": text}
    return log_interaction(db, person_id, note)


def talked_at(net: Network, event_id: int) -> list[int]:
    """The people you logged talking to at this event."""
    return sorted(
        pid
        for pid in net.attendees(event_id)
        if any(
            i.get("event_id") == event_id and i["kind"] in _TALKED_KINDS - {"note"}
            for i in net.touches_of(pid)
        )
    )


def event_room(net: Network, event_id: int) -> dict[str, Any]:
    """Who is at an event: everyone with their role and class, whom you knew already, whom
    to talk to (the prep notes' half-and-half list), and what you logged there."""
    present = [
        _attendee(net, pid, event_id) for pid in net.attendees(event_id) if pid in net.people
    ]
    talked = set(talked_at(net, event_id))
    questions = {
        a["person_id"]: a["question"]
        for pid in net.attendees(event_id)
        for a in net.attended(pid, event_id)
        if a.get("question")
    }
    rows = [
        {
            "id": a.id,
            "name": a.name,
            "headline": a.headline,
            "roles": a.roles,
            "class": a.cls,
            "interactions": a.touches,
            "known": _known_before(net, a.id, event_id),
            "talked": a.id in talked,
            "question": questions.get(a.id),
        }
        for a in sorted(present, key=lambda a: (not a.has(HOST_ROLES), a.name.casefold()))
    ]
    return {
        "attendees": rows,
        "known": [r for r in rows if r["known"]],
        "talk_to": [{"id": a.id, "name": a.name, "why": why} for a, why in talk_to(present)],
    }


def _known_before(net: Network, person_id: int, event_id: int) -> bool:
    """Met before this event's day: a touch, or another event, dated earlier. What you log at
    the event itself, afterwards, does not make someone a person you already knew."""
    day = net.day(event_id)
    if day is None:
        return net.known(person_id, event_id)
    touched = any(
        i["kind"] not in NOT_TOUCHES and (i.get("date") or day) < day
        for i in net.touches_of(person_id)
    )
    return touched or any((net.day(e) or day) < day for e in net.event_ids(person_id))


def timeline(net: Network, person_id: int) -> list[dict[str, Any]]:
    """A person's events and interactions, newest first; an event shows once."""
    logged = net.touches_of(person_id)
    entries = [{**i, "title": _title(net, i.get("event_id"))} for i in logged]
    seen = {i.get("event_id") for i in logged if i["kind"] == "seen_at"}
    for a in net.attended(person_id):
        if a["event_id"] not in seen:
            seen.add(a["event_id"])
            day = net.day(a["event_id"])
            entries.append(
                {"kind": "seen_at", "date": day, "event_id": a["event_id"], "note": ""}
                | {"title": _title(net, a["event_id"])}
            )
    # Newest first; on one day, the latest logged first.
    return sorted(reversed(entries), key=lambda e: e.get("date") or "", reverse=True)


def _title(net: Network, event_id: int | None) -> str | None:
    return net.events.get(event_id, {}).get("title") if event_id is not None else None


def recent_activity(net: Network, limit: int = 10) -> list[dict[str, Any]]:
    """The latest things you logged yourself (not the "seen at" a capture adds), newest first."""
    return [
        {"id": i, **doc}
        | {"person": brief(net, doc["person_id"]), "title": _title(net, doc.get("event_id"))}
        for i, doc in net.recent_logged(limit)
    ]


def events_around(
    net: Network, today: date, limit: int | None = 5
) -> dict[str, list[dict[str, Any]]]:
    """The next events (soonest first) and the latest past ones (newest first)."""
    day = today.isoformat()
    dated = sorted((e for e in net.events.values() if net.day(e["id"])), key=lambda e: e["start"])
    return {
        "upcoming": [e for e in dated if (net.day(e["id"]) or "") >= day][:limit],
        "recent": [e for e in reversed(dated) if (net.day(e["id"]) or "") < day][:limit],
    }


def counts(net: Network) -> dict[str, int]:
    return {
        "people": len(net.people),
        "events": len(net.events),
        "interactions": net.touch_total(),
    }


def progress_of(net: Network, today: date) -> dict[str, Any]:
    """Every figure of the progress page, as of `today`."""
    events = [
        figures.Gathering(eid, _day(e.get("start")), group_name(e)) for eid, e in net.events.items()
    ]
    people = [
        figures.Someone(
            pid,
            doc.get("name") or "",
            net.person_class(pid),
            [
                figures.Touch(day, t["kind"], t.get("event_id"))
                for t in net.stored_touches(pid)
                if t.get("kind") not in NOT_TOUCHES and (day := _day(t.get("date")))
            ],
            set(net.event_ids(pid)),
        )
        for pid, doc in net.people.items()
    ]
    eight = figures.toward_eight(people)
    return {
        "weeks": figures.weekly(people, events, today),
        "leaders": figures.leader_share(people, events, today),
        "stages": eight["stages"],
        "closest": [
            {"person": brief(net, p.id), "touches": n, "step": net.step(p.id)}
            for p, n in eight["closest"]
        ],
        "discipline": figures.discipline(people, events, today),
        "groups": figures.groups(people, events),
    }


def _day(value: str | None) -> date | None:
    found = iso_date(value)
    return date.fromisoformat(found) if found else None
