"""The companion through its real HTTP server (waitress), as the extension reaches it."""

from __future__ import annotations

import gc
import json
import urllib.error
import urllib.request
from typing import Any

from companion import server
from companion.store import Store, storage
from tests.conftest import fixture_text


def request(url: str, token: str | None = None, body: dict | None = None, host: str | None = None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if host:
        headers["Host"] = host
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_capture_over_http(live_server):
    app, base = live_server
    token = app.config["HALLWAY_TOKEN"]
    body = {
        "capture_id": "live-1",
        "url": "https://www.meetup.com/lakeside-data-science/events/301234567/",
        "html": fixture_text("meetup-event.html"),
    }
    status, reply = request(f"{base}/api/captures", token, body)
    assert status == 201
    assert reply["event"]["title"] == "Feature Stores in Practice & MLOps Q&A"
    assert len(reply["suggestions"]) == 2
    status, listing = request(f"{base}/api/events", token)
    assert [e["title"] for e in listing["events"]] == ["Feature Stores in Practice & MLOps Q&A"]


def test_http_errors_are_json_sentences(live_server):
    app, base = live_server
    status, reply = request(f"{base}/api/captures", "wrong", {"html": "<p>x</p>"})
    assert status == 401 and "token" in reply["error"]
    status, reply = request(
        f"{base}/api/captures", app.config["HALLWAY_TOKEN"], {"html": "<p>x</p>"}
    )
    assert status == 422 and reply["error"]
    port = base.rsplit(":", 1)[1]
    status, reply = request(f"{base}/api/health", host=f"attacker.example:{port}")
    assert status == 421


def test_serving_leaves_the_collector_as_the_process_had_it(tmp_path, monkeypatch):
    # No process-wide tuning: the collector runs with the thresholds it had, while serving.
    seen: dict[str, Any] = {}
    thresholds = gc.get_threshold()
    make = server.make_server

    def made(*args):
        app, real = make(*args)
        monkeypatch.setattr(real, "run", lambda: seen.setdefault("serving", gc.isenabled()))
        return app, real

    monkeypatch.setattr(server, "make_server", made)
    monkeypatch.setattr(server.signal, "signal", lambda *args: None)
    monkeypatch.setattr(server.threading, "Thread", _NotStarted)
    server.serve(tmp_path, 0)
    assert seen == {"serving": True}
    assert gc.isenabled() and gc.get_threshold() == thresholds


def test_loading_the_data_pauses_the_collector_and_resumes_it(tmp_path, monkeypatch):
    seen: list[bool] = []
    read = storage.read_tables
    monkeypatch.setattr(
        storage, "read_tables", lambda path: seen.append(gc.isenabled()) or read(path)
    )
    Store(tmp_path)  # a new, empty file is written, then read back
    Store(tmp_path)
    assert seen and not any(seen)
    assert gc.isenabled()


class _NotStarted:
    """Stands in for the warm-up threads: no parse workers in this test."""

    def __init__(self, *args, **kwargs):
        pass

    def start(self):
        pass
