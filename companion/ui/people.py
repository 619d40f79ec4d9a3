"""People: the searchable list, and one person's page with what you can do there."""

from __future__ import annotations

from typing import Any

from flask import abort, g, jsonify, render_template, request

from companion import answers
from companion.api import args
from companion.clock import now
from companion.i18n import LANGUAGES, _
from companion.method import by_hand, edits, interactions
from companion.method.classify import CLASSES
from companion.method.followups import STATUSES
from companion.store import merge, tables
from companion.store.db import raw
from companion.store.linkedin import NotConnections, resolve_pending
from companion.ui import bp, common

EVENT_CHOICES = 100
ADD_FIELDS = ("name", "event_id", "talked_about", "headline", "company", "linkedin_url")


@bp.get("/people")
def people():
    query = {
        "q": request.args.get("q", ""),
        "event": args.number("event"),
        "group": request.args.get("group") or None,
        "cls": args.choice("cls", CLASSES),
        "status": args.choice("status", STATUSES),
        "due": args.flag("due"),
        "sort": args.choice("sort", answers.SORTS) or "last_seen",
        "page": args.number("page") or 1,
    }
    with common.store().reading() as net:
        rows, total = answers.list_people(net, common.today(), **query)
        return render_template(
            "people.html",
            people=rows,
            total=total,
            query=query,
            pages=max(1, -(-total // answers.PAGE_SIZE)),
            events=_event_choices(net, query["event"]),
            groups=answers.groups(net),
            classes=CLASSES,
            statuses=STATUSES,
            sorts=answers.SORTS,
        )


def _event_choices(net: answers.Network, chosen: int | None) -> list[dict]:
    """The latest events for the filter, and the one chosen. A list of every event ever
    captured would be long to read (and to render); an older event's people are listed on
    its own page."""
    shown = answers.newest_first(net)[:EVENT_CHOICES]
    if chosen in net.events and net.events[chosen] not in shown:
        shown.append(net.events[chosen])
    return shown


@bp.get("/people/<int:person_id>")
def person(person_id: int):
    with common.store().reading() as net:
        drafted = _notes(net, person_id, "note_language")
        g.allow_photos = net.settings["show_photos"]
        return render_template(
            "person.html",
            person=answers.detail(net, person_id, common.today()),
            timeline=answers.timeline(net, person_id),
            notes=drafted,
            note_event=net.events[drafted["event_id"]] if drafted else None,
            **_same_name(net, person_id),
            events=[net.events[e] for e in net.event_ids(person_id) if e in net.events],
            kinds=[k for k in interactions.KINDS if k != "seen_at"],
            classes=CLASSES,
            statuses=STATUSES,
            settings=net.settings,
            languages=LANGUAGES,
            today=common.today().isoformat(),
        )


@bp.get("/people/<int:person_id>/notes.json")
def person_notes(person_id: int):
    """This person's notes in the language asked for: the person page switches them in place.
    Readable by this page alone (same origin), as the page itself is."""
    with common.store().reading() as net:
        drafted = _notes(net, person_id, "language")
    if drafted is None:
        abort(422, _("Notes need an event: this person was not seen at any event yet."))
    return jsonify(drafted)


def _notes(net: answers.Network, person_id: int, language_argument: str) -> dict | None:
    """Their notes for ?event= (else their latest event), in the language the named argument
    asks for (else the setting's); 404 for a person or event that is not there."""
    event_id = args.number("event")
    language = args.choice(language_argument, tuple(LANGUAGES))
    common.person_or_404(net, person_id)
    if event_id is not None:
        common.event_or_404(net, event_id)
    return answers.person_notes(net, person_id, event_id, language)


def _same_name(net: answers.Network, person_id: int) -> dict[str, list[dict]]:
    """What waits for the user's word: records that may be this person too, and same-name
    LinkedIn connections that may be theirs."""
    pairs = [s for s in merge.suggestions(net.db) if person_id in s["people"]]
    pending = [
        {"id": int(i), **p["connection"]}
        for i, p in raw(net.db, "linkedin_pending").items()
        if person_id in p["candidates"]
    ]
    return {
        "duplicates": [
            {"other": {"id": other, **net.people[other]}, "reason": s["reason"]}
            for s in pairs
            for other in s["people"]
            if other != person_id and other in net.people
        ],
        "linkedin": pending,
    }


@bp.post("/people/add")
def add_person():
    """The add form of the people page or an event's page; first "Is this the same person?"
    when someone with that name is already saved."""
    form = request.form
    values = {f: form.get(f, "") for f in ADD_FIELDS}
    body: dict[str, Any] = {f: v for f, v in values.items() if v}
    body["same_as"] = form.get("same_as") or None
    for number in ("event_id", "same_as"):
        if body.get(number) and body[number].isdigit():
            body[number] = int(body[number])
    body["new"] = form.get("new") == "1"
    try:
        new = by_hand.validated(body)
        with common.store().transaction() as db:
            added = answers.add_by_hand(db, new, common.today())
    except by_hand.BadPerson as problem:
        abort(422, str(problem))
    if isinstance(added, int):
        return common.done("ui.person", "added", person_id=added)
    with common.store().reading() as net:
        candidates = [answers.with_events(net, pid) for pid in added]
        return render_template("same_person.html", new=new, values=values, candidates=candidates)


@bp.post("/people/<int:person_id>")
def edit_person(person_id: int):
    form = request.form
    changes = {
        "status": form.get("status"),
        "notes": form.get("notes", ""),
        "class_override": form.get("class_override") or None,
        "follow_up_on": form.get("follow_up_on") or None,
    }
    try:
        checked = edits.validated(changes)
    except edits.BadEdit as problem:
        abort(422, str(problem))
    with common.store().transaction() as db:
        if tables.update_person(db, person_id, checked) is None:
            abort(404, _("There is no person with that id."))
    return common.done("ui.person", "edited", "about", person_id=person_id)


@bp.post("/people/<int:person_id>/interactions")
def log_interaction(person_id: int):
    form = request.form
    event = form.get("event_id", "")
    body = {
        "kind": form.get("kind"),
        "date": form.get("date"),
        "event_id": int(event) if event.isdigit() else None,
        "note": form.get("note", ""),
    }
    try:
        fields = interactions.validated(body)
    except interactions.BadInteraction as problem:
        abort(422, str(problem))
    with common.store().transaction() as db:
        if db.table("people").get(doc_id=person_id) is None:
            abort(404, _("There is no person with that id."))
        answers.log_interaction(db, person_id, fields)
    return common.done("ui.person", "logged", "timeline", person_id=person_id)


@bp.post("/people/<int:person_id>/merge")
def merge_person(person_id: int):
    other = common.form_int("other", _("the record to merge"))
    with common.store().transaction() as db:
        try:
            merge.merge(db, person_id, other, now())
        except merge.MergeError as problem:
            abort(404 if isinstance(problem, merge.NotFound) else 409, str(problem))
    return common.done("ui.person", "merged", person_id=person_id)


@bp.post("/people/<int:person_id>/not-duplicate")
def not_duplicate(person_id: int):
    other = common.form_int("other", _("the other record"))
    with common.store().transaction() as db:
        merge.dismiss(db, person_id, other)
    return common.done("ui.person", "dismissed", person_id=person_id)


@bp.post("/people/<int:person_id>/linkedin/<int:pending_id>")
def choose_linkedin(person_id: int, pending_id: int):
    """The user says this person is the one a same-name LinkedIn connection means."""
    with common.store().transaction() as db:
        try:
            resolve_pending(db, pending_id, person_id, now())
        except NotConnections as problem:
            abort(404, str(problem))
    return common.done("ui.person", "linkedin", person_id=person_id)
