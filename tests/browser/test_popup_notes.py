"""The notes in the popup: edited with a live count, copied as edited, and "invite sent" /
"we talked" sent to the companion as interactions; the options page pairs and unpairs."""

from __future__ import annotations

import json
import random
import re
import urllib.request

import pytest

from bench.fiction import member
from bench.pages import capture_body
from tests.browser.conftest import (
    ARTIFACTS,
    api_get,
    open_popup,
    pair,
    pair_from_options,
    popup_after_capture,
    stored_events,
)
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

EVENT_PATH = "/lakeside-data-science/events/301234567/"


def set_note_limit(base: str, token: str, limit: int) -> None:
    """The companion's setting, as its settings page would change it."""
    body = json.dumps({"note_limit": limit}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(f"{base}/api/settings", data=body, headers=headers)
    urllib.request.urlopen(request, timeout=10).close()


def next_month_event() -> str:
    """The same group's next event, with the same two hosts."""
    return (
        fixture_text("meetup-event.html")
        .replace("301234567", "301234999")
        .replace("Feature Stores in Practice &amp; MLOps Q&amp;A", "Streaming Pipelines Night")
        .replace("2025-06-12", "2025-07-10")
    )


def test_a_note_is_edited_counted_copied_and_its_invite_recorded(
    browser, site, live_server, received
):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    set_note_limit(base, app.config["HALLWAY_TOKEN"], 300)
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture", exact=True).click()

    note = popup.locator("#notes li").first
    text = note.locator("textarea")
    text.wait_for()
    assert note.locator(".count").text_content() == f"{len(text.input_value())}/300"
    edited = text.input_value() + " As discussed, I'd like to follow up on feature stores."
    text.fill(edited)
    assert note.locator(".count").text_content() == f"{len(edited)}/300"
    text.fill("x" * 301)
    assert note.locator(".count.over").text_content() == "301/300"
    text.fill("Thanks 🎉")  # as LinkedIn counts: an emoji is two
    assert note.locator(".count").text_content() == "9/300"
    text.fill(edited)

    note.get_by_role("button", name="Copy").click()
    note.get_by_role("button", name="Copied").wait_for()
    assert popup.evaluate("navigator.clipboard.readText()") == edited

    note.get_by_role("button", name="Invite sent").click()
    # The interactions endpoint may not exist on this companion yet: then the popup says so.
    popup.locator("#status", has_text=re.compile("Recorded for|Could not record")).wait_for()
    [sent] = [r for r in received if r["path"].endswith("/interactions")]
    [event] = [r for r in received if r["path"] == "/api/captures"]
    assert sent["method"] == "POST"
    assert re.fullmatch(r"/api/people/[^/]+/interactions", sent["path"])
    assert sent["json"]["kind"] == "invite_sent"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", sent["json"]["date"])
    assert sent["json"]["note"] == edited
    assert sent["json"]["event_id"] is not None
    assert event["json"]["url"] == url

    note.get_by_role("button", name="We talked").click()
    popup.locator("#status", has_text=re.compile("talked|Could not record")).wait_for()
    talked = [r["json"] for r in received if r["path"].endswith("/interactions")][-1]
    assert talked["kind"] == "talked" and talked["note"] == ""
    if popup.locator("#status.error").count():
        assert popup.locator("#status").text_content().startswith("Could not record that for")


def test_options_pair_with_a_pasted_token_and_unpair(browser, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    options.fill("#companion", base)
    options.fill("#token", app.config["HALLWAY_TOKEN"])
    options.get_by_role("button", name="Save and test").click()
    options.get_by_text("Connected to Hallway").wait_for()
    assert (
        worker.evaluate("chrome.storage.local.get('token')")["token"] == app.config["HALLWAY_TOKEN"]
    )

    # The companion's setting, read once the options are connected (a call of its own).
    options.locator("input[name=noteLimit][value='200']:checked").wait_for()
    options.get_by_label("300 (Premium)").check()
    options.get_by_text("at most 300 characters").wait_for()
    assert api_get(base, app.config["HALLWAY_TOKEN"], "/api/settings")["note_limit"] == 300

    options.get_by_role("button", name="Unpair").click()
    options.get_by_text("Unpaired").wait_for()
    assert worker.evaluate("chrome.storage.local.get('token')")["token"] == ""
    options.get_by_role("button", name="Save and test").click()
    options.locator("#status.error", has_text="token").wait_for()


def test_people_met_at_an_earlier_event_are_listed_as_known(browser, site, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    first = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    second = site.serve("/lakeside-data-science/events/301234999/", next_month_event())
    for url, title in [(first, "Feature Stores"), (second, "Streaming Pipelines Night")]:
        context.new_page().goto(url)
        popup = open_popup(context, extension_id, worker, url)
        popup.get_by_text("Companion connected.").wait_for()
        popup.get_by_role("button", name="Capture", exact=True).click()
        popup.locator("#event-title", has_text=title).wait_for()

    known = popup.locator("#known li").all_text_contents()
    assert sorted(k.split(" · ")[0] for k in known) == ["Ada Quillfeather", "Tomas Verhoeven"]
    ARTIFACTS.mkdir(exist_ok=True)
    popup.set_viewport_size({"width": 460, "height": 900})
    popup.screenshot(path=str(ARTIFACTS / "popup-known-people.png"), full_page=True)


def test_a_long_list_of_people_already_known_names_twenty_and_counts_the_rest(
    browser, site, live_server
):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    rng = random.Random(11)
    regulars = [member(rng, 800 + n) for n in range(25)]
    for event_id in ("700000201", "700000202"):
        page = capture_body(event_id, regulars, "page", event_id)
        url = site.serve(f"/lakeside-data-science/events/{event_id}/attendees/", page["html"])
        context.new_page().goto(url)
        popup = open_popup(context, extension_id, worker, url)
        popup.get_by_text("Companion connected.").wait_for()
        popup.get_by_role("button", name="Capture", exact=True).click()
        popup.locator("#event-title", has_text=event_id).wait_for()

    # The 25 regulars and the page's two hosts were all at the first event.
    assert popup.locator("#known li:not(.more)").count() == 20
    assert popup.locator("#known li.more").text_content() == (
        "And 7 more you have met before: see the event in Hallway."
    )
    popup.locator("#status", has_text="27 you already know").wait_for()


def test_pairing_from_the_options_page_after_approval_on_the_companion(browser, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    token = pair_from_options(context, extension_id, worker, base)
    assert token and token != app.config["HALLWAY_TOKEN"]  # its own token, not the pasted one
    assert [e["title"] for e in stored_events(base, token)] == []  # and the companion takes it


def test_one_note_is_redrafted_in_the_other_language_in_place(browser, site, live_server):
    """The popup's per-note switch: this note in Chinese (then English again), counted the
    same way, whatever the notes' setting; the popup stays open and the rest is unchanged."""
    popup = popup_after_capture(
        browser, site, live_server, EVENT_PATH, fixture_text("meetup-event.html")
    )
    first, second = popup.locator("#notes li").nth(0), popup.locator("#notes li").nth(1)
    english, untouched = (
        first.locator("textarea").input_value(),
        second.locator("textarea").input_value(),
    )
    assert not re.search(r"[\u4e00-\u9fff]", english)
    assert first.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
    popup.evaluate("window.stayed = true")

    first.get_by_role("button", name="中文").click()
    popup.wait_for_function(
        "(old) => document.querySelector('#notes li textarea').value !== old", arg=english
    )
    chinese = first.locator("textarea").input_value()
    assert re.search(r"[\u4e00-\u9fff]", chinese) and "Feature Stores in Practice" in chinese
    assert first.locator("textarea").get_attribute("lang") == "zh"
    assert first.locator(".count").text_content() == f"{len(chinese)}/200"
    assert first.get_by_role("button", name="中文").get_attribute("aria-pressed") == "true"
    assert second.locator("textarea").input_value() == untouched
    assert popup.evaluate("window.stayed") is True
    popup.screenshot(path=str(ARTIFACTS / "popup-note-in-chinese.png"), full_page=True)

    first.get_by_role("button", name="English").click()
    popup.wait_for_function(
        "(old) => document.querySelector('#notes li textarea').value !== old", arg=chinese
    )
    assert first.locator("textarea").input_value() == english
