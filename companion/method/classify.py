"""Peers and leaders (DESIGN.md section 1).

About 80% of the people at an event are peers (students, analysts, practitioners without a lead
role) and 20% are leaders (team leads, heads of, chiefs, hiring managers, founders, professors).
Peers become referrals; leaders hire now; the method spends about half the time with each.

The rules, first match wins, each stated in the `reason` the user sees:
1. what the user said (`class_override`);
2. the role at an event: host, organizer and speaker are leaders in that room;
3. a leader keyword in the imported LinkedIn position, the headline or the bio, in English,
   German, French, Spanish or Simplified Chinese, unless it is aspired to ("aspiring lead");
4. everyone else is a peer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from companion.i18n import N_, _
from companion.method import labels

Class = Literal["peer", "leader"]
CLASSES: tuple[Class, ...] = ("peer", "leader")
LEADER_ROLES = ("host", "organizer", "speaker")
TEXT_FIELDS = (
    ("position", N_("LinkedIn position")),
    ("headline", N_("headline")),
    ("bio", N_("bio")),
)

# Whole words in languages that separate words with spaces.
_WORDS = [
    # English
    r"lead",
    r"leader",
    r"head(?:s)? of",
    r"head",
    r"director",
    r"chief",
    r"c[etdiofmps]o",
    r"caio",
    r"vp",
    r"svp",
    r"evp",
    r"vice[- ]president",
    r"president",
    r"principal",
    r"manager",
    r"managing",
    r"hiring",
    r"recruiter",
    r"recruiting",
    r"talent acquisition",
    r"headhunter",
    r"(?:co-?)?founder",
    r"owner",
    r"professor",
    r"prof\.?",
    r"dean",
    r"supervisor",
    r"board member",
    r"partner",
    # German
    r"leitung",
    r"leiter(?:in)?",
    r"geschäftsführer(?:in)?",
    r"gründer(?:in)?",
    r"mitgründer(?:in)?",
    r"direktor(?:in)?",
    r"vorstand",
    r"inhaber(?:in)?",
    r"professorin",
    r"personalvermittler(?:in)?",
    r"recruiterin",
    # French
    r"directeur",
    r"directrice",
    r"responsable",
    r"chef",
    r"cheffe",
    r"fondateur",
    r"fondatrice",
    r"co-?fondat(?:eur|rice)",
    r"pdg",
    r"président(?:e)?",
    r"professeur(?:e)?",
    r"gérant(?:e)?",
    r"recruteur",
    r"recruteuse",
    r"chargée? de recrutement",
    # Spanish
    r"director(?:a)?",
    r"jef[ea]",
    r"gerente",
    r"fundador(?:a)?",
    r"cofundador(?:a)?",
    r"líder",
    r"presidente",
    r"catedrátic[oa]",
    r"profesor(?:a)? titular",
    r"reclutador(?:a)?",
]
# German builds compounds (Teamleiter, Abteilungsleiterin): match the ending inside a word.
_SUFFIXES = [r"leiter(?:in)?", r"leitung", r"gründer(?:in)?", r"geschäftsführer(?:in)?"]
# Chinese has no spaces: match the characters anywhere.
_CHINESE = [
    "总监",
    "经理",
    "主管",
    "负责人",
    "组长",
    "首席",
    "总裁",
    "创始人",
    "合伙人",
    "董事",
    "教授",
    "招聘",
    "猎头",
    "部长",
    "主任",
    "总经理",
    "院长",
]
# Someone who wants to become a lead is a peer; an assistant to a manager is too.
_ASPIRING = [
    r"aspiring",
    r"future",
    r"wannabe",
    r"angehender?",
    r"zukünftiger?",
    r"futur[oa]",
    r"futur(?:e)?",
    r"aspirante",
    r"assistant to( the)?",
    r"assistant(?:e)? (?:de|du|de la) direction",
]
_ASPIRING_CHINESE = ["未来", "立志成为", "想成为"]

_LEADER = re.compile(
    r"(?<![\w-])(?:" + "|".join(_WORDS) + r")(?![\w-])"
    r"|(?<=\w)(?:" + "|".join(_SUFFIXES) + r")(?!\w)"
    r"|" + "|".join(_CHINESE),
    re.IGNORECASE,
)
_ASPIRED = re.compile(
    r"(?:(?<!\w)(?:" + "|".join(_ASPIRING) + r")\s+[\w\s-]{0,30}$)"
    r"|(?:" + "|".join(_ASPIRING_CHINESE) + r")\S{0,15}$",
    re.IGNORECASE,
)
# Titles in which a leader word names no lead role: "Lead Generation", "Product Owner",
# "Partner Engineer", an assistant to a manager (经理助理).
_NOT_A_ROLE = re.compile(
    r"lead generation|product owner|partner (?:engineer|solutions|success|marketing)|"
    r"(?:经理|总监|总裁|主任|董事长)助理|助理经理",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Classification:
    cls: Class
    reason: str


def classify(person: dict[str, Any], roles: Iterable[str] = ()) -> Classification:
    """Peer or leader, with the rule that decided it."""
    return by_choice_or_role(person, roles) or by_title(person)


def by_choice_or_role(person: dict[str, Any], roles: Iterable[str]) -> Classification | None:
    """What decides before any title: the class you set, then a lead role at an event."""
    override = person.get("class_override")
    if override in CLASSES:
        return Classification(override, _("you set this"))
    led = [r for r in LEADER_ROLES if r in set(roles)]
    if led:
        return Classification("leader", _("%(role)s at an event", role=labels.role(led[0])))
    return None


def by_title(person: dict[str, Any]) -> Classification:
    """Leader when their position, headline or bio names a lead role; else peer."""
    for field, label in TEXT_FIELDS:
        word = leader_word(person.get(field) or "")
        if word:
            return Classification(
                "leader", _("%(field)s says “%(word)s”", field=_(label), word=word)
            )
    return Classification("peer", _("no lead role in their title"))


def leader_word(title: str) -> str | None:
    """The leader keyword a title holds, or None (also when the title only aspires to it)."""
    if _NOT_A_ROLE.search(title):
        return None
    for match in _LEADER.finditer(title):
        if not _ASPIRED.search(title[: match.start()]):
            return match.group(0)
    return None
