"""Hostile web pages in the same headless Chromium as the extension (SECURITY.md).

A page served from another 127.0.0.1 port and from `localhost` tries every way a page can
reach a local server: fetch with and without no-cors, a JSON-looking form post, a beacon,
<img> and <script> loads, reading /api/... and asking to pair. None may read data or change
the store. Then the extension pairs the proper way, approved on the companion's page.
"""

from __future__ import annotations

import json

import pytest

from tests.test_api_captures import capture_body
from tests.test_live_server import request

pytestmark = pytest.mark.browser

ATTACKS = """
async ([base, capture]) => {
  const out = {};
  const attempt = async (name, run) => {
    try { out[name] = await run(); } catch (error) { out[name] = "blocked: " + error.name; }
  };
  const read = async (response) =>
    response.type + ":" + response.status + ":" + await response.text();
  const json = {"Content-Type": "application/json"};
  const body = JSON.stringify(capture);
  await attempt("fetch events", async () => read(await fetch(base + "/api/events")));
  await attempt("fetch health", async () => read(await fetch(base + "/api/health")));
  await attempt("fetch page", async () => read(await fetch(base + "/")));
  await attempt("fetch pairing page", async () => read(await fetch(base + "/pairing")));
  await attempt("cors post", async () =>
    read(await fetch(base + "/api/captures", {method: "POST", headers: json, body})));
  await attempt("no-cors post", async () =>
    read(await fetch(base + "/api/captures", {method: "POST", mode: "no-cors", body})));
  await attempt("no-cors get", async () =>
    read(await fetch(base + "/api/events", {mode: "no-cors"})));
  await attempt("cors pair", async () =>
    read(await fetch(base + "/api/pairing", {method: "POST", headers: json, body: "{}"})));
  await attempt("no-cors pair", async () =>
    read(await fetch(base + "/api/pairing", {method: "POST", mode: "no-cors", body: "{}"})));
  await attempt("beacon", async () => String(navigator.sendBeacon(base + "/api/captures", body)));
  const load = (element) => new Promise((resolve) => {
    element.onload = () => resolve("loaded");
    element.onerror = () => resolve("error");
  });
  const img = new Image();
  const imgDone = load(img);
  img.src = base + "/api/events";
  out["img"] = await imgDone;
  const script = document.createElement("script");
  const scriptDone = load(script);
  script.src = base + "/api/events";
  document.head.append(script);
  out["script"] = await scriptDone;
  out["form post"] = await new Promise((resolve) => {
    setTimeout(() => resolve("blocked: no answer"), 5000);
    const frame = document.createElement("iframe");
    frame.name = "sink-" + Math.random();
    document.body.append(frame);
    const form = document.createElement("form");
    form.method = "POST";
    form.action = base + "/api/captures";
    form.enctype = "text/plain";  // the classic trick to post a body that looks like JSON
    form.target = frame.name;
    const field = document.createElement("input");
    field.name = body.slice(0, -2) + ', "x": "';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    setTimeout(() => {
      frame.onload = () => {
        try { resolve("read: " + frame.contentDocument.body.innerText); }
        catch (error) { resolve("blocked: " + error.name); }
      };
      form.submit();
    }, 50);
  });
  return out;
}
"""


def recorder(app) -> list[tuple[str, str, str | None, int]]:
    """Every request the companion answers: (method, path, Origin, status)."""
    seen: list[tuple[str, str, str | None, int]] = []
    inner = app.wsgi_app

    def wsgi(environ, start_response):
        def spy(status, headers, exc_info=None):
            seen.append(
                (
                    environ["REQUEST_METHOD"],
                    environ["PATH_INFO"],
                    environ.get("HTTP_ORIGIN"),
                    int(status[:3]),
                )
            )
            return start_response(status, headers, exc_info)

        return inner(environ, spy)

    app.wsgi_app = wsgi
    return seen


def store_bytes(app) -> bytes:
    return app.extensions["hallway_store"].path.read_bytes()


@pytest.mark.parametrize("page_host", ["127.0.0.1", "localhost"])
def test_a_hostile_page_can_neither_read_nor_change_anything(browser, site, live_server, page_host):
    context, _, _ = browser
    app, base = live_server
    status, _ = request(f"{base}/api/captures", app.config["HALLWAY_TOKEN"], capture_body())
    assert status == 201
    before = store_bytes(app)
    seen = recorder(app)
    page_url = site.serve("/hostile", "<!doctype html><title>Win a prize</title><p>Hi</p>")
    page = context.new_page()
    page.goto(page_url.replace("127.0.0.1", page_host))
    hostile = {**capture_body("hostile"), "html": "<h1>planted</h1>"}
    port = base.rsplit(":", 1)[1]

    for companion_host in ("127.0.0.1", "localhost"):
        results = page.evaluate(ATTACKS, [f"http://{companion_host}:{port}", hostile])
        readable = {
            name: r for name, r in results.items() if not r.startswith(("blocked", "opaque:0:"))
        }
        assert readable == {"beacon": "true", "img": "error", "script": "error"}, results
        assert "Feature Stores" not in json.dumps(results)

    assert store_bytes(app) == before
    assert app.extensions["hallway_pairing"].pending() == []
    # The requests did reach the companion, which refused them itself (not only the browser).
    refused_posts = [s for s in seen if s[0] == "POST" and s[1] == "/api/captures"]
    assert len(refused_posts) >= 4 and all(status == 403 for *_, status in refused_posts)
    assert all(status >= 400 for *_, status in seen), seen


def test_the_extension_pairs_after_approval_on_the_companion_page(browser, live_server):
    context, extension_id, worker = browser
    app, base = live_server
    seen = recorder(app)
    origin = f"chrome-extension://{extension_id}"
    asked = worker.evaluate(
        """async (base) => (await fetch(base + "/api/pairing", {
            method: "POST", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({name: "Hallway test", browser: navigator.userAgent}),
        })).json()""",
        base,
    )
    assert asked["status"] == "pending"
    poll = "async (url) => (await fetch(url)).json()"
    status_url = f"{base}/api/pairing/{asked['request']}"
    assert worker.evaluate(poll, status_url) == {"status": "pending"}

    approval = context.new_page()
    approval.goto(f"{base}/pairing")
    request = approval.locator("li", has_text=asked["code"])
    assert origin in request.inner_text() and "Chrome" in request.inner_text()
    request.get_by_role("button", name="Approve").click()
    approval.wait_for_url(f"{base}/pairing?done=paired")
    said = approval.inner_text("main")
    assert "Approved: the extension is paired" in said and "No extension is asking to pair" in said
    assert "Hallway test" in said.split("Paired")[-1]  # listed with the paired extensions

    reply = worker.evaluate(poll, status_url)
    assert reply["status"] == "approved"
    events = worker.evaluate(
        """async ([base, token]) => (await fetch(base + "/api/events",
            {headers: {Authorization: "Bearer " + token}})).status""",
        [base, reply["token"]],
    )
    assert events == 200
    # Chromium names the extension's origin on its POSTs (so the pin holds for writes) but
    # not on its GETs (SECURITY.md says so); the approval form names the page's own origin.
    assert ("POST", "/api/pairing", origin, 202) in seen
    assert ("GET", "/api/events", None, 200) in seen
    assert ("POST", f"/pairing/{asked['request']}", base, 303) in seen
