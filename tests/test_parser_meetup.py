"""The Meetup event page parser, on our fictional fixture and on the real saved page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from companion.parsers import NotUnderstood, parse
from tests.conftest import fixture_text, real_page

FIXTURE_URL = "https://www.meetup.com/lakeside-data-science/events/301234567/"


def without(html: str, *selectors: str) -> str:
    """The page with some parts removed, to exercise each fallback."""
    soup = BeautifulSoup(html, "lxml")
    for selector in selectors:
        for tag in soup.select(selector):
            tag.decompose()
    return str(soup)


def test_fixture_event_from_embedded_data():
    capture = parse(fixture_text("meetup-event.html"), FIXTURE_URL)
    event = capture.event
    assert (capture.kind, capture.platform) == ("event", "meetup")
    assert event.title == "Feature Stores in Practice & MLOps Q&A"  # entities decoded once
    assert event.platform_id == "301234567"
    assert event.start == "2025-06-12T18:30:00-07:00"
    assert event.end == "2025-06-12T20:30:00-07:00"
    assert event.timezone == "America/Los_Angeles"
    assert (event.group.name, event.group.url) == (
        "Lakeside Data Science",
        "https://www.meetup.com/lakeside-data-science/",
    )
    assert (event.venue.name, event.venue.address) == (
        "Northwind Labs",
        "12 Harbor Street, Portland, OR",
    )
    assert event.online is False
    assert [(h.name, h.platform_id, h.profile_url) for h in event.hosts] == [
        ("Ada Quillfeather", "1001", "https://www.meetup.com/members/1001/"),
        ("Tomas Verhoeven", "1002", "https://www.meetup.com/members/1002/"),
    ]
    assert event.topics == ["Data Science", "Machine Learning", "MLOps"]
    assert event.sponsors == ["Northwind Labs"]
    # Only a waitlist count is on the page: the number going is not known, so it stays null.
    assert event.attendee_count is None
    # Markdown turned into text, the click-tracker link reduced to its words.
    assert "present on feature stores and real-time pipelines" in event.description
    assert "clicks.meetup.com" not in event.description


def test_viewer_data_is_never_part_of_the_capture():
    capture = parse(fixture_text("meetup-event.html"), FIXTURE_URL)
    flat = repr(capture.to_dict())
    assert "viewer@example.invalid" not in flat
    assert "Viewer Person" not in flat


def test_falls_back_to_jsonld_and_dom_without_embedded_data():
    html = without(fixture_text("meetup-event.html"), "#__NEXT_DATA__")
    event = parse(html, FIXTURE_URL).event
    assert event.title == "Feature Stores in Practice & MLOps Q&A"
    assert event.start == "2025-06-12T18:30:00-07:00"
    assert event.end == "2025-06-12T20:30:00-07:00"
    assert event.group.name == "Lakeside Data Science"
    assert event.venue.name == "Northwind Labs"
    # The visible text shortens names; the photo's alt text has the whole one.
    assert [h.name for h in event.hosts] == ["Ada Quillfeather"]
    assert event.topics == ["Data Science", "Machine Learning", "MLOps"]
    # JSON-LD cuts the description; the DOM has it whole.
    assert event.description.endswith("Pizza provided by Northwind Labs.")


def test_falls_back_to_dom_alone():
    html = without(
        fixture_text("meetup-event.html"), "#__NEXT_DATA__", 'script[type="application/ld+json"]'
    )
    event = parse(html, FIXTURE_URL).event
    assert event.title == "Feature Stores in Practice & MLOps Q&A"
    assert event.platform_id == "301234567"
    assert event.start == "2025-06-12T18:30:00-07:00"
    assert event.venue.address == "12 Harbor Street, Portland, OR"
    assert event.sponsors == ["Northwind Labs"]


@pytest.mark.parametrize("html", ["", "<html><body><p>Just a blog post.</p></body></html>"])
def test_a_page_without_an_event_is_not_understood(html):
    with pytest.raises(NotUnderstood, match="no event"):
        parse(html, "https://www.meetup.com/blog/")


@pytest.mark.real_pages
def test_real_spokane_event_page():
    html = real_page("meetup/spokane-meetup-with-json.html")
    event = parse(html, "https://www.meetup.com/python-spokane/events/298213205/").event
    assert event.title == "Dagger with Spokane Tech 🚀"
    assert event.platform_id == "298213205"
    assert event.start == "2024-03-19T18:00:00-07:00"
    assert event.end == "2024-03-19T19:30:00-07:00"
    assert event.group.name == "Spokane Python User Group"
    assert event.group.url == "https://www.meetup.com/python-spokane/"
    assert event.venue.name == "IntelliTect"
    assert event.venue.address == "1720 W 4th Ave Unit B, Spokane, WA"
    assert [(h.name, h.platform_id) for h in event.hosts] == [("Joe Riddle", "262864455")]
    assert event.topics == [
        "Linux",
        "Python",
        "Django",
        "Agile and Scrum",
        "Python Web Development",
    ]
    assert event.sponsors == ["IntelliTect"]
    assert event.attendee_count is None  # the page gives only the waitlist count
    assert event.status == "scheduled"


@pytest.mark.real_pages
def test_real_page_without_its_embedded_data_still_parses():
    html = without(real_page("meetup/spokane-meetup-with-json.html"), "#__NEXT_DATA__")
    event = parse(html).event
    assert event.title == "Dagger with Spokane Tech 🚀"
    assert event.start == "2024-03-19T18:00:00-07:00"
    assert [h.name for h in event.hosts] == ["Joe Riddle"]
    assert event.platform_id == "298213205"


def test_a_utc_date_time_is_placed_in_the_group_s_zone():
    # Meetup's cache sometimes gives the instant in UTC: read in the group's own zone, the
    # evening of the 12th must not become the 13th (every note names the day).
    html = fixture_text("meetup-event.html").replace(
        '"dateTime": "2025-06-12T18:30:00-07:00"', '"dateTime": "2025-06-13T01:30:00Z"'
    )
    html = without(html, 'script[type="application/ld+json"]')
    assert '"2025-06-13T01:30:00Z"' in html
    event = parse(html, FIXTURE_URL).event
    assert event.start == "2025-06-12T18:30:00-07:00"
    assert event.timezone == "America/Los_Angeles"
