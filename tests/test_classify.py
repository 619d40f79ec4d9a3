"""Peers and leaders: 130+ hand-labelled titles in five languages, then the other rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.method.classify import by_choice_or_role, classify, leader_word

TITLES = Path(__file__).parent / "data" / "titles.tsv"


def labelled_titles() -> list[tuple[str, str, str]]:
    rows = []
    for line in TITLES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, expected, title = line.split("\t")
            rows.append((language, expected, title))
    return rows


def test_the_labelled_set_is_large_and_covers_five_languages():
    rows = labelled_titles()
    assert len(rows) >= 100
    assert {lang for lang, _, _ in rows} == {"en", "de", "fr", "es", "zh"}
    assert {cls for _, cls, _ in rows} == {"peer", "leader"}


@pytest.mark.parametrize(("language", "expected", "title"), labelled_titles())
def test_title_is_classified_as_labelled(language, expected, title):
    assert classify({"headline": title}).cls == expected, (language, title)


def test_the_reason_names_the_keyword_and_where_it_was_found():
    result = classify({"headline": "Head of Data Science"})
    assert result.reason == "headline says “Head of”"
    assert classify({"headline": "Data Scientist"}).reason == "no lead role in their title"


def test_imported_linkedin_position_is_read_before_the_headline():
    person = {"position": "Engineering Manager", "headline": "Data nerd"}
    assert classify(person).reason == "LinkedIn position says “Manager”"


def test_bio_counts_when_the_headline_says_nothing():
    person = {"headline": "Hello!", "bio": "I run the analytics team as its director."}
    assert classify(person).cls == "leader"


@pytest.mark.parametrize("role", ["host", "organizer", "speaker"])
def test_hosts_organizers_and_speakers_are_leaders(role):
    result = classify({"headline": "Student"}, roles=["attendee", role])
    assert (result.cls, result.reason) == ("leader", f"{role} at an event")


def test_plain_attendees_and_question_askers_stay_peers():
    assert classify({"headline": "Analyst"}, roles=["attendee", "asked_question"]).cls == "peer"


def test_the_users_override_wins_over_every_rule():
    assert classify({"headline": "CEO", "class_override": "peer"}).cls == "peer"
    student = classify({"headline": "Student", "class_override": "leader"}, roles=["attendee"])
    assert (student.cls, student.reason) == ("leader", "you set this")


def test_an_unknown_override_value_is_ignored():
    assert classify({"headline": "CEO", "class_override": "boss"}).cls == "leader"


def test_aspiring_to_a_role_is_not_holding_it():
    assert leader_word("Aspiring Data Science Lead") is None
    assert leader_word("Data Science Lead") == "Lead"


def test_nobody_with_no_title_is_a_peer():
    assert classify({}).cls == "peer"


@pytest.mark.parametrize("role", ["host", "organizer", "speaker"])
def test_the_users_own_peer_choice_beats_a_lead_role_at_an_event(role):
    chosen = classify({"headline": "Student", "class_override": "peer"}, roles=[role, "attendee"])
    assert (chosen.cls, chosen.reason) == ("peer", "you set this")
    decided = by_choice_or_role({"class_override": "peer"}, [role])
    assert decided is not None and decided.cls == "peer"
