"""What is due: invites to send and next touches, oldest first."""

from __future__ import annotations

from flask import current_app, jsonify

from companion import networking
from companion.api import args, bp


@bp.get("/followups")
def due_followups():
    today = args.today()
    with current_app.extensions["hallway_store"].reading() as db:
        net = networking.Network.load(db)
    return jsonify(networking.due_followups(net, today))
