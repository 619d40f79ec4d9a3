"""Notes and openers that read as if a person wrote them (issue 21): the words fit the facts.

Thirty notes for one fictional event at each time of day, and the openers around them, are
read against the rules: the time-of-day word matches the event's clock, the title is never
used as a topic, nobody returning to a group says they are new to it, a "name" that is not
a name gets no first-name greeting, and the count is the one LinkedIn makes.
"""

from __future__ import annotations

import re

import pytest

from companion.method import notes
from companion.method.prep import Attendee, prep_notes

NAMES = [
    f"{first} Example"
    for first in ["Ada", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo"]
]
ROLES = ["host", "speaker", "attendee"]
TIMES = {
    "morning": "2025-06-12T09:30:00+02:00",
    "afternoon": "2025-06-12T14:00:00+02:00",
    "evening": "2025-06-12T18:30:00+02:00",
}
# An event whose title is a name, not a subject, and whose page lists no topics.
SHOUTY = {"title": "Data Viz LIGHTNING TALKS", "topics": [], "group": {"name": "Viz Circle"}}


def thirty_notes(event: dict) -> list[str]:
    """Ten people in each of three roles: the invite, the long invite and the Meetup note."""
    texts = []
    for role in ROLES:
        for index, name in enumerate(NAMES):
            drafted = notes.all_notes(notes.facts({"name": name}, event, role), index)
            texts += [drafted["linkedin"]["text"], drafted["linkedin_long"]["text"]]
            texts.append(drafted["meetup"]["text"])
    return texts


@pytest.mark.parametrize("daypart", TIMES)
def test_time_of_day_words_fit_the_events_clock(daypart):
    event = {**SHOUTY, "start": TIMES[daypart], "topics": ["charts"]}
    texts = thirty_notes(event)
    said = {word for text in texts for word in re.findall(r"morning|afternoon|evening", text)}
    assert said == {daypart}  # some notes name it, and only the right one


def test_an_event_without_a_clock_time_gets_no_time_of_day_word():
    texts = thirty_notes({**SHOUTY, "start": "2025-06-12", "topics": ["charts"]})
    assert not any(re.search(r"morning|afternoon|evening", t) for t in texts)


def test_the_title_is_never_used_as_the_topic():
    event = {**SHOUTY, "start": TIMES["evening"]}
    for text in thirty_notes(event):
        assert "on Data Viz LIGHTNING TALKS" not in text
        assert "about Data Viz LIGHTNING TALKS" not in text
    openers = opener_texts(event)
    assert not any("Does Data Viz LIGHTNING TALKS matter" in t for t in openers)
    assert not any("new to Data Viz" in t for t in openers)
    assert any("Does this work matter to" in t for t in openers)


def test_openers_use_the_groups_theme_when_the_talk_names_none():
    event = {**SHOUTY, "start": TIMES["evening"], "topics": ["Visualization"]}
    assert any("Does Visualization matter to" in t for t in opener_texts(event))


def test_a_returning_member_is_never_new_to_the_group():
    event = {**SHOUTY, "start": TIMES["evening"], "topics": ["Python"]}
    first_time = opener_texts(event)
    returning = opener_texts(event, returning=True)
    assert any("I'm new to Python" in t for t in first_time)
    assert not any("new to" in t for t in returning)
    assert any(
        "I've been to a few of these. Where would you go deeper on Python" in t for t in returning
    )


def test_no_note_claims_the_user_is_new_to_anything():
    event = {**SHOUTY, "start": TIMES["evening"], "topics": ["Python"]}
    assert not any("new to" in t for t in thirty_notes(event))


@pytest.mark.parametrize("not_a_name", ["<img,", "@ada", "2nd", "—", "http://x.example/a"])
def test_a_name_that_is_not_a_name_gets_no_first_name_greeting(not_a_name):
    text = notes.linkedin({"name": f"{not_a_name} Example"}, SHOUTY, "attendee", index=0)["text"]
    assert not_a_name not in text
    assert text.startswith(("Hi there", "Hello there", "There,"))


@pytest.mark.parametrize(
    "name", ["Ada Example", "D'Arcy Example", "Jean-Luc Example", "Zoë Ex", "Ana."]
)
def test_real_first_names_are_greeted(name):
    assert notes.first_name(name) == name.split()[0]


def test_the_count_is_what_linkedin_counts_an_emoji_is_two():
    assert notes.note_length("Hi 🎉") == 5
    event = {**SHOUTY, "title": "🎉" * 150, "start": TIMES["evening"]}
    note = notes.linkedin({"name": "Ada Example"}, event, "attendee", index=0)
    assert note["length"] == len(note["text"].encode("utf-16-le")) // 2 <= 200
    assert len(note["text"]) < note["length"]  # code points would undercount it


def test_wording_still_varies_across_thirty_notes():
    texts = thirty_notes({**SHOUTY, "start": TIMES["evening"], "topics": ["charts"]})
    bodies = {re.sub(r"^\S+ \S+[,!]? ", "", t) for t in texts}
    assert len(bodies) >= 25


def opener_texts(event: dict, returning: bool = False) -> list[str]:
    host = Attendee(id=1, name="Ada Example", roles=["organizer"], cls="leader")
    speaker = Attendee(id=2, name="Bo Example", roles=["speaker"], cls="leader", company="Acme")
    sections = prep_notes(event, [host, speaker], returning=returning)
    openers = next(s for s in sections if s["title"] == "Openers")
    return [item["text"] for item in openers["items"]]
