"""Prep notes: what the page already says, where to look next, and what to ask.

Every item comes from the captured page or the user's saved network, or is a question or a
search link; nothing is invented. Search links open a search in the user's browser; Hallway
itself fetches nothing. Each section is {"title", "items": [{"text", "link"?}], "questions"?}.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any
from urllib.parse import quote_plus

from companion import i18n
from companion.i18n import N_, _
from companion.method import labels
from companion.method.followups import CONNECT_WITHIN_DAYS, NEXT_TOUCH_DAYS
from companion.method.interactions import GOAL, iso_date
from companion.method.when import describe, describe_for_user, same_clock

Section = dict[str, Any]
ORGANIZER_ROLES = ("organizer", "host")
HOST_ROLES = ("organizer", "host", "speaker")
TALK_TO = 6
MESSAGEABLE_SHOWN = 10
KEYWORDS = 8
NAMES_SHOWN = 5  # colleagues, or people you both know, named in a prep note; the rest counted
Names = tuple[list[str], int]  # a few names, and how many in all
# People you know at a large event, those you are furthest along with first; the rest counted.
KNOWN_SHOWN = 10

# Marked here, translated when a section is made (the language is the notes').
RESEARCH_QUESTIONS = [
    N_("Career path: how did they get to where they are?"),
    N_("Role in their company, and how senior?"),
    N_("Earlier talks or posts on this topic?"),
    N_("Their network: groups they run, people you both know?"),
]
TOPIC_QUESTIONS = [
    N_("What is it for, and in which industries is it used?"),
    N_("Is it standard practice or something unusual?"),
    N_("What are the common methods, and the related problems?"),
]
COMPANY_QUESTIONS = [
    N_("What does it do?"),
    N_("Do you know anyone there?"),
    N_("Is it hiring, and for which roles?"),
    N_("Is this topic strategic for it?"),
]
# Words too common to be keywords (a word list reads better as text than as 80 lines).
_STOPWORDS = set(
    """a about after all also an and any are as at be been before bring but by can come do
    for from get has have how if in into is it its join just let like more most new not of
    on one or our out over please rsvp see so some such than that the their them then there
    these they this those to up us via was we what when where which who will with you your
    event events meetup talk talks session evening night people time welcome""".split()  # noqa: SIM905
)
_LINK = re.compile(r"\(?\b(?:https?://|www\.)\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#.-]*[A-Za-z0-9+#]|[A-Za-z]")


@dataclass
class Attendee:
    """One person at the event as prep notes need them; built from the store by the caller."""

    id: int
    name: str
    roles: list[str]
    cls: str  # "peer" or "leader"
    touches: int = 0
    last_met: str | None = None
    headline: str | None = None
    company: str | None = None
    position: str | None = None
    profile_url: str | None = None
    can_message: bool | None = None
    # Saved people you have met who were at other events with them (hosts only).
    mutual: Names = field(default_factory=lambda: ([], 0))
    known: bool = False  # met before: a touch you logged, or seen at another event
    named_in: str | None = None  # "description": the page's text names them, not its data

    def has(self, roles: tuple[str, ...]) -> bool:
        return any(r in roles for r in self.roles)


def prep_notes(
    event: dict[str, Any],
    attendees: list[Attendee],
    colleagues: dict[str, Names] | None = None,
    user_zone: tzinfo | None = None,
    returning: bool = False,
) -> list[Section]:
    """`colleagues` maps each sponsor to the saved people who work there: a few of their
    names (NAMES_SHOWN of them, the first in alphabetical order) and how many in all.
    `returning`: the user has been to an earlier event of the same group."""
    hosts = [a for a in attendees if a.has(HOST_ROLES)]
    return [
        _the_event(event, hosts, user_zone),
        _hosts(hosts),
        _topic(event),
        _company(event, colleagues or {}),
        _who_is_coming(attendees),
        _openers(event, hosts, returning),
        _after(event),
    ]


def _item(text: str, link: str | None = None) -> dict[str, Any]:
    return {"text": text, "link": link} if link else {"text": text}


def _the_event(event: dict[str, Any], hosts: list[Attendee], user_zone: tzinfo | None) -> Section:
    items = [_item(event["title"], event.get("url"))]
    start, end, tz = event.get("start"), event.get("end"), event.get("timezone")
    when = describe(start, end, tz)
    items.append(
        _item(_("When: %(when)s", when=when) if when else _("When: not given on the page"))
    )
    if when and user_zone and not same_clock(start, user_zone):
        mine = describe_for_user(start, end, user_zone)
        items.append(_item(_("Your time: %(when)s", when=mine)))
    venue = event.get("venue") or {}
    where = ", ".join(p for p in (venue.get("name"), venue.get("address")) if p)
    if where:
        items.append(_item(_("Where: %(where)s", where=where)))
    if event.get("online_url"):
        items.append(_item(_("Online: join link"), event["online_url"]))
    elif event.get("online"):
        items.append(_item(_("Online attendance is possible")))
    group = event.get("group") or {}
    if group.get("name"):
        items.append(_item(_("Group: %(group)s", group=group["name"]), group.get("url")))
    if event.get("series"):
        items.append(_item(_("Series: %(series)s", series=event["series"])))
    count = event.get("attendee_count")
    going = _("Going: %(count)s", count=count) if count is not None else None
    items.append(_item(going or _("Going: not shown on this page")))
    organizers = [h.name for h in hosts if h.has(ORGANIZER_ROLES)]
    if organizers:
        items.append(_item(_("Organized by %(names)s", names=labels.listed(organizers))))
    return {"title": _("The event"), "items": items}


def _hosts(hosts: list[Attendee]) -> Section:
    items = []
    for host in hosts:
        roles = "/".join(labels.role(r) for r in host.roles if r in HOST_ROLES)
        if host.named_in:
            roles = _("%(roles)s, named in the description", roles=roles)
        said = "; ".join(p for p in (host.headline, labels.job(host.position, host.company)) if p)
        who = _("%(name)s (%(roles)s)", name=host.name, roles=roles)
        items.append(
            _item(_("%(who)s: %(said)s", who=who, said=said) if said else who, host.profile_url)
        )
        handle = linkedin_handle(host.profile_url)
        if handle:
            items.append(_item(f"LinkedIn: {handle}", host.profile_url))
        if host.mutual[1]:
            items.append(_item(_("People you both know: %(names)s", names=_some(*host.mutual))))
        items.append(
            _item(_("Search LinkedIn for %(name)s", name=host.name), linkedin_search(host.name))
        )
        talks = _("Search the web for talks by %(name)s", name=host.name)
        items.append(_item(talks, web_search(f'"{host.name}" talk')))
    if not items:
        items.append(
            _item(_("The page names no host or speaker: ask the organizer who is presenting."))
        )
    return {"title": _("Host and speakers"), "items": items, "questions": _all(RESEARCH_QUESTIONS)}


def _topic(event: dict[str, Any]) -> Section:
    topics = event.get("topics") or []
    items = [_item(_("Topics: %(topics)s", topics=labels.listed(topics)))] if topics else []
    words = keywords(event.get("description"), topics)
    if words:
        found = labels.listed(words)
        items.append(_item(_("Keywords from the description: %(words)s", words=found)))
    for topic in (topics or words)[:3]:
        read = _("Read up on %(topic)s", topic=topic)
        items.append(_item(read, web_search(f"{topic} introduction")))
    if not items:
        items.append(_item(_("The page names no topic: the title is all there is to go on.")))
    return {"title": _("Topic"), "items": items, "questions": _all(TOPIC_QUESTIONS)}


def talk_topic(event: dict[str, Any]) -> str | None:
    """The listed topic this event is about: named in its title, else in its description.

    Meetup lists the group's topics on every event, so the first one alone may be off-topic.
    """
    topics = event.get("topics") or []
    for text in (event.get("title"), event.get("description")):
        folded = (text or "").casefold()
        match = next((t for t in topics if t.casefold() in folded), None)
        if match:
            return match
    return None


def keywords(description: str | None, topics: list[str], limit: int = KEYWORDS) -> list[str]:
    """Terms the description stresses: names (MLOps, PyTorch, a capital mid-sentence), then
    repeated words. Topics are left out (they are already listed) and so are common words.
    """
    if not description:
        return []
    taken = {t.casefold() for t in topics}
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    named: list[str] = []
    description = _LINK.sub(" ", description)  # link ids ("3T2eGk2") are not keywords
    for match in _WORD.finditer(description):
        word, key = match.group(0), match.group(0).casefold()
        if key in _STOPWORDS or key in taken or len(word) < 3:
            continue
        counts[key] += 1
        if word.islower() or key not in spelled:
            spelled[key] = word
        starts_sentence = re.search(r"(^|[.!?:\n])\s*$", description[: match.start()])
        is_name = re.search(r"[A-Z].*[A-Z]|\d|[+#]", word) or (
            word[0].isupper() and not starts_sentence
        )
        if is_name and key not in named:
            named.append(key)
    named = [k for k in named if not spelled[k].islower()]
    repeated = [k for k, n in counts.most_common() if n > 1 and k not in named]
    return [spelled[k] for k in (named + repeated)[:limit]]


def _company(event: dict[str, Any], colleagues: dict[str, Names]) -> Section:
    items = []
    for sponsor in event.get("sponsors") or []:
        said = _("Hosting company or sponsor: %(company)s", company=sponsor)
        items.append(_item(said, web_search(sponsor)))
        items.append(_item(_("Open roles at %(company)s", company=sponsor), linkedin_jobs(sponsor)))
        names, count = colleagues.get(sponsor) or ([], 0)
        items.append(
            _item(_("You know %(names)s there", names=_some(names, count)))
            if count
            else _item(_("Nobody you saved works at %(company)s yet", company=sponsor))
        )
    if not items:
        items.append(_item(_("The page names no hosting company or sponsor.")))
    return {"title": _("Hosting company"), "items": items, "questions": _all(COMPANY_QUESTIONS)}


def _some(names: list[str], count: int, most: int = NAMES_SHOWN) -> str:
    """A few names, and how many more: a large sponsor may employ hundreds of your contacts,
    and a host who runs a monthly meetup has met most of the people you have."""
    shown = labels.listed(names[:most])
    more = count - len(names[:most])
    return _("%(names)s and %(more)s more", names=shown, more=more) if more > 0 else shown


def _who_is_coming(attendees: list[Attendee]) -> Section:
    items = []
    known = sorted((a for a in attendees if a.known), key=lambda a: -a.touches)
    for person in known[:KNOWN_SHOWN]:
        values = {"name": person.name, "count": person.touches, "goal": GOAL}
        items.append(
            _item(
                _("You already know %(name)s: %(count)s of %(goal)s interactions, last met %(day)s",
                  day=i18n.short_day(person.last_met), **values)
                if person.last_met
                else _("You already know %(name)s: %(count)s of %(goal)s interactions", **values)
            )
        )  # fmt: skip
    if len(known) > KNOWN_SHOWN:
        more = len(known) - KNOWN_SHOWN
        items.append(_item(_("And %(more)s more people you have met before", more=more)))
    if attendees:
        items.append(_item(balance(attendees)))
        open_ = [a.name for a in attendees if a.can_message]
        if open_:
            shown = _some(open_[:MESSAGEABLE_SHOWN], len(open_), MESSAGEABLE_SHOWN)
            items.append(_item(_("You can message them on the platform: %(names)s", names=shown)))
        for person, why in talk_to(attendees):
            items.append(_item(_("Talk to %(name)s (%(why)s)", name=person.name, why=why)))
    else:
        items.append(_item(_("Nobody is listed yet: capture the attendee list.")))
    return {
        "title": _("Who is coming"),
        "items": items,
        "questions": [_("Whom do you want to meet? Aim for half peers, half leaders.")],
    }


def balance(attendees: list[Attendee]) -> str:
    leaders = sum(1 for a in attendees if a.cls == "leader")
    peers = len(attendees) - leaders
    share = round(100 * leaders / len(attendees)) if attendees else 0
    return _(
        "Leaders: %(leaders)s, peers: %(peers)s (%(share)s%% leaders; a typical room has about "
        "20%%). Spend about half your time with each.",
        leaders=leaders,
        peers=peers,
        share=share,
    )


def talk_to(attendees: list[Attendee], size: int = TALK_TO) -> list[tuple[Attendee, str]]:
    """The organizer first, then leaders and peers in turn (half and half).

    Within each class, people you are already building trust with come first.
    """
    order = sorted(attendees, key=lambda a: (-a.touches, a.name))
    # Why each is listed, in the words the room's list uses: their role there, and class.
    chosen = [(a, _role_and_class(a)) for a in order if a.has(ORGANIZER_ROLES)][:1]
    taken = {a.id for a, _ in chosen}
    leaders = [a for a in order if a.cls == "leader" and a.id not in taken]
    peers = [a for a in order if a.cls == "peer" and a.id not in taken]
    while len(chosen) < size and (leaders or peers):
        # Whichever class has had fewer picks goes next; leaders first on a tie.
        picked_leaders = sum(1 for a, _ in chosen if a.cls == "leader")
        want_leader = picked_leaders <= len(chosen) - picked_leaders
        pool = leaders if (want_leader and leaders) or not peers else peers
        person = pool.pop(0)
        chosen.append((person, labels.group(person.cls)))
    return chosen


def _role_and_class(person: Attendee) -> str:
    role = next(r for r in ORGANIZER_ROLES if r in person.roles)
    return labels.listed([labels.role(role), labels.group(person.cls)])


def _openers(event: dict[str, Any], hosts: list[Attendee], returning: bool) -> Section:
    # The title is a name, not a topic ("Does Data Viz LIGHTNING TALKS matter?"): with no
    # subject known, the sentences say "this" instead.
    topic = subject(event)
    sponsor = (event.get("sponsors") or [None])[0]
    speakers = [h for h in hosts if "speaker" in h.roles] or hosts
    items = []
    for speaker in speakers[:2] or [None]:
        name = speaker.name if speaker else None
        company = (speaker.company if speaker else None) or sponsor or _("your company")
        items += [
            _item(_to(name, _("the speaker"), _deeper(topic, returning))),
            _item(_to(name, _("the speaker"),
                      _("Is there a data set or code behind this that I could look at?"))),
            _item(_to(name, _("the speaker"), _(
                "Does %(topic)s matter to %(company)s? How many people work on it there?",
                topic=topic or _("this work"), company=company))),
        ]  # fmt: skip
    organizers = [h for h in hosts if h.has(ORGANIZER_ROLES)]
    group = (event.get("group") or {}).get("name") or _("this group")
    name = organizers[0].name if organizers else None
    thanks = _("Thanks for organizing %(event)s. How did %(group)s start?",
               event=event["title"], group=group)  # fmt: skip
    items += [
        _item(_to(name, _("the organizer"), thanks)),
        _item(_to(name, _("the organizer"),
                  _("Who here should I meet? And could I help with a future event?"))),
    ]  # fmt: skip
    return {"title": _("Openers"), "items": items}


def _to(name: str | None, otherwise: str, said: str) -> str:
    """'To Ada: ...', or 'To the speaker: ...' when the page names nobody."""
    return _("To %(whom)s: %(said)s", whom=name or otherwise, said=said)


def _deeper(topic: str | None, returning: bool) -> str:
    """Asking where to go next, without claiming to be new to a group the user keeps coming to."""
    if returning and topic:
        return _("I've been to a few of these. Where would you go deeper on %(topic)s from here?",
                 topic=topic)  # fmt: skip
    if returning:
        return _("I've been to a few of these. Where would you go deeper from here?")
    if topic:
        return _("I'm new to %(topic)s, but I read up on it before coming. How would you go "
                 "deeper from here?", topic=topic)  # fmt: skip
    return _("I read up on this before coming. How would you go deeper from here?")


def subject(event: dict[str, Any]) -> str | None:
    """What the event is about: the topic its talk names, else the group's theme (the first
    of the topics the page lists); never its title."""
    return talk_topic(event) or next(iter(event.get("topics") or []), None)


def _after(event: dict[str, Any]) -> Section:
    held = iso_date(event.get("start"))
    if held is None:
        connect = _("Within %(n)s days", n=CONNECT_WITHIN_DAYS)
        wait = _("Then wait at least %(n)s days", n=NEXT_TOUCH_DAYS)
    else:
        day = date.fromisoformat(held)
        connect = _("By %(day)s", day=i18n.short_day(day + timedelta(days=CONNECT_WITHIN_DAYS)))
        wait = _("Not before %(day)s", day=i18n.short_day(day + timedelta(days=NEXT_TOUCH_DAYS)))
    return {
        "title": _("After the event"),
        "items": [
            _item(_("%(when)s: connect on LinkedIn with a note that names this event.",
                    when=connect)),
            _item(_("%(when)s: the next follow-up, unless you agreed a date with them.",
                    when=wait)),
            _item(_("Log whom you talked to and what about: the notes and follow-ups use it.")),
        ],
    }  # fmt: skip


def _all(questions: list[str]) -> list[str]:
    return [_(q) for q in questions]


def linkedin_handle(url: str | None) -> str | None:
    """'in/ada-q' from a LinkedIn profile address the page gave."""
    match = re.search(r"linkedin\.com/(in/[^/?#]+)", url or "")
    return match.group(1) if match else None


def linkedin_search(name: str) -> str:
    return f"https://www.linkedin.com/search/results/people/?keywords={quote_plus(name)}"


def linkedin_jobs(company: str) -> str:
    return f"https://www.linkedin.com/jobs/search/?keywords={quote_plus(company)}"


def web_search(query: str) -> str:
    return f"https://duckduckgo.com/?q={quote_plus(query)}"
