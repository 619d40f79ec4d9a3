"""The front page: what is due, the events around today, this month's invites, counts."""

from flask import render_template

from companion import answers
from companion.ui import bp, common

DUE_SHOWN = 20  # the oldest first; the rest are one click away on the people page


@bp.get("/")
def home():
    today = common.today()
    with common.store().reading() as net:
        return render_template(
            "home.html",
            followups=answers.due_followups(net, today, limit=DUE_SHOWN),
            events=answers.events_around(net, today),
            recent=answers.recent_activity(net),
            counts=answers.counts(net),
        )
