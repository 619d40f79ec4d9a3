"""Prep notes: what the page already says, where to look next, and what to ask.

Every item comes from the captured page or is a question or a search link; nothing is
invented. Search links open a search in the user's browser; Hallway itself fetches nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

from companion.method.when import describe

Section = dict[str, Any]

RESEARCH_QUESTIONS = [
    "Career path: how did they get to where they are?",
    "Role in their company, and how senior?",
    "Earlier talks or posts on this topic?",
    "Their network: groups they run, people you both know?",
]
TOPIC_QUESTIONS = [
    "What is it for, and in which industries is it used?",
    "Is it standard practice or something unusual?",
    "What are the common methods, and the related problems?",
]


def prep_notes(
    event: dict[str, Any], hosts: list[dict[str, Any]], known: list[dict[str, Any]]
) -> list[Section]:
    return [
        _the_event(event),
        _hosts(hosts),
        _topic(event),
        _company(event),
        _who_is_coming(event, known),
        _openers(event, hosts),
        _after(event),
    ]


def _item(text: str, link: str | None = None) -> dict[str, Any]:
    return {"text": text, "link": link} if link else {"text": text}


def _the_event(event: dict[str, Any]) -> Section:
    items = [_item(event["title"], event.get("url"))]
    when = describe(event.get("start"), event.get("end"), event.get("timezone"))
    items.append(_item(f"When: {when}" if when else "When: not given on the page"))
    venue = event.get("venue") or {}
    where = ", ".join(p for p in (venue.get("name"), venue.get("address")) if p)
    if where:
        items.append(_item(f"Where: {where}"))
    if event.get("online"):
        items.append(_item("Online attendance is possible"))
    group = event.get("group") or {}
    if group.get("name"):
        items.append(_item(f"Group: {group['name']}", group.get("url")))
    count = event.get("attendee_count")
    items.append(_item(f"Going: {count}" if count is not None else "Going: not shown on this page"))
    return {"title": "The event", "items": items}


def _hosts(hosts: list[dict[str, Any]]) -> Section:
    items = []
    for host in hosts:
        name = host["name"]
        items.append(_item(f"{name} ({host.get('role', 'host')})", host.get("profile_url")))
        items.append(_item(f"Search LinkedIn for {name}", _linkedin_search(name)))
        items.append(_item(f"Search the web for talks by {name}", _web_search(f'"{name}" talk')))
    if not items:
        items.append(
            _item("The page names no host or speaker: ask the organizer who is presenting.")
        )
    return {"title": "Host and speakers", "items": items, "questions": RESEARCH_QUESTIONS}


def _topic(event: dict[str, Any]) -> Section:
    topics = event.get("topics") or []
    items = [_item("Topics: " + ", ".join(topics))] if topics else []
    for topic in topics[:3]:
        items.append(_item(f"Read up on {topic}", _web_search(f"{topic} introduction")))
    return {"title": "Topic", "items": items, "questions": TOPIC_QUESTIONS}


def _company(event: dict[str, Any]) -> Section:
    sponsors = event.get("sponsors") or []
    items = []
    for sponsor in sponsors:
        items.append(_item(f"Hosting company or sponsor: {sponsor}", _web_search(sponsor)))
        items.append(_item(f"Open roles at {sponsor}", _web_search(f"{sponsor} careers jobs")))
    if not items:
        items.append(_item("The page names no hosting company or sponsor."))
    return {
        "title": "Hosting company",
        "items": items,
        "questions": [
            "What does it do?",
            "Do you know anyone there?",
            "Is it hiring, and for which roles?",
            "Is this topic strategic for it?",
        ],
    }


def _who_is_coming(event: dict[str, Any], known: list[dict[str, Any]]) -> Section:
    items = [_item(f"You already know {p['name']}") for p in known]
    if not items:
        items.append(_item("Nobody you have met before is listed yet: capture the attendee list."))
    return {
        "title": "Who is coming",
        "items": items,
        "questions": ["Whom do you want to meet? Aim for half peers, half leaders."],
    }


def _openers(event: dict[str, Any], hosts: list[dict[str, Any]]) -> Section:
    topic = (event.get("topics") or [event["title"]])[0]
    company = (event.get("sponsors") or [None])[0]
    items = [
        _item(
            f"I'm new to {topic}, but I read up on it before coming. "
            "How would you go deeper from here?"
        ),
        _item("Is there a data set or code I could look at after tonight?"),
        _item(
            f"Does {topic} matter to {company or 'your company'}? How many people work on it there?"
        ),
    ]
    if hosts:
        items.append(
            _item(
                f"To {hosts[0]['name']}: thanks for organizing. "
                "How did this group start, and who should I meet here?"
            )
        )
    return {"title": "Openers", "items": items}


def _after(event: dict[str, Any]) -> Section:
    return {
        "title": "After the event",
        "items": [
            _item("Within a few days: connect on LinkedIn with a note that names this event."),
            _item(
                "Then wait at least two weeks before the next touch, unless you agreed otherwise."
            ),
        ],
    }


def _linkedin_search(name: str) -> str:
    return f"https://www.linkedin.com/search/results/people/?keywords={quote_plus(name)}"


def _web_search(query: str) -> str:
    return f"https://duckduckgo.com/?q={quote_plus(query)}"
