"""The page where the user approves or denies an extension's pairing request.

Approving hands out an API token, so besides the form token every review-page form carries
(ui/csrf.py), the post must come from this very page: an extension may reach 127.0.0.1 too,
but its Origin is not ours.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for

from companion.guard import own_origin
from companion.ui import bp


@bp.get("/pairing")
def pairing():
    desk = current_app.extensions["hallway_pairing"]
    return render_template("pairing.html", requests=desk.pending())


@bp.post("/pairing/<request_id>")
def decide(request_id: str):
    if request.headers.get("Origin") != own_origin():
        abort(403, "This answer did not come from Hallway's pairing page; reload it and try again.")
    approve = request.form.get("decision") == "approve"  # anything else denies
    desk = current_app.extensions["hallway_pairing"]
    if desk.decide(request_id, approve, current_app.config["HALLWAY_DATA_DIR"]) is None:
        abort(404, "This pairing request is no longer waiting: it was decided or expired.")
    return redirect(url_for("ui.pairing"), 303)
