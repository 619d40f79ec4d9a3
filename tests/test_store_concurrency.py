"""Captures from many threads at once, through the real HTTP server."""

from __future__ import annotations

import threading
from collections import Counter

from tests.conftest import fixture_text
from tests.stores import saved
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
    data = saved(app.extensions["hallway_store"].path.parent)
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


def test_an_import_by_a_second_process_while_the_server_runs_is_kept(live_server, tmp_path):
    import subprocess
    import sys

    app, base = live_server
    token = app.config["HALLWAY_TOKEN"]
    assert request(f"{base}/api/captures", token, {"html": event_page(1)})[0] == 201
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Quillfeather,https://www.linkedin.com/in/ada-quill,,Northwind Labs,CTO,15 Mar 2024\n"
    )
    folder = app.config["HALLWAY_DATA_DIR"]
    command = [sys.executable, "-m", "companion", "import-linkedin", str(connections)]
    result = subprocess.run(
        [*command, "--data-dir", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    # The server's next write starts from the file the other process wrote, not its memory.
    assert request(f"{base}/api/captures", token, {"html": event_page(2)})[0] == 201
    status, export = request(f"{base}/api/export?format=json", token)
    assert status == 200
    people = export["tables"]["people"].values()
    ada = next(p for p in people if p["name"] == "Ada Quillfeather")
    assert (ada["company"], ada["status"]) == ("Northwind Labs", "connected")
    assert len(export["tables"]["events"]) == 2
