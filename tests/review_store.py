"""A small fictional network for the review page tests: two events, people, touches.

Stored the way captures store it (save_capture and the "seen at" touches), then the user's
own interactions. The dates are fixed: ask the pages for ?today=2025-07-01.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion import answers
from companion.model import Capture, Event
from companion.store import Store
from companion.store.captures import save_capture
from tests.stores import AT, GROUP, meetup_member

TODAY = "2025-07-01"
HOSTILE = "<img src=x onerror=alert(1)>"


@dataclass
class Seeded:
    past: int  # "Graphs by the Lake", 2025-06-12
    upcoming: int  # "Vectors at Dusk", 2025-07-15
    ada: int  # the organizer (a leader by role)
    mira: int  # met and talked about graph databases: her invite is due
    pavel: int  # a connected leader: his next touch is due
    hostile: int  # a name that is markup
    jonas: int  # at the past event, nothing logged yet
    mira_again: int  # the same name at the next event: a merge suggestion


def _event(n: int, title: str, start: str) -> Event:
    return Event(
        title=title,
        url=f"https://www.meetup.com/lakeside-data-science/events/{600000 + n}/",
        platform_id=str(600000 + n),
        start=start,
        timezone="America/Los_Angeles",
        group=GROUP,
        topics=["Graph databases", "Machine learning"],
        description="An evening on graph databases for data engineers.",
        attendee_count=40,
    )


def _store(store: Store, capture: Capture) -> dict[str, int]:
    with store.transaction() as db:
        saved = save_capture(db, capture, None, AT)
        return {db.table("people").get(doc_id=pid)["name"]: pid for pid, _ in saved.people}


def seed(store: Store) -> Seeded:
    past = _event(1, "Graphs by the Lake", "2025-06-12T18:30:00-07:00")
    past.hosts = [meetup_member("81001", "Ada Quillfeather", "host")]
    people = [
        meetup_member("81002", "Mira Okonkwo", headline="Data engineer at Brightwater"),
        meetup_member("81003", "Pavel Lindqvist", headline="Head of Data at Northwind"),
        meetup_member("81004", HOSTILE, headline=HOSTILE),
        meetup_member("81005", "Jonas Feldmann", headline="Student"),
    ]
    at_past = _store(store, Capture("attendees", "meetup", event=past, people=people))
    upcoming = _event(2, "Vectors at Dusk", "2025-07-15T18:30:00-07:00")
    upcoming.hosts = [meetup_member("81001", "Ada Quillfeather", "host")]
    again = [meetup_member("81099", "Mira Okonkwo", headline="Data engineering")]
    at_next = _store(store, Capture("attendees", "meetup", event=upcoming, people=again))
    with store.reading() as net:
        db = net.db
        ids = {e["title"]: e.doc_id for e in db.table("events").all()}
    seeded = Seeded(
        past=ids["Graphs by the Lake"],
        upcoming=ids["Vectors at Dusk"],
        ada=at_past["Ada Quillfeather"],
        mira=at_past["Mira Okonkwo"],
        pavel=at_past["Pavel Lindqvist"],
        hostile=at_past[HOSTILE],
        jonas=at_past["Jonas Feldmann"],
        mira_again=at_next["Mira Okonkwo"],
    )
    with store.transaction() as db:
        met = {"kind": "met", "date": "2025-06-12", "event_id": seeded.past}
        answers.log_interaction(db, seeded.mira, {**met, "note": "graph databases"})
        answers.log_interaction(db, seeded.pavel, {**met, "kind": "talked", "note": ""})
        answers.log_interaction(db, seeded.pavel, {**met, "kind": "connected", "note": ""})
        answers.log_interaction(db, seeded.hostile, {**met, "note": HOSTILE})
    return seeded
