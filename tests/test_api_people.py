"""The people, follow-up, settings, prep and organizer endpoints, through Flask's test client.

Dates are fixed: every answer that depends on the day is asked with ?today=YYYY-MM-DD.
"""

from __future__ import annotations

import random
import re

import pytest

from bench.fiction import member
from bench.pages import capture_body as bench_page
from companion import capturing
from tests.test_api_captures import capture_body


@pytest.fixture
def captured(client, auth) -> dict:
    """The fictional Meetup event captured once: its hosts Ada and Tomas are stored."""
    reply = client.post("/api/captures", json=capture_body(), headers=auth).get_json()
    people = {s["person"]["name"]: s["person"]["id"] for s in reply["suggestions"]}
    return {
        "event": reply["event"]["id"],
        "ada": people["Ada Quillfeather"],
        "tomas": people["Tomas Verhoeven"],
    }


def seed_attendees(app, event_id: int, count: int) -> list[int]:
    """Fictional attendees of a stored event, written the way a capture would store them."""
    with app.extensions["hallway_store"].transaction() as db:
        ids = [
            db.table("people").insert(
                {"name": f"Guest{i} Example", "keys": [f"test:{i}"], "status": "none", "notes": ""}
            )
            for i in range(count)
        ]
        db.table("attendances").insert_multiple(
            {"person_id": pid, "event_id": event_id, "role": "attendee"} for pid in ids
        )
    return ids


def log(client, auth, person_id: int, **body):
    return client.post(f"/api/people/{person_id}/interactions", json=body, headers=auth)


def test_a_capture_adds_one_seen_at_touch_per_person_and_event(client, auth, captured):
    client.post("/api/captures", json=capture_body("c-2"), headers=auth)
    listed = client.get(f"/api/people/{captured['ada']}/interactions", headers=auth).get_json()
    assert listed["interactions"] == [
        {
            "id": listed["interactions"][0]["id"],
            "person_id": captured["ada"],
            "kind": "seen_at",
            "date": "2025-06-12",
            "event_id": captured["event"],
            "note": "",
        }
    ]
    assert listed["progress"] == {"count": 1, "goal": 8, "left": 7}


def test_people_list_has_the_documented_fields(client, auth, captured):
    answer = client.get("/api/people", headers=auth).get_json()
    assert answer["total"] == 2
    ada = next(p for p in answer["people"] if p["id"] == captured["ada"])
    assert {k: ada[k] for k in ("name", "class", "interactions", "last_seen", "status")} == {
        "name": "Ada Quillfeather",
        "class": "leader",
        "interactions": 1,
        "last_seen": "2025-06-12",
        "status": "none",
    }
    assert ada["class_reason"] == "host at an event"
    assert {"id", "headline"} <= set(ada)


def test_people_filters_sort_and_pages(client, auth, app, captured):
    seed_attendees(app, captured["event"], 60)
    get = lambda q: client.get(f"/api/people?{q}", headers=auth).get_json()  # noqa: E731
    assert get("")["total"] == 62 and len(get("")["people"]) == 50
    assert len(get("page=2")["people"]) == 12
    assert [p["name"] for p in get("q=quill")["people"]] == ["Ada Quillfeather"]
    assert get("cls=leader")["total"] == 2 and get("cls=peer")["total"] == 60
    assert get(f"event={captured['event']}")["total"] == 62
    assert get("event=999")["total"] == 0
    log(
        client,
        auth,
        captured["tomas"],
        kind="talked",
        date="2025-06-12",
        event_id=captured["event"],
    )
    assert get("sort=interactions")["people"][0]["name"] == "Tomas Verhoeven"
    assert get("sort=name")["people"][0]["name"] == "Ada Quillfeather"
    log(client, auth, captured["ada"], kind="invite_sent", date="2025-06-13")
    assert [p["name"] for p in get("status=invite_sent")["people"]] == ["Ada Quillfeather"]
    assert [p["name"] for p in get("due=1&today=2025-06-13")["people"]] == ["Tomas Verhoeven"]
    assert get("due=1&today=2025-06-12")["total"] == 0


def test_logging_moves_the_status_forward_and_the_user_can_set_it_back(client, auth, captured):
    tomas = captured["tomas"]
    status = lambda: client.get(f"/api/people/{tomas}", headers=auth).get_json()["status"]  # noqa: E731
    log(client, auth, tomas, kind="connected", date="2025-06-14")
    log(client, auth, tomas, kind="invite_sent", date="2025-06-13")
    assert status() == "connected"
    client.post(f"/api/people/{tomas}", json={"status": "none"}, headers=auth)
    assert status() == "none"
    log(client, auth, tomas, kind="invite_sent", date="2025-06-20")
    assert status() == "invite_sent"


@pytest.mark.parametrize(
    "query", ["cls=boss", "status=friend", "sort=age", "page=0", "event=x", "due=1&today=tomorrow"]
)
def test_bad_people_filters_are_422_with_a_sentence(client, auth, query):
    answer = client.get(f"/api/people?{query}", headers=auth)
    assert answer.status_code == 422
    assert answer.get_json()["error"].endswith(".")


def test_logging_an_interaction_returns_what_was_stored(client, auth, captured):
    answer = log(
        client,
        auth,
        captured["ada"],
        kind="talked",
        date="2025-06-12",
        event_id=captured["event"],
        note="feature freshness",
    )
    assert answer.status_code == 201
    stored = answer.get_json()
    assert stored == {
        "id": stored["id"],
        "person_id": captured["ada"],
        "kind": "talked",
        "date": "2025-06-12",
        "event_id": captured["event"],
        "note": "feature freshness",
    }
    person = client.get(f"/api/people/{captured['ada']}", headers=auth).get_json()
    assert [i["kind"] for i in person["interactions"]] == ["seen_at", "talked"]
    assert person["progress"]["count"] == 2
    assert person["attendances"] == [
        {
            "event_id": captured["event"],
            "role": "host",
            "title": "Feature Stores in Practice & MLOps Q&A",
            "start": "2025-06-12T18:30:00-07:00",
        }
    ]
    assert "keys" not in person


def test_bad_interactions_are_422_and_unknown_people_404(client, auth, captured):
    for body, words in (
        ({"kind": "hugged", "date": "2025-06-12"}, "'kind' must be one of"),
        ({"kind": "met", "date": "June 12"}, "'date' must be a date"),
        ({"kind": "met", "date": "2025-06-12", "event_id": 999}, "no event"),
    ):
        answer = log(client, auth, captured["ada"], **body)
        assert answer.status_code == 422 and words in answer.get_json()["error"]
    assert log(client, auth, 999, kind="met", date="2025-06-12").status_code == 404
    assert client.get("/api/people/999", headers=auth).status_code == 404


def test_the_user_edits_status_notes_class_and_agreed_date(client, auth, captured):
    url = f"/api/people/{captured['ada']}"
    answer = client.post(
        url,
        json={
            "status": "connected",
            "notes": "Met at the bar",
            "class_override": "peer",
            "follow_up_on": "2025-07-01",
        },
        headers=auth,
    )
    assert answer.status_code == 200
    person = answer.get_json()
    assert (person["status"], person["notes"], person["class"]) == (
        "connected",
        "Met at the bar",
        "peer",
    )
    assert person["class_reason"] == "you set this"
    assert person["next"] is None  # no touch of yours yet: nothing to follow up
    cleared = client.post(url, json={"class_override": None}, headers=auth).get_json()
    assert cleared["class"] == "leader"
    for body in (
        {"status": "married"},
        {"class_override": "boss"},
        {"name": "X"},
        {"follow_up_on": "soon"},
        {},
    ):
        assert client.post(url, json=body, headers=auth).status_code == 422, body


def test_notes_for_a_person_at_an_event(client, auth, captured):
    log(
        client,
        auth,
        captured["tomas"],
        kind="talked",
        date="2025-06-12",
        event_id=captured["event"],
        note="streaming features",
    )
    url = f"/api/people/{captured['tomas']}/notes?event={captured['event']}"
    drafted = client.get(url, headers=auth).get_json()
    kinds = {"linkedin", "linkedin_long", "meetup", "follow_up"}
    assert set(drafted) == {"event_id", "language", *kinds}
    assert drafted["linkedin"]["limit"] == 200 and drafted["linkedin_long"]["limit"] == 300
    for kind in ("linkedin", "linkedin_long", "meetup", "follow_up"):
        note = drafted[kind]
        assert note["length"] == len(note["text"]) <= note["limit"]
        assert "Feature Stores" in note["text"] and "12 Jun" in note["text"]
        assert "streaming features" in note["text"]
    assert client.get(f"/api/people/{captured['tomas']}/notes", headers=auth).get_json() == drafted


def test_notes_follow_the_settings(client, auth, captured):
    client.post("/api/settings", json={"note_limit": 300, "language": "zh"}, headers=auth)
    drafted = client.get(f"/api/people/{captured['ada']}/notes", headers=auth).get_json()
    assert drafted["linkedin"]["limit"] == 300
    assert (
        "6月12日" in drafted["linkedin"]["text"]
        and "Ada Quillfeather" in drafted["linkedin"]["text"]
    )


def test_meetup_messages_to_fifty_people_at_one_event_differ(client, auth, app, captured):
    ids = seed_attendees(app, captured["event"], 50)
    texts = []
    for i, pid in enumerate(ids):
        note = client.get(f"/api/people/{pid}/notes", headers=auth).get_json()["meetup"]
        assert note["length"] <= note["limit"] and "Feature Stores" in note["text"]
        texts.append(re.split(r"[,!]", note["text"].replace(f"Guest{i}", "X"), maxsplit=1)[1])
    assert len(set(texts)) == 50


def test_notes_errors(client, auth, app, captured):
    assert (
        client.get(f"/api/people/{captured['ada']}/notes?event=999", headers=auth).status_code
        == 404
    )
    with app.extensions["hallway_store"].transaction() as db:
        loner = db.table("people").insert({"name": "Imported Person", "keys": ["test:x"]})
    answer = client.get(f"/api/people/{loner}/notes", headers=auth)
    assert answer.status_code == 422 and "?event=" in answer.get_json()["error"]


def test_followups_due_oldest_first_with_the_note_to_send(client, auth, captured):
    event = captured["event"]
    log(client, auth, captured["ada"], kind="talked", date="2025-06-12", event_id=event)
    log(client, auth, captured["tomas"], kind="connected", date="2025-05-01")
    due = lambda day: client.get(f"/api/followups?today={day}", headers=auth).get_json()  # noqa: E731
    assert [d["person"]["name"] for d in due("2025-05-14")["due"]] == []
    answer = due("2025-06-13")
    assert [(d["person"]["name"], d["kind"], d["due_on"]) for d in answer["due"]] == [
        ("Tomas Verhoeven", "next_touch", "2025-05-15"),
        ("Ada Quillfeather", "invite", "2025-06-13"),
    ]
    invite = answer["due"][1]
    assert "Feature Stores" in invite["note"] and len(invite["note"]) <= 200
    assert invite["reason"].startswith("You met at Feature Stores in Practice")
    assert answer["invites"] == {"month": "2025-06", "budget": 5, "used": 0, "left": 5}
    log(client, auth, captured["ada"], kind="invite_sent", date="2025-06-14")
    later = due("2025-06-27")
    assert [d["person"]["name"] for d in later["due"]] == ["Tomas Verhoeven"]
    assert later["invites"]["used"] == 1
    assert [d["due_on"] for d in due("2025-06-28")["due"]] == ["2025-05-15", "2025-06-28"]


def test_an_agreed_date_moves_the_follow_up(client, auth, captured):
    log(client, auth, captured["ada"], kind="connected", date="2025-06-13")
    client.post(f"/api/people/{captured['ada']}", json={"follow_up_on": "2025-06-20"}, headers=auth)
    answer = client.get("/api/followups?today=2025-06-20", headers=auth).get_json()
    assert [(d["due_on"], d["reason"]) for d in answer["due"]] == [
        ("2025-06-20", "You agreed to follow up on 2025-06-20.")
    ]


def test_settings_defaults_changes_and_refusals(client, auth):
    assert client.get("/api/settings", headers=auth).get_json() == {
        "note_limit": 200,
        "invite_budget": 5,
        "page_language": "browser",
        "language": "pages",
        "timezone": None,
        "show_photos": False,
    }
    changed = client.post(
        "/api/settings", json={"invite_budget": 3, "timezone": "Europe/Berlin"}, headers=auth
    ).get_json()
    assert (changed["invite_budget"], changed["timezone"], changed["note_limit"]) == (
        3,
        "Europe/Berlin",
        200,
    )
    for body in (
        {"note_limit": 250},
        {"invite_budget": -1},
        {"language": "fr"},
        {"page_language": "pages"},
        {"timezone": "Mars/Olympus"},
        {"colour": "red"},
        [],
    ):
        answer = client.post("/api/settings", json=body, headers=auth)
        assert answer.status_code == 422 and answer.get_json()["error"].endswith("."), body
    assert client.get("/api/settings", headers=auth).get_json()["invite_budget"] == 3


def test_event_prep_endpoint_in_the_users_zone(client, auth, captured):
    client.post("/api/settings", json={"timezone": "Asia/Shanghai"}, headers=auth)
    answer = client.get(f"/api/events/{captured['event']}/prep", headers=auth).get_json()
    sections = {s["title"]: [i["text"] for i in s["items"]] for s in answer["prep_notes"]}
    assert "When: Thu 12 Jun 2025, 18:30-20:30 PDT" in sections["The event"]
    assert "Your time: Fri 13 Jun 2025, 09:30-11:30 CST" in sections["The event"]
    assert "Talk to Ada Quillfeather (host, leader)" in sections["Who is coming"]
    assert "Open roles at Northwind Labs" in sections["Hosting company"]
    assert client.get("/api/events/999/prep", headers=auth).status_code == 404


def test_organizer_mode_tracks_steps_per_speaker(client, auth, app, captured):
    with app.extensions["hallway_store"].transaction() as db:
        db.table("attendances").insert(
            {"person_id": captured["tomas"], "event_id": captured["event"], "role": "speaker"}
        )
    url = f"/api/events/{captured['event']}/organizer"
    step = {"person_id": captured["tomas"], "step": "first_contact", "date": "2025-05-01"}
    stored = client.post(url, json=step, headers=auth)
    assert stored.status_code == 201 and stored.get_json()["kind"] == "message"
    speakers = client.get(url, headers=auth).get_json()["speakers"]
    assert [(s["person"]["name"], s["done"], s["next"]) for s in speakers] == [
        ("Tomas Verhoeven", 1, "briefing")
    ]
    bad = client.post(url, json={**step, "step": "dinner"}, headers=auth)
    assert bad.status_code == 422 and "'step'" in bad.get_json()["error"]
    assert client.post(url, json={**step, "person_id": 999}, headers=auth).status_code == 422
    assert client.post("/api/events/999/organizer", json=step, headers=auth).status_code == 404


def test_capture_reply_carries_every_note_for_hosts(client, auth):
    reply = client.post("/api/captures", json=capture_body(), headers=auth).get_json()
    for suggestion in reply["suggestions"]:
        assert set(suggestion["notes"]) >= {"linkedin", "linkedin_long", "meetup", "follow_up"}
    first, second = (s["notes"]["meetup"]["text"] for s in reply["suggestions"])
    assert re.split(r"[,!]", first, maxsplit=1)[1] != re.split(r"[,!]", second, maxsplit=1)[1]


def test_capturing_the_same_event_again_does_not_make_its_people_known(client, auth, captured):
    again = client.post("/api/captures", json=capture_body("c-2"), headers=auth).get_json()
    assert again["known_people"] == []
    log(client, auth, captured["ada"], kind="met", date="2025-06-12", event_id=captured["event"])
    third = client.post("/api/captures", json=capture_body("c-3"), headers=auth).get_json()
    assert [p["name"] for p in third["known_people"]] == ["Ada Quillfeather"]


def test_prep_for_a_later_event_knows_whom_you_met_and_who_works_at_the_sponsor(
    client, auth, app, captured
):
    log(client, auth, captured["ada"], kind="talked", date="2025-06-12", event_id=captured["event"])
    with app.extensions["hallway_store"].transaction() as db:
        later = db.table("events").insert(
            {
                "title": "Streaming Night",
                "start": "2025-07-10T18:30:00-07:00",
                "timezone": "America/Los_Angeles",
                "sponsors": ["Northwind Labs"],
                "topics": [],
            }
        )
        speaker = db.table("people").insert({"name": "Rui Example", "keys": ["test:rui"]})
        db.table("people").insert(
            {
                "name": "Bea Example",
                "keys": ["test:bea"],
                "company": "Northwind Labs",
                "position": "Data Engineer",
            }
        )
        db.table("attendances").insert_multiple(
            [
                {"person_id": captured["ada"], "event_id": later, "role": "attendee"},
                {"person_id": speaker, "event_id": later, "role": "speaker"},
                {"person_id": speaker, "event_id": captured["event"], "role": "attendee"},
            ]
        )
    prep = client.get(f"/api/events/{later}/prep", headers=auth).get_json()["prep_notes"]
    sections = {s["title"]: [i["text"] for i in s["items"]] for s in prep}
    assert (
        "You already know Ada Quillfeather: 2 of 8 interactions, last met 2025-06-12"
        in sections["Who is coming"]
    )
    assert "People you both know: Ada Quillfeather" in sections["Host and speakers"]
    assert "You know Bea Example there" in sections["Hosting company"]


def test_a_list_of_many_people_you_know_names_the_best_known_and_counts_them_all(client, auth):
    rng = random.Random(5)
    regulars = [member(rng, 700 + n) for n in range(25)]
    for event_id in ("700000101", "700000102"):  # all 25 were at the first one
        body = bench_page(event_id, regulars, "page", f"k-{event_id}")
        reply = client.post("/api/captures", json=body, headers=auth).get_json()
    ids = {p["name"]: p["id"] for p in client.get("/api/people", headers=auth).get_json()["people"]}
    for name, talks in ((regulars[7].name, 3), (regulars[3].name, 1)):
        for _ in range(talks):
            log(client, auth, ids[name], kind="talked", date="2025-06-20", event_id=None)
    body = bench_page("700000103", regulars, "page", "k-700000103")
    reply = client.post("/api/captures", json=body, headers=auth).get_json()
    assert reply["known_count"] == 27  # the 25, and the page's two hosts
    named = [p["name"] for p in reply["known_people"]]
    assert len(named) == capturing.KNOWN_SHOWN == 20
    assert named[:2] == [regulars[7].name, regulars[3].name]  # furthest along first
    assert len(set(named)) == 20
