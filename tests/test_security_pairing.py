"""Pairing and per-client tokens (SECURITY.md): ask from an extension, approve on the companion."""

from __future__ import annotations

import json
import re
import stat

import pytest

from companion.cli import main
from companion.pairing import clients
from companion.pairing.requests import ASKS_PER_MINUTE, LIFETIME_SECONDS, Desk
from tests.conftest import PORT

CHROME = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
FIREFOX = "moz-extension://0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"
OWN = f"http://127.0.0.1:{PORT}"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app) -> Clock:
    clock = Clock()
    app.extensions["hallway_pairing"] = Desk(clock=clock)
    return clock


def ask(client, origin=CHROME, **body):
    body = body or {"name": "Hallway for Chromium", "browser": "Chromium 156 on Linux"}
    return client.post("/api/pairing", json=body, headers={"Origin": origin})


def poll(client, request_id, origin=CHROME):
    return client.get(f"/api/pairing/{request_id}", headers={"Origin": origin})


def open_page(client) -> str:
    """The pairing page as the user's browser gets it; returns its form's CSRF token."""
    page = client.get("/pairing")
    assert page.status_code == 200
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.get_data(as_text=True)).group(1)


def answer(client, request_id, decision="approve", csrf=None, headers=None):
    csrf = open_page(client) if csrf is None else csrf
    return client.post(
        f"/pairing/{request_id}",
        data={"decision": decision, "csrf_token": csrf},
        headers={"Origin": OWN, "Sec-Fetch-Site": "same-origin", **(headers or {})},
    )


def pair(client, origin=CHROME) -> str:
    request_id = ask(client, origin).get_json()["request"]
    assert answer(client, request_id).status_code == 303
    return poll(client, request_id, origin).get_json()["token"]


def bearer(token: str, origin: str | None = CHROME) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    return {**headers, "Origin": origin} if origin else headers


# --- Asking ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        None,
        "https://evil.example",
        OWN,
        "null",
        f"http://localhost:{PORT}",
        "chrome-extension://abc\x1b[2Jdefghijklmnopabcdefghijklmno",
        "moz-extension://not-a-uuid",
        CHROME + ".evil.example",
    ],
)
def test_only_an_extension_origin_may_ask_to_pair(client, origin):
    headers = {"Origin": origin} if origin else {}
    response = client.post("/api/pairing", json={"name": "x"}, headers=headers)
    assert response.status_code == 403
    assert client.get("/pairing").get_data(as_text=True).count("asks to pair") == 0


def test_asking_answers_a_request_id_and_a_code_and_waits(client):
    response = ask(client)
    assert response.status_code == 202
    reply = response.get_json()
    assert reply["status"] == "pending"
    assert re.fullmatch(r"\d{3}-\d{3}", reply["code"])
    assert reply["approve_at"] == f"{OWN}/pairing"
    assert reply["expires_in"] == LIFETIME_SECONDS
    assert poll(client, reply["request"]).get_json() == {"status": "pending"}


def test_the_page_shows_which_extension_and_browser_asked_escaped(client):
    reply = ask(client, FIREFOX, name="<script>alert(1)</script>", browser="Firefox 142").get_json()
    page = client.get("/pairing").get_data(as_text=True)
    assert FIREFOX in page and "Firefox 142" in page and reply["code"] in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page


def test_the_browser_defaults_to_the_user_agent(client):
    client.post(
        "/api/pairing", json={}, headers={"Origin": CHROME, "User-Agent": "Mozilla/5.0 Chromium"}
    )
    assert "Mozilla/5.0 Chromium" in client.get("/pairing").get_data(as_text=True)


def test_bad_pairing_bodies_are_422(client):
    assert client.post("/api/pairing", json=[], headers={"Origin": CHROME}).status_code == 422
    bad = client.post("/api/pairing", json={"name": 5}, headers={"Origin": CHROME})
    assert bad.status_code == 422 and "name" in bad.get_json()["error"]


def test_at_most_a_few_requests_a_minute(client, clock):
    for _ in range(ASKS_PER_MINUTE):
        assert ask(client).status_code == 202
    refused = ask(client, FIREFOX)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    assert "minute" in refused.get_json()["error"]
    clock.now += 60
    assert ask(client).status_code == 202


# --- Deciding --------------------------------------------------------------------------------


def test_approval_hands_the_token_out_once_to_the_asking_extension(client, app):
    request_id = ask(client).get_json()["request"]
    assert answer(client, request_id).status_code == 303
    reply = poll(client, request_id).get_json()
    assert reply["status"] == "approved" and len(reply["token"]) >= 40
    assert poll(client, request_id).status_code == 404  # gone once collected
    session = client.get("/api/session", headers=bearer(reply["token"]))
    assert session.status_code == 200


def test_unanswered_requests_are_denied_when_they_expire(client, app, clock):
    request_id = ask(client).get_json()["request"]
    csrf = open_page(client)
    clock.now += LIFETIME_SECONDS
    assert poll(client, request_id).status_code == 404
    assert answer(client, request_id, csrf=csrf).status_code == 404
    assert clients.listing(app.config["HALLWAY_DATA_DIR"])[1:] == []


def test_deny_and_anything_but_approve_deny(client, app):
    for decision in ("deny", "yes", ""):
        request_id = ask(client).get_json()["request"]
        assert answer(client, request_id, decision=decision).status_code == 303
        assert poll(client, request_id).get_json() == {"status": "denied"}
    assert clients.listing(app.config["HALLWAY_DATA_DIR"])[1:] == []


def test_another_extension_cannot_collect_the_token(client):
    request_id = ask(client).get_json()["request"]
    answer(client, request_id)
    assert poll(client, request_id, FIREFOX).status_code == 403
    assert poll(client, request_id, "https://evil.example").status_code == 403
    assert poll(client, request_id).get_json()["status"] == "approved"  # still there for CHROME


@pytest.mark.parametrize(
    "forged",
    [
        {"csrf": ""},
        {"csrf": "0" * 64},
        {"headers": {"Origin": "https://evil.example"}},
        {"headers": {"Origin": f"http://127.0.0.1:{PORT + 1}"}},  # a page on another port
        {"headers": {"Origin": "null"}},
        {"headers": {"Origin": ""}},
        {"headers": {"Sec-Fetch-Site": "same-site"}},
        {"headers": {"Sec-Fetch-Site": "cross-site"}},
    ],
)
def test_the_approve_form_is_protected_against_forgery(client, app, forged):
    request_id = ask(client).get_json()["request"]
    open_page(client)  # the user has the page open
    response = answer(
        client,
        request_id,
        csrf=forged.get("csrf", open_page(client)),
        headers=forged.get("headers"),
    )
    assert response.status_code == 403
    assert poll(client, request_id).get_json() == {"status": "pending"}
    assert clients.listing(app.config["HALLWAY_DATA_DIR"])[1:] == []


def test_each_paired_extension_gets_its_own_token_pinned_to_its_origin(client):
    chrome, firefox = pair(client, CHROME), pair(client, FIREFOX)
    assert chrome != firefox
    assert client.get("/api/events", headers=bearer(chrome, CHROME)).status_code == 200
    assert client.get("/api/events", headers=bearer(firefox, FIREFOX)).status_code == 200
    stolen = client.get("/api/events", headers=bearer(chrome, FIREFOX))
    assert stolen.status_code == 403
    assert "another extension" in stolen.get_json()["error"]
    assert client.get("/api/events", headers=bearer(chrome, None)).status_code == 200


def test_the_pasted_token_keeps_working_from_any_extension(client, app):
    pair(client)
    pasted = app.config["HALLWAY_TOKEN"]
    for origin in (CHROME, FIREFOX, None):
        assert client.get("/api/events", headers=bearer(pasted, origin)).status_code == 200


def test_revoking_a_client_stops_its_token_at_once_and_only_its(client, app):
    chrome, firefox = pair(client, CHROME), pair(client, FIREFOX)
    folder = app.config["HALLWAY_DATA_DIR"]
    chrome_id = next(c.id for c in clients.listing(folder) if c.origin == CHROME)
    assert clients.revoke(folder, chrome_id)
    assert client.get("/api/events", headers=bearer(chrome, CHROME)).status_code == 401
    assert client.get("/api/events", headers=bearer(firefox, FIREFOX)).status_code == 200
    assert not clients.revoke(folder, chrome_id)


def test_the_clients_file_is_private_and_holds_no_usable_token(client, app):
    token = pair(client)
    path = clients.clients_path(app.config["HALLWAY_DATA_DIR"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert token not in path.read_text()
    [entry] = json.loads(path.read_text())["clients"]
    assert entry["origin"] == CHROME and entry["name"] == "Hallway for Chromium"


# --- The command line ------------------------------------------------------------------------


def test_tokens_lists_clients_and_token_revoke_removes_one(client, app, runner):
    pair(client)
    listing = runner.invoke(main, ["tokens"])
    assert listing.exit_code == 0
    lines = listing.output.splitlines()
    assert lines[0].startswith("pasted  ") and "any extension" in lines[0]
    assert CHROME in lines[1] and "Hallway for Chromium" in lines[1]
    client_id = lines[1].split()[0]
    revoked = runner.invoke(main, ["token", "--revoke", client_id])
    assert revoked.exit_code == 0 and client_id in revoked.output
    assert CHROME not in runner.invoke(main, ["tokens"]).output
    unknown = runner.invoke(main, ["token", "--revoke", "c-nope"])
    assert unknown.exit_code == 1 and "hallway tokens" in unknown.output


def test_revoking_the_pasted_token_replaces_it(client, app, runner):
    old = app.config["HALLWAY_TOKEN"]
    assert runner.invoke(main, ["token", "--revoke", "pasted"]).exit_code == 0
    assert client.get("/api/events", headers=bearer(old, None)).status_code == 401
    new = runner.invoke(main, ["token"]).output.strip()
    assert new != old
    assert client.get("/api/events", headers=bearer(new, None)).status_code == 200


def test_the_page_confirms_an_approval_and_a_denial(client):
    ask(client)
    waiting = client.get("/pairing").get_data(as_text=True)
    assert 'value="deny" class="secondary"' in waiting  # Deny does not look like Approve
    approved = answer(client, ask(client).get_json()["request"])
    page = client.get(approved.headers["Location"]).get_data(as_text=True)
    assert "Approved: the extension is paired" in page
    denied = answer(client, ask(client).get_json()["request"], decision="deny")
    assert "Denied: that extension was not paired." in client.get(
        denied.headers["Location"]
    ).get_data(as_text=True)


def test_the_page_lists_paired_extensions_and_revokes_one(client, app):
    token = pair(client)
    [paired] = clients.listing(app.config["HALLWAY_DATA_DIR"])[1:]
    page = client.get("/pairing").get_data(as_text=True)
    assert "Hallway for Chromium" in page and f"/pairing/revoke/{paired.id}" in page
    revoked = client.post(
        f"/pairing/revoke/{paired.id}",
        data={"csrf_token": open_page(client)},
        headers={"Origin": OWN, "Sec-Fetch-Site": "same-origin"},
    )
    assert revoked.status_code == 303
    assert "Revoked:" in client.get(revoked.headers["Location"]).get_data(as_text=True)
    assert client.get("/api/session", headers=bearer(token)).status_code == 401
    assert clients.listing(app.config["HALLWAY_DATA_DIR"])[1:] == []


@pytest.mark.parametrize("forged", [{"csrf_token": ""}, {"origin": "https://evil.example"}])
def test_revoking_is_protected_against_forgery(client, app, forged):
    pair(client)
    [paired] = clients.listing(app.config["HALLWAY_DATA_DIR"])[1:]
    response = client.post(
        f"/pairing/revoke/{paired.id}",
        data={"csrf_token": forged.get("csrf_token", open_page(client))},
        headers={"Origin": forged.get("origin", OWN), "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 403
    assert len(clients.listing(app.config["HALLWAY_DATA_DIR"])[1:]) == 1
