"""The words the templates put around the method's values: labels, a next step, dates.

Each is said in the request's language (companion/i18n.py); the templates never build a
sentence from English pieces.
"""

from __future__ import annotations

from typing import Any

from companion import i18n
from companion.i18n import N_, _
from companion.method import labels
from companion.ui import bp

_SORTS = {"last_seen": N_("last seen"), "interactions": N_("interactions"), "name": N_("name")}
_STATUSES = {"none": N_("none")}


def next_step(step: dict[str, Any]) -> str:
    """'Next: send a LinkedIn invite, due on 2025-07-01.'"""
    day = i18n.short_day(step["due_on"])
    if step["kind"] == "invite":
        if step["due"]:
            return _("Next: send a LinkedIn invite, due since %(day)s.", day=day)
        return _("Next: send a LinkedIn invite, due on %(day)s.", day=day)
    if step["due"]:
        return _("Next: the next touch, due since %(day)s.", day=day)
    return _("Next: the next touch, due on %(day)s.", day=day)


def status(code: str) -> str:
    return labels.said(_STATUSES, code) if code in _STATUSES else labels.kind(code)


def sort(code: str) -> str:
    return labels.said(_SORTS, code)


# A name the companion gave itself ("Hallway extension") in the reader's language; any other
# name as it is (never formatted: it is data).
bp.add_app_template_filter(i18n.template_gettext, "translated")
bp.add_app_template_global(labels.kind, "kind_label")
bp.add_app_template_global(labels.group, "class_label")
bp.add_app_template_global(labels.roles, "roles_label")
bp.add_app_template_global(labels.listed, "listed")
bp.add_app_template_global(status, "status_label")
bp.add_app_template_global(sort, "sort_label")
bp.add_app_template_global(labels.job)
bp.add_app_template_global(next_step)
bp.add_app_template_global(i18n.short_day)
bp.add_app_template_global(i18n.month, "month_name")
