"""Capture all on a slow list: how much of its time is the harvester's own (issue 21).

A generated attendee list of ROWS fictional people, virtualized the way react-window does it
(absolutely placed `div` rows, only those in view in the page) and loaded PAGE rows at a
time, each load taking 300-600 ms as Meetup's GraphQL paging does. It runs in headless
Chromium; the extension's own harvest.js runs in the page as the extension injects it (its
messages to the background worker answered by a stand-in). The page adds up how long it
kept the harvester waiting for rows; the rest of the harvest is the harvester's overhead.
"""

from __future__ import annotations

import json
import random
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.fiction import member

HARVEST_JS = Path(__file__).parents[1] / "extension" / "harvest.js"
ROWS, PAGE = 1_000, 50
LOAD_MS = (300, 600)
ROW_PX, VIEW_PX = 64, 640
# What harvest.js calls on the extension; in a bare page nobody listens.
EXTENSION_STAND_IN = """
globalThis.browser = {
  runtime: {
    onMessage: { addListener() {}, removeListener() {} },
    sendMessage: async () => undefined,
  },
  i18n: { getMessage: (key) => key },
};
"""


def page_html(rows: int = ROWS, seed: int = 7, render_ms: int = 0) -> str:
    """The list; with `render_ms`, rows are drawn that long after each scroll, as a list
    that renders in a scheduled task does. Every 97th person is an organizer."""
    rng = random.Random(seed)
    people = [member(rng, 70_000_000 + i) for i in range(rows)]
    data = [{"id": p.member_id, "name": p.name} for p in people]
    loads = [rng.randint(*LOAD_MS) for _ in range(rows // PAGE + 1)]
    filled = _PAGE.replace("__DATA__", json.dumps(data)).replace("__LOADS__", json.dumps(loads))
    return filled.replace("__RENDER_MS__", str(render_ms))


_PAGE = """<!doctype html><html><head><meta name="service" content="web-next">
<title>Attendees | Bench Night | Meetup</title></head>
<body style="margin:0"><h1>Bench Night</h1>
<div id="list" style="overflow:auto;height:VIEWpx;position:relative">
  <div id="inner" style="position:relative"></div></div>
<script>
const PEOPLE = __DATA__, LOADS = __LOADS__, PAGE = PAGE_ROWS, ROW = ROW_PX, OVERSCAN = 3;
const list = document.getElementById("list"), inner = document.getElementById("inner");
let loaded = PAGE, loading = false, load = 0;
window.pageWaitMs = 0;
function row(i) {
  const p = PEOPLE[i], div = document.createElement("div");
  div.style.cssText = `position:absolute;top:${i * ROW}px;height:${ROW}px;width:100%`;
  div.innerHTML = `<div><a href="https://www.meetup.com/members/${p.id}/">` +
    `<img alt="Photo of the user ${p.name}" src="data:,"></a>` +
    `<div><a href="https://www.meetup.com/members/${p.id}/">${p.name}</a>` +
    (i % 97 === 0 ? "<span>Organizer</span>" : "") + `</div></div>`;
  return div;
}
function render() {
  inner.style.height = `${loaded * ROW}px`;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW) - OVERSCAN);
  const last = Math.min(loaded, Math.ceil((list.scrollTop + list.clientHeight) / ROW) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) rows.push(row(i));
  inner.replaceChildren(...rows);
  const nearEnd = list.scrollTop + list.clientHeight >= loaded * ROW - 2 * ROW;
  if (nearEnd && !loading && loaded < PEOPLE.length) {
    loading = true;
    const wait = LOADS[load++];
    setTimeout(() => {
      window.pageWaitMs += wait;
      loaded = Math.min(PEOPLE.length, loaded + PAGE);
      loading = false;
      render();
    }, wait);
  }
}
const RENDER_MS = __RENDER_MS__;
list.addEventListener("scroll", () => (RENDER_MS ? setTimeout(render, RENDER_MS) : render()));
render();
</script></body></html>""".replace("VIEW", str(VIEW_PX)).replace("PAGE_ROWS", str(PAGE))
_PAGE = _PAGE.replace("ROW_PX", str(ROW_PX))


def measure(rows: int = ROWS, runs: int = 3) -> dict[str, Any]:
    """Each run's page wait, harvest time and the harvester's overhead as a share of the wait."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return {"skipped": "Chromium is not installed"}
    from playwright.sync_api import sync_playwright  # a test dependency, as the bench's

    html = page_html(rows)
    with _served(html) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        samples = [_one_run(browser.new_page(), url) for _ in range(runs)]
        browser.close()
    best = min(samples, key=lambda s: s["overhead_share"])
    return {"rows": rows, "page_size": PAGE, "load_ms": LOAD_MS, "runs": samples, "best": best}


def _one_run(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.add_script_tag(content=EXTENSION_STAND_IN)
    started = time.perf_counter()
    result = page.evaluate(HARVEST_JS.read_text(encoding="utf-8"))
    harvest_ms = (time.perf_counter() - started) * 1000
    wait_ms = page.evaluate("window.pageWaitMs")
    page.close()
    return {
        "rows_collected": len(result.get("fragments", [])),
        "page_wait_ms": round(wait_ms),
        "harvest_ms": round(harvest_ms),
        "overhead_share": round((harvest_ms - wait_ms) / wait_ms, 2),
    }


class _served:
    """The page on a local HTTP server for the length of a `with`."""

    def __init__(self, html: str) -> None:
        body = html.encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_port}/bench/events/1/attendees/"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
