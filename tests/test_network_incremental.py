"""The network kept up to date from the storage's changes answers exactly as one read whole
from the file, after every kind of write; and a read after a small write does not read
everything again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date
from typing import Any

import pytest
from tinydb import TinyDB

from companion import answers as answers_module
from companion.model import Capture, Event
from companion.store import Store, merge, tables
from companion.store.captures import save_capture
from companion.store.db import current_network
from companion.store.network import SORTS, Network
from tests.review_store import Seeded, seed
from tests.stores import GROUP, meetup_member

TODAY = date(2025, 7, 1)
SPONSORS = ["Brightwater", "Northwind", "Nobody Inc"]


def answers(net: Network) -> dict[str, Any]:
    """Every derived answer the pages and the API give, for the whole network."""
    people = sorted(net.people)
    events = sorted(net.events)
    return {
        "lists": {
            (sort, q, due): answers_module.list_people(net, TODAY, q=q, sort=sort, due=due)
            for sort in SORTS
            for q in ("", "a", "at ", "mira", "zzz")
            for due in (False, True)
        },
        "filters": [
            answers_module.list_people(net, TODAY, event=e, cls=c, group=GROUP.name)
            for e in events
            for c in ("peer", "leader")
        ],
        "status": answers_module.list_people(net, TODAY, status="connected"),
        "due": answers_module.due_followups(net, TODAY),
        "due_few": answers_module.due_followups(net, TODAY, limit=1),
        "detail": [answers_module.detail(net, p, TODAY) for p in people],
        "timeline": [answers_module.timeline(net, p) for p in people],
        "notes": [answers_module.person_notes(net, p) for p in people],
        "prep": [answers_module.event_prep(net, e, UTC) for e in events],
        "room": [answers_module.event_room(net, e) for e in events],
        "organizer": [answers_module.organizer_view(net, e) for e in events],
        "attendees": {e: net.attendees(e) for e in events},
        "around": answers_module.events_around(net, TODAY),
        "recent": answers_module.recent_activity(net),
        "counts": answers_module.counts(net),
        "groups": answers_module.groups(net),
        "settings": net.settings,
        "colleagues": {s: working_at(net, s.casefold()) for s in SPONSORS},
        "staff": {s: list(net.staff(s.casefold())) for s in SPONSORS},
    }


def working_at(net: Network, company: str) -> list[int]:
    """The ids of the people who work at a company, as the prep notes count them."""
    return sorted(pid for _, pid in net.staff(company))


def loaded(store: Store) -> Network:
    """The store's network (live: read it before the next write)."""
    with store.reading() as net:
        return net


def from_scratch(store: Store) -> Network:
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
    answers_module.log_interaction(db, s.jonas, talked)
    invite = {"kind": "invite_sent", "date": "2025-07-01", "event_id": None, "note": ""}
    answers_module.log_interaction(db, s.mira, invite)


def _merged(db: TinyDB, s: Seeded) -> None:
    merge.merge(db, s.mira, s.mira_again, "2025-07-01T00:00:00+00:00")


def _edited(db: TinyDB, s: Seeded) -> None:
    tables.update_person(
        db,
        s.jonas,
        {"status": "connected", "notes": "Mentors at Brightwater", "follow_up_on": None},
    )
    tables.update_person(db, s.pavel, {"follow_up_on": "2025-06-30", "class_override": "peer"})


def _event_edited(db: TinyDB, s: Seeded) -> None:
    db.table("events").update(
        {"start": "2025-05-02T18:30:00-07:00", "title": "Graphs, Earlier", "group": {"name": "G"}},
        doc_ids=[s.past],
    )


def _settings(db: TinyDB, s: Seeded) -> None:
    tables.save_settings(db, {"invite_budget": 1, "note_limit": 200})


def _question(db: TinyDB, s: Seeded) -> None:
    answers_module.record_question(db, s.upcoming, s.mira_again, "Which graph store?", "2025-07-15")


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


def test_a_read_after_a_small_write_moves_the_network_on_without_reading_it_all(
    tmp_path, monkeypatch
):
    store = Store(tmp_path)
    seeded = seed(store)
    builds: list[int] = []
    whole = Network._rebuild

    def counted(net: Network, data: dict[str, Any]) -> None:
        builds.append(1)
        whole(net, data)

    monkeypatch.setattr(Network, "_rebuild", counted)
    first = loaded(store)
    answers(first)
    ada_seen = first._cache["last_seen"][seeded.ada]
    assert first._cache["last_seen"][seeded.jonas] == "2025-06-12"
    with store.transaction() as db:
        _logged(db, seeded)
    after = loaded(store)
    assert builds == []  # built when the store opened; moved on since
    assert after is first  # moved on in place
    assert [i["kind"] for i in after.touches_of(seeded.jonas)][-1] == "talked"
    due, _ = answers_module.list_people(after, TODAY, due=True)
    assert seeded.jonas in [p["id"] for p in due]
    # What was derived for people the write did not touch is kept; Jonas's is made again
    # (the sorted lists made it again at once).
    assert after._cache["last_seen"][seeded.ada] is ada_seen
    assert after._cache["last_seen"][seeded.jonas] == "2025-06-25"


def test_search_finds_exactly_the_people_whose_text_holds_the_words(tmp_path):
    store = Store(tmp_path)
    seed(store)
    with store.transaction() as db:
        _sponsored_capture(db, Seeded(*[0] * 8))
    net = loaded(store)
    fields = ("name", "headline", "company", "position", "notes")

    def text(pid: int) -> str:
        return " ".join(str(net.people[pid].get(f) or "") for f in fields).casefold()

    for sort in SORTS:
        everyone = [row["id"] for row in answers_module.list_people(net, TODAY, sort=sort)[0]]
        for needle in ("a", "n", "at b", "data", "o\0", "ines baptiste", "  WREN "):
            found = [
                row["id"] for row in answers_module.list_people(net, TODAY, q=needle, sort=sort)[0]
            ]
            wanted = needle.casefold().strip()
            assert found == [pid for pid in everyone if wanted in text(pid)], (sort, needle)


def test_sponsor_colleagues_are_those_whose_company_or_headline_names_the_sponsor(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    with store.transaction() as db:
        _sponsored_capture(db, seeded)
        tables.update_person(db, seeded.jonas, {"notes": "works at Brightwater"})  # not a headline
    net = loaded(store)
    event_id = next(e for e, doc in net.events.items() if doc["title"] == "Sponsored Night")
    prep = answers_module.event_prep(net, event_id, UTC)
    text = " ".join(item["text"] for section in prep for item in section["items"])
    assert working_at(net, "brightwater") == sorted([seeded.mira, seeded.pavel])
    assert working_at(net, "northwind") == sorted(
        p for p, doc in net.people.items() if doc["name"] == "Wren Halvorsen"
    )
    assert working_at(net, "bright") == []  # another company: a name is matched whole
    assert working_at(net, "nobody inc") == []
    assert "Pavel Lindqvist" in text and "Wren Halvorsen" in text


def test_an_event_edit_moves_the_next_step_of_someone_met_there_who_did_not_attend(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    met = {"kind": "met", "date": "2025-07-15", "event_id": seeded.upcoming, "note": ""}
    with store.transaction() as db:  # Jonas was not on the page of that event
        answers_module.log_interaction(db, seeded.jonas, met)
    answers(loaded(store))
    with store.transaction() as db:
        renamed = {"title": "Vectors Renamed", "start": "2025-07-20T18:30:00-07:00"}
        db.table("events").update(renamed, doc_ids=[seeded.upcoming])
    kept = loaded(store)
    assert answers(kept) == answers(from_scratch(store))
    assert (
        "Vectors Renamed on 2025-07-20"
        in answers_module.detail(kept, seeded.jonas, TODAY)["next"]["reason"]
    )


def test_a_write_undone_by_an_error_is_not_in_the_network(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    answers(loaded(store))
    with pytest.raises(RuntimeError), store.transaction() as db:
        _logged(db, seeded)
        assert current_network(db).touches_of(seeded.jonas)[-1]["kind"] == "talked"
        raise RuntimeError("the request failed half-way")
    kept = loaded(store)
    assert "talked" not in [i["kind"] for i in kept.touches_of(seeded.jonas)]
    assert answers(kept) == answers(from_scratch(store))


def test_a_page_read_straight_from_an_ordering_is_that_slice_of_the_whole(tmp_path, monkeypatch):
    store = Store(tmp_path)
    seed(store)
    with store.transaction() as db:
        _crowd(db, "Engineer at Northwind")
    net = loaded(store)
    monkeypatch.setattr(answers_module, "PAGE_SIZE", 7)
    for sort in SORTS:
        everyone = [e.person_id for e in net.ordered(sort)]
        assert len(everyone) == len(net.people) > 150
        for page in (1, 2, 22, 23, 30):
            rows, total = answers_module.list_people(net, TODAY, sort=sort, page=page)
            assert [r["id"] for r in rows] == everyone[(page - 1) * 7 : page * 7], (sort, page)
            assert total == len(everyone)
    last_seen = [
        net.last_seen(pid) or "" for pid in (e.person_id for e in net.ordered("last_seen"))
    ]
    assert last_seen == sorted(last_seen, reverse=True)
