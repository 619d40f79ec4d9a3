"""Times a person would read right (issue 16): the date strings real sites print, and a wall
time placed in the zone the page states, or left a wall time and said to be one."""

from __future__ import annotations

import json

import pytest

from companion.method.when import describe
from companion.model import Capture, Event
from companion.parsers import meetup_gql, parse, zones
from companion.parsers.page import Page
from companion.parsers.times import normalize


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2025-06-12 18:30:00", "2025-06-12T18:30:00"),  # a space for the T
        ("2025-06-12T18:30:00+0100", "2025-06-12T18:30:00+01:00"),  # no colon in the offset
        ("2025-06-12 18:30:00 +0100", "2025-06-12T18:30:00+01:00"),  # ... after a space
        ("2025-06-12 18:30:00 Z", "2025-06-12T18:30:00+00:00"),  # Z after a space
        ("2025-06-12T18:30:00:00+02:00", "2025-06-12T18:30:00+02:00"),  # an extra :00
        ("2025-06-12T18:30:00:30+02:00", "2025-06-12T18:30:00+02:00"),  # ... not a fraction
        ("2025-06-12T18:30:00.000+0100", "2025-06-12T18:30:00+01:00"),
        ("2025-06-12 18:30", "2025-06-12T18:30:00"),  # no seconds
        ("2025-06-12T18:30:00 -05:00", "2025-06-12T18:30:00-05:00"),  # a space before it
        ("2025-06-12 18:30:00:00 +0200", "2025-06-12T18:30:00+02:00"),  # all three at once
        ("2025-06-12T18:30:00:00 Z", "2025-06-12T18:30:00+00:00"),
        ("2025-06-12 18:30:00 UTC", "2025-06-12T18:30:00+00:00"),  # the word for Z
        ("2025-06-12T18:30:00 gmt", "2025-06-12T18:30:00+00:00"),
        ("2025-06-13 ", "2025-06-13"),
        ("2025-06-12 evening", None),
        ("2025-06-12T25:00:00", None),
        ("2025-06-13", "2025-06-13"),  # an end that is only a date
        ("20250612T183000Z", "2025-06-12T18:30:00+00:00"),  # iCalendar's basic form
        ("1749749400000", "2025-06-12T17:30:00+00:00"),  # epoch milliseconds
        ("ISO Datetime goes here", None),
    ],
)
def test_the_date_strings_real_sites_print(written, read):
    assert normalize(written) == read


def event_page(start: str, visible: str, **more) -> str:
    data = {"@type": "Event", "name": "Harbor Data Night", "startDate": start, **more}
    return (
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
        f"<main><h1>Harbor Data Night</h1><p>{visible}</p></main>"
    )


def start_of(html: str) -> str | None:
    return parse(html, "https://events.example.org/harbor-data-night").event.start


@pytest.mark.parametrize(
    ("visible", "start"),
    [
        ("Thursday 12 June, 18:30 CET", "2025-06-12T18:30:00+01:00"),
        ("Thu, Jun 12 · 6:30 PM PDT", "2025-06-12T18:30:00-07:00"),
        ("12.06.2025, 18:30 (GMT+3)", "2025-06-12T18:30:00+03:00"),
        ("18:30-20:30 UTC+08:00", "2025-06-12T18:30:00+08:00"),  # beside a range
        ("6:30 - 8:30 PM EDT", "2025-06-12T18:30:00-04:00"),  # one PM for both
        ("Doors 18h30 UTC+5:30", "2025-06-12T18:30:00+05:30"),
        ("18:30 GMT\u221205:00", "2025-06-12T18:30:00-05:00"),  # a true minus sign
        ("From 18:30 GMT", "2025-06-12T18:30:00+00:00"),
        ("18:30 GMT-05:00", "2025-06-12T18:30:00-05:00"),
        ("18:30 UTC+8", "2025-06-12T18:30:00+08:00"),
        ("18:30 JST", "2025-06-12T18:30:00+09:00"),
        ("18:30 AEST", "2025-06-12T18:30:00+10:00"),
    ],
)
def test_a_wall_time_takes_the_zone_labelled_beside_it(visible, start):
    assert start_of(event_page("2025-06-12T18:30:00", visible)) == start


def test_a_json_ld_event_with_a_wall_time_and_18_30_cet_on_the_page():
    html = event_page("2025-06-12T18:30:00", "Thursday 12 June · 18:30 CET · Harbor Hall")
    assert start_of(html) == "2025-06-12T18:30:00+01:00"


def test_a_label_beside_the_end_time_places_the_start_too():
    html = event_page("2025-06-12T18:30:00", "18:30 - 20:30 CEST", endDate="2025-06-12T20:30:00")
    event = parse(html, "https://events.example.org/x").event
    assert (event.start, event.end) == ("2025-06-12T18:30:00+02:00", "2025-06-12T20:30:00+02:00")


def test_the_events_own_timezone_places_a_wall_time():
    # A platform's data names the event's zone (Eventbrite's `start.timezone`, Meetup's
    # group's): that zone wins over any label, daylight saving included.
    event = Event("Harbor Data Night", start="2025-06-12T18:30:00", end="2025-12-12T18:30:00")
    event.timezone = "Europe/Lisbon"
    capture = Capture(kind="event", platform="schema.org", event=event)
    zones.place(capture, Page(html="<p>18:30 CET</p>", url=None))
    assert (event.start, event.end) == ("2025-06-12T18:30:00+01:00", "2025-12-12T18:30:00+00:00")


@pytest.mark.parametrize(
    ("where", "start"),
    [
        ({"timezone": "Europe/Athens"}, "2025-06-12T18:30:00+03:00"),  # the event's own
        ({"location": {"@type": "Place", "name": "Harbor Hall", "timezone": "Asia/Tokyo"}},
         "2025-06-12T18:30:00+09:00"),  # the venue's
        ({"eventSchedule": {"@type": "Schedule", "scheduleTimezone": "America/Denver"}},
         "2025-06-12T18:30:00-06:00"),  # the schedule's
    ],
)  # fmt: skip
def test_a_timezone_field_in_the_page_data_places_a_wall_time(where, start):
    assert start_of(event_page("2025-06-12T18:30:00", "Thursday, 18:30", **where)) == start


def test_a_timezone_field_that_names_no_zone_is_not_trusted():
    html = event_page("2025-06-12T18:30:00", "18:30 PDT", timezone="Mars/Olympus_Mons")
    assert start_of(html) == "2025-06-12T18:30:00-07:00"  # the label still speaks
    assert parse(html, "https://events.example.org/x").event.timezone is None


def test_a_meetup_graphql_event_is_on_its_groups_clock():
    raw = {
        "id": "301234567",
        "title": "Harbor Data Night",
        "dateTime": "2025-06-13T01:30:00Z",  # an instant, shown in the group's zone
        "endTime": "2025-06-12T20:30:00",  # a wall time, placed by the group's zone
        "group": {"timezone": "America/Los_Angeles"},
        "rsvps": {"edges": []},
    }
    capture = Capture(kind="event", platform="meetup", event=meetup_gql.event(raw))
    zones.place(capture, Page(html="<p>Thursday</p>", url=None))
    assert capture.event.timezone == "America/Los_Angeles"
    assert (capture.event.start, capture.event.end) == (
        "2025-06-12T18:30:00-07:00",
        "2025-06-12T20:30:00-07:00",
    )


@pytest.mark.parametrize(
    "visible",
    [
        "Thursday 12 June, 18:30",  # no zone at all
        "Doors 17:00 CET, talks at 18:30",  # the label is beside another time
        "18:30 CET (19:30 CEST for our Kyiv friends at 18:30 EEST)",  # labels disagree
        "18:30 IST",  # India, Ireland or Israel: not read
    ],
)
def test_a_wall_time_stays_one_when_nothing_says_its_zone(visible):
    assert start_of(event_page("2025-06-12T18:30:00", visible)) == "2025-06-12T18:30:00"


def test_a_time_that_has_an_offset_keeps_it_whatever_the_labels_say():
    html = event_page("2025-06-12T18:30:00-04:00", "18:30 CET")
    assert start_of(html) == "2025-06-12T18:30:00-04:00"


def test_a_wall_time_is_said_to_be_the_venues_local_time():
    said = describe("2025-06-12T18:30:00", "2025-06-12T20:30:00", None)
    assert said == "Thu 12 Jun 2025, 18:30-20:30 (local time of the venue, zone not given)"
    assert describe("2025-06-12T18:30:00+01:00", None, None) == "Thu 12 Jun 2025, 18:30 UTC+01:00"
