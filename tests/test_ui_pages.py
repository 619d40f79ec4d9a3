"""The review pages through Flask's test client, on a small fictional network.

Every page is asked for ?today=2025-07-01, so nothing depends on the real date.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest

from companion.ui import csrf
from tests.review_store import HOSTILE, TODAY, Seeded, seed

T = f"today={TODAY}"


@pytest.fixture
def seeded(app) -> Seeded:
    return seed(app.extensions["hallway_store"])


@pytest.fixture
def token(app) -> str:
    with app.app_context():
        return csrf.token()


def text(response) -> str:
    """The page's visible text, roughly: tags out, spaces collapsed, entities decoded."""
    words = " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())
    return html.unescape(re.sub(r" ([:,.;)])", r"\1", words))


def pages(s: Seeded) -> list[str]:
    return [
        f"/?{T}",
        f"/people?{T}",
        f"/people/{s.hostile}?{T}",
        f"/people/{s.mira}?{T}",
        f"/events?{T}",
        f"/events/{s.past}?{T}",
        f"/settings?{T}",
    ]


def test_every_page_loads_with_the_nav(client, seeded):
    for url in pages(seeded):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content_type == "text/html; charset=utf-8"
        assert all(f'href="/{p}"' in response.get_data(as_text=True) for p in ("people", "events"))


def test_a_name_that_is_markup_shows_as_text_on_every_page(client, seeded):
    escaped = html.escape(HOSTILE)
    for url in pages(seeded):
        body = client.get(url).get_data(as_text=True)
        assert "<img" not in body, url
        if url.startswith(("/settings", f"/people/{seeded.mira}", "/events?")):
            continue  # these pages do not name that person
        assert escaped in body, url


def test_the_pages_own_style_and_script_load(client):
    for name in ("hallway.css", "hallway.js"):
        assert client.get(f"/assets/{name}").status_code == 200
    assert 'href="/assets/hallway.css"' in client.get("/").get_data(as_text=True)


def test_pages_forbid_scripts_and_images_from_elsewhere(client, seeded, app):
    policy = client.get(f"/people/{seeded.mira}").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "img-src 'self' data:;" in policy
    assert "frame-ancestors 'none'" in policy
    with app.extensions["hallway_store"].transaction() as db:
        db.table("settings").insert({"show_photos": True})
    policy = client.get(f"/people/{seeded.mira}").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https:;" in policy


def test_home_lists_what_is_due_oldest_first_with_the_note(client, seeded):
    page = text(client.get(f"/?{T}"))
    due = page[page.index("Follow-ups due") : page.index("Coming up")]
    assert [n for n in ("Mira Okonkwo", HOSTILE, "Pavel Lindqvist") if n in due] == [
        "Mira Okonkwo",
        HOSTILE,
        "Pavel Lindqvist",
    ]
    assert due.index("Mira Okonkwo") < due.index(HOSTILE) < due.index("Pavel Lindqvist")
    assert "Hello Mira, we talked about graph databases at Graphs by the Lake on 12 Jun." in due
    assert "Due 2025-06-26. Your last touch was on 2025-06-12" in due
    assert "5 of 5 left" in page and "6 people" in page and "2 events" in page


def test_home_shows_the_oldest_follow_ups_and_links_to_the_rest(client, seeded, monkeypatch):
    from companion.ui import home

    monkeypatch.setattr(home, "DUE_SHOWN", 2)
    page = text(client.get(f"/?{T}"))
    due = page[page.index("Follow-ups due") : page.index("Coming up")]
    assert "Mira Okonkwo" in due and HOSTILE in due and "Pavel Lindqvist" not in due
    assert "1 more due" in due


def test_home_splits_upcoming_and_recent_events(client, seeded):
    page = text(client.get(f"/?{T}"))
    coming, recent = page.split("Coming up")[1].split("Recent", 1)
    assert "Vectors at Dusk" in coming and "Graphs by the Lake" not in coming
    assert "Graphs by the Lake" in recent.split("Recent activity")[0]


def names(client, query: str) -> list[str]:
    body = client.get(f"/people?{T}&{query}").get_data(as_text=True)
    links = re.findall(r'<a href="/people/\d+[^"]*"[^>]*>([^<]*)</a>', body)
    return [html.unescape(n) for n in links]


def test_people_search_filters_and_sort(client, seeded):
    assert names(client, "q=brightwater") == ["Mira Okonkwo"]
    assert names(client, "q=STUDENT") == ["Jonas Feldmann"]
    assert sorted(names(client, "cls=leader")) == ["Ada Quillfeather", "Pavel Lindqvist"]
    assert names(client, "status=connected") == ["Pavel Lindqvist"]
    assert sorted(names(client, "due=1")) == sorted(["Mira Okonkwo", HOSTILE, "Pavel Lindqvist"])
    assert sorted(names(client, f"event={seeded.upcoming}")) == [
        "Ada Quillfeather",
        "Mira Okonkwo",
    ]
    assert len(names(client, "group=Lakeside+Data+Science")) == 6
    assert names(client, "group=Elsewhere") == []
    assert names(client, "sort=name") == sorted(names(client, "sort=name"), key=str.casefold)
    assert names(client, "sort=interactions")[0] == "Pavel Lindqvist"


def test_people_are_paginated_keeping_the_filters(client, seeded, app):
    with app.extensions["hallway_store"].transaction() as db:
        db.table("people").insert_multiple(
            {"name": f"Guest{i} Example", "keys": [f"test:{i}"], "status": "none"}
            for i in range(60)
        )
    body = client.get(f"/people?{T}&q=guest&sort=name").get_data(as_text=True)
    assert "60 people" in text(client.get(f"/people?{T}&q=guest")) and "Page 1 of 2" in body
    next_page = re.search(r'<a rel="next" href="([^"]+)"', body).group(1)
    assert "q=guest" in next_page and "sort=name" in next_page and "page=2" in next_page
    assert len(names(client, "q=guest&sort=name&page=2")) == 10


def test_a_wrong_filter_is_one_sentence(client, seeded):
    response = client.get("/people?cls=boss")
    assert response.status_code == 422
    assert response.get_data(as_text=True) == "'cls' must be one of: peer, leader."


def test_person_page_shows_progress_notes_and_timeline(client, seeded):
    page = text(client.get(f"/people/{seeded.pavel}?{T}"))
    assert "3 of 8" in page  # seen at, talked, connected
    assert "Connection: connected" in page
    assert "Next: the next touch, due since 2025-06-26." in page
    timeline = page.split("Timeline")[1]
    assert timeline.index("connected") < timeline.index("seen at")
    body = client.get(f"/people/{seeded.pavel}?{T}").get_data(as_text=True)
    assert 'data-limit="200"' in body and "/ 200" in body


def post(client, url: str, token: str, **form):
    return client.post(url, data={csrf.FIELD: token, **form})


def test_adding_an_interaction_moves_the_status_and_shows_on_home(client, seeded, token):
    url = f"/people/{seeded.mira}/interactions?{T}"
    form = {"kind": "invite_sent", "date": "2025-07-01", "event_id": str(seeded.past)}
    response = post(client, url, token, **form, note="sent the graph note")
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/people/{seeded.mira}?done=logged")
    person = text(client.get(response.headers["Location"]))
    assert "The interaction is saved." in person and "Connection: invite sent" in person
    home = text(client.get(f"/?{T}"))
    assert (
        "2025-07-01 invite sent · Mira Okonkwo at Graphs by the Lake: sent the graph note" in home
    )
    assert "4 of 5 left" in home


def test_a_wrong_interaction_is_one_sentence(client, seeded, token):
    response = post(client, f"/people/{seeded.mira}/interactions", token, kind="hug", date="x")
    assert response.status_code == 422
    assert response.get_data(as_text=True).startswith("'kind' must be one of: met, talked")


def test_editing_notes_status_and_class(client, seeded, token):
    form = {"status": "connected", "class_override": "leader", "notes": "Likes sailing"}
    response = post(client, f"/people/{seeded.jonas}", token, **form, follow_up_on="")
    assert response.status_code == 303
    page = text(client.get(f"/people/{seeded.jonas}"))
    assert "Connection: connected" in page and "Likes sailing" in page
    assert names(client, "q=sailing") == ["Jonas Feldmann"]
    assert names(client, "cls=leader").count("Jonas Feldmann") == 1


def test_forms_refuse_cross_site_posts(client, seeded, token):
    url = f"/people/{seeded.mira}/interactions"
    form = {"kind": "met", "date": "2025-07-01"}
    assert client.post(url, data=form).status_code == 403
    assert post(client, url, "0" * 64, **form).status_code == 403
    assert post(client, url, "é", **form).status_code == 403
    cross = client.post(
        url, data={csrf.FIELD: token, **form}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross.status_code == 403
    foreign = client.post(
        url, data={csrf.FIELD: token, **form}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403
    rebound = client.get("/", base_url="http://evil.example:5474")
    assert rebound.status_code == 421
    with client.application.extensions["hallway_store"].reading() as net:
        db = net.db
        assert len([i for i in db.table("interactions").all() if i["date"] == "2025-07-01"]) == 0


def test_merge_suggestion_and_merge(client, seeded, token):
    page = text(client.get(f"/people/{seeded.mira}"))
    assert "Possibly the same person" in page
    assert "Same name, both seen at Lakeside Data Science." in page
    response = post(client, f"/people/{seeded.mira}/merge", token, other=str(seeded.mira_again))
    assert response.status_code == 303
    assert names(client, "q=mira") == ["Mira Okonkwo"]
    assert "Possibly the same person" not in text(client.get(f"/people/{seeded.mira}"))
    again = post(client, f"/people/{seeded.mira}/merge", token, other=str(seeded.mira_again))
    assert again.status_code == 404


def test_not_the_same_person_stops_the_suggestion(client, seeded, token):
    url = f"/people/{seeded.mira}/not-duplicate"
    assert post(client, url, token, other=str(seeded.mira_again)).status_code == 303
    assert "Possibly the same person" not in text(client.get(f"/people/{seeded.mira}"))
    assert len(names(client, "q=mira")) == 2


def test_event_page_has_prep_room_and_talk_to(client, seeded):
    page = text(client.get(f"/events/{seeded.past}?{T}"))
    assert "Prep notes" in page and "Host and speakers" in page
    assert "Attendees (5)" in page
    talk_to = page.split("Talk to")[1].split("People you already knew")[0]
    assert talk_to.strip().startswith("Ada Quillfeather (host, leader)")
    known = page.split("People you already knew")[1].split("Attendees")[0]
    assert "Nobody you had met before." in known  # touches at this event do not count
    upcoming = text(client.get(f"/events/{seeded.upcoming}?{T}"))
    known = upcoming.split("People you already knew")[1].split("Attendees")[0]
    assert "Ada Quillfeather 2 of 8 interactions" in known and "Mira" not in known


def test_ticking_whom_you_talked_to_logs_talked_once(client, seeded, token, app):
    url = f"/events/{seeded.past}/talked?{T}"
    people = [str(seeded.jonas), str(seeded.pavel)]
    response = client.post(url, data={csrf.FIELD: token, "person": people})
    assert response.status_code == 303
    client.post(url, data={csrf.FIELD: token, "person": [str(seeded.jonas)]})
    with app.extensions["hallway_store"].reading() as net:
        db = net.db
        talked = [i for i in db.table("interactions").all() if i["kind"] == "talked"]
    jonas = [i for i in talked if i["person_id"] == seeded.jonas]
    assert [(i["date"], i["event_id"]) for i in jonas] == [("2025-06-12", seeded.past)]
    body = client.get(f"/events/{seeded.past}").get_data(as_text=True)
    assert re.search(rf'id="talked-{seeded.jonas}" checked disabled', body)


def test_a_question_noted_on_the_event_feeds_the_connection_note(client, seeded, token, auth):
    question = "How do you version a knowledge graph?"
    url = f"/events/{seeded.past}/question?{T}"
    response = post(client, url, token, person=str(seeded.jonas), question=question)
    assert response.status_code == 303
    assert f"Asked: {question}" in text(client.get(f"/events/{seeded.past}"))
    note = client.get(f"/api/people/{seeded.jonas}/notes", headers=auth).get_json()["linkedin"]
    assert "version a knowledge graph" in note["text"]
    timeline = text(client.get(f"/people/{seeded.jonas}")).split("Timeline")[1]
    assert f"note: Asked at Graphs by the Lake: {question}" in timeline


def test_a_question_needs_someone_from_the_event(client, seeded, token):
    url = f"/events/{seeded.upcoming}/question"
    response = post(client, url, token, person=str(seeded.jonas), question="Why?")
    assert response.status_code == 422
    assert response.get_data(as_text=True) == "Choose someone who was at this event."


def test_a_captured_link_that_is_not_http_is_not_a_link(client, seeded, app):
    with app.extensions["hallway_store"].transaction() as db:
        db.table("events").update({"url": "javascript:alert(1)"}, doc_ids=[seeded.past])
    body = client.get(f"/events/{seeded.past}").get_data(as_text=True)
    assert "javascript:" not in body


def test_missing_things_are_404_sentences(client, seeded):
    assert client.get("/people/999").get_data(as_text=True) == "There is no person with that id."
    assert client.get("/events/999").status_code == 404
    assert client.get(f"/people/{seeded.mira}?event=999").status_code == 404


def test_settings_are_saved_from_the_form(client, seeded, token, auth):
    form = {"note_limit": "300", "invite_budget": "8", "language": "zh", "timezone": ""}
    form["page_language"] = "en"
    response = post(client, "/settings", token, **form, show_photos="on")
    assert response.status_code == 303
    stored = client.get("/api/settings", headers=auth).get_json()
    assert stored == {
        "note_limit": 300,
        "invite_budget": 8,
        "page_language": "en",
        "language": "zh",
        "timezone": None,
        "show_photos": True,
    }
    assert "8 of 8 left" in text(client.get(f"/?{T}"))
    bad = post(client, "/settings", token, **{**form, "invite_budget": "lots"})
    assert bad.status_code == 422
    assert bad.get_data(as_text=True) == "'invite_budget' must be a whole number from 0 to 1000."


def test_photos_show_only_when_turned_on(client, seeded, app):
    with app.extensions["hallway_store"].transaction() as db:
        db.table("people").update({"photo_url": "https://img.example/m.jpg"}, doc_ids=[seeded.mira])
    assert "img.example" not in client.get(f"/people/{seeded.mira}").get_data(as_text=True)
    with app.extensions["hallway_store"].transaction() as db:
        db.table("settings").insert({"show_photos": True})
    body = client.get(f"/people/{seeded.mira}").get_data(as_text=True)
    assert '<img class="photo" src="https://img.example/m.jpg"' in body


def test_export_downloads_need_no_token(client, seeded):
    response = client.get("/export.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="hallway-export.json"'
    assert json.loads(response.get_data())["app"] == "hallway"
    vcard = client.get("/export.vcf")
    assert vcard.content_type.startswith("text/vcard") and "FN:Mira Okonkwo" in vcard.get_data(
        as_text=True
    )
    assert "Pavel Lindqvist" in client.get("/export.csv").get_data(as_text=True)
    assert client.get("/export.xml").status_code == 404
    assert client.get("/export.json", base_url="http://evil.example:5474").status_code == 421


def test_linkedin_connections_import_from_the_form(client, seeded, token):
    csv = "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    csv += "Jonas,Feldmann,,,Northwind,Analyst,15 Mar 2025\nNobody,Known,,,,,1 Jan 2024\n"
    upload = (io.BytesIO(csv.encode("utf-8-sig")), "Connections.csv")
    response = client.post("/settings/linkedin", data={csrf.FIELD: token, "connections": upload})
    assert response.status_code == 200
    assert (
        "Imported: 1 matched, 0 with several people of that name (not changed), 1 not met"
        in text(response)
    )
    assert "Analyst at Northwind" in text(client.get(f"/people/{seeded.jonas}"))
    wrong = (io.BytesIO(b"a,b\n1,2\n"), "other.csv")
    refused = client.post("/settings/linkedin", data={csrf.FIELD: token, "connections": wrong})
    assert refused.status_code == 422
    assert refused.get_data(as_text=True).startswith("This is not LinkedIn's Connections.csv")


def test_a_store_opened_from_a_backup_says_so_loudly(client, seeded, app):
    app.extensions["hallway_store"].recovered_from = Path("hallway.json.2")
    page = text(client.get(f"/?{T}"))
    assert "The database file was damaged." in page and "hallway.json.2" in page


def test_a_same_name_linkedin_connection_is_resolved_on_the_person_page(client, seeded, token):
    csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    csv += "Mira,Okonkwo,,,Brightwater,Data engineer,2 Feb 2025\n"
    upload = (io.BytesIO(csv.encode()), "Connections.csv")
    client.post("/settings/linkedin", data={csrf.FIELD: token, "connections": upload})
    page = text(client.get(f"/people/{seeded.mira}"))
    assert "Mira Okonkwo: Data engineer at Brightwater, connected 2025-02-02" in page
    body = client.get(f"/people/{seeded.mira}").get_data(as_text=True)
    action = re.search(r'action="(/people/\d+/linkedin/\d+)"', body).group(1)
    assert post(client, action, token).status_code == 303
    assert "Connection: connected" in text(client.get(f"/people/{seeded.mira}"))
    assert "Connection: none" in text(client.get(f"/people/{seeded.mira_again}"))
    assert post(client, action, token).status_code == 404


def test_ticks_for_people_not_at_the_event_are_ignored(client, seeded, token, app):
    url = f"/events/{seeded.upcoming}/talked"
    client.post(url, data={csrf.FIELD: token, "person": [str(seeded.jonas)]})
    with app.extensions["hallway_store"].reading() as net:
        db = net.db
        assert not [
            i
            for i in db.table("interactions").all()
            if i["kind"] == "talked" and i["person_id"] == seeded.jonas
        ]


def test_notes_for_an_event_chosen_in_the_address(client, seeded):
    page = text(client.get(f"/people/{seeded.jonas}?event={seeded.upcoming}"))
    assert "For Vectors at Dusk." in page and "Vectors at Dusk" in page.split("LinkedIn invite")[1]
