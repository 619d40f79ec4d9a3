"""LinkedIn's Connections.csv, uploaded as JSON (writes must be application/json)."""

from dataclasses import asdict

from flask import abort, current_app, jsonify, request

from companion.api import bp
from companion.clock import now
from companion.i18n import _
from companion.store.linkedin import (
    NotConnections,
    import_connections,
    read_connections,
    resolve_pending,
)


@bp.post("/linkedin/connections")
def upload_connections():
    body = request.get_json(silent=True)
    text = body.get("csv") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        abort(422, _('Send the file\'s text as {"csv": "..."}.'))
    try:
        connections = read_connections(text)
    except NotConnections as problem:
        abort(422, str(problem))
    with current_app.extensions["hallway_store"].transaction() as db:
        result = import_connections(db, connections, now())
    return jsonify(asdict(result))


@bp.post("/linkedin/pending/<int:pending_id>")
def choose_person(pending_id: int):
    """The user says which of the same-name people a connection is."""
    body = request.get_json(silent=True)
    person_id = body.get("person_id") if isinstance(body, dict) else None
    if not isinstance(person_id, int):
        abort(422, _('Send the chosen person as {"person_id": <id>}.'))
    with current_app.extensions["hallway_store"].transaction() as db:
        try:
            resolve_pending(db, pending_id, person_id, now())
        except NotConnections as problem:
            abort(404, str(problem))
    return jsonify(pending_id=pending_id, person_id=person_id)
