"""The extension in a real headless Chromium: Capture in the popup, Copy, and what is stored."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import ARTIFACTS, pair, stored_events, tab_id
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

EVENT_PATH = "/lakeside-data-science/events/301234567/"


def test_capture_shows_event_and_notes_and_copy_fills_the_clipboard(browser, site, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    token = app.config["HALLWAY_TOKEN"]
    pair(worker, base, token)
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    page = context.new_page()
    page.goto(url)

    context.grant_permissions(["clipboard-read", "clipboard-write"])
    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id}/popup.html?tabId={tab_id(worker, url)}")
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture", exact=True).click()

    title = popup.locator("#event-title")
    title.wait_for(state="visible")
    assert title.text_content() == "Feature Stores in Practice & MLOps Q&A"
    facts = popup.locator("#event-facts").inner_text()
    assert "Lakeside Data Science" in facts
    assert "Ada Quillfeather" in facts
    assert "Thu 12 Jun 2025, 18:30-20:30 PDT" in facts
    notes = popup.locator("#notes li")
    assert notes.count() == 2
    first_note = notes.first.locator("textarea").input_value()
    assert "Feature Stores" in first_note and len(first_note) <= 200
    assert popup.locator("#prep summary").first.text_content() == "The event"

    notes.first.get_by_role("button", name="Copy").click()
    popup.get_by_role("button", name="Copied").wait_for()
    assert popup.evaluate("navigator.clipboard.readText()") == first_note

    ARTIFACTS.mkdir(exist_ok=True)
    popup.set_viewport_size({"width": 460, "height": 900})
    popup.screenshot(path=str(ARTIFACTS / "popup-after-capture.png"), full_page=True)

    assert [e["title"] for e in stored_events(base, token)] == [
        "Feature Stores in Practice & MLOps Q&A"
    ]


def test_popup_says_how_to_fix_a_wrong_token(browser, site, live_server):
    context, extension_id, worker = browser
    _, base = live_server
    pair(worker, base, "not-the-token")
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id}/popup.html?tabId={tab_id(worker, url)}")
    status = popup.locator("#status.error")
    status.wait_for()
    assert "token" in status.text_content()


def test_captured_markup_is_shown_as_text_not_run(browser, site, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    hostile = "<img src=x onerror=window.__pwned=1>"
    html = fixture_text("meetup-event.html").replace(
        '"name": "Ada Quillfeather"', json.dumps({"name": hostile})[1:-1]
    )
    url = site.serve(EVENT_PATH, html)
    context.new_page().goto(url)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id}/popup.html?tabId={tab_id(worker, url)}")
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture", exact=True).click()
    popup.locator("#notes li").first.wait_for()
    assert hostile in popup.locator("#event-facts").inner_text()
    assert popup.locator("#result img").count() == 0
    assert popup.evaluate("window.__pwned") is None


def test_context_menu_and_shortcuts_are_registered(browser):
    _, _, worker = browser
    # update() fails for a menu item that does not exist (yet: it is made on install).
    assert worker.evaluate(
        """async () => {
          const exists = () => chrome.contextMenus.update("hallway-capture", {}).then(
            () => true, () => false);
          for (let tries = 0; tries < 100; tries++) {
            if (await exists()) return true;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return false;
        }"""
    )
    commands = {c["name"]: c["shortcut"] for c in worker.evaluate("chrome.commands.getAll()")}
    assert commands["capture-page"] == "Alt+Shift+K"
    assert commands["_execute_action"] == "Alt+Shift+H"
