"""Export (JSON, CSV, vCard 4.0) and restore: the user's data leaves and comes back whole."""

from __future__ import annotations

import csv
import io
import json

import pytest
import vobject

from companion.cli import main
from companion.model import Capture, Event, Person
from companion.parsers import parse
from companion.store import Store
from companion.store.errors import StoreError
from companion.store.export import as_csv, as_json, as_vcard, restore
from companion.store.linkedin import import_connections, read_connections
from companion.store.merge import merge
from tests.conftest import fixture_text
from tests.stores import AT, GROUP, meetup_member, store_capture, tables

EVENT_URL = "https://www.meetup.com/lakeside-data-science/events/301234567/"
LONG_NOTE = "Talked for an hour about feature stores; wants a data set, too. " * 3


@pytest.fixture
def filled(tmp_path) -> Store:
    """Three people (Zoë seen twice, merged), a note, interactions, LinkedIn, a merge."""
    store = Store(tmp_path / "filled")
    store_capture(store, parse(fixture_text("meetup-event.html"), EVENT_URL), "c-1")
    later = Event(title="Streaming, Windows; and Joins", platform_id="301299999", group=GROUP)
    later.start = "2025-07-10T18:30:00-07:00"
    people = [
        meetup_member("1001", "Ada Quillfeather", "speaker"),
        meetup_member("2002", "Zoë Ångström-Ñúñez, PhD", headline="Analyst; loves SQL"),
        Person("Zoë Ångström-Ñúñez, PhD", role="asked_question"),
    ]
    store_capture(store, Capture("attendees", "meetup", event=later, people=people), "c-2")
    with store.transaction() as db:
        db.table("people").update({"notes": LONG_NOTE, "status": "invited"}, doc_ids=[1])
        for kind in ("met", "talked"):
            db.table("interactions").insert(
                {"person_id": 1, "kind": kind, "date": "2025-06-12", "event_id": 1, "note": ""}
            )
        merge(db, 3, 4, AT)
        connections = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        connections += "Tomas,Verhoeven,,Northwind Labs,CTO,01 Feb 2024\n"
        import_connections(db, read_connections(connections), AT)
    return store


def test_json_export_restores_into_an_empty_store_as_the_same_data(filled, tmp_path):
    with filled.reading() as net:
        db = net.db
        exported = as_json(db)
    text = json.dumps(exported)
    empty = Store(tmp_path / "empty")
    restore(empty, json.loads(text))
    with empty.reading() as net:
        db = net.db
        assert as_json(db) == exported
    assert tables(empty) == tables(filled)
    # The restored store goes on with fresh ids, not reusing any.
    saved = store_capture(empty, Capture("attendees", "meetup", event=Event("New"), people=[]))
    assert str(saved.event_id) not in exported["tables"]["events"]


def test_restore_refuses_to_overwrite_data_unless_asked(filled, tmp_path):
    with filled.reading() as net:
        db = net.db
        exported = as_json(db)
    other = Store(tmp_path / "other")
    store_capture(other, Capture("attendees", "meetup", event=Event("Mine"), people=[]))
    with pytest.raises(StoreError, match="already holds data"):
        restore(other, exported)
    assert [e["title"] for e in tables(other)["events"].values()] == ["Mine"]
    restore(other, exported, replace=True)
    assert tables(other) == tables(filled)
    with pytest.raises(StoreError, match="not a Hallway"):
        restore(other, {"people": []})


def test_csv_has_a_row_per_person_with_events_and_interaction_count(filled):
    with filled.reading() as net:
        db = net.db
        rows = list(csv.DictReader(io.StringIO(as_csv(db))))
    assert len(rows) == len(tables(filled)["people"]) == 3
    ada = next(r for r in rows if r["name"] == "Ada Quillfeather")
    assert ada["events"] == (
        "Feature Stores in Practice & MLOps Q&A (2025-06-12); "
        "Streaming, Windows; and Joins (2025-07-10)"
    )
    # Two logged by the user, and one "seen at" touch for each of the two events.
    assert ada["interactions"] == "4"
    assert ada["notes"] == LONG_NOTE and ada["status"] == "invited"
    tomas = next(r for r in rows if r["name"] == "Tomas Verhoeven")
    assert (tomas["company"], tomas["position"], tomas["connected_on"]) == (
        "Northwind Labs",
        "CTO",
        "2024-02-01",
    )
    assert tomas["interactions"] == "2"  # connected (from LinkedIn), and seen at the event


def _strict_lines(text: str) -> list[str]:
    """RFC 6350 framing: CRLF lines of at most 75 octets, continuations start with a space."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode()) <= 75 for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def test_vcard_is_valid_4_0_and_notes_where_you_met(filled):
    with filled.reading() as net:
        db = net.db
        text = as_vcard(db)
    lines = _strict_lines(text)
    assert lines.count("BEGIN:VCARD") == lines.count("END:VCARD") == 3
    begins = [i for i, line in enumerate(lines) if line == "BEGIN:VCARD"]
    assert all(lines[i + 1] == "VERSION:4.0" for i in begins)

    cards = {card.fn.value: card for card in vobject.readComponents(text)}
    assert set(cards) == {p["name"] for p in tables(filled)["people"].values()}
    ada = cards["Ada Quillfeather"]
    assert ada.version.value == "4.0"
    assert ada.note.value == (
        "Met at: Feature Stores in Practice & MLOps Q&A (2025-06-12), "
        "Streaming, Windows; and Joins (2025-07-10)\n" + LONG_NOTE
    )
    assert ada.url.value == "https://www.meetup.com/members/1001/"
    zoe = cards["Zoë Ångström-Ñúñez, PhD"]
    assert zoe.title.value == "Analyst; loves SQL"
    assert zoe.note.value.startswith("Met at: Streaming, Windows; and Joins (2025-07-10)")
    tomas = cards["Tomas Verhoeven"]
    assert tomas.org.value == ["Northwind Labs"] and tomas.title.value == "CTO"
    assert len({card.uid.value for card in cards.values()}) == 3


def test_cli_export_and_restore(filled, runner, tmp_path):
    out = tmp_path / "export.json"
    data_dir = str(filled.path.parent)
    result = runner.invoke(
        main, ["export", "--format", "json", "--out", str(out), "--data-dir", data_dir]
    )
    assert result.exit_code == 0, result.output
    restored = runner.invoke(main, ["restore", str(out), "--data-dir", str(tmp_path / "new")])
    assert restored.exit_code == 0, restored.output
    assert tables(Store(tmp_path / "new")) == tables(filled)
    again = runner.invoke(main, ["restore", str(out), "--data-dir", str(tmp_path / "new")])
    assert again.exit_code == 1
    assert "already holds data" in again.output and "Traceback" not in again.output

    vcard = runner.invoke(main, ["export", "--format", "vcard", "--data-dir", data_dir])
    assert vcard.output.count("BEGIN:VCARD") == 3
    table = runner.invoke(main, ["export", "--format", "csv", "--data-dir", data_dir])
    assert len(list(csv.DictReader(io.StringIO(table.output)))) == 3


def test_commands_on_an_unreadable_store_say_so_in_a_sentence(runner, tmp_path):
    data = tmp_path / "broken"
    data.mkdir()
    (data / "hallway.json").write_text("{truncated")
    for command in (["serve", "--port", "0"], ["export"], ["import-linkedin", __file__]):
        result = runner.invoke(main, [*command, "--data-dir", str(data)])
        assert result.exit_code == 1, command
        assert "damaged" in result.output and "Traceback" not in result.output


def test_export_through_the_api(app, client, auth):
    store_capture(
        app.extensions["hallway_store"], parse(fixture_text("meetup-event.html"), EVENT_URL)
    )
    response = client.get("/api/export?format=csv", headers=auth)
    assert response.status_code == 200
    assert response.content_type.startswith("text/csv")
    assert "hallway-export.csv" in response.headers["Content-Disposition"]
    assert "Ada Quillfeather" in response.get_data(as_text=True)
    whole = client.get("/api/export", headers=auth).get_json()
    assert whole["app"] == "hallway" and len(whole["tables"]["people"]) == 2
    vcard = client.get("/api/export?format=vcard", headers=auth)
    assert vcard.content_type.startswith("text/vcard")
    bad = client.get("/api/export?format=xml", headers=auth)
    assert bad.status_code == 400 and "json, csv or vcard" in bad.get_json()["error"]
    assert client.get("/api/export?format=csv").status_code == 401


def test_a_capture_right_after_a_replacing_restore_in_the_same_process_adds_to_it(filled, tmp_path):
    with filled.reading() as net:
        exported = json.loads(json.dumps(as_json(net.db)))  # as read from the file
    other = Store(tmp_path / "other")
    store_capture(other, Capture("attendees", "meetup", event=Event("Mine"), people=[]))
    restore(other, json.loads(json.dumps(exported)), replace=True)
    saved = store_capture(
        other, Capture("attendees", "meetup", event=Event("After the restore"), people=[])
    )
    events = tables(other)["events"]
    assert str(saved.event_id) not in exported["tables"]["events"]  # a new id, not a reused one
    assert len(events) == len(exported["tables"]["events"]) + 1
    assert {e["title"] for e in events.values()} >= {"Streaming, Windows; and Joins"}
    with other.reading() as net:  # the network read the restored data, and the capture
        titles = {e["title"] for e in net.events.values()}
        assert "After the restore" in titles and "Mine" not in titles
        assert len(net.people) == len(exported["tables"]["people"])
