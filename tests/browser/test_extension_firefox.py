"""The same extension in Firefox ESR, driven over WebDriver BiDi by puppeteer-core: it pairs
in its options page, captures an event page end to end against the live companion, and
collects a virtualized participant list with Capture all."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import EXTENSION, stored_attendees, stored_events
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parents[2]
DRIVER = Path(__file__).with_name("firefox_capture.mjs")
FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
UUID = "6f1e2d3c-4b5a-4978-8a1b-0c2d3e4f5a6b"
TITLE = "Feature Stores in Practice & MLOps Q&A"


def firefox_variant(tmp_path: Path) -> Path:
    """The extension as shipped, but with its pages reachable from 127.0.0.1 (test only)."""
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["web_accessible_resources"] = [
        {"resources": ["popup.html", "options.html"], "matches": ["http://127.0.0.1/*"]}
    ]
    (copy / "manifest.json").write_text(json.dumps(manifest))
    return copy


def test_capture_and_capture_all_in_firefox(site, live_server, received, tmp_path):
    if FIREFOX is None:
        pytest.skip("Firefox is not installed (make test installs firefox-esr)")
    if not (ROOT / "node_modules" / "puppeteer-core").exists():
        pytest.skip("puppeteer-core is not installed (make test runs npm ci)")
    app, base = live_server
    token = app.config["HALLWAY_TOKEN"]
    page = site.serve("/lakeside-data-science/events/301234567/", fixture_text("meetup-event.html"))
    panel = site.serve("/wc/81234567890/join", fixture_text("zoom-participants-virtual.html"))
    blank = site.serve("/blank", "<title>blank</title>")
    args = {
        "firefox": FIREFOX,
        "extension": str(firefox_variant(tmp_path)),
        "uuid": UUID,
        "page": page,
        "list": panel,
        "blank": blank,
        "companion": base,
        "token": token,
    }
    run = subprocess.run(
        ["node", str(DRIVER), json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    assert shown["paired"].startswith("Saved. Connected to Hallway")
    assert shown["title"] == TITLE, shown["status"]
    assert "Lakeside Data Science" in shown["facts"]
    assert len(shown["notes"]) == 2 and all(len(n) <= 200 for n in shown["notes"])
    assert TITLE in [e["title"] for e in stored_events(base, token)]

    # Capture all: every participant of the wheel-scrolled panel, once.
    [listed] = [
        r["json"]
        for r in received
        if r["path"] == "/api/captures" and r["json"]["source"]["mode"] == "list"
    ]
    names = [re.search(r'display-name">([^<]+)<', f).group(1) for f in listed["fragments"]]
    assert len(names) == 250 == len(set(names)), shown["listStatus"]
    # ...and the companion stored each of them once, as participants of that meeting.
    titles = [e["title"] for e in stored_events(base, token)]
    [meeting] = [t for t in titles if t != TITLE]
    assert sorted(a["name"] for a in stored_attendees(base, token, meeting)) == sorted(names)
