"""Limits on what a captured page can cost: parse time and memory, and no network at all."""

from __future__ import annotations

import os
import resource
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from companion import config, isolation, parsers
from companion.cli import main
from tests import slow_parser
from tests.conftest import fixture_text
from tests.test_api_captures import URL, capture_body, store_tables

MiB = 1024 * 1024


def test_a_parse_that_overruns_is_stopped_and_the_worker_replaced():
    pool = isolation.Pool(slow_parser.parse, 1, seconds=1, memory=config.PARSE_MEMORY_BYTES)
    pool.warm()
    [worker] = list(pool._idle.queue)
    first = worker._process
    assert first.is_alive()
    with pytest.raises(isolation.TooSlow, match=r"took over 1 seconds\.$"):
        pool.call("<html>")
    first.join(5)
    assert not first.is_alive()  # the overrunning process is gone, not left burning CPU
    with pytest.raises(isolation.TooSlow):
        pool.call("<html>")
    assert worker._process is not first  # the next call ran in a new process


def test_a_worker_killed_mid_call_is_replaced_on_the_next_call():
    pool = isolation.Pool(slow_parser.parse, 1, seconds=1, memory=config.PARSE_MEMORY_BYTES)
    with pytest.raises(isolation.TooSlow):
        pool.call()
    with pytest.raises(isolation.TooSlow):  # a fresh worker, not a dead pipe
        pool.call()


def test_a_parse_that_wants_too_much_memory_fails_with_a_sentence():
    pool = isolation.Pool(bytearray, 1, seconds=60, memory=512 * MiB)
    with pytest.raises(isolation.TooBig, match="too much memory"):
        pool.call(2048 * MiB)
    assert pool.call(3) == bytearray(3)  # the same worker goes on


def test_workers_run_under_the_configured_memory_limit():
    pool = isolation.Pool(resource.getrlimit, 1, seconds=60, memory=700 * MiB)
    assert pool.call(resource.RLIMIT_AS) == (700 * MiB, 700 * MiB)


def test_captures_in_a_row_go_to_the_workers_in_turn():
    # A worker frees the page it read after answering: the next capture goes to the other.
    pool = isolation.Pool(os.getpid, 2, seconds=60, memory=config.PARSE_MEMORY_BYTES)
    first, second, third = pool.call(), pool.call(), pool.call()
    assert first != second
    assert third == first


def test_a_parser_bug_is_an_unexpected_error_carrying_its_trace():
    pool = isolation.Pool(int, 1, seconds=60, memory=config.PARSE_MEMORY_BYTES)
    with pytest.raises(RuntimeError, match="ValueError: invalid literal"):
        pool.call("not a number")


def test_parsing_in_a_worker_gives_what_parsing_in_process_gives():
    html = fixture_text("meetup-event.html")
    assert isolation.parse(html, URL) == parsers.parse(html, URL)
    with pytest.raises(parsers.NotUnderstood):
        isolation.parse("<p>no event</p>", None)


def test_a_capture_whose_parse_overruns_is_422_and_stores_nothing(client, app, auth, monkeypatch):
    slow = isolation.Pool(slow_parser.parse, 1, seconds=1, memory=config.PARSE_MEMORY_BYTES)
    monkeypatch.setattr(isolation, "_pool", slow)
    monkeypatch.setattr(isolation, "_pool_pid", os.getpid())  # this process's, whatever ran first
    before = store_tables(app)
    response = client.post("/api/captures", json=capture_body(), headers=auth)
    assert response.status_code == 422
    assert response.get_json() == {
        "error": "Hallway gave up on this page: reading it took over 1 seconds."
    }
    assert store_tables(app) == before


# --- No fetching of URLs found in captured HTML ----------------------------------------------


class Counter:
    """A local web server that counts every request it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        counter = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                counter.hits.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def counter() -> Iterator[Counter]:
    c = Counter()
    yield c
    c.server.shutdown()


def baited_page(base: str) -> str:
    """The fictional event page, studded with every kind of reference a browser would load."""
    bait = f"""
    <base href="{base}/base/">
    <link rel="stylesheet" href="{base}/style.css"><link rel="preload" href="{base}/preload">
    <link rel="icon" href="{base}/icon.png"><link rel="import" href="{base}/import.html">
    <meta http-equiv="refresh" content="0; url={base}/refresh">
    <style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png) }}</style>
    <script src="{base}/script.js"></script>
    <img src="{base}/img.png" srcset="{base}/img-2x.png 2x">
    <picture><source srcset="{base}/source.webp"></picture>
    <iframe src="{base}/frame.html"></iframe><object data="{base}/object"></object>
    <embed src="{base}/embed"><video poster="{base}/poster.png" src="{base}/video.mp4"></video>
    <svg><image href="{base}/svg.png"/><use href="{base}/use.svg#x"/></svg>
    <a href="{base}/link">link</a><form action="{base}/form"></form>
    <script type="application/ld+json">{{"@context": "{base}/context.jsonld",
      "@type": "Thing", "image": "{base}/ld-image.png", "sameAs": "{base}/same"}}</script>
    """
    page = fixture_text("meetup-event.html").replace("<head>", "<head>" + bait, 1)
    doctype = f'<!DOCTYPE html SYSTEM "{base}/dtd"><!-- <!ENTITY x SYSTEM "{base}/entity"> -->'
    return page.replace("<!doctype html>", doctype, 1).replace("<!DOCTYPE html>", doctype, 1)


def test_capturing_a_page_fetches_none_of_its_urls(client, auth, counter):
    html = baited_page(counter.base)
    assert html.count(counter.base) >= 20
    response = client.post("/api/captures", json=capture_body(html=html), headers=auth)
    assert response.status_code == 201
    assert response.get_json()["event"]["title"] == "Feature Stores in Practice & MLOps Q&A"
    assert counter.hits == []


def test_hallway_parse_fetches_none_of_its_urls(runner, tmp_path, counter):
    page = tmp_path / "baited.html"
    page.write_text(baited_page(counter.base))
    result = runner.invoke(main, ["parse", str(page)])
    assert result.exit_code == 0
    assert counter.hits == []


def test_the_counter_does_count(counter):
    # Shows the two tests above could fail: a fetch of the bait is seen.
    import urllib.request

    urllib.request.urlopen(f"{counter.base}/img.png", timeout=5).close()
    assert counter.hits == ["/img.png"]
