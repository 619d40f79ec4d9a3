"""Capture all: a virtualized list is scrolled to its end and each row reaches the companion
once, although the page never holds more than a screenful of rows at a time."""

from __future__ import annotations

import re

import pytest

from bench import harvest
from tests.browser.conftest import open_popup, pair, stored_attendees, stored_events
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

ATTENDEES_PATH = "/lakeside-data-science/events/301234567/attendees/"
LIST_TIMEOUT_MS = 180_000


def capture_all(context, extension_id, worker, url, stop=False):
    page = context.new_page()
    page.goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture all").click()
    # The page being scrolled is the one in view, as under the real toolbar popup.
    page.bring_to_front()
    popup.locator("#progress-text", has_text=re.compile(r"[1-9]\d* rows collected")).wait_for()
    if stop:
        popup.get_by_role("button", name="Stop").click()
    popup.locator("#capture-all:enabled").wait_for(timeout=LIST_TIMEOUT_MS)
    assert popup.locator("#progress").is_hidden()
    return page, popup


def sent_captures(received):
    return [r["json"] for r in received if r["method"] == "POST" and r["path"] == "/api/captures"]


def test_capture_all_sends_each_of_1000_virtualized_rows_once(browser, site, live_server, received):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    url = site.serve(ATTENDEES_PATH, fixture_text("meetup-attendees-virtual.html"))

    page, _ = capture_all(context, extension_id, worker, url)

    [body] = sent_captures(received)
    ids_per_row = [set(re.findall(r"/members/(\d+)/", f)) for f in body["fragments"]]
    assert all(len(ids) == 1 for ids in ids_per_row)
    ids = [ids.pop() for ids in ids_per_row]
    assert len(ids) == 1000
    assert set(ids) == {str(200001 + i) for i in range(1000)}
    # Each fragment is the whole row: the name and, for the hosts, their label.
    assert '<p class="font-medium">Ada Quillfeather</p>' in body["fragments"][0]
    assert "Organizer" in body["fragments"][0]
    assert "Host" in body["fragments"][1] and "Host" not in body["fragments"][5]
    assert body["url"] == url and body["title"].startswith("Attendees for Feature Stores")
    assert body["source"]["mode"] == "list" and body["source"]["rows"] == 1000
    # The page really kept only about twenty rows, and was put back where it was.
    assert page.evaluate("window.maxRendered") <= 25
    assert page.evaluate("scrollY") == 0
    assert page.locator("#attendee-list .row").count() <= 25
    # The companion read every row: 1,000 people stored once each as attendees of the event.
    token = app.config["HALLWAY_TOKEN"]
    [title] = [e["title"] for e in stored_events(base, token)]
    stored = stored_attendees(base, token, title)
    assert len(stored) == 1000
    assert {a["profile_url"] for a in stored} == {
        f"https://www.meetup.com/members/{200001 + i}/" for i in range(1000)
    }


def test_capture_all_reads_a_participant_panel_that_scrolls_on_the_wheel(
    browser, site, live_server, received
):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    url = site.serve("/wc/81234567890/join", fixture_text("zoom-participants-virtual.html"))

    page, popup = capture_all(context, extension_id, worker, url)
    page.close()
    popup.close()

    [body] = sent_captures(received)
    names = [
        re.search(r'display-name">([^<]+)<', fragment).group(1) for fragment in body["fragments"]
    ]
    assert len(names) == 250 == len(set(names))
    assert names[0] == "Ada Quillfeather" and "(Host)" in body["fragments"][0]
    assert names[-1] == "Juno Foxhollow"
    assert all(f.startswith('<li id="participants-list-') for f in body["fragments"])

    # Stop: the rows collected so far are sent, marked as an incomplete list.
    capture_all(context, extension_id, worker, url, stop=True)
    stopped = sent_captures(received)[1]
    assert stopped["source"]["stopped"] is True
    assert 0 < len(stopped["fragments"]) < 250


def test_capture_all_on_a_slow_div_list_rendered_late_keeps_every_row_and_its_badge(
    browser, site, live_server, received
):
    """The bench's lazily loaded list of div rows, here drawn 40 ms after each scroll: the
    harvester waits for rows it has not seen drawn, and the companion reads the badges."""
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    url = site.serve(ATTENDEES_PATH, harvest.page_html(rows=300, render_ms=40))

    capture_all(context, extension_id, worker, url)

    [body] = sent_captures(received)
    assert body["source"]["rows"] == 300
    token = app.config["HALLWAY_TOKEN"]
    [title] = [e["title"] for e in stored_events(base, token)]
    stored = stored_attendees(base, token, title)
    assert len(stored) == 300
    organizers = {a["profile_url"] for a in stored if "organizer" in a["roles"]}
    assert organizers == {  # rows 0, 97, 194 and 291 carry the badge
        f"https://www.meetup.com/members/{70_000_000 + n}/" for n in (0, 97, 194, 291)
    }
