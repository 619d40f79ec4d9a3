"""Conformance: every saved page in ../shared/real-pages, with the facts a networker needs.

Expected values were read by hand from each file. People's names are not written here: where
a person matters, the test reads their name or id from the raw file and compares. Every file
in the folder must be listed below, so a page added later cannot go untested.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup

from companion.model import Capture
from companion.parsers import NotUnderstood, parse
from tests.conftest import REAL_PAGES, real_page

pytestmark = pytest.mark.real_pages


# Two hand-reduced fixtures hold a placeholder where the real page had its time; with no time
# and nobody at it a page is not an event, so the time the real page had is put back.
PLACEHOLDER_TIMES = {
    "_reduced_fixtures/eventbrite-2016-reduced.html": "2016-05-12T19:00:00+02:00",
    "_reduced_fixtures/meetup-classic-2016-reduced.html": "2016-05-12T19:00:00+02:00",
}
PLACEHOLDER = "ISO Datetime goes here"


def parsed(relative: str, url: str | None) -> Capture:
    text = real_page(relative)
    if relative in PLACEHOLDER_TIMES:
        text = text.replace(PLACEHOLDER, PLACEHOLDER_TIMES[relative])
    if relative.endswith(".json"):
        return parse("", url, payloads=[json.loads(text)])
    return parse(text, url)


def next_data(relative: str) -> dict:
    tag = BeautifulSoup(real_page(relative), "lxml").find("script", id="__NEXT_DATA__")
    return json.loads(tag.string)["props"]["pageProps"]


# --- Meetup --------------------------------------------------------------------------------


def spokane_event(c: Capture) -> None:
    e = c.event
    assert (c.kind, c.platform) == ("event", "meetup")
    assert e.title == "Dagger with Spokane Tech 🚀"
    assert (e.start, e.end) == ("2024-03-19T18:00:00-07:00", "2024-03-19T19:30:00-07:00")
    assert e.group.name == "Spokane Python User Group"
    assert (e.venue.name, e.venue.address) == ("IntelliTect", "1720 W 4th Ave Unit B, Spokane, WA")
    assert [h.platform_id for h in e.hosts] == ["262864455"]
    # Only the waitlist count is on this page: the number going stays unknown.
    assert e.attendee_count is None
    # Captured logged in as the organizer: their e-mail must not come along.
    email = next_data("meetup/spokane-meetup-with-json.html")["user"]["email"]
    assert email not in repr(c.to_dict())


def spokane_group(c: Capture) -> None:
    assert (c.kind, c.event) == ("listing", None)
    assert len(c.events) == 8
    first = c.events[0]  # upcoming events come first, soonest first
    assert (first.title, first.start) == (
        "Dagger with Spokane Tech 🚀",
        "2024-03-19T18:00:00-07:00",
    )
    assert first.attendee_count == 10  # going.totalCount
    assert first.group.name == "Spokane Python User Group"
    assert first.sponsors == ["IntelliTect"]
    assert {e.status for e in c.events} == {"scheduled", "past"}
    assert [(p.platform_id, p.role) for p in c.people] == [("262864455", "organizer")]


def austin_group(c: Capture) -> None:
    assert c.kind == "listing"
    assert [e.platform_id for e in c.events] == [
        "303396926",
        "303569533",
        "303065879",
        "302580770",
        "302530348",
        "302162630",
    ]
    upcoming, past = c.events[0], c.events[2]
    assert upcoming.start == "2024-09-25T18:00:00-05:00"
    assert upcoming.attendee_count == 23
    assert upcoming.venue.address == "1806 E 12th Street, Austin, TX"
    assert [h.platform_id for h in upcoming.hosts] == ["133348", "386610858", "216449742"]
    assert all(h.name for h in upcoming.hosts)
    assert (past.attendee_count, past.online, past.status) == (63, True, "past")
    assert past.group.name == "Austin LangChain - AI & LLM"


def gql_attendees(c: Capture) -> None:
    raw = json.loads(real_page("meetup/gql2-getEventByIdForAttendees-2026.json"))
    nodes = [edge["node"] for edge in raw["data"]["event"]["rsvps"]["edges"]]
    going = [n for n in nodes if n["status"] == "YES"]
    e = c.event
    assert (c.kind, c.platform) == ("attendees", "meetup")
    assert e.title == "Open Sourcer Meetup - Sourcer Github!"
    assert e.start == "2026-04-23T19:00:00+02:00"
    assert e.platform_id == "314040194"
    assert e.venue.name == "Ideuzo at Work"
    assert e.attendee_count == 42
    assert [p.platform_id for p in c.people] == [n["member"]["id"] for n in going]
    host = next(n for n in nodes if n["isHost"])
    assert [(h.platform_id, h.name) for h in e.hosts] == [
        (host["member"]["id"], host["member"]["name"])
    ]
    assert c.people[0].role == "host"
    assert c.people[0].profile_url == f"https://www.meetup.com/members/{host['member']['id']}/"
    orgs_only = sum(n["member"]["profilePrivacy"]["whoCanContact"] == "ORGS_ONLY" for n in going)
    assert sum(p.can_message is False for p in c.people) == orgs_only
    assert all(p.photo_url.endswith("/90x90.jpg") for p in c.people if p.photo_url)


def meetup_2019_jsonld(c: Capture) -> None:
    e = c.event
    assert e.title == "☕🍺 Friday Brew & Brew - Woodland Coffee (BALLARD)"
    assert e.start == "2019-08-23T14:30:00-07:00"  # given without seconds
    assert e.platform_id == "264083712"
    assert e.group.name == "Coffee Club of Seattle"
    assert (e.venue.name, e.venue.address) == (
        "Woodland Coffee",
        "1417 NW 54th St., Seattle, WA, USA",
    )


def meetup_classic_2016(c: Capture) -> None:
    e = c.event
    assert (c.kind, e.title) == ("event", "Title goes here")
    assert e.start == "2016-05-12T19:00:00+02:00"
    assert e.venue.address == "Valencia"
    assert e.description == "Description goes here"


def meetup_mwp_group(c: Capture) -> None:
    assert c.kind == "listing"
    [e] = c.events
    assert e.title == "Title goes here"
    assert e.start == "2018-10-19T08:30:00+00:00"  # epoch milliseconds
    assert e.venue.address == "Valencia"


# --- Luma, Eventbrite, generic -------------------------------------------------------------


def luma_event(c: Capture) -> None:
    data = next_data("luma/luma-event-ethtaipei-2025.html")["initialData"]["data"]
    e = c.event
    assert (c.kind, c.platform) == ("event", "luma")
    assert e.title == "Solo Stakers Guild @ ETH Taipei"
    assert (e.start, e.end) == ("2025-03-31T14:00:00+08:00", "2025-03-31T17:00:00+08:00")
    assert e.timezone == "Asia/Singapore"
    assert (e.group.name, e.group.url) == ("Lido", "https://lu.ma/lido")
    assert e.venue.name == "Taipei Nanshan Plaza"
    assert e.venue.address.startswith("No. 100")  # the venue named once, not again here
    assert e.online is False
    assert e.attendee_count == 64
    assert [h.platform_id for h in e.hosts] == [h["api_id"] for h in data["hosts"]]
    first = data["hosts"][0]
    assert e.hosts[0].headline == first["bio_short"]
    assert e.hosts[0].linkedin_url == "https://www.linkedin.com" + first["linkedin_handle"]
    assert e.hosts[0].profile_url == f"https://lu.ma/user/{first['username']}"
    assert [p.platform_id for p in c.people] == [g["api_id"] for g in data["featured_guests"]]
    assert e.description.startswith("Begin your journey")
    assert "\u200b" not in e.description


def eventbrite_organizer(c: Capture) -> None:
    assert (c.kind, c.platform) == ("listing", "eventbrite")
    assert len(c.events) == 24  # 12 upcoming and 12 past in __SERVER_DATA__
    e = c.events[0]
    assert (e.title, e.platform_id) == ("Ancoats Quiz Night", "1024759512287")
    assert e.start == "2024-10-03T19:00:00+01:00"
    assert e.timezone == "Europe/London"
    assert e.group.name == "Queer Lit & Social Refuge"
    assert (e.venue.name, e.venue.address) == (
        "Social Refuge",
        "27 Great Ancoats Street, Ancoats, M4 5AJ",
    )


def eventbrite_directory_2015(c: Capture) -> None:
    assert (c.kind, c.platform) == ("listing", "eventbrite")
    assert len(c.events) == 10
    e = c.events[0]
    assert (e.title, e.platform_id) == ("Open Paint 2 for 1 Price", "16364799556")
    assert e.start == "2015-07-02T15:00:00+00:00"  # the UTC content, not the bogus datetime
    assert e.group.name == "Merlot and a Masterpiece"  # "by " stripped
    assert all(ev.start for ev in c.events)


def eventbrite_2016(c: Capture) -> None:
    assert (c.event.title, c.event.venue.address) == ("Title goes here", "València")
    assert c.event.start == "2016-05-12T19:00:00+02:00"  # the value-title pattern


def eventbrite_2017(c: Capture) -> None:
    e = c.event
    assert (e.title, e.start) == ("Title goes here", "2017-12-15T18:00:00+01:00")
    assert e.description == "Description. 1st parragraph.\n\nDescription. 2nd parragraph."


def outsavvy(c: Capture) -> None:
    e = c.event
    assert (c.kind, c.platform) == ("event", "schema.org")
    assert e.title == "COMMUNICATION IN DATING - 4/7 Queer Zine Dating Workshop Series"
    assert e.start == "2025-09-27T12:30:00+01:00"  # the page writes 12:30:00:00+01:00
    assert e.group.name == "A Whole Orange"
    assert e.venue.name == "The Albany"


def songkick(c: Capture) -> None:
    e = c.event
    assert (e.title, e.start) == ("Elysian Fields", "2015-10-31T19:30:00-04:00")
    assert e.venue.name == "The Owl Music Parlor"


def microdata_001(c: Capture) -> None:
    e = c.event
    assert e.title == "Miami Heat at Philadelphia 76ers - Game 3 (Home Game 1)"
    assert e.url == "https://schema.org/nba-miami-philidelphia-game3.html"  # made absolute
    assert e.start == "2016-04-21T20:00:00"  # a wall time with no zone stays naive
    assert e.venue.address == "Philadelphia, PA"


def microdata_003(c: Capture) -> None:
    e = c.event
    assert (e.title, e.start) == ("Typhoon with Radiation City", "2013-09-14T21:30:00")
    assert (e.venue.name, e.venue.address) == ("The Hi-Dive", "7 S. Broadway, Denver, CO")


def upcoming_hcalendar(c: Capture) -> None:
    e = c.event
    assert e.title == "February BarCamp Portland Informal Tech Meetup"
    assert (e.start, e.end) == ("2008-02-28T17:30:00", "2008-02-28T19:30:00")
    assert e.venue.name == "Jive Software Office"
    assert e.attendee_count is None  # the page loads its attendee lists by script


def zoom_participants(c: Capture) -> None:
    # The saved page's names were replaced by its author with fictional ones.
    assert (c.kind, c.platform) == ("participants", "zoom")
    assert c.event.title == "Captain America's Personal Meeting Room"
    assert c.event.attendee_count == 9  # "Participants (9)"
    assert [h.name for h in c.event.hosts] == ["Captain America"]
    assert len(c.people) == 8  # nine rows less the viewer's own "(Me)" row
    assert all(p.role in {"host", "participant"} for p in c.people)


EXPECTED: dict[str, tuple[str | None, Callable[[Capture], None]]] = {
    "meetup/spokane-meetup-with-json.html": (
        "https://www.meetup.com/python-spokane/events/298213205/",
        spokane_event,
    ),
    "meetup/spokane-meetup-homepage-with-json.html": (
        "https://www.meetup.com/python-spokane/",
        spokane_group,
    ),
    "meetup/austin-langchain-group-page-2024.html": (
        "https://www.meetup.com/austin-langchain-ai-group/",
        austin_group,
    ),
    "meetup/gql2-getEventByIdForAttendees-2026.json": (None, gql_attendees),
    "meetup/meetup-2019-jsonld-event-264083712.json": (
        "https://www.meetup.com/seattle-coffee-club/events/264083712/",
        meetup_2019_jsonld,
    ),
    "_reduced_fixtures/meetup-classic-2016-reduced.html": (
        "https://www.meetup.com/valenciatech/events/234000000/",
        meetup_classic_2016,
    ),
    "_reduced_fixtures/meetup-mwp-2018-reduced.html": (
        "https://www.meetup.com/valenciatech/",
        meetup_mwp_group,
    ),
    "_reduced_fixtures/meetup-mwp-2019-reduced.html": (
        "https://www.meetup.com/valenciatech/",
        meetup_mwp_group,
    ),
    "luma/luma-event-ethtaipei-2025.html": ("https://lu.ma/8irnvijm", luma_event),
    "eventbrite/eventbrite-organizer-page-2025.html": (
        "https://www.eventbrite.co.uk/o/queer-lit-social-refuge-48062165483",
        eventbrite_organizer,
    ),
    "eventbrite/eventbrite-directory-champaign-2015-microdata.html": (
        "https://www.eventbrite.com/d/il--champaign/events/",
        eventbrite_directory_2015,
    ),
    "_reduced_fixtures/eventbrite-2016-reduced.html": (
        "https://www.eventbrite.es/e/title-tickets-20000000000",
        eventbrite_2016,
    ),
    "_reduced_fixtures/eventbrite-2017-reduced.html": (
        "https://www.eventbrite.es/e/title-tickets-40000000000",
        eventbrite_2017,
    ),
    "generic/outsavvy-event-jsonld-2025.html": (None, outsavvy),
    "generic/songkick-event-jsonld-2015.html": (None, songkick),
    "generic/schemaorg-example-microdata-event-001.html": (
        "https://schema.org/example.html",
        microdata_001,
    ),
    "generic/schemaorg-example-microdata-event-003.html": (None, microdata_003),
    "generic/upcoming-hcalendar-v1.html": (None, upcoming_hcalendar),
    "zoom/zoom-webclient-participants-2020.html": (None, zoom_participants),
}


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_real_page(relative):
    url, check = EXPECTED[relative]
    check(parsed(relative, url))


def test_every_real_page_is_covered():
    if not REAL_PAGES.exists():
        pytest.skip("../shared/real-pages is absent here")
    pages = {
        str(p.relative_to(REAL_PAGES))
        for p in REAL_PAGES.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json"}
    }
    assert pages == set(EXPECTED)


# --- fallbacks on real pages ---------------------------------------------------------------


def without(html: str, selector: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.select(selector):
        tag.decompose()
    return str(soup)


def test_real_luma_page_without_embedded_data_falls_back_to_jsonld_then_dom():
    html = without(real_page("luma/luma-event-ethtaipei-2025.html"), "#__NEXT_DATA__")
    e = parse(html, "https://lu.ma/8irnvijm").event
    assert (e.title, e.start) == ("Solo Stakers Guild @ ETH Taipei", "2025-03-31T14:00:00+08:00")
    assert len(e.hosts) == 3 and e.group is None  # JSON-LD's organizers are the hosts
    html = without(html, 'script[type="application/ld+json"]')
    e = parse(html, "https://lu.ma/8irnvijm").event
    assert e.title == "Solo Stakers Guild @ ETH Taipei"
    assert len(e.hosts) == 3  # the hosts card, shown twice, read once
    assert e.attendee_count == 64  # "64 Going"


def test_real_eventbrite_organizer_page_without_server_data_uses_the_jsonld_item_list():
    html = without(
        real_page("eventbrite/eventbrite-organizer-page-2025.html"), "script:not([type])"
    )
    c = parse(html, "https://www.eventbrite.co.uk/o/queer-lit-social-refuge-48062165483")
    assert c.kind == "listing"
    assert c.events[0].title == "Ancoats Quiz Night"
    assert c.events[0].start == "2024-10-03T19:00:00+01:00"  # "+0100" in the page
    assert c.events[0].platform_id == "1024759512287"


def test_real_meetup_group_page_without_embedded_data_reads_the_jsonld_events():
    html = without(real_page("meetup/austin-langchain-group-page-2024.html"), "#__NEXT_DATA__")
    c = parse(html, "https://www.meetup.com/austin-langchain-ai-group/")
    assert c.kind == "listing"
    assert c.events and all(e.title and e.start for e in c.events)


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_real_page_saved_without_its_address_reads_the_same(relative):
    url, _ = EXPECTED[relative]
    with_url, without_url = parsed(relative, url), parsed(relative, None)
    assert (without_url.kind, without_url.platform) == (with_url.kind, with_url.platform)
    first = (with_url.event or with_url.events[0], without_url.event or without_url.events[0])
    assert (first[1].title, first[1].start) == (first[0].title, first[0].start)


@pytest.mark.parametrize("relative", sorted(PLACEHOLDER_TIMES))
def test_a_page_with_no_time_and_nobody_at_it_is_not_an_event(relative):
    with pytest.raises(NotUnderstood, match="no event Hallway can read"):
        parse(real_page(relative), EXPECTED[relative][0])
