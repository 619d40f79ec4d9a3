"""Likely duplicates are suggested, never merged silently; merges can be undone exactly."""

from __future__ import annotations

import pytest

from companion.model import Capture, Event, Group, Person
from companion.store import Store
from companion.store.merge import MergeError, NotFound, dismiss, merge, suggestions, unmerge
from tests.stores import AT, GROUP, store_capture, tables

OTHER_GROUP = Group("Riverside Python", "https://www.meetup.com/riverside-python/")


def _online(n: int, group: Group, people: list[Person]) -> Capture:
    event = Event(title=f"Online {n}", url=f"https://zoom.example/j/{n}", group=group)
    return Capture("participants", "zoom", event=event, people=people)


@pytest.fixture
def store(tmp_path) -> Store:
    """Sam twice in one group (two records: names alone never merge), and Sam elsewhere."""
    store = Store(tmp_path)
    store_capture(store, _online(1, GROUP, [Person("Sam Rivera", role="participant")]))
    store_capture(store, _online(2, GROUP, [Person("Sam  Rivera", role="asked_question")]))
    store_capture(store, _online(3, OTHER_GROUP, [Person("Sam Rivera", role="participant")]))
    return store


def test_same_name_in_the_same_group_is_suggested_not_merged(store):
    with store.reading() as net:
        db = net.db
        found = suggestions(db)
    assert found == [{"people": [1, 2], "reason": "Same name, both seen at Lakeside Data Science."}]
    assert len(tables(store)["people"]) == 3


def test_a_dismissed_suggestion_is_not_made_again(store):
    with store.transaction() as db:
        dismiss(db, 2, 1)
        dismiss(db, 1, 2)
    with store.reading() as net:
        db = net.db
        assert suggestions(db) == []
    assert len(tables(store)["not_duplicates"]) == 1


def test_someone_met_nowhere_with_a_known_name_is_suggested(tmp_path):
    store = Store(tmp_path)
    store_capture(store, _online(1, GROUP, [Person("Lena Moss")]))
    with store.transaction() as db:
        db.table("people").insert({"name": "Lena Moss", "keys": ["linkedin:lena-m"]})
    with store.reading() as net:
        db = net.db
        assert suggestions(db) == [
            {"people": [1, 2], "reason": "Same name, one not seen at any event."}
        ]


def test_merge_moves_everything_to_the_kept_record(store):
    with store.transaction() as db:
        db.table("people").update({"notes": "Works on search.", "status": "invited"}, doc_ids=[2])
        db.table("people").update({"notes": "Met at the bar."}, doc_ids=[1])
        db.table("interactions").insert(
            {"person_id": 2, "kind": "talked", "date": "2025-06-02", "event_id": 2, "note": "RAG"}
        )
        merge_id = merge(db, 1, 2, AT)
    data = tables(store)
    assert "2" not in data["people"]
    sam = data["people"]["1"]
    assert sam["notes"] == "Met at the bar.\n\nWorks on search."
    assert sam["status"] == "invited"
    assert len(sam["keys"]) == 2
    assert sorted(
        (a["event_id"], a["role"]) for a in data["attendances"].values() if a["person_id"] == 1
    ) == [
        (1, "participant"),
        (2, "asked_question"),
    ]
    assert [i["person_id"] for i in data["interactions"].values() if i["kind"] != "seen_at"] == [1]
    assert data["merges"][str(merge_id)]["undone"] is None
    # A later capture of the merged record's event finds the kept person.
    saved = store_capture(store, _online(2, GROUP, [Person("Sam Rivera", role="asked_question")]))
    assert saved.added == 0 and saved.people == [(1, "asked_question")]


def test_unmerge_gives_back_exactly_what_was_there(store):
    with store.transaction() as db:
        db.table("interactions").insert(
            {"person_id": 2, "kind": "talked", "date": "2025-06-02", "event_id": 2, "note": "RAG"}
        )
        # Both were at event 2 with the same role: the merge drops one, the un-merge restores it.
        db.table("attendances").insert({"person_id": 1, "event_id": 2, "role": "asked_question"})
    before = tables(store)
    with store.transaction() as db:
        merge_id = merge(db, 1, 2, AT)
    with store.transaction() as db:
        assert unmerge(db, merge_id, AT) == (1, 2)
    after = tables(store)
    assert after["merges"][str(merge_id)]["undone"] == AT
    del after["merges"]
    del before["merges"]
    assert after == before


def test_unmerge_keeps_what_the_user_wrote_since(store):
    with store.transaction() as db:
        db.table("people").update({"notes": "Sam's notes."}, doc_ids=[2])
        merge_id = merge(db, 1, 2, AT)
        db.table("people").update({"notes": "Rewritten after the merge."}, doc_ids=[1])
        unmerge(db, merge_id, AT)
    data = tables(store)
    assert data["people"]["1"]["notes"] == "Rewritten after the merge."
    assert data["people"]["2"]["notes"] == "Sam's notes."


def test_impossible_merges_are_refused_with_a_sentence(store):
    with store.transaction() as db:
        with pytest.raises(NotFound):
            merge(db, 1, 99, AT)
        with pytest.raises(MergeError, match="themselves"):
            merge(db, 1, 1, AT)
        first = merge(db, 1, 2, AT)
        merge(db, 3, 1, AT)
        with pytest.raises(MergeError, match="undo the later merge first"):
            unmerge(db, first, AT)
        with pytest.raises(NotFound):
            unmerge(db, 42, AT)


def test_merge_and_unmerge_through_the_api(app, client, auth):
    store = app.extensions["hallway_store"]
    store_capture(store, _online(1, GROUP, [Person("Sam Rivera")]))
    store_capture(store, _online(2, GROUP, [Person("Sam Rivera")]))

    listed = client.get("/api/people/suggestions", headers=auth).get_json()
    assert [[p["name"] for p in s["people"]] for s in listed["duplicates"]] == [
        ["Sam Rivera", "Sam Rivera"]
    ]
    merged = client.post("/api/people/merge", json={"keep": 1, "merge": 2}, headers=auth)
    assert merged.status_code == 200
    assert merged.get_json()["person"]["id"] == 1
    assert client.get("/api/people/suggestions", headers=auth).get_json()["duplicates"] == []

    undone = client.post(
        "/api/people/unmerge", json={"merge_id": merged.get_json()["merge_id"]}, headers=auth
    )
    assert [p["id"] for p in undone.get_json()["people"]] == [1, 2]
    again = client.post("/api/people/unmerge", json={"merge_id": 1}, headers=auth)
    assert again.status_code == 404 and again.get_json()["error"].endswith(".")
    bad = client.post("/api/people/merge", json={"keep": "1"}, headers=auth)
    assert bad.status_code == 422
    missing = client.post("/api/people/merge", json={"keep": 1, "merge": 77}, headers=auth)
    assert missing.status_code == 404

    dismissed = client.post(
        "/api/people/not-duplicates", json={"person": 2, "other": 1}, headers=auth
    )
    assert dismissed.status_code == 200
    assert client.get("/api/people/suggestions", headers=auth).get_json()["duplicates"] == []
