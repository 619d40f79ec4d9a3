"""What is never stored as an event (issue 16): a page with no time and nobody at it, an
article on an event platform's own domain, and anything on LinkedIn, which Hallway never
reads: refused with one sentence, through the parser, the API and the command line."""

from __future__ import annotations

import json

import pytest

from companion.cli import main
from companion.parsers import NotUnderstood, parse
from companion.parsers.refused import LINKEDIN, NOT_AN_EVENT, on_linkedin
from tests.conftest import fixture_text

DISCOVER = (
    "<html><head><title>Discover Events | Luma</title></head><body><h1>Discover Events</h1>"
    '<script id="__NEXT_DATA__" type="application/json">'
    '{"props": {"pageProps": {"initialData": {"data": {"places": []}}}}}</script></body></html>'
)


def blog_post(structured: dict | None = None, og_type: str | None = None) -> str:
    head = f'<meta property="og:type" content="{og_type}">' if og_type else ""
    if structured:
        head += f'<script type="application/ld+json">{json.dumps(structured)}</script>'
    return (
        f"<html><head>{head}<title>10 tips for your next meetup</title></head><body><main>"
        "<h1>10 tips for your next meetup</h1>"
        '<time datetime="2024-03-05T09:00:00Z">5 March 2024</time>'
        "<p>Plan early, pick a venue, feed people.</p></main></body></html>"
    )


def test_a_listings_heading_with_no_time_and_nobody_is_not_an_event():
    with pytest.raises(NotUnderstood, match="no event Hallway can read"):
        parse(DISCOVER, "https://luma.com/discover")


@pytest.mark.parametrize(
    ("structured", "og_type"),
    [
        ({"@context": "https://schema.org", "@type": "BlogPosting", "headline": "10 tips"}, None),
        ({"@type": "NewsArticle", "datePublished": "2024-03-05"}, None),
        ({"@graph": [{"@type": "WebPage"}, {"@type": ["TechArticle"]}]}, None),
        ({"@type": "SatiricalArticle"}, None),  # any subtype, not only a list of them
        ({"@type": "DiscussionForumPosting"}, None),
        ({"@type": "Report"}, None),
        ({"@type": "http://schema.org/Report"}, None),  # a type written as its address
        (None, "article"),
        (None, "Article"),
        ({"@type": "WebPage", "datePublished": "2024-03-05T09:00:00Z"}, None),  # its only date
    ],
)
def test_an_article_on_an_event_platforms_domain_is_not_an_event(structured, og_type):
    with pytest.raises(NotUnderstood) as refused:
        parse(blog_post(structured, og_type), "https://www.eventbrite.com/blog/meetup-tips/")
    assert str(refused.value) == NOT_AN_EVENT


def test_an_article_marked_with_microdata_is_not_an_event():
    html = blog_post().replace(
        "<main>", '<main itemscope itemtype="http://schema.org/BlogPosting">'
    )
    with pytest.raises(NotUnderstood) as refused:
        parse(html, "https://www.eventbrite.com/blog/meetup-tips/")
    assert str(refused.value) == NOT_AN_EVENT


def test_the_same_page_with_no_sign_of_an_article_stays_an_event():
    # The rule is the article's marks, not the domain: without them a heading and a time is
    # how many small sites show an event.
    capture = parse(blog_post(), "https://www.eventbrite.com/blog/meetup-tips/")
    assert capture.event.start == "2024-03-05T09:00:00+00:00"


def test_an_event_page_that_calls_itself_an_article_is_still_an_event():
    event = {"@type": "Event", "name": "Graph Night", "startDate": "2025-09-04T18:00:00+02:00"}
    capture = parse(blog_post(event, og_type="article"), "https://events.example.org/graph")
    assert capture.event.title == "Graph Night"


@pytest.mark.parametrize(
    ("fixture", "url"),
    [
        ("zoom-meeting.html", "https://us02web.zoom.us/j/81234567890"),
        ("meet-call.html", "https://meet.google.com/abc-defg-hij"),
        ("teams-meeting.html", "https://teams.microsoft.com/l/meetup-join/19%3ameeting"),
    ],
)
def test_a_participant_list_with_no_time_is_still_kept(fixture, url):
    # A call shows who is in it, never when it started: the people make it an event.
    capture = parse(fixture_text(fixture), url)
    assert (capture.kind, capture.event.start) == ("participants", None)
    assert len(capture.people) >= 3


def test_a_listing_keeps_only_its_events_that_have_a_time():
    events = [
        {"@type": "Event", "name": "Graph Night", "startDate": "2025-09-04T18:00:00+02:00"},
        {"@type": "Event", "name": "Someday Social"},
        {"@type": "Event", "name": "Rust Night", "startDate": "2025-09-11T18:00:00+02:00"},
    ]
    html = f'<script type="application/ld+json">{json.dumps(events)}</script>'
    capture = parse(html, "https://events.example.org/")
    assert [e.title for e in capture.events] == ["Graph Night", "Rust Night"]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/events/7100000000000000000/",
        "https://de.linkedin.com/in/someone",
        "http://linkedin.com/feed/",
        "https://lnkd.in/abc",
    ],
)
def test_linkedin_addresses_are_recognized(url):
    assert on_linkedin(url)


@pytest.mark.parametrize(
    "url",
    ["https://notlinkedin.com/", "https://www.meetup.com/linkedin-fans/", None, "http://[::1"],
)
def test_other_addresses_are_not_linkedin(url):
    assert not on_linkedin(url)


def test_the_api_refuses_a_linkedin_capture_and_stores_nothing(client, auth):
    body = {"capture_id": "li-1", "url": "https://www.linkedin.com/events/7100000000000000000/",
            "html": fixture_text("meetup-event.html")}  # fmt: skip
    response = client.post("/api/captures", json=body, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["error"] == LINKEDIN
    assert "Connections.csv" in LINKEDIN
    assert client.get("/api/events", headers=auth).get_json()["events"] == []


def test_a_linkedin_page_saved_without_its_address_is_refused_too():
    html = '<html><head><link rel="canonical" href="https://www.linkedin.com/events/71/"></head>'
    with pytest.raises(NotUnderstood, match="never reads LinkedIn"):
        parse(html + "<body><h1>An event</h1><time datetime='2025-01-01'></time></body></html>")


@pytest.mark.parametrize("command", ["parse", "import"])
def test_the_command_line_refuses_linkedin_pages(runner, tmp_path, command):
    page = tmp_path / "event.html"
    page.write_text(fixture_text("meetup-event.html"), encoding="utf-8")
    url = "https://www.linkedin.com/events/7100000000000000000/"
    result = runner.invoke(main, [command, str(page), "--url", url])
    assert result.exit_code == 2
    assert "never reads LinkedIn" in result.output
    assert "Traceback" not in result.output
