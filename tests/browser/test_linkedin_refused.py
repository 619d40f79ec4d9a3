"""LinkedIn is never read (issue 16): on a LinkedIn tab the popup turns Capture and Capture
all off and says why, in the companion's own sentence, and a capture asked for another way
(the menu, the shortcut) is refused before any script runs on the page."""

from __future__ import annotations

import json
import shutil

import pytest

from companion.parsers.refused import LINKEDIN
from tests.browser.conftest import EXTENSION, open_popup, pair, with_extension

pytestmark = pytest.mark.browser

LINKEDIN_EVENT = "https://www.linkedin.com/events/7100000000000000000/"


@pytest.fixture
def browser(tmp_path, live_server):
    """The extension as the user's click leaves it: the toolbar button grants activeTab, which
    lets the extension see the tab's address. A test cannot click the toolbar, so a copy of
    the extension is given that address by a host permission; the shipped one asks none."""
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["host_permissions"].append("https://www.linkedin.com/*")
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    yield from with_extension(tmp_path, copy)


def linkedin_tab(context):
    """A tab on a LinkedIn address, its page served by the test (nothing leaves the machine)."""
    context.route(
        "https://www.linkedin.com/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body="<html><body><h1>A LinkedIn event</h1><time datetime='2025-09-04'></time>"
            "</body></html>",
        ),
    )
    page = context.new_page()
    page.goto(LINKEDIN_EVENT)
    return page


def test_the_popup_turns_capture_off_on_linkedin_and_says_why(browser, live_server, received):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    linkedin_tab(context)
    popup = open_popup(context, extension_id, worker, LINKEDIN_EVENT)
    popup.locator("#status.error").wait_for()
    assert popup.locator("#status").inner_text() == LINKEDIN  # the companion's words
    assert popup.get_by_role("button", name="Capture", exact=True).is_disabled()
    assert popup.get_by_role("button", name="Capture all").is_disabled()


def test_a_capture_asked_for_another_way_is_refused_before_reading_the_page(
    browser, live_server, received
):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    page = linkedin_tab(context)
    tab = worker.evaluate(
        "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url).id",
        LINKEDIN_EVENT,
    )
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    answer = options.evaluate(
        "(tabId) => chrome.runtime.sendMessage({type: 'capture', tabId})", tab
    )
    assert answer == {"ok": True, "data": {"error": LINKEDIN, "queued": False}}
    assert not [r for r in received if r["path"] == "/api/captures"]
    assert page.evaluate("typeof globalThis.hallwayHarvesting") == "undefined"
