"""Two records that are one person: suggested by name and group, merged only when the user
says so, and un-merged exactly (the merge keeps what it moved)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from companion.i18n import _
from companion.store.db import raw
from companion.store.identity import name_key

# Facts the kept record takes from the other one only where it has none itself.
FILLED_FIELDS = (
    "headline",
    "photo_url",
    "profile_url",
    "can_message",
    "company",
    "position",
    "linkedin_url",
    "connected_on",
    "class_override",
)
STATUS_RANK = {"none": 0, "invited": 1, "connected": 2}


class MergeError(ValueError):
    """The merge or un-merge cannot be done; the message is one plain sentence."""


class NotFound(MergeError):
    """A person or merge named in the request does not exist."""


def suggestions(db: TinyDB) -> list[dict[str, Any]]:
    """Pairs with the same name seen in a common group (or one seen at no event yet)."""
    people = raw(db, "people")
    group_of = {int(i): _group(e) for i, e in raw(db, "events").items()}
    groups: dict[int, set[str]] = defaultdict(set)
    for a in raw(db, "attendances").values():
        groups[a["person_id"]].add(group_of.get(a["event_id"]) or "")
    same_name: dict[str, list[int]] = defaultdict(list)
    for pid, person in people.items():
        same_name[name_key(person.get("name") or "")].append(int(pid))
    dismissed = {frozenset(d["people"]) for d in raw(db, "not_duplicates").values()}
    found = []
    for ids in same_name.values():
        for a, b in combinations(sorted(ids), 2):
            shared = (groups[a] & groups[b]) - {""}
            if frozenset((a, b)) in dismissed or not (shared or not groups[a] or not groups[b]):
                continue
            where = (
                _("Same name, both seen at %(event)s.", event=sorted(shared)[0])
                if shared
                else _("Same name, one not seen at any event.")
            )
            found.append({"people": [a, b], "reason": where})
    return found


def dismiss(db: TinyDB, a: int, b: int) -> None:
    """The user says these two are different people: stop suggesting them."""
    pair = sorted((a, b))
    if frozenset(pair) not in {frozenset(d["people"]) for d in raw(db, "not_duplicates").values()}:
        db.table("not_duplicates").insert({"people": pair})


def merge(db: TinyDB, keep_id: int, other_id: int, at: str) -> int:
    """Fold `other_id` into `keep_id`; returns the merge's id, which `unmerge` takes."""
    people = db.table("people")
    keep, other = people.get(doc_id=keep_id), people.get(doc_id=other_id)
    if keep is None or other is None:
        raise NotFound(_("There is no person with that id."))
    if keep_id == other_id:
        raise MergeError(_("A person cannot be merged with themselves."))
    after = _merged_fields(dict(keep), dict(other))
    before = {k: keep.get(k) for k in after}
    kept_roles = {(a["event_id"], a["role"]) for a in _rows(db, "attendances", keep_id)}
    moved, dropped = [], []
    for doc_id, row in _rows_with_ids(db, "attendances", other_id):
        if (row["event_id"], row["role"]) in kept_roles:
            dropped.append({"id": doc_id, **row})
        else:
            moved.append(doc_id)
    attendances = db.table("attendances")
    attendances.update({"person_id": keep_id}, doc_ids=moved)
    attendances.remove(doc_ids=[d["id"] for d in dropped])
    interactions = [doc_id for doc_id, _ in _rows_with_ids(db, "interactions", other_id)]
    db.table("interactions").update({"person_id": keep_id}, doc_ids=interactions)
    people.update(after, doc_ids=[keep_id])
    people.remove(doc_ids=[other_id])
    return db.table("merges").insert(
        {
            "kept": keep_id,
            "merged": {"id": other_id, **other},
            "before": before,
            "after": after,
            "moved_attendances": moved,
            "dropped_attendances": dropped,
            "moved_interactions": interactions,
            "at": at,
            "undone": None,
        }
    )


def unmerge(db: TinyDB, merge_id: int, at: str) -> tuple[int, int]:
    """Undo a merge: both people back as they were, with what the user did since kept.

    Returns (kept id, restored id); the restored person gets their old id when it is free.
    """
    record = db.table("merges").get(doc_id=merge_id)
    if record is None or record["undone"]:
        raise NotFound(_("There is no merge with that id to undo."))
    people = db.table("people")
    keep_id = record["kept"]
    keep = people.get(doc_id=keep_id)
    if keep is None:
        raise MergeError(_("That person was merged again since: undo the later merge first."))
    merged = dict(record["merged"])
    old_id = merged.pop("id")
    other_id = people.insert(
        Document(merged, old_id) if not people.contains(doc_id=old_id) else merged
    )
    restore = {k: v for k, v in record["before"].items() if keep.get(k) == record["after"].get(k)}
    their_keys = set(merged.get("keys", [])) - set(record["before"].get("keys") or [])
    restore["keys"] = [k for k in keep.get("keys", []) if k not in their_keys]
    people.update(restore, doc_ids=[keep_id])
    attendances = db.table("attendances")
    present = [i for i in record["moved_attendances"] if attendances.contains(doc_id=i)]
    attendances.update({"person_id": other_id}, doc_ids=present)
    for row in record["dropped_attendances"]:
        row = dict(row)
        doc_id = row.pop("id")
        row["person_id"] = other_id
        attendances.insert(
            Document(row, doc_id) if not attendances.contains(doc_id=doc_id) else row
        )
    interactions = db.table("interactions")
    present = [i for i in record["moved_interactions"] if interactions.contains(doc_id=i)]
    interactions.update({"person_id": other_id}, doc_ids=present)
    db.table("merges").update({"undone": at}, doc_ids=[merge_id])
    return keep_id, other_id


def _merged_fields(keep: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """The kept record's fields that change: its own values win, the other fills gaps."""
    after: dict[str, Any] = {}
    keys = [
        *keep.get("keys", []),
        *(k for k in other.get("keys", []) if k not in keep.get("keys", [])),
    ]
    if keys != keep.get("keys", []):
        after["keys"] = keys
    for field in FILLED_FIELDS:
        if keep.get(field) in (None, "") and other.get(field) not in (None, ""):
            after[field] = other[field]
    if other.get("notes") and other["notes"] != keep.get("notes"):
        after["notes"] = "\n\n".join(n for n in (keep.get("notes"), other["notes"]) if n)
    if STATUS_RANK.get(other.get("status"), 0) > STATUS_RANK.get(keep.get("status"), 0):
        after["status"] = other["status"]
    if (other.get("first_seen") or "~") < (keep.get("first_seen") or "~"):
        after["first_seen"] = other["first_seen"]
    return after


def _group(event: dict[str, Any]) -> str | None:
    group = event.get("group") or {}
    return group.get("name") or group.get("url")


def _rows_with_ids(db: TinyDB, table: str, person_id: int) -> list[tuple[int, dict[str, Any]]]:
    return [(int(i), r) for i, r in raw(db, table).items() if r.get("person_id") == person_id]


def _rows(db: TinyDB, table: str, person_id: int) -> list[dict[str, Any]]:
    return [r for _, r in _rows_with_ids(db, table, person_id)]
