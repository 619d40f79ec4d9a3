"""Listings are listings (issue 16): Luma's discover and calendar pages, Meetup's find and Pro
network pages (today's Apollo cache and the pre-2022 `window.APP_RUNTIME`) each give their
events with times and addresses, never one junk event."""

from __future__ import annotations

import json

from companion.parsers import parse


def next_data(data: dict) -> str:
    return (
        "<html><head><title>Discover Events</title></head><body><h1>Discover Events</h1>"
        f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
        "</body></html>"
    )


def luma_event(n: int, **more) -> dict:
    return {
        "api_id": f"evt-Fict{n:04d}",
        "name": f"Harbor AI Night {n}",
        "url": f"harbor-ai-{n}",
        "start_at": f"2025-11-0{n}T23:30:00.000Z",
        "end_at": f"2025-11-0{n}T02:00:00.000Z",
        "timezone": "America/New_York",
        **more,
    }


def test_lumas_discover_page_is_a_listing_of_its_events_with_times_and_addresses():
    entries = [
        {"api_id": "calev-1", "event": luma_event(1), "guest_count": 40,
         "calendar": {"name": "Harbor AI Collective", "slug": "harbor-ai"}},
        {"api_id": "calev-2", "event": luma_event(2), "guest_count": 12},
    ]  # fmt: skip
    data = {"props": {"pageProps": {"initialData": {"data": {"places": [{"events": entries}]}}}}}
    capture = parse(next_data(data), "https://luma.com/discover")
    assert (capture.kind, capture.platform, capture.event) == ("listing", "luma", None)
    assert [(e.title, e.url, e.start) for e in capture.events] == [
        ("Harbor AI Night 1", "https://lu.ma/harbor-ai-1", "2025-11-01T19:30:00-04:00"),  # EDT
        ("Harbor AI Night 2", "https://lu.ma/harbor-ai-2", "2025-11-02T18:30:00-05:00"),
    ]
    assert capture.events[0].attendee_count == 40
    assert capture.events[0].group.name == "Harbor AI Collective"


def test_a_luma_calendar_page_lists_bare_events_once_each():
    events = [luma_event(1), luma_event(2), luma_event(1)]  # featured, and in the list
    data = {"props": {"pageProps": {"initialData": {"data": {"featured": events[:1],
                                                             "items": events[1:]}}}}}  # fmt: skip
    capture = parse(next_data(data), "https://lu.ma/harbor-ai")
    assert [e.title for e in capture.events] == ["Harbor AI Night 1", "Harbor AI Night 2"]


def apollo_page(events: list[dict]) -> str:
    state = {f"Event:{e['id']}": {"__typename": "Event", **e} for e in events}
    data = {"props": {"pageProps": {"__APOLLO_STATE__": state}}}
    return (
        '<html><head><meta name="service" content="web-next"><title>Find events</title></head>'
        f'<body><h1>Events near you</h1><script id="__NEXT_DATA__" type="application/json">'
        f"{json.dumps(data)}</script></body></html>"
    )


def test_meetups_find_page_lists_every_event_in_its_cache():
    events = [
        {"id": "311000001", "title": "Rust Night", "dateTime": "2025-10-02T18:30:00+02:00",
         "eventUrl": "https://www.meetup.com/rust-lisbon/events/311000001/"},
        {"id": "311000002", "title": "Data Breakfast", "dateTime": "2025-10-03T08:00:00+01:00",
         "eventUrl": "https://www.meetup.com/data-porto/events/311000002/"},
    ]  # fmt: skip
    capture = parse(apollo_page(events), "https://www.meetup.com/find/?location=pt--lisbon")
    assert capture.kind == "listing"
    assert [(e.title, e.start, e.platform_id) for e in capture.events] == [
        ("Rust Night", "2025-10-02T18:30:00+02:00", "311000001"),
        ("Data Breakfast", "2025-10-03T08:00:00+01:00", "311000002"),
    ]


def test_a_meetup_page_of_one_event_is_still_that_event():
    events = [{"id": "311000001", "title": "Rust Night", "dateTime": "2025-10-02T18:30:00+02:00",
               "eventUrl": "https://www.meetup.com/rust-lisbon/events/311000001/"}]  # fmt: skip
    capture = parse(apollo_page(events), "https://www.meetup.com/rust-lisbon/events/311000001/")
    assert (capture.kind, capture.event.title) == ("event", "Rust Night")


def test_a_pre_2022_pro_network_page_lists_the_events_in_app_runtime():
    runtime = {"data": {"upcoming": {"value": [
        {"id": "259000001", "name": "Women in Tech Brunch", "time": 1554652800000,
         "utc_offset": 7200000, "link": "https://www.meetup.com/wit-berlin/events/259000001/",
         "group": {"name": "Women in Tech Berlin", "urlname": "wit-berlin"},
         "venue": {"name": "Factory", "address_1": "Rheinsberger Str. 76", "city": "Berlin"},
         "yes_rsvp_count": 58},
        {"id": "259000002", "name": "Cloud Native Night", "time": 1554825600000,
         "utc_offset": 3600000, "link": "https://www.meetup.com/cn-dublin/events/259000002/"},
    ]}}}  # fmt: skip
    html = (
        '<html><head><title>Pro network | Meetup</title></head><body><div class="groupPageWrapper">'
        f"<script>window.APP_RUNTIME = {json.dumps(runtime)};</script></div></body></html>"
    )
    capture = parse(html, "https://www.meetup.com/pro/wit-network/")
    assert capture.kind == "listing"
    first, second = capture.events
    assert (first.title, first.start) == ("Women in Tech Brunch", "2019-04-07T18:00:00+02:00")
    assert (first.group.name, first.attendee_count) == ("Women in Tech Berlin", 58)
    assert (first.venue.name, first.venue.address) == ("Factory", "Rheinsberger Str. 76, Berlin")
    assert (second.platform_id, second.start) == ("259000002", "2019-04-09T17:00:00+01:00")
