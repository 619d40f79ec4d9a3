"""The user's settings for the method: note length, invite budget, languages, time zone."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from companion import i18n
from companion.i18n import _
from companion.method.followups import DEFAULT_INVITE_BUDGET
from companion.method.notes import LINKEDIN_LIMIT, NOTE_LIMITS
from companion.method.when import local_zone
from companion.parsers.times import zone

DEFAULTS: dict[str, Any] = {
    "note_limit": LINKEDIN_LIMIT,
    "invite_budget": DEFAULT_INVITE_BUDGET,
    "page_language": "browser",  # the pages and the API's sentences: the browser's, en or zh
    "language": "pages",  # the notes and the prep: the pages' language, en or zh
    "timezone": None,  # None: the machine's own zone
    "show_photos": False,  # the review pages load photos from the platforms only when on
}
MAX_INVITE_BUDGET = 1000
PAGE_LANGUAGES = ("browser", *i18n.LANGUAGES)
NOTE_LANGUAGES = ("pages", *i18n.LANGUAGES)


class BadSettings(ValueError):
    """The message is one plain sentence for the user."""


def with_defaults(stored: dict[str, Any]) -> dict[str, Any]:
    return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}


def validated(body: Any) -> dict[str, Any]:
    """The changes in a settings update, or BadSettings saying what is wrong."""
    if not isinstance(body, dict):
        raise BadSettings(_("The settings must be a JSON object."))
    unknown = sorted(set(body) - set(DEFAULTS))
    if unknown:
        raise BadSettings(_("Unknown setting: %(names)s.", names=", ".join(unknown)))
    if "note_limit" in body and body["note_limit"] not in NOTE_LIMITS:
        raise BadSettings(_("'note_limit' must be 200 or 300 characters."))
    budget = body.get("invite_budget", 0)
    if (
        not isinstance(budget, int)
        or isinstance(budget, bool)
        or not 0 <= budget <= MAX_INVITE_BUDGET
    ):
        raise BadSettings(
            _(
                "'invite_budget' must be a whole number from 0 to %(most)s.",
                most=MAX_INVITE_BUDGET,
            )
        )
    if body.get("page_language", "browser") not in PAGE_LANGUAGES:
        raise BadSettings(
            _("'page_language' must be one of: %(names)s.", names=", ".join(PAGE_LANGUAGES))
        )
    if body.get("language", "pages") not in NOTE_LANGUAGES:
        raise BadSettings(
            _("'language' must be one of: %(names)s.", names=", ".join(NOTE_LANGUAGES))
        )
    tz = body.get("timezone")
    if tz is not None and (not isinstance(tz, str) or zone(tz) is None):
        raise BadSettings(_("'timezone' must be a zone name such as Europe/Berlin, or null."))
    if not isinstance(body.get("show_photos", False), bool):
        raise BadSettings(_("'show_photos' must be true or false."))
    return dict(body)


def page_language(settings: dict[str, Any], accept_language: str | None) -> str:
    chosen = settings.get("page_language")
    if chosen in i18n.LANGUAGES:
        return chosen
    return i18n.from_accept_language(accept_language)


def note_language(settings: dict[str, Any], asked: str | None = None) -> str:
    """The language of a note: the one asked for this note, else the setting's, else the pages'."""
    for choice in (asked, settings.get("language")):
        if choice in i18n.LANGUAGES:
            return choice
    return i18n.current()


def user_zone(settings: dict[str, Any]) -> tzinfo:
    return zone(settings.get("timezone")) or local_zone()
