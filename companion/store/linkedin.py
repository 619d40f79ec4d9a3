"""LinkedIn's own Connections.csv: who is already connected, with their company and position.

The file starts with a "Notes:" preamble before its header row; older exports have no URL
column; dates look like `15 Mar 2024`; e-mail is usually empty. Hallway never reads LinkedIn
itself: the user downloads this file from their LinkedIn settings.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from tinydb import TinyDB

from companion.i18n import _
from companion.store.db import raw
from companion.store.identity import name_key, url_keys

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$")


class NotConnections(ValueError):
    """The file is not LinkedIn's Connections.csv; the message is one plain sentence."""


@dataclass
class Connection:
    first_name: str
    last_name: str
    url: str | None
    email: str | None
    company: str | None
    position: str | None
    connected_on: str | None  # ISO date

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Imported:
    matched: list[int] = field(default_factory=list)  # person ids
    ambiguous: list[dict[str, Any]] = field(default_factory=list)  # pending suggestions
    not_met: int = 0


def read_connections(text: str) -> list[Connection]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header_at = next(
        (
            i
            for i, row in enumerate(rows)
            if {"First Name", "Last Name"} <= {c.strip() for c in row}
        ),
        None,
    )
    if header_at is None:
        raise NotConnections(
            _(
                "This is not LinkedIn's Connections.csv: it has no 'First Name, Last Name' "
                "header row."
            )
        )
    header = [c.strip() for c in rows[header_at]]
    connections = []
    for row in rows[header_at + 1 :]:
        cells = {h: c.strip() or None for h, c in zip(header, row, strict=False)}
        if not (cells.get("First Name") or cells.get("Last Name")):
            continue
        connections.append(
            Connection(
                first_name=cells.get("First Name") or "",
                last_name=cells.get("Last Name") or "",
                url=cells.get("URL"),
                email=cells.get("Email Address"),
                company=cells.get("Company"),
                position=cells.get("Position"),
                connected_on=iso_date(cells.get("Connected On")),
            )
        )
    return connections


def iso_date(value: str | None) -> str | None:
    """`15 Mar 2024` (LinkedIn's form) or an ISO date; anything else is unknown."""
    if not value:
        return None
    match = _DAY_MONTH_YEAR.match(value.strip())
    if match and match.group(2).lower() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], match.group(3)
        return f"{year}-{month:02d}-{day:02d}"
    return value.strip() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()) else None


def import_connections(db: TinyDB, connections: list[Connection], at: str) -> Imported:
    """Match each connection to a known person: LinkedIn URL, else an unambiguous exact name.

    Same-name matches with several candidates wait in `linkedin_pending` for the user;
    connections with nobody met yet are left out (Hallway holds the people you met).
    """
    index = _Index.of(db)
    people = raw(db, "people")
    by_name: dict[str, list[int]] = {}
    for i, p in people.items():
        by_name.setdefault(name_key(p.get("name") or ""), []).append(int(i))
    result = Imported()
    for connection in connections:
        person_id = next((index.keys[k] for k in url_keys(connection.url) if k in index.keys), None)
        candidates = [] if person_id else by_name.get(name_key(connection.name), [])
        # Someone already known under another LinkedIn profile is a namesake, not this person.
        candidates = [c for c in candidates if not _linkedin_keys(people[str(c)])]
        if person_id is None and len(candidates) == 1:
            person_id = candidates[0]
        if person_id is not None:
            apply_connection(db, index, person_id, connection, at)
            result.matched.append(person_id)
        elif candidates:
            result.ambiguous.append(_pending(db, connection, candidates, at))
        else:
            result.not_met += 1
    return result


@dataclass
class _Index:
    """Built once per import, so each connection costs O(1), not a scan of the store."""

    keys: dict[str, int]
    connected: set[int]

    @classmethod
    def of(cls, db: TinyDB) -> _Index:
        keys = {k: int(i) for i, p in raw(db, "people").items() for k in p.get("keys", [])}
        connected = {
            i["person_id"] for i in raw(db, "interactions").values() if i["kind"] == "connected"
        }
        return cls(keys, connected)


def _linkedin_keys(person: dict[str, Any]) -> list[str]:
    return [k for k in person.get("keys", []) if k.startswith("linkedin:")]


def apply_connection(
    db: TinyDB, index: _Index, person_id: int, connection: Connection, at: str
) -> None:
    """Mark the person connected (dated) and give them the company and position LinkedIn has."""
    person = raw(db, "people")[str(person_id)]
    # A LinkedIn profile already held by someone else stays theirs (a suggestion shows it).
    new_keys = [k for k in url_keys(connection.url) if k not in index.keys]
    index.keys.update(dict.fromkeys(new_keys, person_id))
    changes: dict[str, Any] = {
        "company": connection.company or person.get("company"),
        "position": connection.position or person.get("position"),
        "linkedin_url": person.get("linkedin_url") or connection.url,
        "connected_on": connection.connected_on or person.get("connected_on"),
        "status": "connected",
    }
    if new_keys:
        changes["keys"] = [*person.get("keys", []), *new_keys]
    changes = {k: v for k, v in changes.items() if person.get(k) != v}
    if changes:
        db.table("people").update(changes, doc_ids=[person_id])
    if person_id not in index.connected:
        index.connected.add(person_id)
        db.table("interactions").insert(
            {
                "person_id": person_id,
                "kind": "connected",
                "date": connection.connected_on or at[:10],
                "event_id": None,
                "note": _("Connected on LinkedIn (from Connections.csv)."),  # in the user's words
            }
        )


def resolve_pending(db: TinyDB, pending_id: int, person_id: int, at: str) -> None:
    """The user picked which of the same-name people this connection is."""
    pending = db.table("linkedin_pending").get(doc_id=pending_id)
    if pending is None:
        raise NotConnections(_("There is no pending LinkedIn connection with that id."))
    if str(person_id) not in raw(db, "people"):
        raise NotConnections(_("There is no person with that id."))
    apply_connection(db, _Index.of(db), person_id, Connection(**pending["connection"]), at)
    db.table("linkedin_pending").remove(doc_ids=[pending_id])


def _pending(db: TinyDB, connection: Connection, candidates: list[int], at: str) -> dict[str, Any]:
    facts = asdict(connection)
    for doc_id, doc in raw(db, "linkedin_pending").items():
        if doc["connection"] == facts:
            return {"id": int(doc_id), **doc}
    doc = {"connection": facts, "candidates": candidates, "at": at}
    return {"id": db.table("linkedin_pending").insert(doc), **doc}
