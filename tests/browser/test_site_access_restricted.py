"""The extension still works when the user takes its site access away (issue 20): Chrome's
"on click" / "on specific sites" and Firefox's revocable host permissions make its calls to
the companion cross-origin, and only the companion's CORS answers let it read them. A web
page still reads nothing."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.browser.conftest import EXTENSION, pair_from_options, stored_events, with_extension
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser


@pytest.fixture
def browser(tmp_path, live_server):
    """The extension with no host permission: as if the user withdrew its site access."""
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["host_permissions"] = []
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    yield from with_extension(tmp_path, copy)


def test_pairing_and_sending_work_without_site_access(browser, live_server, site):
    context, extension_id, worker = browser
    _, base = live_server
    token = pair_from_options(context, extension_id, worker, base)

    # A capture kept while the companion was away, sent with its token, cross-origin.
    body = {
        "capture_id": "kept-1",
        "captured_at": "2025-06-12T18:00:00Z",
        "url": "https://www.meetup.com/lakeside-data-science/events/301234567/",
        "title": "Feature Stores in Practice",
        "html": fixture_text("meetup-event.html"),
    }
    kept = {"id": "kept-1", "title": body["title"], "url": body["url"], "body": body}
    worker.evaluate("(kept) => chrome.storage.local.set({queue: [kept]})", kept)
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id}/options.html")
    answer = options.evaluate("() => chrome.runtime.sendMessage({type: 'retryQueue'})")
    assert answer["ok"], answer
    assert answer["data"]["items"] == []
    assert [e["title"] for e in stored_events(base, token)] == [
        "Feature Stores in Practice & MLOps Q&A"
    ]


def test_a_web_page_still_reads_nothing(browser, live_server, site):
    context, _, _ = browser
    _, base = live_server
    page = context.new_page()
    page.goto(site.serve("/hostile/", "<h1>Hi</h1>"))
    outcome = page.evaluate(
        """async (base) => {
          try { await fetch(base + "/api/health"); return "read"; }
          catch (error) { return "refused"; }
        }""",
        base,
    )
    assert outcome == "refused"
