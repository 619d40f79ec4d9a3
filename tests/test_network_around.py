"""A capture answers from the part of the network around its event: the same answers as
from the whole network, at a cost that follows the event's size."""

from __future__ import annotations

from datetime import UTC

from companion import networking
from companion.model import Capture, Event, Person
from companion.store import Store
from companion.store.captures import save_capture
from tests.review_store import seed


def _unrelated_event(store: Store) -> int:
    stranger = Person("Wren Halvorsen", platform_id="99001", role="attendee")
    event = Event("Knitting Algorithms", platform_id="777001", start="2025-05-01T19:00:00+02:00")
    with store.transaction() as db:
        capture = Capture("attendees", "meetup", event=event, people=[stranger])
        return save_capture(db, capture, None, "2025-05-02T10:00:00Z").event_id


def test_prep_and_notes_from_the_event_neighbourhood_equal_those_from_everything(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    _unrelated_event(store)
    with store.reading() as db:
        whole = networking.Network.load(db)
        for event_id in (seeded.past, seeded.upcoming):
            part = networking.Network.around(db, event_id)
            assert networking.event_prep(part, event_id, UTC) == networking.event_prep(
                whole, event_id, UTC
            )
            for person_id in whole.attendees(event_id):
                assert networking.person_notes(part, person_id, event_id) == (
                    networking.person_notes(whole, person_id, event_id)
                )
                assert part.known(person_id, event_id) == whole.known(person_id, event_id)


def test_the_neighbourhood_leaves_out_people_unrelated_to_the_event(tmp_path):
    store = Store(tmp_path)
    seeded = seed(store)
    other = _unrelated_event(store)
    with store.reading() as db:
        part = networking.Network.around(db, seeded.upcoming)
        whole = networking.Network.load(db)
    assert set(whole.attendees(seeded.upcoming)) <= set(part.people)
    assert seeded.upcoming in part.events and other not in part.events
    [wren] = [p for p, doc in whole.people.items() if doc["name"] == "Wren Halvorsen"]
    assert wren not in part.people


def test_an_event_nobody_is_known_at_still_has_its_prep_notes(tmp_path):
    store = Store(tmp_path)
    with store.transaction() as db:
        capture = Capture("event", "meetup", event=Event("Empty Room", platform_id="5"))
        event_id = save_capture(db, capture, None, "2025-05-02T10:00:00Z").event_id
    with store.reading() as db:
        prep = networking.event_prep(networking.Network.around(db, event_id), event_id, UTC)
    assert prep[0]["items"][0]["text"].startswith("Empty Room")
