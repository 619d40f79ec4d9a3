"""The store never loses an acknowledged write: killed mid-write, two processes, bad disks."""

from __future__ import annotations

import errno
import logging
import os
import random
import resource
import select
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from companion.store import Store, storage
from companion.store.errors import StoreDamaged, StoreWriteError
from tests.stores import db_bytes, event_capture, in_child, store_capture, tables

KILLS = 200


def _capture_forever(folder: Path, ack_fd: int, start: int) -> None:  # pragma: no cover
    """The child: capture event after event, acknowledging each one once it is committed."""
    store = Store(folder)
    n = start
    while True:
        store_capture(store, event_capture(n), f"cap-{n}")
        os.write(ack_fd, f"{n}\n".encode())
        n += 1


def _acks(read_fd: int, wanted: int) -> list[int]:
    """Read acknowledgements until `wanted` arrived (or the child is gone)."""
    buffer = b""
    while buffer.count(b"\n") < wanted:
        ready, _, _ = select.select([read_fd], [], [], 10)
        chunk = os.read(read_fd, 4096) if ready else b""
        if not chunk:
            break
        buffer += chunk
    return buffer


@pytest.mark.parametrize("new_file", ["when the journal is large", "after every write"])
def test_killed_at_random_moments_the_store_keeps_every_acknowledged_capture(
    tmp_path, monkeypatch, new_file
):
    if new_file == "after every write":  # every kill may land in a compaction too
        monkeypatch.setattr(storage, "COMPACT_MIN_BYTES", 0)
        monkeypatch.setattr(storage, "COMPACT_SHARE", 0)
    folder = tmp_path / "data"
    rng = random.Random(4)
    acknowledged: set[int] = set()
    next_n = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read_fd)
            try:
                _capture_forever(folder, write_fd, next_n)
            finally:
                os._exit(1)
        os.close(write_fd)
        buffer = _acks(read_fd, rng.randint(0, 2))
        time.sleep(rng.uniform(0, 0.003))  # lands anywhere in the next write
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        buffer += _drain(read_fd)
        os.close(read_fd)
        acknowledged.update(int(line) for line in buffer.split())
        next_n = max(acknowledged, default=-1) + 1

        store = Store(folder)
        assert store.recovered_from is None
        assert not list(folder.glob(".db-*"))  # a killed writer's temporary file is cleared
        stored = [c["capture_id"] for c in tables(store)["captures"].values()]
        assert {f"cap-{n}" for n in acknowledged} <= set(stored)
        assert len(stored) == len(set(stored))
    assert len(acknowledged) >= KILLS // 2
    events = Counter(e["key"] for e in tables(Store(folder))["events"].values())
    assert max(events.values()) == 1


def _drain(read_fd: int) -> bytes:
    buffer = b""
    while chunk := os.read(read_fd, 4096):
        buffer += chunk
    return buffer


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    folder = tmp_path / "data"
    Store(folder)
    children = []
    for first in (0, 1000):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            store = Store(folder)
            for n in range(first, first + 40):
                store_capture(store, event_capture(n), f"cap-{n}")
            os._exit(0)
        children.append(pid)
    for pid in children:
        assert os.waitpid(pid, 0)[1] == 0
    stored = tables(Store(folder))
    assert sorted(c["capture_id"] for c in stored["captures"].values()) == sorted(
        f"cap-{n}" for n in [*range(40), *range(1000, 1040)]
    )
    assert len(stored["events"]) == len(stored["people"]) == 80


def test_a_process_that_never_lets_go_of_the_lock_gives_a_clear_error(tmp_path, monkeypatch):
    from filelock import FileLock

    import companion.store.db

    store = Store(tmp_path)
    before = db_bytes(tmp_path)
    monkeypatch.setattr(companion.store.db, "LOCK_TIMEOUT_S", 0.2)
    waiting = Store(tmp_path)
    hung = FileLock(str(tmp_path / "hallway.json.lock"))  # as a hung `hallway` would hold it
    with hung, pytest.raises(StoreWriteError, match="Another Hallway process"):
        store_capture(waiting, event_capture(1))
    assert db_bytes(tmp_path) == before
    store_capture(store, event_capture(1))


@pytest.fixture
def compact_every_write(monkeypatch):
    """Fold the journal into a new file after every write, as a large journal would be."""
    monkeypatch.setattr(storage, "COMPACT_MIN_BYTES", 0)
    monkeypatch.setattr(storage, "COMPACT_SHARE", 0)


def test_each_new_file_keeps_the_three_previous_versions_as_backups(tmp_path, compact_every_write):
    store = Store(tmp_path)
    versions = []
    for n in range(5):
        store_capture(store, event_capture(n))
        versions.append((tmp_path / "hallway.json").read_bytes())
    assert [p.name for p in store.backups()] == [
        "hallway.json.1",
        "hallway.json.2",
        "hallway.json.3",
    ]
    assert [p.read_bytes() for p in store.backups()] == versions[-2::-1][:3]
    # Each backup keeps the journal that followed it: together, the version after it.
    after = [saved_titles(tmp_path, f"hallway.json.{n}") for n in (1, 2, 3)]
    assert after == [[f"Evening {k}" for k in range(n)] for n in (5, 4, 3)]


def test_backups_are_copies_where_the_file_system_has_no_hard_links(
    tmp_path, monkeypatch, compact_every_write
):
    def no_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    previous = (tmp_path / "hallway.json").read_bytes()
    store_capture(store, event_capture(2))
    assert (tmp_path / "hallway.json.1").read_bytes() == previous
    assert saved_titles(tmp_path, "hallway.json.1") == ["Evening 1", "Evening 2"]


def test_a_damaged_file_opens_from_the_newest_good_backup_and_says_so(
    tmp_path, caplog, compact_every_write
):
    store = Store(tmp_path)
    for n in range(3):
        store_capture(store, event_capture(n))
    good = tables(store)
    (tmp_path / "hallway.json.1").write_bytes(b'{"people": {"1": ')  # damaged too
    path = tmp_path / "hallway.json"
    truncated = path.read_bytes()[:50]  # as a write cut short in place would leave it
    path.write_bytes(truncated)

    with caplog.at_level(logging.ERROR):
        reopened = Store(tmp_path)
    assert reopened.recovered_from == tmp_path / "hallway.json.2"
    assert "hallway.json is damaged" in caplog.text and "hallway.json.2" in caplog.text
    # .1 is damaged too, so .2 is the newest good file; the journals written since it
    # bring back what came after, so nothing is lost.
    assert tables(reopened) == good

    store_capture(reopened, event_capture(9))
    titles = [e["title"] for e in tables(Store(tmp_path))["events"].values()]
    assert titles == ["Evening 0", "Evening 1", "Evening 2", "Evening 9"]
    assert (tmp_path / "hallway.json.damaged").read_bytes() == truncated


def test_recovery_stops_at_a_file_that_replaced_the_data_whole(tmp_path, compact_every_write):
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    store.replace_all({"meta": {"1": {"schema": 2}}})  # a restore of an empty export
    store_capture(store, event_capture(2))
    (tmp_path / "hallway.json").write_bytes(b"")
    # .1 is the restored file with the journal of capture 2; what came before the restore
    # must not come back.
    assert [e["title"] for e in tables(Store(tmp_path))["events"].values()] == ["Evening 2"]


def test_the_api_shows_that_the_store_was_recovered(tmp_path, compact_every_write):
    from companion.app import create_app
    from tests.conftest import PORT, LoopbackClient

    folder = tmp_path / "data"
    store = Store(folder)
    store_capture(store, event_capture(1))
    store_capture(store, event_capture(2))
    (folder / "hallway.json").write_text("")
    app = create_app(folder, PORT)
    app.test_client_class = LoopbackClient
    auth = {"Authorization": f"Bearer {app.config['HALLWAY_TOKEN']}"}
    status = app.test_client().get("/api/store", headers=auth).get_json()
    assert status["recovered_from"] == "hallway.json.1"
    assert status["schema"] == 2
    assert "backup" in status["warning"]


def test_a_file_with_no_readable_version_is_refused_and_left_untouched(tmp_path):
    (tmp_path / "hallway.json").write_bytes(b"\x00\x00garbage")
    with pytest.raises(StoreDamaged, match="left it untouched"):
        Store(tmp_path)
    assert (tmp_path / "hallway.json").read_bytes() == b"\x00\x00garbage"


def saved_titles(folder: Path, name: str) -> list[str]:
    """The events in one of the store's files read with its journal, as an open would."""
    data = storage.AtomicJSONStorage(folder / name).read() or {}
    return [e["title"] for e in data["events"].values()]


def largest_file(folder: Path) -> int:
    """The size of the largest file in `folder`: a limit just above it lets nothing grow."""
    return max(path.stat().st_size for path in folder.iterdir())


def _limit_file_size(limit: int) -> None:
    # Without the signal ignored, exceeding the limit kills the process instead of EFBIG.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def test_a_full_disk_is_a_clear_error_and_the_old_data_stays(tmp_path):
    store = Store(tmp_path)
    store_capture(store, event_capture(1))
    before = db_bytes(tmp_path)

    def capture_on_a_full_disk():
        in_child_store = Store(tmp_path)
        _limit_file_size(largest_file(tmp_path) + 10)
        store_capture(in_child_store, event_capture(2))

    answer = in_child(capture_on_a_full_disk)
    assert answer["raised"] == "StoreWriteError"
    assert "disk" in answer["message"] and "full" in answer["message"]
    assert answer["message"].endswith("intact.")
    assert db_bytes(tmp_path) == before
    assert not list(tmp_path.glob(".db-*"))
    assert [e["title"] for e in tables(Store(tmp_path))["events"].values()] == ["Evening 1"]


def test_a_full_disk_through_the_api_is_507_with_a_sentence(tmp_path):
    from companion.app import create_app
    from tests.conftest import PORT, fixture_text

    Store(tmp_path / "data")
    before = db_bytes(tmp_path / "data")
    body = {"capture_id": "full-1", "html": fixture_text("meetup-event.html")}

    def post_on_a_full_disk():
        client, auth = _client(create_app(tmp_path / "data", PORT))
        _limit_file_size(largest_file(tmp_path / "data") + 10)
        response = client.post("/api/captures", json=body, headers=auth)
        return [response.status_code, response.get_json()]

    status, reply = in_child(post_on_a_full_disk)["value"]
    assert status == 507, reply
    assert "full" in reply["error"] and reply["error"].endswith(".")
    assert db_bytes(tmp_path / "data") == before


def _client(app):
    """A test client of an app made in a forked child (file locks do not survive a fork)."""
    from tests.conftest import LoopbackClient

    app.test_client_class = LoopbackClient
    return app.test_client(), {"Authorization": f"Bearer {app.config['HALLWAY_TOKEN']}"}


@pytest.fixture
def shared_folder():
    """A folder another user can reach: tests running as root drop to `nobody` to feel `chmod`."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="hallway-ro-"))
    base.chmod(0o755)
    yield base
    for path in [base, *base.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(base)


def _become_nobody() -> None:
    if os.geteuid() == 0:
        # Python's own files live under /root here: load the codec nobody could not read.
        "127.0.0.1".encode("idna")
        os.setgroups([])
        os.setresgid(65534, 65534, 65534)
        os.setresuid(65534, 65534, 65534)


def test_a_read_only_folder_is_a_clear_error_and_the_old_data_stays(shared_folder):
    from companion import isolation
    from companion.app import create_app
    from tests.conftest import PORT, fixture_text

    folder = shared_folder / "data"
    create_app(folder, PORT)
    store_capture(Store(folder), event_capture(1))
    before = db_bytes(folder)
    for path in folder.iterdir():  # private to their owner; `nobody` stands in for the owner
        path.chmod(0o644)
    folder.chmod(0o555)

    def capture_in_a_read_only_folder():
        client, auth = _client(create_app(folder, PORT))  # reads the token before dropping
        # Start the parse workers while the interpreter's files (under /root) are readable.
        isolation.pool().warm()
        _become_nobody()
        listed = client.get("/api/events", headers=auth).get_json()["events"]
        body = {"capture_id": "ro-1", "html": fixture_text("meetup-event.html")}
        response = client.post("/api/captures", json=body, headers=auth)
        try:
            store_capture(Store(folder), event_capture(2))
        except StoreWriteError as problem:
            direct = str(problem)
        return [len(listed), response.status_code, response.get_json(), direct]

    answer = in_child(capture_in_a_read_only_folder)
    assert "value" in answer, answer
    listed, status, reply, direct = answer["value"]
    assert listed == 1  # reading still works
    assert status == 503, reply
    assert "read-only" in reply["error"] and reply["error"].endswith(".")
    assert "read-only" in direct
    assert db_bytes(folder) == before


def test_a_damaged_file_in_a_read_only_folder_is_read_from_its_backup(
    shared_folder, compact_every_write
):
    folder = shared_folder / "data"
    store = Store(folder)
    store_capture(store, event_capture(1))
    store_capture(store, event_capture(2))
    (folder / "hallway.json").write_bytes(b"")
    for path in folder.iterdir():  # private to their owner; `nobody` stands in for the owner
        path.chmod(0o644)
    folder.chmod(0o555)

    def open_read_only():
        _become_nobody()
        reopened = Store(folder)
        titles = [e["title"] for e in tables(reopened)["events"].values()]
        return [reopened.recovered_from.name, titles]

    assert in_child(open_read_only) == {"value": ["hallway.json.1", ["Evening 1", "Evening 2"]]}
    assert (folder / "hallway.json").read_bytes() == b""
