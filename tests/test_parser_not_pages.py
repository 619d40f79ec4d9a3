"""What is not an event page gets one plain sentence: NotUnderstood, exit 2, or a 422."""

from __future__ import annotations

import json
import os

import pytest

from companion.cli import main
from companion.parsers import NotUnderstood, parse
from tests.conftest import FIXTURES, fixture_text
from tests.stores import saved

BLOG = (
    "<html><head><title>Notes</title></head><body><h2>On learning SQL</h2><p>...</p></body></html>"
)


def binary() -> str:
    return os.urandom(64 * 1024).decode("utf-8", errors="replace")


def nested_divs(megabytes: int) -> str:
    return "<html><body>" + "<div>" * (megabytes * 1024 * 1024 // 5) + "</body></html>"


NOT_PAGES = {
    "blog post": lambda: BLOG,
    "empty body": lambda: "<html><body></body></html>",
    "nothing at all": lambda: "",
    "binary garbage": binary,
    "20 MB of nested divs": lambda: nested_divs(20),
    "100 000 nested divs": lambda: "<div>" * 100_000,
}


@pytest.mark.parametrize("name", NOT_PAGES)
def test_not_an_event_page(name):
    with pytest.raises(NotUnderstood) as problem:
        parse(NOT_PAGES[name](), "https://example.org/page")
    sentence = str(problem.value)
    assert sentence.endswith(".") and "\n" not in sentence


@pytest.mark.parametrize("name", NOT_PAGES)
def test_cli_exits_2_with_a_sentence(name, runner, tmp_path):
    path = tmp_path / "page.html"
    text = NOT_PAGES[name]()
    path.write_bytes(os.urandom(64 * 1024) if name == "binary garbage" else text.encode())
    result = runner.invoke(main, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().endswith(".")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "name", ["blog post", "empty body", "binary garbage", "100 000 nested divs"]
)
def test_api_answers_422_with_a_sentence(name, client, auth):
    body = {"capture_id": "x", "url": "https://example.org/page", "html": NOT_PAGES[name]()}
    response = client.post("/api/captures", json=body, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["error"].endswith(".")


def test_api_answers_422_for_20_mb_of_nested_divs(app, auth):
    app.config["MAX_CONTENT_LENGTH"] = 30 * 1024 * 1024  # the point here is the parser, not 413
    body = {"capture_id": "x", "url": "https://example.org/page", "html": nested_divs(20)}
    response = app.test_client().post("/api/captures", json=body, headers=auth)
    assert response.status_code == 422
    assert "too large" in response.get_json()["error"]


def test_parse_reads_a_json_payload_file(runner, tmp_path):
    answer = {
        "data": {
            "event": {
                "id": "301234567",
                "title": "Feature Stores in Practice",
                "dateTime": "2025-06-12T18:30:00-07:00",
                "rsvps": {
                    "yesCount": 1,
                    "edges": [
                        {"node": {"status": "YES", "member": {"id": "42", "name": "Ada Quill"}}}
                    ],
                },
            }
        }
    }
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(answer))
    result = runner.invoke(main, ["parse", str(path)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["kind"], data["platform"]) == ("attendees", "meetup")
    assert data["event"]["start"] == "2025-06-12T18:30:00-07:00"
    assert [(p["name"], p["profile_url"]) for p in data["people"]] == [
        ("Ada Quill", "https://www.meetup.com/members/42/")
    ]
    assert data["questions"] == []


def test_import_stores_pages_like_the_extension_and_reports_each_file(runner, tmp_path):
    blog = tmp_path / "blog.html"
    blog.write_text(BLOG)
    url = "https://www.meetup.com/lakeside-data-science/events/301234567/"
    event_page = tmp_path / "event.html"
    event_page.write_text(fixture_text("meetup-event.html"))
    group_page = tmp_path / "group.html"
    group_page.write_text(fixture_text("meetup-group.html"))

    result = runner.invoke(main, ["import", str(event_page), "--url", url])
    assert result.exit_code == 0
    assert "event: Feature Stores in Practice & MLOps Q&A (2 people added)" in result.output
    again = runner.invoke(main, ["import", str(event_page), "--url", url])
    assert "(0 people added)" in again.output

    result = runner.invoke(main, ["import", str(group_page), str(blog)])
    assert result.exit_code == 2  # one of the files was not understood
    assert "listing: Feature Stores in Practice, Causal Inference Reading Group" in result.output
    assert "blog.html: This page has no event" in result.output

    store = saved(tmp_path / "data")
    titles = sorted(e["title"] for e in store["events"].values())
    assert titles == [
        "Causal Inference Reading Group",
        "Feature Stores in Practice",
        "Feature Stores in Practice & MLOps Q&A",
        "Spring Model Review",
    ]


def test_a_malformed_address_is_ignored_not_a_crash(runner, tmp_path):
    from companion.store.identity import normalize_url

    result = runner.invoke(
        main, ["parse", "--url", "http://[::1", str(FIXTURES / "meetup-event.html")]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["event"]["title"] == "Feature Stores in Practice & MLOps Q&A"
    assert normalize_url("http://[::1/members/5/") is None


def _many_tags(depth: int) -> str:
    """A page of some 25 000 tags whose deepest point is `depth` tags below <body>."""
    return "<html><body>" + "<p>x</p>" * 12_500 + "<div>" * depth + "</div>" * depth


def test_a_large_page_nested_deeper_than_libxml2_allows_is_refused_with_a_sentence():
    with pytest.raises(NotUnderstood, match="nested hundreds of levels deep"):
        parse(_many_tags(300), "https://example.org/page")
    with pytest.raises(NotUnderstood, match="nested hundreds of levels deep"):
        parse("<p>shell</p>", "https://zoom.us/wc/1234567890/", fragments=[_many_tags(300)])


def test_a_large_page_nested_within_the_limit_is_read():
    with pytest.raises(NotUnderstood, match="no event Hallway can read"):
        parse(_many_tags(250), "https://example.org/page")
