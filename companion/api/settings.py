"""The method's settings: note length, invite budget, language, time zone."""

from __future__ import annotations

from flask import abort, current_app, jsonify, request

from companion.api import bp
from companion.method import settings
from companion.store import tables


@bp.get("/settings")
def show_settings():
    with current_app.extensions["hallway_store"].reading() as net:
        return jsonify(net.settings)


@bp.post("/settings")
def change_settings():
    try:
        changes = settings.validated(request.get_json(silent=True))
    except settings.BadSettings as problem:
        abort(422, str(problem))
    with current_app.extensions["hallway_store"].transaction() as db:
        stored = tables.save_settings(db, changes)
    return jsonify(settings.with_defaults(stored))
