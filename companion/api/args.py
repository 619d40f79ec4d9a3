"""Reading query-string arguments: a wrong one is a 422 with a sentence, never a 500."""

from __future__ import annotations

from datetime import date

from flask import abort, request

from companion.i18n import _


def today() -> date:
    """The day to answer for: ?today=YYYY-MM-DD (scripts, tests), else the machine's date."""
    value = request.args.get("today")
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(422, _("'today' must be a date written as YYYY-MM-DD."))


def number(name: str, minimum: int = 1) -> int | None:
    value = request.args.get(name)
    if value in (None, ""):
        return None
    if not value.isdigit() or int(value) < minimum:
        abort(
            422,
            _(
                "'%(name)s' must be a whole number of at least %(minimum)s.",
                name=name,
                minimum=minimum,
            ),
        )
    return int(value)


def choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        abort(
            422,
            _(
                "'%(name)s' must be one of: %(names)s.",
                name=name,
                names=", ".join(allowed),
            ),
        )
    return value


def flag(name: str) -> bool:
    return (request.args.get(name) or "").lower() in {"1", "true", "yes"}
