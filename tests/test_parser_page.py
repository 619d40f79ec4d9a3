"""The page's tree, and Page.select_one: the shortcuts never change what is found."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from companion.parsers.page import Page
from tests.conftest import FIXTURES, REAL_PAGES

NAMESPACED = (
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:og="http://ogp.me/ns#"><head>'
    '<meta property="og:title" content="Evening"></head><body><p xml:lang="fr">Salut</p>'
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#i"/><title>Host</title>'
    '</svg><fb:like href="x"></fb:like><math><mi>x</mi></math><div a="1" a="2">t<br>u</div>'
    "<table><tr><td>1<td>2</table><p>unclosed <b>bold</p></body></html>"
)


def _pages() -> list[str]:
    found = sorted(FIXTURES.glob("*.html")) + sorted(REAL_PAGES.rglob("*.html"))
    return [NAMESPACED, *(p.read_text(encoding="utf-8", errors="replace") for p in found)]


@pytest.mark.parametrize("html", _pages(), ids=lambda h: str(len(h)))
def test_the_page_tree_is_the_one_beautifulsoups_lxml_builder_makes(html):
    # Hallway's builder skips namespace bookkeeping that lxml's HTML parser never needs.
    ours = Page(html).soup
    theirs = BeautifulSoup(html, "lxml", multi_valued_attributes=None)
    assert str(ours) == str(theirs)
    described = [
        [(t.name, t.prefix, t.namespace, t.attrs) for t in soup.descendants if isinstance(t, Tag)]
        for soup in (ours, theirs)
    ]
    assert described[0] == described[1]


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


# --- fragments: one parse for all, each fragment still its own root ---------------------------

ROW = '<div data-testid="row"><a href="/members/{n}/">Person {n}</a></div>'


def _links(root):
    return [a["href"] for a in root.find_all("a")]


def test_fragments_are_parsed_together_once_and_each_keeps_its_own_elements(monkeypatch):
    from companion.parsers import page as page_module

    built = []
    real = page_module.BeautifulSoup
    monkeypatch.setattr(
        page_module, "BeautifulSoup", lambda *a, **k: built.append(a) or real(*a, **k)
    )
    page = Page("<p>shell</p>", fragments=[ROW.format(n=n) for n in range(50)])
    roots = page.fragment_roots
    assert len(built) == 1
    assert [_links(r) for r in roots] == [[f"/members/{n}/"] for n in range(50)]


@pytest.mark.parametrize(
    "broken",
    [
        '<div><a href="/members/1/">Person 1</a>',  # unclosed element
        '<div><a href="/members/1/">Person 1</a></div><!-- unclosed comment',
        '<a href="/members/1/">Person 1</a><script>var unclosed = 1;',
        '<a href="/members/1/">Person 1</a><textarea>unclosed',
        '<table><tr><td><a href="/members/1/">Person 1</a>',
        '<a href="/members/1/">Person 1</a></body></html>',
    ],
)
def test_a_broken_fragment_does_not_swallow_the_ones_after_it(broken):
    fragments = [ROW.format(n=0), broken, ROW.format(n=2), ROW.format(n=3)]
    roots = Page("<p>shell</p>", fragments=fragments).fragment_roots
    assert [_links(r) for r in roots] == [[f"/members/{n}/"] for n in range(4)]


def test_a_fragment_naming_the_wrapper_is_parsed_on_its_own_and_keeps_all_it_holds():
    odd = '<a href="/members/1/">Person 1</a></HALLWAY-FRAGMENT><p>after</p>'
    roots = Page("<p>shell</p>", fragments=[ROW.format(n=0), odd, ROW.format(n=2)]).fragment_roots
    assert [_links(r) for r in roots] == [[f"/members/{n}/"] for n in range(3)]
    assert "after" in roots[1].get_text()


def test_an_empty_list_of_fragments_parses_nothing():
    assert Page("<p>shell</p>").fragment_roots == []


# --- the element index answers as the tree searches it replaces --------------------------------

HEAD = """<html><head><title> Graphs &amp;
 Tables </title>
<meta property="og:url" content="https://example.org/og/">
<meta name="description" content="first"><meta name="description" content="second">
<meta property="service" content="by-property"><meta name="service" content="by-name">
<link rel="stylesheet" href="https://example.org/s.css">
<link rel="alternate canonical" href="https://example.org/events/1/">
<script type="application/ld+json">{"@type": "Event", "name": "Graphs"}</script>
</head><body><script type="application/ld+json">[{"@type": "Place"}]</script>
<div data-testid="card" id="a"></div><span data-testid="card" id="b"></span>
<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {"x": 1}}}</script>
</body></html>"""


def test_the_index_finds_what_the_tree_searches_find():
    page = Page(HEAD)
    soup = page.soup
    assert page.title == "Graphs & Tables"
    assert page.meta("description") == "first"
    assert page.meta("service") == "by-name"  # name= before property=, as before
    assert page.meta("og:url") == "https://example.org/og/"
    assert page.meta("missing") is None
    assert page.canonical_url == "https://example.org/events/1/"
    assert page.next_data == {"props": {"pageProps": {"x": 1}}}
    assert page.jsonld == [{"@type": "Event", "name": "Graphs"}, [{"@type": "Place"}]]
    assert page.tags("meta") == soup.find_all("meta")
    assert page.tagged("data-testid", "card") == soup.find_all(attrs={"data-testid": "card"})
    assert [t["id"] for t in page.tagged("data-testid", "card")] == ["a", "b"]
    assert page.tagged("data-testid", "missing") == []
