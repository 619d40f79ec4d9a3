"""Checks every request passes before any view runs (DESIGN.md section 7).

Any web page the user visits can send requests to 127.0.0.1, and a DNS-rebinding page can
read the answers of a server that does not check Host. So: the Host must be this loopback
address, web-page origins are refused, the API needs the bearer token, and writes must be
JSON (a form post or a no-cors fetch cannot send that content type without a preflight).
"""

from __future__ import annotations

from flask import Flask, abort, current_app, request

from companion import tokens

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://")
OPEN_PATHS = {"/api/health"}


def install(app: Flask) -> None:
    app.before_request(check_request)


def check_request() -> None:
    port = current_app.config["HALLWAY_PORT"]
    if request.host not in {f"{name}:{port}" for name in LOOPBACK_NAMES}:
        abort(421, "This companion only answers requests addressed to 127.0.0.1.")
    origin = request.headers.get("Origin")
    if origin and not origin.startswith(EXTENSION_SCHEMES) and origin != _own_origin(port):
        abort(403, "Requests from web pages are refused.")
    if not request.path.startswith("/api/") or request.path in OPEN_PATHS:
        return
    if not tokens.matches(_bearer(), current_app.config["HALLWAY_TOKEN"]):
        abort(401, "Missing or wrong token: pair the extension with `hallway token`.")
    if request.method in {"POST", "PUT", "PATCH", "DELETE"} and not request.is_json:
        abort(415, "Send the request body as application/json.")


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _own_origin(port: int) -> str:
    return f"http://{request.host}" if request.host.endswith(f":{port}") else ""
