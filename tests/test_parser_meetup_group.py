"""Meetup group pages: every listed event, upcoming first, with the JSON-LD and 2019 fallbacks."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from companion.parsers import parse
from tests.conftest import fixture_text

GROUP_URL = "https://www.meetup.com/lakeside-data-science/"


def test_group_page_lists_upcoming_then_past_events_from_the_apollo_cache():
    capture = parse(fixture_text("meetup-group.html"), GROUP_URL)
    assert (capture.kind, capture.platform, capture.event) == ("listing", "meetup", None)
    assert [e.platform_id for e in capture.events] == ["301000002", "301000003", "301000001"]
    upcoming = capture.events[0]
    assert upcoming.title == "Feature Stores in Practice"
    assert upcoming.start == "2025-06-12T18:30:00-07:00"
    assert upcoming.timezone == "America/Los_Angeles"
    assert (upcoming.group.name, upcoming.group.url) == ("Lakeside Data Science", GROUP_URL)
    assert upcoming.venue.address == "12 Harbor Street, Portland, OR"
    assert [(h.name, h.platform_id) for h in upcoming.hosts] == [
        ("Ada Quillfeather", "1001"),
        ("Tomas Verhoeven", "1002"),
    ]
    assert upcoming.sponsors == ["Northwind Labs"]
    assert (upcoming.attendee_count, upcoming.online) == (57, True)
    assert capture.events[1].venue is None
    assert (capture.events[2].status, capture.events[2].attendee_count) == ("past", 41)
    [organizer] = capture.people
    assert (organizer.name, organizer.role) == ("Ada Quillfeather", "organizer")
    assert organizer.photo_url.endswith("/11/90x90.jpg")
    assert "viewer@example.invalid" not in repr(capture.to_dict())


def test_group_page_without_embedded_data_lists_the_jsonld_events():
    soup = BeautifulSoup(fixture_text("meetup-group.html"), "lxml")
    soup.find(id="__NEXT_DATA__").decompose()
    capture = parse(str(soup), GROUP_URL)
    assert capture.kind == "listing"
    assert [(e.title, e.start) for e in capture.events] == [
        ("Feature Stores in Practice", "2025-06-12T18:30:00-07:00"),
        ("Causal Inference Reading Group", "2025-07-10T18:30:00-07:00"),
    ]
    assert capture.events[1].online is True
    assert capture.events[0].group.name == "Lakeside Data Science"


def test_a_2019_group_page_lists_its_event_cards():
    html = """<div class="groupPageWrapper"><div class="groupHomeHeader">
      <h1 class="groupHomeHeader-groupName">Lakeside Data Science</h1></div>
      <div class="groupHome-eventsList-upcomingEvents">
      <div class="eventCard">
        <a class="eventCard--link" href="/lakeside-data-science/events/260000001/">x</a>
        <h2 class="eventCardHead--title">Notebook Night</h2>
        <div class="eventTimeDisplay"><time datetime="1561683600000">Thu Jun 27</time></div>
        <div class="venueDisplay-venue-address"><span>12 Harbor Street</span></div></div>
      <div class="eventCard"><h2 class="eventCardHead--title">Model Cards Workshop</h2>
        <div class="eventTimeDisplay"><time datetime="1562288400000"></time></div></div>
    </div></div>"""
    capture = parse(html, GROUP_URL)
    assert capture.kind == "listing"
    first, second = capture.events
    assert (first.title, first.platform_id) == ("Notebook Night", "260000001")
    assert first.start == "2019-06-28T01:00:00+00:00"
    assert first.venue.address == "12 Harbor Street"
    assert first.group.name == "Lakeside Data Science"
    assert (second.title, second.start) == ("Model Cards Workshop", "2019-07-05T01:00:00+00:00")


def test_a_classic_2016_event_page():
    html = """<div id="event-title"><h1>Intro to Pandas</h1></div>
      <div id="event-when-display"><time datetime="2016-10-04T19:00:00+02:00">4 Oct</time></div>
      <div class="event-where-address"><span>Harbour Hall</span><span>Valencia</span></div>
      <div id="event-description-wrap">Bring a laptop.</div>"""
    event = parse(html, "https://www.meetup.com/valencia-py/events/234567890/").event
    assert (event.title, event.start) == ("Intro to Pandas", "2016-10-04T19:00:00+02:00")
    assert (event.platform_id, event.venue.address) == ("234567890", "Harbour Hall, Valencia")
    assert event.description == "Bring a laptop."


def test_an_event_in_the_cache_brings_its_sample_of_people_going():
    soup = BeautifulSoup(fixture_text("meetup-group.html"), "lxml")
    tag = soup.find(id="__NEXT_DATA__")
    data = json.loads(tag.string)
    state = data["props"]["pageProps"]["__APOLLO_STATE__"]
    state["Event:301000002"]['rsvps({"first":5})'] = {
        "edges": [{"node": {"__ref": "Rsvp:1"}}, {"node": {"__ref": "Rsvp:2"}}]
    }
    state["Event:301000002"]['rsvps({"filter":{"rsvpStatus":["WAITLIST"]}})'] = {
        "edges": [{"node": {"__ref": "Rsvp:3"}}]
    }
    state["Rsvp:1"] = {"member": {"__ref": "Member:1002"}}
    state["Rsvp:2"] = {"member": {"__ref": "Member:1003"}}
    state["Rsvp:3"] = {"member": {"__ref": "Member:1004"}}
    state["Member:1003"] = {"id": "1003", "name": "Wren Idowu"}
    state["Member:1004"] = {"id": "1004", "name": "Waitlisted Person"}
    tag.string = json.dumps(data)
    capture = parse(str(soup), GROUP_URL + "events/301000002/")
    assert (capture.kind, capture.event.title) == ("event", "Feature Stores in Practice")
    assert [(p.name, p.role) for p in capture.people] == [
        ("Tomas Verhoeven", "host"),
        ("Wren Idowu", "attendee"),
    ]
