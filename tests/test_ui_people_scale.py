"""The people page on a large network: it summarizes only the rows it shows."""

from __future__ import annotations

import re
from datetime import date, timedelta

from companion import answers
from companion.ui import people

MANY = 20_000


def test_a_large_network_builds_only_the_page_it_shows(client, app, monkeypatch):
    with app.extensions["hallway_store"].transaction() as db:
        event = db.table("events").insert({"title": "Big Night", "start": "2025-06-01T18:00"})
        ids = db.table("people").insert_multiple(
            {"name": f"Guest{i:05d} Example", "headline": "Analyst", "keys": [f"t:{i}"]}
            for i in range(MANY)
        )
        db.table("attendances").insert_multiple(
            {"person_id": pid, "event_id": event, "role": "attendee"} for pid in ids
        )
    built: list[int] = []
    summary = answers.summary
    monkeypatch.setattr(answers, "summary", lambda net, pid: built.append(pid) or summary(net, pid))
    body = client.get("/people?sort=name&page=3&q=guest").get_data(as_text=True)
    assert f"{MANY} people" in body and "Page 3 of 400" in body
    assert len(built) == answers.PAGE_SIZE
    shown = re.findall(r">(Guest\d{5} Example)<", body)
    assert shown[0] == "Guest00100 Example" and shown[-1] == "Guest00149 Example"


def test_the_event_filter_offers_the_latest_events_and_the_one_chosen(client, app):
    first = date(2020, 1, 1)
    with app.extensions["hallway_store"].transaction() as db:
        ids = db.table("events").insert_multiple(
            {"title": f"Night {n}", "start": (first + timedelta(days=n)).isoformat()}
            for n in range(people.EVENT_CHOICES + 20)
        )
    page = client.get("/people").get_data(as_text=True)
    choices = re.search(r'<select id="event".*?</select>', page, re.S).group(0)  # the filter's
    offered = re.findall(r'<option value="(\d+)"', choices)
    assert offered == [str(i) for i in reversed(ids[-people.EVENT_CHOICES :])]  # latest first
    oldest = ids[0]
    chosen = client.get(f"/people?event={oldest}").get_data(as_text=True)
    assert f'<option value="{oldest}" selected' in chosen
