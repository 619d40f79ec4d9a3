"""Languages: which one is speaking now, its gettext catalogue and its date formats.

Every sentence a user reads is written in English in the code, marked with `_()` (or `N_()`
where it is stored before it is said; the templates' plurals use ngettext), and translated
through the gettext catalogues in companion/locales (`.po` in the repository, `.mo` built on
install by setup.py). A request starts its language (start/stop, in app.py); a command or a
note says which one it speaks with `speaking(language)`; everything said inside follows, so
a third language is a new catalogue, not new code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, dates
from babel.support import Translations
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

LOCALES = Path(__file__).parent / "locales"
# Hallway's language codes, each with the name it has in itself and its catalogue's locale.
LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文"}
_LOCALE = {"en": "en", "zh": "zh_CN"}
DEFAULT = "en"

_speaking: ContextVar[str] = ContextVar("speaking", default=DEFAULT)


def N_(message: str) -> str:
    """Marks a sentence for the catalogue where it is defined; `_()` translates it where said."""
    return message


def _(message: str, **values: Any) -> str:
    text = _catalogue(_speaking.get()).gettext(message)
    return text % values if values else text


def template_gettext(message: str) -> str:
    """For Jinja's i18n extension, which fills in the values itself (escaped)."""
    return _catalogue(_speaking.get()).gettext(message)


def template_ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(_speaking.get()).ngettext(singular, plural, n)


def current() -> str:
    return _speaking.get()


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Everything said inside is in this language (a command's, a note's)."""
    token = start(language)
    try:
        yield
    finally:
        stop(token)


def start(language: str) -> Token[str]:
    """From here on, this language (a request's: stop() puts the one before back)."""
    return _speaking.set(language if language in LANGUAGES else DEFAULT)


def stop(token: Token[str]) -> None:
    _speaking.reset(token)


def from_accept_language(header: str | None) -> str:
    """The browser's first language Hallway speaks ('zh-CN,zh;q=0.9,en;q=0.8' -> 'zh')."""
    accepted = parse_accept_header(header or "", LanguageAccept)
    for tag, _quality in accepted:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def from_environment(environ: dict[str, str] | None = None) -> str:
    """The command line's language, as gettext finds it: the locale is the first of LC_ALL,
    LC_MESSAGES and LANG that is set; unless it is C, LANGUAGE may list preferences before it.
    """
    env = os.environ if environ is None else environ
    locale_name = next((env[n] for n in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(n)), "")
    if _code(locale_name) in {"", "c", "posix"}:
        return DEFAULT
    for tag in [*env.get("LANGUAGE", "").split(":"), locale_name]:
        if _code(tag) in LANGUAGES:
            return _code(tag)
    return DEFAULT


def _code(tag: str) -> str:
    """'zh_CN.UTF-8' -> 'zh'."""
    return tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def locale() -> Locale:
    return Locale.parse(_LOCALE[_speaking.get()])


def day(value: date) -> str:
    """'Thu 10 Jul 2025' / '2025年7月10日 星期四': the pattern is the catalogue's to choose."""
    return dates.format_date(value, _("EEE d MMM y"), locale=locale())


def short_day(value: date | str | None) -> str:
    """A day in a list, a table or a sentence: '2025-07-10' / '2025年7月10日'. An ISO string
    (a stored date, or a time) is read first; one that is not a date is shown as it is."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return dates.format_date(value, _("yyyy-MM-dd"), locale=locale()) if value else ""


def day_and_time(value: datetime) -> str:
    """'Thu 10 Jul 2025, 18:30' / '2025年7月10日 星期四 18:30'."""
    return _("%(day)s, %(time)s", day=day(value), time=clock(value))


def clock(value: datetime) -> str:
    return dates.format_time(value, "HH:mm", locale=locale())


def day_of_month(value: date) -> str:
    """'10 Jul' / '7月10日'."""
    return dates.format_skeleton("dMMM", value, locale=locale())


def month(value: date) -> str:
    """'July 2025' / '2025年7月'."""
    return dates.format_skeleton("yMMMM", value, locale=locale())


@cache
def _catalogue(language: str) -> Translations:
    return Translations.load(str(LOCALES), [_LOCALE[language]], domain="messages")
