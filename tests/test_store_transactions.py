"""How reads and writes meet: a read holds writes off while it builds its answer, a write
holds reads off until it is whole, and a failed transaction leaves everything as it was."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest

from companion import answers
from companion.store import Store
from companion.store.db import current_network
from companion.store.network import Network
from tests.review_store import seed
from tests.stores import event_capture, network, store_capture, tables

TALKED = {"kind": "talked", "date": "2025-06-20", "event_id": None, "note": ""}


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path)


def _in_thread(work: Any) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_read_holds_writes_off_until_its_answer_is_built(store):
    seed(store)
    reading, writer_waits = threading.Event(), threading.Event()
    seen: list[list[str]] = []

    def read() -> None:
        with store.reading() as net:
            seen.append([e["title"] for e in net.events.values()])
            reading.set()
            writer_waits.wait(5)
            seen.append([e["title"] for e in net.events.values()])

    reader = _in_thread(read)
    assert reading.wait(5)
    writer = _in_thread(lambda: store_capture(store, event_capture(9)))
    writer.join(0.3)
    assert writer.is_alive()  # waiting for the read to end
    writer_waits.set()
    reader.join(5)
    writer.join(5)
    assert not writer.is_alive()
    assert seen[0] == seen[1] and "Evening 9" not in seen[1]  # the read saw no part of it
    assert "Evening 9" in [e["title"] for e in network(store).events.values()]


def test_a_write_holds_reads_off_until_it_is_whole(store):
    seeded = seed(store)
    writing, finish = threading.Event(), threading.Event()
    seen: list[list[str]] = []

    def write() -> None:
        with store.transaction() as db:
            answers.log_interaction(db, seeded.jonas, TALKED)
            writing.set()
            finish.wait(5)
            answers.log_interaction(db, seeded.jonas, {**TALKED, "kind": "helped"})

    def read() -> None:
        with store.reading() as net:
            seen.append([i["kind"] for i in net.touches_of(seeded.jonas)])

    writer = _in_thread(write)
    assert writing.wait(5)
    reader = _in_thread(read)
    reader.join(0.3)
    assert reader.is_alive() and seen == []  # waiting for the write to end
    finish.set()
    writer.join(5)
    reader.join(5)
    assert seen[0][-2:] == ["talked", "helped"]  # both halves, never one


def test_a_failed_request_that_wrote_nothing_costs_nothing(store, monkeypatch):
    seeded = seed(store)
    net = network(store)
    answers.list_people(net, answers.date(2025, 7, 1))  # the people list's order is built
    db, built = store.db, dict(net._orderings)
    rebuilds: list[int] = []
    monkeypatch.setattr(Network, "_rebuild", lambda *args: rebuilds.append(1))
    with pytest.raises(LookupError), store.transaction():
        raise LookupError("There is no person with that id.")  # as a 404 does
    assert store.db is db and network(store) is net  # nothing opened or read again
    assert net._orderings == built and rebuilds == []
    assert seeded.jonas in net.people


def test_a_failed_transaction_that_wrote_leaves_the_store_as_it_was(store):
    seeded = seed(store)
    before = copy.deepcopy(tables(store))
    answered = _answers(network(store), seeded.past)
    with pytest.raises(RuntimeError), store.transaction() as db:
        store_capture_in(db)  # new people, events, attendances, "seen at" touches
        answers.log_interaction(db, seeded.jonas, {**TALKED, "kind": "invite_sent"})
        db.table("people").update({"notes": "changed"}, doc_ids=[seeded.mira])
        db.table("people").remove(doc_ids=[seeded.hostile])
        assert len(current_network(db).events) == 3  # the transaction saw its own writes
        raise RuntimeError("the request failed half-way")
    assert tables(store) == before
    assert _answers(network(store), seeded.past) == answered
    assert tables(Store(store.path.parent)) == before  # nothing reached the files
    # And the store goes on: the next write gets ids of its own.
    store_capture(store, event_capture(12))
    assert len(tables(store)["events"]) == 3


def test_a_failed_transaction_that_replaced_everything_puts_it_all_back(store):
    seed(store)
    before = copy.deepcopy(tables(store))
    with pytest.raises(RuntimeError), store.transaction() as db:
        db.table("people").update({"notes": "first"}, doc_ids=[1])
        db.storage.write({"meta": before["meta"]})
        raise RuntimeError("the restore failed")
    assert tables(store) == before
    assert len(network(store).people) == len(before["people"])


def store_capture_in(db: Any) -> None:
    from companion.store.captures import save_capture

    save_capture(db, event_capture(11), None, "2025-06-01T10:00:00+00:00")


def _answers(net: Network, event_id: int) -> Any:
    today = answers.date(2025, 7, 1)
    return (
        answers.list_people(net, today),
        answers.list_people(net, today, q="a", sort="name"),
        answers.due_followups(net, today),
        answers.event_prep(net, event_id),
        answers.recent_activity(net),
        answers.counts(net),
    )
