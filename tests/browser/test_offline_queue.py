"""When the companion is down: the badge says so, the capture waits in the extension's
storage, the popup lists it and says how to start the companion, and once the companion
answers the retry alarm delivers the capture exactly once."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from companion import tokens
from companion.server import make_server
from tests.browser.conftest import open_popup, pair, record_requests, stored_events
from tests.conftest import fixture_text

pytestmark = pytest.mark.browser

EVENT_PATH = "/lakeside-data-science/events/301234567/"
TITLE = "Feature Stores in Practice & MLOps Q&A"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def badge(worker) -> str:
    return worker.evaluate("chrome.action.getBadgeText({})")


def waiting(worker) -> list:
    return worker.evaluate("chrome.storage.local.get('queue').then((s) => s.queue ?? [])")


def retry_alarm(worker):
    return worker.evaluate("chrome.alarms.get('hallway-retry')")


def paired_while_away(worker, tmp_path) -> tuple[int, str, object, str]:
    """The extension paired with a companion that is not running yet: its port, address,
    data folder and token."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data = tmp_path / "data"
    data.mkdir()
    token = tokens.get_or_create(data)
    pair(worker, base, token)
    return port, base, data, token


def wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.2)


def test_a_capture_made_while_the_companion_is_down_arrives_once_when_it_is_back(
    browser, site, tmp_path
):
    context, extension_id, worker = browser
    port, base, data, token = paired_while_away(worker, tmp_path)
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)

    popup = open_popup(context, extension_id, worker, url)
    popup.locator("#status.error", has_text='"make run"').wait_for()
    assert badge(worker) == "off"
    popup.get_by_role("button", name="Capture", exact=True).click()
    popup.locator("#status.error", has_text="Your capture is kept").wait_for()
    assert popup.locator("#queue-items li").all_text_contents()[0].startswith(TITLE)
    [queued] = waiting(worker)

    app, server = make_server(data, port)
    seen = record_requests(app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        # The retry alarm fires (made due now rather than in a minute).
        worker.evaluate("chrome.alarms.create('hallway-retry', {when: Date.now()})")
        # Sent, and with nothing left to send the retry alarm is gone.
        wait_until(lambda: not waiting(worker) and retry_alarm(worker) is None)
        assert [e["title"] for e in stored_events(base, token)] == [TITLE]
        assert badge(worker) == ""

        # Nothing is sent twice: another alarm and the popup's own check find nothing left.
        worker.evaluate("chrome.alarms.create('hallway-retry', {when: Date.now()})")
        wait_until(lambda: retry_alarm(worker) is None)  # a one-time alarm goes once fired
        popup.reload()
        popup.get_by_text("Companion connected.").wait_for()
        assert popup.locator("#queue").is_hidden()
        posts = [r for r in seen if r["path"] == "/api/captures"]
        assert [p["json"]["capture_id"] for p in posts] == [queued["id"]]
    finally:
        server.close()
        thread.join(timeout=5)


def test_the_waiting_list_is_bounded_and_says_what_it_dropped(browser):
    context, extension_id, _ = browser
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options.html")
    left, warning = page.evaluate(
        """async () => {
          const queue = await import("./lib/queue.js");
          for (let i = 1; i <= queue.MAX_ITEMS + 2; i++) {
            await queue.enqueue({capture_id: `c${i}`, title: `Event ${i}`, url: "https://x.invalid/",
                                 captured_at: "2025-06-12T18:30:00Z", html: "<p>x</p>"});
          }
          // One capture alone larger than the bound still waits; the older ones make room.
          const html = "x".repeat(queue.MAX_CHARS);
          await queue.enqueue({capture_id: "big", title: "Big list", html});
          const {items, warning} = await queue.summary();
          return [items.map((i) => i.id), warning];
        }"""
    )
    assert left == ["big"]
    assert "dropped" in warning and '"Event 22"' in warning

    page.goto(f"chrome-extension://{extension_id}/popup.html")
    page.locator("#queue-warning", has_text='"Event 22"').wait_for()
    assert page.locator("#queue-items li").all_text_contents()[0].startswith("Big list")
    page.get_by_role("button", name="Dismiss").click()
    page.locator("#queue-notice").wait_for(state="hidden")
    assert page.locator("#queue-items li").count() == 1


def capture_into_queue(context, extension_id, worker, url) -> None:
    """A capture made from the popup while nothing answers: it waits in the queue."""
    popup = open_popup(context, extension_id, worker, url)
    popup.get_by_role("button", name="Capture", exact=True).click()
    popup.locator("#status.error", has_text="Your capture is kept").wait_for()
    popup.close()


def test_two_waiting_captures_arrive_once_within_an_alarm_period_with_the_popup_closed(
    browser, site, tmp_path
):
    context, extension_id, worker = browser
    port, base, data, token = paired_while_away(worker, tmp_path)
    worker.evaluate("chrome.storage.local.set({retryMinutes: 0.05})")  # every 3 seconds
    first = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    second = site.serve(
        "/lakeside-data-science/events/301234999/",
        fixture_text("meetup-event.html").replace("301234567", "301234999"),
    )
    for url in (first, second):
        context.new_page().goto(url)
        capture_into_queue(context, extension_id, worker, url)
    assert len(waiting(worker)) == 2

    app, server = make_server(data, port)
    seen = record_requests(app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        wait_until(lambda: not waiting(worker), timeout=30)
        assert time.monotonic() - started < 3 + 5  # one alarm period, and the sending
        time.sleep(4)  # another period: nothing is sent twice
        posts = [r["json"]["url"] for r in seen if r["path"] == "/api/captures"]
        assert sorted(posts) == sorted([first, second])
        assert len(stored_events(base, token)) == 2
    finally:
        server.close()
        thread.join(timeout=5)


class Stuck:
    """A companion that takes every connection and never answers."""

    def __init__(self, port: int):
        self.listener = socket.create_server(("127.0.0.1", port))
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def stop(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread, frees the port
        self.listener.close()
        for connection in self.held:
            connection.close()


def test_a_send_that_never_gets_an_answer_gives_up_and_holds_nothing_back(browser, site, tmp_path):
    context, extension_id, worker = browser
    port, base, data, token = paired_while_away(worker, tmp_path)
    worker.evaluate(
        "chrome.storage.local.set({retryMinutes: 0.05, timeouts: {call: 1500, capture: 1500}})"
    )
    stuck = Stuck(port)
    url = site.serve(EVENT_PATH, fixture_text("meetup-event.html"))
    context.new_page().goto(url)
    capture_into_queue(context, extension_id, worker, url)  # given up after 1.5 s, kept
    time.sleep(4)  # a retry goes to the stuck companion too, and is given up as well
    assert len(waiting(worker)) == 1
    stuck.stop()  # the hung companion is restarted

    _app, server = make_server(data, port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: not waiting(worker), timeout=20)
        assert [e["title"] for e in stored_events(base, token)] == [TITLE]
    finally:
        server.close()
        thread.join(timeout=5)


def test_a_capture_queued_while_a_sent_one_is_taken_out_is_kept(browser):
    context, extension_id, _ = browser
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options.html")
    left = page.evaluate(
        """async () => {
          const queue = await import("./lib/queue.js");
          const capture = (id) => ({capture_id: id, title: id, url: "https://x.invalid/",
                                    captured_at: "2025-06-12T18:30:00Z", html: "<p>x</p>"});
          await queue.enqueue(capture("sent"));
          // The flush takes out the one it sent while the user queues another, at once.
          await Promise.all([queue.remove("sent"), queue.enqueue(capture("new"))]);
          return (await queue.summary()).items.map((i) => i.id);
        }"""
    )
    assert left == ["new"]
