"""Connection notes: within LinkedIn's limit, never cut mid-word, naming the event."""

from __future__ import annotations

from companion.method import notes

EVENT = {"title": "Feature Stores in Practice", "start": "2025-06-12T18:30:00-07:00"}


def test_note_names_event_date_and_first_name():
    note = notes.linkedin({"name": "Ada Quillfeather"}, EVENT, "host")
    assert "Feature Stores in Practice" in note["text"]
    assert "12 Jun" in note["text"]
    assert "Ada" in note["text"] and "Quillfeather" not in note["text"]
    assert note == {"text": note["text"], "length": len(note["text"]), "limit": 200}


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
