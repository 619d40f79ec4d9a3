"""Connection notes: within LinkedIn's limit, never cut mid-word, naming the event."""

from __future__ import annotations

import re

import pytest

from companion.method import notes

EVENT = {"title": "Feature Stores in Practice", "start": "2025-06-12T18:30:00-07:00"}


def test_note_names_event_date_and_first_name():
    note = notes.linkedin({"name": "Ada Quillfeather"}, EVENT, "host")
    assert "Feature Stores in Practice" in note["text"]
    assert "12 Jun" in note["text"]
    assert "Ada" in note["text"] and "Quillfeather" not in note["text"]
    assert note["limit"] == 200
    assert note["length"] == len(note["text"]) <= 200


@pytest.mark.parametrize(
    ("text", "limit", "shortened"),
    [
        # A plain cut would give "Streaming pip…" and "Graph data…".
        ("Streaming pipelines for everyone", 15, "Streaming…"),
        ("Graph databases, in production", 11, "Graph…"),
        ("Graph databases, in production", 18, "Graph databases…"),  # no dangling comma
        ("Short enough", 20, "Short enough"),
        ("Supercalifragilistic", 8, "Superca…"),  # one word longer than all: cut inside
    ],
)
def test_shortening_keeps_whole_words(text, limit, shortened):
    assert notes.shorten(text, limit) == shortened
    assert len(notes.shorten(text, limit)) <= limit


def test_long_event_names_are_shortened_at_a_word():
    long_title = " ".join(["Extraordinarily"] * 30)
    note = notes.linkedin({"name": "Ada Quillfeather"}, {**EVENT, "title": long_title}, "host")
    assert note["length"] <= 200
    assert "Extraordinarily…" in note["text"]
    assert "Extraordinaril " not in note["text"]


def test_limit_counts_characters_not_bytes():
    title = "数据科学与机器学习交流会 " * 10
    note = notes.linkedin({"name": "李 雷"}, {**EVENT, "title": title}, "host")
    assert len(note["text"]) <= 200
    assert note["length"] == len(note["text"])


def test_wording_varies_between_people_but_is_stable_for_one():
    names = [f"Person{i} Example" for i in range(12)]
    texts = {
        notes.linkedin({"name": n}, EVENT, "host")["text"].replace(n.split()[0], "X") for n in names
    }
    assert len(texts) > 1
    assert notes.linkedin({"name": "Ada Q"}, EVENT, "host") == notes.linkedin(
        {"name": "Ada Q"}, EVENT, "host"
    )


def test_300_character_limit_is_respected():
    note = notes.linkedin({"name": "Ada Quillfeather"}, EVENT, "speaker", limit=300)
    assert note["limit"] == 300 and note["length"] <= 300


# --- Every rule, one by one, through `all_notes` and `Facts` --------------------------------

LONG_TITLE = "Applied Machine Learning in Production: Feature Stores, Pipelines and Monitoring"
PEOPLE = [f"{first} Example{i}" for i, first in enumerate(["Mara", "Jonas", "Li", "Sofia"] * 13)]


def people_notes(kind: str, **known) -> list[tuple[str, str]]:
    out = []
    for index, name in enumerate(PEOPLE[:50]):
        f = notes.Facts(name=name, event=LONG_TITLE, start="2025-06-12T18:30:00-07:00", **known)
        out.append((name, notes.all_notes(f, index=index)[kind]["text"]))
    return out


def without_name(name: str, text: str) -> str:
    return text.replace(name.split()[0], "X")


def without_greeting(text: str) -> str:
    """The message after "Hi X," or "Hi X!": the part Meetup compares."""
    return re.split(r"[,!]", text, maxsplit=1)[1]


VARIANTS = [
    {"topic": "Feature Stores"},
    {},
    {"talked": True},
    {"talked_about": "drift monitoring"},
    {"question": "online feature serving"},
    {"role": "speaker", "topic": "MLOps"},
]


@pytest.mark.parametrize("known", VARIANTS)
def test_fifty_people_at_one_event_get_fifty_different_linkedin_notes(known):
    drafted = people_notes("linkedin", **known)
    for _, text in drafted:
        assert len(text) <= 200
        assert "Applied Machine Learning" in text and "12 Jun" in text
    assert len({without_name(n, t) for n, t in drafted}) == 50


def test_fifty_meetup_messages_differ_in_wording_not_only_in_name_or_greeting():
    for known in VARIANTS:
        drafted = people_notes("meetup", **known)
        bodies = [without_greeting(without_name(n, t)) for n, t in drafted]
        assert len(set(bodies)) == 50, known
        assert all(LONG_TITLE in t and "12 Jun" in t for _, t in drafted)
        assert all(len(t) <= notes.MESSAGE_LIMIT for _, t in drafted)


def test_the_300_character_variant_says_more_within_its_limit():
    f = notes.Facts(
        "Mara Example", "Feature Stores Night", "2025-06-12", role="speaker", topic="feature stores"
    )
    drafted = notes.all_notes(f, index=3)
    assert drafted["linkedin_long"]["limit"] == 300
    assert drafted["linkedin_long"]["length"] <= 300
    assert drafted["linkedin_long"]["length"] > drafted["linkedin"]["length"]


def test_the_short_limit_can_be_set_to_300():
    f = notes.Facts("Mara Example", "Feature Stores Night", "2025-06-12")
    assert notes.all_notes(f, index=0, limit=300)["linkedin"]["limit"] == 300


def test_what_you_talked_about_is_mentioned():
    f = notes.Facts(
        "Mara Example", "Feature Stores Night", "2025-06-12", talked_about="drift monitoring"
    )
    for index in range(7):
        assert "drift monitoring" in notes.all_notes(f, index=index)["linkedin"]["text"]


def test_the_question_they_asked_online_is_mentioned():
    f = notes.Facts(
        "Li Example",
        "Causal Inference Webinar",
        "2025-03-04",
        role="asked_question",
        question="instrumental variables",
    )
    for index in range(4):
        text = notes.all_notes(f, index=index)["linkedin"]["text"]
        assert "question" in text and "instrumental variables" in text


def test_speaker_note_names_the_talk_topic():
    f = notes.Facts(
        "Jonas Example", "Graph Night", "2025-03-04", role="speaker", topic="graph neural networks"
    )
    assert "talk" in notes.all_notes(f, index=0)["linkedin"]["text"]
    assert "graph neural networks" in notes.all_notes(f, index=0)["linkedin"]["text"]


def test_organizer_note_thanks_them_for_organizing_or_hosting():
    f = notes.Facts("Sofia Example", "Graph Night", "2025-03-04", role="organizer")
    texts = [notes.all_notes(f, index=i)["linkedin"]["text"] for i in range(10)]
    assert all(("organiz" in t or "hosting" in t or "putting together" in t) for t in texts)


def test_not_yet_talked_says_we_both_attended():
    f = notes.Facts("Sofia Example", "Graph Night", "2025-03-04")
    texts = [notes.all_notes(f, index=i)["linkedin"]["text"] for i in range(10)]
    assert all(("both" in t or "too" in t) for t in texts)


def test_the_variant_follows_what_is_known():
    base = {"name": "A B", "event": "E", "start": None}
    assert notes.variant(notes.Facts(**base, talked_about="x", role="speaker")) == ("talked", "x")
    assert notes.variant(notes.Facts(**base, role="speaker", topic="t")) == ("speaker", "t")
    assert notes.variant(notes.Facts(**base, role="host")) == ("organizer", None)
    assert notes.variant(notes.Facts(**base, talked=True)) == ("talked", None)
    assert notes.variant(notes.Facts(**base, question="q")) == ("question", "q")
    assert notes.variant(notes.Facts(**base)) == ("attended", None)


def test_a_long_detail_is_shortened_at_a_word_and_the_event_still_named():
    detail = "how to monitor feature drift across many models " * 5
    f = notes.Facts("Mara Example", LONG_TITLE, "2025-06-12", talked_about=detail)
    for index in range(10):
        text = notes.all_notes(f, index=index)["linkedin"]["text"]
        assert len(text) <= 200 and "Applied" in text and "12 Jun" in text
        for word in text.replace("…", " ").split():
            assert word.strip(".,!?();") in (detail + LONG_TITLE + " " + text), word


def test_shorten_never_cuts_inside_a_word():
    assert notes.shorten("feature stores in practice", 18) == "feature stores in…"
    assert notes.shorten("feature stores", 40) == "feature stores"
    assert notes.shorten("数据科学交流会", 5) == "数据科学…"


def test_follow_up_message_uses_as_discussed_when_the_subject_is_known():
    f = notes.Facts(
        "Mara Example", "Feature Stores Night", "2025-06-12", talked_about="the hiring plans for Q3"
    )
    texts = [notes.all_notes(f, index=i)["follow_up"]["text"] for i in range(3)]
    assert any("as discussed" in t for t in texts)
    assert all("the hiring plans for Q3" in t for t in texts)
    plain = notes.all_notes(
        notes.Facts("Mara Example", "Feature Stores Night", "2025-06-12"), index=0
    )["follow_up"]["text"]
    assert "Feature Stores Night" in plain and "12 Jun" in plain


def test_chinese_notes_use_the_full_name_and_chinese_date():
    f = notes.Facts(
        "李雷", "数据科学与机器学习交流会", "2025-06-12T18:30:00+08:00", topic="特征工程"
    )
    for index in range(20):
        drafted = notes.all_notes(f, index=index, language="zh")
        assert "李雷" in drafted["linkedin"]["text"]
        assert "6月12日" in drafted["linkedin"]["text"]
        assert "数据科学与机器学习交流会" in drafted["meetup"]["text"]
        assert drafted["linkedin"]["length"] <= 200


def test_chinese_titles_without_spaces_are_shortened_by_characters():
    f = notes.Facts("李雷", "数据科学" * 60, "2025-06-12")
    text = notes.all_notes(f, index=0, language="zh")["linkedin"]["text"]
    assert len(text) <= 200 and "…" in text and "6月12日的数据科学数据科学" in text


def test_an_unknown_date_and_event_still_read_naturally():
    text = notes.all_notes(notes.Facts("", None, None), index=0)["linkedin"]["text"]
    assert "there" in text and "the event" in text and "the other day" in text


def test_fifty_chinese_meetup_messages_differ_beyond_the_greeting():
    bodies = set()
    for index in range(50):
        f = notes.Facts(f"王{index}", "数据科学交流会", "2025-06-12", topic="特征工程")
        text = notes.all_notes(f, index=index, language="zh")["meetup"]["text"]
        assert "数据科学交流会" in text and "6月12日" in text
        bodies.add(re.split("[\uff0c\uff01]", text, maxsplit=1)[1])  # full-width , and !
    assert len(bodies) == 50
