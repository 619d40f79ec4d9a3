"""Run the benchmark: `python -m bench.run [--quick] [--out DIR]`.

Everything goes through the companion's real HTTP server (waitress): captures are POSTed as the
extension sends them, reads are GETs. Parse baselines run in this process, interleaved with the
captures they are compared with, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from bench import budgets, harvest, report
from bench.fiction import Member, member
from bench.generate import store_members, write_store
from bench.measure import Client, WriteLog, counting_writes, served, summary, timed
from bench.pages import capture_body
from companion import parsers
from companion.store import Store, storage

ROOT = Path(__file__).parents[1]
RESULTS = Path(__file__).parent / "results"
KNOWN_SHARE = 0.3  # of a page's attendees, the share already in the store (regulars)
NEW_MEMBER_IDS = 60_000_000
DEFAULT_GC_THRESHOLD = (700, 10, 10)  # CPython's own
SETTLE_SECONDS = 0.2  # between captures of the store series


@dataclass(frozen=True)
class Config:
    name: str
    store_sizes: tuple[int, ...]  # people in the store, for capture latency and reads
    page_rows: tuple[int, ...]  # attendee rows per page, for parse cost
    captures: int  # captures of a 100-row page per store size
    page_reps: int  # captures per page size and shape
    read_reps: int
    page_store: int  # people in the store the page series captures into
    startups: int  # starts of `hallway serve` per store
    series_rows: int = 100
    # A series stops sampling after this long (with a few samples), so `make bench`
    # stays within minutes even when a capture takes many seconds: the rounds of the store
    # series, and each page size and shape.
    rounds_seconds: float = 60
    page_seconds: float = 30
    harvest_rows: int = harvest.ROWS  # Capture all on a slow, lazily loaded list
    harvest_runs: int = 3


FULL = Config(
    "full", (1_000, 10_000, 50_000), (100, 1_000, 5_000), 60, 9, 15, 1_000, 5, rounds_seconds=120
)
QUICK = Config("quick", (500, 5_000), (100, 1_000), 5, 2, 7, 500, 2)
TINY = Config(
    "tiny", (40, 60), (12,), 2, 1, 2, 40, 1, series_rows=12, harvest_rows=100, harvest_runs=1
)


def run(config: Config, work: Path) -> dict[str, Any]:
    """Every measurement of one benchmark run, as a JSON-ready dict."""
    started = time.time()
    results: dict[str, Any] = {
        "config": asdict(config),
        "machine": _machine(),
        "stores": [],
        "capture_by_store_size": [],
        "capture_by_page_size": [],
        "reads": [],
    }
    folders = {}
    for size in sorted({*config.store_sizes, config.page_store}):
        folders[size] = work / f"store-{size}"
        shape = write_store(folders[size], size)
        results["stores"].append(asdict(shape))
    biggest = max(config.store_sizes)
    # First, while this process is small and has started no parse workers: measured after
    # the series below, the same starts took up to half a second longer.
    results["startup"] = _startup(folders[biggest], work, biggest, config)
    with counting_writes() as log:
        runs = {s: _fresh_copy(folders[s], work / f"run-{s}") for s in config.store_sizes}
        results["capture_by_store_size"], results["reads"] = _store_series(runs, config, log)
        for rows in config.page_rows:
            folder = _fresh_copy(folders[config.page_store], work / f"pages-{rows}")
            results["capture_by_page_size"] += _page_series(folder, rows, config, log)
    results["harvest"] = harvest.measure(config.harvest_rows, config.harvest_runs)
    results["budgets"] = budgets.check(results)
    results["machine"]["load_after"] = os.getloadavg()
    results["seconds"] = round(time.time() - started, 1)
    return results


# --- capture latency against store size ------------------------------------------------------


def _store_series(
    folders: dict[int, Path], config: Config, log: WriteLog
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Captures into every store size in turn, round after round, each store served by its
    own server: the machine's drift in speed falls on every size alike, so the ratio of
    their medians says how the cost grows with the store. Then the reads, size by size."""
    known = {size: store_members(size) for size in folders}
    samples: dict[int, list[dict[str, Any]]] = {size: [] for size in folders}
    with ExitStack() as stack:
        clients = {size: stack.enter_context(served(folder)) for size, folder in folders.items()}
        for size, client in clients.items():
            _warm_up(client, known[size], config.series_rows)
        log.take()
        started = time.perf_counter()
        for i in range(config.captures):
            if _out_of_time(started, i, config.rounds_seconds):
                break
            # Each round in the other order, each capture after a pause (captures are clicks,
            # seconds apart): the parse worker that read the capture before is still freeing
            # that page, and the capture right after it would run beside that, always the
            # same size's.
            for size in sorted(clients, reverse=bool(i % 2)):
                rows = _attendees(known[size], config.series_rows, seed=i, first_new=i * 10_000)
                body = capture_body(_event_id(size, i), rows, "page", f"bench-{size}-{i}")
                time.sleep(SETTLE_SECONDS)
                samples[size].append(_capture(clients[size], body, log))
        reads = [_reads(clients[s], s, known[s], config.read_reps) for s in folders]
        about = {s: {"people": s, "rows": config.series_rows} for s in folders}
        series = [_series_summary(clients[s], about[s], samples[s]) for s in folders]
    for one in series:
        one["rewrite"] = _rewrite(folders[one["people"]], one["bytes_written_per_capture"])
    return series, reads


def _rewrite(folder: Path, per_capture: int) -> dict[str, Any]:
    """What folding the journal into a new file costs at this size, and how often it comes:
    once the journal holds a quarter of the file's size in captures."""
    store = Store(folder)
    with store.transaction() as db:
        start = time.perf_counter()
        db.storage.compact()  # type: ignore[attr-defined]
        seconds = time.perf_counter() - start
    size = store.path.stat().st_size
    every = max(storage.COMPACT_MIN_BYTES, size * storage.COMPACT_SHARE) / max(1, per_capture)
    return {"ms": round(seconds * 1000, 1), "file_bytes": size, "every_captures": round(every)}


def _out_of_time(started: float, samples: int, seconds: float, minimum: int = 3) -> bool:
    return samples >= minimum and time.perf_counter() - started > seconds


def _warm_up(client: Client, known: list[Member], rows: int) -> None:
    """One capture and one read, untimed: the first request pays for lazy imports and caches."""
    attendees = _attendees(known, rows, seed=-1, first_new=5_000_000)
    client.call("POST", "/api/captures", capture_body(_event_id(0, 0), attendees, "page", "warm"))
    client.call("GET", "/api/events")


def _capture(client: Client, body: dict[str, Any], log: WriteLog) -> dict[str, Any]:
    reply = client.call("POST", "/api/captures", body)
    writes = log.take()
    answer = reply.body if isinstance(reply.body, dict) else {}
    return {
        "status": reply.status,
        "seconds": reply.seconds,
        "kind": answer.get("kind"),
        "people_added": answer.get("people_added"),
        "people_updated": answer.get("people_updated"),
        "known_people": answer.get("known_count"),
        "error": answer.get("error"),
        "event_id": (answer.get("event") or {}).get("id"),
        "writes": len(writes),
        "write_seconds": sum(w.seconds for w in writes),
        "bytes_written": sum(w.bytes for w in writes),
    }


def _attendees_stored(client: Client, sample: dict[str, Any]) -> int | None:
    """How many people the store now lists at the captured event: were the rows understood?"""
    if sample["event_id"] is None:
        return None
    reply = client.call("GET", f"/api/events/{sample['event_id']}")
    return len(reply.body.get("attendees") or []) if reply.status == 200 else None


def _series_summary(
    client: Client, about: dict[str, Any], samples: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        **about,
        "attendees_stored": _attendees_stored(client, samples[0]),
        "capture": summary([s["seconds"] for s in samples]),
        # Round by round: the i-th capture of every store size was made in the same round.
        "capture_ms": [round(s["seconds"] * 1000, 2) for s in samples],
        "write": summary([s["write_seconds"] for s in samples]),
        "writes_per_capture": [s["writes"] for s in samples],
        "bytes_written_per_capture": round(sum(s["bytes_written"] for s in samples) / len(samples)),
        "statuses": [s["status"] for s in samples],
        "kinds": sorted({str(s["kind"]) for s in samples}),
        "people_added": [s["people_added"] for s in samples],
        "people_updated": [s["people_updated"] for s in samples],
        "known_people": [s["known_people"] for s in samples],
        "errors": sorted({s["error"] for s in samples if s["error"]}),
    }


# --- capture and parse cost against page size ------------------------------------------------


def _page_series(folder: Path, rows: int, config: Config, log: WriteLog) -> list[dict[str, Any]]:
    known = store_members(config.page_store)
    out = []
    with served(folder) as client:
        _warm_up(client, known, config.series_rows)
        log.take()
        for shape in ("page", "scrolled"):
            captures, bare, parse = [], [], []
            started = time.perf_counter()
            for i in range(config.page_reps):
                if _out_of_time(started, len(captures), config.page_seconds, minimum=1):
                    break
                attendees = _attendees(known, rows, seed=rows + i, first_new=rows * 100 + i * rows)
                event_id = _event_id(rows, i + (100 if shape == "scrolled" else 0))
                body = capture_body(event_id, attendees, shape, f"page-{shape}-{rows}-{i}")
                bare.append(_timed_alone(_bare_parse, body))
                parse.append(_timed_alone(_parse_only, body))
                captures.append(_capture(client, body, log))
            summary_ = _series_summary(client, {"rows": rows, "shape": shape}, captures)
            summary_["bytes_sent"] = len(json.dumps(body).encode())
            summary_["bare_soup"] = summary(bare)
            summary_["parse_only"] = summary(parse)
            summary_["ratio_capture_to_bare"] = _ratio(summary_["capture"], summary_["bare_soup"])
            summary_["ratio_parse_to_bare"] = _ratio(summary_["parse_only"], summary_["bare_soup"])
            out.append(summary_)
    return out


def _timed_alone(parse: Any, body: dict[str, Any]) -> float:
    """Seconds for one parse as a plain script would run it: with the interpreter's default
    collector settings (the server in this process raises its own threshold), neither paying
    for the garbage of what ran before it nor leaving its own (a parsed tree is some 100 000
    objects in reference cycles, and the capture that follows would pay for freeing it)."""
    served_with = gc.get_threshold()
    gc.set_threshold(*DEFAULT_GC_THRESHOLD)
    gc.collect()
    try:
        return timed(parse, body)[1]
    finally:
        gc.collect()
        gc.set_threshold(*served_with)


def _bare_parse(body: dict[str, Any]) -> None:
    """The floor: one BeautifulSoup(lxml) parse of every byte the capture carries."""
    BeautifulSoup(body["html"], "lxml")
    if body["fragments"]:
        BeautifulSoup("".join(body["fragments"]), "lxml")


def _parse_only(body: dict[str, Any]) -> None:
    parsers.parse(body["html"], body["url"], body["fragments"], body["payloads"])


def _ratio(a: dict[str, Any], b: dict[str, Any]) -> float:
    return round(a["median_ms"] / b["median_ms"], 2) if b["median_ms"] else float("nan")


# --- reads: the review pages and the people API ----------------------------------------------


def _reads(client: Client, size: int, known: list[Member], reps: int) -> dict[str, Any]:
    """Each endpoint timed if it answers 200; otherwise reported as not available."""
    name = known[len(known) // 2].name
    first = name.split()[0]
    paths = {
        "events list (GET /api/events)": "/api/events",
        "home page (GET /)": "/",
        "people search, full name (GET /api/people?q=)": f"/api/people?q={_quote(name)}",
        "people search, first name (GET /api/people?q=)": f"/api/people?q={_quote(first)}",
        "people list (GET /api/people)": "/api/people",
        "people page (GET /people)": "/people",
    }
    out: dict[str, Any] = {"people": size, "endpoints": {}}
    for label, path in paths.items():
        probe = client.call("GET", path)
        if probe.status != 200:
            out["endpoints"][label] = {"available": False, "status": probe.status}
            continue
        times = [client.call("GET", path).seconds for _ in range(reps)]
        out["endpoints"][label] = {"available": True, "path": path, **summary(times)}
    return out


def _quote(text: str) -> str:
    return urllib.request.quote(text)


# --- start-up and memory of `hallway serve` ----------------------------------------------------


def _startup(store: Path, work: Path, size: int, config: Config) -> dict[str, Any]:
    """Time until `hallway serve` answers (median of a few starts), then its peak RSS after
    captures and reads in the last start."""
    empty = [_serve_until_ready(work / "startup-empty", None) for _ in range(config.startups)]
    full = [
        _serve_until_ready(_fresh_copy(store, work / "startup"), None)
        for _ in range(config.startups - 1)
    ]
    folder = _fresh_copy(store, work / "startup")
    full.append(_serve_until_ready(folder, (store_members(size), config.series_rows)))
    return {"people": size, "empty_store": _starts(empty), "full_store": _starts(full)}


def _starts(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median start-up time; memory as the last start (the one that also worked) saw it."""
    ready = [r["ready_ms"] for r in runs]
    return {**runs[-1], "ready_ms": statistics.median(ready), "ready_ms_each": ready}


def _serve_until_ready(folder: Path, then: tuple[list[Member], int] | None) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    command = [sys.executable, "-m", "companion", "serve", "--port", str(port)]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "--data-dir", str(folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        ready = _wait_ready(port, proc, start)
        out: dict[str, Any] = {"ready_ms": round(ready * 1000, 1)}
        out["rss_after_start_mb"] = _memory(proc.pid, "VmRSS")
        if then is not None:
            known, rows = then
            token = (folder / "token").read_text().strip()
            client = Client(port, token)
            for i in range(3):
                attendees = _attendees(known, rows, seed=900 + i, first_new=900_000 + i * rows)
                body = capture_body(_event_id(7, i), attendees, "page", f"startup-{i}")
                client.call("POST", "/api/captures", body)
            for path in ("/api/events", "/", "/api/people", "/people"):
                client.call("GET", path)
            client.close()
        out["peak_rss_mb"] = _memory(proc.pid, "VmHWM")
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait_ready(port: int, proc: subprocess.Popen[bytes], start: float) -> float:
    url = f"http://127.0.0.1:{port}/api/health"
    while time.perf_counter() - start < 120:
        if proc.poll() is not None:
            error = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"hallway serve exited early: {error[-500:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("hallway serve did not answer within 120 s")


def _memory(pid: int, field: str) -> float | None:
    """A /proc/<pid>/status figure (VmRSS now, VmHWM the peak) in MB; None off Linux."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- data for one capture ----------------------------------------------------------------------


def _attendees(known: list[Member], rows: int, seed: int, first_new: int) -> list[Member]:
    """A page's people: about 30% regulars already in the store, the rest new faces."""
    rng = random.Random(seed)
    regulars = rng.sample(known, min(len(known), round(rows * KNOWN_SHARE)))
    new = [member(rng, NEW_MEMBER_IDS + first_new + j) for j in range(rows - len(regulars))]
    people = [*regulars, *new]
    rng.shuffle(people)
    return people


def _event_id(series: int, i: int) -> str:
    return str(700_000_000 + series * 1_000 + i)


def _fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return target


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    sizes.add_argument("--tiny", action="store_true", help="the test suite's size, seconds")
    parser.add_argument("--out", type=Path, help="folder for results.json and results.md")
    args = parser.parse_args(argv)
    config = TINY if args.tiny else QUICK if args.quick else FULL
    out = args.out or (RESULTS if config is FULL else RESULTS / config.name)
    with tempfile.TemporaryDirectory(prefix="hallway-bench-") as work:
        results = run(config, Path(work))
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(report.markdown(results), encoding="utf-8")
    print(report.markdown(results))
    print(f"Written to {out}/results.json and results.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
