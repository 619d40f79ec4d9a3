"""The whole store as JSON (complete, restorable), CSV (a row per person) or vCard 4.0."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections import Counter, defaultdict
from typing import Any

from tinydb import TinyDB

from companion.i18n import _
from companion.store import schema
from companion.store.db import Store, raw
from companion.store.errors import StoreError
from companion.store.storage import SNAPSHOT_TOKEN

# Format name -> (media type, file extension).
FORMATS = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "vcard": ("text/vcard; charset=utf-8", "vcf"),
}
CSV_COLUMNS = (
    "id",
    "name",
    "headline",
    "company",
    "position",
    "status",
    "class_override",
    "profile_url",
    "linkedin_url",
    "connected_on",
    "events",
    "interactions",
    "first_seen",
    "notes",
)
# vCard wants a URI for UID; names under this namespace stay stable across exports.
_UID_NAMESPACE = uuid.UUID("5f0c6a3e-2b7d-4c1e-9a55-0d1f6e2b8c47")


def render(db: TinyDB, fmt: str) -> str:
    """The export as text, in one of FORMATS."""
    if fmt == "json":
        return json.dumps(as_json(db), ensure_ascii=False, indent=1)
    return as_csv(db) if fmt == "csv" else as_vcard(db)


def as_json(db: TinyDB) -> dict[str, Any]:
    """Every table as stored, ids included: `restore` puts it back exactly."""
    tables = {name: dict(raw(db, name)) for name in (db.storage.read() or {})}
    # The token naming the file the data was saved in is not part of the network.
    tables["meta"] = {
        k: {f: v for f, v in doc.items() if f != SNAPSHOT_TOKEN}
        for k, doc in tables.get("meta", {}).items()
    }
    return {"app": "hallway", "schema": schema.SCHEMA_VERSION, "tables": tables}


def restore(store: Store, export: Any, replace: bool = False) -> None:
    """Put a JSON export in place of the store's content (refused over data unless `replace`)."""
    if not isinstance(export, dict) or export.get("app") != "hallway":
        raise StoreError(_("This is not a Hallway JSON export."))
    tables = export.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise StoreError(_("This Hallway export has no tables."))
    if int(export.get("schema", 1)) > schema.SCHEMA_VERSION:
        raise StoreError(_("This export comes from a newer Hallway: update Hallway to restore it."))
    with store.reading() as net:
        holds_data = any(raw(net.db, t) for t in ("events", "people", "interactions"))
    if holds_data and not replace:
        raise StoreError(
            _(
                "The store already holds data: restore into an empty data folder, "
                "or ask to replace it (the current data stays in the backups)."
            )
        )
    meta = tables.get("meta") or {"1": {"schema": int(export.get("schema", 1))}}
    store.replace_all({**tables, "meta": meta})


def as_csv(db: TinyDB) -> str:
    """One row per person, with the events they were met at and how many interactions."""
    met = _events_met(db)
    interactions = Counter(i["person_id"] for i in raw(db, "interactions").values())
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for pid, person in raw(db, "people").items():
        row = {**person, "id": pid, "interactions": interactions[int(pid)]}
        row["events"] = "; ".join(met[int(pid)])
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in CSV_COLUMNS})
    return out.getvalue()


def as_vcard(db: TinyDB) -> str:
    """vCard 4.0 (RFC 6350), one card per person, whose NOTE says where you met."""
    met = _events_met(db)
    cards = []
    for pid, person in raw(db, "people").items():
        lines = [
            "BEGIN:VCARD",
            "VERSION:4.0",
            f"UID:urn:uuid:{uuid.uuid5(_UID_NAMESPACE, (person.get('keys') or [pid])[0])}",
            f"FN:{_escape(person.get('name') or 'Unnamed')}",
        ]
        if person.get("company"):
            lines.append(f"ORG:{_escape(person['company'])}")
        if person.get("position") or person.get("headline"):
            lines.append(f"TITLE:{_escape(person.get('position') or person['headline'])}")
        for url in dict.fromkeys(
            u for u in (person.get("profile_url"), person.get("linkedin_url")) if u
        ):
            lines.append(f"URL:{_escape(url)}")
        note = _note(met[int(pid)], person.get("notes") or "")
        if note:
            lines.append(f"NOTE:{_escape(note)}")
        lines.append("END:VCARD")
        cards.append("".join(_fold(line) + "\r\n" for line in lines))
    return "".join(cards)


def _events_met(db: TinyDB) -> dict[int, list[str]]:
    """For each person, 'Title (date)' of each event they were at, oldest first."""
    events = raw(db, "events")
    seen: dict[int, dict[tuple[str, int], str]] = defaultdict(dict)
    for a in raw(db, "attendances").values():
        event = events.get(str(a["event_id"]))
        if event:
            day = (event.get("start") or "")[:10]
            seen[a["person_id"]][(day, a["event_id"])] = (
                f"{event.get('title')} ({day})" if day else str(event.get("title"))
            )
    return defaultdict(list, {pid: [t for _, t in sorted(ts.items())] for pid, ts in seen.items()})


def _note(met: list[str], notes: str) -> str:
    parts = [f"Met at: {', '.join(met)}"] if met else []
    return "\n".join([*parts, notes] if notes else parts)


def _escape(text: str) -> str:
    """RFC 6350 3.4: backslash, comma, semicolon and newlines are escaped in values."""
    text = str(text).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets go on as continuation lines, never splitting a character."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74  # a continuation line starts with one space
        if len((current + char).encode()) > limit:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)
