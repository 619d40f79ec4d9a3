"""The review pages the companion serves to the user's own browser."""

from flask import Blueprint

bp = Blueprint(
    "ui", __name__, template_folder="templates", static_folder="static", static_url_path="/static"
)

from companion.ui import (  # noqa: E402, F401  (routes register on import)
    csrf,
    events,
    headers,
    home,
    people,
    settings,
)
