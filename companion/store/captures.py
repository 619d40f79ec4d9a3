"""Storing what a capture says: merge, never duplicate, never overwrite what the user wrote."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from tinydb import TinyDB

from companion.model import Capture, Event, Person
from companion.store import indexes
from companion.store.db import raw
from companion.store.identity import abbreviates, event_key, person_keys, url_keys
from companion.store.indexes import CaptureIndexes
from companion.store.schema import PERSON_DEFAULTS

# Facts a capture may refresh. Everything else on a person (status, notes, class) is the user's.
CAPTURED_PERSON_FIELDS = (
    "name",
    "headline",
    "photo_url",
    "profile_url",
    "linkedin_url",
    "can_message",
)


@dataclass
class Saved:
    event_id: int | None
    event_ids: list[int] = field(default_factory=list)  # every event stored, listings included
    people: list[tuple[int, str]] = field(default_factory=list)  # (person id, role)
    added: int = 0
    updated: int = 0
    known: list[int] = field(default_factory=list)
    duplicate: bool = False
    new: set[int] = field(default_factory=set)  # people this capture added


def save_capture(db: TinyDB, capture: Capture, capture_id: str | None, at: str) -> Saved:
    """Merge one capture into the store. Call inside `Store.transaction()`.

    An event page or attendee list has one event; a listing (a group page) has several,
    each stored with its hosts and speakers, and the listing's own people (the group's
    organizers) are stored as people without an attendance.
    """
    index = indexes.of(db)
    logged = index.captures.first(capture_id)
    if logged is not None:
        seen = raw(db, "captures")[str(logged)]["event_id"]
        people = [
            (a["person_id"], a["role"])
            for a in raw(db, "attendances").values()
            if a["event_id"] == seen
        ]
        return Saved(event_id=seen, people=people, duplicate=True)
    events = [capture.event] if capture.event else capture.events
    if not events:
        raise ValueError("a capture without an event cannot be stored")
    saved = Saved(event_id=None)
    for event in events:
        key = event_key(event, capture.platform)
        event_id = _upsert_event(db, index, event, key, capture.platform, at)
        saved.event_ids.append(event_id)
        people = [*event.hosts, *event.speakers]
        if event is capture.event:
            saved.event_id = event_id
            people += capture.people
        askers: dict[str, int] = {}
        newly_here: list[int] = []
        for person in people:
            person_id = _save_person(db, index, saved, person, capture.platform, key, at)
            if _attend(db, index, saved, person_id, event_id, person.role):
                newly_here.append(person_id)
            if person.role == "asked_question":
                askers[person.platform_id or person.name] = person_id
        if event is capture.event:
            _note_questions(db, capture, askers, event_id)
            _record_seen(db, newly_here, event_id, _day(event.start) or _day(at))
    if capture.event is None:
        first_key = event_key(events[0], capture.platform)
        for person in capture.people:
            person_id = _save_person(db, index, saved, person, capture.platform, first_key, at)
            saved.people.append((person_id, person.role))
    if capture_id:
        db.table("captures").insert(
            {"capture_id": capture_id, "event_id": saved.event_id, "at": at}
        )
    return saved


def _upsert_event(
    db: TinyDB, index: CaptureIndexes, event: Event, key: str, platform: str, at: str
) -> int:
    table = db.table("events")
    facts = asdict(event)
    del facts["hosts"], facts["speakers"]  # people live in attendances
    existing = index.follow(db).events.first(key)
    if existing is None:
        return table.insert({**facts, "key": key, "platform": platform, "first_seen": at})
    doc = raw(db, "events")[str(existing)]
    merged = {k: v for k, v in facts.items() if v not in (None, "", [])}
    if any(doc.get(k) != v for k, v in merged.items()):
        table.update(merged, doc_ids=[existing])
    return existing


def _save_person(
    db: TinyDB,
    index: CaptureIndexes,
    saved: Saved,
    person: Person,
    platform: str,
    ekey: str,
    at: str,
) -> int:
    table = db.table("people")
    keys = person_keys(person, platform, ekey)
    found = ((k, getattr(person, k)) for k in CAPTURED_PERSON_FIELDS)
    facts = {k: v for k, v in found if v is not None}
    known = index.follow(db).people
    person_id = next((p for k in keys if (p := known.first(k)) is not None), None)
    if person_id is None:
        person_id = table.insert({**PERSON_DEFAULTS, **facts, "keys": keys, "first_seen": at})
        saved.added += 1
        saved.new.add(person_id)
        return person_id
    doc = raw(db, "people")[str(person_id)]
    if abbreviates(facts["name"], doc.get("name") or ""):
        del facts["name"]  # the full name seen before says more
    if url_keys(facts.get("profile_url")) == url_keys(doc.get("profile_url")):
        facts.pop("profile_url", None)  # another spelling of the same profile
    changes = {k: v for k, v in facts.items() if doc.get(k) != v}
    new_keys = [k for k in keys if k not in doc.get("keys", []) and k not in known.ids]
    if new_keys:
        changes["keys"] = [*doc.get("keys", []), *new_keys]
    if changes:
        table.update(changes, doc_ids=[person_id])
        saved.updated += 1
    # Known means: met at another event, or the user logged something with them.
    elsewhere = any(e != saved.event_id for e, _ in index.follow(db).attended(db, person_id))
    known_before = (elsewhere or person_id in index.touches.ids) and person_id not in saved.new
    if known_before and person_id not in saved.known:
        saved.known.append(person_id)
    return person_id


def _note_questions(db: TinyDB, capture: Capture, askers: dict[str, int], event_id: int) -> None:
    """Keep the question each person asked on their attendance: the follow-up note cites it."""
    asked: dict[int, str] = {}
    for question in capture.questions:
        person_id = askers.get(question.platform_id or question.name)
        if person_id is not None and person_id not in asked:
            asked[person_id] = question.text
    if not asked:
        return
    table = db.table("attendances")
    for doc_id, a in raw(db, "attendances").items():
        wanted = asked.get(a["person_id"])
        if (
            wanted
            and a["event_id"] == event_id
            and a["role"] == "asked_question"
            and a.get("question") != wanted
        ):
            table.update({"question": wanted}, doc_ids=[int(doc_id)])


def _attend(
    db: TinyDB, index: CaptureIndexes, saved: Saved, person_id: int, event_id: int, role: str
) -> bool:
    """Store the attendance once; True when this is the person's first role at this event."""
    theirs = index.follow(db).attended(db, person_id)
    first_here = all(e != event_id for e, _ in theirs)
    if (event_id, role) not in theirs:
        db.table("attendances").insert({"person_id": person_id, "event_id": event_id, "role": role})
    saved.people.append((person_id, role))
    return first_here


def _record_seen(db: TinyDB, person_ids: list[int], event_id: int, day: str | None) -> None:
    """A "seen at" touch for each person the first time a capture shows them at an event:
    seeing someone at several events counts toward the eight interactions."""
    db.table("interactions").insert_multiple(
        {"person_id": pid, "kind": "seen_at", "date": day, "event_id": event_id, "note": ""}
        for pid in dict.fromkeys(person_ids)
    )


def _day(value: str | None) -> str | None:
    """'2025-06-12' from an ISO date or timestamp; None when it is neither."""
    try:
        return date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None
