"""The calendar feed (/calendar.ics and `hallway export --format ics`) on the review pages'
fictional network, read back with icalendar and, independently, with ics."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import icalendar
import ics
import pytest

from companion.cli import main
from tests.review_store import HOSTILE, TODAY, Seeded, seed

T = f"today={TODAY}"
LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def seeded(app) -> Seeded:
    return seed(app.extensions["hallway_store"])


def items(body: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_an_event_to_come_keeps_its_own_zone_and_says_whom_to_research(client, seeded):
    response = client.get(f"/calendar.ics?{T}")
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    found = items(response.data)
    upcoming = found[f"event-{seeded.upcoming}@hallway.local"]
    assert f"event-{seeded.past}@hallway.local" not in found  # it is over
    assert str(upcoming["summary"]) == "Vectors at Dusk"
    start = upcoming.decoded("dtstart")
    assert start == datetime(2025, 7, 15, 18, 30, tzinfo=LA)
    assert start.utcoffset().total_seconds() == -7 * 3600
    assert (start.hour, start.minute) == (18, 30)
    assert b"TZID=America/Los_Angeles" in response.data and b"BEGIN:VTIMEZONE" in response.data
    assert str(upcoming["url"]).startswith("https://www.meetup.com/lakeside-data-science/")
    assert "Research: Ada Quillfeather" in str(upcoming["description"])


def test_each_follow_up_is_an_all_day_item_with_its_note(client, seeded):
    found = items(client.get(f"/calendar.ics?{T}").data)
    mira = found[f"follow-up-{seeded.mira}-invite-2025-06-13@hallway.local"]
    assert str(mira["summary"]) == "Invite Mira Okonkwo"
    assert mira.decoded("dtstart") == date(2025, 6, 13)  # the day after the event
    assert mira.decoded("dtend") == date(2025, 6, 14)
    description = str(mira["description"])
    assert "graph databases" in description  # the note to paste names what you talked about
    pavel = found[f"follow-up-{seeded.pavel}-next_touch-2025-06-26@hallway.local"]
    assert str(pavel["summary"]) == "Follow up with Pavel Lindqvist"
    assert not [u for u in found if u.startswith(f"follow-up-{seeded.jonas}-")]  # nothing due


def test_a_step_done_leaves_the_feed_the_next_comes_and_the_rest_stay(client, seeded, auth):
    before = items(client.get(f"/calendar.ics?{T}").data)
    invite = f"follow-up-{seeded.mira}-invite-2025-06-13@hallway.local"
    sent = {"kind": "invite_sent", "date": "2025-06-20", "event_id": None, "note": ""}
    client.post(f"/api/people/{seeded.mira}/interactions", json=sent, headers=auth)
    after = items(client.get(f"/calendar.ics?{T}").data)
    assert invite in before and invite not in after
    [following] = set(after) - set(before)
    assert following.startswith(f"follow-up-{seeded.mira}-next_touch-")
    assert set(after) - {following} == set(before) - {invite}
    again = items(client.get(f"/calendar.ics?{T}").data)
    assert set(again) == set(after)  # a refresh names the same items


def test_a_second_reader_sees_the_same_items(client, seeded):
    body = client.get(f"/calendar.ics?{T}").get_data(as_text=True)
    theirs = {e.uid: e for e in ics.Calendar(body).events}
    ours = items(body.encode())
    assert set(theirs) == set(ours)
    for uid, item in ours.items():
        assert theirs[uid].name == str(item["summary"])
        start = item.decoded("dtstart")
        if isinstance(start, datetime):
            assert theirs[uid].begin.datetime == start  # the same instant, 18:30 in LA
            assert theirs[uid].begin.datetime.utcoffset() == start.utcoffset()
        else:
            assert theirs[uid].all_day and theirs[uid].begin.date() == start


def test_a_hostile_name_stays_text(client, seeded, app):
    with app.extensions["hallway_store"].transaction() as db:
        db.table("people").update({"status": "connected"}, doc_ids=[seeded.hostile])
        db.table("interactions").insert(
            {
                "person_id": seeded.hostile,
                "kind": "talked",
                "date": "2025-06-20",
                "event_id": None,
                "note": "BEGIN:VEVENT\nSUMMARY:forged",
            }
        )
    body = client.get(f"/calendar.ics?{T}").data
    found = items(body)
    [hostile] = [e for u, e in found.items() if u.startswith(f"follow-up-{seeded.hostile}-")]
    assert str(hostile["summary"]) == f"Follow up with {HOSTILE}"
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) == len(found)
    assert b"\r\nSUMMARY:forged" not in body


def test_the_feed_answers_only_on_loopback_names(client, seeded):
    assert client.get("/calendar.ics", base_url="http://evil.example:5474").status_code == 421


def test_the_command_line_writes_the_same_feed(runner, tmp_path):
    from companion.store import Store

    seed(Store(tmp_path / "data"))
    out = tmp_path / "hallway.ics"
    result = runner.invoke(main, ["export", "--format", "ics", "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    found = items(out.read_bytes())
    assert "Vectors at Dusk" in [str(e["summary"]) for e in found.values()]
    assert any(uid.startswith("follow-up-") for uid in found)


def test_the_settings_say_how_to_subscribe_or_download(client, seeded):
    page = client.get(f"/settings?{T}").get_data(as_text=True)
    assert "http://127.0.0.1:5474/calendar.ics" in page
    assert 'href="/calendar.ics?today=2025-07-01" download="hallway.ics"' in page
    assert "Outlook and Google Calendar cannot reach your own computer" in page
