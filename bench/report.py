"""The markdown table of one run, with the growth and the budgets said in words."""

from __future__ import annotations

from typing import Any

from bench.budgets import Growth, growth

_MARK = {True: "met", False: "**missed**", None: "not shown yet"}


def markdown(results: dict[str, Any]) -> str:
    parts = [
        f"# Hallway benchmark ({results['config']['name']} run)\n",
        _machine(results["machine"], results.get("seconds")),
        "## Budgets\n",
        '"Not shown yet": the endpoint is missing, or the figure is within budget only '
        "because this build did not store the page's rows.\n",
        _budgets(results["budgets"]),
        "## How capture cost grows with the store\n",
        _growth(results),
        _store_table(results),
        "## Capture and parse cost by page size\n",
        _page_table(results),
        "## Reads\n",
        _reads_table(results),
        "## Capture all on a slow list\n",
        _harvest(results["harvest"]),
        "## Stores generated\n",
        _stores_table(results),
    ]
    return "\n".join(parts)


def _machine(machine: dict[str, Any], seconds: float | None) -> str:
    before, after = (
        ", ".join(f"{x:.2f}" for x in machine[k]) for k in ("load_before", "load_after")
    )
    return (
        f"Python {machine['python']} on {machine['platform']}, {machine['cpus']} CPUs, "
        f"load average {before} before the run and {after} after it (other jobs shared the "
        f"machine); the run took {seconds} s. Times are wall-clock "
        "through the real HTTP server (waitress) on 127.0.0.1; compare the ratios, which were "
        "measured side by side, rather than absolute times across machines.\n"
    )


def _budgets(verdicts: list[dict[str, Any]]) -> str:
    lines = ["| what | budget | measured | verdict | note |", "|---|---|---|---|---|"]
    for v in verdicts:
        lines.append(
            f"| {v['name']} | {v['budget']} | {v['measured']} | {_MARK[v['met']]} | {v['note']} |"
        )
    return "\n".join(lines) + "\n"


def _growth(results: dict[str, Any]) -> str:
    small, large = growth(results)
    if small is large:
        return "Only one store size was measured.\n"
    people = large["people"] / small["people"]
    g = Growth.of(small, large)
    write = large["write"]["median_ms"] / max(1e-9, small["write"]["median_ms"])
    return (
        f"From {small['people']:,} to {large['people']:,} people (x{people:.0f}), the median "
        f"capture of a {large['rows']}-row page went from {small['capture']['median_ms']:.0f} ms "
        f"to {large['capture']['median_ms']:.0f} ms (x{g.cost:.2f}), while the bytes written per "
        f"capture went from {small['bytes_written_per_capture']:,} to "
        f"{large['bytes_written_per_capture']:,} (x{g.written:.2f}) and the time spent writing "
        f"grew x{write:.2f}: {g.in_words()}. The captures "
        "went to the stores in turn, round after round, so that the machine's drift in speed "
        "fell on every size alike. How firm that is: drawing the "
        f"{small['capture']['n']} rounds again at random, with replacement, the cost grew "
        f"between x{g.low:.2f} and x{g.high:.2f} in nine draws out of ten. A capture "
        "appends its own changes to the journal; the whole file is rewritten only when the "
        "journal reaches a quarter of it: at "
        f"{large['people']:,} people that rewrite takes {large['rewrite']['ms']:.0f} ms and "
        f"comes every {large['rewrite']['every_captures']:,} captures or so "
        f"({large['rewrite']['ms'] / max(1, large['rewrite']['every_captures']):.1f} ms per "
        "capture spread out; the capture that triggers it pays it).\n"
    )


def _store_table(results: dict[str, Any]) -> str:
    lines = [
        "| people in store | capture median | p95 | writes per capture | write (flush) median "
        "| bytes written per capture | file rewrite: time, every n captures "
        "| people added / updated | people stored at the event | kind |",
        "|---:|---:|---:|---|---:|---:|---:|---|---:|---|",
    ]
    for s in results["capture_by_store_size"]:
        lines.append(
            f"| {s['people']:,} | {s['capture']['median_ms']:.0f} ms (n={s['capture']['n']}) | "
            f"{s['capture']['p95_ms']:.0f} ms | {_counts(s['writes_per_capture'])} | "
            f"{s['write']['median_ms']:.0f} ms | {s['bytes_written_per_capture']:,} | "
            f"{s['rewrite']['ms']:.0f} ms, {s['rewrite']['every_captures']:,} | "
            f"{_counts(s['people_added'])} / {_counts(s['people_updated'])} | "
            f"{s['attendees_stored']} of {s['rows']} rows | {', '.join(s['kinds'])}{_errors(s)} |"
        )
    return "\n".join(lines) + "\n"


def _page_table(results: dict[str, Any]) -> str:
    lines = [
        "Shape `page`: every row is in the page's HTML. Shape `scrolled`: the HTML holds the "
        "first rows of the virtualised list and every row comes in `fragments`. The bare parse "
        "is one `BeautifulSoup(html, 'lxml')` of the same bytes (fragments joined), timed in "
        'the same run. "People stored at the event" counts the event\'s attendees after the '
        "first capture (the page's rows plus the event's two hosts when every row is read).\n",
        "| rows | shape | bytes sent | capture median | bare parse median | parser alone "
        "| capture / bare | parser / bare | people added | people stored at the event | kind |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for s in results["capture_by_page_size"]:
        lines.append(
            f"| {s['rows']:,} | {s['shape']} | {s['bytes_sent']:,} | "
            f"{s['capture']['median_ms']:.0f} ms (n={s['capture']['n']}) | "
            f"{s['bare_soup']['median_ms']:.0f} ms | "
            f"{s['parse_only']['median_ms']:.0f} ms | {s['ratio_capture_to_bare']} | "
            f"{s['ratio_parse_to_bare']} | {_counts(s['people_added'])} | "
            f"{s['attendees_stored']} of {s['rows']} rows | {', '.join(s['kinds'])}{_errors(s)} |"
        )
    return "\n".join(lines) + "\n"


def _reads_table(results: dict[str, Any]) -> str:
    sizes = [r["people"] for r in results["reads"]]
    lines = [
        "| endpoint | " + " | ".join(f"{n:,} people" for n in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    labels = list(results["reads"][0]["endpoints"]) if results["reads"] else []
    for label in labels:
        cells = []
        for r in results["reads"]:
            e = r["endpoints"][label]
            cells.append(
                f"{e['median_ms']:.1f} ms (p95 {e['p95_ms']:.1f})"
                if e["available"]
                else f"not available (HTTP {e['status']})"
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    startup = results["startup"]
    full, empty = startup["full_store"], startup["empty_store"]
    lines += [
        "",
        f"Start-up of `hallway serve` until `/api/health` answers: {full['ready_ms']:.0f} ms with "
        f"{startup['people']:,} people, {empty['ready_ms']:.0f} ms with an empty store. "
        f"Resident memory after start-up {full['rss_after_start_mb']} MB; peak (VmHWM) after "
        f"three captures and the reads above {full['peak_rss_mb']} MB "
        f"(empty store: {empty['peak_rss_mb']} MB).",
    ]
    return "\n".join(lines) + "\n"


def _stores_table(results: dict[str, Any]) -> str:
    lines = [
        "| people | events | attendances | interactions | captures | file size |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for s in results["stores"]:
        lines.append(
            f"| {s['people']:,} | {s['events']:,} | {s['attendances']:,} | "
            f"{s['interactions']:,} | {s['captures']:,} | {s['bytes'] / 1e6:.1f} MB |"
        )
    return "\n".join(lines) + "\n"


def _counts(values: list[Any]) -> str:
    """A list of per-capture figures, short: "1" when all equal, else "min-max"."""
    known = [v for v in values if v is not None]
    if not known:
        return "n/a"
    low, high = min(known), max(known)
    return str(low) if low == high else f"{low}-{high}"


def _errors(series: dict[str, Any]) -> str:
    return f" (errors: {'; '.join(series['errors'])})" if series["errors"] else ""


def _harvest(measured: dict[str, Any]) -> str:
    if "skipped" in measured:
        return f"Not measured: {measured['skipped']}.\n"
    lines = [
        f"{measured['rows']:,} rows in a virtualized list, loaded {measured['page_size']} at a "
        f"time, each load {measured['load_ms'][0]}-{measured['load_ms'][1]} ms; headless "
        "Chromium runs the extension's harvest.js. Overhead: the harvest's time beyond the "
        "page's own loading, as a share of it.\n",
        "| Run | Rows collected | Page loading | Harvest | Overhead |",
        "|---|---|---|---|---|",
    ]
    for i, run in enumerate(measured["runs"], 1):
        lines.append(
            f"| {i} | {run['rows_collected']:,} | {run['page_wait_ms'] / 1000:.1f} s | "
            f"{run['harvest_ms'] / 1000:.1f} s | {run['overhead_share']:.0%} |"
        )
    return "\n".join(lines) + "\n"
