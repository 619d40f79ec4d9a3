"""Online meetings: Zoom, Google Meet and Teams participant panels, roles, and questions asked."""

from __future__ import annotations

from companion.parsers import parse
from tests.conftest import fixture_text


def roles(capture) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in capture.people]


def test_zoom_participants_roles_and_questions():
    capture = parse(
        fixture_text("zoom-meeting.html"), "https://us02web.zoom.us/wc/83012345678/join"
    )
    event = capture.event
    assert (capture.kind, capture.platform) == ("participants", "zoom")
    assert (event.title, event.platform_id, event.online) == (
        "Applied Forecasting Webinar",
        "83012345678",
        True,
    )
    assert event.attendee_count == 5
    assert [h.name for h in event.hosts] == ["Quinn Adebayo", "Lior Sandoval"]  # host, co-host
    assert event.hosts[0].photo_url == "https://zoom.example/p/quinn.png"
    # The chat shows a sender once for consecutive messages; the viewer's own question is theirs.
    assert [(q.name, q.text) for q in capture.questions] == [
        ("Mette Okoro", "Which library did you use for the hierarchical reconciliation?"),
        ("Ravi Lindgren", "How do you handle intermittent demand"),
        ("Anonymous Attendee", "Can we get the slides?"),
    ]
    assert roles(capture) == [
        ("Quinn Adebayo", "host"),
        ("Lior Sandoval", "host"),
        ("Mette Okoro", "participant"),
        ("Ravi Lindgren", "participant"),
        ("Mette Okoro", "asked_question"),
        ("Ravi Lindgren", "asked_question"),
        ("Anonymous Attendee", "asked_question"),
    ]
    assert "Viewer Person" not in repr(capture.to_dict())


def test_zoom_rows_from_a_scrolled_panel_are_kept_once():
    rows = [
        f'<li class="participants-li"><span class="participants-item__display-name">'
        f"Guest {n:02d}</span></li>"
        for n in range(40)
    ]
    fragments = ["".join(rows[:25]), "".join(rows[15:])]
    capture = parse(
        "<title>Big Call</title>", "https://zoom.us/wc/1234567890/", fragments=fragments
    )
    assert [p.name for p in capture.people] == [f"Guest {n:02d}" for n in range(40)]
    assert capture.event.title == "Big Call"


def test_meet_people_panel_without_the_viewer():
    capture = parse(fixture_text("meet-call.html"), "https://meet.google.com/abc-defg-hij")
    assert (capture.kind, capture.platform) == ("participants", "meet")
    assert (capture.event.title, capture.event.platform_id) == (
        "Causal Inference Study Group",
        "abc-defg-hij",
    )
    assert roles(capture) == [
        ("Hedda Nwosu", "host"),
        ("Arjun Valtonen", "participant"),
        ("Arjun Valtonen", "asked_question"),
    ]
    assert capture.people[0].platform_id == "spaces/x/devices/2"
    assert [(q.name, q.text, q.platform_id) for q in capture.questions] == [
        ("Arjun Valtonen", "Could you share the DAG notebook?", "spaces/x/devices/3"),
        ("Arjun Valtonen", "And is there a data set?", "spaces/x/devices/3"),
    ]


def test_teams_roster_sections_give_the_roles():
    capture = parse(fixture_text("teams-meeting.html"), "https://teams.microsoft.com/_#/meeting")
    event = capture.event
    assert (capture.kind, capture.platform, event.title) == (
        "participants",
        "teams",
        "Quarterly Analytics Guild",
    )
    assert [(h.name, h.role) for h in event.hosts] == [("Ines Holmqvist", "organizer")]
    assert [s.name for s in event.speakers] == ["Kofi Marchetti"]
    assert roles(capture) == [
        ("Ines Holmqvist", "organizer"),
        ("Kofi Marchetti", "speaker"),
        ("Zara Whitfield", "participant"),
        ("Zara Whitfield", "asked_question"),
    ]
    assert [q.text for q in capture.questions] == ["What sample size did the A/B test need?"]


def test_newer_zoom_and_teams_builds_are_read_from_their_name_hooks():
    zoom = parse(
        '<div role="treeitem"><span class="item-user-name">Odile Nakashima</span>'
        '<span class="participants-item__name-label">(Co-host)</span></div>',
        "https://app.zoom.us/wc/98765432101/join",
    )
    assert [(p.name, p.role) for p in zoom.people] == [("Odile Nakashima", "host")]
    teams = parse(
        '<div data-tid="roster-item-1" aria-label="Basil Oyelowo, Presenter"></div>',
        "https://teams.microsoft.com/v2/",
    )
    assert [(p.name, p.role) for p in teams.people] == [("Basil Oyelowo", "speaker")]
