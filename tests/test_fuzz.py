"""Fuzzing the capture endpoint and the parser with random and mutated pages (hypothesis).

Whatever arrives, the answer is a status the API documents with a JSON sentence, never a 500
or a trace; the parser either understands a page or says so. The budget is fixed
(max_examples) so the suite stays well under a minute; time and memory per parse are bounded
by the worker limits (companion/isolation.py), so no assertion here measures time.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import parsers
from companion.cli import main
from tests.conftest import fixture_text, real_page
from tests.test_api_captures import URL


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


DOCUMENTED = {200, 201, 413, 415, 422}
REAL_PAGES = [
    "meetup/spokane-meetup-with-json.html",
    "meetup/austin-langchain-group-page-2024.html",
    "luma/luma-event-ethtaipei-2025.html",
    "eventbrite/eventbrite-organizer-page-2025.html",
    "generic/outsavvy-event-jsonld-2025.html",
    "zoom/zoom-webclient-participants-2020.html",
]
SNIPPETS = [
    "<",
    ">",
    "</script>",
    "<script>",
    '"',
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "\\",
    "\\u0000",
    "\x00",
    "&amp;",
    "&#x0;",
    "<![CDATA[",
    "-->",
    "<!--",
    '<script type="application/ld+json">',
    '<script id="__NEXT_DATA__" type="application/json">',
    '{"@type": "Event", "name": ',
    '"startDate": "2025-13-45T99:99:99+25:00"',
    '{"__ref": "Event:301234567"}',
    "<time datetime=",
    "\ud7ff\ue000\U0010ffff",
    "<div>" * 50,
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def mutated(draw, text: str) -> str:
    """`text` with a few random cuts, duplications, insertions and truncations."""
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 400)))
        action = draw(st.sampled_from(["cut", "duplicate", "insert", "truncate", "swap"]))
        if action == "cut":
            text = text[:start] + text[end:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] * draw(st.integers(1, 20)) + text[end:]
        elif action == "insert":
            extra = draw(st.sampled_from(SNIPPETS) | st.text(max_size=40))
            text = text[:start] + extra + text[start:]
        elif action == "truncate":
            text = text[:start]
        else:
            text = text[start:end] + text[:start] + text[end:]
    return text


def capture_bodies(html: st.SearchStrategy[str]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"html": html},
        optional={
            "capture_id": st.text(max_size=20) | json_values,
            "url": st.sampled_from([URL, "", "not a url", "javascript:alert(1)", "http://[::1"])
            | json_values,
            "fragments": st.lists(html, max_size=3) | json_values,
            "payloads": st.lists(json_values, max_size=3) | json_values,
            "captured_at": st.text(max_size=30) | json_values,
            "source": json_values,
            "title": json_values,
        },
    )


def assert_documented_answer(response) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code in DOCUMENTED, text[:2000]
    assert "Traceback" not in text
    body = json.loads(text)
    if response.status_code >= 400:
        assert isinstance(body["error"], str) and body["error"].endswith(".")


def parse_or_refuse(html: str, url: str | None = URL) -> None:
    try:
        capture = parsers.parse(html, url)
    except parsers.NotUnderstood as refusal:
        assert str(refusal).endswith(".")
        return
    json.dumps(capture.to_dict())  # what `hallway parse` prints must be printable


@fuzz(40)
@given(body=json_values | capture_bodies(st.text(max_size=300)))
def test_random_capture_bodies_get_documented_answers(client, auth, body):
    assert_documented_answer(client.post("/api/captures", json=body, headers=auth))


@fuzz(40)
@given(body=capture_bodies(mutated(fixture_text("meetup-event.html"))))
def test_mutated_captures_get_documented_answers(client, auth, body):
    assert_documented_answer(client.post("/api/captures", json=body, headers=auth))


@fuzz(25)
@given(raw=st.binary(max_size=400))
def test_raw_bytes_as_a_json_capture_get_documented_answers(client, auth, raw):
    response = client.post("/api/captures", data=raw, headers=auth, content_type="application/json")
    assert_documented_answer(response)


@fuzz(80)
@given(html=mutated(fixture_text("meetup-event.html")))
def test_the_parser_understands_or_refuses_mutated_pages(html):
    parse_or_refuse(html)


@fuzz(40)
@given(html=st.text(max_size=500), url=st.none() | st.just(URL))
def test_the_parser_understands_or_refuses_random_text(html, url):
    parse_or_refuse(html, url)


@pytest.mark.real_pages
@pytest.mark.parametrize("name", REAL_PAGES)
def test_the_parser_understands_or_refuses_mutated_real_pages(name):
    page = real_page(name)

    @fuzz(12)
    @given(html=mutated(page))
    def check(html):
        parse_or_refuse(html)

    check()


@fuzz(10)
@given(html=mutated(fixture_text("meetup-event.html")))
def test_hallway_parse_never_shows_a_trace(runner, tmp_path, html):
    page = tmp_path / "fuzzed.html"
    page.write_text(html, encoding="utf-8", errors="surrogatepass")
    result = runner.invoke(main, ["parse", str(page)])
    assert result.exit_code in {0, 2}, result.output
    assert "Traceback" not in result.output
