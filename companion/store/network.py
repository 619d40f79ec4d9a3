"""The user's network held in memory for reads: the one read model, derived from the store.

A read: a request enters `Store.reading()`, the read side of the store's readers-writer lock,
and builds its whole answer from the `Network` before letting go; writes wait meanwhile, so
nothing it reads (this model, the TinyDB documents it shares) changes under it.

A write: every change runs in `Store.transaction()`, the write side. The storage records
the ids of the documents each table change touched; `follow()` reads them again and moves
the model on in place: `Records` first, then what `Network` derived from them. Transactions
follow before letting go (and captures mid-way, to see their own writes); when the storage
cannot say what changed (first use, a reload, a restore), the model is built again.

Why: one user, short reads, few writes, and a GIL under which two reads side by side are no
faster than in turn. A lock gives consistency by construction; a readers-writer lock lets
a short read interleave with a long one (an export). Budgets: bench/results/README.md.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from itertools import islice
from typing import Any, NamedTuple

from sortedcontainers import SortedList
from tinydb import TinyDB

from companion.method import followups
from companion.method.classify import by_choice_or_role, by_title
from companion.method.interactions import PERSONAL, iso_date, last_touch, progress
from companion.method.settings import with_defaults
from companion.store.storage import collector_paused

Doc = dict[str, Any]
SORTS = ("last_seen", "interactions", "name")
_DERIVED = ("last_seen", "count", "text", "due_on", "class", "title_class", "groups", "employers")
_STAFF = "staff:"  # an ordering of the people working at the company named after it
_SEARCHED = ("name", "headline", "company", "position", "notes")  # a person's "text"
# A headline names an employer after these: "Data engineer at Brightwater", "CTO @ Acme".
_AT = re.compile(" at |@ ")


class Entry(NamedTuple):
    """A person's place in one ordering: sorted by `key`, then by id."""

    key: tuple[Any, ...]
    person_id: int
    text: str  # what a search looks in (casefolded)


class Held(NamedTuple):
    """An interaction as last read: whose, where, its place among what you logged (if so)."""

    person_id: int
    event_id: int | None
    logged: tuple[str, int] | None


class Ordering:
    """Entries kept sorted as their people change (none for some: no next step, say)."""

    def __init__(self, entries: dict[int, tuple[Any, ...]]):
        self._of = entries
        self.sorted = SortedList(e for theirs in entries.values() for e in theirs)

    def put(self, person_id: int, entries: tuple[Any, ...]) -> None:
        for old in self._of.pop(person_id, ()):
            self.sorted.discard(old)
        if entries:
            self._of[person_id] = entries
            self.sorted.update(entries)


class Lookup:
    """Document ids by the keys each document holds (identity keys, event keys, capture ids)."""

    def __init__(self, keys_of: Callable[[Doc], Iterable[str]]):
        self._keys_of = keys_of
        self._ids: dict[str, list[int]] = {}
        self._held: dict[int, tuple[str, ...]] = {}  # what each document held when last read

    def put(self, doc_id: int, doc: Doc | None) -> None:
        for key in self._held.pop(doc_id, ()):
            _drop(self._ids, key, doc_id)
        if keys := tuple(self._keys_of(doc)) if doc is not None else ():
            self._held[doc_id] = keys
            for key in keys:
                self._ids.setdefault(key, []).append(doc_id)

    def first(self, key: str | None) -> int | None:
        ids = self._ids.get(key) if key is not None else None
        return min(ids) if ids else None


class Records:
    """The stored documents by person and by event, and the lookups a capture needs. Each
    `_put_` takes one document as stored now (None: removed) and says whose records moved."""

    def __init__(self) -> None:
        self.people: dict[int, Doc] = {}  # the stored documents
        self.events: dict[int, Doc] = {}  # copies, with their "id"
        self._attended: dict[int, dict[int, Doc]] = {}  # person -> attendance id -> document
        self._touches: dict[int, dict[int, Doc]] = {}  # person -> interaction id -> document
        # As last read: TinyDB changes documents in place, so not readable from them.
        self._attendance_of: dict[int, tuple[int, int]] = {}  # id -> (person, event)
        self._touch_of: dict[int, Held] = {}
        self._at_event: dict[int, set[int]] = {}  # event -> people there
        self._met: set[int] = set()  # people you logged a touch of your own with
        self.invites: dict[int, Doc] = {}  # invites you logged, by interaction id
        self._logged = SortedList()  # (date, id) of what you logged yourself
        self.person_keys = Lookup(lambda p: p.get("keys", []))
        self.event_keys = Lookup(lambda e: [e["key"]] if "key" in e else [])
        self.capture_ids = Lookup(lambda c: [c["capture_id"]])

    def _put_person(self, person_id: int, doc: Doc | None) -> Iterable[int]:
        if doc is None:
            self.people.pop(person_id, None)
        else:
            self.people[person_id] = doc
        self.person_keys.put(person_id, doc)
        return (person_id,)

    def _put_capture(self, capture_id: int, doc: Doc | None) -> Iterable[int]:
        self.capture_ids.put(capture_id, doc)
        return ()

    def _put_event(self, event_id: int, doc: Doc | None) -> Iterable[int]:
        old = self.events.pop(event_id, None)
        self.event_keys.put(event_id, doc)
        if doc is not None:
            self.events[event_id] = {"id": event_id, **doc}
        if old is None or (doc is not None and _dated_group(old) == _dated_group(doc)):
            return ()
        # Its day or group moved: so does what was derived for those there or met there.
        touching = {t.person_id for t in self._touch_of.values() if t.event_id == event_id}
        return touching | self._at_event.get(event_id, set())

    def _put_attendance(self, attendance_id: int, doc: Doc | None) -> Iterable[int]:
        moved = []
        if (old := self._attendance_of.pop(attendance_id, None)) is not None:
            person_id, event_id = old
            _drop(self._attended, person_id, attendance_id)
            if event_id not in self.event_ids(person_id):
                _drop(self._at_event, event_id, person_id)
            moved.append(person_id)
        if doc is not None:
            person_id, event_id = doc["person_id"], doc["event_id"]
            self._attendance_of[attendance_id] = (person_id, event_id)
            self._attended.setdefault(person_id, {})[attendance_id] = doc
            self._at_event.setdefault(event_id, set()).add(person_id)
            moved.append(person_id)
        return moved

    def _put_touch(self, touch_id: int, doc: Doc | None) -> Iterable[int]:
        moved = []
        if (old := self._touch_of.pop(touch_id, None)) is not None:
            _drop(self._touches, old.person_id, touch_id)
            self.invites.pop(touch_id, None)
            if old.logged is not None:
                self._logged.discard(old.logged)
            moved.append(old.person_id)
        if doc is not None:
            person_id = doc["person_id"]
            logged = (doc.get("date") or "", touch_id) if doc["kind"] != "seen_at" else None
            self._touch_of[touch_id] = Held(person_id, doc.get("event_id"), logged)
            self._touches.setdefault(person_id, {})[touch_id] = doc
            if logged is not None:
                self._logged.add(logged)
            if doc["kind"] == "invite_sent":
                self.invites[touch_id] = doc
            moved.append(person_id)
        for person_id in moved:
            theirs = self._touches.get(person_id, {}).values()
            if any(t["kind"] in PERSONAL for t in theirs):
                self._met.add(person_id)
            else:
                self._met.discard(person_id)
        return moved

    # What one person is and did.

    def attendances_of(self, person_id: int) -> dict[int, Doc]:
        """Their attendances as stored, by id: read them, never change them."""
        return self._attended.get(person_id, {})

    def attended(self, person_id: int, event_id: int | None = None) -> list[Doc]:
        theirs = self.attendances_of(person_id).values()
        return [a for a in theirs if event_id is None or a["event_id"] == event_id]

    def roles(self, person_id: int, event_id: int | None = None) -> list[str]:
        return [a["role"] for a in self.attended(person_id, event_id)]

    def event_ids(self, person_id: int) -> list[int]:
        return list(dict.fromkeys(a["event_id"] for a in self.attended(person_id)))

    def stored_touches(self, person_id: int) -> list[Doc]:
        """Their interactions as stored, oldest first: read them, never change them."""
        return [doc for _, doc in self._touches_in_order(person_id)]

    def touches_of(self, person_id: int) -> list[Doc]:
        """Their interactions with their ids, oldest first (copies: the caller's to keep)."""
        return [{"id": i, **doc} for i, doc in self._touches_in_order(person_id)]

    def _touches_in_order(self, person_id: int) -> list[tuple[int, Doc]]:
        theirs = self._touches.get(person_id, {})
        return sorted(theirs.items(), key=lambda item: (item[1].get("date") or "", item[0]))

    def known(self, person_id: int, event_id: int) -> bool:
        """Met before: a touch you made, or seen at another event."""
        others = (a["event_id"] != event_id for a in self.attended(person_id))
        return person_id in self._met or any(others)

    # Events and everyone.

    def attendees(self, event_id: int) -> list[int]:
        """The people at an event, each once, by id."""
        return sorted(self._at_event.get(event_id, ()))

    def day(self, event_id: int | None) -> str | None:
        """The date an event started on (YYYY-MM-DD), when known."""
        event = self.events.get(event_id) if event_id is not None else None
        return iso_date(event.get("start")) if event else None

    def met_at(self, event_id: int) -> set[int]:
        """The people you logged a touch of your own with who were at this event."""
        return self._met.intersection(self._at_event.get(event_id, ()))

    def recent_logged(self, limit: int) -> list[tuple[int, Doc]]:
        """(id, interaction) of the latest you logged yourself, newest first, about people
        still in the network."""
        mine = ((i, self._touch_of[i].person_id) for _, i in reversed(self._logged))
        return list(islice(((i, self._touches[p][i]) for i, p in mine if p in self.people), limit))

    def touch_total(self) -> int:
        return len(self._touch_of)


class Network(Records):
    """The records and what is derived from them: per-person values (cached until their
    documents change) and orderings (built when first asked, then moved on). Read it inside
    `Store.reading()` or a transaction; only `follow()` changes it."""

    def __init__(self, db: TinyDB):
        super().__init__()
        self.db = db
        self.generation: int | None = None  # the storage's, when last followed
        self.settings: dict[str, Any] = with_defaults({})
        # Derived values by name, then by person. Readers share the model, so what they
        # compute on first use is stored under a lock of its own.
        self._cache: dict[str, dict[int, Any]] = {name: {} for name in _DERIVED}
        self._orderings: dict[str, Ordering] = {}
        self._filling = threading.RLock()

    def follow(self) -> Network:
        """Catch up with the store: the documents changed since last time, or everything."""
        storage = self.db.storage
        generation: int = storage.generation  # type: ignore[attr-defined]
        if generation == self.generation:
            return self
        changes = None
        if self.generation is not None:
            changes = storage.changes_since(self.generation)  # type: ignore[attr-defined]
        data = storage.read() or {}
        if changes is None:
            self._rebuild(data)
        else:
            self._apply(data, changes)
        self.generation = generation
        return self

    def _rebuild(self, data: dict[str, Any]) -> None:
        with collector_paused():
            self.__init__(self.db)  # type: ignore[misc]
            self._apply(data, {table: map(int, docs) for table, docs in data.items()})

    def _apply(self, data: dict[str, Any], changes: dict[str, Iterable[int]]) -> None:
        if "settings" in changes:
            self.settings = with_defaults(dict(data.get("settings", {}).get("1") or {}))
        touched: set[int] = set()
        puts = {  # events first: a person's values read their days
            "events": self._put_event,
            "people": self._put_person,
            "attendances": self._put_attendance,
            "interactions": self._put_touch,
            "captures": self._put_capture,
        }
        for table, put in puts.items():
            docs = data.get(table, {})
            for doc_id in changes.get(table, ()):
                touched.update(put(doc_id, docs.get(str(doc_id))))
        for cache in self._cache.values():
            for person_id in touched:
                cache.pop(person_id, None)
        for name, ordering in self._orderings.items():
            for person_id in touched:
                ordering.put(person_id, self._entries(name, person_id))

    # Values derived for one person, each worked out once until their documents change.

    def last_seen(self, person_id: int) -> str | None:
        return self._memo("last_seen", person_id)

    def touch_count(self, person_id: int) -> int:
        return self._memo("count", person_id)

    def due_on(self, person_id: int) -> str | None:
        """The day their next step is due; None when nothing is pending."""
        return self._memo("due_on", person_id)

    def person_class(self, person_id: int) -> str:
        return self._memo("class", person_id)

    def groups_of(self, person_id: int) -> set[str | None]:
        return self._memo("groups", person_id)

    def class_with_roles(self, person_id: int, roles: list[str]) -> str:
        """Their class as these roles make it (those at one event, say)."""
        decided = by_choice_or_role(self.people.get(person_id) or {}, roles)
        return decided.cls if decided is not None else self._memo("title_class", person_id)

    def step(self, person_id: int, invites_left: int | None = None) -> followups.Due | None:
        """What is next with them; the budget of invites left changes only the wording."""
        doc, touches = self.people.get(person_id) or {}, self.stored_touches(person_id)
        return followups.next_step(doc, touches, self.events, invites_left)

    def _memo(self, name: str, person_id: int) -> Any:
        cache = self._cache[name]
        if person_id in cache:
            return cache[person_id]
        value = self._derive(name, person_id)
        with self._filling:
            return cache.setdefault(person_id, value)

    def _derive(self, name: str, person_id: int) -> Any:
        doc = self.people.get(person_id) or {}
        if name == "last_seen":
            dates = [self.day(a["event_id"]) for a in self.attended(person_id)]
            dates.append(last_touch(self.stored_touches(person_id)))
            return max((d for d in dates if d), default=None)
        if name == "count":
            return progress(self.stored_touches(person_id))["count"]
        if name == "due_on":
            step = self.step(person_id)
            return step.due_on if step else None
        if name == "groups":
            return {group_name(self.events.get(e, {})) for e in self.event_ids(person_id)}
        if name == "title_class":
            return by_title(doc).cls
        if name == "employers":
            return _employers(doc)
        if name == "class":
            return self.class_with_roles(person_id, self.roles(person_id))
        return " ".join(str(doc.get(f) or "") for f in _SEARCHED).casefold()

    # Orderings of everyone.

    def ordered(self, sort: str, start: int = 0, stop: int | None = None) -> list[Entry]:
        """Everyone in this sort's order (last seen: newest first), or a slice of them."""
        entries = self._ordering(sort).sorted
        if sort != "last_seen":
            return entries[start:stop]
        end = len(entries) if stop is None else min(stop, len(entries))
        return entries[len(entries) - end : max(len(entries) - start, 0)][::-1]

    def search(self, sort: str, needle: str) -> list[Entry]:
        """The people whose name, headline, company, position or notes hold `needle`."""
        return [entry for entry in self.ordered(sort) if needle in entry.text]

    def steps_due(self, day: date, limit: int | None = None) -> tuple[list[int], int]:
        """Those whose next step is due by `day`, soonest first (the first `limit`), and
        how many they are."""
        steps = self._ordering("steps").sorted
        total = steps.bisect_left(Entry(((day + timedelta(days=1)).isoformat(),), -1, ""))
        shown = steps.islice(0, total if limit is None else min(limit, total))
        return [entry.person_id for entry in shown], total

    def staff(self, company: str) -> Sequence[tuple[str, int]]:
        """(name, id), by name, of the people whose company is `company` (casefolded) or
        whose headline says they work there (" at Company", "@ Company"): kept per company
        asked about, as a sponsor's is asked about in every capture of its events."""
        return self._ordering(_STAFF + company).sorted

    def _ordering(self, name: str) -> Ordering:
        if name not in self._orderings:
            with self._filling, collector_paused():
                if name not in self._orderings:
                    entries = {pid: self._entries(name, pid) for pid in self.people}
                    self._orderings[name] = Ordering({p: e for p, e in entries.items() if e})
        return self._orderings[name]

    def _entries(self, name: str, person_id: int) -> tuple[Any, ...]:
        """A person's entries in an ordering; none for someone no longer stored."""
        doc = self.people.get(person_id)
        if doc is None:
            return ()
        if name.startswith(_STAFF):
            company = name[len(_STAFF) :]
            works = any(_names(company, *where) for where in self._memo("employers", person_id))
            return ((doc.get("name") or "", person_id),) if works else ()
        if name == "steps":
            due = self.due_on(person_id)
            return (Entry((due,), person_id, ""),) if due else ()
        text, full_name = self._memo("text", person_id), doc.get("name") or ""
        key: tuple[Any, ...] = (self.last_seen(person_id) or "",)
        if name == "interactions":
            key = (-self.touch_count(person_id), full_name)
        elif name == "name":
            key = (full_name.casefold(),)
        return (Entry(key, person_id, text),)


def group_name(event: Doc) -> str | None:
    return (event.get("group") or {}).get("name")


def _dated_group(event: Doc) -> tuple[Any, Any]:
    return event.get("start"), group_name(event)


def _employers(doc: Doc) -> list[tuple[str, bool]]:
    """(casefolded text, from the headline?) of their company, and of what their headline
    says after each " at " or "@ "."""
    company = (doc.get("company") or "").casefold()
    headline = (doc.get("headline") or "").casefold()
    found = [(company, False)] if company else []
    return found + [(headline[at.end() :], True) for at in _AT.finditer(headline)]


def _names(company: str, text: str, from_headline: bool) -> bool:
    """The text names this company: exactly, or (a headline) followed by other words."""
    rest = text[len(company) :] if text.startswith(company) else None
    return rest == "" or (from_headline and rest is not None and not rest[:1].isalnum())


def _drop(groups: dict[Any, Any], group: Any, member: int) -> None:
    """Take `member` out of a group (a dict, set or list), and the group once empty."""
    held = groups[group]
    if isinstance(held, dict):
        del held[member]
    else:
        held.remove(member)
    if not held:
        del groups[group]
