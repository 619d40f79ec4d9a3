"""Meetup-like pages for the benchmark, built from the project's fictional event page.

An attendees page is the event page (tests/fixtures/meetup-event.html, under a new event id
and title) with Meetup's attendee list in its <main>. No saved attendees page exists
(STRUCTURE.md §1a), so the rows follow what is known of it: the "Going N" tab container,
the search box, a card per person with `a[href*="/members/<id>/"]`, the photo as
`img[alt^="Photo of the user"]` on meetupstatic, the name in `p.font-medium`, a role label
for hosts and organizers, and the per-row menu button, wrapped in Tailwind and hashed classes
as on the real site.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from bench.fiction import Member

FIXTURE = Path(__file__).parents[1] / "tests" / "fixtures" / "meetup-event.html"
_FIXTURE_EVENT_ID = "301234567"
_FIXTURE_TITLE = "Feature Stores in Practice &amp; MLOps Q&amp;A"
VISIBLE_ROWS = 20  # rows a virtualised list keeps in the DOM at once

_ROW = """<div data-testid="attendee-row" class="flex w-full items-center gap-3 border-b \
border-gray3 px-4 py-3 hover:bg-gray1 c7r2kq1">\
<a href="{url}" class="relative shrink-0 rounded-full focus:outline-none focus-visible:ring-2 \
e4hx0pq" aria-label="{name}">{avatar}</a>\
<div class="flex min-w-0 flex-1 flex-col justify-center">\
<a href="{url}" class="truncate hover:underline"><p class="font-medium text-gray7 \
text-base leading-6">{name}</p></a>{label}\
<p class="text-sm text-gray6 leading-5">{meta}</p></div>\
<button type="button" aria-haspopup="menu" aria-label="More options for {name}" \
class="flex h-9 w-9 items-center justify-center rounded-full hover:bg-gray2 b3k9z0w">\
<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M12 8a2 2 0 1 \
0 0-4 2 2 0 0 0 0 4Zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4Z"/>\
</svg></button></div>"""
_PHOTO = (
    '<img alt="Photo of the user {name}" src="{src}" width="48" height="48" loading="lazy" '
    'class="h-12 w-12 rounded-full object-cover">'
)
_INITIALS = (
    '<div class="flex h-12 w-12 items-center justify-center rounded-full bg-viridian text-white '
    'font-medium" aria-hidden="true">{initials}</div>'
)
_LABEL = '<p class="text-sm font-medium text-viridian leading-5">{label}</p>'


def event_url(event_id: str) -> str:
    return f"https://www.meetup.com/lakeside-data-science/events/{event_id}/"


def attendees_url(event_id: str) -> str:
    return event_url(event_id) + "attendees/"


def event_page(event_id: str, going: int | None = None) -> str:
    """The fixture's event page as another event of the same group, with its own id and title."""
    page = FIXTURE.read_text(encoding="utf-8")
    page = page.replace(_FIXTURE_EVENT_ID, event_id)
    page = page.replace(_FIXTURE_TITLE, f"Feature Stores in Practice, session {event_id}")
    if going is not None:
        # The attendees page's cache knows how many are going; the event page only the waitlist.
        page = page.replace('"rsvpState"', f'"going": {{"totalCount": {going}}}, "rsvpState"', 1)
    return page


def attendee_rows(members: list[Member], hosts: int = 2) -> list[str]:
    """One row per person, hosts first as Meetup lists them (`hostsFirst: true`)."""
    return [_row(m, "Event host" if i < hosts else None) for i, m in enumerate(members)]


def attendees_page(event_id: str, rows: list[str], total: int) -> str:
    """The attendees page with `rows` rendered; `total` is the "Going" count in its tab."""
    listing = (
        '<section class="mx-auto max-w-screen-md px-4" aria-label="Attendees">'
        '<div data-testid="attendees-tab-container" class="flex gap-2 rounded-lg bg-gray2 p-1">'
        f'<button class="bg-white rounded-md px-4 py-2 font-medium">Going {total}</button>'
        '<button class="text-gray6 rounded-md px-4 py-2">Waitlist 3</button>'
        '<button class="text-gray6 rounded-md px-4 py-2">Not going</button></div>'
        '<input data-testid="attendee-search" type="search" placeholder="Search attendees" '
        'class="mt-4 w-full rounded-md border border-gray3 px-3 py-2">'
        f'<div data-testid="attendees-list" class="mt-2 flex flex-col">{"".join(rows)}</div>'
        "</section>"
    )
    return event_page(event_id, going=total).replace("</main>", listing + "\n</main>", 1)


def capture_body(
    event_id: str, members: list[Member], shape: str, capture_id: str
) -> dict[str, Any]:
    """What the extension sends for an attendees page of `members`.

    shape "page": every row is in the page's HTML (a fully rendered or saved page).
    shape "scrolled": the HTML holds the first rows a virtualised list shows, and every row
    gathered while scrolling comes in `fragments`, as the extension sends a long list.
    """
    rows = attendee_rows(members)
    if shape == "page":
        page, fragments = attendees_page(event_id, rows, len(rows)), []
    elif shape == "scrolled":
        page, fragments = attendees_page(event_id, rows[:VISIBLE_ROWS], len(rows)), rows
    else:
        raise ValueError(f"unknown page shape {shape!r}")
    return {
        "capture_id": capture_id,
        "url": attendees_url(event_id),
        "title": f"Attendees | Feature Stores in Practice, session {event_id} | Meetup",
        "html": page,
        "fragments": fragments,
        "payloads": [],
        "captured_at": "2026-01-15T19:00:00+00:00",
        "source": {"kind": "meetup"},
    }


def body_bytes(body: dict[str, Any]) -> int:
    return len(json.dumps(body).encode())


def _row(m: Member, label: str | None) -> str:
    name = html.escape(m.name)
    if m.photo_url:
        avatar = _PHOTO.format(name=name, src=m.photo_url)
    else:
        avatar = _INITIALS.format(initials="".join(part[0] for part in m.name.split()[:2]))
    return _ROW.format(
        url=m.profile_url,
        name=name,
        avatar=avatar,
        label=_LABEL.format(label=label) if label else "",
        meta=html.escape(m.headline or "Member since 2023"),
    )
