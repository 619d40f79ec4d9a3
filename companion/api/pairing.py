"""Pairing over HTTP (SECURITY.md has the protocol): ask, then poll until the user decides.

The guard already made sure the caller is an extension origin; the user approves on the
companion's side, never here.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, jsonify, request, url_for

from companion.api import bp
from companion.i18n import _
from companion.pairing.requests import LIFETIME_SECONDS, Desk, TooManyRequests

NAME_LIMIT = 100
BROWSER_LIMIT = 300


@bp.post("/pairing")
def ask_to_pair():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(422, _("The pairing request must be a JSON object."))
    try:
        asked = _desk().ask(
            origin=request.headers["Origin"],
            name=_text(body, "name", NAME_LIMIT) or _("Hallway extension"),
            browser=_text(body, "browser", BROWSER_LIMIT) or request.user_agent.string,
        )
    except TooManyRequests:
        response = jsonify(error=_("Too many pairing requests in the last minute; try again soon."))
        return response, 429, {"Retry-After": "60"}
    return jsonify(
        request=asked.id,
        code=asked.code,
        status=asked.status,
        approve_at=url_for("ui.pairing", _external=True),
        expires_in=LIFETIME_SECONDS,
    ), 202


@bp.get("/pairing/<request_id>")
def pairing_status(request_id: str):
    desk = _desk()
    asked = desk.get(request_id)
    if asked is None:
        abort(404, _("This pairing request is unknown or expired; ask to pair again."))
    origin = request.headers.get("Origin")
    if origin and origin != asked.origin:
        abort(403, _("This pairing request was made by another extension."))
    asked = desk.collect(request_id) or asked
    reply: dict[str, Any] = {"status": asked.status}
    if asked.status == "approved":
        reply["token"] = asked.token
    return jsonify(reply)


def _desk() -> Desk:
    return current_app.extensions["hallway_pairing"]


def _text(body: dict[str, Any], key: str, limit: int) -> str:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        abort(422, _("'%(key)s' must be a string.", key=key))
    return " ".join((value or "").split())[:limit]
