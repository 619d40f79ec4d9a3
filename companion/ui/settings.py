"""Settings: the method's settings, export downloads, LinkedIn's Connections.csv, pairing."""

from __future__ import annotations

from dataclasses import asdict

from flask import Response, abort, render_template, request

from companion import calendar_feed
from companion.clock import now
from companion.i18n import LANGUAGES, _
from companion.method import settings as method_settings
from companion.method.notes import NOTE_LIMITS
from companion.store import tables
from companion.store.export import FORMATS, render
from companion.store.linkedin import NotConnections, import_connections, read_connections
from companion.ui import bp, common

# The file ending in the download's address -> the export format.
DOWNLOADS = {extension: fmt for fmt, (_, extension) in FORMATS.items()}


def _page(imported: dict | None = None) -> str:
    with common.store().reading() as net:
        return render_template(
            "settings.html",
            settings=net.settings,
            limits=NOTE_LIMITS,
            languages=LANGUAGES,
            downloads=DOWNLOADS,
            imported=imported,
            store_path=common.store().path,
        )


@bp.get("/settings")
def settings():
    return _page()


@bp.post("/settings")
def save_settings():
    form = request.form
    budget = form.get("invite_budget", "")
    body = {
        "note_limit": int(form["note_limit"]) if form.get("note_limit", "").isdigit() else None,
        "invite_budget": int(budget) if budget.isdigit() else budget,
        "page_language": form.get("page_language", "browser"),
        "language": form.get("language"),
        "timezone": form.get("timezone", "").strip() or None,
        "show_photos": form.get("show_photos") == "on",
    }
    try:
        changes = method_settings.validated(body)
    except method_settings.BadSettings as problem:
        abort(422, str(problem))
    with common.store().transaction() as db:
        tables.save_settings(db, changes)
    return common.done("ui.settings", "settings")


@bp.get("/export.<extension>")
def download(extension: str):
    """The export, for the local user (the API's /api/export needs the extension's token).

    Another site can start this download but cannot read it: that is the same-origin rule.
    """
    fmt = DOWNLOADS.get(extension)
    if fmt is None:
        abort(404, _("Exports are .json, .csv or .vcf files."))
    with common.store().reading() as net:
        body = render(net.db, fmt)
    disposition = f'attachment; filename="hallway-export.{extension}"'
    return Response(
        body, content_type=FORMATS[fmt][0], headers={"Content-Disposition": disposition}
    )


@bp.get("/calendar.ics")
def calendar():
    """The calendar feed, for a calendar program on this computer to subscribe to (read-only;
    the same Host rule as every page), or to download for one that cannot reach it."""
    with common.store().reading() as net:
        body = calendar_feed.feed(net, common.today())
    return Response(body, content_type="text/calendar; charset=utf-8")


@bp.post("/settings/linkedin")
def import_linkedin():
    upload = request.files.get("connections")
    if upload is None or not upload.filename:
        abort(422, _("Choose LinkedIn's Connections.csv to import."))
    try:
        connections = read_connections(upload.read().decode("utf-8-sig", errors="replace"))
    except NotConnections as problem:
        abort(422, str(problem))
    with common.store().transaction() as db:
        result = import_connections(db, connections, now())
    return _page(imported=asdict(result))
