"""The page where the user approves or denies an extension's pairing request.

Approving hands out an API token, so the form is guarded three ways against other pages
(cross-site request forgery): the guard already refuses foreign Origins, the browser must say
the post is same-origin, and the form carries a token derived from this browser's session
cookie with a key that never leaves the companion. Cookies on 127.0.0.1 are shared by every
port, so a cookie alone would prove nothing; the derived token does.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import abort, current_app, redirect, render_template, request, url_for

from companion.guard import own_origin
from companion.ui import bp

SESSION_COOKIE = "hallway_pairing"


@bp.get("/pairing")
def pairing():
    session = request.cookies.get(SESSION_COOKIE) or secrets.token_urlsafe(32)
    desk = current_app.extensions["hallway_pairing"]
    page = render_template("pairing.html", requests=desk.pending(), csrf=_csrf_token(session))
    response = current_app.make_response(page)
    response.set_cookie(
        SESSION_COOKIE, session, httponly=True, samesite="Strict", path=url_for("ui.pairing")
    )
    return response


@bp.post("/pairing/<request_id>")
def decide(request_id: str):
    _check_same_page()
    approve = request.form.get("decision") == "approve"  # anything else denies
    desk = current_app.extensions["hallway_pairing"]
    if desk.decide(request_id, approve, current_app.config["HALLWAY_DATA_DIR"]) is None:
        abort(404, "This pairing request is no longer waiting: it was decided or expired.")
    return redirect(url_for("ui.pairing"), 303)


def _check_same_page() -> None:
    refused = "This answer did not come from Hallway's pairing page; reload it and try again."
    if request.headers.get("Origin") != own_origin():
        abort(403, refused)
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        abort(403, refused)
    session = request.cookies.get(SESSION_COOKIE, "")
    if not session or not hmac.compare_digest(request.form.get("csrf", ""), _csrf_token(session)):
        abort(403, refused)


def _csrf_token(session: str) -> str:
    key = current_app.config["HALLWAY_PAGE_KEY"]
    return hmac.new(key, session.encode(), hashlib.sha256).hexdigest()
