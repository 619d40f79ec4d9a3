"""Checks every request passes before any view runs (DESIGN.md section 7, SECURITY.md).

Any web page the user visits can send requests to 127.0.0.1, and a DNS-rebinding page can
read the answers of a server that does not check Host. So: the Host must be this loopback
address, web-page origins are refused, writes must be JSON (a form post or a no-cors fetch
cannot send that content type without a preflight, which no web page gets approved), the
API needs a bearer token from the Authorization header, and a paired token only works from
the extension origin that paired. CORS answers go to the paired extensions' origins only
(any extension's while it asks to pair), for when the user restricts its site access.
"""

from __future__ import annotations

import re

from flask import Flask, Response, abort, current_app, request
from flask_cors import CORS

from companion import API_VERSION, APP_NAME, __version__
from companion.i18n import _
from companion.pairing import clients

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://")
# Exactly what browsers send for an extension (Chromium: 32 letters a-p; Firefox: a UUID),
# so a pairing request cannot smuggle odd text into the terminal or the page.
EXTENSION_ORIGIN = re.compile(
    r"chrome-extension://[a-p]{32}|moz-extension://[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"
)
OPEN_PATHS = {"/api/health"}
PAIRING_PATHS = "/api/pairing"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Sent on every answer, errors included. The name and API version let the extension tell
# Hallway from any other program on that port; the rest stop caching, MIME sniffing and
# framing (a page that frames /pairing could trick a click on "Approve").
RESPONSE_HEADERS = {
    "X-Hallway": f"{APP_NAME} {__version__}",
    "X-Hallway-API": str(API_VERSION),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    # Not "no-referrer": with it Chromium sends `Origin: null` on the pairing page's own
    # form posts, which the guard must refuse.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def install(app: Flask) -> None:
    app.before_request(check_request)
    app.after_request(add_headers)
    # The one declared cross-origin policy, for an extension whose site access the user
    # restricted (its fetches are then cross-origin). flask-cors answers extension origins;
    # add_headers, which runs after it, keeps that answer only for a paired one.
    CORS(
        app,
        resources={r"/api/*": {"origins": [EXTENSION_ORIGIN]}},
        allow_headers=["Authorization", "Content-Type"],
        methods=["GET", "POST", "PATCH", "DELETE"],
        max_age=600,
    )


def check_request() -> None:
    port = current_app.config["HALLWAY_PORT"]
    if request.host not in {f"{name}:{port}" for name in LOOPBACK_NAMES}:
        abort(421, _("This companion only answers requests addressed to 127.0.0.1."))
    origin = request.headers.get("Origin")
    if origin and not origin.startswith(EXTENSION_SCHEMES) and origin != own_origin():
        abort(403, _("Requests from web pages are refused."))
    if not request.path.startswith("/api/"):
        return
    if request.method == "OPTIONS":
        return  # a preflight carries no token and reads nothing: its answer is CORS's alone
    if request.method in WRITE_METHODS and not request.is_json:
        abort(415, _("Send the request body as application/json."))
    if request.path in OPEN_PATHS:
        return
    if request.path == PAIRING_PATHS or request.path.startswith(PAIRING_PATHS + "/"):
        _check_pairing_origin(origin)
        return
    client = clients.identify(current_app.config["HALLWAY_DATA_DIR"], _bearer())
    if client is None:
        abort(401, _("Missing or wrong token: pair the extension again, or paste `hallway token`."))
    # Chromium names an extension's origin on its writes but not on its GETs, and a program
    # outside the browser could claim any origin: a missing Origin proves nothing either way.
    if client.origin and origin and origin != client.origin:
        abort(403, _("This token was paired with another extension."))
    clients.called(current_app.config["HALLWAY_DATA_DIR"], client)


def add_headers(response: Response) -> Response:
    for name, value in RESPONSE_HEADERS.items():
        response.headers.setdefault(name, value)
    if "Access-Control-Allow-Origin" in response.headers and not _may_read(request.path):
        for name in [k for k, _ in response.headers.items() if k.startswith("Access-Control-")]:
            del response.headers[name]
    return response


def _may_read(path: str) -> bool:
    """Whether the asking extension may read the answer cross-origin: any extension while it
    asks to pair, else only one that paired (its origin pinned then)."""
    if path == PAIRING_PATHS or path.startswith(PAIRING_PATHS + "/"):
        return True
    paired = clients.listing(current_app.config["HALLWAY_DATA_DIR"])
    return request.headers.get("Origin") in {c.origin for c in paired if c.origin}


def own_origin() -> str:
    """The review pages' own origin (the Host was checked first, so this is loopback)."""
    return f"http://{request.host}"


def _check_pairing_origin(origin: str | None) -> None:
    asking = request.method == "POST"
    if (asking and not origin) or (origin and not EXTENSION_ORIGIN.fullmatch(origin)):
        abort(403, _("Only the Hallway extension may ask to pair."))


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None
