"""Events: the list, one event with its attendees, its prep notes, and organizer mode."""

from flask import abort, current_app, jsonify, request

from companion import answers
from companion.api import args, bp
from companion.i18n import LANGUAGES, _
from companion.method import organizer
from companion.store import Store, tables

EVENT_LIST_FIELDS = ("id", "title", "start", "url", "group", "attendee_count")


def _store() -> Store:
    return current_app.extensions["hallway_store"]


def _event_or_404(net: answers.Network, event_id: int) -> None:
    if event_id not in net.events:
        abort(404, _("There is no event with that id."))


@bp.get("/events")
def list_events():
    with _store().reading() as net:
        return jsonify(
            events=[{k: e.get(k) for k in EVENT_LIST_FIELDS} for e in answers.newest_first(net)]
        )


@bp.get("/events/<int:event_id>")
def show_event(event_id: int):
    with _store().reading() as net:
        _event_or_404(net, event_id)
        return jsonify({**net.events[event_id], "attendees": answers.attendees(net, event_id)})


@bp.get("/events/<int:event_id>/prep")
def event_prep(event_id: int):
    language = args.choice("language", tuple(LANGUAGES))  # else the notes' setting
    with _store().reading() as net:
        _event_or_404(net, event_id)
        notes = answers.event_prep(net, event_id, language=language)
        return jsonify(event_id=event_id, prep_notes=notes)


@bp.get("/events/<int:event_id>/organizer")
def organizer_steps(event_id: int):
    """Organizer mode: per speaker, the natural steps done and the next one."""
    with _store().reading() as net:
        _event_or_404(net, event_id)
        return jsonify(event_id=event_id, speakers=answers.organizer_view(net, event_id))


@bp.post("/events/<int:event_id>/organizer")
def log_organizer_step(event_id: int):
    """Organizer mode: record one step with a speaker, as an interaction."""
    try:
        person_id, step = organizer.validated(request.get_json(silent=True), event_id)
    except organizer.BadStep as problem:
        abort(422, str(problem))
    with _store().transaction() as db:
        if not db.table("events").get(doc_id=event_id):
            abort(404, _("There is no event with that id."))
        if not db.table("people").get(doc_id=person_id):
            abort(422, _("'person_id' must be the number of a saved person."))
        stored = tables.add_interaction(db, person_id, step)
    return jsonify(stored), 201
