"""Organizer mode: when you organize the event, each speaker gets six to ten natural touches.

Every step is stored as an ordinary interaction (so it counts toward eight) whose `step`
field says which organizer step it was.
"""

from __future__ import annotations

from typing import Any

# (step, what the user sees, the interaction kind it is)
STEPS = [
    ("first_contact", "First contact: invite them to speak", "message"),
    ("briefing", "Briefing: audience, format, timing", "talked"),
    ("help_before", "Help before the event: slides, rehearsal, promotion", "helped"),
    ("help_during", "Help during the event: welcome, setup, questions", "helped"),
    ("thank_you", "Thank-you after the event", "message"),
    ("newsletter", "Mention in the newsletter or recap", "helped"),
    ("personal_follow_up", "Personal follow-up a few weeks later", "follow_up"),
]
_BY_STEP = {step: (label, kind) for step, label, kind in STEPS}


class BadStep(ValueError):
    """The message is one plain sentence for the user."""


def step_interaction(step: str, on: str, event_id: int, note: str = "") -> dict[str, Any]:
    """The interaction that records one organizer step (date already checked)."""
    if step not in _BY_STEP:
        raise BadStep(f"'step' must be one of: {', '.join(s for s, _, _ in STEPS)}.")
    return {"kind": _BY_STEP[step][1], "date": on, "event_id": event_id, "note": note, "step": step}


def checklist(interactions: list[dict[str, Any]], event_id: int) -> dict[str, Any]:
    """Each step with the date it was done at this event (or None), and the next one to do."""
    done = {
        i["step"]: i["date"]
        for i in interactions
        if i.get("event_id") == event_id and i.get("step") in _BY_STEP
    }
    steps = [{"step": s, "label": label, "done_on": done.get(s)} for s, label, _ in STEPS]
    pending = [s["step"] for s in steps if s["done_on"] is None]
    return {
        "steps": steps,
        "done": len(steps) - len(pending),
        "next": pending[0] if pending else None,
    }
