"""The TinyDB tables behave as TinyDB documents them, and change in place (no O(table) copy)."""

from __future__ import annotations

from tinydb import Query
from tinydb.table import Document

from companion.store import Store
from companion.store.db import raw


def test_tinydb_operations_work_on_the_store_tables(tmp_path):
    store = Store(tmp_path)
    row = Query()
    with store.transaction() as db:
        table = db.table("interactions")
        first = table.insert({"person_id": 1, "kind": "met", "date": "2025-06-12"})
        table.insert_multiple(
            [{"person_id": 2, "kind": "talked"}, {"person_id": 1, "kind": "note"}]
        )
        table.update({"note": "pizza"}, row.kind == "met")
        table.upsert({"person_id": 3, "kind": "met"}, row.person_id == 3)
        table.remove(row.kind == "talked")
        table.insert(Document({"person_id": 9, "kind": "message"}, doc_id=10))
    reopened = Store(tmp_path)
    with reopened.reading() as net:
        db = net.db
        table = db.table("interactions")
        assert table.get(doc_id=first) == {
            "person_id": 1,
            "kind": "met",
            "date": "2025-06-12",
            "note": "pizza",
        }
        assert sorted(d["person_id"] for d in table.search(row.kind != "x")) == [1, 1, 3, 9]
        assert len(table) == 4
    with reopened.transaction() as db:
        assert db.table("interactions").insert({"person_id": 4}) == 11
        db.table("interactions").truncate()
    with Store(tmp_path).reading() as net:
        db = net.db
        assert db.table("interactions").all() == []


def test_an_insert_changes_the_table_in_place(tmp_path):
    # TinyDB itself rebuilds the whole table (twice) on every insert: O(people) per attendee.
    with Store(tmp_path).transaction() as db:
        people = raw(db, "people")
        db.table("people").insert({"name": "Ada"})
        assert raw(db, "people") is people
        assert people == {"1": {"name": "Ada"}}
