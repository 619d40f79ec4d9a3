"""Follow-ups: the connection status and when the next touch is due (DESIGN.md section 1).

The rules, each visible in the `reason` the user reads:
- After an event where you met someone (you logged a touch with them there) and you are not
  connected yet, send a LinkedIn invite with a note: due the day after the event, to be done
  within a few days.
- After any touch you made, the next one is due no sooner than 14 days later, unless you
  agreed a date with them (the person's `follow_up_on`), which then wins.
- A free LinkedIn account gets about five personalized invites a month: the budget is a
  setting, counted from the invites marked sent in the calendar month.
Every function takes `today`; nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from companion import i18n
from companion.i18n import _
from companion.method.interactions import PERSONAL, iso_date, last_touch

STATUSES = ("none", "invite_sent", "connected")
NEXT_TOUCH_DAYS = 14
CONNECT_WITHIN_DAYS = 3
DEFAULT_INVITE_BUDGET = 5
# What logging an interaction says about the connection.
_STATUS_FROM_KIND = {"invite_sent": "invite_sent", "connected": "connected"}


@dataclass(frozen=True)
class Due:
    kind: str  # "invite" or "next_touch"
    due_on: str
    reason: str
    event_id: int | None = None

    def is_due(self, today: date) -> bool:
        return self.due_on <= today.isoformat()


def status(person: dict[str, Any]) -> str:
    """The connection status the user keeps (logging an invite or a connection advances it)."""
    stored = person.get("status")
    return stored if stored in STATUSES else "none"


def status_after(current: str, kind: str) -> str:
    """The status once an interaction of `kind` is logged: it only moves forward, so an old
    invite logged late never undoes a connection; the user can still set any status."""
    logged = _STATUS_FROM_KIND.get(kind, "none")
    return max(current, logged, key=STATUSES.index)


def next_step(
    person: dict[str, Any],
    interactions: list[dict[str, Any]],
    events: dict[int, dict[str, Any]],
    invites_left: int | None = None,
) -> Due | None:
    """What to do next with this person and from when, or None when nothing is pending.

    `events` maps event ids to the events, to name them and date them.
    """
    if status(person) == "none":
        invite = _invite(interactions, events, invites_left)
        if invite:
            return invite
    last = last_touch(interactions, personal=True)
    if last is None:
        return None
    agreed = iso_date(person.get("follow_up_on"))
    if agreed and agreed > last:
        said = _("You agreed to follow up on %(day)s.", day=i18n.short_day(agreed))
        return Due("next_touch", agreed, said)
    due_on = (date.fromisoformat(last) + timedelta(days=NEXT_TOUCH_DAYS)).isoformat()
    return Due(
        "next_touch",
        due_on,
        _(
            "Your last touch was on %(day)s: the next is due %(n)s days later.",
            day=i18n.short_day(last),
            n=NEXT_TOUCH_DAYS,
        ),
    )


def _invite(
    interactions: list[dict[str, Any]],
    events: dict[int, dict[str, Any]],
    invites_left: int | None,
) -> Due | None:
    """An invite after the latest event where you met them (a touch you logged there)."""
    met_at = [
        i["event_id"] for i in interactions if i["kind"] in PERSONAL and i.get("event_id") in events
    ]
    if not met_at:
        return None
    event_id = max(met_at, key=lambda e: iso_date(events[e].get("start")) or "")
    event = events[event_id]
    held = iso_date(event.get("start")) or max(
        i["date"] for i in interactions if i.get("event_id") == event_id
    )
    due_on = (date.fromisoformat(held) + timedelta(days=1)).isoformat()
    reason = _(
        "You met at %(event)s on %(day)s: connect on LinkedIn with a note within %(n)s days.",
        event=event.get("title") or _("an event"),
        day=i18n.short_day(held),
        n=CONNECT_WITHIN_DAYS,
    )
    if invites_left == 0:
        used_up = _("This month's personalized invites are used up: invite without a note.")
        reason = f"{reason} {used_up}"
    return Due("invite", due_on, reason, event_id)


def invite_budget(
    interactions: list[dict[str, Any]], today: date, budget: int = DEFAULT_INVITE_BUDGET
) -> dict[str, Any]:
    """Personalized invites used and left in today's calendar month."""
    month = today.isoformat()[:7]
    used = sum(1 for i in interactions if i["kind"] == "invite_sent" and i["date"][:7] == month)
    return {"month": month, "budget": budget, "used": used, "left": max(budget - used, 0)}
