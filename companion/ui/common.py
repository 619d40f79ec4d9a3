"""What every page view needs: the store, the network read inside it, the day, replies."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, redirect, request, url_for
from werkzeug.wrappers import Response

from companion.api import args
from companion.i18n import N_, _
from companion.method.when import describe
from companion.store import Store
from companion.store.network import Network
from companion.ui import bp

# What a page says after a form did its work (a code in the address, never free text).
DONE = {
    "logged": N_("The interaction is saved."),
    "added": N_("They are saved, with what you talked about: their note is below."),
    "edited": N_("Your changes are saved."),
    "merged": N_("The two records are now one person."),
    "dismissed": N_("They are kept as two people."),
    "talked": N_("Whom you talked to is saved."),
    "question": N_("The question is saved; the connection note now cites it."),
    "settings": N_("The settings are saved."),
    "linkedin": N_("The LinkedIn connection is now on this person."),
    "paired": N_("Approved: the extension is paired, and its options say “Connected to Hallway”."),
    "denied": N_("Denied: that extension was not paired."),
    "revoked": N_("Revoked: that extension can no longer reach Hallway until it pairs again."),
}


def store() -> Store:
    return current_app.extensions["hallway_store"]


def today() -> date:
    """The day pages answer for: ?today=YYYY-MM-DD when given (tests), else the machine's."""
    return args.today()


def kept() -> dict[str, str]:
    """The query arguments every link and form keeps: a fixed ?today= (tests, scripts)."""
    return {"today": request.args["today"]} if request.args.get("today") else {}


def done(endpoint: str, code: str, anchor: str | None = None, **values: Any) -> Response:
    """After a form: back to a page that says what happened (post, redirect, get)."""
    url = url_for(endpoint, done=code, **values, **kept())
    return redirect(f"{url}#{anchor}" if anchor else url, code=303)


def form_int(name: str, what: str) -> int:
    value = request.form.get(name, "")
    if not value.isdigit():
        abort(422, _("Choose %(what)s.", what=what))
    return int(value)


def person_or_404(net: Network, person_id: int) -> None:
    if person_id not in net.people:
        abort(404, _("There is no person with that id."))


def event_or_404(net: Network, event_id: int) -> None:
    if event_id not in net.events:
        abort(404, _("There is no event with that id."))


def web_link(url: str | None) -> str | None:
    """A captured link is shown as a link only when it is http(s): never javascript: or data:."""
    if isinstance(url, str) and urlsplit(url.strip()).scheme.lower() in {"http", "https"}:
        return url.strip()
    return None


@bp.app_context_processor
def _in_templates() -> dict[str, Any]:
    return {
        "describe": describe,
        "web_link": web_link,
        "kept": kept,
        "done_message": _(DONE[code]) if (code := request.args.get("done", "")) in DONE else None,
        "recovered_from": store().recovered_from,
    }
