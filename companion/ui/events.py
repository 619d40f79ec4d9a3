"""Events: the list, and one event's prep notes, room, and what you did there."""

from __future__ import annotations

from flask import abort, render_template, request

from companion import answers
from companion.i18n import _
from companion.method.interactions import NOTE_MAX
from companion.store.db import current_network
from companion.ui import bp, common


@bp.get("/events")
def events():
    with common.store().reading() as net:
        going = {e: len(net.attendees(e)) for e in net.events}
        return render_template("events.html", events=answers.newest_first(net), going=going)


@bp.get("/events/<int:event_id>")
def event(event_id: int):
    with common.store().reading() as net:
        common.event_or_404(net, event_id)
        return render_template(
            "event.html",
            event=net.events[event_id],
            prep=answers.event_prep(net, event_id),
            room=answers.event_room(net, event_id),
            note_max=NOTE_MAX,
        )


@bp.post("/events/<int:event_id>/talked")
def talked(event_id: int):
    chosen = [int(v) for v in request.form.getlist("person") if v.isdigit()]
    if not chosen:
        abort(422, _("Tick at least one person you talked to."))
    with common.store().transaction() as db:
        net = current_network(db)  # in the transaction: two tabs never tick twice
        common.event_or_404(net, event_id)
        on = answers.event_day(net, event_id, common.today())
        answers.record_talked(db, net, event_id, chosen, on)
    return common.done("ui.event", "talked", "room", event_id=event_id)


@bp.post("/events/<int:event_id>/question")
def question(event_id: int):
    person_id = common.form_int("person", _("who asked the question"))
    text = request.form.get("question", "").strip()
    if not text or len(text) > NOTE_MAX:
        abort(422, _("Write the question, in at most %(note_max)s characters.", note_max=NOTE_MAX))
    with common.store().transaction() as db:
        net = current_network(db)
        common.event_or_404(net, event_id)
        if person_id not in net.attendees(event_id):
            abort(422, _("Choose someone who was at this event."))
        on = answers.event_day(net, event_id, common.today())
        answers.record_question(db, event_id, person_id, text, on)
    return common.done("ui.event", "question", "room", event_id=event_id)
