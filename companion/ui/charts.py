"""The progress page's charts, drawn on the server to SVG with pygal.

Each chart is its own small SVG document, shown with <img>, so the pages keep their strict
policy. pygal still writes its settings into a <script>, but nothing runs it: <img> runs no
script, and the chart is served with a policy that allows its inline styles and nothing else
(headers.py). No web fonts, no tooltips' JavaScript. The numbers are always also in a table
under the chart, for screen readers and for copying.
"""

from __future__ import annotations

from typing import Any

import pygal
from pygal.style import Style

from companion import i18n
from companion.i18n import _

_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#333",
    foreground_strong="#111",
    foreground_subtle="#999",
    colors=("#0b6e4f", "#e0a100", "#6b7280", "#2563eb"),
    font_family="system-ui, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
)


def _config(**more: Any) -> dict[str, Any]:
    # No tooltips' JavaScript, no web fonts: the SVG is a picture and nothing more.
    return {"style": _STYLE, "js": [], "width": 720, "height": 300, "legend_at_bottom": True,
            "show_y_guides": True, "print_values": False, "disable_xml_declaration": False,
            **more}  # fmt: skip


def weekly(weeks: list[dict[str, Any]]) -> bytes:
    chart = pygal.StackedBar(**_config(x_label_rotation=45, title=_("Touches per week")))
    chart.x_labels = [f"{i18n.day_of_month(w['week'])}{' *' if w['event'] else ''}" for w in weeks]
    chart.add(_("Peers"), [w["peer"] for w in weeks])
    chart.add(_("Leaders"), [w["leader"] for w in weeks])
    return chart.render()


def leaders(share: dict[str, Any]) -> bytes:
    chart = pygal.HorizontalBar(**_config(range=(0, 100), title=_("Leaders, % (90 days)")))
    chart.add(_("Your touches with leaders"), _percent(share["touch_share"]))
    chart.add(_("Leaders in your rooms"), _percent(share["room_share"]))
    chart.add(_("The method's aim"), _percent(share["target"]))
    return chart.render()


def stages(rows: list[dict[str, Any]]) -> bytes:
    chart = pygal.Bar(**_config(title=_("People by interactions"), show_legend=False))
    chart.x_labels = [r["stage"] for r in rows]
    chart.add(_("People"), [r["people"] for r in rows])
    return chart.render()


def discipline(months: list[dict[str, Any]]) -> bytes:
    chart = pygal.Bar(**_config(range=(0, 100), title=_("On time, % per month")))
    chart.x_labels = [i18n.month(m["month"]) for m in months]
    chart.add(_("Invites within 3 days"), [_rate(m, "invites_on_time", "invites") for m in months])
    chart.add(
        _("Next touches in window"), [_rate(m, "next_on_time", "next_touches") for m in months]
    )
    return chart.render()


def groups(rows: list[dict[str, Any]]) -> bytes:
    chart = pygal.HorizontalBar(**_config(title=_("Leaders met per event"), show_legend=False))
    chart.x_labels = [r["group"] for r in rows]
    chart.add(_("Leaders per event"), [r["leaders_per_event"] for r in rows])
    return chart.render()


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100)


def _rate(month: dict[str, Any], part: str, whole: str) -> float | None:
    return round(100 * month.get(part, 0) / month[whole]) if month.get(whole) else None
