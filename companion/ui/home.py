"""The front page: what is due, the events around today, this month's invites, counts."""

from flask import render_template

from companion import networking
from companion.ui import bp, common

DUE_SHOWN = 20  # the oldest first; the rest are one click away on the people page


@bp.get("/")
def home():
    net, today = common.network(), common.today()
    return render_template(
        "home.html",
        followups=networking.due_followups(net, today, limit=DUE_SHOWN),
        events=networking.events_around(net, today),
        recent=networking.recent_activity(net),
        counts=networking.counts(net),
    )
