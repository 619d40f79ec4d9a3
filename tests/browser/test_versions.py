"""When the extension and the companion speak different API versions, the popup says which
side to update instead of failing obscurely (issue 20)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import open_popup, pair

pytestmark = pytest.mark.browser


def companion_speaking(api: int) -> ThreadingHTTPServer:
    """A Hallway of another API version: it answers /api/health and nothing else."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"app": "hallway", "version": "9.9.9", "api": api}).encode()
            self.send_response(200 if self.path == "/api/health" else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize(
    ("api", "said"),
    [(2, "update the extension"), (0, "update Hallway")],
)
def test_the_popup_says_which_side_to_update(browser, site, api, said):
    context, extension_id, worker = browser
    server = companion_speaking(api)
    try:
        pair(worker, f"http://127.0.0.1:{server.server_port}", "any-token")
        url = site.serve("/some/page/", "<h1>A page</h1>")
        context.new_page().goto(url)
        popup = open_popup(context, extension_id, worker, url)
        status = popup.locator("#status.error", has_text=said)
        status.wait_for()
        assert "Hallway 9.9.9" in status.inner_text()
    finally:
        server.shutdown()
