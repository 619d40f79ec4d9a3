"""LinkedIn's Connections.csv: read as LinkedIn writes it, matched carefully to known people."""

from __future__ import annotations

import pytest

from companion.cli import main
from companion.model import Capture, Event, Person
from companion.store import Store
from companion.store.linkedin import (
    Connection,
    NotConnections,
    import_connections,
    iso_date,
    read_connections,
    resolve_pending,
)
from tests.stores import AT, GROUP, meetup_member, store_capture, tables

PREAMBLE = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed it,\n"
    'see the help page."\n'
    "\n"
)
CURRENT = PREAMBLE + (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Quillfeather,https://www.linkedin.com/in/ada-quill,,"
    "Northwind Labs,Head of Data,15 Mar 2024\n"
    "Sam,Rivera,https://www.linkedin.com/in/sam-r,sam@example.invalid,"
    '"Quarry, Inc.",Analyst,3 Jan 2025\n'
    "\n"
    "Wendell,Farrowby,https://www.linkedin.com/in/wfarrowby,,Quarry Co,Engineer,09 Sep 2023\n"
)
OLDER = (
    "First Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Ada,Quillfeather,,Northwind Labs,Head of Data,15 Mar 2024\n"
)


def test_the_notes_preamble_is_skipped_and_rows_read():
    connections = read_connections(CURRENT)
    assert [c.name for c in connections] == ["Ada Quillfeather", "Sam Rivera", "Wendell Farrowby"]
    ada, sam, _ = connections
    assert ada == Connection(
        "Ada",
        "Quillfeather",
        "https://www.linkedin.com/in/ada-quill",
        None,
        "Northwind Labs",
        "Head of Data",
        "2024-03-15",
    )
    assert (sam.email, sam.company, sam.connected_on) == (
        "sam@example.invalid",
        "Quarry, Inc.",
        "2025-01-03",
    )


def test_older_exports_without_the_url_column_are_read():
    [ada] = read_connections(OLDER)
    assert (ada.name, ada.url, ada.company, ada.connected_on) == (
        "Ada Quillfeather",
        None,
        "Northwind Labs",
        "2024-03-15",
    )


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("15 Mar 2024", "2024-03-15"),
        ("1 Sept 2023", "2023-09-01"),
        ("2024-03-15", "2024-03-15"),
        ("Mar 15", None),
        ("", None),
        ("31 Foo 2024", None),
    ],
)
def test_connection_dates(value, iso):
    assert iso_date(value) == iso


def test_a_file_that_is_not_connections_is_refused_with_a_sentence():
    with pytest.raises(NotConnections, match=r"not LinkedIn's Connections\.csv"):
        read_connections("Name,Title\nAda,CTO\n")


def _met(store: Store) -> None:
    event = Event(title="Evening", platform_id="1", group=GROUP)
    people = [
        meetup_member("1001", "Ada Quillfeather"),
        meetup_member("3001", "Sam Rivera"),
        meetup_member("3002", "Sam Rivera"),
    ]
    store_capture(store, Capture("attendees", "meetup", event=event, people=people))


def test_matching_by_url_then_unambiguous_name(tmp_path):
    store = Store(tmp_path)
    _met(store)
    with store.transaction() as db:
        result = import_connections(db, read_connections(CURRENT), AT)
    assert result.matched == [1]
    assert result.not_met == 1
    [pending] = result.ambiguous
    assert pending["candidates"] == [2, 3]
    assert pending["connection"]["company"] == "Quarry, Inc."
    data = tables(store)
    assert data["people"]["2"]["status"] == data["people"]["3"]["status"] == "none"
    assert [
        (i["person_id"], i["kind"], i["date"])
        for i in data["interactions"].values()
        if i["kind"] != "seen_at"  # the captures' own touches
    ] == [(1, "connected", "2024-03-15")]

    # Importing again changes nothing and asks the same question once.
    with store.transaction() as db:
        again = import_connections(db, read_connections(CURRENT), AT)
    assert again.ambiguous[0]["id"] == pending["id"]
    assert tables(store) == data

    with store.transaction() as db:
        resolve_pending(db, pending["id"], 3, AT)
    data = tables(store)
    assert data["linkedin_pending"] == {}
    sam = data["people"]["3"]
    assert (sam["company"], sam["status"], sam["connected_on"]) == (
        "Quarry, Inc.",
        "connected",
        "2025-01-03",
    )
    assert "linkedin:sam-r" in sam["keys"]
    # Now the URL decides: no more question about the two Sams.
    with store.transaction() as db:
        assert import_connections(db, read_connections(CURRENT), AT).ambiguous == []


def test_a_url_match_wins_over_a_name_and_a_taken_profile_is_not_moved(tmp_path):
    store = Store(tmp_path)
    store_capture(
        store,
        Capture(
            "attendees",
            "luma",
            event=Event(title="Drinks", url="https://lu.ma/drinks"),
            people=[
                Person("A. Quillfeather", profile_url="https://linkedin.com/in/ada-quill"),
                Person("Ada Quillfeather", profile_url="https://lu.ma/u/ada"),
            ],
        ),
    )
    with store.transaction() as db:
        result = import_connections(db, read_connections(CURRENT), AT)
    assert result.matched == [1]
    assert tables(store)["people"]["2"]["company"] is None


def test_a_namesake_known_under_another_linkedin_profile_is_not_matched(tmp_path):
    store = Store(tmp_path)
    luma = Capture(
        "attendees",
        "luma",
        event=Event(title="Drinks", url="https://lu.ma/drinks"),
        people=[Person("Ada Quillfeather", profile_url="https://linkedin.com/in/another-ada")],
    )
    store_capture(store, luma)
    with store.transaction() as db:
        result = import_connections(db, read_connections(CURRENT), AT)
    assert result.matched == [] and result.not_met == 3
    assert tables(store)["people"]["1"]["status"] == "none"


def test_upload_through_the_api_and_choose_among_same_names(app, client, auth):
    _met(app.extensions["hallway_store"])
    response = client.post("/api/linkedin/connections", json={"csv": CURRENT}, headers=auth)
    assert response.status_code == 200
    reply = response.get_json()
    assert reply["matched"] == [1] and reply["not_met"] == 1
    listed = client.get("/api/people/suggestions", headers=auth).get_json()["linkedin"]
    assert [[c["id"] for c in p["candidates"]] for p in listed] == [[2, 3]]
    chosen = client.post(
        f"/api/linkedin/pending/{listed[0]['id']}", json={"person_id": 2}, headers=auth
    )
    assert chosen.status_code == 200
    assert client.get("/api/people/suggestions", headers=auth).get_json()["linkedin"] == []
    missing = client.post("/api/linkedin/pending/99", json={"person_id": 2}, headers=auth)
    assert missing.status_code == 404 and missing.get_json()["error"].endswith(".")

    for body in ({}, {"csv": ""}, {"csv": 4}, {"csv": "a,b\n1,2\n"}):
        bad = client.post("/api/linkedin/connections", json=body, headers=auth)
        assert bad.status_code == 422 and bad.get_json()["error"], body


def test_cli_import_linkedin(runner, tmp_path):
    data = tmp_path / "data"
    _met(Store(data))
    file = tmp_path / "Connections.csv"
    file.write_text(CURRENT, encoding="utf-8")
    result = runner.invoke(main, ["import-linkedin", str(file), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 connections matched people you met; 1 share a name")
    assert tables(Store(data))["people"]["1"]["company"] == "Northwind Labs"
    file.write_text("not,a,connections,file\n")
    bad = runner.invoke(main, ["import-linkedin", str(file), "--data-dir", str(data)])
    assert bad.exit_code == 1 and "Connections.csv" in bad.output
