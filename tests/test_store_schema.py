"""The file's format version, and files written by the first release opening in this one."""

from __future__ import annotations

import json

import pytest

from companion.model import Capture, Event, Person
from companion.store import Store
from companion.store.errors import StoreTooNew
from tests.stores import meetup_member, store_capture, tables

EVENT_KEY = "meetup:event:301234567"
# A file exactly as version 1 (the skeleton) wrote it.
VERSION_1 = {
    "meta": {"1": {"schema": 1}},
    "events": {
        "1": {
            "title": "Feature Stores in Practice",
            "url": "https://www.meetup.com/lakeside-data-science/events/301234567/",
            "platform_id": "301234567",
            "start": "2025-06-12T18:30:00-07:00",
            "group": {"name": "Lakeside Data Science", "url": None},
            "key": EVENT_KEY,
            "platform": "meetup",
            "first_seen": "2025-06-01T10:00:00Z",
        }
    },
    "people": {
        "1": {
            "name": "Ada Quillfeather",
            "profile_url": "https://www.meetup.com/members/1001/",
            "keys": ["meetup:member:1001"],
            "status": "invited",
            "notes": "Talked about feature stores.",
            "first_seen": "2025-06-01T10:00:00Z",
        },
        "2": {
            "name": "Zoë  Marchetti",
            "keys": [f"name:zoë  marchetti@{EVENT_KEY}"],
            "status": "none",
            "notes": "",
            "first_seen": "2025-06-01T10:00:00Z",
        },
        "3": {
            "name": "Priya Olumide",
            "profile_url": "https://www.meetup.com/de-DE/lakeside-data-science/members/2002/profile/",
            "keys": ["url:meetup.com/lakeside-data-science/members/2002/profile"],
            "status": "none",
            "notes": "",
            "first_seen": "2025-06-01T10:00:00Z",
        },
    },
    "attendances": {
        "1": {"person_id": 1, "event_id": 1, "role": "host"},
        "2": {"person_id": 2, "event_id": 1, "role": "attendee"},
        "3": {"person_id": 3, "event_id": 1, "role": "attendee"},
    },
    "captures": {"1": {"capture_id": "c-1", "event_id": 1, "at": "2025-06-01T10:00:00Z"}},
}


@pytest.fixture
def version_1(tmp_path):
    (tmp_path / "hallway.json").write_text(json.dumps(VERSION_1), encoding="utf-8")
    return tmp_path


def test_a_version_1_file_is_upgraded_on_open_and_its_original_kept(version_1):
    original = (version_1 / "hallway.json").read_bytes()
    data = tables(Store(version_1))
    assert data["meta"]["1"]["schema"] == 2
    assert (version_1 / "hallway.json.v1").read_bytes() == original
    ada = data["people"]["1"]
    assert ada["status"] == "invited"
    assert ada["notes"] == "Talked about feature stores."
    assert ada["company"] is None and ada["linkedin_url"] is None and ada["class_override"] is None
    assert data["people"]["3"]["keys"] == [
        "url:meetup.com/lakeside-data-science/members/2002/profile",
        "meetup:member:2002",
    ]
    for table in ("interactions", "settings", "merges", "not_duplicates", "linkedin_pending"):
        assert data[table] == {}
    assert data["events"] == VERSION_1["events"]
    assert data["attendances"] == VERSION_1["attendances"]


def test_after_the_upgrade_recaptures_find_the_old_people(version_1):
    store = Store(version_1)
    event = Event(
        title="Feature Stores in Practice",
        url="https://www.meetup.com/lakeside-data-science/events/301234567/",
        platform_id="301234567",
    )
    people = [
        Person("Zoe Marchetti"),  # no id on an online participant list: name within the event
        meetup_member("2002", "Priya Olumide"),
        meetup_member("1001", "Ada Quillfeather", "host"),
    ]
    saved = store_capture(store, Capture("attendees", "meetup", event=event, people=people))
    assert saved.added == 0
    assert [pid for pid, _ in saved.people] == [2, 3, 1]
    assert len(tables(store)["people"]) == 3


def test_opening_twice_upgrades_once(version_1):
    Store(version_1)
    upgraded = (version_1 / "hallway.json").read_bytes()
    Store(version_1)
    assert (version_1 / "hallway.json").read_bytes() == upgraded


def test_a_new_store_starts_at_the_current_version(tmp_path):
    assert tables(Store(tmp_path))["meta"]["1"]["schema"] == 2


def test_a_file_from_a_newer_hallway_is_refused_untouched(tmp_path):
    newer = json.dumps({"meta": {"1": {"schema": 99}}, "people": {}})
    (tmp_path / "hallway.json").write_text(newer)
    with pytest.raises(StoreTooNew, match="newer Hallway"):
        Store(tmp_path)
    assert (tmp_path / "hallway.json").read_text() == newer
