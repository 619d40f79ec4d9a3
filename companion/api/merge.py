"""Likely duplicates, and merging or un-merging two records of one person."""

from typing import Any

from flask import abort, current_app, jsonify, request

from companion import answers
from companion.api import bp
from companion.clock import now
from companion.i18n import _
from companion.store import tables
from companion.store.db import raw
from companion.store.merge import MergeError, NotFound, dismiss, merge, suggestions, unmerge


@bp.get("/people/suggestions")
def list_suggestions():
    with current_app.extensions["hallway_store"].reading() as net:
        duplicates = [
            {**s, "people": [answers.brief(net, pid) for pid in s["people"]]}
            for s in suggestions(net.db)
        ]
        linkedin = [
            {"id": int(i), **p, "candidates": [answers.brief(net, pid) for pid in p["candidates"]]}
            for i, p in raw(net.db, "linkedin_pending").items()
        ]
        return jsonify(duplicates=duplicates, linkedin=linkedin)


@bp.post("/people/merge")
def merge_people():
    keep, other = _ints("keep", "merge")
    with current_app.extensions["hallway_store"].transaction() as db:
        merge_id = _or_404(lambda: merge(db, keep, other, now()))
        person = tables.person(db, keep)
    return jsonify(merge_id=merge_id, person=person)


@bp.post("/people/unmerge")
def unmerge_people():
    (merge_id,) = _ints("merge_id")
    with current_app.extensions["hallway_store"].transaction() as db:
        kept, restored = _or_404(lambda: unmerge(db, merge_id, now()))
        people = [tables.person(db, kept), tables.person(db, restored)]
    return jsonify(people=people)


@bp.post("/people/not-duplicates")
def not_duplicates():
    a, b = _ints("person", "other")
    with current_app.extensions["hallway_store"].transaction() as db:
        dismiss(db, a, b)
    return jsonify(people=sorted((a, b)))


def _ints(*names: str) -> list[int]:
    body = request.get_json(silent=True)
    values = [body.get(n) if isinstance(body, dict) else None for n in names]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        quoted = [f"'{n}'" for n in names]
        abort(422, _("Send %(names)s as person or merge ids.", names=_(" and ").join(quoted)))
    return values  # type: ignore[return-value]


def _or_404(action: Any) -> Any:
    try:
        return action()
    except NotFound as problem:
        abort(404, str(problem))
    except MergeError as problem:
        abort(409, str(problem))
