"""Follow-up rules, one by one, with fixed dates: nothing here depends on today's date."""

from __future__ import annotations

from datetime import date

from companion.method import followups
from companion.method.interactions import progress

EVENTS = {
    1: {"title": "Feature Stores Night", "start": "2025-06-12T18:30:00-07:00"},
    2: {"title": "Graph Night", "start": "2025-07-10T18:30:00-07:00"},
}


def touch(kind: str, on: str, event_id: int | None = None, note: str = "") -> dict:
    return {"person_id": 1, "kind": kind, "date": on, "event_id": event_id, "note": note}


def test_status_is_what_the_user_keeps():
    assert followups.status({}) == "none"
    assert followups.status({"status": "invite_sent"}) == "invite_sent"
    assert followups.status({"status": "garbled"}) == "none"


def test_logging_an_invite_or_connection_only_moves_the_status_forward():
    assert followups.status_after("none", "invite_sent") == "invite_sent"
    assert followups.status_after("invite_sent", "connected") == "connected"
    assert followups.status_after("connected", "invite_sent") == "connected"
    assert followups.status_after("none", "talked") == "none"


def test_nothing_is_due_for_someone_only_seen_in_the_room():
    assert (
        followups.next_step({"status": "none"}, [touch("seen_at", "2025-06-12", 1)], EVENTS) is None
    )


def test_invite_is_due_the_day_after_an_event_where_you_met():
    step = followups.next_step({"status": "none"}, [touch("talked", "2025-06-12", 1)], EVENTS)
    assert (step.kind, step.due_on, step.event_id) == ("invite", "2025-06-13", 1)
    assert "Feature Stores Night" in step.reason and "within 3 days" in step.reason
    assert not step.is_due(date(2025, 6, 12))
    assert step.is_due(date(2025, 6, 13))


def test_invite_follows_the_latest_event_where_you_met():
    logged = [touch("met", "2025-06-12", 1), touch("talked", "2025-07-10", 2)]
    step = followups.next_step({"status": "none"}, logged, EVENTS)
    assert (step.event_id, step.due_on) == (2, "2025-07-11")


def test_an_exhausted_invite_budget_is_said_in_the_reason():
    step = followups.next_step({}, [touch("met", "2025-06-12", 1)], EVENTS, invites_left=0)
    assert "used up" in step.reason


def test_next_touch_is_due_fourteen_days_after_the_last():
    logged = [touch("met", "2025-06-12", 1), touch("invite_sent", "2025-06-14")]
    step = followups.next_step({"status": "invite_sent"}, logged, EVENTS)
    assert (step.kind, step.due_on) == ("next_touch", "2025-06-28")
    assert not step.is_due(date(2025, 6, 27))
    assert step.is_due(date(2025, 6, 28))


def test_seen_at_does_not_restart_the_fourteen_days():
    logged = [touch("connected", "2025-06-14"), touch("seen_at", "2025-06-20", 2)]
    assert followups.next_step({}, logged, EVENTS).due_on == "2025-06-28"


def test_an_agreed_date_wins_even_when_it_is_sooner():
    logged = [touch("connected", "2025-06-14")]
    step = followups.next_step({"follow_up_on": "2025-06-18"}, logged, EVENTS)
    assert (step.due_on, step.reason) == ("2025-06-18", "You agreed to follow up on 2025-06-18.")


def test_an_agreed_date_already_followed_up_gives_way_to_the_fourteen_days():
    logged = [touch("connected", "2025-06-14"), touch("follow_up", "2025-06-20")]
    step = followups.next_step({"follow_up_on": "2025-06-18"}, logged, EVENTS)
    assert step.due_on == "2025-07-04"


def test_a_note_to_self_is_not_a_touch():
    logged = [touch("connected", "2025-06-14"), touch("note", "2025-06-25", note="likes R")]
    assert followups.next_step({}, logged, EVENTS).due_on == "2025-06-28"
    assert progress(logged)["count"] == 1


def test_invite_budget_counts_invites_sent_this_calendar_month():
    logged = [
        touch("invite_sent", "2025-05-31"),
        touch("invite_sent", "2025-06-01"),
        touch("invite_sent", "2025-06-30"),
        touch("connected", "2025-06-15"),
    ]
    assert followups.invite_budget(logged, date(2025, 6, 15)) == {
        "month": "2025-06",
        "budget": 5,
        "used": 2,
        "left": 3,
    }
    assert followups.invite_budget(logged, date(2025, 6, 15), budget=1)["left"] == 0
