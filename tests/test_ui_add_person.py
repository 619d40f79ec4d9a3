"""Adding someone you met from the review pages: the event's page and the people page."""

from __future__ import annotations

import pytest

from companion.ui import csrf
from tests.review_store import TODAY, Seeded, seed
from tests.test_ui_pages import text

T = f"today={TODAY}"


@pytest.fixture
def seeded(app) -> Seeded:
    return seed(app.extensions["hallway_store"])


@pytest.fixture
def token(app) -> str:
    with app.app_context():
        return csrf.token()


def add(client, token: str, **form):
    return client.post(f"/people/add?{T}", data={csrf.FIELD: token, **form})


def test_the_event_page_and_the_people_page_offer_the_form(client, seeded):
    event = client.get(f"/events/{seeded.past}?{T}").get_data(as_text=True)
    assert "Add someone you met here" in event
    assert f'name="event_id" value="{seeded.past}"' in event
    people = client.get(f"/people?{T}").get_data(as_text=True)
    assert "Add a person" in people and '<option value="">No event</option>' in people


def test_a_person_added_at_an_event_is_in_its_room_with_a_talk(client, seeded, token):
    form = {"name": "Ana Ruiz", "event_id": str(seeded.past), "talked_about": "feature stores"}
    response = add(client, token, **form)
    assert response.status_code == 303
    assert "done=added" in response.headers["Location"]
    person = text(client.get(response.headers["Location"]))
    assert "They are saved" in person and "feature stores" in person
    room = text(client.get(f"/events/{seeded.past}?{T}"))
    assert "Ana Ruiz" in room


def test_a_same_name_asks_first_and_the_answer_is_kept(client, seeded, token):
    form = {"name": "Mira Okonkwo", "event_id": str(seeded.past), "talked_about": "graphs"}
    asked = add(client, token, **form)
    assert asked.status_code == 200
    page = asked.get_data(as_text=True)
    assert "Is this the same person?" in page
    assert f'name="same_as" value="{seeded.mira}"' in page
    assert 'name="talked_about" value="graphs"' in page  # carried to the answer
    same = add(client, token, **form, same_as=str(seeded.mira))
    assert same.headers["Location"].startswith(f"/people/{seeded.mira}?done=added")
    other = add(client, token, **form, new="1")
    assert other.status_code == 303 and f"/people/{seeded.mira}?" not in other.headers["Location"]


def test_a_missing_name_is_one_sentence_and_other_sites_cannot_post(client, seeded, token):
    response = add(client, token, name="  ")
    assert response.status_code == 422
    assert response.get_data(as_text=True).startswith("Write the person's name.")
    cross = client.post(f"/people/add?{T}", data={"name": "Ana"})
    assert cross.status_code == 403
