"""What is due: invites to send and next touches, oldest first."""

from __future__ import annotations

from flask import current_app, jsonify

from companion import answers
from companion.api import args, bp


@bp.get("/followups")
def due_followups():
    today = args.today()
    with current_app.extensions["hallway_store"].reading() as net:
        return jsonify(answers.due_followups(net, today))
