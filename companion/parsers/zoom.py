"""The Zoom web client with its Participants panel (and chat or Q&A panel) open.

Rows: the name in `.participants-item__display-name` (the hook every build kept) and its list
item around it, the role in `.participants-item__name-label` ("(Host)", "(Co-host)", "(Guest)",
"(Me)"; localized), the header "Participants (9)" (a saved 2020 page). Newer builds use
`.item-user-name` and tree items (seen in public code only); the chat and Q&A hooks too.
"""

from __future__ import annotations

import re

from bs4 import Tag

from companion.model import Capture
from companion.parsers import meeting
from companion.parsers.meeting import ChatHooks, Row
from companion.parsers.page import Page
from companion.parsers.text import clean, first_int

PLATFORM = "zoom"
# The display name is the hook every build kept; its row is the list item around it.
_NAMES = ".participants-item__display-name, .item-user-name"
_MEETING_ID = re.compile(r"/(?:wc|j|s)/(\d{9,11})")
_PANELS = [
    ChatHooks(
        message=".chat-item__chat-info, .new-chat-message__container",
        sender=".chat-item__sender, .chat-item__sender-name",
        text=".chat-message__text-content, .new-chat-message__text-content",
    ),
    ChatHooks(
        message=".q-a-question",
        sender=".q-a-question__user-name",
        text=".q-a-question__question-content",
        every_entry_is_a_question=True,
    ),
]


def detect(page: Page) -> bool:
    return page.host.endswith("zoom.us") or page.select_one(_NAMES) is not None


def parse(page: Page) -> Capture | None:
    rows = [r for soup in page.roots for r in (_row(n) for n in soup.select(_NAMES)) if r]
    header = page.select_one(".participants-header__title")
    match = _MEETING_ID.search(page.url or "")
    return meeting.capture(
        page,
        PLATFORM,
        title=_title(page),
        rows=rows,
        asked=meeting.questions(page.roots, _PANELS),
        count=first_int(header.get_text(" ")) if header else None,
        platform_id=match.group(1) if match else None,
    )


def _row(name_tag: Tag) -> Row | None:
    name = clean(name_tag.get_text(" "))
    if not name:
        return None
    row = name_tag.find_parent("li") or name_tag.find_parent(attrs={"role": "treeitem"})
    row = row or name_tag.parent or name_tag
    label = row.select_one(".participants-item__name-label")
    avatar = row.select_one("img.participants-item__avatar[src], img[src]")
    return Row(
        name=name,
        label=clean(label.get_text(" ")) or "" if label else "",
        photo_url=str(avatar["src"]) if avatar else None,
    )


def _title(page: Page) -> str | None:
    heading = page.select_one(".meeting-info-container__topic, .meeting-title")
    title = clean(heading.get_text(" ")) if heading else page.title
    return re.sub(r"\s*[-|]\s*Zoom$", "", title) if title else None
