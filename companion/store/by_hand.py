"""People the user adds by hand: who they already are (their LinkedIn profile is an identity
key; a same name is only offered, never merged), and the new record when they are new."""

from __future__ import annotations

from typing import Any

from tinydb import TinyDB

from companion.method.by_hand import NewPerson
from companion.store.identity import name_key, url_keys
from companion.store.network import Network
from companion.store.schema import PERSON_DEFAULTS

# What a person added by hand may fill in on someone already stored, where it is empty.
FILLED = ("headline", "company", "linkedin_url")


def by_profile(net: Network, new: NewPerson) -> int | None:
    """The person the pasted LinkedIn profile already names."""
    return next((p for k in url_keys(new.linkedin_url) if (p := net.person_keys.first(k))), None)


def same_name(net: Network, new: NewPerson) -> list[int]:
    """Stored people with this name who were at this event, or who work at this company:
    perhaps the same person, for the user to say."""
    wanted = name_key(new.name)
    here = set(net.attendees(new.event_id)) if new.event_id is not None else set()
    company = (new.company or "").casefold()

    def works_there(doc: dict[str, Any]) -> bool:
        said = f"{doc.get('company') or ''} {doc.get('headline') or ''}".casefold()
        return bool(company) and company in said

    return [
        pid
        for pid, doc in net.people.items()
        if name_key(doc.get("name") or "") == wanted and (pid in here or works_there(doc))
    ]


def create(db: TinyDB, new: NewPerson, at: str) -> int:
    doc = {
        **PERSON_DEFAULTS,
        "name": new.name,
        "headline": new.headline,
        "company": new.company,
        "linkedin_url": new.linkedin_url,
        "keys": list(url_keys(new.linkedin_url)),
        "first_seen": at,
        "added_by_hand": True,
    }
    return db.table("people").insert(doc)


def fill_in(db: TinyDB, net: Network, person_id: int, new: NewPerson) -> None:
    """What the user typed about someone already stored, where the record says nothing."""
    doc = net.people[person_id]
    changes: dict[str, Any] = {
        f: getattr(new, f) for f in FILLED if getattr(new, f) and not doc.get(f)
    }
    added = [k for k in url_keys(new.linkedin_url) if k not in doc.get("keys", [])]
    if added and net.person_keys.first(added[0]) is None:
        changes["keys"] = [*doc.get("keys", []), *added]
    if changes:
        db.table("people").update(changes, doc_ids=[person_id])


def attend(db: TinyDB, net: Network, person_id: int, event_id: int) -> None:
    if event_id not in net.event_ids(person_id):
        db.table("attendances").insert(
            {"person_id": person_id, "event_id": event_id, "role": "attendee"}
        )
