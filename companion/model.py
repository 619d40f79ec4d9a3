"""The normalized shape every parser produces, whatever the platform.

Parsers fill these; the store and the method layer read them. Absent facts stay None:
nothing here is ever guessed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["event", "attendees", "listing", "participants"]
Role = Literal["host", "organizer", "speaker", "attendee", "participant", "asked_question"]


@dataclass
class Person:
    name: str
    platform_id: str | None = None
    profile_url: str | None = None
    role: str = "attendee"
    headline: str | None = None
    photo_url: str | None = None
    can_message: bool | None = None
    linkedin_url: str | None = None  # only when the page itself links it (Luma hosts)
    source: str | None = None  # "description": named in its text, not in the page's data


@dataclass
class Place:
    name: str | None
    address: str | None


@dataclass
class Group:
    name: str
    url: str | None


@dataclass
class Event:
    title: str
    url: str | None = None
    platform_id: str | None = None
    start: str | None = None
    end: str | None = None
    timezone: str | None = None
    status: str | None = None
    group: Group | None = None
    venue: Place | None = None
    online: bool | None = None
    hosts: list[Person] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    description: str | None = None
    attendee_count: int | None = None


@dataclass
class Question:
    """A question someone asked in an online meeting's chat or Q&A panel."""

    name: str
    text: str
    platform_id: str | None = None


@dataclass
class Capture:
    """What one captured page says."""

    kind: Kind
    platform: str
    event: Event | None = None
    events: list[Event] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
