"""Lookups a capture needs (a person by identity key, an event by key, who was where), kept
up to date from the storage's own record of changed documents.

A capture must cost what its page holds, not what the store holds: building these lookups
scans every table (a third of a second at 50,000 people), so they are built once and then
follow each change, whoever made it (a capture, a merge, an edit, an interaction).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any
from weakref import WeakKeyDictionary

from tinydb import TinyDB

from companion.store.db import raw
from companion.store.storage import AtomicJSONStorage, long_lived

Doc = dict[str, Any]


class Grouped:
    """One table's document ids by keys each document holds, updated per document."""

    def __init__(self, keys_of: Callable[[Doc], Iterable[Hashable]]):
        self._keys_of = keys_of
        self.ids: dict[Hashable, list[int]] = {}
        self._held: dict[int, tuple[Hashable, ...]] = {}

    def reset(self, docs: dict[str, Doc]) -> None:
        """Every document of the table, indexed anew."""
        ids: dict[Hashable, list[int]] = {}
        held: dict[int, tuple[Hashable, ...]] = {}
        keys_of = self._keys_of
        for raw_id, doc in docs.items():
            doc_id = int(raw_id)
            keys = held[doc_id] = tuple(keys_of(doc))
            for key in keys:
                found = ids.get(key)
                if found is None:
                    ids[key] = [doc_id]
                else:
                    found.append(doc_id)
        self.ids, self._held = ids, held

    def put(self, doc_id: int, doc: Doc | None) -> None:
        """The document as it is now (None: removed)."""
        for key in self._held.pop(doc_id, ()):
            ids = self.ids[key]
            ids.remove(doc_id)
            if not ids:
                del self.ids[key]
        if doc is not None:
            keys = self._held[doc_id] = tuple(self._keys_of(doc))
            for key in keys:
                self.ids.setdefault(key, []).append(doc_id)

    def first(self, key: Hashable) -> int | None:
        ids = self.ids.get(key)
        return min(ids) if ids else None


class CaptureIndexes:
    """Everything `save_capture` looks up, by table."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self.people = Grouped(lambda p: p.get("keys", []))
        self.events = Grouped(lambda e: [e["key"]] if "key" in e else [])
        self.attendances = Grouped(lambda a: [a["person_id"]])
        # A "seen at" touch is recorded by captures themselves: it is not knowing someone.
        self.touches = Grouped(lambda i: [i["person_id"]] if i.get("kind") != "seen_at" else [])
        self.captures = Grouped(lambda c: [c["capture_id"]])
        self._tables = {
            "people": self.people,
            "events": self.events,
            "attendances": self.attendances,
            "interactions": self.touches,
            "captures": self.captures,
        }

    def follow(self, db: TinyDB) -> CaptureIndexes:
        """Bring the lookups up to date with the data: the changed documents only, or all of
        it when the storage cannot say what changed (first use, a reload, a restore)."""
        storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
        if storage.generation == self.generation:
            return self
        changed = storage.changes_since(self.generation) if self.generation is not None else None
        if changed is None:
            with long_lived():
                for table, grouped in self._tables.items():
                    grouped.reset(raw(db, table))
        for table, doc_ids in (changed or {}).items():
            if (grouped := self._tables.get(table)) is not None:
                docs = raw(db, table)
                for doc_id in doc_ids:
                    grouped.put(doc_id, docs.get(str(doc_id)))
        self.generation = storage.generation
        return self


_KEPT: WeakKeyDictionary[AtomicJSONStorage, CaptureIndexes] = WeakKeyDictionary()


def of(db: TinyDB) -> CaptureIndexes:
    """The store's capture lookups, up to date."""
    storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
    kept = _KEPT.get(storage)
    if kept is None:
        kept = _KEPT[storage] = CaptureIndexes()
    return kept.follow(db)
