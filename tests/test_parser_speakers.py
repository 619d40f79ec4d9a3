# ruff: noqa: RUF001  (speaker lines in other scripts, on purpose)
"""Speakers wherever a page names them (issue 16): a free-text credit split into people, and
description lines in the languages networkers meet, each marked as named in the description.
Precision first: lines that only look like credits name nobody."""

from __future__ import annotations

import json

import pytest

from companion.parsers import parse
from companion.parsers.speakers import from_credit, from_description
from tests.conftest import fixture_text

MEETUP_URL = "https://www.meetup.com/lakeside-data-science/events/301234567/"


def named(people) -> list[tuple[str, str | None]]:
    return [(p.name, p.headline) for p in people]


def test_a_credit_of_two_people_with_roles_and_a_shared_company_is_split():
    credit = "Ana Ruiz (ML engineer) & Tom Berg (data architect), Acme Analytics"
    assert named(from_credit(credit)) == [
        ("Ana Ruiz", "ML engineer at Acme Analytics"),
        ("Tom Berg", "data architect at Acme Analytics"),
    ]


@pytest.mark.parametrize(
    ("credit", "people"),
    [
        ("Ana Ruiz, Tom Berg and Li Wei",
         [("Ana Ruiz", None), ("Tom Berg", None), ("Li Wei", None)]),
        ("Ana Ruiz, Staff Engineer @ Acme", [("Ana Ruiz", "Staff Engineer @ Acme")]),
        ("Mia Chen (Globex) + Raj Patel (Initech)",
         [("Mia Chen", "Globex"), ("Raj Patel", "Initech")]),
        ("TBA", []),
        ("Our speakers", []),
    ],
)  # fmt: skip
def test_credits_name_each_person_once_with_what_follows_them(credit, people):
    assert named(from_credit(credit)) == people


def test_meetups_speaker_details_become_the_events_speakers():
    details = {"name": "Ana Ruiz (ML engineer) & Tom Berg (data architect), Acme Analytics",
               "description": "**Ana** builds feature stores."}  # fmt: skip
    html = fixture_text("meetup-event.html").replace(
        '"Event:301234567": {"__typename": "Event",',
        f'"Event:301234567": {{"__typename": "Event", "speakerDetails": {json.dumps(details)},',
    )
    event = parse(html, MEETUP_URL).event
    assert named(event.speakers) == [
        ("Ana Ruiz", "ML engineer at Acme Analytics"),
        ("Tom Berg", "data architect at Acme Analytics"),
    ]
    assert {p.role for p in event.speakers} == {"speaker"}
    assert {p.source for p in event.speakers} == {None}  # the page's data, not its text


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("Speaker: Ana Ruiz, Staff Engineer at Acme",
         [("Ana Ruiz", "Staff Engineer at Acme")]),
        ("**Speakers:** Mia Chen (Globex) and Raj Patel (Initech)",
         [("Mia Chen", "Globex"), ("Raj Patel", "Initech")]),
        ("Talk by Tom Berg", [("Tom Berg", None)]),
        ("Presented by Lena Vogel & Omar Haddad", [("Lena Vogel", None), ("Omar Haddad", None)]),
        ("A fireside chat with Omar Haddad", [("Omar Haddad", None)]),
        ("**Olu Adeyemi, Head of Data at Brightwater**",
         [("Olu Adeyemi", "Head of Data at Brightwater")]),
    ],
)  # fmt: skip
def test_english_speaker_lines(line, people):
    assert named(from_description(f"Join us!\n\n{line}\n\nDoors at 18:00.")) == people


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("主讲人：张伟", ["张伟"]),
        ("分享嘉宾: 李娜、王芳", ["李娜", "王芳"]),
        ("嘉宾：陈静 和 刘洋", ["陈静", "刘洋"]),
        ("讲者：赵磊", ["赵磊"]),
    ],
)
def test_chinese_speaker_lines(line, people):
    assert [p.name for p in from_description(line)] == people


@pytest.mark.parametrize(
    ("line", "people"),
    [
        ("Referentin: Lena Vogel", ["Lena Vogel"]),  # German
        ("Vortrag von Jonas Becker und Mira Klein", ["Jonas Becker", "Mira Klein"]),
        ("Intervenant : Jean-Luc Martin", ["Jean-Luc Martin"]),  # French
        ("Présenté par Claire Dubois et Hugo Petit", ["Claire Dubois", "Hugo Petit"]),
        ("Ponente: María de la Cruz", ["María de la Cruz"]),  # Spanish
        ("Palestrante: João Silva", ["João Silva"]),  # Portuguese
        ("דוברת: דנה כהן", ["דנה כהן"]),  # Hebrew
        ("דוברים: דנה כהן ויוסי לוי", ["דנה כהן", "יוסי לוי"]),
    ],
)
def test_speaker_lines_in_other_languages(line, people):
    assert [p.name for p in from_description(line)] == people


@pytest.mark.parametrize(
    "line",
    [
        "Pizza and drinks, sponsored by Acme",
        "Speaker series continues next month",
        "With thanks to Data Science Lisbon and Friends",
        "Agenda, 18:30 doors open",
        "Speakers: to be announced",
        "Speaker: TBA",
        "Talk by the community",
        "Bring a laptop, engineers welcome",
        "Ana Ruiz, see you there",
    ],
)
def test_lines_that_only_look_like_credits_name_nobody(line):
    assert from_description(line) == []


def test_speakers_named_in_a_description_are_added_and_marked_on_any_platform():
    data = {"@context": "https://schema.org", "@type": "EducationEvent", "name": "Graph Night",
            "startDate": "2025-09-04T18:00:00+02:00",
            "performer": {"@type": "Person", "name": "Ana Ruiz"},
            "description": "Speakers: Ana Ruiz and Tom Berg (Acme)\n\nDoors at 18:00."}  # fmt: skip
    html = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    event = parse(html, "https://events.example.org/graph-night").event
    # The performer is the page's data; the description adds only the one it did not name.
    assert [(p.name, p.source) for p in event.speakers] == [
        ("Ana Ruiz", None),
        ("Tom Berg", "description"),
    ]
    assert event.speakers[1].headline == "Acme"


def test_eventbrites_organizer_is_the_events_host_to_meet():
    url = "https://www.eventbrite.com/e/spring-data-social-tickets-123456789"
    event = parse(fixture_text("eventbrite-event.html"), url).event
    assert [(p.name, p.role, p.profile_url) for p in event.hosts] == [
        (
            "Merrimack Data Guild",
            "organizer",
            "https://www.eventbrite.com/o/merrimack-data-guild-55501234",
        )
    ]


@pytest.mark.parametrize(
    "kind", ["BusinessEvent", "EducationEvent", "SocialEvent", "MusicEvent", "ComedyEvent"]
)
def test_performers_and_organizing_people_of_any_event_type_are_speakers_and_hosts(kind):
    data = {"@context": "https://schema.org", "@type": kind, "name": "Harbor Night",
            "startDate": "2025-09-04T18:00:00+02:00",
            "performer": [{"@type": "Person", "name": "Ana Ruiz"},
                          {"@type": "PerformingGroup", "name": "The Quill Trio"}],
            "organizer": {"@type": "Person", "name": "Tom Berg"}}  # fmt: skip
    html = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    event = parse(html, "https://events.example.org/harbor-night").event
    assert [(p.name, p.role) for p in event.speakers] == [
        ("Ana Ruiz", "speaker"),
        ("The Quill Trio", "speaker"),
    ]
    assert [(p.name, p.role) for p in event.hosts] == [("Tom Berg", "host")]


def test_speaker_details_handed_to_next_js_whole_are_read_too():
    props = {"event": {"id": "301234567", "speakerDetails": {"name": "Lena Vogel (Data lead)"}}}
    html = fixture_text("meetup-event.html").replace(
        '"pageProps": {', f'"pageProps": {{"event": {json.dumps(props["event"])}, ', 1
    )
    assert '"speakerDetails"' in html
    assert named(parse(html, MEETUP_URL).event.speakers) == [("Lena Vogel", "Data lead")]
