"""The review pages and the API's sentences in Chinese and in English: chosen by the settings,
else by the browser's Accept-Language; nothing on a Chinese page is left in English but what
the user captured (names, titles) and the names of products."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest

from companion import i18n
from companion.store.db import raw
from companion.ui import csrf
from companion.ui.common import DONE
from tests.review_store import seed

T = "today=2025-07-01"
CHINESE = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
# Words a Chinese page may show: products, formats, zones, and what a command is called.
KEPT = {
    *("Hallway", "LinkedIn", "Meetup", "JSON", "CSV", "vCard", "Connections", "csv", "ics"),
    *("Thunderbird", "Apple", "Outlook", "Google", "PDT", "UTC", "English", "Ctrl"),
    *("hallway", "token"),  # a command's name
}
ASKING = ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", "Hallway", "Chromium 131")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def seeded(app):
    return seed(app.extensions["hallway_store"])


def pages(app, s) -> list[str]:
    app.extensions["hallway_pairing"].ask(*ASKING)
    people = [s.ada, s.mira, s.pavel, s.jonas, s.mira_again, s.hostile]
    return [
        f"/?{T}",
        *[f"/?{T}&done={code}" for code in DONE],
        f"/people?{T}",
        f"/people?{T}&due=1&page=1",
        *[f"/people/{p}?{T}" for p in people],
        f"/events?{T}",
        f"/events/{s.past}?{T}",
        f"/events/{s.upcoming}?{T}",
        f"/progress?{T}",
        f"/settings?{T}",
        "/pairing",
    ]


def seen(body: str) -> str:
    """What a reader meets: the text, and the attributes that are read out or shown."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    said = re.findall(r'\b(?:alt|title|aria-label|placeholder|data-label)="([^"]*)"', body)
    text = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(" ".join([text, *said]))


def captured_strings(app) -> list[str]:
    """Everything the store holds, longest first: it may be English whatever the page's
    language, and so may the store's own folder and what an extension says of itself."""
    store = app.extensions["hallway_store"]
    found: list[str] = [str(store.path), *ASKING]  # and what a pairing extension said

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    with store.reading() as net:
        for table in ("events", "people", "interactions", "attendance"):
            walk(raw(net.db, table))
    return sorted({f for f in found if f.strip()}, key=len, reverse=True)


def english_left(text: str, captured: list[str]) -> list[str]:
    for value in captured:
        text = text.replace(value, " ")
    text = re.sub(r"\S*/\S*", " ", text)  # addresses, paths and zone names
    # A part of what was captured may be quoted alone (“Head of”, from a headline).
    text = re.sub(r"“([^”]*)”", lambda q: " " if any(q[1] in v for v in captured) else q[0], text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in KEPT]


def test_every_review_page_is_in_chinese_for_a_chinese_browser(app, client, seeded):
    captured = captured_strings(app)
    for url in pages(app, seeded):
        response = client.get(url, headers=CHINESE)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        assert '<html lang="zh">' in body, url
        assert english_left(seen(body), captured) == [], url


def test_every_review_page_is_in_english_for_an_english_browser(app, client, seeded):
    for url in pages(app, seeded):
        body = client.get(url, headers=ENGLISH).get_data(as_text=True)
        assert '<html lang="en">' in body, url
        # The language menu names Chinese in Chinese; nothing else is.
        assert CJK.findall(seen(body).replace("中文", "")) == [], url


def test_the_same_person_question_and_an_import_are_in_chinese(app, client, seeded):
    with app.app_context():
        token = csrf.token()
    form = {csrf.FIELD: token, "name": "Mira Okonkwo", "event_id": str(seeded.past)}
    asked = client.post(f"/people/add?{T}", data=form, headers=CHINESE)
    assert asked.status_code == 200
    assert "是同一个人吗？" in asked.get_data(as_text=True)
    csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    csv += "Pavel,Lindqvist,,,Northwind,Head of Data,01 Jul 2025\n"
    upload = {csrf.FIELD: token, "connections": (io.BytesIO(csv.encode()), "Connections.csv")}
    imported = client.post(f"/settings/linkedin?{T}", data=upload, headers=CHINESE)
    assert "已导入：1 位对上了" in seen(imported.get_data(as_text=True))
    for answer in (asked, imported):
        assert english_left(seen(answer.get_data(as_text=True)), captured_strings(app)) == []


def test_the_pages_language_setting_wins_over_the_browser(client, auth, seeded):
    client.post("/api/settings", json={"page_language": "zh"}, headers=auth)
    assert "<h1>今天</h1>" in client.get(f"/?{T}", headers=ENGLISH).get_data(as_text=True)
    client.post("/api/settings", json={"page_language": "en"}, headers=auth)
    assert "<h1>Today</h1>" in client.get(f"/?{T}", headers=CHINESE).get_data(as_text=True)
    client.post("/api/settings", json={"page_language": "browser"}, headers=auth)
    assert "<h1>今天</h1>" in client.get(f"/?{T}", headers=CHINESE).get_data(as_text=True)


def test_a_browser_that_asks_for_no_language_hallway_speaks_gets_english(client, seeded):
    for header in ("fr-FR,fr;q=0.9,de;q=0.8", "", "*"):
        body = client.get(f"/?{T}", headers={"Accept-Language": header}).get_data(as_text=True)
        assert "<h1>Today</h1>" in body, header
    body = client.get(f"/?{T}", headers={"Accept-Language": "fr;q=0.9,zh-TW;q=0.5"})
    assert "<h1>今天</h1>" in body.get_data(as_text=True)  # the first Hallway speaks


def test_the_apis_error_sentences_follow_accept_language(client, auth):
    missing = client.get("/api/people/999", headers={**auth, **CHINESE})
    assert (missing.status_code, missing.get_json()) == (404, {"error": "没有这个编号的联系人。"})
    missing = client.get("/api/people/999", headers={**auth, **ENGLISH})
    assert missing.get_json() == {"error": "There is no person with that id."}
    refused = client.post("/api/settings", json={"colour": "red"}, headers={**auth, **CHINESE})
    assert refused.get_json() == {"error": "未知的设置：colour。"}
    linkedin = client.post(
        "/api/captures",
        json={"url": "https://www.linkedin.com/in/someone/", "html": "<p>x</p>"},
        headers={**auth, **CHINESE},
    )
    assert linkedin.status_code == 422
    assert linkedin.get_json()["error"].startswith("Hallway 从不读取领英页面")


def test_a_page_error_is_a_chinese_sentence_too(client):
    answer = client.get("/people/999", headers=CHINESE)
    assert (answer.status_code, answer.get_data(as_text=True)) == (404, "没有这个编号的联系人。")


def test_dates_and_times_are_written_the_languages_way(client, seeded):
    chinese = seen(client.get(f"/events/{seeded.past}?{T}", headers=CHINESE).get_data(as_text=True))
    assert "2025年6月12日 星期四 18:30 PDT" in chinese
    english = seen(client.get(f"/events/{seeded.past}?{T}", headers=ENGLISH).get_data(as_text=True))
    assert "Thu 12 Jun 2025, 18:30 PDT" in english
    due = seen(client.get(f"/people/{seeded.mira}?{T}", headers=CHINESE).get_data(as_text=True))
    assert "下一步：发领英邀请，2025年6月13日 起已到期。" in due


def test_the_extensions_own_name_is_said_in_chinese_and_any_other_name_as_it_is(app, client):
    desk = app.extensions["hallway_pairing"]
    desk.ask("chrome-extension://abcdefghijklmnopabcdefghijklmnop", "Hallway extension", "Chromium")
    desk.ask("chrome-extension://bbcdefghijklmnopabcdefghijklmnop", "100% %(x)s ext", "Chromium")
    page = client.get("/pairing", headers=CHINESE)
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "<strong>Hallway 扩展</strong> 请求配对。" in body
    assert "<strong>100% %(x)s ext</strong> 请求配对。" in body


def test_a_requests_language_ends_with_it(client, seeded):
    """The same thread serves the next request, or runs code outside any: neither inherits."""
    client.get(f"/?{T}", headers=CHINESE)
    assert i18n.current() == "en"
    assert "<h1>Today</h1>" in client.get(f"/?{T}").get_data(as_text=True)


def test_the_charts_and_the_calendar_speak_the_pages_language(client, seeded):
    chart = client.get(f"/progress/weeks.svg?{T}", headers=CHINESE).get_data(as_text=True)
    assert "每周互动" in chart and "6月9日" in chart  # the title and a week's label
    assert "Touches per week" in client.get(f"/progress/weeks.svg?{T}").get_data(as_text=True)
    feed = client.get(f"/calendar.ics?{T}", headers=CHINESE).get_data(as_text=True)
    assert "SUMMARY:邀请 Mira Okonkwo" in feed
    assert "SUMMARY:Invite Mira Okonkwo" in client.get(f"/calendar.ics?{T}").get_data(as_text=True)
