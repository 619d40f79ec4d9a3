"""The review pages the companion serves to the user's own browser."""

from flask import Blueprint

from companion.method.notes import note_length

# /assets, not /static: the app's own /static route would answer first (and 404).
bp = Blueprint(
    "ui", __name__, template_folder="templates", static_folder="static", static_url_path="/assets"
)

# A note's count on the page is the one LinkedIn makes, as in the popup.
bp.add_app_template_filter(note_length, "note_length")

from companion.ui import (  # noqa: E402, F401  (routes register on import)
    csrf,
    events,
    headers,
    home,
    pairing,
    people,
    progress,
    settings,
    wording,
)
