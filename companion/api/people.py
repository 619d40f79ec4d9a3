"""People: the list with filters, one person's timeline, logging touches, editing, notes."""

from __future__ import annotations

from flask import abort, current_app, jsonify, request

from companion import answers
from companion.api import args, bp
from companion.i18n import LANGUAGES, N_, _
from companion.method import by_hand, edits, interactions
from companion.method.classify import CLASSES
from companion.method.followups import STATUSES
from companion.store import Store, tables

SAME_NAME = N_(
    "Someone with this name is already saved: is it the same person? Send 'same_as' with "
    "their id, or 'new': true to save a new person."
)


def _store() -> Store:
    return current_app.extensions["hallway_store"]


def _person_or_404(net: answers.Network, person_id: int) -> None:
    if person_id not in net.people:
        abort(404, _("There is no person with that id."))


@bp.get("/people")
def list_people():
    query = {
        "q": request.args.get("q", ""),
        "event": args.number("event"),
        "cls": args.choice("cls", CLASSES),
        "status": args.choice("status", STATUSES),
        "due": args.flag("due"),
        "sort": args.choice("sort", answers.SORTS) or "last_seen",
        "page": args.number("page") or 1,
    }
    today = args.today()
    with _store().reading() as net:
        rows, total = answers.list_people(net, today, **query)
        return jsonify(people=rows, total=total)


@bp.post("/people")
def add_person():
    """Someone you met who is on no captured list: 201 with them and their notes; or, when
    people of that name are saved, 200 asking first (`candidates`), with nothing stored."""
    today = args.today()
    try:
        new = by_hand.validated(request.get_json(silent=True))
        with _store().transaction() as db:
            added = answers.add_by_hand(db, new, today)
    except by_hand.BadPerson as problem:
        abort(422, str(problem))
    with _store().reading() as net:
        if isinstance(added, list):
            offered = [answers.with_events(net, pid) for pid in added]
            return jsonify(person=None, question=_(SAME_NAME), candidates=offered)
        notes = answers.person_notes(net, added, new.event_id)
        return jsonify(person=answers.detail(net, added, today), notes=notes), 201


@bp.get("/people/<int:person_id>")
def show_person(person_id: int):
    with _store().reading() as net:
        _person_or_404(net, person_id)
        return jsonify(answers.detail(net, person_id, args.today()))


@bp.post("/people/<int:person_id>")
def edit_person(person_id: int):
    try:
        changes = edits.validated(request.get_json(silent=True))
    except edits.BadEdit as problem:
        abort(422, str(problem))
    with _store().transaction() as db:
        if tables.update_person(db, person_id, changes) is None:
            abort(404, _("There is no person with that id."))
    return show_person(person_id)


@bp.get("/people/<int:person_id>/interactions")
def list_interactions(person_id: int):
    with _store().reading() as net:
        _person_or_404(net, person_id)
        logged = net.touches_of(person_id)
        return jsonify(interactions=logged, progress=interactions.progress(logged))


@bp.post("/people/<int:person_id>/interactions")
def log_interaction(person_id: int):
    try:
        fields = interactions.validated(request.get_json(silent=True))
    except interactions.BadInteraction as problem:
        abort(422, str(problem))
    with _store().transaction() as db:
        if db.table("people").get(doc_id=person_id) is None:
            abort(404, _("There is no person with that id."))
        if fields["event_id"] is not None and not db.table("events").get(doc_id=fields["event_id"]):
            abort(422, _("There is no event with that 'event_id'."))
        stored = answers.log_interaction(db, person_id, fields)
    return jsonify(stored), 201


@bp.get("/people/<int:person_id>/notes")
def person_notes(person_id: int):
    event_id = args.number("event")
    language = args.choice("language", tuple(LANGUAGES))  # this note's, else the setting's
    with _store().reading() as net:
        _person_or_404(net, person_id)
        if event_id is not None and event_id not in net.events:
            abort(404, _("There is no event with that id."))
        drafted = answers.person_notes(net, person_id, event_id, language)
        if drafted is None:
            abort(422, _("This person is not linked to any event yet: pass ?event=<id>."))
        return jsonify(drafted)
