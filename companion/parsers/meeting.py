"""What the online-meeting parsers share: participant rows, roles, questions, the meeting itself.

A meeting page has no event markup; the meeting is named by its heading or the tab title, and
identified by its address. The viewer's own row ("Me", "You") is never kept: it is the user.
Questions come from the chat (messages with a question mark) and the Q&A panel (every entry);
a chat shows the sender once for consecutive messages, so the last sender carries forward.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bs4 import Tag

from companion.model import Capture, Event, Person, Question
from companion.parsers.page import Page
from companion.parsers.text import clean

# Role labels as the meeting clients print them, in a few languages.
_VIEWER = re.compile(r"\b(me|you|moi|vous|ich|yo|tú|я|вы)\b", re.IGNORECASE)
_HOST = re.compile(
    r"(co-?host|host|organi[sz]er|организатор|hôte|anfitri[oó]n|gastgeber|organisateur)",
    re.IGNORECASE,
)
_PRESENTER = re.compile(r"\b(presenters?|panelists?|speakers?)\b", re.IGNORECASE)


@dataclass
class Row:
    name: str
    label: str = ""  # the role text beside the name, e.g. "(Host, Me)"
    photo_url: str | None = None
    platform_id: str | None = None


@dataclass
class ChatHooks:
    """Selectors of one chat or Q&A panel: each message, its sender, its text."""

    message: str
    sender: str
    text: str
    every_entry_is_a_question: bool = False


def role(label: str) -> str:
    if _HOST.search(label):
        return "organizer" if re.search(r"organi[sz]er", label, re.IGNORECASE) else "host"
    if _PRESENTER.search(label):
        return "speaker"
    return "participant"


def is_viewer(label: str) -> bool:
    return bool(_VIEWER.search(label))


def people(rows: Iterable[Row]) -> list[Person]:
    """Each participant once (virtualized lists send overlapping rows), the viewer left out."""
    found: dict[str, Person] = {}
    for row in rows:
        if is_viewer(row.label):
            continue
        person = Person(
            name=row.name,
            platform_id=row.platform_id,
            role=role(row.label),
            photo_url=row.photo_url,
        )
        key = row.platform_id or row.name.casefold()
        known = found.get(key)
        if known is None or (known.role == "participant" and person.role != "participant"):
            found[key] = person
    return list(found.values())


def questions(roots: Iterable[Tag], panels: Iterable[ChatHooks]) -> list[Question]:
    out: list[Question] = []
    for hooks in panels:
        for root in roots:
            sender = None
            for message in root.select(hooks.message):
                sender = _text(message.select_one(hooks.sender)) or sender
                text = _text(message.select_one(hooks.text))
                is_question = hooks.every_entry_is_a_question or "?" in (text or "")
                question = Question(name=sender, text=text) if sender and text else None
                if question and is_question and question not in out:
                    out.append(question)
    return out


def capture(
    page: Page,
    platform: str,
    title: str | None,
    rows: list[Row],
    asked: list[Question],
    count: int | None = None,
    platform_id: str | None = None,
) -> Capture | None:
    participants = people(rows)
    viewer_names = {r.name for r in rows if is_viewer(r.label)}
    asked = [_identified(q, participants) for q in asked if q.name not in viewer_names]
    if not participants and not asked:
        return None
    askers = {q.name: _asker(q, participants) for q in asked}  # one per person, however many
    event = Event(
        # A meeting must be named to be stored; a panel without a title is still a meeting.
        title=title or page.title or "Online meeting",
        url=page.url,
        platform_id=platform_id,
        online=True,
        hosts=[p for p in participants if p.role in {"host", "organizer"}],
        speakers=[p for p in participants if p.role == "speaker"],
        attendee_count=count,
    )
    return Capture(
        kind="participants",
        platform=platform,
        event=event,
        people=participants + list(askers.values()),
        questions=asked,
        warnings=page.warnings,
    )


def _identified(question: Question, participants: list[Person]) -> Question:
    same = next((p for p in participants if p.name == question.name), None)
    return replace(question, platform_id=same.platform_id) if same else question


def _asker(question: Question, participants: list[Person]) -> Person:
    same = next((p for p in participants if p.name == question.name), None)
    base = same or Person(name=question.name)
    return replace(base, role="asked_question")


def _text(tag: Tag | None) -> str | None:
    return clean(tag.get_text(" ")) if tag else None
