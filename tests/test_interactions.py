"""Interactions: what may be logged, and progress toward eight touches."""

from __future__ import annotations

import pytest

from companion.method import interactions, organizer


def test_a_valid_interaction_is_normalized():
    body = {"kind": "talked", "date": "2025-06-12T20:00:00-07:00", "event_id": 3, "note": " MLOps "}
    assert interactions.validated(body) == {
        "kind": "talked",
        "date": "2025-06-12",
        "event_id": 3,
        "note": "MLOps",
    }


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ([], "JSON object"),
        ({"kind": "poked", "date": "2025-06-12"}, "'kind'"),
        ({"kind": "met", "date": "12/06/2025"}, "'date'"),
        ({"kind": "met"}, "'date'"),
        ({"kind": "met", "date": "2025-06-12", "event_id": "3"}, "'event_id'"),
        ({"kind": "met", "date": "2025-06-12", "event_id": True}, "'event_id'"),
        ({"kind": "met", "date": "2025-06-12", "note": 5}, "'note'"),
    ],
)
def test_bad_interactions_are_refused_with_one_sentence(body, words):
    with pytest.raises(interactions.BadInteraction) as problem:
        interactions.validated(body)
    assert words in str(problem.value) and str(problem.value).endswith(".")


def test_progress_counts_every_touch_toward_eight():
    kinds = ["seen_at", "met", "talked", "connected", "message", "note"]
    logged = [{"kind": k, "date": "2025-06-12"} for k in kinds]
    assert interactions.progress(logged) == {"count": 5, "goal": 8, "left": 3}
    many = [{"kind": "met_again", "date": "2025-06-12"}] * 9
    assert interactions.progress(many) == {"count": 9, "goal": 8, "left": 0}


def test_last_personal_touch_ignores_being_seen():
    logged = [{"kind": "met", "date": "2025-06-12"}, {"kind": "seen_at", "date": "2025-07-01"}]
    assert interactions.last_touch(logged) == "2025-07-01"
    assert interactions.last_touch(logged, personal=True) == "2025-06-12"


def test_organizer_steps_are_interactions_that_count():
    person_id, step = organizer.validated(
        {"person_id": 4, "step": "briefing", "date": "2025-05-20", "note": "30 min call"}, 9
    )
    assert person_id == 4
    assert step == {
        "kind": "talked",
        "date": "2025-05-20",
        "event_id": 9,
        "note": "30 min call",
        "step": "briefing",
    }
    assert step["kind"] in interactions.KINDS


def test_organizer_checklist_shows_done_steps_and_the_next():
    logged = [
        {"kind": "message", "date": "2025-05-01", "event_id": 9, "step": "first_contact"},
        {"kind": "talked", "date": "2025-05-20", "event_id": 9, "step": "briefing"},
        {"kind": "helped", "date": "2025-05-22", "event_id": 8, "step": "help_before"},
    ]
    listed = organizer.checklist(logged, 9)
    assert [s["step"] for s in listed["steps"]] == [
        "first_contact",
        "briefing",
        "help_before",
        "help_during",
        "thank_you",
        "newsletter",
        "personal_follow_up",
    ]
    assert listed["steps"][1]["done_on"] == "2025-05-20"
    assert (listed["done"], listed["next"]) == (2, "help_before")


@pytest.mark.parametrize(
    "body",
    [
        {"person_id": "4", "step": "briefing", "date": "2025-05-20"},
        {"person_id": 4, "step": "dinner", "date": "2025-05-20"},
        {"person_id": 4, "step": "briefing", "date": "soon"},
    ],
)
def test_bad_organizer_steps_are_refused(body):
    with pytest.raises(organizer.BadStep):
        organizer.validated(body, 9)
