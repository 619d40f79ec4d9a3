from flask import Response, abort, current_app, request

from companion.api import bp
from companion.i18n import _
from companion.store.export import FORMATS, render


@bp.get("/export")
def export():
    fmt = request.args.get("format", "json")
    if fmt not in FORMATS:
        abort(400, _("The format must be json, csv or vcard."))
    with current_app.extensions["hallway_store"].reading() as net:
        body = render(net.db, fmt)
    media_type, extension = FORMATS[fmt]
    disposition = f'attachment; filename="hallway-export.{extension}"'
    return Response(body, content_type=media_type, headers={"Content-Disposition": disposition})
