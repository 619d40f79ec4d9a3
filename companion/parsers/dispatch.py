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
    refused,
    sanity,
    schemaorg,
    speakers,
    teams,
    zones,
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
    if refused.on_linkedin(url):
        raise NotUnderstood(refused.LINKEDIN)
    problem = sanity.problem(html)
    if problem:
        raise NotUnderstood(problem)
    page = Page(html=html, url=url, fragments=fragments, payloads=payloads)
    try:
        page.url = page.url or page.canonical_url
        if refused.on_linkedin(page.url):  # a LinkedIn page saved without its address
            raise NotUnderstood(refused.LINKEDIN)
        for platform in PLATFORMS:
            if platform.detect(page):
                capture = platform.parse(page)
                if capture is None:
                    continue
                if refused.not_an_event(capture, page):
                    break
                zones.place(capture, page)
                if capture.event is not None:  # every platform's description is read alike
                    speakers.complete(capture.event)
                return capture
    except TooDeep:
        raise NotUnderstood(sanity.TOO_DEEP) from None
    except RecursionError:
        # Deeply nested markup under the sanity check's radar; still not an event page.
        raise NotUnderstood("This page is nested too deeply to be read as an event page.") from None
    raise NotUnderstood(refused.NOT_AN_EVENT)
