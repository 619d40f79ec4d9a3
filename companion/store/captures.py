"""Storing what a capture says: merge, never duplicate, never overwrite what the user wrote."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tinydb import TinyDB

from companion.model import Capture, Event, Person
from companion.store.identity import event_key, person_keys

# Facts a capture may refresh. Everything else on a person (status, notes, class) is the user's.
CAPTURED_PERSON_FIELDS = ("name", "headline", "photo_url", "profile_url", "can_message")


@dataclass
class Saved:
    event_id: int | None
    people: list[tuple[int, str]] = field(default_factory=list)  # (person id, role)
    added: int = 0
    updated: int = 0
    known: list[int] = field(default_factory=list)
    duplicate: bool = False


def save_capture(db: TinyDB, capture: Capture, capture_id: str | None, at: str) -> Saved:
    """Merge one capture into the store. Call inside `Store.transaction()`."""
    if capture_id:
        seen = _find(db.table("captures"), "capture_id", capture_id)
        if seen:
            people = [(a["person_id"], a["role"]) for a in _attendances(db, seen["event_id"])]
            return Saved(event_id=seen["event_id"], people=people, duplicate=True)
    event = capture.event
    if event is None:
        raise ValueError("a capture without an event cannot be stored yet")
    key = event_key(event, capture.platform)
    event_id = _upsert_event(db, event, key, capture.platform, at)
    saved = Saved(event_id=event_id)
    index = _person_index(db)
    attended = _attendance_index(db)
    interacted = {i["person_id"] for i in db.table("interactions").all()}
    for person in [*event.hosts, *event.speakers, *capture.people]:
        person_id, status = _upsert_person(db, index, person, capture.platform, key, at)
        if status == "added":
            saved.added += 1
        elif status == "updated":
            saved.updated += 1
        # Known means: met at another event, or the user logged something with them.
        theirs = attended.setdefault(person_id, set())
        elsewhere = any(e != event_id for e, _ in theirs)
        if status != "added" and (elsewhere or person_id in interacted):
            saved.known.append(person_id)
        if (event_id, person.role) not in theirs:
            db.table("attendances").insert(
                {"person_id": person_id, "event_id": event_id, "role": person.role}
            )
            theirs.add((event_id, person.role))
        saved.people.append((person_id, person.role))
    if capture_id:
        db.table("captures").insert({"capture_id": capture_id, "event_id": event_id, "at": at})
    return saved


def _upsert_event(db: TinyDB, event: Event, key: str, platform: str, at: str) -> int:
    table = db.table("events")
    facts = asdict(event)
    del facts["hosts"], facts["speakers"]  # people live in attendances
    existing = _find(table, "key", key)
    if existing is None:
        return table.insert({**facts, "key": key, "platform": platform, "first_seen": at})
    merged = {k: v for k, v in facts.items() if v not in (None, "", [])}
    if any(existing.get(k) != v for k, v in merged.items()):
        table.update(merged, doc_ids=[existing.doc_id])
    return existing.doc_id


def _person_index(db: TinyDB) -> dict[str, int]:
    return {key: doc.doc_id for doc in db.table("people").all() for key in doc.get("keys", [])}


def _upsert_person(
    db: TinyDB, index: dict[str, int], person: Person, platform: str, ekey: str, at: str
) -> tuple[int, str]:
    table = db.table("people")
    keys = person_keys(person, platform, ekey)
    facts = {
        k: v for k, v in asdict(person).items() if k in CAPTURED_PERSON_FIELDS and v is not None
    }
    person_id = next((index[k] for k in keys if k in index), None)
    if person_id is None:
        person_id = table.insert(
            {**facts, "keys": keys, "status": "none", "notes": "", "first_seen": at}
        )
        index.update(dict.fromkeys(keys, person_id))
        return person_id, "added"
    doc = table.get(doc_id=person_id) or {}
    changes = {k: v for k, v in facts.items() if doc.get(k) != v}
    new_keys = [k for k in keys if k not in doc.get("keys", [])]
    if new_keys:
        changes["keys"] = [*doc.get("keys", []), *new_keys]
        index.update(dict.fromkeys(new_keys, person_id))
    if changes:
        table.update(changes, doc_ids=[person_id])
    return person_id, "updated" if changes else "same"


def _attendance_index(db: TinyDB) -> dict[int, set[tuple[int, str]]]:
    """For each person, the (event, role) pairs already stored."""
    index: dict[int, set[tuple[int, str]]] = {}
    for a in db.table("attendances").all():
        index.setdefault(a["person_id"], set()).add((a["event_id"], a["role"]))
    return index


def _attendances(db: TinyDB, event_id: int) -> list[Any]:
    return [a for a in db.table("attendances").all() if a["event_id"] == event_id]


def _find(table: Any, field_name: str, value: Any) -> Any:
    return next((d for d in table.all() if d.get(field_name) == value), None)
