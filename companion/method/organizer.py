"""Organizer mode: when you organize the event, each speaker gets six to ten natural touches.

Every step is stored as an ordinary interaction (so it counts toward eight) whose `step`
field says which organizer step it was.
"""

from __future__ import annotations

from typing import Any

from companion.i18n import N_, _
from companion.method.interactions import NOTE_MAX, iso_date

# (step, what the user sees, the interaction kind it is)
STEPS = [
    ("first_contact", N_("First contact: invite them to speak"), "message"),
    ("briefing", N_("Briefing: audience, format, timing"), "talked"),
    ("help_before", N_("Help before the event: slides, rehearsal, promotion"), "helped"),
    ("help_during", N_("Help during the event: welcome, setup, questions"), "helped"),
    ("thank_you", N_("Thank-you after the event"), "message"),
    ("newsletter", N_("Mention in the newsletter or recap"), "helped"),
    ("personal_follow_up", N_("Personal follow-up a few weeks later"), "follow_up"),
]
_BY_STEP = {step: (label, kind) for step, label, kind in STEPS}


class BadStep(ValueError):
    """The message is one plain sentence for the user."""


def validated(body: Any, event_id: int) -> tuple[int, dict[str, Any]]:
    """(the speaker's id, the interaction for the step) from {person_id, step, date, note}."""
    if not isinstance(body, dict):
        raise BadStep(_("The step must be a JSON object."))
    person_id = body.get("person_id")
    if not isinstance(person_id, int) or isinstance(person_id, bool):
        raise BadStep(_("'person_id' must be the number of a saved person."))
    step = body.get("step")
    if step not in _BY_STEP:
        raise BadStep(
            _("'step' must be one of: %(steps)s.", steps=", ".join(step[0] for step in STEPS))
        )
    on = iso_date(body["date"]) if isinstance(body.get("date"), str) else None
    if on is None:
        raise BadStep(_("'date' must be a date written as YYYY-MM-DD."))
    note = body.get("note") or ""
    if not isinstance(note, str) or len(note) > NOTE_MAX:
        raise BadStep(
            _("'note' must be text of at most %(note_max)s characters.", note_max=NOTE_MAX)
        )
    kind = _BY_STEP[step][1]
    return person_id, {"kind": kind, "date": on, "event_id": event_id, "note": note, "step": step}


def checklist(interactions: list[dict[str, Any]], event_id: int) -> dict[str, Any]:
    """Each step with the date it was done at this event (or None), and the next one to do."""
    done = {
        i["step"]: i["date"]
        for i in interactions
        if i.get("event_id") == event_id and i.get("step") in _BY_STEP
    }
    steps = [{"step": s, "label": _(label), "done_on": done.get(s)} for s, label, _kind in STEPS]
    pending = [s["step"] for s in steps if s["done_on"] is None]
    return {
        "steps": steps,
        "done": len(steps) - len(pending),
        "next": pending[0] if pending else None,
    }
