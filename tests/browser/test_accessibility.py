"""Accessible, checked in a real browser (issue 18): axe-core runs in Chromium on every review
page, the popup after a capture and the options page, and finds no serious or critical
violation; the popup's work can be done with the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import open_popup, pair, popup_after_capture
from tests.conftest import fixture_text
from tests.review_store import TODAY, seed

pytestmark = pytest.mark.browser

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
T = f"today={TODAY}"
EVENT_PATH = "/lakeside-data-science/events/301234567/"


def violations(tab) -> list[str]:
    """axe's serious and critical findings on the page as it stands, one line each."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test runs npm ci)")
    # evaluate() runs in the page without a script tag, so the pages' policy stays as it is.
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    found = tab.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
             .filter((v) => ["serious", "critical"].includes(v.impact))
             .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)"""
    )
    return found


def test_every_review_page_has_no_serious_violation(page):
    tab, app, base = page
    s = seed(app.extensions["hallway_store"])
    paths = [
        f"/?{T}", f"/people?{T}", f"/people?due=1&{T}", f"/people?q=mira&sort=name&{T}",
        f"/people/{s.mira}?{T}", f"/people/{s.hostile}?{T}", f"/events?{T}",
        f"/events/{s.past}?{T}", f"/settings?{T}", f"/pairing?{T}", f"/progress?{T}",
    ]  # fmt: skip
    found = {}
    for path in paths:
        assert tab.goto(base + path).status == 200, path
        found[path] = violations(tab)
    assert found == {path: [] for path in paths}


def test_the_popup_after_a_capture_and_the_options_have_no_serious_violation(
    browser, site, live_server
):
    context, extension_id, _worker = browser
    popup = popup_after_capture(
        browser, site, live_server, EVENT_PATH, fixture_text("meetup-event.html")
    )
    assert violations(popup) == []
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    options.locator("input[type=radio]:checked").first.wait_for()  # the companion answered
    assert violations(options) == []


def test_the_popup_works_from_the_keyboard_alone(browser, site, live_server, received):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text("Companion connected.").wait_for()

    def tab_to(locator, most: int = 40) -> None:
        for _ in range(most):
            popup.keyboard.press("Tab")
            if locator.evaluate("(el) => el === document.activeElement"):
                return
        raise AssertionError(f"Tab never reached {locator}")

    tab_to(popup.get_by_role("button", name="Capture", exact=True))
    popup.keyboard.press("Enter")
    note = popup.locator("#notes li").first
    text = note.locator("textarea")
    text.wait_for()
    tab_to(text)
    popup.keyboard.type(" See you at the next one.")
    tab_to(note.get_by_role("button", name="Copy"))
    popup.keyboard.press("Enter")
    note.get_by_role("button", name="Copied").wait_for()
    assert popup.evaluate("navigator.clipboard.readText()").endswith("See you at the next one.")
    tab_to(note.get_by_role("button", name="Invite sent"))
    popup.keyboard.press("Enter")
    popup.locator("#status", has_text="Recorded for").wait_for()
    logged = [r for r in received if r["path"].endswith("/interactions")]
    assert [r["json"]["kind"] for r in logged] == ["invite_sent"]


def test_names_in_any_script_show_and_right_to_left_ones_read_right_to_left(page):
    tab, app, base = page
    token = {"Authorization": f"Bearer {app.config['HALLWAY_TOKEN']}"}
    for name in ("דנה כהן", "李娜", "Ana 🎉 Ruiz"):
        body = {"name": name, "company": "Acme"}
        reply = app.test_client().post("/api/people", json=body, headers=token, base_url=base)
        assert reply.status_code == 201, reply.get_json()
    tab.goto(f"{base}/people?{T}")
    links = {
        text: tab.get_by_role("link", name=text).evaluate("(a) => getComputedStyle(a).direction")
        for text in ("דנה כהן", "李娜", "Ana 🎉 Ruiz")
    }
    assert links == {"דנה כהן": "rtl", "李娜": "ltr", "Ana 🎉 Ruiz": "ltr"}
    shot_of_names = tab.get_by_role("link", name="李娜").bounding_box()
    assert shot_of_names and shot_of_names["width"] > 10  # drawn with a font, not empty boxes
