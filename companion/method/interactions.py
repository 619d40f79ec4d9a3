"""Interactions: the dated touches on a person's timeline, and progress toward eight.

Trust, like a sale, takes at least eight touches (DESIGN.md section 1). Every kind below is a
touch except "note", which is the user writing something down for themselves. Seeing the
same person at several events counts: a capture adds one "seen_at" touch per event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from companion.i18n import _

KINDS = (
    "met",
    "talked",
    "connected",
    "invite_sent",
    "message",
    "follow_up",
    "helped",
    "met_again",
    "note",
    "seen_at",
)
GOAL = 8
# Not a touch: a note to self.
NOT_TOUCHES = {"note"}
# Touches the user made on purpose; "seen_at" only says you were in the same room.
PERSONAL = set(KINDS) - NOT_TOUCHES - {"seen_at"}
NOTE_MAX = 2000


class BadInteraction(ValueError):
    """The message is one plain sentence for the user."""


def validated(body: Any) -> dict[str, Any]:
    """The fields of a new interaction, or BadInteraction saying what is wrong."""
    if not isinstance(body, dict):
        raise BadInteraction(_("The interaction must be a JSON object."))
    kind = body.get("kind")
    if kind not in KINDS:
        raise BadInteraction(_("'kind' must be one of: %(names)s.", names=", ".join(KINDS)))
    on = body.get("date")
    if not isinstance(on, str) or iso_date(on) is None:
        raise BadInteraction(_("'date' must be a date written as YYYY-MM-DD."))
    event_id = body.get("event_id")
    if event_id is not None and (not isinstance(event_id, int) or isinstance(event_id, bool)):
        raise BadInteraction(_("'event_id' must be an event's number, or null."))
    note = body.get("note") or ""
    if not isinstance(note, str) or len(note) > NOTE_MAX:
        raise BadInteraction(
            _("'note' must be text of at most %(note_max)s characters.", note_max=NOTE_MAX)
        )
    return {"kind": kind, "date": iso_date(on), "event_id": event_id, "note": note.strip()}


def iso_date(value: str | None) -> str | None:
    """'2025-06-12' from a date or a timestamp; None when it is neither."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def touches(interactions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in interactions if i.get("kind") not in NOT_TOUCHES]


def progress(interactions: list[dict[str, Any]]) -> dict[str, Any]:
    """{'count': 3, 'goal': 8, 'left': 5} from a person's interactions."""
    count = len(touches(interactions))
    return {"count": count, "goal": GOAL, "left": max(GOAL - count, 0)}


def last_touch(interactions: list[dict[str, Any]], personal: bool = False) -> str | None:
    """The date of the latest touch (only those the user made, when `personal`)."""
    kinds = PERSONAL if personal else set(KINDS) - NOT_TOUCHES
    dates = [i["date"] for i in interactions if i.get("kind") in kinds and i.get("date")]
    return max(dates) if dates else None


def seen_at(person_id: int, event_id: int, on: str) -> dict[str, Any]:
    """The touch a capture adds when it shows a person at an event."""
    return {"person_id": person_id, "kind": "seen_at", "date": on, "event_id": event_id, "note": ""}
