"""The notes and the prep notes speak the notes' language: a setting ("same as the pages",
English, 中文) that each note can override, in the API, on a person's page and in the
capture's reply. LinkedIn's limits count the same way in both."""

from __future__ import annotations

import re

import pytest

from companion.method.notes import note_length
from tests.test_api_captures import capture_body
from tests.test_prep import SECTIONS

CHINESE = {"Accept-Language": "zh-CN,zh;q=0.9"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}
CJK = re.compile(r"[\u4e00-\u9fff]")
PREP_IN_CHINESE = ["活动信息", "主持人和讲者", "话题", "主办公司", "谁会来", "开场白", "活动之后"]
PREP_IN_ENGLISH = SECTIONS


@pytest.fixture
def captured(client, auth) -> dict:
    reply = client.post("/api/captures", json=capture_body(), headers=auth).get_json()
    ada = next(
        s["person"]["id"] for s in reply["suggestions"] if s["person"]["name"] == "Ada Quillfeather"
    )
    return {"event": reply["event"]["id"], "ada": ada}  # fmt: skip


def notes(client, auth, captured, headers, **query) -> dict:
    url = f"/api/people/{captured['ada']}/notes?event={captured['event']}"
    url += "".join(f"&{k}={v}" for k, v in query.items())
    return client.get(url, headers={**auth, **headers}).get_json()


def prep(client, auth, captured, headers, **query) -> list[dict]:
    url = f"/api/events/{captured['event']}/prep?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.get(url, headers={**auth, **headers}).get_json()["prep_notes"]


def chinese(text: str) -> bool:
    return len(CJK.findall(text)) >= 5


def test_by_default_the_notes_speak_the_pages_language(client, auth, captured):
    zh = notes(client, auth, captured, CHINESE)
    assert zh["language"] == "zh" and chinese(zh["linkedin"]["text"])
    en = notes(client, auth, captured, ENGLISH)
    assert en["language"] == "en" and not CJK.search(en["linkedin"]["text"])


def test_the_notes_setting_wins_over_the_pages(client, auth, captured):
    client.post("/api/settings", json={"language": "zh"}, headers=auth)
    assert chinese(notes(client, auth, captured, ENGLISH)["meetup"]["text"])
    assert [s["title"] for s in prep(client, auth, captured, ENGLISH)] == PREP_IN_CHINESE
    client.post("/api/settings", json={"language": "en"}, headers=auth)
    assert not CJK.search(notes(client, auth, captured, CHINESE)["meetup"]["text"])
    assert [s["title"] for s in prep(client, auth, captured, CHINESE)] == PREP_IN_ENGLISH


def test_one_note_can_be_asked_for_in_the_other_language(client, auth, captured):
    client.post("/api/settings", json={"language": "zh"}, headers=auth)
    asked = notes(client, auth, captured, CHINESE, language="en")
    assert asked["language"] == "en" and not CJK.search(asked["follow_up"]["text"])
    assert [s["title"] for s in prep(client, auth, captured, CHINESE, language="en")] == (
        PREP_IN_ENGLISH
    )
    wrong = client.get(
        f"/api/people/{captured['ada']}/notes?language=fr", headers={**auth, **CHINESE}
    )
    assert (
        wrong.status_code == 422
        and wrong.get_json()["error"] == "“language”只能是以下之一：en, zh。"
    )


def test_every_prep_section_and_opener_exists_in_chinese(client, auth, captured):
    sections = prep(client, auth, captured, CHINESE)
    assert [s["title"] for s in sections] == PREP_IN_CHINESE
    openers = next(s for s in sections if s["title"] == "开场白")["items"]
    assert openers and all(i["text"].startswith("对 ") and chinese(i["text"]) for i in openers)
    questions = [q for s in sections for q in s.get("questions", [])]
    assert len(questions) == 12 and all(chinese(q) for q in questions)


def test_the_capture_reply_speaks_the_notes_language(client, auth):
    reply = client.post(
        "/api/captures", json=capture_body("c-zh"), headers={**auth, **CHINESE}
    ).get_json()
    assert [s["title"] for s in reply["prep_notes"]] == PREP_IN_CHINESE
    assert all(chinese(s["notes"]["linkedin"]["text"]) for s in reply["suggestions"])


@pytest.mark.parametrize("headers", [CHINESE, ENGLISH], ids=["zh", "en"])
def test_linkedins_limits_count_the_same_way_in_both_languages(client, auth, captured, headers):
    for limit in (200, 300):
        client.post("/api/settings", json={"note_limit": limit}, headers=auth)
        drafted = notes(client, auth, captured, headers)
        for kind in ("linkedin", "linkedin_long", "meetup", "follow_up"):
            note = drafted[kind]
            # UTF-16 code units, as LinkedIn's box counts them, whatever the script.
            assert (
                note["length"]
                == note_length(note["text"])
                == len(note["text"].encode("utf-16-le")) // 2
            )
            assert note["length"] <= note["limit"]
        assert drafted["linkedin"]["limit"] == limit


def test_a_persons_page_shows_the_notes_in_the_language_chosen_for_them(client, auth, captured):
    page = f"/people/{captured['ada']}?event={captured['event']}"
    zh = client.get(f"{page}&note_language=zh", headers=ENGLISH).get_data(as_text=True)
    box = re.search(r'<textarea id="note-linkedin"[^>]*lang="zh"[^>]*>([^<]*)<', zh)
    assert box and chinese(box.group(1))
    assert "Suggested notes" in zh  # the page itself stays in its own language
    answer = client.get(
        f"/people/{captured['ada']}/notes.json?event={captured['event']}&language=en",
        headers=CHINESE,
    ).get_json()
    assert answer["language"] == "en" and not CJK.search(answer["linkedin"]["text"])
