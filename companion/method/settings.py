"""The user's settings for the method: note length, invite budget, language, time zone."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from companion.method.followups import DEFAULT_INVITE_BUDGET
from companion.method.notes import LANGUAGES, LINKEDIN_LIMIT, NOTE_LIMITS
from companion.method.when import local_zone
from companion.parsers.times import zone

DEFAULTS: dict[str, Any] = {
    "note_limit": LINKEDIN_LIMIT,
    "invite_budget": DEFAULT_INVITE_BUDGET,
    "language": "en",
    "timezone": None,  # None: the machine's own zone
    "show_photos": False,  # the review pages load photos from the platforms only when on
}
MAX_INVITE_BUDGET = 1000


class BadSettings(ValueError):
    """The message is one plain sentence for the user."""


def with_defaults(stored: dict[str, Any]) -> dict[str, Any]:
    return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}


def validated(body: Any) -> dict[str, Any]:
    """The changes in a settings update, or BadSettings saying what is wrong."""
    if not isinstance(body, dict):
        raise BadSettings("The settings must be a JSON object.")
    unknown = sorted(set(body) - set(DEFAULTS))
    if unknown:
        raise BadSettings(f"Unknown setting: {', '.join(unknown)}.")
    if "note_limit" in body and body["note_limit"] not in NOTE_LIMITS:
        raise BadSettings("'note_limit' must be 200 or 300 characters.")
    budget = body.get("invite_budget", 0)
    if (
        not isinstance(budget, int)
        or isinstance(budget, bool)
        or not 0 <= budget <= MAX_INVITE_BUDGET
    ):
        raise BadSettings(f"'invite_budget' must be a whole number from 0 to {MAX_INVITE_BUDGET}.")
    if "language" in body and body["language"] not in LANGUAGES:
        raise BadSettings(f"'language' must be one of: {', '.join(LANGUAGES)}.")
    tz = body.get("timezone")
    if tz is not None and (not isinstance(tz, str) or zone(tz) is None):
        raise BadSettings("'timezone' must be a zone name such as Europe/Berlin, or null.")
    if not isinstance(body.get("show_photos", False), bool):
        raise BadSettings("'show_photos' must be true or false.")
    return dict(body)


def user_zone(settings: dict[str, Any]) -> tzinfo:
    return zone(settings.get("timezone")) or local_zone()
