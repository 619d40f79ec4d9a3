from flask import abort, current_app, jsonify

from companion.api import bp
from companion.store import queries

EVENT_LIST_FIELDS = ("id", "title", "start", "url", "group", "attendee_count")


@bp.get("/events")
def list_events():
    with current_app.extensions["hallway_store"].reading() as db:
        events = queries.events(db)
    return jsonify(events=[{k: e.get(k) for k in EVENT_LIST_FIELDS} for e in events])


@bp.get("/events/<int:event_id>")
def show_event(event_id: int):
    with current_app.extensions["hallway_store"].reading() as db:
        event = queries.event(db, event_id)
        if event is None:
            abort(404, "There is no event with that id.")
        event["attendees"] = queries.attendees(db, event_id)
    return jsonify(event)
