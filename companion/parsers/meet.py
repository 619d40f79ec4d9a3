"""Google Meet with the People panel (and chat) open.

Only a few hooks are stable (seen in public code; no saved page was available): the People
panel `[role="list"][aria-label*="articipant"] [role="listitem"]` with the name in
`span.notranslate`, participant tiles `[data-participant-id]`, and the viewer's own tile
marked `[data-self-name]`. Everything else is obfuscated and rotates, so it is not read.
"""

from __future__ import annotations

import re

from bs4 import Tag

from companion.model import Capture
from companion.parsers import meeting
from companion.parsers.meeting import ChatHooks, Row
from companion.parsers.page import Page
from companion.parsers.text import clean

PLATFORM = "meet"
_ROWS = '[role="list"][aria-label*="articipant"] [role="listitem"]'
_CODE = re.compile(r"/([a-z]{3}-[a-z]{4}-[a-z]{3})\b")
_PANELS = [
    ChatHooks(message="[data-message-id]", sender="[data-sender-name]", text="[data-message-text]")
]


def detect(page: Page) -> bool:
    return page.host == "meet.google.com"


def parse(page: Page) -> Capture | None:
    viewer = {str(t["data-self-name"]) for s in page.roots for t in s.select("[data-self-name]")}
    rows = [r for soup in page.roots for r in (_row(i, viewer) for i in soup.select(_ROWS)) if r]
    match = _CODE.search(page.url or "")
    return meeting.capture(
        page,
        PLATFORM,
        title=_title(page),
        rows=rows,
        asked=meeting.questions(page.roots, _PANELS),
        platform_id=match.group(1) if match else None,
    )


def _row(item: Tag, viewer: set[str]) -> Row | None:
    name_tag = item.select_one("span.notranslate")
    name = clean(name_tag.get_text(" ")) if name_tag else clean(item.get("aria-label"))
    if not name:
        return None
    label = clean(item.get_text(" ").replace(name, " ", 1)) or ""
    avatar = item.select_one("img[src]")
    return Row(
        name=name,
        label="(You)" if name in viewer else label,
        photo_url=str(avatar["src"]) if avatar else None,
        platform_id=str(item["data-participant-id"])
        if item.has_attr("data-participant-id")
        else None,
    )


def _title(page: Page) -> str | None:
    heading = page.select_one("[data-meeting-title]")
    if heading is not None:
        return clean(str(heading["data-meeting-title"]))
    return re.sub(r"^Meet\s*[-\u2013]\s*", "", page.title) if page.title else None
