"""The progress page: the method's questions answered in charts, words and tables."""

from __future__ import annotations

from flask import Response, abort, render_template

from companion import answers
from companion.i18n import _
from companion.ui import bp, charts, common

_DRAWN = {
    "weeks": lambda f: charts.weekly(f["weeks"]),
    "leaders": lambda f: charts.leaders(f["leaders"]),
    "stages": lambda f: charts.stages(f["stages"]),
    "discipline": lambda f: charts.discipline(f["discipline"]),
    "groups": lambda f: charts.groups(f["groups"]),
}


@bp.get("/progress")
def progress():
    with common.store().reading() as net:
        figures = answers.progress_of(net, common.today())
    return render_template("progress.html", f=figures, said=takeaways(figures))


@bp.get("/progress/<name>.svg")
def chart(name: str):
    if name not in _DRAWN:
        abort(404)
    with common.store().reading() as net:
        figures = answers.progress_of(net, common.today())
    return Response(_DRAWN[name](figures), mimetype="image/svg+xml")


def takeaways(f: dict) -> dict[str, str]:
    """One line per chart that says what it shows, above it."""
    weeks = f["weeks"]
    recent = sum(w["peer"] + w["leader"] for w in weeks[-4:])
    share = f["leaders"]
    if share["touch_share"] is None:
        leaders = _("No touches of your own in the last 90 days yet: log whom you talk to.")
    else:
        gap = round(100 * (share["touch_share"] - (share["room_share"] or 0)))
        leaders = _(
            "%(mine)s%% of your touches were with leaders (the method aims at 50%%); leaders "
            "were %(room)s%% of the people in your rooms, so your effort moved it by %(gap)s "
            "points.",
            mine=round(100 * share["touch_share"]),
            room=round(100 * (share["room_share"] or 0)),
            gap=f"{gap:+d}",
        )
    at_goal = next(s["people"] for s in f["stages"] if s["stage"] == "8+")
    closest = f["closest"][0] if f["closest"] else None
    months = f["discipline"]
    invites = sum(m.get("invites", 0) for m in months)
    on_time = sum(m.get("invites_on_time", 0) for m in months)
    best = f["groups"][0]["group"] if f["groups"] else None
    stages = _("%(n)s people at eight interactions or more.", n=at_goal)
    if closest:
        stages = _(
            "%(n)s people at eight interactions or more; %(name)s is next, at %(count)s.",
            n=at_goal,
            name=closest["person"]["name"],
            count=closest["touches"],
        )
    return {
        "weeks": _("%(n)s touches in the last four weeks.", n=recent),
        "leaders": leaders,
        "stages": stages,
        "discipline": _(
            "%(count)s of %(n)s invites in the last six months went out within 3 days of the "
            "event.",
            count=on_time,
            n=invites,
        )
        if invites
        else _("No invites sent in the last six months yet."),
        "groups": _("%(group)s gives you the most leaders per event.", group=best)
        if best
        else _("No groups yet."),
    }
