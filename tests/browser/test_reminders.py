"""The follow-ups due, where the user looks, in real Chromium: the toolbar badge counts them
(empty when nothing is due, "off" when the companion does not answer) and the popup lists
them with their notes when there is nothing captured to show. Dates are fixed (today)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, open_popup, pair
from tests.review_store import TODAY, seed

pytestmark = pytest.mark.browser
OVERDUE_RED = [179, 38, 30, 255]
DUE_TODAY_AMBER = [178, 106, 0, 255]


def badge(worker) -> tuple[str, list[int], str]:
    return tuple(
        worker.evaluate(
            """async () => [await chrome.action.getBadgeText({}),
                            await chrome.action.getBadgeBackgroundColor({}),
                            await chrome.action.getTitle({})]"""
        )
    )


def refresh(page) -> None:
    """What the hourly alarm, a capture or a logged touch does: ask the worker to recount."""
    page.evaluate("chrome.runtime.sendMessage({type: 'refreshBadge'})")


def test_the_badge_counts_what_is_due_and_the_popup_clears_it(browser, site, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    worker.evaluate(f"chrome.storage.local.set({{today: '{TODAY}'}})")
    url = site.serve("/nothing-to-capture/", "<html><body><p>A plain page.</p></body></html>")
    context.new_page().goto(url)
    page = open_popup(context, extension_id, worker, url)
    page.locator("#due").wait_for()  # nothing captured here: the popup shows what is due
    refresh(page)
    page.wait_for_timeout(300)
    assert badge(worker)[0] == ""  # nothing due in an empty store

    store = app.extensions["hallway_store"]
    seeded = seed(store)
    with store.transaction() as db:  # leave two due: Mira's invite and Pavel's next touch
        db.table("people").remove(doc_ids=[seeded.hostile])
    refresh(page)
    page.wait_for_timeout(300)
    text, color, title = badge(worker)
    assert text == "2" and color == OVERDUE_RED  # both are past their day
    assert title == "Hallway: 2 follow-ups due: Mira Okonkwo, Pavel Lindqvist"

    popup = open_popup(context, extension_id, worker, url)
    items = popup.locator("#due-items li")
    items.first.wait_for()
    assert items.count() == 2
    mira = items.filter(has_text="Mira Okonkwo")
    assert "graph databases" in mira.locator("textarea").input_value()
    popup.screenshot(path=str(ARTIFACTS / "popup-follow-ups-due.png"))
    mira.get_by_role("button", name="Invite sent").click()
    popup.locator("#status", has_text="Recorded for Mira Okonkwo").wait_for()
    assert items.count() == 1
    popup.wait_for_timeout(300)
    assert badge(worker)[:2] == ("1", OVERDUE_RED)

    worker.evaluate("chrome.storage.local.set({today: '2025-06-26'})")  # Pavel's very day
    refresh(popup)
    popup.wait_for_timeout(300)
    assert badge(worker) == ("1", DUE_TODAY_AMBER, "Hallway: 1 follow-up due: Pavel Lindqvist")

    worker.evaluate("chrome.storage.local.set({companion: 'http://127.0.0.1:9'})")  # stopped
    refresh(popup)
    popup.wait_for_timeout(300)
    assert badge(worker)[0] == "off"
