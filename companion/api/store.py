from flask import current_app, jsonify

from companion.api import bp
from companion.i18n import _
from companion.store import schema


@bp.get("/store")
def store_status():
    """Where the database is, its backups, and whether it had to be opened from one."""
    store = current_app.extensions["hallway_store"]
    recovered = store.recovered_from.name if store.recovered_from else None
    warning = (
        _(
            "The database file was damaged; Hallway opened its backup %(backup)s. "
            "Check that your latest captures are there.",
            backup=recovered,
        )
        if recovered
        else None
    )
    return jsonify(
        path=str(store.path),
        schema=schema.SCHEMA_VERSION,
        backups=[p.name for p in store.backups()],
        recovered_from=recovered,
        warning=warning,
    )
