"""Online events: who asked which question is kept, and the follow-up note cites it."""

from __future__ import annotations

from tests.conftest import fixture_text

ZOOM_URL = "https://us02web.zoom.us/wc/83012345678/join"


def test_the_question_someone_asked_is_in_their_connection_note(client, auth):
    body = {"capture_id": "zoom-1", "url": ZOOM_URL, "html": fixture_text("zoom-meeting.html")}
    reply = client.post("/api/captures", json=body, headers=auth).get_json()
    assert reply["kind"] == "participants"
    event_id = reply["event"]["id"]
    attendees = client.get(f"/api/events/{event_id}", headers=auth).get_json()["attendees"]
    mette = next(a for a in attendees if a["name"] == "Mette Okoro")
    assert set(mette["roles"]) == {"participant", "asked_question"}

    notes = client.get(f"/api/people/{mette['id']}/notes?event={event_id}", headers=auth)
    text = notes.get_json()["linkedin_long"]["text"]
    assert "hierarchical reconciliation" in text
    assert "Applied Forecasting Webinar" in text


def test_recapturing_the_meeting_keeps_one_question_per_person(client, auth, app):
    body = {"url": ZOOM_URL, "html": fixture_text("zoom-meeting.html")}
    client.post("/api/captures", json={**body, "capture_id": "z-1"}, headers=auth)
    client.post("/api/captures", json={**body, "capture_id": "z-2"}, headers=auth)
    with app.extensions["hallway_store"].reading() as net:
        db = net.db
        asked = [a for a in db.table("attendances").all() if a["role"] == "asked_question"]
    assert sorted(a["question"] for a in asked) == [
        "Can we get the slides?",
        "How do you handle intermittent demand",
        "Which library did you use for the hierarchical reconciliation?",
    ]
