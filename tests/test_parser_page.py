"""Page.select_one: the raw-text shortcut never changes what CSS matching finds."""

from __future__ import annotations

import pytest

from companion.parsers.page import Page

HTML = """<main><h1 class="title">Graphs</h1>
<ul><li data-tid="roster-item-7"><span class="name">Wren</span></li></ul>
<a id="group" href="/lakeside/">Lakeside</a></main>"""


@pytest.mark.parametrize(
    "selector",
    [
        "h1.title",
        ".missing, h1.title",
        "#group",
        '[data-tid^="roster-item"] .name',
        '[data-tid="roster-participant"]',
        ".missing, #also-missing",
        "main h1",  # no literal name: always matched for real
        'a[href*="/lakeside/"]',
    ],
)
def test_select_one_finds_what_css_finds(selector):
    page = Page(HTML)
    assert page.select_one(selector) == page.soup.select_one(selector)


def test_a_selector_whose_names_are_not_in_the_text_is_not_matched_at_all(monkeypatch):
    page = Page(HTML)
    soup_type = type(page.soup)  # parsed now: CSS matching after this would be caught
    monkeypatch.setattr(soup_type, "select_one", lambda *a: pytest.fail("CSS was run"))
    assert page.select_one(".missing, #also-missing") is None
    assert page.select_one('[data-tid="roster-participant"]') is None
