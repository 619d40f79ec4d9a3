"""Prep notes, section by section, from a fictional event and room (fixed dates and zones)."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

from companion import answers
from companion.method.prep import (
    Attendee,
    keywords,
    linkedin_handle,
    prep_notes,
    talk_to,
    talk_topic,
)
from companion.store import Store
from companion.store.db import raw
from tests.stores import event_capture, meetup_member, network, store_capture

EVENT = {
    "title": "Feature Stores in Practice",
    "url": "https://www.meetup.com/lakeside-data-science/events/1/",
    "start": "2025-06-12T18:30:00-07:00",
    "end": "2025-06-12T20:30:00-07:00",
    "timezone": "America/Los_Angeles",
    "venue": {"name": "Northwind Labs", "address": "12 Harbor Street"},
    "group": {"name": "Lakeside Data Science", "url": "https://www.meetup.com/lakeside/"},
    "series": "Every 2nd Thursday",
    "attendee_count": 42,
    "topics": ["MLOps", "Data Science"],
    "sponsors": ["Northwind Labs"],
    "description": "Ada shows how Feast and PyTorch fit together. Feature pipelines, "
    "feature freshness and pipelines in production: MLOps for everyone.",
}


def person(pid: int, name: str, cls: str = "peer", roles=("attendee",), **extra) -> Attendee:
    return Attendee(id=pid, name=name, roles=list(roles), cls=cls, **extra)


ROOM = [
    person(
        1,
        "Ada Quillfeather",
        "leader",
        ("host", "speaker"),
        company="Northwind Labs",
        position="Head of ML",
        profile_url="https://www.linkedin.com/in/ada-q/",
        mutual=(["Bo Lindqvist"], 1),
    ),
    person(2, "Tomas Verhoeven", "leader", ("organizer",)),
    person(3, "Mara Example", touches=3, last_met="2025-05-08", known=True, can_message=True),
    person(4, "Jonas Example", "leader", headline="Director of Analytics"),
    person(5, "Li Example"),
    person(6, "Sofia Example"),
    person(7, "Kai Example"),
    person(8, "Noor Example", "leader"),
]


def section(title: str, zone: str = "Europe/Berlin", room=ROOM, colleagues=None) -> dict:
    sections = prep_notes(EVENT, room, colleagues, ZoneInfo(zone))
    return next(s for s in sections if s["title"] == title)


def texts(sec: dict) -> list[str]:
    return [i["text"] for i in sec["items"]]


SECTIONS = [
    "The event",
    "Host and speakers",
    "Topic",
    "Hosting company",
    "Who is coming",
    "Openers",
    "After the event",
]


def test_sections_come_in_the_methods_order():
    titles = [s["title"] for s in prep_notes(EVENT, ROOM, {}, ZoneInfo("UTC"))]
    assert titles == SECTIONS


def test_the_event_in_its_zone_and_the_users():
    items = texts(section("The event"))
    assert "When: Thu 12 Jun 2025, 18:30-20:30 PDT" in items
    assert "Your time: Fri 13 Jun 2025, 03:30-05:30 CEST" in items
    assert "Where: Northwind Labs, 12 Harbor Street" in items
    assert "Series: Every 2nd Thursday" in items
    assert "Going: 42" in items
    assert "Organized by Ada Quillfeather, Tomas Verhoeven" in items


def test_the_users_time_is_not_repeated_when_it_is_the_same_clock():
    assert not any(
        t.startswith("Your time") for t in texts(section("The event", "America/Vancouver"))
    )


def test_hosts_and_speakers_with_what_the_page_says_and_search_links():
    sec = section("Host and speakers")
    items = texts(sec)
    assert items[0] == "Ada Quillfeather (host/speaker): Head of ML at Northwind Labs"
    assert "LinkedIn: in/ada-q" in items
    assert "People you both know: Bo Lindqvist" in items
    links = [i.get("link") for i in sec["items"]]
    assert "https://www.linkedin.com/search/results/people/?keywords=Ada+Quillfeather" in links
    assert "https://duckduckgo.com/?q=%22Tomas+Verhoeven%22+talk" in links
    assert "Career path: how did they get to where they are?" in sec["questions"]


def test_topic_lists_topics_and_description_keywords():
    items = texts(section("Topic"))
    assert items[0] == "Topics: MLOps, Data Science"
    assert items[1] == "Keywords from the description: Feast, PyTorch, feature, pipelines"


def test_keywords_skip_topics_and_common_words():
    assert keywords("The MLOps talk about the event, the event", ["MLOps"]) == []
    assert keywords(None, []) == []


def test_hosting_company_with_open_roles_and_whom_you_know_there():
    sec = section("Hosting company", colleagues={"Northwind Labs": (["Bo Lindqvist"], 1)})
    items = texts(sec)
    assert "Hosting company or sponsor: Northwind Labs" in items
    assert "You know Bo Lindqvist there" in items
    roles = next(i for i in sec["items"] if i["text"] == "Open roles at Northwind Labs")
    assert roles["link"] == "https://www.linkedin.com/jobs/search/?keywords=Northwind+Labs"
    assert "Nobody you saved works at Northwind Labs yet" in texts(section("Hosting company"))


def test_a_sponsor_employing_many_of_your_contacts_names_a_few_and_counts_the_rest():
    few = [f"Guest {n:02d}" for n in range(5)]
    items = texts(section("Hosting company", colleagues={"Northwind Labs": (few, 12)}))
    assert "You know Guest 00, Guest 01, Guest 02, Guest 03, Guest 04 and 7 more there" in items


def test_a_host_who_knows_many_of_your_contacts_names_the_best_known_and_counts_the_rest():
    host = person(1, "Ada Quillfeather", "leader", ("host",), mutual=(["Bo", "Cy"], 9))
    items = texts(section("Host and speakers", room=[host]))
    assert "People you both know: Bo, Cy and 7 more" in items


def test_people_you_both_know_come_from_the_store_best_known_first(tmp_path):
    store = Store(tmp_path)
    past = event_capture(1, [meetup_member(str(81000 + n), f"Guest {n}") for n in range(8)])
    past.event.hosts = [meetup_member("80000", "Ada Quillfeather", "host")]
    now = event_capture(2)
    now.event.hosts = past.event.hosts
    store_capture(store, past)
    store_capture(store, now)
    with store.transaction() as db:
        guests = {p["name"]: pid for pid, p in raw(db, "people").items()}
        for n in range(8):  # Guest n: n talks
            for _ in range(n):
                talked = {"kind": "talked", "date": "2025-06-20", "event_id": None, "note": ""}
                answers.log_interaction(db, int(guests[f"Guest {n}"]), talked)
    net = network(store)
    [current] = [e for e, doc in net.events.items() if doc["title"] == "Evening 2"]
    # Guest 0 was there but never met: not someone you both know.
    assert "People you both know: Guest 7, Guest 6, Guest 5, Guest 4, Guest 3 and 2 more" in (
        host_items(net, current)
    )
    with store.transaction() as db:  # now you have
        talked = {"kind": "talked", "date": "2025-06-21", "event_id": None, "note": ""}
        answers.log_interaction(db, int(guests["Guest 0"]), talked)
    net = network(store)
    assert "People you both know: Guest 7, Guest 6, Guest 5, Guest 4, Guest 3 and 3 more" in (
        host_items(net, current)
    )


def host_items(net: answers.Network, event_id: int) -> list[str]:
    sections = {s["title"]: texts(s) for s in answers.event_prep(net, event_id, UTC)}
    return sections["Host and speakers"]


def test_who_is_coming_shows_known_people_balance_and_messaging():
    items = texts(section("Who is coming"))
    assert "You already know Mara Example: 3 of 8 interactions, last met 2025-05-08" in items
    assert (
        "Leaders: 4, peers: 4 (50% leaders; a typical room has about 20%). "
        "Spend about half your time with each."
    ) in items
    assert "You can message them on the platform: Mara Example" in items


def test_a_large_event_names_the_ten_you_know_best_and_counts_the_rest():
    known = [person(100 + n, f"Regular {n:02d}", touches=n % 8, known=True) for n in range(25)]
    items = texts(section("Who is coming", room=ROOM + known))
    listed = [i for i in items if i.startswith("You already know")]
    assert len(listed) == 10
    # Those you are furthest along with come first: 7 touches, then 6.
    assert listed[0].startswith("You already know Regular 07: 7 of 8")
    assert all(" 6 of 8" in i or " 7 of 8" in i for i in listed[:6])
    # Mara (3 touches) and 15 regulars are counted, not named.
    assert "And 16 more people you have met before" in items


def test_talk_to_puts_the_organizer_first_then_alternates_leaders_and_peers():
    chosen = [(a.name, why) for a, why in talk_to(ROOM)]
    assert chosen == [
        ("Ada Quillfeather", "host, leader"),
        ("Mara Example", "peer"),
        ("Jonas Example", "leader"),
        ("Kai Example", "peer"),
        ("Noor Example", "leader"),
        ("Li Example", "peer"),
    ]


def test_talk_to_balances_half_and_half_in_a_room_of_peers():
    room = [person(i, f"P{i:02d}") for i in range(20)] + [
        person(50, "L1", "leader"),
        person(51, "L2", "leader"),
        person(52, "L3", "leader"),
    ]
    classes = [a.cls for a, _ in talk_to(room)]
    assert classes.count("leader") == 3 and classes.count("peer") == 3


def test_an_empty_room_asks_for_the_attendee_list():
    assert texts(section("Who is coming", room=[])) == [
        "Nobody is listed yet: capture the attendee list."
    ]


def test_openers_are_filled_with_the_events_facts():
    items = texts(section("Openers"))
    assert (
        "To Ada Quillfeather: I'm new to MLOps, but I read up on it before coming. "
        "How would you go deeper from here?"
    ) in items
    assert (
        "To Ada Quillfeather: Does MLOps matter to Northwind Labs? "
        "How many people work on it there?"
    ) in items
    assert (
        "To Ada Quillfeather: Thanks for organizing Feature Stores in Practice. "
        "How did Lakeside Data Science start?"
    ) in items


def test_after_the_event_gives_the_dates_from_the_event():
    assert texts(section("After the event"))[:2] == [
        "By 2025-06-15: connect on LinkedIn with a note that names this event.",
        "Not before 2025-06-26: the next follow-up, unless you agreed a date with them.",
    ]


def test_linkedin_handle_only_from_linkedin_addresses():
    assert linkedin_handle("https://www.linkedin.com/in/ada-q/?x=1") == "in/ada-q"
    assert linkedin_handle("https://www.meetup.com/members/1/") is None


def test_the_talk_topic_is_a_listed_topic_the_event_is_about():
    assert (
        talk_topic(
            {"title": "Graphs", "topics": ["Linux", "Python"], "description": "Graphs in Python"}
        )
        == "Python"
    )
    assert talk_topic({"title": "MLOps Q&A", "topics": ["Data Science", "MLOps"]}) == "MLOps"
    assert talk_topic({"title": "Graphs", "topics": ["Linux"], "description": "Graphs"}) is None


def test_links_in_the_description_give_no_keywords():
    assert keywords("Join via https://bit.ly/3T2eGk2 or www.example.org/Zq9X", []) == []
