"""The `hallway` command line."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import companion
from companion.cli import main
from companion.store import Store
from tests.conftest import FIXTURES


def test_a_folder_a_companion_uses_gets_its_token_once_readable_by_the_user_only(runner, tmp_path):
    Store(tmp_path / "data")  # as `hallway serve` leaves it
    first = runner.invoke(main, ["token"])
    second = runner.invoke(main, ["token"])
    assert first.exit_code == 0
    assert len(first.output.strip()) >= 40
    assert first.output == second.output
    mode = (tmp_path / "data" / "token").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_a_folder_no_companion_uses_gets_no_token_and_is_not_made(runner, tmp_path):
    result = runner.invoke(main, ["token", "--port", str(_free_port())])
    assert result.exit_code == 1
    assert "There is no token in" in result.output and "no companion uses it" in result.output
    assert "start one with `hallway serve`" in result.output
    assert not (tmp_path / "data").exists()


def test_token_names_the_folder_of_the_companion_answering_on_the_port(runner, tmp_path):
    port, served = _free_port(), tmp_path / "served"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(served),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_json(f"http://127.0.0.1:{port}/api/health")
        result = runner.invoke(main, ["token", "--port", str(port)])
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert result.exit_code == 1
    assert f"keeps its data in {served}" in result.output
    assert f"hallway token --data-dir {served}" in result.output
    assert not (tmp_path / "data" / "token").exists()


def test_data_dir_option_wins_over_the_environment(runner, tmp_path):
    other = tmp_path / "elsewhere"
    Store(other)
    result = runner.invoke(main, ["token", "--data-dir", str(other)])
    assert result.exit_code == 0
    assert (other / "token").read_text().strip() == result.output.strip()


def test_parse_prints_the_normalized_capture(runner):
    result = runner.invoke(main, ["parse", str(FIXTURES / "meetup-event.html")])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["kind"] == "event"
    assert data["event"]["title"] == "Feature Stores in Practice & MLOps Q&A"
    assert data["event"]["start"] == "2025-06-12T18:30:00-07:00"


def test_parse_of_a_page_without_an_event_exits_2_with_a_sentence(runner, tmp_path):
    page = tmp_path / "blog.html"
    page.write_text("<html><body><p>A blog post.</p></body></html>")
    result = runner.invoke(main, ["parse", str(page)])
    assert result.exit_code == 2
    assert "no event" in result.output
    assert "Traceback" not in result.output


def test_serve_prints_address_database_and_pairing_and_answers_health(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion",
            "serve",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path / "d"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = _wait_for_json(f"http://127.0.0.1:{port}/api/health")
        assert health == {"app": "hallway", "version": companion.__version__, "api": 1}
        workers = _children(process.pid)
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0]
    assert process.returncode == 0
    assert len(workers) >= 2  # the parse workers (and multiprocessing's tracker) end with it
    assert _all_ended(workers)
    assert f"http://127.0.0.1:{port}/" in output
    assert str(Path(tmp_path / "d" / "hallway.json")) in output
    assert "hallway token" in output


def _children(pid: int) -> list[int]:
    """The processes `pid` started, once both parse workers are up (Linux's /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for _ in range(500):
        found = [int(c) for c in children.read_text().split()]
        if len(found) >= 2:
            return found
        time.sleep(0.02)
    return found


def _all_ended(pids: list[int]) -> bool:
    """Every one of them has exited (a zombie waiting to be reaped has), within a few seconds."""

    def running(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
        except (FileNotFoundError, ProcessLookupError):
            return False

    for _ in range(250):
        if not any(running(pid) for pid in pids):
            return True
        time.sleep(0.02)
    return False


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_json(url: str) -> dict:
    deadline = time.monotonic() + 15
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.load(response)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
