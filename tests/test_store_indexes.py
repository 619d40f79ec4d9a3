"""The lookups a capture uses follow every change to the store, whoever made it."""

from __future__ import annotations

import pytest

from companion.store import Store, indexes
from companion.store.indexes import CaptureIndexes
from companion.store.merge import merge, unmerge
from companion.store.network import add_interaction, update_person
from tests.stores import AT, event_capture, meetup_member, store_capture, tables


def followed_and_fresh(store: Store) -> tuple[CaptureIndexes, CaptureIndexes]:
    with store.reading() as db:
        return indexes.of(db), CaptureIndexes().follow(db)


def same(a: CaptureIndexes, b: CaptureIndexes) -> bool:
    tables = ("people", "events", "attendances", "touches", "captures")
    return all(getattr(a, t).ids == getattr(b, t).ids for t in tables)


@pytest.fixture
def store(tmp_path) -> Store:
    """Two evenings; Mira at both (one record), Jon at the first under two records."""
    store = Store(tmp_path)
    mira = meetup_member("900", "Mira Okonkwo")
    store_capture(store, event_capture(1, [mira, meetup_member("901", "Jon Park")]), "c-1")
    store_capture(store, event_capture(2, [mira, meetup_member("902", "Jon  Park")]), "c-2")
    with store.reading() as db:
        indexes.of(db)  # built now: every later change must be followed, not rebuilt
    return store


def person_with_key(store: Store, key: str) -> int | None:
    with store.reading() as db:
        return indexes.of(db).people.first(key)


def test_captures_are_followed(store):
    followed, fresh = followed_and_fresh(store)
    assert same(followed, fresh)
    assert person_with_key(store, "meetup:member:900") == 1
    assert set(followed.captures.ids) == {"c-1", "c-2"}


def test_an_interaction_makes_someone_known_to_the_next_capture(store):
    jon = person_with_key(store, "meetup:member:902")
    with store.transaction() as db:
        add_interaction(db, jon, {"kind": "talked", "date": "2025-07-03", "event_id": 2})
    followed, fresh = followed_and_fresh(store)
    assert same(followed, fresh)
    assert jon in followed.touches.ids
    saved = store_capture(store, event_capture(3, [meetup_member("902", "Jon Park")]))
    assert saved.known == [jon]


def test_a_merge_and_its_undoing_are_followed(store):
    first, second = (
        person_with_key(store, "meetup:member:901"),
        person_with_key(store, "meetup:member:902"),
    )
    with store.transaction() as db:
        merge_id = merge(db, first, second, AT)
    followed, fresh = followed_and_fresh(store)
    assert same(followed, fresh)
    assert person_with_key(store, "meetup:member:902") == first  # the kept record has both keys
    with store.transaction() as db:
        unmerge(db, merge_id, AT)
    followed, fresh = followed_and_fresh(store)
    assert same(followed, fresh)
    assert person_with_key(store, "meetup:member:902") == second


def test_an_edit_is_followed_and_a_restore_rebuilds(store):
    mira = person_with_key(store, "meetup:member:900")
    with store.transaction() as db:
        update_person(db, mira, {"notes": "Runs the data guild."})
    assert same(*followed_and_fresh(store))
    store.replace_all({"meta": {"1": {"schema": 2}}})
    followed, fresh = followed_and_fresh(store)
    assert same(followed, fresh)
    assert followed.people.ids == {}


def test_a_started_server_builds_the_lookups_before_the_first_capture(store, monkeypatch):
    from companion.app import create_app
    from companion.server import warm_caches
    from companion.store.indexes import Grouped
    from tests.conftest import PORT

    app = create_app(store.path.parent, PORT)
    builds: list[int] = []
    monkeypatch.setattr(Grouped, "reset", lambda self, docs: builds.append(len(docs)))
    warm_caches(app)
    stored = tables(store)
    counts = [len(stored[t]) for t in ("people", "events", "attendances", "interactions")]
    assert sorted(builds) == sorted([*counts, len(stored["captures"])])
    store_capture(app.extensions["hallway_store"], event_capture(3))
    assert len(builds) == 5  # followed, not built again
