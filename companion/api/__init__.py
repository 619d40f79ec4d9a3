"""JSON endpoints for the extension and for scripts (DESIGN.md section 4)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from companion.api import (  # noqa: E402, F401  (routes register on import)
    captures,
    events,
    export,
    followups,
    health,
    linkedin,
    merge,
    pairing,
    people,
    settings,
    store,
)
