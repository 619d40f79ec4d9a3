"""The extension in Simplified Chinese and in English, in real headless Chromium: the popup
(nothing captured, a capture, the companion away, adding someone met) and the options page
say everything in the browser's language; what the companion sends stays as it was sent.

How Chromium on Linux is put in Chinese (tried here, Chromium 156 on Debian 12):
- `--lang=zh-CN` alone picks the extension's zh_CN messages, but chrome.i18n.getUILanguage()
  and navigator.language stay en-US: on Linux the browser's own language comes from the
  environment (LANGUAGE, then LC_ALL/LC_MESSAGES/LANG), not from --lang.
- LANGUAGE=zh_CN alone puts everything in Chinese only when Chromium has the zh-CN language
  pack (Debian: the chromium-l10n package, /usr/lib/chromium/locales/zh-CN.pak); without it
  the browser falls back to en-US, messages included.
So both are given. The page's lang (from getUILanguage) is asserted Chinese only when the
language pack is there.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    EXTENSION,
    open_popup,
    pair,
    with_extension,
)
from tests.browser.test_offline_queue import paired_while_away
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

EVENT_PATH = "/lakeside-data-science/events/301234567/"
ATTENDEES_PATH = "/lakeside-data-science/events/301234567/attendees/"
PAGE_TITLE = "Feature Stores in Practice & MLOps Q&A | Meetup"  # the queue lists it as it is
PRODUCTS = {"Hallway", "LinkedIn", "Meetup", "Luma", "Eventbrite", "Zoom", "Premium"}
# Commands the user types are the same in every language.
COMMANDS = {"make", "run", "hallway", "serve", "token", "doctor"}

LANGUAGES = {
    "zh-CN": {"args": ("--lang=zh-CN",), "env": {"LANGUAGE": "zh_CN"}},
    "en": {"args": ("--lang=en-US",), "env": {"LANGUAGE": "en_US"}},
}

# What each page must say, per language.
SAYS = {
    "zh-CN": {
        "capture": "采集",
        "capture_all": "全部采集",
        "capture_title": "保存此页",
        "options_link": "设置",
        "connected": "本地程序已连接。",
        "due_heading": "待跟进",
        "nothing_due": "没有待跟进的人，干得漂亮。",
        "saved": "已保存",
        "headings": ["你认识的人", "加好友附言", "会前准备"],
        "prep_first": "活动信息",
        "facts": ["时间", "地点", "报名人数"],
        "add_heading": "添加在这里认识的人",
        "add_name": "姓名",
        "add_talked": "聊了什么",
        "save": "保存",
        "person_saved": "Ana Ruiz 和你们聊的内容已保存",
        "met_here": "（在这里认识）",
        "copy": "复制",
        "away": "没有响应",
        "kept": "这次采集先存着",
        "queue_heading": "等待本地程序",
        "send_now": "立即发送",
        "badge_off": "断开",
        "rows": r"已读取 [1-9]\d* 行",
        "stop": "停止",
        "no_list": "Hallway 在这个页面上没找到参会者名单",
        "badge_title_off": "Hallway：本地程序没有响应",
        "options_title": "Hallway 设置",
        "legends": ["本地程序", "提醒", "加好友附言"],
        "save_and_test": "保存并测试",
        "pair": "请本地程序配对",
        "nudge_time": "每日提醒的时间",
        "free": "200（免费账户）",
    },
    "en": {
        "capture": "Capture",
        "capture_all": "Capture all",
        "capture_title": "Capture this page",
        "options_link": "Options",
        "connected": "Companion connected.",
        "due_heading": "Follow-ups due",
        "nothing_due": "No follow-up is due: well done.",
        "saved": "Saved",
        "headings": ["People you already know", "Connection notes", "Prep notes"],
        "facts": ["When", "Where", "Going"],
        "add_heading": "Add someone you met here",
        "add_name": "Name",
        "add_talked": "What you talked about",
        "save": "Save",
        "person_saved": "Ana Ruiz is saved, with what you talked about",
        "met_here": "(met here)",
        "copy": "Copy",
        "prep_first": "The event",
        "away": "is not answering",
        "kept": "Your capture is kept",
        "queue_heading": "Waiting for the companion",
        "send_now": "Send now",
        "badge_off": "off",
        "rows": r"[1-9]\d* rows collected",
        "stop": "Stop",
        "no_list": "Hallway found no attendee or participant list on this page",
        "badge_title_off": "Hallway: the companion is not answering",
        "options_title": "Hallway options",
        "legends": ["Companion", "Reminders", "Connection notes"],
        "save_and_test": "Save and test",
        "pair": "Ask the companion to pair",
        "nudge_time": "Time of the daily reminder",
        "free": "200 (free account)",
    },
}


def language_pack(language: str) -> bool:
    if language == "en":
        return True
    real = Path(CHROMIUM).resolve().parent if CHROMIUM else None
    return any(
        (folder / "locales" / f"{language}.pak").exists()
        for folder in filter(None, [real, Path("/usr/lib/chromium")])
    )


@pytest.fixture(params=list(LANGUAGES))
def localized(request, tmp_path, live_server):
    """(language, context, extension id, worker): Chromium started in that language."""
    language = request.param
    setting = LANGUAGES[language]
    env = {**os.environ, **setting["env"]}
    for context, extension_id, worker in with_extension(tmp_path, EXTENSION, setting["args"], env):
        yield language, context, extension_id, worker


def strings_in(value, skip=("role",)) -> list[str]:
    """Every string the companion sent, anywhere in its reply (roles are codes: the popup
    says them in the user's language, so they are not data to allow)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in skip for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def english_words(text: str, data: list[str] = ()) -> set[str]:
    """The English words left in what the page shows once the companion's data, addresses,
    product names and commands are taken out."""
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    text = re.sub(r"https?://\S+", " ", text)
    return set(re.findall(r"[A-Za-z]{2,}", text)) - PRODUCTS - COMMANDS


# Each note's language switch names the languages in themselves, in every language.
ENDONYMS = ["English", "中文"]


def shows_only(language: str, text: str, data: list[str] = ()) -> None:
    """Chinese: no English word but the allowed ones; English: no Chinese at all."""
    for name in ENDONYMS:
        text = text.replace(name, " ")
    if language == "en":
        assert not re.search(r"[\u4e00-\u9fff]", text), text
    else:
        assert english_words(text, data) == set(), text


def check_lang(language: str, page) -> None:
    lang = page.evaluate("document.documentElement.lang")
    if language_pack(language):
        assert lang.lower().startswith(language.split("-")[0]), lang


def shot(language: str, page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{language}-{name}.png"), full_page=True)


def paired_popup_on_a_plain_page(localized, site, live_server):
    """The paired extension's popup on a page with no event, once it says it is connected."""
    language, context, extension_id, worker = localized
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    plain = site.serve("/plain/", "<html><body><p>A plain page.</p></body></html>")
    context.new_page().goto(plain)
    popup = open_popup(context, extension_id, worker, plain)
    popup.get_by_text(SAYS[language]["connected"]).wait_for()
    return popup


def test_the_popup_speaks_the_browsers_language(localized, site, live_server):
    language, context, extension_id, worker = localized
    says = SAYS[language]

    # Nothing captured on this page: the follow-ups due instead (none).
    popup = paired_popup_on_a_plain_page(localized, site, live_server)
    popup.get_by_text(says["nothing_due"]).wait_for()
    assert popup.locator("#due h2").inner_text().lower() == says["due_heading"].lower()
    capture = popup.get_by_role("button", name=says["capture"], exact=True)
    assert capture.get_attribute("title") == says["capture_title"]
    popup.get_by_role("button", name=says["capture_all"]).wait_for()
    assert popup.locator("footer a").inner_text() == says["options_link"]
    check_lang(language, popup)
    shows_only(language, popup.inner_text("body"))
    shot(language, popup, "popup-empty")
    popup.close()

    # A capture: the companion's event and people, around the popup's own words.
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text(says["connected"]).wait_for()
    popup.get_by_role("button", name=says["capture"], exact=True).click()
    popup.locator("#result").wait_for()
    popup.locator("#status", has_text=says["saved"]).wait_for()
    headings = [h.lower() for h in popup.locator("#result h2").all_inner_texts()]
    assert headings == [h.lower() for h in says["headings"]]
    labels = popup.locator("#event-facts dt").all_inner_texts()
    assert set(says["facts"]) <= set(labels), labels
    assert popup.locator("#notes button", has_text=says["copy"]).count() >= 1
    tab = worker.evaluate(
        "async (url) => (await chrome.tabs.query({})).find((t) => t.url === url).id", url
    )
    reply = worker.evaluate(f"chrome.storage.session.get('result:{tab}')")[f"result:{tab}"]
    data = strings_in(reply["reply"])
    shows_only(language, popup.inner_text("body"), data)
    # The companion's own sentences come in the browser's language too (Accept-Language).
    assert popup.locator("#prep summary").first.inner_text() == says["prep_first"]
    shot(language, popup, "popup-capture")

    # Adding someone met there.
    form = popup.locator("#add")
    assert form.locator("h2").inner_text().lower() == says["add_heading"].lower()
    form.get_by_label(says["add_name"]).fill("Ana Ruiz")
    form.get_by_label(says["add_talked"]).fill("feature stores")
    form.get_by_role("button", name=says["save"], exact=True).click()
    popup.locator("#status", has_text=says["person_saved"]).wait_for()
    added = popup.locator("#add-result li").first
    assert says["met_here"] in added.locator(".role").inner_text()
    shows_only(language, popup.inner_text("body"), [*data, "Ana Ruiz", "feature stores"])
    shot(language, popup, "popup-add-person")


def test_the_popup_says_the_companion_is_away_in_the_browsers_language(localized, site, tmp_path):
    language, context, extension_id, worker = localized
    says = SAYS[language]
    paired_while_away(worker, tmp_path)
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.locator("#status.error", has_text=says["away"]).wait_for()
    assert '"make run"' in popup.locator("#status").inner_text()
    assert worker.evaluate("chrome.action.getBadgeText({})") == says["badge_off"]
    assert worker.evaluate("chrome.action.getTitle({})") == says["badge_title_off"]
    popup.get_by_role("button", name=says["capture"], exact=True).click()
    popup.locator("#status.error", has_text=says["kept"]).wait_for()
    queue = popup.locator("#queue")
    assert queue.locator("h2").inner_text().lower() == says["queue_heading"].lower()
    queue.get_by_role("button", name=says["send_now"]).wait_for()
    assert popup.locator("#queue-items li").first.inner_text().startswith(PAGE_TITLE)
    shows_only(language, popup.inner_text("body"), [PAGE_TITLE])
    shot(language, popup, "popup-away")


def test_capture_all_reports_in_the_browsers_language(localized, site, live_server):
    """The rows counted in the popup, and the sentence harvest.js (injected into the page,
    with no module of its own) says when the page has no list."""
    language, context, extension_id, worker = localized
    says = SAYS[language]
    popup = paired_popup_on_a_plain_page(localized, site, live_server)
    popup.get_by_role("button", name=says["capture_all"]).click()
    popup.locator("#status.error", has_text=says["no_list"]).wait_for()
    shows_only(language, popup.inner_text("body"))

    url = site.serve(ATTENDEES_PATH, fixture_text("meetup-attendees-virtual.html"))
    page = context.new_page()
    page.goto(url)
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_text(says["connected"]).wait_for()
    popup.get_by_role("button", name=says["capture_all"]).click()
    page.bring_to_front()  # the page being scrolled is the one in view
    popup.locator("#progress-text", has_text=re.compile(says["rows"])).wait_for()
    shows_only(language, popup.inner_text("body"))
    shot(language, popup, "popup-capture-all")
    popup.get_by_role("button", name=says["stop"]).click()
    popup.locator("#status", has_text=says["saved"]).wait_for(timeout=120_000)


def test_the_options_speak_the_browsers_language(localized):
    language, context, extension_id, _worker = localized
    says = SAYS[language]
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    options.locator("h1", has_text=says["options_title"]).wait_for()
    assert options.title() == says["options_title"]
    assert options.locator("legend").all_inner_texts() == says["legends"]
    options.get_by_role("button", name=says["save_and_test"]).wait_for()
    options.get_by_role("button", name=says["pair"]).wait_for()
    assert options.locator("#nudge-time").get_attribute("aria-label") == says["nudge_time"]
    options.get_by_label(says["free"]).wait_for()
    check_lang(language, options)
    shows_only(language, options.inner_text("body"))
    shot(language, options, "options")
