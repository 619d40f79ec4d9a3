"""Reading the store back in the shapes the method layer and the API want."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB


def event(db: TinyDB, event_id: int) -> dict[str, Any] | None:
    doc = db.table("events").get(doc_id=event_id)
    return {"id": doc.doc_id, **doc} if doc else None


def events(db: TinyDB) -> list[dict[str, Any]]:
    """Every event, newest start first (events with no known start last)."""
    docs = [{"id": d.doc_id, **d} for d in db.table("events").all()]
    docs.sort(key=lambda d: d.get("start") or "", reverse=True)
    return docs


def person(db: TinyDB, person_id: int) -> dict[str, Any] | None:
    doc = db.table("people").get(doc_id=person_id)
    return {"id": doc.doc_id, **doc} if doc else None


def attendees(db: TinyDB, event_id: int) -> list[dict[str, Any]]:
    """The people at one event, each once, with every role they had there."""
    roles: dict[int, list[str]] = {}
    for a in db.table("attendances").all():
        if a["event_id"] == event_id:
            roles.setdefault(a["person_id"], []).append(a["role"])
    people = db.table("people")
    out = []
    for person_id, their_roles in roles.items():
        doc = people.get(doc_id=person_id)
        if doc:
            out.append({"id": person_id, **doc, "roles": their_roles})
    return out
