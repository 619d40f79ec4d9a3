"""Storing what a capture says: merge, never duplicate, never overwrite what the user wrote.

The rows of a page are matched against the store's lookups first, then written in a few
table changes (one insert of new people, one update, one insert of attendances).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tinydb import TinyDB

from companion.i18n import _
from companion.method.interactions import iso_date
from companion.model import Capture, Event, Person
from companion.store.db import current_network, fast_table, raw
from companion.store.identity import abbreviates, event_key, name_key, person_keys, url_keys
from companion.store.schema import PERSON_DEFAULTS

Doc = dict[str, Any]
# Facts a capture may refresh. Everything else on a person (status, notes, class) is the user's.
_HOST_ROLES = {"host", "organizer", "speaker"}
CAPTURED_PERSON_FIELDS = (
    "name",
    "headline",
    "photo_url",
    "profile_url",
    "linkedin_url",
    "can_message",
)


@dataclass
class Saved:
    event_id: int | None
    event_ids: list[int] = field(default_factory=list)  # every event stored, listings included
    people: list[tuple[int, str]] = field(default_factory=list)  # (person id, role)
    added: int = 0
    updated: int = 0
    known: list[int] = field(default_factory=list)
    duplicate: bool = False
    new: set[int] = field(default_factory=set)  # people this capture added


def save_capture(db: TinyDB, capture: Capture, capture_id: str | None, at: str) -> Saved:
    """Merge one capture into the store. Call inside `Store.transaction()`.

    An event page or attendee list has one event; a listing (a group page) has several,
    each stored with its hosts and speakers, and the listing's own people (the group's
    organizers) are stored as people without an attendance.
    """
    net = current_network(db)
    logged = net.capture_ids.first(capture_id)
    if logged is not None:
        seen = raw(db, "captures")[str(logged)]["event_id"]
        people = [(pid, role) for pid in net.attendees(seen) for role in net.roles(pid, seen)]
        return Saved(event_id=seen, people=people, duplicate=True)
    events = [capture.event] if capture.event else capture.events
    if not events:
        raise ValueError(_("a capture without an event cannot be stored"))
    saved = Saved(event_id=None)
    for event in events:
        key = event_key(event, capture.platform)
        event_id = _upsert_event(db, event, key, capture.platform, at)
        saved.event_ids.append(event_id)
        people = [*event.hosts, *event.speakers]
        if event is capture.event:
            saved.event_id = event_id
            people += capture.people
        batch = _People(db, saved, event_id)
        placed = batch.save(people, capture.platform, key, at)
        newly_here = batch.attend(placed)
        if event is capture.event:
            askers = {p.platform_id or p.name: i for i, p in placed if p.role == "asked_question"}
            _note_questions(db, capture, askers, event_id)
            _record_seen(
                db, newly_here, event_id, iso_date((event.start or "")[:10]) or iso_date(at[:10])
            )
    if capture.event is None:
        first_key = event_key(events[0], capture.platform)
        placed = _People(db, saved, None).save(capture.people, capture.platform, first_key, at)
        saved.people += [(i, p.role) for i, p in placed]
    if capture_id:
        db.table("captures").insert(
            {"capture_id": capture_id, "event_id": saved.event_id, "at": at}
        )
    return saved


def _upsert_event(db: TinyDB, event: Event, key: str, platform: str, at: str) -> int:
    table = db.table("events")
    facts = asdict(event)
    del facts["hosts"], facts["speakers"]  # people live in attendances
    existing = current_network(db).event_keys.first(key)
    if existing is None:
        return table.insert({**facts, "key": key, "platform": platform, "first_seen": at})
    doc = raw(db, "events")[str(existing)]
    merged = {k: v for k, v in facts.items() if v not in (None, "", [])}
    if any(doc.get(k) != v for k, v in merged.items()):
        table.update(merged, doc_ids=[existing])
    return existing


class _People:
    """The people of one event (or of a listing, without an event): matched against the
    store and against each other, then written in one insert (those new to the store), one
    update (those whose captured facts changed) and one insert of attendances. A change per
    row made a 1,000-row page a thousand journal records and lookup updates."""

    def __init__(self, db: TinyDB, saved: Saved, event_id: int | None):
        self.db, self.table = db, fast_table(db, "people")
        self.saved, self.event_id = saved, event_id
        self.net = current_network(db)
        self.stored = raw(db, "people")
        self.roles: dict[int, set[str]] = {}  # each stored person's roles at the event
        self.new: dict[int, Doc] = {}  # by the id each will have
        self.changes: dict[int, Doc] = {}  # stored person id -> fields to change
        self.claimed: dict[str, int] = {}  # identity keys given out since the lookups

    def save(
        self, people: list[Person], platform: str, ekey: str, at: str
    ) -> list[tuple[int, Person]]:
        """Each person with their id (the same person twice in a page is one id)."""
        placed = [(self._place(p, person_keys(p, platform, ekey), at), p) for p in people]
        self.table.put_new(self.new)
        self.table.update_each(self.changes)
        self.saved.added += len(self.new)
        self.saved.updated += len(self.changes)
        self.saved.new.update(self.new)
        return placed

    def attend(self, placed: list[tuple[int, Person]]) -> list[int]:
        """Store each attendance at the event once; the people for whom it is their first
        role there."""
        assert self.event_id is not None
        roles: dict[int, set[str]] = {}
        added: list[Doc] = []
        newly_here: list[int] = []
        for person_id, person in placed:
            theirs = roles.get(person_id)
            if theirs is None:
                theirs = roles[person_id] = set(self.roles.get(person_id, ()))
            if not theirs:
                newly_here.append(person_id)
            if person.role not in theirs:
                theirs.add(person.role)
                attendance = {
                    "person_id": person_id,
                    "event_id": self.event_id,
                    "role": person.role,
                }
                if person.source:  # where the page named them: the prep notes say so
                    attendance["source"] = person.source
                added.append(attendance)
            self.saved.people.append((person_id, person.role))
        fast_table(self.db, "attendances").insert_new(added)
        return newly_here

    def _place(self, person: Person, keys: list[str], at: str) -> int:
        found = ((k, getattr(person, k)) for k in CAPTURED_PERSON_FIELDS)
        facts = {k: v for k, v in found if v is not None}
        person_id = self._find(keys)
        if person_id is None and person.role in _HOST_ROLES and self.event_id is not None:
            person_id = self._same_host(person.name, strong=not keys[0].startswith("name:"))
        if person_id is None:
            person_id = self.table.next_id()
            self.new[person_id] = {**PERSON_DEFAULTS, **facts, "keys": keys, "first_seen": at}
            self.claimed.update(dict.fromkeys(keys, person_id))
            return person_id
        if person_id in self.new:
            self.new[person_id].update(self._changes(person_id, self.new[person_id], facts, keys))
            return person_id
        stored = self.stored[str(person_id)]
        if pending := self.changes.get(person_id):
            stored = {**stored, **pending}
        if changes := self._changes(person_id, stored, facts, keys):
            self.changes.setdefault(person_id, {}).update(changes)
        if person_id not in self.roles:
            self._read_history(person_id)
        return person_id

    def _find(self, keys: list[str]) -> int | None:
        for key in keys:
            found = self.net.person_keys.first(key)
            if found is None:
                found = self.claimed.get(key)
            if found is not None:
                return found
        return None

    def _same_host(self, name: str, strong: bool) -> int | None:
        """The one host of this event the name gives, when a lighter page of it named them
        without a member id ("Joe R.", or the full name only in a photo's alt text). A host
        with a member id only joins one who had none: two ids are two people."""
        assert self.event_id is not None
        hosts = [
            pid
            for pid in self.net.attendees(self.event_id)
            if _HOST_ROLES.intersection(self.net.roles(pid, self.event_id))
        ]
        matches = set()
        for pid in hosts:
            doc = {**self.stored.get(str(pid), {}), **self.changes.get(pid, {})}
            theirs = doc.get("name") or ""
            weak = all(k.startswith("name:") for k in doc.get("keys", []))
            same = name_key(theirs) == name_key(name)
            if (same or abbreviates(name, theirs) or abbreviates(theirs, name)) and (
                weak or not strong
            ):
                matches.add(pid)
        return matches.pop() if len(matches) == 1 else None

    def _changes(self, person_id: int, doc: Doc, facts: Doc, keys: list[str]) -> Doc:
        """What the captured facts change on the person as stored so far."""
        if abbreviates(facts["name"], doc.get("name") or ""):
            del facts["name"]  # the full name seen before says more
        if url_keys(facts.get("profile_url")) == url_keys(doc.get("profile_url")):
            facts.pop("profile_url", None)  # another spelling of the same profile
        changes = {k: v for k, v in facts.items() if doc.get(k) != v}
        held = doc.get("keys", [])
        taken = self.net.person_keys.first
        new_keys = [k for k in keys if k not in held and taken(k) is None and k not in self.claimed]
        if new_keys:
            changes["keys"] = [*held, *new_keys]
            self.claimed.update(dict.fromkeys(new_keys, person_id))
        return changes

    def _read_history(self, person_id: int) -> None:
        """From one look at their attendances: their roles at the event, and whether you
        knew them (met at another event, or you logged something with them)."""
        here = self.roles[person_id] = set()
        elsewhere = False
        for attendance in self.net.attended(person_id):
            if attendance["event_id"] == self.event_id:
                here.add(attendance["role"])
            elsewhere = elsewhere or attendance["event_id"] != self.saved.event_id
        # Something you logged yourself with them (a "seen at" is a capture's own).
        logged = any(t["kind"] != "seen_at" for t in self.net.stored_touches(person_id))
        known_before = elsewhere or logged
        if known_before and person_id not in self.saved.new and person_id not in self.saved.known:
            self.saved.known.append(person_id)


def _note_questions(db: TinyDB, capture: Capture, askers: dict[str, int], event_id: int) -> None:
    """Keep the question each person asked on their attendance: the follow-up note cites it."""
    asked: dict[int, str] = {}
    for question in capture.questions:
        person_id = askers.get(question.platform_id or question.name)
        if person_id is not None and person_id not in asked:
            asked[person_id] = question.text
    if not asked:
        return
    net = current_network(db)
    changes: dict[int, Doc] = {}
    for person_id, wanted in asked.items():
        for doc_id, a in net.attendances_of(person_id).items():
            if (
                a["event_id"] == event_id
                and a["role"] == "asked_question"
                and a.get("question") != wanted
            ):
                changes[doc_id] = {"question": wanted}
    fast_table(db, "attendances").update_each(changes)


def _record_seen(db: TinyDB, person_ids: list[int], event_id: int, day: str | None) -> None:
    """A "seen at" touch for each person the first time a capture shows them at an event:
    seeing someone at several events counts toward the eight interactions."""
    fast_table(db, "interactions").insert_new(
        {"person_id": pid, "kind": "seen_at", "date": day, "event_id": event_id, "note": ""}
        for pid in dict.fromkeys(person_ids)
    )
