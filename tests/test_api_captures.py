"""POST /api/captures through Flask's test client: what the extension sends and gets back."""

from __future__ import annotations

import companion
from tests.conftest import fixture_text
from tests.stores import db_bytes, saved

URL = "https://www.meetup.com/lakeside-data-science/events/301234567/"


def capture_body(capture_id: str = "c-1", html: str | None = None) -> dict:
    return {
        "capture_id": capture_id,
        "url": URL,
        "title": "Feature Stores in Practice | Meetup",
        "html": html if html is not None else fixture_text("meetup-event.html"),
        "fragments": [],
        "payloads": [],
        "captured_at": "2025-06-01T10:00:00Z",
        "source": {"kind": "extension"},
    }


def store_tables(app) -> dict:
    """The stored records, minus the capture log: what the user's network holds."""
    data = saved(app.extensions["hallway_store"].path.parent)
    return {k: v for k, v in data.items() if k != "captures"}


def test_capture_of_an_event_page(client, auth):
    response = client.post("/api/captures", json=capture_body(), headers=auth)
    assert response.status_code == 201
    reply = response.get_json()
    assert reply["kind"] == "event"
    event = reply["event"]
    assert event["title"] == "Feature Stores in Practice & MLOps Q&A"
    assert event["start"] == "2025-06-12T18:30:00-07:00"
    assert event["group"]["name"] == "Lakeside Data Science"
    assert event["attendee_count"] is None
    assert reply["people_added"] == 2
    assert reply["people_updated"] == 0
    assert reply["known_people"] == []

    titles = [section["title"] for section in reply["prep_notes"]]
    assert titles[:2] == ["The event", "Host and speakers"]
    assert "Openers" in titles
    event_items = [i["text"] for i in reply["prep_notes"][0]["items"]]
    assert "When: Thu 12 Jun 2025, 18:30-20:30 PDT" in event_items
    hosts = " ".join(i["text"] for i in reply["prep_notes"][1]["items"])
    assert "Ada Quillfeather" in hosts and "Tomas Verhoeven" in hosts

    notes = {s["person"]["name"]: s["notes"]["linkedin"] for s in reply["suggestions"]}
    assert set(notes) == {"Ada Quillfeather", "Tomas Verhoeven"}
    for name, note in notes.items():
        assert note["length"] == len(note["text"]) <= note["limit"] == 200
        assert note["text"].startswith(
            ("Hi " + name.split()[0], "Hello " + name.split()[0], name.split()[0])
        )
        assert "Feature Stores" in note["text"]
        assert "12 Jun" in note["text"]


def test_the_event_and_its_hosts_are_stored(client, auth, app):
    client.post("/api/captures", json=capture_body(), headers=auth)
    events = client.get("/api/events", headers=auth).get_json()["events"]
    assert [(e["title"], e["start"]) for e in events] == [
        ("Feature Stores in Practice & MLOps Q&A", "2025-06-12T18:30:00-07:00")
    ]
    detail = client.get(f"/api/events/{events[0]['id']}", headers=auth).get_json()
    assert sorted((a["name"], a["roles"][0]) for a in detail["attendees"]) == [
        ("Ada Quillfeather", "host"),
        ("Tomas Verhoeven", "host"),
    ]
    # The viewer's own e-mail, on the page because they were logged in, is not stored.
    assert b"viewer@example.invalid" not in db_bytes(app.extensions["hallway_store"].path.parent)


def test_capturing_the_same_page_again_changes_nothing(client, auth, app):
    first = client.post("/api/captures", json=capture_body("c-1"), headers=auth)
    before = store_tables(app)
    second = client.post("/api/captures", json=capture_body("c-2"), headers=auth)
    assert second.status_code == 201
    assert second.get_json()["people_added"] == 0
    assert second.get_json()["people_updated"] == 0
    assert second.get_json()["event"]["id"] == first.get_json()["event"]["id"]
    assert store_tables(app) == before


def test_the_same_capture_id_sent_twice_stores_once(client, auth, app):
    client.post("/api/captures", json=capture_body("same"), headers=auth)
    before = saved(app.extensions["hallway_store"].path.parent)
    again = client.post("/api/captures", json=capture_body("same"), headers=auth)
    assert again.status_code == 200
    assert again.get_json()["event"]["title"] == "Feature Stores in Practice & MLOps Q&A"
    assert saved(app.extensions["hallway_store"].path.parent) == before


def test_wrong_or_missing_token_is_401(client, auth):
    assert client.post("/api/captures", json=capture_body()).status_code == 401
    wrong = client.post(
        "/api/captures", json=capture_body(), headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert "token" in wrong.get_json()["error"]
    assert client.get("/api/events").status_code == 401


def test_page_without_an_event_is_422_with_a_sentence(client, auth):
    response = client.post(
        "/api/captures",
        json=capture_body(html="<html><body><p>Hello</p></body></html>"),
        headers=auth,
    )
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error.endswith(".") and "event" in error


def test_malformed_capture_bodies_are_422_never_500(client, auth):
    for body in (
        [],
        {"html": ""},
        {"html": 5},
        {"html": "<p>x</p>", "fragments": "nope"},
        {"html": "<p>x</p>", "url": 3},
    ):
        response = client.post("/api/captures", json=body, headers=auth)
        assert response.status_code == 422, body
        assert response.get_json()["error"]


def test_not_json_is_refused(client, auth):
    response = client.post(
        "/api/captures",
        data="html=<p>",
        headers=auth,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415
    broken = client.post(
        "/api/captures", data="{not json", headers=auth, content_type="application/json"
    )
    assert broken.status_code == 422


def test_health_needs_no_token_and_names_the_app(client):
    health = client.get("/api/health").get_json()
    assert health == {"app": "hallway", "version": companion.__version__, "api": 1}


def test_other_host_headers_are_refused(client):
    response = client.get("/api/health", base_url="http://attacker.example:5474")
    assert response.status_code == 421


def test_web_page_origins_are_refused(client, auth):
    response = client.get("/api/events", headers={**auth, "Origin": "https://evil.example"})
    assert response.status_code == 403
    ok = client.get("/api/events", headers={**auth, "Origin": "chrome-extension://abcdef"})
    assert ok.status_code == 200


def test_unknown_event_is_404_json(client, auth):
    response = client.get("/api/events/999", headers=auth)
    assert response.status_code == 404
    assert response.get_json()["error"]
