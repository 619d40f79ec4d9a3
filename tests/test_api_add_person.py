"""Adding someone you met who is on no list: POST /api/people, through Flask's test client."""

from __future__ import annotations

import pytest

from tests.test_api_captures import capture_body

TODAY = "?today=2025-06-13"
ANA = {"name": "Ana Ruiz", "talked_about": "feature stores"}
ANA_URL = "https://www.linkedin.com/in/ana-ruiz-fictional/"
ANA_URL_AGAIN = "https://linkedin.com/in/Ana-Ruiz-Fictional?trk=public_profile"  # another spelling


@pytest.fixture
def event_id(client, auth) -> int:
    """The fictional Meetup event of 2025-06-12, captured: hosts Ada and Tomas."""
    return client.post("/api/captures", json=capture_body(), headers=auth).get_json()["event"]["id"]


def add(client, auth, **body):
    return client.post(f"/api/people{TODAY}", json=body, headers=auth)


def test_a_person_added_at_an_event_gets_an_attendance_a_talk_and_a_note(client, auth, event_id):
    reply = add(client, auth, **ANA, event_id=event_id, headline="ML engineer at Brightwater")
    assert reply.status_code == 201
    person, notes = reply.get_json()["person"], reply.get_json()["notes"]
    assert person["name"] == "Ana Ruiz" and person["class"] == "peer"
    assert person["added_by_hand"] is True
    assert [(a["event_id"], a["role"]) for a in person["attendances"]] == [(event_id, "attendee")]
    [talked] = person["interactions"]
    assert (talked["kind"], talked["date"], talked["event_id"], talked["note"]) == (
        "talked",
        "2025-06-12",  # the event's day, not today
        event_id,
        "feature stores",
    )
    assert person["progress"]["count"] == 1
    assert person["next"] == {
        "kind": "invite",
        "due_on": "2025-06-13",
        "reason": person["next"]["reason"],
        "due": True,
    }
    linkedin = notes["linkedin"]
    assert "Ana" in linkedin["text"] and "feature stores" in linkedin["text"]
    assert linkedin["length"] <= linkedin["limit"] == 200
    room = client.get(f"/api/events/{event_id}", headers=auth).get_json()["attendees"]
    assert "Ana Ruiz" in [a["name"] for a in room]


def test_a_leader_by_headline_is_classed_a_leader(client, auth, event_id):
    reply = add(client, auth, name="Mira Okafor", event_id=event_id, headline="Head of Data, Acme")
    assert reply.get_json()["person"]["class"] == "leader"


def test_a_person_added_without_an_event_talked_today(client, auth):
    reply = add(client, auth, **ANA)
    assert reply.status_code == 201
    person = reply.get_json()["person"]
    assert person["attendances"] == []
    assert [(i["kind"], i["date"]) for i in person["interactions"]] == [("talked", "2025-06-13")]
    assert reply.get_json()["notes"] is None  # no event to name yet


@pytest.mark.parametrize(
    ("body", "sentence"),
    [
        ({}, "Write the person's name."),
        ({"name": "   "}, "Write the person's name."),
        ({"name": 7}, "'name' must be text."),
        ({"name": "Ana", "event_id": 999}, "There is no event with that 'event_id'."),
        ({"name": "Ana", "event_id": "1"}, "'event_id' must be a number, or null."),
        ({"name": "Ana", "linkedin_url": "https://example.com/in/ana"}, "LinkedIn profile"),
        ({"name": "Ana", "linkedin_url": "https://www.linkedin.com/company/acme/"}, "LinkedIn"),
        ({"name": "A" * 201}, "'name' must be at most 200 characters."),
        ({"name": "Ana", "talked_about": "x" * 2001}, "'talked_about' must be at most"),
        ({"name": "Ana", "same_as": 999}, "'same_as' must be the number of a saved person."),
    ],
)
def test_bad_input_is_refused_with_a_sentence_and_stores_nothing(client, auth, body, sentence):
    reply = add(client, auth, **body)
    assert reply.status_code == 422
    assert sentence in reply.get_json()["error"]
    assert client.get("/api/people", headers=auth).get_json()["total"] == 0


def test_json_only(client, auth):
    reply = client.post("/api/people", data="name=Ana", headers=auth)
    assert reply.status_code == 415


def test_the_same_linkedin_profile_is_the_same_person(client, auth, event_id):
    first = add(client, auth, **ANA, linkedin_url=ANA_URL).get_json()["person"]
    again = add(client, auth, name="Ana R.", event_id=event_id, linkedin_url=ANA_URL_AGAIN)
    assert again.status_code == 201
    person = again.get_json()["person"]
    assert person["id"] == first["id"]
    assert person["name"] == "Ana Ruiz"  # what was stored stays
    assert len(person["interactions"]) == 2
    assert client.get("/api/people", headers=auth).get_json()["total"] == 3  # Ada, Tomas, Ana


def test_a_connections_csv_row_with_that_profile_finds_the_person(client, auth):
    added = add(client, auth, **ANA, linkedin_url=ANA_URL).get_json()["person"]
    csv = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ana,Ruiz,{ANA_URL},,Brightwater,ML Engineer,14 Jun 2025\n"
    )
    reply = client.post("/api/linkedin/connections", json={"csv": csv}, headers=auth)
    assert added["id"] in reply.get_json()["matched"]
    person = client.get(f"/api/people/{added['id']}", headers=auth).get_json()
    assert (person["status"], person["company"]) == ("connected", "Brightwater")


def test_a_name_already_at_the_event_is_offered_before_a_new_record(client, auth, event_id):
    reply = add(client, auth, name="ada quillfeather", event_id=event_id)
    assert reply.status_code == 200 and reply.get_json()["person"] is None
    assert "is it the same person?" in reply.get_json()["question"]
    [candidate] = reply.get_json()["candidates"]
    assert candidate["name"] == "Ada Quillfeather"
    assert client.get("/api/people", headers=auth).get_json()["total"] == 2  # nothing stored
    same = add(client, auth, name="Ada Quillfeather", event_id=event_id, same_as=candidate["id"])
    assert same.status_code == 201 and same.get_json()["person"]["id"] == candidate["id"]
    other = add(client, auth, name="Ada Quillfeather", event_id=event_id, new=True)
    assert other.status_code == 201 and other.get_json()["person"]["id"] != candidate["id"]


def test_a_name_elsewhere_is_offered_only_with_the_same_company(client, auth, event_id):
    add(client, auth, name="Ana Ruiz", company="Brightwater")
    assert add(client, auth, name="Ana Ruiz", company="Northwind").status_code == 201
    offered = add(client, auth, name="Ana Ruiz", company="brightwater")
    assert offered.status_code == 200
    assert [c["company"] for c in offered.get_json()["candidates"]] == ["Brightwater"]


def test_a_name_elsewhere_without_a_company_given_is_a_new_person(client, auth):
    add(client, auth, name="Ana Ruiz", company="Brightwater")
    assert add(client, auth, name="Ana Ruiz").status_code == 201
