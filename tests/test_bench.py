"""The benchmark itself runs and reports; its times are never asserted (machines are noisy)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from statistics import median

import pytest
from bs4 import BeautifulSoup

from bench import budgets, run
from bench.budgets import Growth
from bench.fiction import member
from bench.generate import store_members, write_store
from bench.measure import counting_writes, ratio_interval, served
from bench.pages import capture_body
from companion.store import Store, tables

EXPECTED_KEYS = {
    "config",
    "machine",
    "stores",
    "capture_by_store_size",
    "capture_by_page_size",
    "reads",
    "startup",
    "harvest",
    "budgets",
    "seconds",
}


def test_generated_store_opens_with_the_proportions_asked(tmp_path: Path):
    shape = write_store(tmp_path, 400)
    store = Store(tmp_path)
    with store.reading() as net:
        db = net.db
        assert len(db.table("people")) == shape.people == 400
        assert len(net.events) == shape.events == 10
        assert shape.people < shape.attendances < 3 * shape.people
        first = tables.person(db, 1)
    assert first is not None
    assert first["name"] == store_members(400)[0].name
    assert first["keys"] == [f"meetup:member:{store_members(400)[0].member_id}"]


def test_attendees_page_has_one_member_link_per_row():
    rng = random.Random(1)
    people = [member(rng, 900 + i) for i in range(30)]
    for shape in ("page", "scrolled"):
        body = capture_body("700000001", people, shape, "c-1")
        markup = body["html"] + "".join(body["fragments"])
        links = {a["href"] for a in BeautifulSoup(markup, "lxml").select('a[href*="/members/"]')}
        assert links == {p.profile_url for p in people}
        assert "700000001" in body["url"] and body["url"].endswith("/attendees/")


def test_one_capture_writes_the_store_file_once(tmp_path: Path):
    write_store(tmp_path, 200)
    people = store_members(200)[:5]
    with counting_writes() as log, served(tmp_path) as client:
        log.take()
        reply = client.call("POST", "/api/captures", capture_body("700000002", people, "page", "x"))
        writes = log.take()
    assert reply.status == 201
    assert len(writes) == 1
    # Appended to the journal: the capture's own data, not the 200-person file again.
    assert not writes[0].rewrote
    journal = tmp_path / "hallway.json.journal"
    assert 0 < writes[0].bytes < journal.stat().st_size < (tmp_path / "hallway.json").stat().st_size


def test_growth_interval_draws_each_rounds_captures_together():
    # The machine's speed drifts from round to round (x1 to x3 here) but the larger store's
    # capture is 10% slower in every round: drawn together, every draw says x1.10.
    small = [100.0, 300.0, 150.0, 250.0, 120.0, 180.0]
    assert ratio_interval(small, [1.1 * t for t in small]) == pytest.approx((1.1, 1.1))
    noisy = ratio_interval(small, [1.1 * t + (-9 if i % 2 else 9) for i, t in enumerate(small)])
    assert noisy[0] < 1.1 < noisy[1] < 1.2


def _series(ms: list[float], written: int) -> dict:
    return {
        "capture": {"median_ms": median(ms)},
        "capture_ms": ms,
        "bytes_written_per_capture": written,
    }


@pytest.mark.parametrize(
    ("slower", "noise", "faster", "words"),
    [
        (0.99, 0.0, False, "no faster than"),
        (1.04, 9.0, False, "as fast as"),  # above the bytes' x1.02, within the noise
        (1.20, 9.0, True, "faster than"),
    ],
)
def test_cost_grows_faster_than_the_bytes_only_beyond_the_noise(slower, noise, faster, words):
    small = [80.0, 95.0, 88.0, 102.0, 91.0, 85.0, 99.0, 93.0, 87.0, 96.0]
    large = [t * slower + (noise if i % 2 else -noise) for i, t in enumerate(small)]
    growth = Growth.of(_series(small, 40_000), _series(large, 40_800))
    assert growth.written == pytest.approx(1.02)
    assert growth.faster is faster
    assert growth.in_words().startswith(f"capture cost grows {words}")


def test_tiny_benchmark_runs_and_writes_its_results(tmp_path: Path):
    assert run.main(["--tiny", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    assert set(results) == EXPECTED_KEYS
    for series in [*results["capture_by_store_size"], *results["capture_by_page_size"]]:
        assert set(series["statuses"]) == {201}
        assert series["writes_per_capture"] == [1] * series["capture"]["n"]
        assert series["capture"]["median_ms"] > 0
    assert {s["shape"] for s in results["capture_by_page_size"]} == {"page", "scrolled"}
    # Every store size captured into as often, in turn: the growth verdict compares them.
    by_size = {s["people"]: s["capture"]["n"] for s in results["capture_by_store_size"]}
    assert by_size == {40: 2, 60: 2}
    assert all(len(s["capture_ms"]) == 2 for s in results["capture_by_store_size"])
    growth = next(b for b in results["budgets"] if b["name"].startswith("capture cost growth"))
    # The verdict says what the run's own figures say: missed only when even the low end of
    # the cost's interval grew more than the bytes written.
    small, large = budgets.growth(results)
    low, _ = ratio_interval(small["capture_ms"], large["capture_ms"])
    written = large["bytes_written_per_capture"] / small["bytes_written_per_capture"]
    assert growth["met"] is (low <= written)
    assert "over resampled rounds" in growth["measured"]
    assert all(s["bare_soup"]["median_ms"] > 0 for s in results["capture_by_page_size"])
    endpoints = results["reads"][0]["endpoints"]
    assert endpoints["events list (GET /api/events)"]["available"] is True
    assert results["startup"]["full_store"]["ready_ms"] > 0
    harvest = results["harvest"]
    if "skipped" not in harvest:  # Chromium is there (make test installs it)
        assert harvest["best"]["rows_collected"] == 100
        assert harvest["best"]["page_wait_ms"] >= 300  # the page really loaded its second 50 slowly
    assert len(results["budgets"]) == 11
    assert all(b["met"] in (True, False, None) for b in results["budgets"])
    assert "## Budgets" in (tmp_path / "results.md").read_text()
