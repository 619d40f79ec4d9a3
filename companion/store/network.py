"""Reading and writing the user's network: events, people, attendances, interactions, settings.

Reads take the `db` of `Store.reading()` (or of a transaction); every write here must be called
inside `Store.transaction()`, which writes the file once at its end or not at all.
Interactions live in the "interactions" table as {person_id, kind, date, event_id, note};
the settings are the one document of the "settings" table.
"""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB

# What the user may change on a person from the review page or the popup.
EDITABLE_PERSON_FIELDS = ("status", "notes", "class_override", "follow_up_on")


def _with_id(doc: Any) -> dict[str, Any]:
    return {"id": doc.doc_id, **doc}


def _rows(db: TinyDB, table: str) -> list[dict[str, Any]]:
    """Copies of a table's documents with their ids, read straight from the storage's data.

    Reading all of them through TinyDB builds a Document per row, which shows once a network
    holds tens of thousands of attendances and interactions; the data is the same.
    """
    raw = (db.storage.read() or {}).get(table, {})
    return [{"id": int(key), **doc} for key, doc in raw.items()]


def people(db: TinyDB) -> list[dict[str, Any]]:
    return _rows(db, "people")


def event(db: TinyDB, event_id: int) -> dict[str, Any] | None:
    doc = db.table("events").get(doc_id=event_id)
    return {"id": doc.doc_id, **doc} if doc else None


def events(db: TinyDB) -> list[dict[str, Any]]:
    """Every event, newest start first (events with no known start last)."""
    return sorted(_rows(db, "events"), key=lambda e: e.get("start") or "", reverse=True)


def person(db: TinyDB, person_id: int) -> dict[str, Any] | None:
    doc = db.table("people").get(doc_id=person_id)
    return {"id": doc.doc_id, **doc} if doc else None


def attendees(db: TinyDB, event_id: int) -> list[dict[str, Any]]:
    """The people at one event, each once, with every role they had there."""
    roles: dict[int, list[str]] = {}
    for a in (db.storage.read() or {}).get("attendances", {}).values():
        if a["event_id"] == event_id:
            roles.setdefault(a["person_id"], []).append(a["role"])
    found = (person(db, person_id) for person_id in roles)
    return [{**p, "roles": roles[p["id"]]} for p in found if p]


def events_by_id(db: TinyDB) -> dict[int, dict[str, Any]]:
    return {e["id"]: e for e in _rows(db, "events")}


def attendances(db: TinyDB) -> list[dict[str, Any]]:
    return _rows(db, "attendances")


def interactions(db: TinyDB, person_id: int | None = None) -> list[dict[str, Any]]:
    """Interactions oldest first (by date, then in the order they were logged)."""
    docs = [
        i for i in _rows(db, "interactions") if person_id is None or i.get("person_id") == person_id
    ]
    docs.sort(key=lambda i: (i.get("date") or "", i["id"]))
    return docs


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
    return _with_id(table.get(doc_id=person_id))


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
    table = db.table("attendances")
    ids = [
        int(doc_id)
        for doc_id, a in (db.storage.read() or {}).get("attendances", {}).items()
        if a.get("person_id") == person_id and a.get("event_id") == event_id
    ]
    if ids:
        table.update({"question": question}, doc_ids=ids)
    return len(ids)
