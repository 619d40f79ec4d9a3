from flask import abort, current_app, jsonify, request

from companion.api import bp
from companion.capturing import BadCapture, CaptureRequest, capture
from companion.i18n import _
from companion.parsers import NotUnderstood


@bp.post("/captures")
def create_capture():
    try:
        reply = capture(
            current_app.extensions["hallway_store"],
            CaptureRequest.from_json(request.get_json(silent=True)),
        )
    except (BadCapture, NotUnderstood) as problem:
        # The parsers run in another process: their sentence is translated here.
        abort(422, _(str(problem)))
    return jsonify(reply), 200 if reply.pop("duplicate") else 201
