"""Synthetic stores, built as one dict of tables and saved by the store's own storage.

Going through the store's API would take minutes at 50,000 people, so the tables are built
in the shape `save_capture` leaves (in the first format, then upgraded by the store's own
upgrade code, as a user's file would be) and saved in one go: the file and its journal are
then exactly what Hallway itself writes, so starting up measures a start, not an upgrade.
The tables are "events", "people", "attendances", "interactions", "captures" and "meta", each a map
from the document id (a string) to the document.

Proportions, for P people: P/40 events (about 64 attendees each), about 1.7 attendances per
person (most people are seen once, regulars up to ten times), two hosts and a speaker per event
drawn from a small pool of organizers, and interactions with about one person in eight.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.fiction import Member, member
from companion.store import schema
from companion.store.db import DB_NAME
from companion.store.storage import AtomicJSONStorage

SCHEMA = 1  # the format written here; later store versions upgrade it on open
FIRST_MEMBER_ID = 10_000_000
FIRST_EVENT_ID = 400_000_000
_FIRST_DAY = date(2023, 1, 5)  # fixed: the data must not depend on today's date
GROUPS = ("lakeside-data-science", "harbor-ml-night", "copperleaf-analytics", "open-notebooks")
INTERACTION_KINDS = ("met", "talked", "connected", "messaged", "met_again", "helped")


@dataclass
class StoreShape:
    people: int
    events: int
    attendances: int
    interactions: int
    captures: int
    bytes: int


def store_data(people: int, seed: int = 7) -> dict[str, dict[str, dict[str, Any]]]:
    """The whole database of a networker who has met `people` people, as TinyDB keeps it."""
    rng = random.Random(seed + 1)
    members = store_members(people, seed)
    events = [_event(rng, i) for i in range(max(3, people // 40))]
    organizers = list(range(1, max(4, people // 200) + 1))
    attendances: list[dict[str, Any]] = []
    for event_id in range(1, len(events) + 1):
        for role, person_id in zip(
            ("host", "host", "speaker"), rng.sample(organizers, 3), strict=True
        ):
            attendances.append({"person_id": person_id, "event_id": event_id, "role": role})
    for person_id in range(1, people + 1):
        for event_id in rng.sample(range(1, len(events) + 1), min(_times_seen(rng), len(events))):
            attendances.append({"person_id": person_id, "event_id": event_id, "role": "attendee"})
    interactions = [
        _interaction(rng, person_id, len(events))
        for person_id in rng.sample(range(1, people + 1), people // 8)
        for _ in range(rng.randint(1, 6))
    ]
    captures = [
        {"capture_id": f"bench-{i:06d}", "event_id": i, "at": events[i - 1]["first_seen"]}
        for i in range(1, len(events) + 1)
    ]
    return {
        "meta": {"1": {"schema": SCHEMA}},
        "events": _table(events),
        "people": _table(_person(rng, m, events) for m in members),
        "attendances": _table(attendances),
        "interactions": _table(interactions),
        "captures": _table(captures),
    }


def write_store(folder: Path, people: int, seed: int = 7) -> StoreShape:
    """Write `hallway.json` for `people` people into `folder`; return what it holds."""
    data = schema.upgrade(store_data(people, seed))
    folder.mkdir(parents=True, exist_ok=True)
    AtomicJSONStorage(folder / DB_NAME).write(data)
    return StoreShape(
        people=len(data["people"]),
        events=len(data["events"]),
        attendances=len(data["attendances"]),
        interactions=len(data["interactions"]),
        captures=len(data["captures"]),
        bytes=(folder / DB_NAME).stat().st_size,
    )


def store_members(people: int, seed: int = 7) -> list[Member]:
    """The people of the store `write_store(folder, people, seed)` writes, in id order."""
    rng = random.Random(seed)
    return [member(rng, FIRST_MEMBER_ID + i) for i in range(people)]


def _times_seen(rng: random.Random) -> int:
    roll = rng.random()
    return 1 if roll < 0.6 else 2 if roll < 0.85 else rng.randint(3, 10)


def _day(rng: random.Random) -> date:
    return _FIRST_DAY + timedelta(days=rng.randrange(3 * 365))


def _event(rng: random.Random, index: int) -> dict[str, Any]:
    day = _day(rng)
    group = rng.choice(GROUPS)
    event_id = str(FIRST_EVENT_ID + index)
    url = f"https://www.meetup.com/{group}/events/{event_id}/"
    return {
        "title": f"{rng.choice(('Applied', 'Practical', 'Open', 'Hands-on'))} "
        f"{rng.choice(('Feature Stores', 'Forecasting', 'LLM Evaluation', 'Causal Inference'))} "
        f"night #{index + 1}",
        "url": url,
        "platform_id": event_id,
        "start": f"{day.isoformat()}T18:30:00-07:00",
        "end": f"{day.isoformat()}T20:30:00-07:00",
        "timezone": "America/Los_Angeles",
        "status": "past",
        "group": {
            "name": group.replace("-", " ").title(),
            "url": f"https://www.meetup.com/{group}/",
        },
        "venue": {"name": "Northwind Labs", "address": "12 Harbor Street, Portland, OR"},
        "online": False,
        "sponsors": ["Northwind Labs"],
        "topics": ["Data Science", "Machine Learning"],
        "description": "Talks, pizza and people. " * 8,
        "attendee_count": rng.randint(20, 120),
        "key": f"meetup:event:{event_id}",
        "platform": "meetup",
        "first_seen": f"{day.isoformat()}T19:00:00+00:00",
    }


def _person(rng: random.Random, m: Member, events: list[dict[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": m.name, "profile_url": m.profile_url}
    if m.headline:
        doc["headline"] = m.headline
    if m.photo_url:
        doc["photo_url"] = m.photo_url
    roll = rng.random()
    doc.update(
        keys=[f"meetup:member:{m.member_id}"],
        status="connected" if roll < 0.1 else "invited" if roll < 0.15 else "none",
        notes="Asked about feature stores; follow up on the data set." if roll < 0.05 else "",
        first_seen=rng.choice(events)["first_seen"],
    )
    return doc


def _interaction(rng: random.Random, person_id: int, events: int) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "kind": rng.choice(INTERACTION_KINDS),
        "date": _day(rng).isoformat(),
        "event_id": rng.randint(1, events),
        "note": "",
    }


def _table(docs: Any) -> dict[str, dict[str, Any]]:
    return {str(i): doc for i, doc in enumerate(docs, start=1)}
