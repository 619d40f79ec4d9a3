"""Someone you met who is on no captured list, as the user types them in: checked, with one
plain sentence when something is wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from companion.i18n import _
from companion.method.interactions import NOTE_MAX

NAME_MAX, HEADLINE_MAX, COMPANY_MAX, URL_MAX = 200, 300, 200, 500
# A LinkedIn profile as the browser shows it: linkedin.com/in/<name>, any country subdomain.
_PROFILE = re.compile(
    r"https?://([a-z]{2,3}\.)?(www\.)?linkedin\.com/in/[^/?#\s]+/?([?#]\S*)?", re.I
)


class BadPerson(ValueError):
    """The message is one plain sentence for the user."""


@dataclass(frozen=True)
class NewPerson:
    name: str
    event_id: int | None = None
    talked_about: str = ""
    headline: str | None = None
    company: str | None = None
    linkedin_url: str | None = None  # stored as typed; never opened
    # The answer to "Is this the same person?": the id of the one it is, or a new record.
    same_as: int | None = None
    new: bool = False


def validated(body: Any) -> NewPerson:
    if not isinstance(body, dict):
        raise BadPerson(_("Send the person as a JSON object with at least a 'name'."))
    name = _text(body, "name", NAME_MAX)
    if not name:
        raise BadPerson(_("Write the person's name."))
    url = _text(body, "linkedin_url", URL_MAX)
    if url and not _PROFILE.fullmatch(url):
        raise BadPerson(
            _(
                "'linkedin_url' must be a LinkedIn profile address, such as "
                "https://www.linkedin.com/in/their-name/."
            )
        )
    return NewPerson(
        name=name,
        event_id=_number(body, "event_id"),
        talked_about=_text(body, "talked_about", NOTE_MAX) or "",
        headline=_text(body, "headline", HEADLINE_MAX),
        company=_text(body, "company", COMPANY_MAX),
        linkedin_url=url,
        same_as=_number(body, "same_as"),
        new=body.get("new") is True,
    )


def _text(body: dict[str, Any], key: str, limit: int) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadPerson(_("'%(key)s' must be text.", key=key))
    if len(value.strip()) > limit:
        raise BadPerson(_("'%(key)s' must be at most %(limit)s characters.", key=key, limit=limit))
    return value.strip() or None


def _number(body: dict[str, Any], key: str) -> int | None:
    value = body.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise BadPerson(_("'%(key)s' must be a number, or null.", key=key))
    return value
