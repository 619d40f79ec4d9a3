"""The review pages in a real Chromium started in Chinese, and in English: the browser's own
Accept-Language chooses, nothing is set by the test but the browser's language (see
test_extension_locale.py for why Linux needs LANGUAGE as well as --lang). Screenshots go to
test-artifacts/zh-CN-review-*.png."""

from __future__ import annotations

import os
import re

import pytest

from tests.browser.conftest import ARTIFACTS, CHROMIUM, QUIET_CHROMIUM
from tests.review_store import TODAY, seed

pytestmark = pytest.mark.browser
T = f"today={TODAY}"
STARTED_IN = {
    "zh-CN": {"args": ["--lang=zh-CN"], "env": {"LANGUAGE": "zh_CN"}},
    "en": {"args": ["--lang=en-US"], "env": {"LANGUAGE": "en_US"}},
}
HEADINGS = {
    "zh-CN": ["今天", "联系人", "Mira Okonkwo", "你的活动", "Graphs by the Lake", "进展", "设置",
              "配对扩展"],
    "en": ["Today", "People", "Mira Okonkwo", "Your events", "Graphs by the Lake", "Progress",
           "Settings", "Pair an extension"],
}  # fmt: skip


@pytest.fixture(params=list(STARTED_IN))
def in_language(request, live_server):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test installs it: apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    app, base = live_server
    started = STARTED_IN[request.param]
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[*QUIET_CHROMIUM, *started["args"]],
            env={**os.environ, **started["env"]},
        )
        try:
            tab = browser.new_context(viewport={"width": 1000, "height": 800}).new_page()
            yield request.param, tab, base, seed(app.extensions["hallway_store"])
        finally:
            browser.close()


def test_every_review_page_speaks_the_browsers_language(in_language):
    language, tab, base, s = in_language
    paths = [f"/?{T}", f"/people?{T}", f"/people/{s.mira}?{T}", f"/events?{T}",
             f"/events/{s.past}?{T}", f"/progress?{T}", f"/settings?{T}", "/pairing"]  # fmt: skip
    for path, heading in zip(paths, HEADINGS[language], strict=True):
        tab.goto(base + path)
        assert tab.locator("h1").inner_text() == heading, path
        assert tab.evaluate("document.documentElement.lang") == language[:2]
        ARTIFACTS.mkdir(exist_ok=True)
        name = path.strip("/").split("?")[0].replace("/", "-") or "home"
        tab.screenshot(path=str(ARTIFACTS / f"{language}-review-{name}.png"), full_page=True)
    tab.goto(f"{base}/events/{s.past}?{T}")
    when = tab.locator("main > p.muted").first.inner_text()
    expected = (
        "2025年6月12日 星期四 18:30 PDT" if language == "zh-CN" else "Thu 12 Jun 2025, 18:30 PDT"
    )
    assert when.startswith(expected)


def test_a_persons_notes_switch_language_without_a_reload(in_language):
    language, tab, base, s = in_language
    tab.goto(f"{base}/people/{s.mira}?{T}")
    tab.evaluate("window.stayed = true")  # gone if the page loads again
    box = tab.locator("#note-linkedin")
    first = box.input_value()
    other = "English" if language == "zh-CN" else "中文"
    tab.get_by_role("link", name=other).click()
    tab.wait_for_function(
        "(first) => document.querySelector('#note-linkedin').value !== first", arg=first
    )
    assert tab.evaluate("window.stayed") is True
    switched = box.input_value()
    assert "Graphs by the Lake" in switched
    assert bool(re.search("[\u4e00-\u9fff]", switched)) is (other == "中文")
    assert box.get_attribute("lang") == ("en" if language == "zh-CN" else "zh")
    count = tab.locator("#note-linkedin-count").inner_text()
    assert count == f"{tab.evaluate('document.querySelector(`#note-linkedin`).value.length')} / 200"
    assert tab.get_by_role("link", name=other).get_attribute("aria-current") == "true"
    tab.screenshot(
        path=str(ARTIFACTS / f"{language}-review-person-notes-switched.png"), full_page=True
    )
