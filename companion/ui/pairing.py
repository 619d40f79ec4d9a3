"""The page where the user approves or denies an extension's pairing request, and sees and
revokes the extensions paired before.

Approving hands out an API token, so besides the form token every review-page form carries
(ui/csrf.py), the post must come from this very page: an extension may reach 127.0.0.1 too,
but its Origin is not ours.
"""

from __future__ import annotations

from flask import abort, current_app, render_template, request

from companion.guard import own_origin
from companion.i18n import _
from companion.pairing import clients
from companion.ui import bp, common


@bp.get("/pairing")
def pairing():
    desk = current_app.extensions["hallway_pairing"]
    paired = clients.listing(current_app.config["HALLWAY_DATA_DIR"])
    return render_template("pairing.html", requests=desk.pending(), paired=paired)


@bp.post("/pairing/<request_id>")
def decide(request_id: str):
    _from_this_page()
    approve = request.form.get("decision") == "approve"  # anything else denies
    desk = current_app.extensions["hallway_pairing"]
    if desk.decide(request_id, approve, current_app.config["HALLWAY_DATA_DIR"]) is None:
        abort(404, _("This pairing request is no longer waiting: it was decided or expired."))
    return common.done("ui.pairing", "paired" if approve else "denied")


@bp.post("/pairing/revoke/<client_id>")
def revoke(client_id: str):
    _from_this_page()
    if not clients.revoke(current_app.config["HALLWAY_DATA_DIR"], client_id):
        abort(404, _("No paired extension has that id: it was revoked already."))
    return common.done("ui.pairing", "revoked")


def _from_this_page() -> None:
    if request.headers.get("Origin") != own_origin():
        abort(
            403, _("This answer did not come from Hallway's pairing page; reload it and try again.")
        )
