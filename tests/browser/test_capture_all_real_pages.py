"""Capture all on a real saved page: the Zoom web client with its Participants panel open."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import open_popup, pair
from tests.conftest import real_page

pytestmark = [pytest.mark.browser, pytest.mark.real_pages]


def test_capture_all_collects_every_participant_of_a_real_zoom_panel(
    browser, site, live_server, received
):
    html = real_page("zoom/zoom-webclient-participants-2020.html")
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    url = site.serve("/wc/join", html)
    page = context.new_page()
    page.goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text("Companion connected.").wait_for()
    popup.get_by_role("button", name="Capture all").click()
    page.bring_to_front()
    popup.locator("#capture-all:enabled").wait_for(timeout=120_000)

    [body] = [r["json"] for r in received if r["path"] == "/api/captures"]
    expected = re.findall(r'<li role="application" id="(participants-list-\d+)"', html)
    assert len(expected) == 9
    assert [re.search(r'id="([^"]+)"', f).group(1) for f in body["fragments"]] == expected
    assert body["source"]["list"] == "zoom"
