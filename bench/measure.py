"""The instruments: the companion's real HTTP server, a client for it, and a write counter."""

from __future__ import annotations

import http.client
import json
import os
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion import isolation
from companion.server import in_background
from companion.store.storage import AtomicJSONStorage


@dataclass
class Reply:
    status: int
    body: Any
    seconds: float


class Client:
    """One kept-alive connection to the companion, with the token, as the extension talks to it."""

    def __init__(self, port: int, token: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.token = token

    def call(self, method: str, path: str, body: Any = None) -> Reply:
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        raw = response.read()
        seconds = time.perf_counter() - start
        is_json = response.getheader("Content-Type", "").startswith("application/json")
        return Reply(response.status, json.loads(raw) if is_json else raw, seconds)

    def close(self) -> None:
        self.conn.close()


@contextmanager
def served(data_dir: Path) -> Iterator[Client]:
    """The companion on a free 127.0.0.1 port in this process (waitress, as `hallway serve`),
    its parse workers started first, as `hallway serve` starts them."""
    isolation.pool().warm()
    with in_background(data_dir) as (app, server):
        client = Client(server.effective_port, app.config["HALLWAY_TOKEN"])
        try:
            yield client
        finally:
            client.close()


@dataclass
class Write:
    seconds: float
    bytes: int  # written by this save: the journal's growth, or the whole file when rewritten
    rewrote: bool  # the save rewrote the database file (a compaction) instead of appending


@dataclass
class WriteLog:
    """Every save that changed the store's files on disk, with its time and bytes written."""

    writes: list[Write] = field(default_factory=list)

    def take(self) -> list[Write]:
        taken, self.writes = self.writes, []
        return taken


@contextmanager
def counting_writes() -> Iterator[WriteLog]:
    """Wrap AtomicJSONStorage.flush: a call that changed the files on disk counts as one write."""
    log = WriteLog()
    original = AtomicJSONStorage.flush

    def flush(storage: AtomicJSONStorage) -> None:
        before = _stamp(storage.path), _stamp(storage.journal_path)
        start = time.perf_counter()
        original(storage)
        seconds = time.perf_counter() - start
        after = _stamp(storage.path), _stamp(storage.journal_path)
        if after != before:
            rewrote = after[0] != before[0]
            size = (after[0][2] if rewrote and after[0] else 0) + (after[1][2] if after[1] else 0)
            grown = size if rewrote else size - (before[1][2] if before[1] else 0)
            log.writes.append(Write(seconds, grown, rewrote))

    AtomicJSONStorage.flush = flush  # type: ignore[method-assign]
    try:
        yield log
    finally:
        AtomicJSONStorage.flush = original  # type: ignore[method-assign]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def summary(seconds: list[float]) -> dict[str, float | int]:
    """Median and 95th percentile (nearest rank) in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))] if ms else float("nan")
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 2) if ms else float("nan"),
        "p95_ms": round(p95, 2),
        "min_ms": round(ms[0], 2) if ms else float("nan"),
    }


def ratio_interval(
    before: list[float], after: list[float], share: float = 0.9, draws: int = 2000
) -> tuple[float, float]:
    """How firm the ratio of two medians is: the middle `share` of that ratio over the rounds
    drawn again at random, with replacement (a bootstrap). The i-th figures of both lists
    are one round, measured side by side, and are drawn together."""
    rng = random.Random(0)  # the same figures give the same interval
    rounds = list(zip(before, after, strict=True))
    ratios = sorted(
        statistics.median(b for _, b in drawn) / statistics.median(a for a, _ in drawn)
        for drawn in (rng.choices(rounds, k=len(rounds)) for _ in range(draws))
    )
    cut = round(draws * (1 - share) / 2)
    return ratios[cut], ratios[-1 - cut]


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start
