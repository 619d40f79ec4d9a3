"""The daily nudge in real Chromium: off by default; when on, one notification a day at the
chosen time if follow-ups are due or a captured event is tomorrow, never twice a day, none
when nothing is due. The notifications permission is optional in the real manifest: this
test loads a copy whose manifest grants it, as the user's "yes" would."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.browser.conftest import CHROMIUM, EXTENSION, QUIET_CHROMIUM, pair
from tests.review_store import seed

pytestmark = pytest.mark.browser


@pytest.fixture
def granted(tmp_path, live_server):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (make test installs it: apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["permissions"].append("notifications")
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=[
                f"--disable-extensions-except={copy}",
                f"--load-extension={copy}",
                *QUIET_CHROMIUM,
            ],
        )
        try:
            worker = (
                context.service_workers[0]
                if context.service_workers
                else context.wait_for_event("serviceworker", timeout=15000)
            )
            yield context, worker
        finally:
            context.close()


def fire(worker) -> list[str]:
    """The nudge's alarm goes off (soon, as the browser schedules it); the notifications then."""
    worker.evaluate("chrome.alarms.create('hallway-nudge', {when: Date.now() + 100})")
    worker.evaluate("new Promise((done) => setTimeout(done, 1500))")
    return sorted(worker.evaluate("chrome.notifications.getAll().then(Object.keys)"))


def clear(worker) -> None:
    worker.evaluate(
        "chrome.notifications.getAll().then((all) =>"
        " Promise.all(Object.keys(all).map((id) => chrome.notifications.clear(id))))"
    )


def set_day(worker, day: str) -> None:
    worker.evaluate(f"chrome.storage.local.set({{today: '{day}'}})")


def test_one_nudge_a_day_only_when_on_and_only_with_something_to_say(granted, live_server):
    _, worker = granted
    app, base = live_server
    pair(worker, base, app.config["HALLWAY_TOKEN"])
    seed(app.extensions["hallway_store"])
    set_day(worker, "2025-07-01")
    assert worker.evaluate("chrome.storage.local.get('nudge')") == {}  # off by default
    assert fire(worker) == []

    worker.evaluate("chrome.storage.local.set({nudge: {on: true, time: '09:00'}})")
    assert fire(worker) == ["hallway-nudge-2025-07-01"]
    said = worker.evaluate("chrome.storage.local.get('nudge').then((s) => s.nudge.said)")
    assert said == ["3 follow-ups due: Mira Okonkwo, <img src=x onerror=alert(1)>, Pavel Lindqvist"]
    clear(worker)
    assert fire(worker) == []  # never twice in a day

    set_day(worker, "2025-07-14")  # the day before "Vectors at Dusk"
    assert fire(worker) == ["hallway-nudge-2025-07-14"]
    said = worker.evaluate("chrome.storage.local.get('nudge').then((s) => s.nudge.said)")
    assert said[-1] == "Tomorrow: Vectors at Dusk. Read its prep notes."
    clear(worker)

    set_day(worker, "2025-06-01")  # nothing due yet, no event tomorrow
    assert fire(worker) == []
    worker.evaluate("chrome.storage.local.set({nudge: {on: false, time: '09:00'}})")
    set_day(worker, "2025-07-20")
    assert fire(worker) == []  # turned off


def test_the_options_schedule_the_nudge_at_the_chosen_time(granted, live_server):
    context, worker = granted
    extension_id = worker.url.split("/")[2]
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id}/options.html")
    assert not page.locator("#nudge-on").is_checked()
    page.locator("#nudge-time").fill("07:45")
    page.locator("#nudge-on").check()
    page.locator("#status", has_text="Hallway will remind you at 07:45").wait_for()
    alarm = worker.evaluate("chrome.alarms.get('hallway-nudge')")
    assert alarm["periodInMinutes"] == 24 * 60
    when = worker.evaluate(f"new Date({alarm['scheduledTime']}).toTimeString().slice(0, 5)")
    assert when == "07:45"
    page.locator("#nudge-on").uncheck()
    page.locator("#status", has_text="No daily reminder.").wait_for()
    assert worker.evaluate("chrome.alarms.get('hallway-nudge')") is None
