"""A write appends what it changed to the journal; the file is rewritten only now and then."""

from __future__ import annotations

import json
from pathlib import Path

from companion.store import Store, storage
from companion.store.db import DB_NAME
from tests.stores import event_capture, meetup_member, saved, store_capture, tables


def files(folder: Path) -> tuple[Path, Path]:
    return folder / DB_NAME, folder / (DB_NAME + ".journal")


def test_a_capture_appends_to_the_journal_and_leaves_the_file_alone(tmp_path):
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    snapshot, journal = files(tmp_path)
    file_before, journal_before = snapshot.read_bytes(), journal.read_bytes()

    store_capture(store, event_capture(2, [meetup_member("900", "Mira Okonkwo")]))

    assert snapshot.read_bytes() == file_before
    grown = journal.read_bytes()
    assert grown.startswith(journal_before)
    added = grown[len(journal_before) :]
    assert added.count(b"\n") == 1  # one line for the whole transaction
    assert b"Mira Okonkwo" in added and b"Evening 2" in added
    assert b"Evening 1" not in added  # what did not change is not written again
    assert saved(tmp_path) == tables(store)


def test_a_line_cut_short_by_a_crash_is_ignored_and_cut_before_the_next_write(tmp_path):
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    _, journal = files(tmp_path)
    with journal.open("ab") as out:  # a write cut short: no newline, not whole JSON
        out.write(b'{"events": {"7": {"title": "Half')

    reopened = Store(tmp_path)
    assert [e["title"] for e in tables(reopened)["events"].values()] == ["Evening 1"]
    store_capture(reopened, event_capture(2))

    assert b"Half" not in journal.read_bytes()
    assert [e["title"] for e in saved(tmp_path)["events"].values()] == ["Evening 1", "Evening 2"]


def test_the_file_is_rewritten_once_the_journal_is_a_quarter_of_it(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "COMPACT_MIN_BYTES", 0)
    store = Store(tmp_path)
    store_capture(store, event_capture(0, [meetup_member(str(n), f"Guest {n}") for n in range(40)]))
    snapshot, journal = files(tmp_path)
    rewrites, n = 0, 1
    while rewrites < 2:
        before = snapshot.stat().st_ino
        store_capture(store, event_capture(n))
        n += 1
        if snapshot.stat().st_ino != before:
            rewrites += 1
            # The new file holds everything; its journal starts again from its header.
            assert journal.read_bytes().count(b"\n") == 1
        else:
            assert journal.stat().st_size <= snapshot.stat().st_size * storage.COMPACT_SHARE + 4096
    assert n > 3  # several captures went to the journal between rewrites
    assert saved(tmp_path) == tables(store)
    assert len(store.backups()) >= 2


def test_a_journal_left_beside_a_newer_file_by_a_crash_is_ignored(tmp_path):
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    _, journal = files(tmp_path)
    old_journal = journal.read_bytes()
    store.replace_all({"meta": {"1": {"schema": 2}}})  # a restore of an empty export
    # As if killed between renaming the new file into place and its new journal.
    journal.write_bytes(old_journal)

    assert tables(Store(tmp_path))["events"] == {}


def test_a_store_written_before_the_journal_opens_and_starts_one(tmp_path):
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    snapshot, journal = files(tmp_path)
    snapshot.write_bytes(json.dumps(saved(tmp_path)).encode())  # no token in it
    journal.unlink()

    reopened = Store(tmp_path)
    store_capture(reopened, event_capture(2))
    assert [e["title"] for e in saved(tmp_path)["events"].values()] == ["Evening 1", "Evening 2"]
    assert journal.exists()


def test_changes_since_names_the_documents_a_transaction_changed(tmp_path):
    store = Store(tmp_path)
    data = store.storage
    start = data.generation
    store_capture(store, event_capture(1, [meetup_member("900", "Mira Okonkwo")]))
    changed = data.changes_since(start)
    assert changed is not None
    assert changed["events"] == set(map(int, tables(store)["events"]))
    assert changed["people"] == set(map(int, tables(store)["people"]))
    middle = data.generation
    assert data.changes_since(middle) == {}

    store.replace_all({"meta": {"1": {"schema": 2}}})
    assert store.storage.changes_since(middle) is None  # replaced whole: rebuild


def test_changes_from_too_long_ago_are_not_answered(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "CHANGES_KEPT", 4)
    store = Store(tmp_path)
    start = store.storage.generation
    for n in range(6):
        store_capture(store, event_capture(n))
    assert store.storage.changes_since(start) is None
    assert store.storage.changes_since(store.storage.generation) == {}
