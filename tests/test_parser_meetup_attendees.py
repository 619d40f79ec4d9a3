"""Meetup attendee lists: the rendered page, its virtualized rows, the GraphQL answer, 2020 DOM."""

from __future__ import annotations

import json
from html import escape

import pytest

from companion.parsers import parse
from tests.conftest import fixture_text

EVENT_URL = "https://www.meetup.com/lakeside-data-science/events/301234567/"
FIRST = ["Ada", "Bram", "Chidi", "Dagny", "Emeka", "Farah", "Goran", "Hana", "Ines", "Joss"]
LAST = ["Quill", "Verhoef", "Nakamura", "Oyelaran", "Lindqvist", "Moreau", "Petrov", "Sato",
        "Okonkwo", "Valdez", "Brandt", "Castillo", "Dube", "Eriksen", "Fontaine", "Gallo",
        "Haddad", "Ibarra", "Jansen", "Kowalski", "Laine", "Mbeki", "Novak", "Ortega",
        "Pereira", "Quintero", "Rossi", "Szabo", "Tanaka", "Uddin"]  # fmt: skip


def member(n: int) -> tuple[str, str]:
    """A fictional member: id and name, unique for n < 300."""
    return str(7_000_000 + n), f"{FIRST[n % 10]} {LAST[n // 10]}"


def row(n: int) -> str:
    member_id, name = member(n)
    label = {0: "Host", 1: "Organizer"}.get(n, "")
    return (
        f'<li><a href="https://www.meetup.com/members/{member_id}/">'
        f'<img src="https://secure-content.meetupstatic.com/images/classic-member/{n}/45x45.jpg"'
        f' alt="Photo of the user {escape(name)}"></a>'
        f'<div><p class="font-medium">{escape(name.split()[0])} {escape(name.split()[1][0])}.</p>'
        f"<span>{label}</span></div></li>"
    )


def attendees_page(rows: range) -> str:
    return (
        "<html><head><title>Attendees | Feature Stores in Practice | Meetup</title></head><body>"
        '<header><a href="https://www.meetup.com/members/9999999/">Viewer Person</a></header>'
        "<main><h1>Feature Stores in Practice</h1>"
        '<div data-testid="attendees-tab-container"><button>Going 300</button>'
        "<button>Waitlist 4</button></div><ul>"
        + "".join(row(n) for n in rows)
        + "</ul></main></body></html>"
    )


def test_a_rendered_attendees_page_with_300_rows():
    capture = parse(attendees_page(range(300)), EVENT_URL + "attendees/")
    assert (capture.kind, capture.platform) == ("attendees", "meetup")
    assert capture.event.title == "Feature Stores in Practice"
    assert capture.event.platform_id == "301234567"
    assert capture.event.attendee_count == 300
    assert [p.platform_id for p in capture.people] == [member(n)[0] for n in range(300)]
    # The shortened visible name loses to the photo's full one.
    assert capture.people[42].name == member(42)[1]
    assert capture.people[42].profile_url == "https://www.meetup.com/members/7000042/"
    assert capture.people[42].photo_url.endswith("/42/45x45.jpg")
    assert [p.role for p in capture.people[:3]] == ["host", "organizer", "attendee"]
    assert "9999999" not in {p.platform_id for p in capture.people}  # the viewer, in the header


def test_a_virtualized_list_sent_as_overlapping_fragments_gives_each_person_once():
    shell = attendees_page(range(0))
    # Windows of 40 rows, each starting 25 rows after the last: every row seen once or twice.
    fragments = ["".join(row(n) for n in range(start, min(start + 40, 300)))
                 for start in range(0, 300, 25)]  # fmt: skip
    capture = parse(shell, EVENT_URL + "attendees/", fragments=fragments)
    ids = [p.platform_id for p in capture.people]
    assert len(ids) == len(set(ids)) == 300
    assert set(ids) == {member(n)[0] for n in range(300)}


def gql_page(event_id: str, rows: range, status: str = "YES") -> dict:
    edges = []
    for n in rows:
        member_id, name = member(n)
        edges.append(
            {
                "node": {
                    "status": "EXCUSED_ABSENCE" if n == 5 else status,
                    "isHost": n == 0,
                    "membership": {"role": "COORGANIZER" if n == 1 else "MEMBER", "title": ""},
                    "member": {
                        "id": member_id,
                        "name": name,
                        "memberPhoto": {"id": str(n), "baseUrl": "https://img.example/m/"},
                        "profilePrivacy": {
                            "whoCanContact": ["ALL_MEMBERS", "ORGS_ONLY", "GROUPS_ONLY"][n % 3]
                        },
                    },
                }
            }
        )
    return {
        "data": {
            "event": {
                "id": event_id,
                "title": "Feature Stores in Practice &amp; MLOps",
                "eventUrl": "https://www.meetup.com/fr-FR/lakeside-data-science/events/301234567/",
                "dateTime": "2025-06-12T18:30:00-07:00",
                "endTime": "2025-06-12T20:30:00-07:00",
                "status": "ACTIVE",
                "eventType": "PHYSICAL",
                "eventHosts": [{"memberId": member(0)[0]}],
                "venue": {"name": "Northwind Labs", "address": "12 Harbor Street"},
                "rsvps": {"totalCount": 29, "yesCount": 29, "edges": edges},
            }
        }
    }


def test_attendee_graphql_answers_are_read_without_html_and_their_pages_merged():
    pages = [
        gql_page("301234567", range(0, 20)),
        gql_page("301234567", range(15, 30)),
        gql_page("309999999", range(100, 110)),  # another event's answer, loaded in passing
    ]
    capture = parse("", None, payloads=pages)
    event = capture.event
    assert (capture.kind, event.title, event.platform_id) == (
        "attendees",
        "Feature Stores in Practice & MLOps",
        "301234567",
    )
    assert (event.start, event.attendee_count) == ("2025-06-12T18:30:00-07:00", 29)
    assert (event.venue.name, event.venue.address) == ("Northwind Labs", "12 Harbor Street")
    assert [h.name for h in event.hosts] == [member(0)[1]]
    ids = [p.platform_id for p in capture.people]
    assert ids == [member(n)[0] for n in range(30) if n != 5]  # the excused one did not come
    people = {p.platform_id: p for p in capture.people}
    assert people[member(0)[0]].role == "host"
    assert people[member(1)[0]].role == "organizer"
    assert people[member(3)[0]].can_message is True  # ALL_MEMBERS
    assert people[member(4)[0]].can_message is False  # ORGS_ONLY
    assert people[member(2)[0]].photo_url == "https://img.example/m/2/90x90.jpg"


def test_graphql_answers_win_over_the_rendered_rows_of_the_same_page():
    html = attendees_page(range(3))
    capture = parse(html, EVENT_URL + "attendees/", payloads=[gql_page("301234567", range(10))])
    assert len(capture.people) == 9
    assert capture.event.attendee_count == 29


def test_a_2020_event_page_in_french_with_its_attendee_sample():
    html = fixture_text("meetup-mwp-2020-fr.html")
    capture = parse(html, "https://www.meetup.com/fr-FR/donnees-lyon/events/271234567/")
    event = capture.event
    assert capture.kind == "event"
    assert event.title == "Atelier données ouvertes & cartes"  # escaped twice in the page
    assert event.platform_id == "271234567"
    assert event.start == "2020-06-18T16:30:00+00:00"  # epoch milliseconds, an exact instant
    assert (event.venue.name, event.venue.address) == (
        "La Fabrique du Quai",
        "12 quai des Tanneurs, Lyon",
    )
    assert [h.name for h in event.hosts] == ["Élodie Marchetti", "Bastien Okafor"]
    html = html.replace("et Bastien Okafor", "et 2 autres")
    hosts = parse(html, "https://www.meetup.com/fr-FR/donnees-lyon/events/271234567/").event.hosts
    assert [h.name for h in hosts] == ["Élodie Marchetti"]
    assert event.attendee_count == 25  # "Participants (25)"
    assert event.description.startswith("Nous cartographions")
    assert [(p.name, p.platform_id, p.role) for p in capture.people] == [
        ("Élodie Marchetti", "5551001", "organizer"),
        ("Bastien Okafor", "5551002", "attendee"),
        ("Noémie Castellanos", "5551003", "attendee"),
    ]
    assert capture.people[0].photo_url.endswith("member_7771001.jpeg")
    assert "9999" not in json.dumps(capture.to_dict())  # the viewer's profile link


@pytest.mark.parametrize("payload", [{}, [], {"data": {"event": None}}, {"errors": [{}]}])
def test_payloads_that_are_not_attendee_answers_are_ignored(payload):
    capture = parse(fixture_text("meetup-event.html"), EVENT_URL, payloads=[payload])
    assert capture.kind == "event"
    assert capture.people == []


def test_rows_without_profile_links_are_named_by_their_photos():
    html = attendees_page(range(12))
    for n in range(12):
        member_id = member(n)[0]
        html = html.replace(f'<a href="https://www.meetup.com/members/{member_id}/">', "<div>")
    html = html.replace("></a><div>", "></div><div>")
    capture = parse(html, EVENT_URL + "attendees/")
    assert [p.name for p in capture.people] == [member(n)[1] for n in range(12)]
    assert [p.role for p in capture.people[:3]] == ["host", "organizer", "attendee"]
    assert all(p.platform_id is None for p in capture.people)


def test_fragments_keep_each_member_once_skip_header_links_and_survive_a_broken_one():
    shell = attendees_page(range(0))
    viewer = '<nav><a href="https://www.meetup.com/members/9999999/">Viewer Person</a></nav>'
    fragments = [row(n) for n in range(0, 60)] + [row(n) for n in range(40, 100)]
    fragments[10] = viewer + row(10)
    fragments[30] = row(30) + "<div><!-- the page was cut here"  # swallows what follows
    capture = parse(shell, EVENT_URL + "attendees/", fragments=fragments)
    ids = [p.platform_id for p in capture.people]
    assert ids == [member(n)[0] for n in range(100)]
    assert capture.people[0].role == "host"
    assert capture.people[31].name == member(31)[1]
    assert capture.people[31].photo_url.endswith("/31/45x45.jpg")


def test_a_fragment_without_profile_links_is_named_by_its_photos():
    """Each fragment is read on its own: rows with links elsewhere do not hide its photos."""
    unlinked = row(5).replace(f'<a href="https://www.meetup.com/members/{member(5)[0]}/">', "<a>")
    capture = parse(
        attendees_page(range(0)), EVENT_URL + "attendees/", fragments=[row(4), unlinked, row(6)]
    )
    assert [(p.name, p.platform_id) for p in capture.people] == [
        (member(4)[1], member(4)[0]),
        (member(5)[1], None),
        (member(6)[1], member(6)[0]),
    ]


@pytest.mark.parametrize("order", [("Joe R.", "Joe Riddle"), ("Joe Riddle", "Joe R.")])
def test_one_member_named_short_and_in_full_in_two_fragments_keeps_the_fuller_name(order):
    def named(name: str) -> str:
        return f'<li><a href="https://www.meetup.com/members/7777777/">{name}</a></li>'

    capture = parse(
        attendees_page(range(0)), EVENT_URL + "attendees/", fragments=[named(n) for n in order]
    )
    assert [(p.platform_id, p.name) for p in capture.people] == [("7777777", "Joe Riddle")]


BADGES = {3: "Organizer", 17: "Co-organizer", 40: "Event host",
          41: "Organizer", 77: "Co-organizer", 99: "Event host"}  # fmt: skip


def div_row(n: int) -> str:
    """A react-window row: an absolutely placed, recycled div; the badge beside the link."""
    member_id, name = member(n)
    badge = f'<div class="badge"><span>{BADGES[n]}</span></div>' if n in BADGES else ""
    return (
        f'<div style="position:absolute;top:{n * 72}px;height:72px;width:100%">'
        f'<div class="flex"><a href="https://www.meetup.com/members/{member_id}/">'
        f'<img src="https://img.example/{n}.jpg" alt="Photo of the user {escape(name)}"></a>'
        f'<div class="flex-col"><div><a href="https://www.meetup.com/members/{member_id}/">'
        f"{escape(name)}</a></div>{badge}<div>Joined May 2024</div></div></div></div>"
    )


def div_list(rows: range) -> str:
    return (
        '<div class="list" style="overflow:auto;height:700px"><div style="height:72000px">'
        + "".join(div_row(n) for n in rows)
        + "</div></div>"
    )


def test_roles_beside_the_links_of_div_rows_are_read_on_the_page_and_in_fragments():
    page = attendees_page(range(0)).replace("<ul></ul>", div_list(range(100)))
    whole = parse(page, EVENT_URL + "attendees/")
    # The harvester sends each window of rows as it saw them, the rows recycled in between.
    windows = [div_list(range(start, min(start + 12, 100))) for start in range(0, 100, 10)]
    harvested = parse(attendees_page(range(0)), EVENT_URL + "attendees/", fragments=windows)
    expected = {member(n)[0]: "host" if "host" in b else "organizer" for n, b in BADGES.items()}
    for capture in (whole, harvested):
        assert len(capture.people) == 100
        roles = {p.platform_id: p.role for p in capture.people if p.role != "attendee"}
        assert roles == expected


@pytest.mark.parametrize(
    "href", ["https://www.meetup.com/lakeside-data-science/", "/fr-FR/lakeside-data-science"]
)
def test_the_group_named_in_the_attendees_page_header_is_kept(href):
    header = (
        '<header><a href="https://www.meetup.com/harbor-hackers/">Harbor Hackers</a>'
        f'<a href="{href}"><img src="https://img.example/logo.png" alt=""></a>'  # a logo: no name
        f'<a href="{href}">Lakeside Data Science</a></header>'
    )
    page = attendees_page(range(3)).replace("<header>", header + "<header>")
    capture = parse(page, EVENT_URL + "attendees/")
    assert capture.event.group is not None
    assert capture.event.group.name == "Lakeside Data Science"
    assert capture.event.group.url == "https://www.meetup.com/lakeside-data-science/"


def test_an_attendees_page_that_names_no_group_invents_none():
    capture = parse(attendees_page(range(3)), EVENT_URL + "attendees/")
    assert capture.event.group is None
