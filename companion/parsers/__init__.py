"""Parsers: one module per platform, all behind `parse()`.

Each platform module offers `detect(page)` (is this page mine?) and `parse(page)` (a Capture,
or None when it finds nothing it understands). Parsers know nothing of storage. The generic
schema.org parser comes last: it reads any page the platform parsers leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.model import Capture

# What a worker process imports as it starts: everything a parse needs.
READERS = "companion.parsers.dispatch"


class NotUnderstood(ValueError):
    """The page holds nothing Hallway can use; the message is one plain sentence for the user."""


def parse(
    html: str,
    url: str | None = None,
    fragments: Sequence[str] = (),
    payloads: Sequence[Any] = (),
) -> Capture:
    """The page's event, people and questions; NotUnderstood with a sentence when it has none."""
    # Imported here, not above: the server hands every parse to worker processes
    # (isolation.py), so BeautifulSoup, lxml and soupsieve stay out of its start-up.
    from companion.parsers.dispatch import parse_page

    return parse_page(html, url, fragments, payloads)
