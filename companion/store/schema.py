"""The database format's versions, and how an older file is brought up to date on open.

Version 1 (the first release): meta, events, people (captured facts, `keys`, status, notes),
attendances, captures. Version 2 adds to every person the fields LinkedIn's export and the
user give (company, position, linkedin_url, connected_on, class_override), derives the new
identity keys (member ids from group-scoped Meetup URLs, LinkedIn profiles), and the tables
interactions, settings, merges, not_duplicates and linkedin_pending.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from companion.store.identity import name_key, url_keys

SCHEMA_VERSION = 2
Tables = dict[str, dict[str, Any]]

# Every person has these; the capture never writes the user's ones (status .. class_override).
PERSON_DEFAULTS: dict[str, Any] = {
    "status": "none",
    "notes": "",
    "class_override": None,
    "company": None,
    "position": None,
    "linkedin_url": None,
    "connected_on": None,
}
TABLES = (
    "meta",
    "events",
    "people",
    "attendances",
    "interactions",
    "captures",
    "settings",
    "merges",
    "not_duplicates",
    "linkedin_pending",
)


def version_of(data: Tables | None) -> int | None:
    """The file's format version; None for a file not yet written."""
    if not data:
        return None
    meta = data.get("meta", {}).get("1", {})
    return int(meta.get("schema", 1))


def upgrade(data: Tables | None) -> Tables:
    """The same data in the current format (a new file gets the empty tables)."""
    data = dict(data or {})
    version = version_of(data) or SCHEMA_VERSION
    while version < SCHEMA_VERSION:
        version += 1
        data = _STEPS[version](data)
    for name in TABLES:
        data.setdefault(name, {})
    data["meta"]["1"] = {**data["meta"].get("1", {}), "schema": SCHEMA_VERSION}
    return data


def keep_original(path: Path, version: int) -> Path:
    """A copy of the file as it was before an upgrade, never rotated away."""
    kept = path.with_name(f"{path.name}.v{version}")
    if not kept.exists():
        shutil.copy2(path, kept)
    return kept


def _to_v2(data: Tables) -> Tables:
    people = data.get("people", {})
    taken = {key for person in people.values() for key in person.get("keys", [])}
    for person in people.values():
        for field, default in PERSON_DEFAULTS.items():
            person.setdefault(field, default)
        # Keys another person already holds stay theirs: the duplicate is suggested instead.
        new = [k for k in url_keys(person.get("profile_url")) if k not in taken]
        person["keys"] = [*map(_v2_name_key, person.get("keys", [])), *new]
        taken.update(new)
    return data


def _v2_name_key(key: str) -> str:
    """Name keys now ignore accents and spacing as well as case."""
    if not key.startswith("name:"):
        return key
    name, _, event = key.removeprefix("name:").rpartition("@")
    return f"name:{name_key(name)}@{event}"


_STEPS: dict[int, Callable[[Tables], Tables]] = {2: _to_v2}
