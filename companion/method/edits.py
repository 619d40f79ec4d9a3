"""What the user may change on a person, checked: one plain sentence when it is wrong."""

from __future__ import annotations

from typing import Any

from companion.i18n import _
from companion.method.classify import CLASSES
from companion.method.followups import STATUSES
from companion.method.interactions import iso_date

NOTES_MAX = 10_000


class BadEdit(ValueError):
    """The message is one plain sentence for the user."""


def validated(body: Any) -> dict[str, Any]:
    """The changes to store; `class_override` and `follow_up_on` are cleared with null."""
    if not isinstance(body, dict) or not body:
        raise BadEdit(_("Send a JSON object with status, notes, class_override or follow_up_on."))
    unknown = sorted(set(body) - {"status", "notes", "class_override", "follow_up_on"})
    if unknown:
        raise BadEdit(
            _(
                "These fields cannot be changed here: %(names)s.",
                names=", ".join(unknown),
            )
        )
    if "status" in body and body["status"] not in STATUSES:
        raise BadEdit(_("'status' must be one of: %(names)s.", names=", ".join(STATUSES)))
    if "notes" in body and (not isinstance(body["notes"], str) or len(body["notes"]) > NOTES_MAX):
        raise BadEdit(
            _("'notes' must be text of at most %(notes_max)s characters.", notes_max=NOTES_MAX)
        )
    if body.get("class_override") not in (*CLASSES, None):
        raise BadEdit(_("'class_override' must be peer, leader or null."))
    agreed = body.get("follow_up_on")
    if agreed is not None and (not isinstance(agreed, str) or iso_date(agreed) is None):
        raise BadEdit(_("'follow_up_on' must be a date written as YYYY-MM-DD, or null."))
    changes = dict(body)
    if agreed is not None:
        changes["follow_up_on"] = iso_date(agreed)
    return changes
