"""The user's own writes to the network (interactions, edits, settings, questions heard) and
the few reads they need, on TinyDB's tables.

Every write here must be called inside `Store.transaction()`, which writes the file once at
its end or not at all. Interactions live in the "interactions" table as
{person_id, kind, date, event_id, note}; the settings are the one document of "settings".
Reads for answers go through the network held in memory (network.py).
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB

from companion.store.db import current_network

# What the user may change on a person from the review page or the popup.
EDITABLE_PERSON_FIELDS = ("status", "notes", "class_override", "follow_up_on")


def person(db: TinyDB, person_id: int) -> dict[str, Any] | None:
    doc = db.table("people").get(doc_id=person_id)
    return {"id": doc.doc_id, **doc} if doc else None


def add_interaction(db: TinyDB, person_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """Store one interaction; `fields` are already checked (kind, date, event_id, note)."""
    doc = {"person_id": person_id, **fields}
    return {"id": db.table("interactions").insert(doc), **doc}


def update_person(db: TinyDB, person_id: int, changes: dict[str, Any]) -> dict[str, Any] | None:
    """Apply the user's edits (only EDITABLE_PERSON_FIELDS); None when there is no such person."""
    table = db.table("people")
    if table.get(doc_id=person_id) is None:
        return None
    allowed = {k: v for k, v in changes.items() if k in EDITABLE_PERSON_FIELDS}
    if allowed:
        table.update(allowed, doc_ids=[person_id])
    return person(db, person_id)


def settings(db: TinyDB) -> dict[str, Any]:
    doc = db.table("settings").get(doc_id=1)
    return dict(doc) if doc else {}


def save_settings(db: TinyDB, changes: dict[str, Any]) -> dict[str, Any]:
    table = db.table("settings")
    if table.get(doc_id=1) is None:
        table.insert(changes)
    else:
        table.update(changes, doc_ids=[1])
    return settings(db)


def set_question(db: TinyDB, person_id: int, event_id: int, question: str) -> int:
    """Keep the question a person asked on their attendances at an event; how many changed."""
    attended = current_network(db).attendances_of(person_id)
    ids = [doc_id for doc_id, a in attended.items() if a["event_id"] == event_id]
    if ids:
        db.table("attendances").update({"question": question}, doc_ids=ids)
    return len(ids)
