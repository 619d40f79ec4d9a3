"""The words the pages show for the method's codes (an interaction's kind, a role, a class).

The store and the API keep the codes; only what a person reads is translated.
"""

from __future__ import annotations

from companion.i18n import N_, _

_KINDS = {
    "met": N_("met"),
    "talked": N_("talked"),
    "connected": N_("connected"),
    "invite_sent": N_("invite sent"),
    "message": N_("message"),
    "follow_up": N_("follow-up"),
    "helped": N_("helped"),
    "met_again": N_("met again"),
    "note": N_("note"),
    "seen_at": N_("seen at"),
}
_ROLES = {
    "host": N_("host"),
    "organizer": N_("organizer"),
    "speaker": N_("speaker"),
    "attendee": N_("attendee"),
    "participant": N_("participant"),
    "asked_question": N_("asked a question"),
}
_CLASSES = {"peer": N_("peer"), "leader": N_("leader")}


def said(words: dict[str, str], code: str) -> str:
    """The code's word in the language spoken; a code with no word, as readable as it gets."""
    return _(words[code]) if code in words else code.replace("_", " ")


def kind(code: str) -> str:
    return said(_KINDS, code)


def role(code: str) -> str:
    return said(_ROLES, code)


def roles(codes: list[str]) -> str:
    return listed([role(c) for c in codes])


def group(code: str) -> str:
    """'peer' or 'leader', as the pages say it."""
    return said(_CLASSES, code)


def job(position: str | None, company: str | None) -> str:
    """'Data engineer at Brightwater' / 'Brightwater · Data engineer'."""
    if position and company:
        return _("%(position)s at %(company)s", position=position, company=company)
    return position or company or ""


def listed(words: list[str]) -> str:
    """'host, speaker' / 'host、speaker': the separator is the catalogue's."""
    return _(", ").join(words)
