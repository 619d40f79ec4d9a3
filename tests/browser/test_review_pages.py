"""The review pages in a real headless Chromium, on the fictional network of review_store.

Screenshots of each page go to test-artifacts/ so a person can look at them.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.review_store import HOSTILE, TODAY, seed

pytestmark = pytest.mark.browser
T = f"today={TODAY}"


@pytest.fixture
def review(page):
    tab, app, base = page
    seeded = seed(app.extensions["hallway_store"])
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return tab, base, seeded, dialogs


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"review-{name}.png"), full_page=True)


def listed(tab) -> list[str]:
    return tab.locator("table.people tbody td:first-child a").all_inner_texts()


def test_each_page_loads_from_the_store_and_runs_no_captured_markup(review):
    tab, base, s, dialogs = review
    pages = {
        "home": (f"/?{T}", "Today"),
        "people": (f"/people?{T}", "People"),
        "person": (f"/people/{s.mira}?{T}", "Mira Okonkwo"),
        "hostile": (f"/people/{s.hostile}?{T}", HOSTILE),
        "events": (f"/events?{T}", "Your events"),
        "event": (f"/events/{s.past}?{T}", "Graphs by the Lake"),
        "settings": (f"/settings?{T}", "Settings"),
    }
    for name, (path, heading) in pages.items():
        response = tab.goto(base + path)
        assert response.status == 200, path
        assert tab.locator("h1").inner_text() == heading
        shot(tab, name)
    assert tab.evaluate("document.images.length") == 0
    assert dialogs == []
    tab.goto(f"{base}/people?{T}")
    assert HOSTILE in listed(tab)


def test_pages_fit_a_narrow_window(review):
    tab, base, s, _ = review
    tab.set_viewport_size({"width": 360, "height": 740})
    for path in (f"/?{T}", f"/people?{T}", f"/people/{s.pavel}?{T}", f"/events/{s.past}?{T}"):
        tab.goto(base + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    shot(tab, "event-narrow")


def test_search_and_filters_narrow_the_list(review):
    tab, base, _, _ = review
    tab.goto(f"{base}/people?{T}")
    assert len(listed(tab)) == 6
    tab.get_by_label("Search name, company, headline or note").fill("brightwater")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**q=brightwater**")
    assert listed(tab) == ["Mira Okonkwo"]
    tab.get_by_label("Search name, company, headline or note").fill("")
    tab.get_by_label("Peer or leader").select_option("leader")
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**cls=leader**")
    assert sorted(listed(tab)) == ["Ada Quillfeather", "Pavel Lindqvist"]
    tab.get_by_label("Event").select_option(label="Graphs by the Lake (2025-06-12)")
    tab.get_by_label("Follow-up due").check()
    tab.get_by_role("button", name="Show").click()
    tab.wait_for_url("**due=1**")
    assert listed(tab) == ["Pavel Lindqvist"]  # Ada, the other leader, has nothing due
    assert tab.locator("#total").inner_text() == "1 person"


def test_copy_puts_the_due_note_on_the_clipboard(review):
    tab, base, s, _ = review
    tab.goto(f"{base}/?{T}")
    box = tab.locator(f"#due-note-{s.mira}")
    expected = box.input_value()
    assert expected.startswith("Hello Mira, we talked about graph databases")
    tab.locator(f"button[data-copy='due-note-{s.mira}']").click()
    tab.get_by_text("Copied").wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == expected


def test_an_edited_note_counts_its_characters_and_copies_as_edited(review):
    tab, base, s, _ = review
    tab.goto(f"{base}/people/{s.mira}?{T}")
    box = tab.get_by_label("LinkedIn invite (edit it freely)")
    box.fill("Hi Mira, great to meet you at Graphs by the Lake.")
    assert tab.locator("#note-linkedin-count").inner_text() == "49 / 200"
    box.fill("x" * 201)
    count = tab.locator("#note-linkedin-count")
    assert count.inner_text() == "201 / 200" and "over" in count.get_attribute("class")
    box.fill("Hi Mira, edited by hand.")
    box.focus()
    tab.keyboard.press("Tab")  # the Copy button is next: usable without a mouse
    tab.keyboard.press("Enter")
    tab.locator("#note-linkedin ~ .note-actions .copied").get_by_text("Copied").wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == "Hi Mira, edited by hand."


def test_an_interaction_added_on_the_person_page_shows_on_the_home_page(review):
    tab, base, s, _ = review
    tab.goto(f"{base}/people/{s.jonas}?{T}")
    tab.get_by_label("What happened").select_option("talked")
    tab.get_by_label("At the event").select_option(label="Graphs by the Lake")
    tab.get_by_label("What about (optional)").fill("hiking near the lake")
    tab.get_by_role("button", name="Add", exact=True).click()
    tab.get_by_text("The interaction is saved.").wait_for()
    assert (
        "talked · Graphs by the Lake: hiking near the lake" in tab.locator("#timeline").inner_text()
    )
    tab.goto(f"{base}/?{T}")
    activity = tab.locator(".activity").inner_text()
    assert (
        "2025-07-01 talked · Jonas Feldmann at Graphs by the Lake: hiking near the lake" in activity
    )
    due = tab.locator(".due").inner_text()
    assert "Jonas Feldmann" in due  # met at an event, not connected: his invite is due
    shot(tab, "home-after-logging")


def test_ticking_whom_you_talked_to_on_the_event_page(review):
    tab, base, s, _ = review
    tab.goto(f"{base}/events/{s.past}?{T}")
    tab.get_by_label("Talked to Jonas Feldmann").check()
    tab.get_by_role("button", name="Save whom I talked to").click()
    tab.get_by_text("Whom you talked to is saved.").wait_for()
    assert tab.get_by_label("Talked to Jonas Feldmann").is_checked()
    assert tab.get_by_label("Talked to Jonas Feldmann").is_disabled()
    shot(tab, "event-after-ticking")


def test_a_notes_count_on_the_page_is_the_one_linkedin_makes(review):
    tab, base, s, _ = review
    tab.goto(f"{base}/people/{s.mira}?{T}")
    box = tab.get_by_label("LinkedIn invite (edit it freely)")
    count = tab.locator("#note-linkedin-count")
    assert count.inner_text() == f"{len(box.input_value())} / 200"
    box.fill("Thanks 🎉")  # an emoji is two, as in the popup and the companion
    assert count.inner_text() == "9 / 200"


def test_the_progress_page_draws_its_charts_in_the_browser(review):
    tab, base, _, dialogs = review
    refused: list[str] = []
    tab.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    tab.goto(f"{base}/?{T}")
    tab.get_by_role("link", name="Your progress").click()
    assert tab.locator("h1").inner_text() == "Progress"
    charts = tab.locator("section.chart img")
    assert charts.count() == 5
    tab.wait_for_load_state("networkidle")
    drawn = tab.evaluate("[...document.images].map((i) => i.complete && i.naturalWidth > 0)")
    assert drawn == [True] * 5
    assert refused == [] and dialogs == []
    shot(tab, "progress")
