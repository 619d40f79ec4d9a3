"""Microsoft Teams meetings with the roster (People) panel, and the meeting chat, open.

Hooks from public code (no saved page was available): the roster `[data-tid="roster-panel"]`,
rows `[data-tid="roster-participant"]` or `[data-tid^="roster-item"]`, names in
`[data-tid="participant-name"]`, grouped under "Organizer", "Presenters" and "Attendees"
headings (the row's role is the section it sits in). Chat messages `[data-tid="chat-pane-message"]`
with the author in `[data-tid="message-author-name"]`.
"""

from __future__ import annotations

import re

from bs4 import Tag

from companion.model import Capture
from companion.parsers import meeting
from companion.parsers.meeting import ChatHooks, Row
from companion.parsers.page import Page
from companion.parsers.text import clean

PLATFORM = "teams"
_ROWS = '[data-tid="roster-participant"], [data-tid^="roster-item"]'
_SECTION = re.compile(r"^\s*(organi[sz]ers?|presenters?|attendees?|participants?)\b", re.IGNORECASE)
_PANELS = [
    ChatHooks(
        message='[data-tid="chat-pane-message"]',
        sender='[data-tid="message-author-name"]',
        text='[data-tid="chat-pane-message-body"], [id^="content-"]',
    )
]


def detect(page: Page) -> bool:
    return page.host.startswith("teams.") or page.select_one(_ROWS) is not None


def parse(page: Page) -> Capture | None:
    rows = [r for soup in page.roots for r in (_row(t) for t in soup.select(_ROWS)) if r]
    return meeting.capture(
        page,
        PLATFORM,
        title=_title(page),
        rows=rows,
        asked=meeting.questions(page.roots, _PANELS),
    )


def _row(row: Tag) -> Row | None:
    name_tag = row.select_one('[data-tid="participant-name"]')
    # Without the name hook, the row's accessible label starts with the name ("Name, Organizer").
    label_name = str(row.get("aria-label") or "").split(",")[0]
    name = clean(name_tag.get_text(" ") if name_tag else label_name)
    if not name:
        return None
    section = row.find_previous(string=_SECTION)
    own = clean(f"{row.get_text(' ')} {row.get('aria-label') or ''}".replace(name, " ")) or ""
    avatar = row.select_one("img[src]")
    return Row(
        name=name,
        label=f"{own} {section or ''}".strip(),
        photo_url=str(avatar["src"]) if avatar else None,
    )


def _title(page: Page) -> str | None:
    heading = page.select_one('[data-tid="meeting-title"], [data-tid="call-title"]')
    title = clean(heading.get_text(" ")) if heading else page.title
    return re.sub(r"\s*\|\s*Microsoft Teams$", "", title) if title else None
