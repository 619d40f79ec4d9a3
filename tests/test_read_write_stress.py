"""Eight readers and four writers on the real server at once, for a few seconds: no error,
every answer consistent with itself, and every acknowledged write kept."""

from __future__ import annotations

import json
import logging
import random
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from tests.test_store_concurrency import event_page

SECONDS = 6.0
READERS, WRITERS = 8, 4
TALKED = {"kind": "talked", "date": "2025-06-20", "event_id": None, "note": ""}


class Run:
    """What the threads saw: problems found, and the writes the server acknowledged."""

    def __init__(self, base: str, token: str):
        self.base, self.token = base, token
        self.problems: list[str] = []
        self.captures: set[str] = set()
        self.interactions: set[int] = set()
        self.notes: dict[int, str] = {}  # person -> the last note their one editor saved
        self.calls = 0
        self.until = time.monotonic() + SECONDS
        self.lock = threading.Lock()

    def call(self, path: str, body: dict | None = None, token: bool = True) -> tuple[int, Any]:
        """The status and the answer (JSON decoded, else text); a 5xx is a problem."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = json.dumps(body).encode() if body is not None else None
        asked = urllib.request.Request(f"{self.base}{path}", data=data, headers=headers)
        try:
            with urllib.request.urlopen(asked, timeout=30) as response:
                status, kind, text = (
                    response.status,
                    response.headers["Content-Type"],
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            status, kind, text = error.code, error.headers["Content-Type"], error.read()
        reply = json.loads(text) if kind.startswith("application/json") else text.decode()
        with self.lock:
            self.calls += 1
        if status >= 500:
            self.problem(f"{path}: {status} {reply}")
        return status, reply

    def thread(self, work: Callable[[Run, Any], None], arg: Any) -> threading.Thread:
        """A thread doing `work`, whose exception is a problem (not a lost warning)."""

        def guarded() -> None:
            try:
                work(self, arg)
            except Exception as problem:  # reported: the test fails
                self.problem(f"{work.__name__}: {problem!r}")

        return threading.Thread(target=guarded)

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)

    def going(self) -> bool:
        return time.monotonic() < self.until and len(self.problems) < 20


def test_readers_and_writers_at_once_see_only_whole_writes_and_lose_none(live_server, caplog):
    app, base = live_server
    run = Run(base, app.config["HALLWAY_TOKEN"])
    for n in range(6):  # something to read and edit from the start
        assert (
            run.call("/api/captures", {"capture_id": f"seed-{n}", "html": event_page(n)})[0] == 201
        )
        run.captures.add(f"seed-{n}")
    caplog.set_level(logging.WARNING)
    threads = [run.thread(_reader, seed) for seed in range(READERS)]
    writers: list[Callable[[Run, int], None]] = [_capturer, _editor, _toucher, _merger]
    threads += [run.thread(work, n) for n, work in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert run.problems == []
    assert run.calls > 200  # they did run side by side for a while
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    status, export = run.call("/api/export?format=json")
    assert status == 200
    tables = export["tables"]
    assert run.captures <= {c["capture_id"] for c in tables["captures"].values()}
    assert len(run.captures) > 6  # the capturer got some in
    assert run.interactions <= {int(i) for i in tables["interactions"]}
    for person_id, note in run.notes.items():
        assert tables["people"][str(person_id)]["notes"] == note
    assert _inconsistencies(tables) == []


def _reader(run: Run, seed: int) -> None:
    rng = random.Random(seed)
    reads = [_people_list, _person, _event, _export, _followups, _pages]
    while run.going():
        rng.choice(reads)(run, rng)


def _people_list(run: Run, rng: random.Random) -> None:
    query = rng.choice(
        ["sort=name", "sort=interactions", "q=tomas", "cls=leader", "status=none", "due=1"]
    )
    status, reply = run.call(f"/api/people?{query}&today=2025-07-01")
    if status == 200:
        ids = [p["id"] for p in reply["people"]]
        if len(ids) != len(set(ids)) or (reply["total"] <= 50 and len(ids) != reply["total"]):
            run.problem(f"people?{query}: {len(ids)} rows, total {reply['total']}")


def _person(run: Run, rng: random.Random) -> None:
    status, reply = run.call(f"/api/people/{rng.randint(1, 40)}")
    if status == 200:
        touches = [i for i in reply["interactions"] if i["kind"] not in {"note", "seen_at"}]
        if reply["progress"]["count"] != len(touches) + _seen_count(reply["interactions"]):
            run.problem(f"person {reply['id']}: progress does not match the timeline")


def _seen_count(interactions: list[dict[str, Any]]) -> int:
    return sum(1 for i in interactions if i["kind"] == "seen_at")


def _event(run: Run, rng: random.Random) -> None:
    event_id = rng.randint(1, 20)
    status, reply = run.call(f"/api/events/{event_id}")
    if status == 200:
        ids = [a["id"] for a in reply["attendees"]]
        if len(ids) != len(set(ids)) or not all(a["roles"] for a in reply["attendees"]):
            run.problem(f"event {event_id}: attendees repeated or without a role")
        run.call(f"/api/events/{event_id}/prep")


def _export(run: Run, rng: random.Random) -> None:
    status, reply = run.call("/api/export?format=" + rng.choice(["json", "csv", "vcard"]))
    if status == 200 and isinstance(reply, dict):
        for problem in _inconsistencies(reply["tables"]):
            run.problem(f"export: {problem}")


def _followups(run: Run, rng: random.Random) -> None:
    status, reply = run.call("/api/followups?today=2025-07-01")
    if status == 200 and any(d["due_on"] > "2025-07-01" for d in reply["due"]):
        run.problem("followups: a step not yet due")


def _pages(run: Run, rng: random.Random) -> None:
    for path in ("/", "/people?q=a", f"/events/{rng.randint(1, 6)}"):
        run.call(path, token=False)


def _inconsistencies(tables: dict[str, dict[str, Any]]) -> list[str]:
    """What one whole state of the store can never hold: rows naming people or events it
    does not have."""
    people, events = set(tables["people"]), set(tables["events"])
    found = [
        f"attendance {k} names a missing person or event"
        for k, a in tables["attendances"].items()
        if str(a["person_id"]) not in people or str(a["event_id"]) not in events
    ]
    found += [
        f"interaction {k} names a missing person"
        for k, i in tables["interactions"].items()
        if str(i["person_id"]) not in people
    ]
    return found


def _capturer(run: Run, n: int) -> None:
    page = 100
    while run.going():
        capture_id = f"stress-{page}"
        if run.call("/api/captures", {"capture_id": capture_id, "html": event_page(page)})[0] in (
            200,
            201,
        ):
            with run.lock:
                run.captures.add(capture_id)
        page += 1


def _editor(run: Run, n: int) -> None:
    """Edits the first host, whom no one merges: the last note saved must be the one kept."""
    count = 0
    while run.going():
        note = f"edit {count}"
        if run.call("/api/people/1", {"notes": note})[0] == 200:
            run.notes[1] = note
        count += 1


def _toucher(run: Run, n: int) -> None:
    rng = random.Random(n)
    while run.going():
        status, reply = run.call(f"/api/people/{rng.randint(1, 30)}/interactions", TALKED)
        if status == 201:
            with run.lock:
                run.interactions.add(reply["id"])


def _merger(run: Run, n: int) -> None:
    """Merges two people now and then (never the first host, whom the editor edits)."""
    rng = random.Random(n)
    while run.going():
        keep, other = rng.sample(range(2, 30), 2)
        run.call("/api/people/merge", {"keep": keep, "merge": other})
        time.sleep(0.05)
