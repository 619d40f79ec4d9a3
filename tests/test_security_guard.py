"""The guard's rules (SECURITY.md), one test each, through Flask's test client.

Each test asserts exactly what an attacker would get, so it fails if its rule is removed.
"""

from __future__ import annotations

import json
import logging

import pytest

import companion
from companion import config
from tests.conftest import PORT, fixture_text
from tests.test_api_captures import capture_body, store_tables
from tests.test_security_pairing import CHROME, bearer, pair


def nothing_stored(app) -> bool:
    return not any(v for k, v in store_tables(app).items() if k != "meta")


EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


# --- Host header (DNS rebinding) -------------------------------------------------------------


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]"])
def test_loopback_hosts_with_the_right_port_are_answered(client, name):
    response = client.get("/api/health", base_url=f"http://{name}:{PORT}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        f"attacker.example:{PORT}",
        "127.0.0.1",  # no port
        "localhost",
        "[::1]",
        f"127.0.0.1:{PORT + 1}",
        f"[::1]:{PORT + 1}",
        f"localhost.:{PORT}",
        f"127.0.0.1.nip.io:{PORT}",
        f"0.0.0.0:{PORT}",
        f"192.168.1.20:{PORT}",
    ],
)
def test_any_other_host_is_421_before_any_other_work(client, app, auth, host):
    # A rebinding page has the right token no more than it has the right Host; give it the
    # token anyway to show the Host check comes first and nothing is stored.
    response = client.post(
        "/api/captures", json=capture_body(), headers=auth, base_url=f"http://{host}"
    )
    assert response.status_code == 421
    assert "127.0.0.1" in response.get_json()["error"]
    assert client.get("/", base_url=f"http://{host}").status_code == 421
    assert client.get("/no-such-page", base_url=f"http://{host}").status_code == 421
    assert nothing_stored(app)


# --- The bearer token ------------------------------------------------------------------------


@pytest.mark.parametrize("parameter", ["token", "access_token", "auth", "bearer"])
def test_a_token_in_the_url_does_not_authenticate(client, app, parameter):
    token = app.config["HALLWAY_TOKEN"]
    assert client.get(f"/api/events?{parameter}={token}").status_code == 401
    assert client.get(f"/api/session?{parameter}=Bearer%20{token}").status_code == 401


def test_a_token_in_the_body_or_a_cookie_does_not_authenticate(client, app):
    token = app.config["HALLWAY_TOKEN"]
    response = client.post("/api/captures", json={**capture_body(), "token": token})
    assert response.status_code == 401
    client.set_cookie("token", token, domain="127.0.0.1")
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers={"Authorization": token}).status_code == 401
    assert client.get("/api/events", headers={"Authorization": f"Basic {token}"}).status_code == 401


def test_tokens_are_compared_in_constant_time(client, auth, monkeypatch):
    import hmac

    compared = []
    real = hmac.compare_digest

    def recording(a, b):
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    assert client.get("/api/events", headers=auth).status_code == 200
    token = auth["Authorization"].split()[1].encode()
    assert (token, token) in compared


def test_the_token_is_never_logged_even_when_a_view_fails(client, app, auth, caplog, monkeypatch):
    def broken(_db):
        raise RuntimeError("boom")

    monkeypatch.setattr("companion.api.events.answers.newest_first", broken)
    with caplog.at_level(logging.DEBUG):
        response = client.get("/api/events", headers=auth)
    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True)
    assert "boom" in caplog.text  # the failure is logged for the developer...
    assert app.config["HALLWAY_TOKEN"] not in caplog.text  # ...without the token


# --- Origins, content types and CORS ---------------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        f"http://127.0.0.1:{PORT + 1}",  # another program on this machine
        f"http://localhost:{PORT}",  # same port, different origin than the Host
        "null",  # sandboxed iframes, file:// pages, some redirects
        "file://",
        "chrome-extension-evil://x",
    ],
)
def test_web_page_origins_are_refused_everywhere(client, app, auth, origin):
    for method, path in [("GET", "/api/events"), ("GET", "/api/health"), ("GET", "/")]:
        response = client.open(path, method=method, headers={**auth, "Origin": origin})
        assert response.status_code == 403, (method, path)
    response = client.post("/api/captures", json=capture_body(), headers={**auth, "Origin": origin})
    assert response.status_code == 403
    assert nothing_stored(app)


def test_extension_origins_and_the_pages_own_origin_are_answered(client, auth):
    for origin in (EXTENSION, "moz-extension://0f1e2d3c-aaaa-bbbb-cccc-0123456789ab"):
        assert client.get("/api/events", headers={**auth, "Origin": origin}).status_code == 200
    own = client.get("/", headers={"Origin": f"http://127.0.0.1:{PORT}"})
    assert own.status_code == 200


def _write_routes(app) -> list[tuple[str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = rule.rule.replace("<int:", "<").replace("<event_id>", "1")
        path = path.replace("<request_id>", "r1").replace("<id>", "1")
        routes += [(method, path) for method in sorted(rule.methods & WRITE_METHODS)]
    return routes


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",  # what a no-cors fetch or navigator.sendBeacon can send
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",  # a form post
        "multipart/form-data; boundary=x",
        None,
    ],
)
def test_every_api_write_needs_json(client, app, auth, content_type):
    routes = _write_routes(app)
    assert ("POST", "/api/captures") in routes and ("POST", "/api/pairing") in routes
    body = json.dumps(capture_body())
    headers = {**auth, "Origin": EXTENSION}
    if content_type:
        headers["Content-Type"] = content_type
    for method, path in routes:
        response = client.open(path, method=method, data=body, headers=headers)
        assert response.status_code == 415, (method, path)
        assert "application/json" in response.get_json()["error"]
    assert nothing_stored(app)


def cors_headers(response) -> dict[str, str]:
    return {h.lower(): v for h, v in response.headers.items() if h.lower().startswith("access-")}


def preflight(client, path: str, origin: str):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


@pytest.mark.parametrize(
    "origin", ["https://evil.example", f"http://127.0.0.1:{PORT + 1}", "null", EXTENSION]
)
def test_web_pages_null_and_unpaired_extensions_get_no_cors_answer(client, auth, origin):
    # EXTENSION never paired here: it may ask to pair, and read nothing else.
    answers = [
        preflight(client, "/api/captures", origin),
        client.options("/api/events", headers={"Origin": origin}),
        client.get("/api/events", headers={**auth, "Origin": origin}),
        client.get("/api/health", headers={"Origin": origin}),
        client.post("/api/captures", json=capture_body(), headers={**auth, "Origin": origin}),
    ]
    for response in answers:
        assert cors_headers(response) == {}


def test_a_paired_extension_may_read_its_answers_cross_origin(client):
    """With its site access restricted, the extension's fetches are cross-origin: the origin
    it paired from gets CORS answers, the Authorization header allowed."""
    token = pair(client, CHROME)
    ok = preflight(client, "/api/captures", CHROME)
    assert ok.status_code == 200
    allowed = cors_headers(ok)
    assert allowed["access-control-allow-origin"] == CHROME
    assert "authorization" in allowed["access-control-allow-headers"].lower()
    assert "POST" in allowed["access-control-allow-methods"]
    read = client.get("/api/events", headers=bearer(token, CHROME))
    assert read.status_code == 200
    assert cors_headers(read)["access-control-allow-origin"] == CHROME
    assert "access-control-allow-credentials" not in cors_headers(read)


def test_any_extension_may_ask_to_pair_cross_origin_but_nothing_more(client):
    other = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"
    asked = client.post("/api/pairing", json={"name": "Chrome"}, headers={"Origin": other})
    assert cors_headers(asked)["access-control-allow-origin"] == other
    assert cors_headers(preflight(client, "/api/pairing", other)) != {}
    assert cors_headers(preflight(client, "/api/events", other)) == {}


# --- Limits and response headers -------------------------------------------------------------


def test_a_body_over_the_limit_is_413_with_a_sentence(client, app, auth):
    html = "x" * (config.MAX_BODY_BYTES + 1)
    response = client.post(
        "/api/captures",
        data=json.dumps({"html": html}),
        headers=auth,
        content_type="application/json",
    )
    assert response.status_code == 413
    error = response.get_json()["error"]
    assert error == "The request is larger than 25 MB, the most Hallway accepts."
    assert nothing_stored(app)


def test_a_body_just_under_the_limit_is_read(client, auth):
    filler = "x" * (config.MAX_BODY_BYTES - 200)
    response = client.post(
        "/api/captures",
        data=json.dumps({"html": filler}),
        headers=auth,
        content_type="application/json",
    )
    assert response.status_code == 422  # read and parsed: no event in it


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/api/health", {}),
        ("/api/events", {}),  # 401
        ("/", {}),
        ("/api/events", {"Origin": "https://evil.example"}),  # 403
    ],
)
def test_every_answer_names_the_app_and_forbids_caching_sniffing_and_framing(client, path, headers):
    response = client.get(path, headers=headers)
    assert response.headers["X-Hallway-API"] == "1"
    assert response.headers["X-Hallway"] == f"hallway {companion.__version__}"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_421_also_names_the_app(client):
    response = client.get("/api/health", base_url="http://attacker.example")
    assert response.status_code == 421 and response.headers["X-Hallway-API"] == "1"


# --- Captured text is inert in the pages -----------------------------------------------------


def test_captured_markup_is_escaped_on_the_front_page(client, auth):
    hostile = "<img src=x onerror=alert(1)>"
    html = fixture_text("meetup-event.html").replace(
        "Feature Stores in Practice &amp; MLOps Q&amp;A", hostile
    )
    reply = client.post("/api/captures", json=capture_body(html=html), headers=auth)
    assert reply.get_json()["event"]["title"] == hostile
    page = client.get("/").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>1</script>", "http://[::1", "file:///x"]
)
def test_a_capture_url_must_be_a_web_address(client, app, auth, url):
    response = client.post("/api/captures", json={**capture_body(), "url": url}, headers=auth)
    assert response.status_code == 422
    assert response.get_json() == {"error": "'url' must be the page's http or https address."}
    assert nothing_stored(app)
