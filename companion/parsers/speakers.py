# ruff: noqa: RUF001, RUF003  (the labels and names are in other scripts on purpose)
"""Speakers wherever a page names them: a free-text credit, or lines of the description.

A credit is what Meetup's `speakerDetails.name` holds: "Ana Ruiz (ML engineer) & Tom Berg
(data architect), Acme Analytics" is two speakers, each with a role and the company. In a
description, a line names speakers only behind a label ("Speaker:", "Talk by", "主讲人：",
"דובר:", ...), after "fireside chat with", or as a line of its own shaped "Name, Title at
Company". Precision over recall: a wrong speaker is worse than none, so every candidate must
look like a person's name, and the rest of the line is dropped rather than guessed at.
"""

from __future__ import annotations

import re

from companion.model import Event, Person
from companion.parsers.text import clean

# Labels that introduce speakers, in the languages networkers meet; a colon may follow.
_LABELS = (
    r"speakers?|talk by|presented by|presenters?|hosted and presented by|keynote by|"
    r"referent(?:in|en|innen)?|sprecher(?:in|innen)?|vortrag von|"
    r"intervenante?s?|orateurs?|conférenci(?:er|ère)s?|présenté par|"
    r"ponentes?|oradora?(?:es)?|presentado por|palestrantes?|relatori?|relatrice|"
    r"דובר(?:ת|ים|ות)?|מרצה|מרצים"
)
_LABELLED = re.compile(
    rf"^[\s*_#>•\-–]*(?:{_LABELS})\s*[:：\-–]\s*(?P<names>.+)$|"
    rf"^[\s*_#>•\-–]*(?:talk by|presented by|keynote by|vortrag von|présenté par|presentado por)"
    rf"\s+(?P<after>.+)$",
    re.IGNORECASE,
)
# Chinese labels take a full-width or plain colon, or none before the name.
_LABELLED_ZH = re.compile(
    r"^[\s*_#>•\-–]*(?:主讲人|主讲嘉宾|分享嘉宾|嘉宾|讲者|講者|讲师|講師)\s*[:：]?\s*(?P<names>.+)$"
)
_WITH = re.compile(
    r"\b(?:fireside chat|in conversation|an evening|a conversation|AMA)\s+with\s+(?P<names>.+)$",
    re.IGNORECASE,
)
# "Ana Ruiz, Staff Engineer @ Acme" alone on a line: a title word makes it a person's credit.
_TITLE_WORDS = re.compile(
    r"\b(?:engineer|scientist|founder|co-?founder|ceo|cto|cfo|coo|vp|director|manager|lead|"
    r"head|professor|researcher|developer|architect|consultant|analyst|designer|partner|"
    r"principal|evangelist|advocate|phd|author|investor|product owner)\b",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(r"^[\s*_#>•\-–]*(?P<name>[^,@|()–—]+?)\s*[,|–—]\s*(?P<title>.+?)[\s*_]*$")
# Between people in a credit or a labelled line.
_BETWEEN = re.compile(
    r"\s*(?:&|\+|;|/|\band\b|\bund\b|\bet\b|\by\b|\be\b|、|和|与|及)\s*"
    # Hebrew joins "and" to the next name: "דנה כהן ויוסי לוי".
    r"|\s+ו(?=[\u05d0-\u05ea]+\s+[\u05d0-\u05ea])"
)
_ROLE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<role>[^()]*)\)\s*$")
_AFTER_LAST_ROLE = re.compile(r"^(?P<people>.*\))\s*[,@\-–]\s*(?P<company>[^()]+)$")
# A name: two to four words, each capitalized (particles allowed), or two to four CJK or
# Hebrew letters. No digits, no sentence.
_PARTICLES = {"de", "da", "di", "do", "dos", "del", "della", "van", "von", "der", "den", "le",
              "la", "bin", "al", "el", "y", "ten", "ter"}  # fmt: skip
_CJK_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_HEBREW_NAME = re.compile(r"^[\u05d0-\u05ea'\"׳״\-]+(?: [\u05d0-\u05ea'\"׳״\-]+){1,2}$")
_NOT_NAMES = {"tba", "tbd", "to be announced", "guest speaker", "special guest", "our speakers"}


def from_credit(text: object, role: str = "speaker") -> list[Person]:
    """The people of a free-text credit, each with their role and company as a headline."""
    credit = clean(text)
    if not credit:
        return []
    company = None
    shared = _AFTER_LAST_ROLE.match(credit)
    if shared:
        credit, company = shared.group("people"), clean(shared.group("company"))
    people = []
    for chunk in _BETWEEN.split(credit):
        for piece in _names_or_credit(chunk.strip(" ,")):
            person = _one(piece, company, role)
            if person is not None:
                people.append(person)
    return people


def _names_or_credit(chunk: str) -> list[str]:
    """ "Ana Ruiz, Tom Berg" is two people; "Ana Ruiz, Staff Engineer" is one, and her title."""
    parts = [p.strip() for p in chunk.split(",")]
    if len(parts) > 1 and all(_looks_like_a_name(_ROLE.sub(r"\g<name>", p)) for p in parts):
        return parts
    return [chunk]


def from_description(text: str | None) -> list[Person]:
    """The speakers a description names on a line of their own, marked as found there."""
    found: dict[str, Person] = {}
    for line in (text or "").splitlines():
        for person in _line(line.strip()):
            person.source = "description"
            found.setdefault(person.name.casefold(), person)
    return list(found.values())


def complete(event: Event) -> None:
    """Add the speakers the description names that the page's data did not."""
    known = {p.name.casefold() for p in (*event.hosts, *event.speakers)}
    for person in from_description(event.description):
        if person.name.casefold() not in known:
            event.speakers.append(person)


def _line(line: str) -> list[Person]:
    if not line or len(line) > 200:
        return []
    match = _LABELLED.match(line) or _LABELLED_ZH.match(line) or _WITH.search(line)
    if match:
        names = match.groupdict().get("names") or match.groupdict().get("after") or ""
        return from_credit(names.strip(" *_"))
    credit = _CREDIT_LINE.match(line)
    if credit and _TITLE_WORDS.search(credit.group("title")):
        person = _one(credit.group("name"), None, "speaker", clean(credit.group("title")))
        return [person] if person else []
    return []


def _one(chunk: str, company: str | None, role: str, title: str | None = None) -> Person | None:
    with_role = _ROLE.match(chunk)
    if with_role:
        name, job = clean(with_role.group("name")), clean(with_role.group("role"))
    elif "," in chunk and title is None:
        name, job = (clean(p) for p in chunk.split(",", 1))
    else:
        name, job = clean(chunk), title
    if not name or not _looks_like_a_name(name):
        return None
    headline = " at ".join(p for p in (job, company) if p) or None
    return Person(name=name, role=role, headline=headline)


def _looks_like_a_name(text: str) -> bool:
    if text.casefold() in _NOT_NAMES or any(ch.isdigit() for ch in text):
        return False
    if _CJK_NAME.match(text) or _HEBREW_NAME.match(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    return all(
        w.casefold() in _PARTICLES or (w[0].isupper() and re.fullmatch(r"[^\W\d_][\w'’.\-]*", w))
        for w in words
    )
