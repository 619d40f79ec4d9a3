"""The network kept up to date from the storage's changes answers exactly as one read whole
from the file, after every kind of write; and a read after a small write does not read
everything again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date
from typing import Any

import pytest
from tinydb import TinyDB

from companion import network_index, networking
from companion.model import Capture, Event
from companion.store import Store, merge, network
from companion.store.captures import save_capture
from tests.review_store import Seeded, seed
from tests.stores import GROUP, meetup_member

TODAY = date(2025, 7, 1)
SPONSORS = ["Brightwater", "Northwind", "Nobody Inc"]


def answers(net: networking.Network) -> dict[str, Any]:
    """Every derived answer the pages and the API give, for the whole network."""
    people = sorted(net.people)
    events = sorted(net.events)
    return {
        "lists": {
            (sort, q, due): networking.list_people(net, TODAY, q=q, sort=sort, due=due)
            for sort in networking.SORTS
            for q in ("", "a", "at ", "mira", "zzz")
            for due in (False, True)
        },
        "filters": [
            networking.list_people(net, TODAY, event=e, cls=c, group=GROUP.name)
            for e in events
            for c in ("peer", "leader")
        ],
        "status": networking.list_people(net, TODAY, status="connected"),
        "due": networking.due_followups(net, TODAY),
        "due_few": networking.due_followups(net, TODAY, limit=1),
        "detail": [networking.detail(net, p, TODAY) for p in people],
        "timeline": [networking.timeline(net, p) for p in people],
        "notes": [networking.person_notes(net, p) for p in people],
        "prep": [networking.event_prep(net, e, UTC) for e in events],
        "room": [networking.event_room(net, e) for e in events],
        "organizer": [networking.organizer_view(net, e) for e in events],
        "attendees": {e: net.attendees(e) for e in events},
        "around": networking.events_around(net, TODAY),
        "recent": networking.recent_activity(net),
        "counts": networking.counts(net),
        "groups": networking.groups(net),
        "settings": net.settings,
        "colleagues": {s: working_at(net, s.casefold()) for s in SPONSORS},
        "staff": {s: net.staff(s.casefold()) for s in SPONSORS},
    }


def working_at(net: networking.Network, company: str) -> list[int]:
    """The ids of the people who work at a company, as the prep notes count them."""
    return sorted(pid for _, pid in net.staff(company))


def loaded(store: Store) -> networking.Network:
    with store.reading() as db:
        return networking.Network.load(db)


def from_scratch(store: Store) -> networking.Network:
    """The network as a process that just opened the file reads it."""
    return loaded(Store(store.path.parent))


def _sponsored_event(title: str, number: int, day: str) -> Event:
    return Event(
        title,
        url=f"https://www.meetup.com/lakeside-data-science/events/{number}/",
        platform_id=str(number),
        start=f"{day}T18:30:00-07:00",
        group=GROUP,
        sponsors=SPONSORS,
    )


def _sponsored_capture(db: TinyDB, s: Seeded) -> None:
    event = _sponsored_event("Sponsored Night", 600777, "2025-06-20")
    event.hosts = [meetup_member("81001", "Ada Quillfeather", "host")]
    people = [
        # Pavel moves: his headline names another employer now.
        meetup_member("81003", "Pavel Lindqvist", headline="Head of Data at Brightwater"),
        meetup_member("81200", "Wren Halvorsen", headline="Analyst @ Northwind"),
        meetup_member("81201", "Ines Baptiste", headline="Student"),
    ]
    save_capture(db, Capture("attendees", "meetup", event=event, people=people), None, "x")


def _logged(db: TinyDB, s: Seeded) -> None:
    talked = {"kind": "talked", "date": "2025-06-25", "event_id": s.past, "note": "graphs"}
    networking.log_interaction(db, s.jonas, talked)
    invite = {"kind": "invite_sent", "date": "2025-07-01", "event_id": None, "note": ""}
    networking.log_interaction(db, s.mira, invite)


def _merged(db: TinyDB, s: Seeded) -> None:
    merge.merge(db, s.mira, s.mira_again, "2025-07-01T00:00:00+00:00")


def _edited(db: TinyDB, s: Seeded) -> None:
    network.update_person(
        db,
        s.jonas,
        {"status": "connected", "notes": "Mentors at Brightwater", "follow_up_on": None},
    )
    network.update_person(db, s.pavel, {"follow_up_on": "2025-06-30", "class_override": "peer"})


def _event_edited(db: TinyDB, s: Seeded) -> None:
    db.table("events").update(
        {"start": "2025-05-02T18:30:00-07:00", "title": "Graphs, Earlier", "group": {"name": "G"}},
        doc_ids=[s.past],
    )


def _settings(db: TinyDB, s: Seeded) -> None:
    network.save_settings(db, {"invite_budget": 1, "note_limit": 200})


def _question(db: TinyDB, s: Seeded) -> None:
    networking.record_question(db, s.upcoming, s.mira_again, "Which graph store?", "2025-07-15")


def _removed(db: TinyDB, s: Seeded) -> None:
    """Documents taken away: an attendance, an interaction, a person with all theirs."""
    [first] = [int(k) for k, a in _raw(db, "attendances") if a["person_id"] == s.jonas]
    db.table("attendances").remove(doc_ids=[first])
    touches = [int(k) for k, i in _raw(db, "interactions") if i["person_id"] == s.mira]
    db.table("interactions").remove(doc_ids=touches[:1])
    db.table("people").remove(doc_ids=[s.hostile])


def _raw(db: TinyDB, table: str) -> list[tuple[str, dict[str, Any]]]:
    return list((db.storage.read() or {}).get(table, {}).items())


WRITES: dict[str, Callable[[TinyDB, Seeded], None]] = {
    "capture": _sponsored_capture,
    "interaction": _logged,
    "merge": _merged,
    "person edit": _edited,
    "event edit": _event_edited,
    "settings": _settings,
    "question": _question,
    "removal": _removed,
}


@pytest.mark.parametrize("write", list(WRITES))
def test_after_each_write_the_kept_network_answers_as_one_read_whole(tmp_path, write):
    store = Store(tmp_path)
    seeded = seed(store)
    before = answers(loaded(store))  # every list and cache made, so the update must move them
    with store.transaction() as db:
        WRITES[write](db, seeded)
    kept = answers(loaded(store))
    assert kept == answers(from_scratch(store))
    assert kept != before


def _crowd(db: TinyDB, headline: str) -> None:
    """A large attendee list: more people than the kept lists move one by one."""
    event = _sponsored_event("Crowded Night", 600999, "2025-06-28")
    crowd = [meetup_member(str(90000 + n), f"Guest {n:03d}", headline=headline) for n in range(150)]
    save_capture(db, Capture("attendees", "meetup", event=event, people=crowd), None, "x")


def test_large_captures_move_every_kept_list_as_one_read_whole(tmp_path):
    store = Store(tmp_path)
    seed(store)
    answers(loaded(store))
    # 150 people come, then all 150 change employer: entries put in, then taken out too.
    for headline in ("Engineer at Brightwater", "Analyst at Northwind"):
        with store.transaction() as db:
            _crowd(db, headline)
        kept = loaded(store)
        assert answers(kept) == answers(from_scratch(store))
        assert len(working_at(kept, headline.split(" at ")[1].casefold())) >= 150


def test_a_company_first_asked_about_after_writes_is_answered_as_one_read_whole(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    assert working_at(loaded(store), "brightwater")  # the employer index is made
    # Writes move only the companies asked about; the index itself waits for a new one.
    for write in (_sponsored_capture, _edited, _removed):
        with store.transaction() as db:
            write(db, seeded)
    with store.transaction() as db:
        _crowd(db, "Engineer at Northwind")
    with store.transaction() as db:
        _crowd(db, "Analyst at Harbor Analytics")  # the crowd leaves Northwind
    kept, fresh = loaded(store), from_scratch(store)
    for company in ("northwind", "harbor analytics", "brightwater", "nobody inc"):
        assert working_at(kept, company) == working_at(fresh, company)
    assert len(working_at(kept, "harbor analytics")) == 150


def test_a_snapshot_no_request_holds_is_moved_on_in_place_one_held_is_left_as_it_was(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    people = loaded(store).people  # the map only: nobody holds the snapshot
    with store.transaction() as db:
        _sponsored_capture(db, seeded)
    assert loaded(store).people is people  # moved on in place, not copied
    held = loaded(store)  # a request reading it
    with store.transaction() as db:
        _removed(db, seeded)
    after = loaded(store)
    assert seeded.hostile in held.people and seeded.hostile not in after.people
    assert answers(after) == answers(from_scratch(store))


def test_staff_and_event_maps_follow_the_same_rule_in_place_or_copied(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    first = loaded(store)
    northwind, events = first.staff("northwind"), first.events
    del first  # nobody holds the snapshot now
    with store.transaction() as db:
        _sponsored_capture(db, seeded)  # Wren joins Northwind's staff, a new event comes
    after = loaded(store)
    assert after.staff("northwind") is northwind and after.events is events  # edited in place
    assert "Wren Halvorsen" in [name for name, _ in northwind]
    held_staff, held_events = after.staff("northwind"), dict(after.events)
    before = list(held_staff)
    with store.transaction() as db:  # one more joins: an edit in place, were it allowed
        event = _sponsored_event("Small Night", 600888, "2025-06-27")
        newcomer = meetup_member("81300", "Odile Marchetti", headline="Engineer at Northwind")
        save_capture(db, Capture("attendees", "meetup", event=event, people=[newcomer]), None, "x")
    latest = loaded(store)
    assert after.staff("northwind") == before and after.events == held_events  # left as it was
    assert len(latest.staff("northwind")) == len(before) + 1
    assert answers(latest) == answers(from_scratch(store))


def test_a_snapshot_still_read_keeps_its_maps_two_writes_later(tmp_path):
    # A long request (an export, say) reads one snapshot while two writes come. The first is
    # made into a snapshot while it reads, the second finds that newer one read by nobody and
    # moves it on in place: never a map the request may be iterating, even one the first
    # write left alone. (The documents themselves are the store's, which TinyDB updates in
    # place: a snapshot's maps are its own, their documents are not.)
    store = Store(tmp_path)
    seeded = seed(store)
    read = loaded(store)
    people, persons, events = dict(read.people), dict(read._persons), dict(read.events)
    rooms = dict(read._at_event)
    northwind = list(read.staff("northwind"))
    with store.transaction() as db:  # touches neither people nor events
        talked = {"kind": "talked", "date": "2025-06-25", "event_id": None, "note": ""}
        network.add_interaction(db, seeded.jonas, talked)
    loaded(store)
    with store.transaction() as db:
        _sponsored_capture(db, seeded)  # a new event, new people, Wren joins Northwind
    latest = loaded(store)
    assert read.people == people and read._persons == persons and read.events == events
    assert read._at_event == rooms
    assert read.staff("northwind") == northwind
    assert answers(latest) == answers(from_scratch(store))


def test_unmerge_and_writes_in_a_row_without_reads_between(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    answers(loaded(store))
    with store.transaction() as db:
        _merged(db, seeded)
    answers(loaded(store))
    with store.transaction() as db:
        [merge_id] = [int(k) for k, _ in _raw(db, "merges")]
        merge.unmerge(db, merge_id, "2025-07-02T00:00:00+00:00")
    for write in WRITES.values():  # each its own transaction, nobody reading in between
        with store.transaction() as db:
            write(db, seeded)
    assert answers(loaded(store)) == answers(from_scratch(store))


def test_a_read_after_a_small_write_updates_the_network_without_reading_it_all(
    tmp_path, monkeypatch
):
    store = Store(tmp_path)
    seeded = seed(store)
    builds: list[int] = []
    whole = network_index.Network._built.__func__  # type: ignore[attr-defined]

    def counted(cls: type, data: dict[str, Any]) -> networking.Network:
        builds.append(1)
        return whole(cls, data)

    monkeypatch.setattr(network_index.Network, "_built", classmethod(counted))
    first = loaded(store)
    answers(first)
    with store.transaction() as db:
        _logged(db, seeded)
    after = loaded(store)
    assert len(builds) == 1
    assert after is not first
    assert [i["kind"] for i in after.touches_of(seeded.jonas)][-1] == "talked"
    # A request still holding the snapshot from before the write reads it undisturbed.
    assert "talked" not in [i["kind"] for i in first.touches_of(seeded.jonas)]
    due_before, _ = networking.list_people(first, TODAY, due=True)
    due_after, _ = networking.list_people(after, TODAY, due=True)
    assert seeded.jonas in [p["id"] for p in due_after]
    assert seeded.jonas not in [p["id"] for p in due_before]
    # Records of people the write did not touch are shared, not copied.
    assert after._persons[seeded.ada] is first._persons[seeded.ada]
    assert after._persons[seeded.jonas] is not first._persons[seeded.jonas]


def test_search_finds_exactly_the_people_whose_text_holds_the_words(tmp_path):
    store = Store(tmp_path)
    seed(store)
    with store.transaction() as db:
        _sponsored_capture(db, Seeded(*[0] * 8))
    net = loaded(store)
    fields = ("name", "headline", "company", "position", "notes")

    def text(pid: int) -> str:
        return " ".join(str(net.people[pid].get(f) or "") for f in fields).casefold()

    for sort in networking.SORTS:
        everyone = [row["id"] for row in networking.list_people(net, TODAY, sort=sort)[0]]
        for needle in ("a", "n", "at b", "data", "o\0", "ines baptiste", "  WREN "):
            found = [
                row["id"] for row in networking.list_people(net, TODAY, q=needle, sort=sort)[0]
            ]
            wanted = needle.casefold().strip()
            assert found == [pid for pid in everyone if wanted in text(pid)], (sort, needle)


def test_sponsor_colleagues_are_those_whose_company_or_headline_names_the_sponsor(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    with store.transaction() as db:
        _sponsored_capture(db, seeded)
        network.update_person(db, seeded.jonas, {"notes": "works at Brightwater"})  # not a headline
    net = loaded(store)
    event_id = next(e for e, doc in net.events.items() if doc["title"] == "Sponsored Night")
    prep = networking.event_prep(net, event_id, UTC)
    text = " ".join(item["text"] for section in prep for item in section["items"])
    assert working_at(net, "brightwater") == sorted([seeded.mira, seeded.pavel])
    assert working_at(net, "northwind") == sorted(
        p for p, doc in net.people.items() if doc["name"] == "Wren Halvorsen"
    )
    assert working_at(net, "bright") == working_at(net, "brightwater")  # a prefix, as " at " in
    assert working_at(net, "nobody inc") == []
    assert "Pavel Lindqvist" in text and "Wren Halvorsen" in text


def test_many_changes_at_once_sort_the_lists_anew_with_the_same_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(network_index, "_FEW", 1)
    store = Store(tmp_path)
    seeded = seed(store)
    answers(loaded(store))
    with store.transaction() as db:
        _sponsored_capture(db, seeded)
        _merged(db, seeded)
    assert answers(loaded(store)) == answers(from_scratch(store))


def test_an_older_snapshot_asked_for_colleagues_leaves_the_newer_ones_right(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    older = loaded(store)
    with store.transaction() as db:
        _sponsored_capture(db, seeded)
    newer = loaded(store)
    # A request still holding the older snapshot builds its employer index there only.
    assert seeded.mira in working_at(older, "brightwater")
    with store.transaction() as db:
        _edited(db, seeded)
    assert answers(loaded(store)) == answers(from_scratch(store))
    assert working_at(newer, "brightwater") == sorted([seeded.mira, seeded.pavel])


def test_an_event_edit_moves_the_next_step_of_someone_met_there_who_did_not_attend(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    met = {"kind": "met", "date": "2025-07-15", "event_id": seeded.upcoming, "note": ""}
    with store.transaction() as db:  # Jonas was not on the page of that event
        networking.log_interaction(db, seeded.jonas, met)
    answers(loaded(store))
    with store.transaction() as db:
        renamed = {"title": "Vectors Renamed", "start": "2025-07-20T18:30:00-07:00"}
        db.table("events").update(renamed, doc_ids=[seeded.upcoming])
    kept = loaded(store)
    assert answers(kept) == answers(from_scratch(store))
    assert (
        "Vectors Renamed on 2025-07-20"
        in networking.detail(kept, seeded.jonas, TODAY)["next"]["reason"]
    )


def test_a_write_undone_by_an_error_is_not_in_the_network(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    answers(loaded(store))
    with pytest.raises(RuntimeError), store.transaction() as db:
        _logged(db, seeded)
        assert networking.Network.load(db).touches_of(seeded.jonas)[-1]["kind"] == "talked"
        raise RuntimeError("the request failed half-way")
    kept = loaded(store)
    assert "talked" not in [i["kind"] for i in kept.touches_of(seeded.jonas)]
    assert answers(kept) == answers(from_scratch(store))
