"""One person is one record, however and wherever they were seen."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from companion.model import Capture, Event, Person
from companion.parsers import parse
from companion.store import Store
from companion.store.identity import normalize_url, url_keys
from companion.store.linkedin import import_connections, read_connections
from tests.conftest import fixture_text
from tests.stores import AT, GROUP, store_capture, tables

EVENT_URL = "https://www.meetup.com/lakeside-data-science/events/301234567/"
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ada,Quillfeather,https://www.linkedin.com/in/ada-quill,,Northwind Labs,Head of Data,15 Mar 2024
Priya,Olumide,https://www.linkedin.com/in/priya-o-5b2,,Harbor Analytics,Data Analyst,02 Jan 2025
Wendell,Farrowby,https://www.linkedin.com/in/wfarrowby,,Quarry Co,Engineer,09 Sep 2023
"""


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.meetup.com/members/1001/", "meetup:member:1001"),
        ("http://meetup.com/members/1001", "meetup:member:1001"),
        ("https://www.meetup.com/de-DE/members/1001/", "meetup:member:1001"),
        (
            "https://www.meetup.com/lakeside-data-science/members/1001/profile/",
            "meetup:member:1001",
        ),
        ("https://meetup.com/fr-fr/lakeside-data-science/members/1001/?op=x", "meetup:member:1001"),
        ("https://www.linkedin.com/in/Ada-Quillfeather/", "linkedin:ada-quillfeather"),
        ("https://de.linkedin.com/in/ada-quillfeather?trk=x", "linkedin:ada-quillfeather"),
        ("https://lu.ma/user/usr-abc/", "url:lu.ma/user/usr-abc"),
        ("https://www.example.org/en-GB/people/ada/", "url:example.org/people/ada"),
    ],
)
def test_profile_urls_are_spelled_one_way(url, key):
    assert url_keys(url) == (key,)


def test_no_url_gives_no_key():
    assert url_keys(None) == url_keys("not a url") == ()


@pytest.mark.parametrize(
    "url",
    [
        "https://www.meetup.com/members/123/",
        "HTTPS://WWW.Meetup.com/fr-FR/members/9/?x=1#y",
        " https://lu.ma/e/abc ",
        "https://x.example",
        "https://x.example?q",
        "http://[::1",
        "mailto:ada@example.org",
        "//host.example/p",
        "https://user@host.example/p",
        "https://host.example:8080/p/",
        "https://host.example/a b",
        "https://host.example/\tp",
        "https://h.example/a%20b/",
        "https://www.linkedin.com/in/Ada%C3%A9/",
        "https://",
        "HTTP://H.EXAMPLE/P/",
    ],
)
def test_plain_addresses_read_quickly_are_spelled_as_urlsplit_reads_them(url):
    # The fast reading of "https://host/path" must agree with the general one it skips.
    parts = None
    with contextlib.suppress(ValueError):
        parts = urlsplit(url.strip())
    expected = None
    if parts is not None and parts.hostname:
        host = parts.hostname.removeprefix("www.")
        expected = host + re.sub(r"^/[a-z]{2}-[a-z]{2}(?=/|$)", "", parts.path, flags=re.I).rstrip(
            "/"
        )
    assert normalize_url(url) == expected


def test_the_same_new_person_twice_in_one_page_is_one_record_with_the_fuller_name(tmp_path):
    store = Store(tmp_path)
    event = Event(title="Evening", url=EVENT_URL, platform_id="301234567")
    event.hosts = [_member("Ada Q.", "host")]
    people = [_member("Ada Quillfeather", "attendee"), _member("Ada Q.", "attendee")]
    saved = store_capture(store, Capture("attendees", "meetup", event=event, people=people))
    assert (saved.added, saved.updated) == (1, 0)
    stored = tables(store)
    assert [p["name"] for p in stored["people"].values()] == ["Ada Quillfeather"]
    roles = sorted(a["role"] for a in stored["attendances"].values())
    assert roles == ["attendee", "host"]


def test_a_known_person_seen_twice_in_one_page_is_updated_once(tmp_path):
    store = Store(tmp_path)
    first = Event(title="First", url=EVENT_URL, platform_id="301234567")
    store_capture(store, Capture("attendees", "meetup", event=first, people=[_member("Ada Q.")]))
    second = Event(title="Second", url=EVENT_URL.replace("301234567", "301234568"))
    second.platform_id = "301234568"
    twice = [_member("Ada Quillfeather", headline="Head of Data"), _member("Ada Q.")]
    saved = store_capture(store, Capture("attendees", "meetup", event=second, people=twice))
    assert (saved.added, saved.updated, len(saved.known)) == (0, 1, 1)
    (person,) = tables(store)["people"].values()
    assert (person["name"], person["headline"]) == ("Ada Quillfeather", "Head of Data")


def _member(name: str, role: str = "attendee", **facts: str) -> Person:
    url = "https://www.meetup.com/members/4242/"
    return Person(name, platform_id="4242", profile_url=url, role=role, **facts)


def _event_page() -> Capture:
    return parse(fixture_text("meetup-event.html"), EVENT_URL)


def _attendee_list() -> Capture:
    event = Event(title="Feature Stores in Practice", url=EVENT_URL, platform_id="301234567")
    people = [
        Person(
            "Ada Quillfeather",
            profile_url="https://www.meetup.com/lakeside-data-science/members/1001/profile/",
            role="host",
        ),
        Person("Tomas Verhoeven", platform_id="1002", profile_url="http://meetup.com/members/1002"),
        Person(
            "Priya Olumide",
            profile_url="https://www.meetup.com/de-DE/lakeside-data-science/members/2002/profile/",
        ),
        Person("Jonas Brightwater", platform_id="2003", headline="Student"),
    ]
    return Capture("attendees", "meetup", event=event, people=people)


def _group_page() -> Capture:
    upcoming = Event(
        title="Streaming Features",
        url="https://www.meetup.com/lakeside-data-science/events/301299999/",
        platform_id="301299999",
        group=GROUP,
        hosts=[Person("Ada Q.", profile_url="https://meetup.com/en-US/members/1001", role="host")],
    )
    organizer = Person(
        "Tomas Verhoeven",
        profile_url="https://www.meetup.com/lakeside-data-science/members/1002/",
        role="organizer",
    )
    return Capture("listing", "meetup", events=[upcoming], people=[organizer])


def _people_by_name(store: Store) -> Counter:
    return Counter(p["name"] for p in tables(store)["people"].values())


def test_event_page_attendee_list_group_page_and_connections_make_one_record_each(tmp_path):
    store = Store(tmp_path)
    first = store_capture(store, _event_page(), "event-page")
    assert first.added == 2
    listed = store_capture(store, _attendee_list(), "attendees")
    assert listed.added == 2  # Priya and Jonas; Ada and Tomas are known by member id
    group = store_capture(store, _group_page(), "group-page")
    assert group.added == 0
    assert group.event_id is None  # a listing has no one event
    assert (1, "host") in group.people and (2, "organizer") in group.people
    with store.transaction() as db:
        result = import_connections(db, read_connections(CONNECTIONS), AT)
    assert result.not_met == 1  # Wendell was never met at an event

    data = tables(store)
    assert len(data["people"]) == 4
    ada = next(p for p in data["people"].values() if "meetup:member:1001" in p["keys"])
    assert ada["name"] == "Ada Quillfeather"  # the group page's "Ada Q." says less
    assert (ada["company"], ada["position"], ada["connected_on"]) == (
        "Northwind Labs",
        "Head of Data",
        "2024-03-15",
    )
    assert ada["status"] == "connected"
    assert "linkedin:ada-quill" in ada["keys"]
    assert len(data["events"]) == 2
    seen = Counter((a["person_id"], a["event_id"], a["role"]) for a in data["attendances"].values())
    assert max(seen.values()) == 1
    # Ada hosts both events; Tomas organizes the group but attends no listed event as such.
    ada_id = next(int(i) for i, p in data["people"].items() if p == ada)
    assert sorted(e for p, e, _ in seen if p == ada_id) == [1, 2]

    # Everything again, in another order: nothing new.
    before = tables(store)
    with store.transaction() as db:
        import_connections(db, read_connections(CONNECTIONS), AT)
    for capture in (_group_page(), _attendee_list()):
        store_capture(store, capture)
    after = tables(store)
    assert {k: v for k, v in after.items() if k != "captures"} == {
        k: v for k, v in before.items() if k != "captures"
    }


def test_a_linkedin_profile_url_on_a_captured_page_finds_the_connection(tmp_path):
    store = Store(tmp_path)
    store_capture(store, _event_page())
    with store.transaction() as db:
        import_connections(db, read_connections(CONNECTIONS), AT)
    luma = Capture(
        "attendees",
        "luma",
        event=Event(title="Data Drinks", url="https://lu.ma/data-drinks"),
        people=[Person("Ada Quillfeather", profile_url="https://de.linkedin.com/in/Ada-Quill/")],
    )
    assert store_capture(store, luma).added == 0
    assert _people_by_name(store)["Ada Quillfeather"] == 1


def test_a_recapture_never_overwrites_what_the_user_wrote(tmp_path):
    store = Store(tmp_path)
    store_capture(store, _event_page())
    user_fields = {"notes": "Ask about the feature store", "status": "invited"}
    with store.transaction() as db:
        db.table("people").update({**user_fields, "class_override": "leader"}, doc_ids=[1])
        db.table("interactions").insert(
            {"person_id": 1, "kind": "talked", "date": "2025-06-12", "event_id": 1, "note": "x"}
        )
    saved = store_capture(store, _attendee_list())
    ada = tables(store)["people"]["1"]
    assert {k: ada[k] for k in user_fields} == user_fields
    assert ada["class_override"] == "leader"
    logged = [i for i in tables(store)["interactions"].values() if i["kind"] != "seen_at"]
    assert len(logged) == 1
    assert 1 in saved.known  # she has a logged interaction


def test_names_alone_identify_only_within_one_event(tmp_path):
    store = Store(tmp_path)
    for n, title in enumerate(("Online A", "Online B")):
        event = Event(title=title, url=f"https://zoom.example/j/{n}")
        people = [Person("Sam Rivera", role="participant")]
        store_capture(store, Capture("participants", "zoom", event=event, people=people))
        store_capture(store, Capture("participants", "zoom", event=event, people=people))
    assert _people_by_name(store)["Sam Rivera"] == 2


def test_a_group_page_goes_through_the_capture_pipeline(tmp_path, monkeypatch):
    from companion import capturing

    store = Store(tmp_path)
    store_capture(store, _event_page())
    monkeypatch.setattr(capturing.isolation, "parse", lambda *args: _group_page())
    request = capturing.CaptureRequest("<html></html>", None, "g-1", [], [], AT)
    reply = capturing.capture(store, request)
    assert reply["kind"] == "listing" and reply["event"] is None
    names = sorted(p["name"] for p in reply["known_people"])
    assert names == ["Ada Quillfeather", "Tomas Verhoeven"]  # both met at the event page
    assert reply["known_count"] == 2
    assert reply["people_added"] == 0


def test_someone_first_seen_on_a_listing_is_not_already_known(tmp_path):
    store = Store(tmp_path)
    ada = Person("Ada Quillfeather", platform_id="1001", role="host")
    events = [Event(f"Evening {n}", platform_id=str(n), hosts=[ada]) for n in (1, 2)]
    saved = store_capture(store, Capture("listing", "meetup", events=events))
    assert saved.added == 1 and saved.known == []
    again = store_capture(store, Capture("listing", "meetup", events=events))
    assert again.added == 0 and again.known == [1]


def variant_capture(*hosts: Person, attendees: tuple[Person, ...] = ()) -> Capture:
    """The same event, as a full page or as a lighter version of it, naming these people."""
    event = Event(
        title="Feature Stores in Practice",
        url=EVENT_URL,
        platform_id="301234567",
        start="2025-06-12T18:30:00-07:00",
        group=GROUP,
        hosts=list(hosts),
    )
    return Capture(kind="event", platform="meetup", event=event, people=list(attendees))


def host(name: str, member_id: str) -> Person:
    url = f"https://www.meetup.com/members/{member_id}/"
    return Person(name, platform_id=member_id, profile_url=url, role="host")


FULL_JOE = host("Joe Riddle", "4401")


@pytest.mark.parametrize("lighter_name", ["Joe R.", "Joe Riddle"])
@pytest.mark.parametrize("full_first", [True, False])
def test_a_host_shortened_on_a_lighter_page_of_the_same_event_is_one_person(
    tmp_path, lighter_name, full_first
):
    store = Store(tmp_path)
    lighter = Person(lighter_name, role="host")  # no member id in its markup
    pages = [variant_capture(FULL_JOE), variant_capture(lighter)]
    for capture in pages if full_first else reversed(pages):
        store_capture(store, capture)
    people = list(tables(store)["people"].values())
    assert [p["name"] for p in people] == ["Joe Riddle"]
    assert "meetup:member:4401" in people[0]["keys"]


def test_two_hosts_with_member_ids_stay_two_people_however_alike_their_names(tmp_path):
    store = Store(tmp_path)
    other = host("Joe R.", "4402")
    store_capture(store, variant_capture(FULL_JOE))
    store_capture(store, variant_capture(other))
    assert len(tables(store)["people"]) == 2


def test_only_hosts_are_matched_by_a_shortened_name(tmp_path):
    store = Store(tmp_path)
    store_capture(store, variant_capture(FULL_JOE))
    store_capture(store, variant_capture(attendees=(Person("Joe R.", role="attendee"),)))
    assert len(tables(store)["people"]) == 2  # an attendee "Joe R." may be anyone


def test_a_shortened_name_that_fits_two_hosts_joins_neither(tmp_path):
    store = Store(tmp_path)
    jo = host("Joe Rivera", "4403")
    store_capture(store, variant_capture(FULL_JOE, jo))
    store_capture(store, variant_capture(Person("Joe R.", role="host")))
    assert len(tables(store)["people"]) == 3
