"""What answers.py gives the review pages, on the fictional network of review_store."""

from __future__ import annotations

from datetime import date

import pytest

from companion import answers
from companion.parsers import parse
from companion.store import Store
from companion.store.db import current_network
from tests.review_store import HOSTILE, Seeded, seed
from tests.stores import network, store_capture

TODAY = date(2025, 7, 1)


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path)


@pytest.fixture
def seeded(store) -> Seeded:
    return seed(store)


def load(store: Store) -> answers.Network:
    return network(store)


def test_events_around_today(store, seeded):
    around = answers.events_around(load(store), TODAY)
    assert [e["id"] for e in around["upcoming"]] == [seeded.upcoming]
    assert [e["id"] for e in around["recent"]] == [seeded.past]


def test_recent_activity_leaves_out_what_captures_add(store, seeded):
    recent = answers.recent_activity(load(store))
    assert {i["kind"] for i in recent} == {"met", "talked", "connected"}
    assert recent[0]["person"]["name"] == HOSTILE  # logged last on the same day
    assert recent[0]["title"] == "Graphs by the Lake"


def test_timeline_is_newest_first_with_event_titles(store, seeded):
    entries = answers.timeline(load(store), seeded.pavel)
    assert [(e["date"], e["kind"], e["title"]) for e in entries] == [
        ("2025-06-12", "connected", "Graphs by the Lake"),
        ("2025-06-12", "talked", "Graphs by the Lake"),
        ("2025-06-12", "seen_at", "Graphs by the Lake"),
    ]


def test_the_room_knows_who_you_met_before_and_whom_you_talked_to(store, seeded):
    past = answers.event_room(load(store), seeded.past)
    assert past["known"] == []  # touches logged at the event itself do not count
    assert {r["name"] for r in past["attendees"] if r["talked"]} == {
        "Mira Okonkwo",
        "Pavel Lindqvist",
        HOSTILE,
    }
    assert past["attendees"][0]["name"] == "Ada Quillfeather"  # hosts first
    # The host is named as the room's list names her: her role there, and her class.
    assert past["talk_to"][0] == {
        "id": seeded.ada,
        "name": "Ada Quillfeather",
        "why": "host, leader",
    }
    [ada] = [a for a in past["attendees"] if a["id"] == seeded.ada]
    assert (ada["roles"], ada["class"]) == (["host"], "leader")
    upcoming = answers.event_room(load(store), seeded.upcoming)
    assert [r["id"] for r in upcoming["known"]] == [seeded.ada]


def test_talked_ticks_are_logged_once_and_only_for_people_there(store, seeded):
    for _ in range(2):
        with store.transaction() as db:
            net = current_network(db)
            ids = [seeded.jonas, seeded.mira_again]
            added = answers.record_talked(db, net, seeded.past, ids, "2025-06-12")
    assert added == 0
    assert answers.talked_at(load(store), seeded.past) == sorted(
        [seeded.mira, seeded.pavel, seeded.hostile, seeded.jonas]
    )


def test_a_question_goes_on_the_attendance_and_into_the_note(store, seeded):
    with store.transaction() as db:
        answers.record_question(db, seeded.past, seeded.jonas, "Which graph store?", "2025-06-12")
    net = load(store)
    assert net.attended(seeded.jonas, seeded.past)[0]["question"] == "Which graph store?"
    assert "Which graph store?" in answers.person_notes(net, seeded.jonas)["linkedin"]["text"]
    assert answers.talked_at(net, seeded.past).count(seeded.jonas) == 0


def test_people_filter_by_group(store, seeded):
    net = load(store)
    assert answers.groups(net) == ["Lakeside Data Science"]
    _, total = answers.list_people(net, TODAY, group="Lakeside Data Science")
    assert total == 6
    assert answers.list_people(net, TODAY, group="Elsewhere") == ([], 0)


def test_the_front_page_drafts_notes_only_for_the_follow_ups_it_shows(store, seeded):
    net = load(store)
    everything = answers.due_followups(net, TODAY)
    assert everything["total"] == len(everything["due"]) >= 2
    first = answers.due_followups(net, TODAY, limit=1)
    assert first["total"] == everything["total"]
    assert first["due"] == everything["due"][:1]
    assert first["due"][0]["note"]


def openers(store: Store, event_id: int) -> list[str]:
    sections = answers.event_prep(load(store), event_id)
    return [i["text"] for s in sections if s["title"] == "Openers" for i in s["items"]]


def test_the_second_event_of_a_group_is_prepared_as_a_returning_member(store, seeded):
    # Both events are the same group's, on graph databases: the user went to the first.
    assert any("I'm new to Graph databases" in t for t in openers(store, seeded.past))
    later = openers(store, seeded.upcoming)
    assert not any("new to" in t for t in later)
    assert any("I've been to a few of these" in t for t in later)


def test_a_speaker_named_only_in_the_description_is_prepared_as_such(store):
    page = (
        '<script type="application/ld+json">{"@type": "Event", "name": "Graph Night", '
        '"startDate": "2025-09-04T18:00:00+02:00", "performer": {"@type": "Person", '
        '"name": "Ana Ruiz"}, "description": "Speakers: Ana Ruiz and Tom Berg (Acme)"}</script>'
    )
    saved = store_capture(store, parse(page, "https://events.example.org/graph-night"))
    sections = answers.event_prep(load(store), saved.event_id)
    hosts = next(s for s in sections if s["title"] == "Host and speakers")
    texts = [i["text"] for i in hosts["items"]]
    assert "Tom Berg (speaker, named in the description): Acme" in texts
    assert "Ana Ruiz (speaker)" in texts  # the page's own data says so
