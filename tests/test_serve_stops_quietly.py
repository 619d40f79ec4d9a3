"""`hallway serve` stopped with Ctrl+C, as a terminal sends it (to the whole process group,
parse workers included): a plain goodbye, never a traceback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(port: int, seconds: float = 30) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("hallway serve did not answer")


@pytest.mark.parametrize("wait", [0.0, 1.5])  # before and after the parse workers are up
def test_ctrl_c_stops_the_server_and_its_workers_quietly(tmp_path, wait):
    port = _free_port()
    command = [sys.executable, "-m", "companion", "serve", "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        _ready(port)
        time.sleep(wait)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0
    assert "Stopped." in out
    assert "Traceback" not in err and "Exception ignored" not in err, err
