"""A real headless Chromium with the unpacked extension loaded (see notes/browser-testing.md)."""

from __future__ import annotations

import json
import re
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request

EXTENSION = Path(__file__).parents[2] / "extension"
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# No sandbox (root), no GPU, and none of the background calls this offline machine refuses.
QUIET_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Site:
    """Pages served on 127.0.0.1, standing in for meetup.com in the browser."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = site.pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write((body or "not found").encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def serve(self, path: str, html: str) -> str:
        self.pages[path] = html
        return self.base + path


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.server.shutdown()


@pytest.fixture
def browser(tmp_path: Path, live_server):
    """A persistent context with the extension; yields (context, extension id, worker).

    It depends on `live_server` so that it closes first: the browser's keep-alive
    connections would otherwise hold the companion's shutdown for seconds.
    """
    yield from with_extension(tmp_path, EXTENSION)


def with_extension(
    tmp_path: Path, extension: Path, args: tuple[str, ...] = (), env: dict[str, str] | None = None
):
    """Chromium with the unpacked extension at `extension` loaded: (context, id, worker);
    `args` and `env` are added to the browser's (a language, for example)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test installs it: apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=[
                f"--disable-extensions-except={extension}",
                f"--load-extension={extension}",
                *QUIET_CHROMIUM,
                *args,
            ],
            env=env,
        )
        try:
            worker = (
                context.service_workers[0]
                if context.service_workers
                else context.wait_for_event("serviceworker", timeout=15000)
            )
            extension_id = worker.url.split("/")[2]
            yield context, extension_id, worker
        finally:
            context.close()


def pair(worker, base: str, token: str) -> None:
    worker.evaluate(
        "([companion, token]) => chrome.storage.local.set({companion, token})", [base, token]
    )


def pair_from_options(context, extension_id: str, worker, base: str) -> str:
    """Pairing as the user does it: Ask the companion to pair in the options, Approve on the
    companion's pairing page; the token the extension then holds."""
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    options.fill("#companion", base)
    options.fill("#token", "")
    options.get_by_role("button", name="Ask the companion to pair").click()
    shown = options.locator("#pair-code", has_text=re.compile(r"\d{3}-\d{3}"))
    shown.wait_for()
    assert f"{base}/pairing" in shown.text_content()
    code = re.search(r"\d{3}-\d{3}", shown.text_content()).group()
    approval = context.new_page()
    approval.goto(f"{base}/pairing")
    approval.locator("li", has_text=code).get_by_role("button", name="Approve").click()
    options.get_by_text("Connected to Hallway").wait_for(timeout=15000)
    return worker.evaluate("chrome.storage.local.get('token')")["token"]


def tab_id(worker, url: str) -> int:
    return worker.evaluate(
        "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url).id", url
    )


def open_popup(context, extension_id: str, worker, url: str):
    """The popup in a tab, aimed at the tab showing `url` (a test cannot click the toolbar)."""
    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id}/popup.html?tabId={tab_id(worker, url)}")
    return popup


def popup_after_capture(browser, site, live_server, path: str, html: str):
    """The paired extension's popup on `html` served at `path`, after Capture, its first
    note drawn."""
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    url = site.serve(path, html)
    context.new_page().goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture", exact=True).click()
    popup.locator("#notes li textarea").first.wait_for()
    return popup


def api_get(base: str, token: str, path: str) -> Any:
    req = urllib.request.Request(f"{base}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=10) as response:
        return json.load(response)


def stored_events(base: str, token: str) -> list[dict]:
    return api_get(base, token, "/api/events")["events"]


def stored_attendees(base: str, token: str, title: str) -> list[dict]:
    """The people the companion stored for the event with this title."""
    [event] = [e for e in stored_events(base, token) if e["title"] == title]
    return api_get(base, token, f"/api/events/{event['id']}")["attendees"]


def record_requests(app: Flask) -> list[dict[str, Any]]:
    """What the companion received (past its token check), in order: method, path, JSON body."""
    seen: list[dict[str, Any]] = []

    @app.before_request
    def record() -> None:
        seen.append(
            {"method": request.method, "path": request.path, "json": request.get_json(silent=True)}
        )

    return seen


@pytest.fixture
def received(live_server) -> list[dict[str, Any]]:
    return record_requests(live_server[0])


@pytest.fixture
def page(live_server):
    """A plain headless Chromium tab (no extension) allowed to use the clipboard on the
    companion's origin; yields (page, app, base URL)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test installs it: apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    app, base = live_server
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=QUIET_CHROMIUM,
        )
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 800})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
            yield context.new_page(), app, base
        finally:
            browser.close()
