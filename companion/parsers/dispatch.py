"""Which platform reads a page: each one's `detect`, then its `parse`, the generic schema.org
reader last."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from companion.model import Capture
from companion.parsers import (
    NotUnderstood,
    eventbrite,
    luma,
    meet,
    meetup,
    sanity,
    schemaorg,
    speakers,
    teams,
    zoom,
)
from companion.parsers.page import Page, TooDeep

PLATFORMS = [meetup, luma, eventbrite, zoom, meet, teams, schemaorg]


def parse_page(
    html: str,
    url: str | None = None,
    fragments: Sequence[str] = (),
    payloads: Sequence[Any] = (),
) -> Capture:
    problem = sanity.problem(html)
    if problem:
        raise NotUnderstood(problem)
    page = Page(html=html, url=url, fragments=fragments, payloads=payloads)
    try:
        page.url = page.url or page.canonical_url
        for platform in PLATFORMS:
            if platform.detect(page):
                capture = platform.parse(page)
                if capture is not None:
                    if capture.event is not None:  # every platform's description is read alike
                        speakers.complete(capture.event)
                    return capture
    except TooDeep:
        raise NotUnderstood(sanity.TOO_DEEP) from None
    except RecursionError:
        # Deeply nested markup under the sanity check's radar; still not an event page.
        raise NotUnderstood("This page is nested too deeply to be read as an event page.") from None
    raise NotUnderstood(
        "This page has no event Hallway can read: no event title, time or attendee list was found."
    )
