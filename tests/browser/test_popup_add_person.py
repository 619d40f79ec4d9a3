"""Adding someone you met from the popup, in real Chromium: after a capture, "Ana Ruiz,
talked about feature stores" is saved with her note ready to copy, and she is in the event's
room with one "talked" interaction."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, api_get, open_popup, pair, stored_events
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

EVENT_PATH = "/lakeside-data-science/events/301234567/"


def test_someone_met_is_added_from_the_popup_with_a_note_to_copy(browser, site, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    token = app.config["HALLWAY_TOKEN"]
    pair(worker, base, token)
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture", exact=True).click()

    form = popup.locator("#add")
    form.get_by_label("Name").wait_for()
    form.get_by_label("Name").fill("Ana Ruiz")
    form.get_by_label("What you talked about").fill("feature stores")
    form.get_by_role("button", name="Save").click()
    popup.locator("#status", has_text="Ana Ruiz is saved").wait_for()
    note = popup.locator("#add-result li").first
    text = note.locator("textarea").input_value()
    assert "Ana" in text and "feature stores" in text
    note.get_by_role("button", name="Copy").click()
    note.get_by_role("button", name="Copied").wait_for()
    assert popup.evaluate("navigator.clipboard.readText()") == text
    popup.screenshot(path=str(ARTIFACTS / "popup-add-person.png"))

    [event] = stored_events(base, token)
    room = api_get(base, token, f"/api/events/{event['id']}")["attendees"]
    [ana] = [p for p in room if p["name"] == "Ana Ruiz"]
    person = api_get(base, token, f"/api/people/{ana['id']}")
    assert [(i["kind"], i["note"]) for i in person["interactions"]] == [
        ("talked", "feature stores")
    ]

    # The same name again: the popup asks first, and "yes" adds to her, not a second Ana.
    form.get_by_label("Name").fill("Ana Ruiz")
    form.get_by_role("button", name="Save").click()
    popup.get_by_role("button", name="Yes, it is Ana Ruiz").click()
    popup.locator("#status", has_text="Ana Ruiz is saved").wait_for()
    room = api_get(base, token, f"/api/events/{event['id']}")["attendees"]
    assert [p["name"] for p in room].count("Ana Ruiz") == 1
