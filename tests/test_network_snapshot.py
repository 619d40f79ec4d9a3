"""The whole-network snapshot is reused between reads and rebuilt after any change."""

from __future__ import annotations

from companion import networking
from companion.store import Store, network
from tests.review_store import seed


def test_reads_share_a_snapshot_until_the_store_changes(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    with store.reading() as db:
        first = networking.Network.load(db)
        assert networking.Network.load(db) is first
    with store.transaction() as db:
        network.add_interaction(
            db, seeded.jonas, {"kind": "talked", "date": "2025-06-12", "event_id": None, "note": ""}
        )
    with store.reading() as db:
        after = networking.Network.load(db)
    assert after is not first
    assert [i["kind"] for i in after.touches_of(seeded.jonas)][-1] == "talked"
    assert "talked" not in [i["kind"] for i in first.touches_of(seeded.jonas)]


def test_a_file_replaced_by_another_process_is_read_again(tmp_path):
    store, other = Store(tmp_path), Store(tmp_path)
    seeded = seed(store)
    with store.reading() as db:
        before = networking.Network.load(db)
    with other.transaction() as db:  # as `hallway import` would, while the server runs
        network.update_person(db, seeded.jonas, {"notes": "met at the door"})
    with store.reading() as db:
        after = networking.Network.load(db)
    assert after.people[seeded.jonas]["notes"] == "met at the door"
    assert before.people[seeded.jonas]["notes"] != "met at the door"
