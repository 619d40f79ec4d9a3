"""The progress page's figures (issue 18), each checked against a small network worked out
by hand, then the page and its charts as the browser gets them."""

from __future__ import annotations

from datetime import date

import pytest

from companion.method import progress
from companion.method.progress import Gathering, Someone, Touch
from tests.review_store import seed

TODAY = date(2025, 7, 1)  # a Tuesday: this week began on Monday 30 June
E1 = Gathering(1, date(2025, 6, 12), "Lakeside Data Science")
E2 = Gathering(2, date(2025, 6, 26), "Lakeside Data Science")
E3 = Gathering(3, date(2025, 5, 20), "Harbor Hackers")
EVENTS = [E1, E2, E3]


def d(month: int, day: int) -> date:
    return date(2025, month, day)


ADA = Someone(1, "Ada Example", "leader", [
    Touch(d(6, 12), "seen_at", 1), Touch(d(6, 12), "met", 1),
    Touch(d(6, 14), "connected", 1),  # 2 days after the event: on time
    Touch(d(6, 30), "follow_up"),  # 16 days after the last: inside the window
], {1})  # fmt: skip
BO = Someone(2, "Bo Example", "peer", [
    Touch(d(6, 12), "seen_at", 1), Touch(d(6, 12), "met", 1),
    Touch(d(6, 20), "invite_sent", 1),  # 8 days after: late
    Touch(d(6, 25), "message"),  # 5 days after the last: too soon
], {1, 2})  # fmt: skip
CY = Someone(3, "Cy Example", "peer", [Touch(d(5, 20), "seen_at", 3), Touch(d(5, 20), "met", 3)],
             {3})  # fmt: skip
DEE = Someone(4, "Dee Example", "leader", [Touch(d(6, 26), "seen_at", 2)], {2})
EVE = Someone(5, "Eve Example", "peer", [Touch(d(3, n), "met") for n in range(1, 9)], set())
PEOPLE = [ADA, BO, CY, DEE, EVE]


def test_touches_per_week_are_your_own_peers_and_leaders_stacked_with_event_weeks_marked():
    weeks = progress.weekly(PEOPLE, EVENTS, TODAY)
    assert len(weeks) == 26 and weeks[-1]["week"] == d(6, 30)
    by_week = {w["week"]: (w["peer"], w["leader"], w["event"]) for w in weeks}
    assert by_week[d(6, 9)] == (1, 2, True)  # Bo met; Ada met, connected (seen_at not counted)
    assert by_week[d(6, 16)] == (1, 0, False)  # Bo's invite
    assert by_week[d(6, 23)] == (1, 0, True)  # Bo's message; event 2 that week
    assert by_week[d(6, 30)] == (0, 1, False)  # Ada's follow-up
    assert by_week[d(5, 19)] == (1, 0, True)  # Cy, at event 3
    assert by_week[d(3, 3)] == (6, 0, False)  # Eve, 3-8 March
    assert by_week[date(2025, 2, 24)] == (2, 0, False)  # and 1-2 March, the week before


def test_time_with_leaders_against_the_share_of_leaders_in_your_rooms():
    share = progress.leader_share(PEOPLE, EVENTS, TODAY)
    # 90 days back from 1 July: 2 April onwards. Own touches: Ada 3, Bo 3, Cy 1.
    assert (share["with_leaders"], share["touches"], share["touch_share"]) == (3, 7, 0.43)
    # In the rooms of events 1-3: Ada, Bo, Cy, Dee; leaders Ada and Dee.
    assert (share["leaders"], share["people"], share["room_share"]) == (2, 4, 0.5)


def test_toward_eight_counts_every_touch_and_lists_the_closest_first():
    eight = progress.toward_eight(PEOPLE)
    assert {s["stage"]: s["people"] for s in eight["stages"]} == {
        "1": 1, "2-3": 1, "4-5": 2, "6-7": 0, "8+": 1,
    }  # fmt: skip
    assert [(p.name, n) for p, n in eight["closest"]] == [
        ("Ada Example", 4), ("Bo Example", 4), ("Cy Example", 2), ("Dee Example", 1),
    ]  # fmt: skip


def test_follow_up_discipline_per_month():
    months = {m["month"]: m for m in progress.discipline(PEOPLE, EVENTS, TODAY)}
    assert list(months) == [d(2, 1), d(3, 1), d(4, 1), d(5, 1), d(6, 1), d(7, 1)]
    june = months[d(6, 1)]
    assert (june["invites"], june["invites_on_time"]) == (2, 1)  # Ada's on time, Bo's late
    assert (june["next_touches"], june["next_on_time"]) == (2, 1)  # Ada's in, Bo's too soon
    assert months[d(3, 1)].get("next_touches", 0) == 0  # Eve's "met"s are not next touches


def test_groups_sorted_by_leaders_met_per_event():
    rows = progress.groups(PEOPLE, EVENTS)
    assert rows == [
        {"group": "Lakeside Data Science", "events": 2, "met": 2, "leaders": 1, "connected": 1,
         "leaders_per_event": 0.5},
        {"group": "Harbor Hackers", "events": 1, "met": 1, "leaders": 0, "connected": 0,
         "leaders_per_event": 0.0},
    ]  # fmt: skip


@pytest.fixture
def seeded(app):
    return seed(app.extensions["hallway_store"])


def test_the_progress_page_says_what_each_chart_shows_and_lists_its_numbers(client, seeded):
    page = client.get("/progress?today=2025-07-01")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Touches per week" in body and "Groups worth going back to" in body
    assert "of the people in your rooms" in body
    for name in ("weeks", "leaders", "stages", "discipline", "groups"):
        assert f'src="/progress/{name}.svg?today=2025-07-01"' in body


@pytest.mark.parametrize("name", ["weeks", "leaders", "stages", "discipline", "groups"])
def test_each_chart_is_an_svg_picture_that_may_run_nothing_and_load_nothing(client, seeded, name):
    chart = client.get(f"/progress/{name}.svg?today=2025-07-01")
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert (
        chart.headers["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    )
    assert b"<svg" in chart.data and b"@import" not in chart.data


def test_an_unknown_chart_is_not_found(client):
    assert client.get("/progress/secrets.svg").status_code == 404
