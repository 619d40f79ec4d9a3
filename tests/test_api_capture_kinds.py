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


def test_an_event_pages_featured_guests_are_stored_as_a_sample_of_those_going(client, auth):
    url = "https://lu.ma/harbor-ai-night"
    reply = post(client, auth, "l-1", fixture_text("luma-event.html"), url).get_json()
    assert reply["kind"] == "event"
    event = client.get(f"/api/events/{reply['event']['id']}", headers=auth).get_json()
    guests = [a["name"] for a in event["attendees"] if a["roles"] == ["attendee"]]
    assert "Keiko Brandvold" in guests
    assert reply["sample"] == {"shown": len(guests), "of": 87}


def test_an_attendee_list_is_not_called_a_sample(client, auth):
    """The attendees page is the list itself, even before it is scrolled to its end."""
    rows = "".join(
        f'<li><a href="https://www.meetup.com/members/{n}/">Guest Number{n}</a></li>'
        for n in (5101, 5102)
    )
    html = (
        '<html><head><meta name="service" content="web-next"></head><body><main>'
        "<h1>Feature Stores in Practice</h1>"
        '<div data-testid="attendees-tab-container"><button>Going 40</button></div>'
        f"<ul>{rows}</ul></main></body></html>"
    )
    url = "https://www.meetup.com/lakeside-data-science/events/301234567/attendees/"
    reply = post(client, auth, "a-1", html, url).get_json()
    assert (reply["kind"], reply["people_added"]) == ("attendees", 2)
    assert reply["sample"] is None


def test_an_event_page_that_shows_everyone_going_is_not_a_sample(client, auth):
    first = post(client, auth, "l-1", fixture_text("luma-event.html"), "https://lu.ma/x")
    shown = first.get_json()["sample"]["shown"]
    html = fixture_text("luma-event.html").replace('"guest_count": 87', f'"guest_count": {shown}')
    reply = post(client, auth, "l-2", html, "https://lu.ma/x").get_json()
    assert reply["sample"] is None
