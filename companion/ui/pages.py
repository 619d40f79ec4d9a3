from flask import current_app, render_template

from companion.method.when import describe
from companion.store import queries
from companion.ui import bp


@bp.get("/")
def home():
    with current_app.extensions["hallway_store"].reading() as db:
        events = queries.events(db)
    return render_template("home.html", events=events, describe=describe)
