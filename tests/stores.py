"""Fictional captures and child-process helpers shared by the store tests."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from companion.model import Capture, Event, Group, Person
from companion.store import Store
from companion.store.captures import save_capture
from companion.store.network import Network
from companion.store.storage import SNAPSHOT_TOKEN, AtomicJSONStorage

AT = "2025-06-01T10:00:00+00:00"
GROUP = Group("Lakeside Data Science", "https://www.meetup.com/lakeside-data-science/")


def meetup_member(member_id: str, name: str, role: str = "attendee", **facts: Any) -> Person:
    url = f"https://www.meetup.com/members/{member_id}/"
    return Person(name, platform_id=member_id, profile_url=url, role=role, **facts)


def event_capture(n: int, people: list[Person] | None = None, kind: str = "event") -> Capture:
    """Event number n of the fictional group, with one host of its own unless people are given."""
    event = Event(
        title=f"Evening {n}",
        url=f"https://www.meetup.com/lakeside-data-science/events/{500000 + n}/",
        platform_id=str(500000 + n),
        start=f"2025-07-{1 + n % 28:02d}T18:30:00-07:00",
        group=GROUP,
    )
    if people is None:
        event.hosts = [meetup_member(str(70000 + n), f"Host {n}", "host")]
        people = []
    return Capture(kind=kind, platform="meetup", event=event, people=people)  # type: ignore[arg-type]


def store_capture(store: Store, capture: Capture, capture_id: str | None = None) -> Any:
    with store.transaction() as db:
        return save_capture(db, capture, capture_id, AT)


def tables(store: Store) -> dict[str, dict[str, Any]]:
    """What the store holds (a copy), without the token naming the file it was saved in."""
    with store.reading() as net:
        return _without_token(net.db.storage.read())


def network(store: Store) -> Network:
    """The store's network, up to date (live: a test reads it before its next write)."""
    with store.reading() as net:
        return net


def in_child(work: Callable[[], Any]) -> Any:
    """Run `work` in a forked child and return what it returned (JSON), or its error text.

    A child, because the tests change process-wide things (file-size limit, user id).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        try:
            answer = {"value": work()}
        except BaseException as problem:
            answer = {"raised": type(problem).__name__, "message": str(problem)}
        with os.fdopen(write_end, "w") as out:
            out.write(json.dumps(answer))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as source:
        answer = json.loads(source.read() or "{}")
    os.waitpid(pid, 0)
    return answer


def db_bytes(folder: Path) -> bytes:
    """What is saved: the database file and its journal, as bytes."""
    journal = folder / "hallway.json.journal"
    return (folder / "hallway.json").read_bytes() + (
        b"\n--journal--\n" + journal.read_bytes() if journal.exists() else b""
    )


def saved(folder: Path) -> dict[str, dict[str, Any]]:
    """The tables as the next start will read them from disk (the file, then its journal)."""
    return _without_token(AtomicJSONStorage(folder / "hallway.json").read())


def _without_token(data: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    copy = json.loads(json.dumps(data or {}))
    copy.get("meta", {}).get("1", {}).pop(SNAPSHOT_TOKEN, None)
    return copy
