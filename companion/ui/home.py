"""The front page: what is due, the events around today, this month's invites, counts."""

from flask import render_template

from companion import networking
from companion.ui import bp, common


@bp.get("/")
def home():
    net, today = common.network(), common.today()
    return render_template(
        "home.html",
        followups=networking.due_followups(net, today),
        events=networking.events_around(net, today),
        recent=networking.recent_activity(net),
        counts=networking.counts(net),
    )
