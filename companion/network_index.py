"""The stored network held in memory for reads, indexed by person and by event, and kept up
to date from the storage's record of what changed: a read after a small write costs what the
write changed, not the size of the network.

A `Network` never changes once handed out: an update makes a new one that shares every
person's record the change did not touch, so a request still reading the old one is not
disturbed. People and attendances are the stored documents themselves, not copies (a copy of
every document doubled the memory a large network takes): nothing may change them.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from tinydb import TinyDB

from companion.method import followups
from companion.method.classify import classify
from companion.method.interactions import PERSONAL, iso_date, last_touch, progress
from companion.method.settings import with_defaults

Doc = dict[str, Any]
# The tables a Network reads; a change elsewhere (captures, merges, pairing) leaves it be.
_TABLES = ("people", "events", "attendances", "interactions", "settings")
_UNSET: Any = object()
# A headline names an employer after these: "Data engineer at Brightwater", "CTO @ Acme".
_AT_WORDS = (" at ", "@ ")
# Past this many entries to move, an employer index is sorted again rather than edited.
_FEW = 2000


class _Person:
    """One person's documents and the values derived from them, each computed on first use.

    Replaced, never changed, when any of its documents (or an event it refers to) changes,
    so the derived values cached on it stay true for every Network sharing it.
    """

    __slots__ = (
        "attended",
        "cls",
        "count",
        "doc",
        "employers",
        "groups",
        "seen",
        "step",
        "text",
        "touches",
    )

    def __init__(
        self, doc: Doc | None, attended: tuple[Doc, ...], touches: tuple[tuple[int, Doc], ...]
    ):
        self.doc = doc
        self.attended = attended  # their attendances, by id
        self.touches = touches  # (id, interaction), oldest first
        # Their entries in the employer indexes, as the document read when this was made.
        self.employers = _employer_keys(doc)
        self.text = self.seen = self.step = self.count = self.cls = self.groups = _UNSET


@dataclass
class _Books:
    """Who each attendance and interaction belonged to when last seen, so a change can be
    applied knowing what it replaced (TinyDB changes the stored document in place).
    Only the newest Network holds them; it passes them on to the next."""

    attendance: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> person, event
    attendances_of: dict[int, set[int]] = field(default_factory=dict)  # person -> ids
    attendances_at: dict[int, set[int]] = field(default_factory=dict)  # event -> ids
    touch: dict[int, tuple[int, int | None]] = field(default_factory=dict)  # id -> person, event
    touches_of: dict[int, set[int]] = field(default_factory=dict)  # person -> ids
    touches_at: dict[int, set[int]] = field(default_factory=dict)  # event -> ids


# The newest Network of each storage, and the storage's change count it reflects.
_LATEST: WeakKeyDictionary[Any, Network] = WeakKeyDictionary()


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
        # (text after " at " in a headline, person) and (company, person), casefolded, sorted:
        # the people who work at a sponsor, found by bisection rather than by a scan.
        self._employers: list[tuple[str, int]] = []
        self._companies: list[tuple[str, int]] = []
        self._books: _Books | None = _Books()
        # Built on first use in this snapshot (a sort of every person, the follow-ups).
        self._orders: dict[str, tuple[list[int], list[str]]] = {}
        self._dated_steps: list[tuple[str, int]] | None = None
        self._recent: list[tuple[int, Doc]] | None = None

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
        if changes is None:
            everything = {t: [int(k) for k in data.get(t, {})] for t in _TABLES}
            net = cls()._updated(data, everything, generation)
        else:
            net = latest._updated(data, changes, generation)  # type: ignore[union-attr]
        _LATEST[storage] = net
        return net

    def _updated(self, data: dict[str, Any], changes: dict[str, Any], generation: int) -> Network:
        """A new snapshot: this one with the documents in `changes` read again from `data`."""
        net = _copy(self)
        net.generation = generation
        books, self._books = self._books or _Books(), None
        net._books = books
        touched: set[int] = set()
        if changes.get("people"):
            net.people = dict(self.people)
            for pid in changes["people"]:
                doc = data.get("people", {}).get(str(pid))
                if doc is None:
                    net.people.pop(pid, None)
                else:
                    net.people[pid] = doc
                touched.add(pid)
        events = set(changes.get("events") or ())
        if changes.get("attendances"):
            events |= net._apply_attendances(
                data.get("attendances", {}), changes["attendances"], touched
            )
        if changes.get("interactions"):
            net._apply_touches(data.get("interactions", {}), changes["interactions"], touched)
        if changes.get("events"):
            net._apply_events(data.get("events", {}), changes["events"], touched)
        if changes.get("settings"):
            net.settings = with_defaults(dict(data.get("settings", {}).get("1") or {}))
        if events:
            net._at_event = dict(self._at_event)
        for eid in events:
            pids = {books.attendance[a][0] for a in books.attendances_at.get(eid, ())}
            if pids:
                net._at_event[eid] = tuple(sorted(pids))
            else:
                net._at_event.pop(eid, None)
        if touched:
            net._renew(data, touched)
        return net

    def _apply_attendances(
        self, stored: dict[str, Doc], ids: Iterable[int], touched: set[int]
    ) -> set[int]:
        """Book the attendances changed; the events whose attendees may have changed."""
        books = self._books
        assert books is not None
        events: set[int] = set()
        for aid in ids:
            old = books.attendance.pop(aid, None)
            if old is not None:
                books.attendances_of[old[0]].discard(aid)
                books.attendances_at[old[1]].discard(aid)
                touched.add(old[0])
                events.add(old[1])
            doc = stored.get(str(aid))
            if doc is not None:
                pid, eid = doc["person_id"], doc["event_id"]
                books.attendance[aid] = (pid, eid)
                books.attendances_of.setdefault(pid, set()).add(aid)
                books.attendances_at.setdefault(eid, set()).add(aid)
                touched.add(pid)
                events.add(eid)
        return events

    def _apply_touches(self, stored: dict[str, Doc], ids: Iterable[int], touched: set[int]) -> None:
        books = self._books
        assert books is not None
        logged = None
        for iid in ids:
            old = books.touch.pop(iid, None)
            if old is not None:
                books.touches_of[old[0]].discard(iid)
                books.touches_at.get(old[1], set()).discard(iid)  # type: ignore[arg-type]
                touched.add(old[0])
                self._touch_count -= 1
            doc = stored.get(str(iid))
            if doc is not None:
                pid, eid = doc["person_id"], doc.get("event_id")
                books.touch[iid] = (pid, eid)
                books.touches_of.setdefault(pid, set()).add(iid)
                books.touches_at.setdefault(eid, set()).add(iid)  # type: ignore[arg-type]
                touched.add(pid)
                self._touch_count += 1
            mine = doc is not None and doc.get("kind") != "seen_at"
            if mine or iid in self._logged:
                if logged is None:
                    logged = self._logged = dict(self._logged)
                    self._recent = None
                if mine:
                    logged[iid] = doc  # type: ignore[assignment]
                else:
                    del logged[iid]

    def _apply_events(self, stored: dict[str, Doc], ids: Iterable[int], touched: set[int]) -> None:
        """Copy the changed events; everyone there, or with a touch there, derives from them."""
        books = self._books
        assert books is not None
        self.events, self._days = dict(self.events), dict(self._days)
        for eid in ids:
            doc = stored.get(str(eid))
            if doc is None:
                self.events.pop(eid, None)
                self._days.pop(eid, None)
            else:
                self.events[eid] = {"id": eid, **doc}
                self._days[eid] = iso_date(doc.get("start"))
            touched.update(books.attendance[a][0] for a in books.attendances_at.get(eid, ()))
            touched.update(books.touch[i][0] for i in books.touches_at.get(eid, ()))

    def _renew(self, data: dict[str, Any], touched: set[int]) -> None:
        """New records for the people touched; the orders and lists built from them go."""
        books = self._books
        assert books is not None
        attendances, interactions = data.get("attendances", {}), data.get("interactions", {})
        self._persons = dict(self._persons)
        gone: list[tuple[str, str, int]] = []
        came: list[tuple[str, str, int]] = []
        for pid in touched:
            old = self._persons.get(pid)
            doc = self.people.get(pid)
            aids = sorted(books.attendances_of.get(pid, ()))
            iids = books.touches_of.get(pid, ())
            if doc is None and not aids and not iids:
                self._persons.pop(pid, None)
                gone += [(index, text, pid) for index, text in old.employers] if old else []
                continue
            touches = sorted(((i, interactions[str(i)]) for i in iids), key=_touch_order)
            attended = tuple(attendances[str(a)] for a in aids)
            self._persons[pid] = new = _Person(doc, attended, tuple(touches))
            if old is None or old.employers != new.employers:
                gone += [(index, text, pid) for index, text in old.employers] if old else []
                came += [(index, text, pid) for index, text in new.employers]
        if gone or came:
            _reindex_employers(self, gone, came)
        self._orders, self._dated_steps, self._recent = {}, None, None

    # What one person is and did.

    def _person(self, person_id: int) -> _Person:
        return self._persons.get(person_id) or _NOBODY

    def touches_of(self, person_id: int) -> list[Doc]:
        """Their interactions with their ids, oldest first (copies: the caller's to keep)."""
        return [{"id": i, **doc} for i, doc in self._person(person_id).touches]

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
        return self.met(person_id) or any(e != event_id for e in self.event_ids(person_id))

    def met(self, person_id: int) -> bool:
        """You logged a touch of your own with them (more than being in the same room)."""
        return any(doc["kind"] in PERSONAL for _, doc in self._person(person_id).touches)

    # Derived per person, computed once per record.

    def last_seen(self, person_id: int) -> str | None:
        rec = self._person(person_id)
        if rec.seen is _UNSET:
            dates = [self._days.get(a["event_id"]) for a in rec.attended]
            dates.append(last_touch([doc for _, doc in rec.touches]))
            rec.seen = max((d for d in dates if d), default=None)
        return rec.seen

    def touch_count(self, person_id: int) -> int:
        rec = self._person(person_id)
        if rec.count is _UNSET:
            rec.count = progress([doc for _, doc in rec.touches])["count"]
        return rec.count

    def searchable(self, person_id: int) -> str:
        rec = self._person(person_id)
        if rec.text is _UNSET:
            fields = ("name", "headline", "company", "position", "notes")
            rec.text = " ".join(str((rec.doc or {}).get(f) or "") for f in fields).casefold()
        return rec.text

    def step(self, person_id: int) -> followups.Due | None:
        """What is next with them, worded as if personalized invites were left."""
        rec = self._person(person_id)
        if rec.step is _UNSET:
            rec.step = self.step_with(person_id, None)
        return rec.step

    def step_with(self, person_id: int, invites_left: int | None) -> followups.Due | None:
        rec = self._person(person_id)
        touches = [doc for _, doc in rec.touches]
        return followups.next_step(rec.doc or {}, touches, self.events, invites_left)

    def person_class(self, person_id: int) -> str:
        rec = self._person(person_id)
        if rec.cls is _UNSET:
            rec.cls = classify(rec.doc or {}, self.roles(person_id)).cls
        return rec.cls

    def groups_of(self, person_id: int) -> set[str | None]:
        rec = self._person(person_id)
        if rec.groups is _UNSET:
            rec.groups = {
                (self.events.get(e, {}).get("group") or {}).get("name")
                for e in self.event_ids(person_id)
            }
        return rec.groups

    # Built once per snapshot, for everyone.

    def ordered(self, sort: str) -> tuple[list[int], list[str]]:
        """Everyone in this sort's order, and their searchable texts in the same order."""
        if sort not in self._orders:
            if sort == "interactions":
                key: Any = lambda p: (-self.touch_count(p), self.people[p].get("name") or "", p)  # noqa: E731
            elif sort == "name":
                key = lambda p: ((self.people[p].get("name") or "").casefold(), p)  # noqa: E731
            else:
                key = lambda p: (self.last_seen(p) or "", p)  # noqa: E731
            ids = sorted(self.people, key=key, reverse=sort not in ("interactions", "name"))
            self._orders[sort] = (ids, [self.searchable(p) for p in ids])
        return self._orders[sort]

    def dated_steps(self) -> list[tuple[str, int]]:
        """(due on, person) of everyone with a next step, soonest first."""
        if self._dated_steps is None:
            steps = ((self.step(p), p) for p in self.people)
            self._dated_steps = sorted((s.due_on, p) for s, p in steps if s is not None)
        return self._dated_steps

    def logged(self) -> list[tuple[int, Doc]]:
        """(id, interaction) of what you logged yourself, newest first, about people still in
        the network."""
        if self._recent is None:
            mine = [(i, doc) for i, doc in self._logged.items() if doc["person_id"] in self.people]
            self._recent = sorted(mine, key=lambda t: (t[1].get("date") or "", t[0]), reverse=True)
        return self._recent

    def invites_sent(self) -> list[Doc]:
        return [i for i in self._logged.values() if i["kind"] == "invite_sent"]

    def touch_total(self) -> int:
        return self._touch_count

    def working_at(self, company: str) -> list[int]:
        """The people whose company is `company` (casefolded) or whose headline says they
        work there (" at Company", "@ Company"), by id."""
        found = {p for key, p in _prefixed(self._companies, company) if key == company}
        found.update(p for _, p in _prefixed(self._employers, company))
        return sorted(found)


def _copy(net: Network) -> Network:
    new = Network.__new__(Network)
    new.__dict__.update(net.__dict__)
    new._orders, new._dated_steps = {}, None
    return new


def _touch_order(item: tuple[int, Doc]) -> tuple[str, int]:
    return (item[1].get("date") or "", item[0])


def _employer_keys(doc: Doc | None) -> tuple[tuple[str, str], ...]:
    """("company" or "headline", casefolded text) entries: the company itself, and what a
    headline says after each " at " or "@ "."""
    if doc is None:
        return ()
    keys = []
    company = (doc.get("company") or "").casefold()
    if company:
        keys.append(("company", company))
    headline = (doc.get("headline") or "").casefold()
    for word in _AT_WORDS:
        start = headline.find(word)
        while start != -1:
            keys.append(("headline", headline[start + len(word) :]))
            start = headline.find(word, start + 1)
    return tuple(keys)


def _reindex_employers(
    net: Network, gone: list[tuple[str, str, int]], came: list[tuple[str, str, int]]
) -> None:
    """Move the employer indexes on by what left and what came, in copies (older snapshots
    keep theirs): a few entries by bisection, many (a first build) by one sort."""
    for index, name in (("company", "_companies"), ("headline", "_employers")):
        out = [(text, pid) for i, text, pid in gone if i == index]
        new = [(text, pid) for i, text, pid in came if i == index]
        if not out and not new:
            continue
        keys: list[tuple[str, int]] = getattr(net, name)
        if len(out) + len(new) > _FEW:
            dropped = set(out)
            keys = sorted([k for k in keys if k not in dropped] + new)
        else:
            keys = list(keys)
            for entry in out:
                at = bisect_left(keys, entry)
                if at < len(keys) and keys[at] == entry:
                    del keys[at]
            for entry in new:
                insort(keys, entry)
        setattr(net, name, keys)


def _prefixed(keys: list[tuple[str, int]], prefix: str) -> Iterable[tuple[str, int]]:
    at = bisect_left(keys, (prefix, -1))
    while at < len(keys) and keys[at][0].startswith(prefix):
        yield keys[at]
        at += 1


_NOBODY = _Person(None, (), ())
