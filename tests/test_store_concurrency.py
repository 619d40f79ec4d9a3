"""Captures from many threads at once, through the real HTTP server."""

from __future__ import annotations

import json
import threading
from collections import Counter

from tests.conftest import fixture_text
from tests.test_live_server import request

THREADS = 8
PER_THREAD = 50
PAGE = fixture_text("meetup-event.html")


def event_page(n: int) -> str:
    """The fixture page as event n: its own id and second host; Ada hosts them all."""
    return (
        PAGE.replace("301234567", str(600000 + n))
        .replace("1002", str(80000 + n))
        .replace("Tomas Verhoeven", f"Tomas Verhoeven {n}")
    )


def test_eight_threads_of_fifty_captures_are_all_stored_once(live_server):
    app, base = live_server
    token = app.config["HALLWAY_TOKEN"]
    failures: list[tuple[int, int]] = []

    def capture_many(thread: int) -> None:
        for i in range(PER_THREAD):
            n = thread * PER_THREAD + i
            body = {"capture_id": f"t-{n}", "html": event_page(n)}
            status, _ = request(f"{base}/api/captures", token, body)
            if status != 201:
                failures.append((n, status))

    workers = [threading.Thread(target=capture_many, args=(t,)) for t in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    data = json.loads(app.extensions["hallway_store"].path.read_text())
    total = THREADS * PER_THREAD
    events = Counter(e["platform_id"] for e in data["events"].values())
    assert set(events) == {str(600000 + n) for n in range(total)}
    assert max(events.values()) == 1
    names = Counter(p["name"] for p in data["people"].values())
    assert names["Ada Quillfeather"] == 1
    assert len(names) == total + 1 and max(names.values()) == 1
    pairs = Counter((a["person_id"], a["event_id"]) for a in data["attendances"].values())
    assert len(pairs) == 2 * total and max(pairs.values()) == 1
    assert len(data["captures"]) == total
