from flask import abort, current_app, jsonify, request

from companion import networking
from companion.api import bp
from companion.method import organizer
from companion.store import network

EVENT_LIST_FIELDS = ("id", "title", "start", "url", "group", "attendee_count")


@bp.get("/events")
def list_events():
    with current_app.extensions["hallway_store"].reading() as db:
        events = network.events(db)
    return jsonify(events=[{k: e.get(k) for k in EVENT_LIST_FIELDS} for e in events])


@bp.get("/events/<int:event_id>")
def show_event(event_id: int):
    with current_app.extensions["hallway_store"].reading() as db:
        event = network.event(db, event_id)
        if event is None:
            abort(404, "There is no event with that id.")
        event["attendees"] = network.attendees(db, event_id)
    return jsonify(event)


@bp.get("/events/<int:event_id>/prep")
def event_prep(event_id: int):
    net = _network_with(event_id)
    return jsonify(event_id=event_id, prep_notes=networking.event_prep(net, event_id))


@bp.get("/events/<int:event_id>/organizer")
def organizer_steps(event_id: int):
    """Organizer mode: per speaker, the natural steps done and the next one."""
    net = _network_with(event_id)
    return jsonify(event_id=event_id, speakers=networking.organizer_view(net, event_id))


@bp.post("/events/<int:event_id>/organizer")
def log_organizer_step(event_id: int):
    """Organizer mode: record one step with a speaker, as an interaction."""
    try:
        person_id, step = organizer.validated(request.get_json(silent=True), event_id)
    except organizer.BadStep as problem:
        abort(422, str(problem))
    with current_app.extensions["hallway_store"].transaction() as db:
        if not db.table("events").get(doc_id=event_id):
            abort(404, "There is no event with that id.")
        if not db.table("people").get(doc_id=person_id):
            abort(422, "'person_id' must be the number of a saved person.")
        stored = network.add_interaction(db, person_id, step)
    return jsonify(stored), 201


def _network_with(event_id: int) -> networking.Network:
    with current_app.extensions["hallway_store"].reading() as db:
        net = networking.Network.load(db)
    if event_id not in net.events:
        abort(404, "There is no event with that id.")
    return net
