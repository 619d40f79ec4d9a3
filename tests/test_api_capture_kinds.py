"""POST /api/captures with listing, attendee and participant pages: each stores what it holds."""

from __future__ import annotations

from tests.conftest import fixture_text
from tests.stores import db_bytes


def post(client, auth, capture_id: str, html: str, url: str):
    body = {"capture_id": capture_id, "url": url, "html": html, "fragments": [], "payloads": []}
    return client.post("/api/captures", json=body, headers=auth)


def test_a_group_page_stores_every_listed_event(client, auth):
    url = "https://www.meetup.com/lakeside-data-science/"
    response = post(client, auth, "g-1", fixture_text("meetup-group.html"), url)
    assert response.status_code == 201
    reply = response.get_json()
    assert (reply["kind"], reply["event"]) == ("listing", None)
    assert [e["title"] for e in reply["events"]] == [
        "Feature Stores in Practice",
        "Causal Inference Reading Group",
        "Spring Model Review",
    ]
    assert reply["people_added"] == 2  # the listed events' hosts
    stored = client.get("/api/events", headers=auth).get_json()["events"]
    assert len(stored) == 3
    again = post(client, auth, "g-1", fixture_text("meetup-group.html"), url)
    assert again.status_code == 200  # the same capture sent twice stores once
    assert len(client.get("/api/events", headers=auth).get_json()["events"]) == 3


def test_a_meeting_panel_stores_its_participants_without_the_viewer(client, auth, app):
    url = "https://us02web.zoom.us/wc/83012345678/join"
    response = post(client, auth, "z-1", fixture_text("zoom-meeting.html"), url)
    assert response.status_code == 201
    reply = response.get_json()
    assert reply["kind"] == "participants"
    assert reply["event"]["title"] == "Applied Forecasting Webinar"
    assert reply["people_added"] == 5  # two hosts, two participants, one anonymous asker
    assert b"Viewer Person" not in db_bytes(app.extensions["hallway_store"].path.parent)
