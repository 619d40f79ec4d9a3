"""Progress against the method, in numbers the progress page draws (issue 18).

Everything is computed from plain facts the caller gathers from the store: each person's
class and touches, each event's day and group. The questions, one function each:
- touches per week, peers and leaders, the last 26 weeks;
- time with leaders: their share of your own touches (the method: half) against their
  share of the people in the rooms you were in (about a fifth);
- toward eight: how many people sit at each stage, and who is closest;
- follow-up discipline: invites within 3 days of the event, next touches inside the window
  (not before 14 days, not after 28), per month;
- groups worth going back to: leaders met per event.
A touch is one the user made (`interactions.PERSONAL`); "seen at" counts toward eight only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from companion.method.followups import CONNECT_WITHIN_DAYS, NEXT_TOUCH_DAYS
from companion.method.interactions import GOAL, PERSONAL

WEEKS = 26
LEADER_WINDOW_DAYS = 90
LEADER_TARGET = 0.5  # half your time with leaders
MONTHS = 6
LATE_AFTER_DAYS = 2 * NEXT_TOUCH_DAYS  # a next touch past four weeks has let the thread drop
STAGES = (("1", 1, 1), ("2-3", 2, 3), ("4-5", 4, 5), ("6-7", 6, 7), ("8+", GOAL, None))
CLOSEST = 10
_INVITES = {"invite_sent", "connected"}
_NEXT_TOUCHES = {"message", "follow_up", "met_again", "helped"}


@dataclass(frozen=True)
class Touch:
    day: date
    kind: str
    event_id: int | None = None


@dataclass
class Someone:
    """One person as progress needs them."""

    id: int
    name: str
    cls: str  # "peer" or "leader"
    touches: list[Touch] = field(default_factory=list)  # every touch, "seen at" included
    events: set[int] = field(default_factory=set)  # the events they were at

    @property
    def own(self) -> list[Touch]:
        return sorted((t for t in self.touches if t.kind in PERSONAL), key=lambda t: t.day)


@dataclass(frozen=True)
class Gathering:
    id: int
    day: date | None
    group: str | None


def weekly(people: list[Someone], events: list[Gathering], today: date) -> list[dict]:
    """Your touches per week (Monday to Sunday), peers and leaders apart, oldest week first."""
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    counts = {m: Counter() for m in mondays}
    for person in people:
        for touch in person.own:
            monday = touch.day - timedelta(days=touch.day.weekday())
            if monday in counts and touch.day <= today:
                counts[monday][person.cls] += 1
    with_events = {e.day - timedelta(days=e.day.weekday()) for e in events if e.day}
    return [
        {"week": m, "peer": counts[m]["peer"], "leader": counts[m]["leader"],
         "event": m in with_events}
        for m in mondays
    ]  # fmt: skip


def leader_share(people: list[Someone], events: list[Gathering], today: date) -> dict:
    """Over the last 90 days: leaders' share of your touches, and of the people in your rooms."""
    since = today - timedelta(days=LEADER_WINDOW_DAYS)
    touched = Counter(p.cls for p in people for t in p.own if since < t.day <= today)
    recent = {e.id for e in events if e.day and since < e.day <= today}
    in_rooms = Counter(p.cls for p in people if p.events & recent)
    return {
        "touches": sum(touched.values()),
        "with_leaders": touched["leader"],
        "touch_share": _share(touched["leader"], sum(touched.values())),
        "people": sum(in_rooms.values()),
        "leaders": in_rooms["leader"],
        "room_share": _share(in_rooms["leader"], sum(in_rooms.values())),
        "target": LEADER_TARGET,
    }


def toward_eight(people: list[Someone]) -> dict:
    """How many people sit at each stage, and the ten closest to eight (most touches first)."""
    counts = {p.id: len(p.touches) for p in people}
    stages = [
        {"stage": label, "people": sum(1 for c in counts.values() if _within(c, low, high))}
        for label, low, high in STAGES
    ]
    near = sorted(
        (p for p in people if 0 < counts[p.id] < GOAL), key=lambda p: (-counts[p.id], p.name)
    )
    return {"stages": stages, "closest": [(p, counts[p.id]) for p in near[:CLOSEST]]}


def discipline(people: list[Someone], events: list[Gathering], today: date) -> list[dict]:
    """Per month, the last six: invites sent within 3 days of the event they name, and next
    touches that came inside their window (14 to 28 days after the touch before)."""
    held = {e.id: e.day for e in events if e.day}
    months = _months(today)
    tally = {m: Counter() for m in months}
    for person in people:
        before: Touch | None = None
        for touch in person.own:
            month = (touch.day.year, touch.day.month)
            if month in tally and touch.day <= today:
                _count(tally[month], touch, before, held)
            before = touch
    return [{"month": date(y, m, 1), **tally[(y, m)]} for y, m in months]


def _count(tally: Counter, touch: Touch, before: Touch | None, held: dict[int, date]) -> None:
    if touch.kind in _INVITES and touch.event_id in held:
        tally["invites"] += 1
        tally["invites_on_time"] += (touch.day - held[touch.event_id]).days <= CONNECT_WITHIN_DAYS
    elif touch.kind in _NEXT_TOUCHES and before is not None:
        gap = (touch.day - before.day).days
        tally["next_touches"] += 1
        tally["next_on_time"] += NEXT_TOUCH_DAYS <= gap <= LATE_AFTER_DAYS


def groups(people: list[Someone], events: list[Gathering]) -> list[dict]:
    """Per group: events you went to, people you met there (a touch of your own at one of
    its events), leaders among them, connections made; most leaders met per event first."""
    group_of = {e.id: e.group for e in events if e.group}
    rows: dict[str, dict] = defaultdict(
        lambda: {"events": 0, "met": set(), "leaders": set(), "connected": set()}
    )
    for group in group_of.values():
        rows[group]["events"] += 1
    for person in people:
        for touch in person.own:
            group = group_of.get(touch.event_id) if touch.event_id is not None else None
            if group is None:
                continue
            rows[group]["met"].add(person.id)
            if person.cls == "leader":
                rows[group]["leaders"].add(person.id)
            if touch.kind == "connected":
                rows[group]["connected"].add(person.id)
    table = [
        {
            "group": g,
            "events": r["events"],
            "met": len(r["met"]),
            "leaders": len(r["leaders"]),
            "connected": len(r["connected"]),
            "leaders_per_event": round(len(r["leaders"]) / r["events"], 1),
        }
        for g, r in rows.items()
    ]
    return sorted(table, key=lambda r: (-r["leaders_per_event"], -r["met"], r["group"]))


def _within(count: int, low: int, high: int | None) -> bool:
    return low <= count and (high is None or count <= high)


def _months(today: date) -> list[tuple[int, int]]:
    y, m = today.year, today.month
    out = []
    for _ in range(MONTHS):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 2) if whole else None
