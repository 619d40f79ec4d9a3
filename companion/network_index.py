"""The stored network held in memory for reads, indexed by person and by event, and kept up
to date from the storage's record of what changed: a read after a small write costs what the
write changed, not the size of the network.

A `Network` never changes once handed out: an update makes a new one that shares every
person's record the change did not touch, so a request still reading the old one is not
disturbed. People and attendances are the stored documents themselves, not copies (a copy of
every document doubled the memory a large network takes): nothing may change them.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any
from weakref import WeakKeyDictionary

from tinydb import TinyDB

from companion.method import followups
from companion.method.classify import by_choice_or_role, by_title
from companion.method.interactions import PERSONAL, iso_date, last_touch, progress
from companion.method.settings import with_defaults
from companion.store.storage import long_lived

Doc = dict[str, Any]
# A person's place in a list: the sort key, their id last but one, their searchable text last.
Entry = tuple[Any, ...]
# Documents' ids, and the documents in the same order.
Docs = tuple[tuple[int, ...], tuple[Doc, ...]]
# The ids of the documents a write changed, and the new (id, document) by person.
_Changed = tuple[set[int], dict[int, list[tuple[int, Doc]]]]
# In the employer index: (casefolded text, _COMPANY or _HEADLINE, person id).
Employer = tuple[str, int, int]
# Edits to the employer index not made yet: (earlier edits, entries gone, entries come).
_Edits = tuple[Any, list[Employer], list[Employer]] | None
# The tables a Network reads; a change elsewhere (captures, merges, pairing) leaves it be.
_TABLES = ("people", "events", "attendances", "interactions", "settings")
_UNSET: Any = object()
# A headline names an employer after these: "Data engineer at Brightwater", "CTO @ Acme".
_AT_WORDS = (" at ", "@ ")
_COMPANY, _HEADLINE = 0, 1
# Past this many entries to move, an employer index is sorted again rather than edited.
_FEW = 2000
# Past this many entries to take out or put in, a sorted list is merged rather than edited.
_FEW_EDITS = 100
# Between the texts of a search, which no text searched for holds.
_SEP = "\0"


class _Person:
    """One person's documents and the values derived from them, each computed on first use.

    Replaced, never changed, when any of its documents (or an event it refers to) changes,
    so the derived values cached on it stay true for every Network sharing it.
    """

    __slots__ = (
        "aids",
        "attended",
        "cls",
        "count",
        "doc",
        "due",
        "employers",
        "groups",
        "in_interactions",
        "in_last_seen",
        "in_name",
        "in_steps",
        "met",
        "seen",
        "text",
        "tids",
        "title_cls",
        "touches",
    )

    def __init__(self, doc: Doc | None, attended: Docs, touches: Docs):
        self.doc = doc
        # Their attendances by id, and their interactions oldest first: ids and documents
        # side by side (tuples of pairs took a sixth more memory).
        self.aids, self.attended = attended
        self.tids, self.touches = touches
        # Their entries in the employer index, as the document read when this was made: set
        # once the network has that index.
        self.employers: tuple[Employer, ...] = ()
        self.text = self.seen = self.due = self.count = self.cls = self.groups = _UNSET
        self.title_cls = _UNSET
        self.met = _UNSET
        # Their entry in each list (`in_` and the list's name) made while this record was
        # current; None when left out of it.
        self.in_last_seen = self.in_interactions = self.in_name = self.in_steps = _UNSET


@dataclass
class _Books:
    """Whose each attendance and interaction was when last read, so that a change can be
    applied knowing what it replaced (TinyDB changes a stored document in place). Only the
    newest Network holds them; it hands them on to the next."""

    attendance: dict[int, int] = field(default_factory=dict)  # id -> person
    touch: dict[int, int] = field(default_factory=dict)  # id -> person
    # The interactions you logged, by event: whose next step an event's change moves.
    logged_at: dict[int | None, set[int]] = field(default_factory=dict)
    logged_event: dict[int, int | None] = field(default_factory=dict)  # id -> event

    def log(self, iid: int, doc: Doc | None) -> None:
        """Book (or with None, forget) an interaction you logged."""
        if iid in self.logged_event:
            self.logged_at[self.logged_event.pop(iid)].discard(iid)
        if doc is not None:
            self.logged_event[iid] = doc.get("event_id")
            self.logged_at.setdefault(doc.get("event_id"), set()).add(iid)


@dataclass(frozen=True)
class _Staff:
    """The people working at one company, (name, id) by name, and each one's entry by id."""

    entries: list[tuple[str, int]]
    by_id: dict[int, tuple[str, int]]

    @classmethod
    def of(cls, entries: Iterable[tuple[str, int]]) -> _Staff:
        ordered = sorted(entries)
        return cls(ordered, {entry[1]: entry for entry in ordered})

    def moved_on(self, touched: set[int], now: list[tuple[str, int]]) -> _Staff:
        """With the entries of the people touched as they are `now`, edited in place (a
        large sponsor's staff is thousands of entries, and most captures touch a few)."""
        gone = [self.by_id[p] for p in touched if p in self.by_id]
        if not gone and not now:
            return self
        for entry in gone:
            del self.by_id[entry[1]]
        self.by_id.update((entry[1], entry) for entry in now)
        return _Staff(_edited(self.entries, gone, now, in_place=True), self.by_id)

    def copy(self) -> _Staff:
        return _Staff(list(self.entries), dict(self.by_id))


# The newest Network of each storage.
_LATEST: WeakKeyDictionary[Any, Network] = WeakKeyDictionary()
# References to the newest Network when no request holds it: the cache's, `load`'s own
# variable, and getrefcount's argument.
_UNHELD_REFERENCES = 3


class Network:
    """One snapshot of the user's network, indexed by person and by event. Read-only."""

    def __init__(self) -> None:
        self.people: dict[int, Doc] = {}  # the stored documents, without their ids
        self.events: dict[int, Doc] = {}  # copies, with their "id"
        self.settings: dict[str, Any] = with_defaults({})
        self.generation = -1
        self._persons: dict[int, _Person] = {}
        self._at_event: dict[int, tuple[int, ...]] = {}  # event -> people there, by id
        self._days: dict[int, str | None] = {}
        self._logged: dict[int, Doc] = {}  # interactions you logged (not "seen at"), by id
        self._touch_count = 0
        # Every person's company and the text after each " at " in their headline, sorted:
        # who works at a sponsor, found by bisection. Built when first asked, then kept.
        self._employers: list[Employer] | None = None
        # What writes took out of it and put in since it was last brought up to date: a
        # company asked about before is answered from `_working`, so a write need not move
        # a list of 50,000 entries; a company asked about for the first time moves it once.
        self._employer_edits: _Edits = None
        self._working: dict[str, _Staff] = {}  # by company asked about
        self._books: _Books | None = _Books()
        # Everyone in each sort's order, and everyone's next step by date: made on first use
        # in a snapshot, from the previous snapshot's list and the entries of the people
        # changed since (in `_bases`) when there is one, else by a sort of everyone.
        self._lists: dict[str, list[Entry]] = {}
        self._bases: dict[str, tuple[list[Entry], dict[int, Any]]] = {}
        # Per sort: everyone's searchable text joined in that order.
        self._joined: dict[str, str] = {}
        self._recent: list[tuple[int, Doc]] | None = None
        self._invites: list[Doc] | None = None
        self._met: frozenset[int] | None = None
        # Per event: (its attendees, those of them you have met), kept while its attendees
        # (replaced, never changed) and the people met stay the same; shared by snapshots.
        self._met_at: dict[int, tuple[tuple[int, ...], frozenset[int]]] = {}

    @classmethod
    def load(cls, db: TinyDB) -> Network:
        """The whole network as stored now. The same snapshot while the store has not changed;
        after a change, the previous snapshot updated with the documents that changed; built
        anew only when the storage cannot tell what changed (a reload, a whole replacement)."""
        storage = db.storage
        data = storage.read() or {}
        generation: int = storage.generation  # type: ignore[attr-defined]
        latest = _LATEST.get(storage)
        if latest is not None and latest.generation == generation:
            return latest
        changes = None
        if latest is not None and latest._books is not None:
            changes = storage.changes_since(latest.generation)  # type: ignore[attr-defined]
        if changes is None or latest is None:
            with long_lived():
                net = cls._built(data)
        else:
            # Snapshots are handed out only here, under the store's lock, which the caller
            # holds: if nothing but the cache and this function refers to the newest one, no
            # request can be reading it while it is moved on.
            held = sys.getrefcount(latest) > _UNHELD_REFERENCES
            net = latest._updated(data, changes, held)
        net.generation = generation
        _LATEST[storage] = net
        return net

    @classmethod
    def _built(cls, data: dict[str, Any]) -> Network:
        """Everything, read in one pass per table."""
        net = cls()
        books = net._books
        assert books is not None
        net.people = {int(k): doc for k, doc in data.get("people", {}).items()}
        events = data.get("events", {})
        net._apply_events(events, [int(k) for k in events])
        net.settings = with_defaults(dict(data.get("settings", {}).get("1") or {}))
        attended: dict[int, list[tuple[int, Doc]]] = {}
        at_event: dict[int, set[int]] = {}
        for k, a in data.get("attendances", {}).items():
            aid, pid = int(k), a["person_id"]
            books.attendance[aid] = pid
            attended.setdefault(pid, []).append((aid, a))
            at_event.setdefault(a["event_id"], set()).add(pid)
        touches: dict[int, list[tuple[int, Doc]]] = {}
        for k, i in data.get("interactions", {}).items():
            iid, pid = int(k), i["person_id"]
            books.touch[iid] = pid
            touches.setdefault(pid, []).append((iid, i))
            if i.get("kind") != "seen_at":
                net._logged[iid] = i
                books.log(iid, i)
        net._touch_count = len(books.touch)
        net._at_event = {e: tuple(sorted(pids)) for e, pids in at_event.items()}
        for pid in {*net.people, *attended, *touches}:
            theirs = _docs(attended.get(pid, ()), _by_id)
            net._persons[pid] = _Person(net.people.get(pid), theirs, _docs(touches.get(pid, ())))
        return net

    def _updated(self, data: dict[str, Any], changes: dict[str, set[int]], held: bool) -> Network:
        """A new snapshot: this one with the documents in `changes` read again from `data`.
        Its maps (by person, by event, by company asked about) are moved on in place, and
        copied first only if a request still `held` this one: two of them hold 50,000
        entries, and copying them on every write was most of what a small write cost."""
        net = _copy(self)
        if held:
            net._own_maps()
        touched: set[int] = set()
        if changes.get("people"):
            for pid in changes["people"]:
                doc = data.get("people", {}).get(str(pid))
                if doc is None:
                    net.people.pop(pid, None)
                    net._recent = None  # what you logged about them leaves the list
                else:
                    net.people[pid] = doc
                touched.add(pid)
        if changes.get("settings"):
            net.settings = with_defaults(dict(data.get("settings", {}).get("1") or {}))
        stored, moved = data.get("attendances", {}), set()
        attendances = net._book_attendances(
            stored, changes.get("attendances") or (), touched, moved
        )
        stored = data.get("interactions", {})
        touches = net._book_touches(stored, changes.get("interactions") or (), touched)
        if changes.get("events"):
            net._apply_events(data.get("events", {}), changes["events"])
            books = net._books
            assert books is not None
            for eid in changes["events"]:
                touched.update(self._at_event.get(eid, ()))
                touched.update(books.touch[i] for i in books.logged_at.get(eid, ()))
        if touched:
            net._renew(touched, attendances, touches)
        if moved:
            net._reindex_events(moved, touched)
        return net

    def _own_maps(self) -> None:
        """Copies of every map an update moves on in place, which it shares with the snapshot
        a request is still reading (an export, a long page): that one must stay as it is,
        through this write and the ones after it."""
        self.people, self._persons = dict(self.people), dict(self._persons)
        self.events, self._days = dict(self.events), dict(self._days)
        self._at_event = dict(self._at_event)
        self._working = {company: staff.copy() for company, staff in self._working.items()}

    def _book_attendances(
        self, stored: dict[str, Doc], ids: Iterable[int], touched: set[int], events: set[int]
    ) -> _Changed:
        """Book the attendances changed: (their ids, the new ones by person); the people and
        the events they were and are at go in `touched` and `events`."""
        books = self._books
        assert books is not None
        changed: _Changed = (set(ids), {})
        for aid in changed[0]:
            old = books.attendance.pop(aid, None)
            if old is not None:
                touched.add(old)
                # Where it was, as the person's record read it: an attendance may move to
                # another person (a merge) but never to another event.
                rec = self._person(old)
                pairs = zip(rec.aids, rec.attended, strict=True)
                events.update(a["event_id"] for i, a in pairs if i == aid)
            doc = stored.get(str(aid))
            if doc is not None:
                books.attendance[aid] = doc["person_id"]
                changed[1].setdefault(doc["person_id"], []).append((aid, doc))
                touched.add(doc["person_id"])
                events.add(doc["event_id"])
        return changed

    def _book_touches(
        self, stored: dict[str, Doc], ids: Iterable[int], touched: set[int]
    ) -> _Changed:
        """Book the interactions changed: (their ids, the new ones by person)."""
        books = self._books
        assert books is not None
        changed: _Changed = (set(ids), {})
        for iid in changed[0]:
            old = books.touch.pop(iid, None)
            if old is not None:
                touched.add(old)
                self._touch_count -= 1
            doc = stored.get(str(iid))
            if doc is not None:
                books.touch[iid] = doc["person_id"]
                changed[1].setdefault(doc["person_id"], []).append((iid, doc))
                touched.add(doc["person_id"])
                self._touch_count += 1
        self._log_touches(stored, changed[0])
        return changed

    def _log_touches(self, stored: dict[str, Doc], ids: set[int]) -> None:
        """Keep the interactions you logged yourself (in a copy, when any of them changed)."""
        books = self._books
        assert books is not None
        logged = None
        for iid in ids:
            doc = stored.get(str(iid))
            mine = doc if doc is not None and doc.get("kind") != "seen_at" else None
            if mine is not None or iid in self._logged:
                if logged is None:
                    logged = self._logged = dict(self._logged)
                    self._recent = self._invites = self._met = None
                if mine is not None:
                    logged[iid] = mine
                else:
                    del logged[iid]
                books.log(iid, mine)

    def _apply_events(self, stored: dict[str, Doc], ids: Iterable[int]) -> None:
        for eid in ids:
            doc = stored.get(str(eid))
            if doc is None:
                self.events.pop(eid, None)
                self._days.pop(eid, None)
            else:
                self.events[eid] = {"id": eid, **doc}
                self._days[eid] = iso_date(doc.get("start"))

    def _renew(self, touched: set[int], attendances: _Changed, touches: _Changed) -> None:
        """New records for the people touched, and what is indexed from them."""
        gone: list[Employer] = []
        came: list[Employer] = []
        bases = _rebased(self._lists, self._bases, len(touched))
        for pid in touched:
            old = self._persons.get(pid, _NOBODY)
            for name, (_, left) in bases.items():
                # Their entry in the list being moved on, unless an earlier change took it.
                left.setdefault(pid, getattr(old, "in_" + name))
            doc = self.people.get(pid)
            attended = _merged((old.aids, old.attended), attendances, pid, _by_id)
            mine = _merged((old.tids, old.touches), touches, pid, _touch_order)
            if doc is None and not attended[0] and not mine[0]:
                self._persons.pop(pid, None)
                new = _NOBODY
            else:
                self._persons[pid] = new = _Person(doc, attended, mine)
            if self._employers is not None:
                new.employers = _employer_keys(new.doc, pid) if new is not _NOBODY else ()
                if old.employers != new.employers:
                    gone += old.employers
                    came += new.employers
        if gone or came:
            self._employer_edits = (self._employer_edits, gone, came)
        # Who works where, for the companies asked about: moved on by the people touched
        # (a sponsor may employ thousands of your contacts; a capture touches a few).
        if self._employers is not None:
            self._working = {
                company: staff.moved_on(
                    touched, [self._staff_entry(p) for p in touched if self._works_at(p, company)]
                )
                for company, staff in self._working.items()
            }
        else:
            self._working = {}
        self._bases, self._lists, self._joined = bases, {}, {}

    def _reindex_events(self, events: set[int], touched: set[int]) -> None:
        """Who is at each of these events now: those not touched stay, the touched are
        there when their new record says so."""
        now: dict[int, set[int]] = {}
        for pid in touched:
            for a in self._person(pid).attended:
                now.setdefault(a["event_id"], set()).add(pid)
        for eid in events:
            there = {p for p in self._at_event.get(eid, ()) if p not in touched}
            there |= now.get(eid, set())
            if there:
                self._at_event[eid] = tuple(sorted(there))
            else:
                self._at_event.pop(eid, None)

    # What one person is and did.

    def _person(self, person_id: int) -> _Person:
        return self._persons.get(person_id) or _NOBODY

    def touches_of(self, person_id: int) -> list[Doc]:
        """Their interactions with their ids, oldest first (copies: the caller's to keep)."""
        rec = self._person(person_id)
        return [{"id": i, **doc} for i, doc in zip(rec.tids, rec.touches, strict=True)]

    def stored_touches(self, person_id: int) -> tuple[Doc, ...]:
        """Their interactions as stored, oldest first, without ids: read them, never change them
        (no copy: the capture reply reads them for every attendee of a large event)."""
        return self._person(person_id).touches

    def attended(self, person_id: int, event_id: int | None = None) -> list[Doc]:
        return [
            a
            for a in self._person(person_id).attended
            if event_id is None or a["event_id"] == event_id
        ]

    def roles(self, person_id: int, event_id: int | None = None) -> list[str]:
        return [a["role"] for a in self.attended(person_id, event_id)]

    def event_ids(self, person_id: int) -> list[int]:
        return list(dict.fromkeys(a["event_id"] for a in self._person(person_id).attended))

    def attendees(self, event_id: int) -> list[int]:
        """The people at an event, each once, by id."""
        return list(self._at_event.get(event_id, ()))

    def day(self, event_id: int | None) -> str | None:
        """The date an event started on (YYYY-MM-DD), when known."""
        return self._days.get(event_id) if event_id is not None else None

    def known(self, person_id: int, event_id: int) -> bool:
        """Met before: a touch you made, or seen at another event."""
        attended = self._person(person_id).attended
        return self.met(person_id) or any(a["event_id"] != event_id for a in attended)

    def met(self, person_id: int) -> bool:
        """You logged a touch of your own with them (more than being in the same room)."""
        rec = self._person(person_id)
        if rec.met is _UNSET:
            rec.met = any(doc["kind"] in PERSONAL for doc in rec.touches)
        return rec.met

    # Derived per person, computed once per record.

    def last_seen(self, person_id: int) -> str | None:
        rec = self._person(person_id)
        if rec.seen is _UNSET:
            dates = [self._days.get(a["event_id"]) for a in rec.attended]
            dates.append(last_touch(list(rec.touches)))
            rec.seen = max((d for d in dates if d), default=None)
        return rec.seen

    def touch_count(self, person_id: int) -> int:
        rec = self._person(person_id)
        if rec.count is _UNSET:
            rec.count = progress(list(rec.touches))["count"]
        return rec.count

    def searchable(self, person_id: int) -> str:
        rec = self._person(person_id)
        if rec.text is _UNSET:
            fields = ("name", "headline", "company", "position", "notes")
            rec.text = " ".join(str((rec.doc or {}).get(f) or "") for f in fields).casefold()
        return rec.text

    def due_on(self, person_id: int) -> str | None:
        """The day their next step is due; None when nothing is pending. Only the day is
        kept: the step's wording is made for the few shown."""
        rec = self._person(person_id)
        if rec.due is _UNSET:
            step = self.step(person_id)
            rec.due = step.due_on if step else None
        return rec.due

    def step(self, person_id: int, invites_left: int | None = None) -> followups.Due | None:
        """What is next with them; the budget of invites left changes only the wording."""
        rec = self._person(person_id)
        return followups.next_step(rec.doc or {}, list(rec.touches), self.events, invites_left)

    def person_class(self, person_id: int) -> str:
        rec = self._person(person_id)
        if rec.cls is _UNSET:
            rec.cls = self.class_with_roles(person_id, self.roles(person_id))
        return rec.cls

    def class_with_roles(self, person_id: int, roles: list[str]) -> str:
        """Their class as these roles make it (those at one event, say)."""
        rec = self._person(person_id)
        decided = by_choice_or_role(rec.doc or {}, roles)
        if decided is not None:
            return decided.cls
        if rec.title_cls is _UNSET:
            rec.title_cls = by_title(rec.doc or {}).cls
        return rec.title_cls

    def groups_of(self, person_id: int) -> set[str | None]:
        rec = self._person(person_id)
        if rec.groups is _UNSET:
            rec.groups = {group_name(self.events.get(e, {})) for e in self.event_ids(person_id)}
        return rec.groups

    # Built once per snapshot, for everyone.

    def ordered(self, sort: str) -> list[Entry]:
        """Everyone in this sort's order, as entries: (..., person id, searchable text)."""
        entries = self._list(sort)
        return entries[::-1] if sort == "last_seen" else entries

    def search(self, sort: str, needle: str) -> list[Entry]:
        """The entries, in this sort's order, of the people whose text holds `needle`: one
        search through all the texts joined, rather than one per person."""
        rows = self.ordered(sort)
        if _SEP in needle:
            return [row for row in rows if needle in row[-1]]
        if sort not in self._joined:
            self._joined[sort] = _SEP.join(map(itemgetter(-1), rows))
        joined = self._joined[sort]
        found, row, end = [], 0, 0
        at = joined.find(needle)
        while at != -1:
            row += joined.count(_SEP, end, at)  # the separators passed: the row it is in
            found.append(rows[row])
            end = joined.find(_SEP, at)
            at = joined.find(needle, end) if end != -1 else -1
        return found

    def dated_steps(self) -> list[Entry]:
        """(due on, person id, "") of everyone with a next step, soonest first."""
        return self._list("steps")

    def _list(self, name: str) -> list[Entry]:
        if name not in self._lists:
            base = self._bases.get(name)
            if base is None:
                entries = sorted(e for p in self.people if (e := self._entry(name, p)))
            else:
                came = [
                    e for pid in base[1] if pid in self.people and (e := self._entry(name, pid))
                ]
                entries = _edited(base[0], base[1].values(), came)
                self._bases.pop(name, None)  # what it moved on from can go
            self._lists[name] = entries
        return self._lists[name]

    def _entry(self, name: str, pid: int) -> Entry | None:
        """A person's entry in a list, kept on their record."""
        rec = self._person(pid)
        entry = getattr(rec, "in_" + name)
        if entry is _UNSET:
            entry = self._new_entry(name, pid)
            setattr(rec, "in_" + name, entry)
        return entry

    def _new_entry(self, name: str, pid: int) -> Entry | None:
        """A person's entry in a list (sorted ascending); None to leave them out."""
        if name == "steps":
            due = self.due_on(pid)
            return (due, pid, "") if due else None
        text = self.searchable(pid)
        if name == "interactions":
            return (-self.touch_count(pid), self.people[pid].get("name") or "", pid, text)
        if name == "name":
            return ((self.people[pid].get("name") or "").casefold(), pid, text)
        return (self.last_seen(pid) or "", pid, text)

    def logged(self) -> list[tuple[int, Doc]]:
        """(id, interaction) of what you logged yourself, newest first, about people still in
        the network."""
        if self._recent is None:
            mine = [(i, doc) for i, doc in self._logged.items() if doc["person_id"] in self.people]
            self._recent = sorted(mine, key=lambda t: (t[1].get("date") or "", t[0]), reverse=True)
        return self._recent

    def met_people(self) -> frozenset[int]:
        """Everyone you logged a touch of your own with (see `met`); may name people merged
        away since, whom the network no longer holds."""
        if self._met is None:
            self._met = frozenset(
                doc["person_id"] for doc in self._logged.values() if doc["kind"] in PERSONAL
            )
            self._met_at = {}  # kept for the people met before, who have changed
        return self._met

    def met_at(self, event_id: int) -> frozenset[int]:
        """The people you have met (see `met_people`) who were at this event. A host's
        "people you both know" looks at every event they ran, in every capture of the next."""
        met, there = self.met_people(), self._at_event.get(event_id, ())
        kept = self._met_at.get(event_id)
        if kept is None or kept[0] is not there:
            kept = self._met_at[event_id] = (there, met.intersection(there))
        return kept[1]

    def invites_sent(self) -> list[Doc]:
        if self._invites is None:
            self._invites = [i for i in self._logged.values() if i["kind"] == "invite_sent"]
        return self._invites

    def touch_total(self) -> int:
        return self._touch_count

    def _works_at(self, person_id: int, company: str) -> bool:
        return any(_names(entry, company) for entry in self._person(person_id).employers)

    def _staff_entry(self, person_id: int) -> tuple[str, int]:
        return ((self.people.get(person_id) or {}).get("name") or "", person_id)

    def staff(self, company: str) -> list[tuple[str, int]]:
        """(name, id), by name, of the people whose company is `company` (casefolded) or
        whose headline says they work there (" at Company", "@ Company"). Kept for the next
        snapshot: read it, never change it."""
        if self._employers is None:
            came = []
            for pid, rec in self._persons.items():
                rec.employers = _employer_keys(rec.doc, pid)
                came += rec.employers
            self._employers = sorted(came)
            self._employer_edits = None
            self._working = {}  # answers kept belong with an index: this one is new
        found = self._working.get(company)
        if found is None:
            if self._employer_edits is not None:
                self._employers = _edited(self._employers, *_net_edits(self._employer_edits))
                self._employer_edits = None
            keys, at = self._employers, bisect_left(self._employers, (company,))
            matching = set()
            while at < len(keys) and keys[at][0].startswith(company):
                if _names(keys[at], company):
                    matching.add(keys[at][2])
                at += 1
            found = self._working[company] = _Staff.of(map(self._staff_entry, matching))
        return found.entries


def group_name(event: Doc) -> str | None:
    return (event.get("group") or {}).get("name")


def _copy(net: Network) -> Network:
    """A snapshot sharing every part of `net`, which hands its books on to it."""
    new = Network.__new__(Network)
    new.__dict__.update(net.__dict__)
    net._books = None
    return new


def _rebased(
    lists: dict[str, list[Entry]],
    bases: dict[str, tuple[list[Entry], dict[int, Any]]],
    changes: int,
) -> dict[str, tuple[list[Entry], dict[int, Any]]]:
    """What the next snapshot's lists start from: the newest list of each kind, with the
    entries (to take out) of the people changed since. Past a few thousand changes, a list
    is sorted anew instead."""
    rebased: dict[str, tuple[list[Entry], dict[int, Any]]] = {
        name: (entries, {}) for name, entries in lists.items()
    }
    for name, (entries, left) in bases.items():
        if name not in rebased and len(left) + changes <= _FEW:
            rebased[name] = (entries, dict(left))
    return rebased


def _edited(
    entries: list[Any], gone: Iterable[Any], came: Iterable[Any], in_place: bool = False
) -> list[Any]:
    """A sorted list without the entries gone (anything not a tuple was never in it) and with
    those that came, still sorted: a few moved by bisection (in `entries` itself when
    `in_place`, else in a copy), more by one merge into a new list (each insertion shifts the
    list, and sorting two sorted runs together is linear)."""
    gone = [entry for entry in gone if isinstance(entry, tuple)]
    came = sorted(came)
    if len(gone) + len(came) > _FEW_EDITS:
        dropped = set(gone)
        return sorted([*(e for e in entries if e not in dropped), *came])
    kept = entries if in_place else list(entries)
    for entry in gone:
        at = bisect_left(kept, entry)
        if at < len(kept) and kept[at] == entry:
            del kept[at]
    for entry in came:
        insort(kept, entry)
    return kept


def _merged(old: Docs, changed: _Changed, person_id: int, order: Any) -> Docs:
    """A person's documents with those a write changed taken out, and theirs now put in."""
    ids, now = changed
    if person_id not in now and ids.isdisjoint(old[0]):
        return old
    came = now.get(person_id, [])
    if not old[0]:  # someone new, as most of a large capture's people are
        return _docs(came, order)
    kept = [pair for pair in zip(*old, strict=True) if pair[0] not in ids]
    return _docs(kept + came, order)


def _docs(pairs: Iterable[tuple[int, Doc]], order: Any = None) -> Docs:
    """(ids, documents) of these pairs, in `order` (touches: oldest first)."""
    ordered = list(pairs)
    if not ordered:
        return (), ()
    if len(ordered) > 1:
        ordered.sort(key=order or _touch_order)
    ids, docs = zip(*ordered, strict=True)
    return ids, docs


def _by_id(pair: tuple[int, Doc]) -> int:
    return pair[0]


def _touch_order(item: tuple[int, Doc]) -> tuple[str, int]:
    return (item[1].get("date") or "", item[0])


def _employer_keys(doc: Doc | None, pid: int) -> tuple[Employer, ...]:
    """This person's entries in the employer index: their company, and what their headline
    says after each " at " or "@ "."""
    if doc is None:
        return ()
    keys = []
    company = (doc.get("company") or "").casefold()
    if company:
        keys.append((company, _COMPANY, pid))
    headline = (doc.get("headline") or "").casefold()
    for word in _AT_WORDS:
        start = headline.find(word)
        while start != -1:
            keys.append((headline[start + len(word) :], _HEADLINE, pid))
            start = headline.find(word, start + 1)
    return tuple(keys)


def _names(entry: Employer, company: str) -> bool:
    """An employer index entry says they work at `company`: their company is it, or their
    headline names it after " at " (and may go on: "at Acme, Berlin")."""
    text, kind, _ = entry
    return text == company or (kind == _HEADLINE and text.startswith(company))


def _net_edits(edits: _Edits) -> tuple[list[Employer], list[Employer]]:
    """What a chain of edits took out and put in, all told (an entry put in by one write
    and taken out by a later one is in neither)."""
    count: Counter[Employer] = Counter()
    while edits is not None:
        edits, gone, came = edits
        count.update(came)
        count.subtract(gone)
    return [e for e, n in count.items() if n < 0], [e for e, n in count.items() if n > 0]


_NOBODY = _Person(None, ((), ()), ((), ()))
