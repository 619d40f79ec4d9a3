"""One capture through the whole line: page -> parser -> store -> method -> reply.

The API and `hallway import` both call `capture()`, so a page saved to disk and a page sent
by the extension are understood and stored the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from companion import answers, isolation
from companion.clock import now
from companion.i18n import _
from companion.method.when import describe
from companion.model import Capture
from companion.store import Store
from companion.store.captures import Saved, save_capture
from companion.store.network import Network

# People already known named in a reply, the rest counted: an attendee list of a group you
# have gone to for years knows hundreds of its people, and the popup lists those named.
KNOWN_SHOWN = 20


class BadCapture(ValueError):
    """The request itself is malformed; the message is one plain sentence."""


@dataclass
class CaptureRequest:
    html: str
    url: str | None
    capture_id: str | None
    fragments: list[str]
    payloads: list[Any]
    captured_at: str

    @classmethod
    def from_json(cls, body: Any) -> CaptureRequest:
        if not isinstance(body, dict):
            raise BadCapture(_("The capture must be a JSON object."))
        html = body.get("html")
        if not isinstance(html, str) or not html.strip():
            raise BadCapture(_("The capture has no page HTML (the 'html' field is empty)."))
        fragments = body.get("fragments") or []
        if not isinstance(fragments, list) or not all(isinstance(f, str) for f in fragments):
            raise BadCapture(_("'fragments' must be a list of HTML strings."))
        payloads = body.get("payloads") or []
        if not isinstance(payloads, list):
            raise BadCapture(_("'payloads' must be a list of JSON documents."))
        return cls(
            html=html,
            url=_web_address(body),
            capture_id=_optional_str(body, "capture_id"),
            fragments=list(dict.fromkeys(fragments)),
            payloads=payloads,
            captured_at=_optional_str(body, "captured_at") or now(),
        )


def capture(store: Store, request: CaptureRequest) -> dict[str, Any]:
    """Parse, store and answer. Raises parsers.NotUnderstood for a page with no event."""
    parsed = isolation.parse(request.html, request.url, request.fragments, request.payloads)
    with store.transaction() as db:
        saved = save_capture(db, parsed, request.capture_id, request.captured_at)
    with store.reading() as net:
        if parsed.event is None:
            return _listing_reply(net, parsed, saved)
        return _event_reply(net, parsed, saved)


def _event_reply(net: Network, parsed: Capture, saved: Saved) -> dict[str, Any]:
    event = net.events.get(saved.event_id) if saved.event_id is not None else None
    # Known by the method's rule: being "seen_at" this very event does not count.
    known = [pid for pid in saved.known if net.known(pid, saved.event_id)]
    hosts = [
        (pid, role)
        for pid, role in saved.people
        if role in {"host", "organizer", "speaker"} and pid in net.people
    ]
    return {
        **_reply(parsed, saved, net, known),
        "kind": parsed.kind,
        "when": describe(event.get("start"), event.get("end"), event.get("timezone"))
        if event
        else None,
        "event": event,
        "sample": _sample(parsed),
        "prep_notes": answers.event_prep(net, event["id"]) if event else [],
        "suggestions": [
            {
                "person": answers.brief(net, pid),
                "role": role,
                "notes": answers.person_notes(net, pid, event["id"]),
            }
            for pid, role in hosts
        ]
        if event
        else [],
    }


def _sample(parsed: Capture) -> dict[str, int] | None:
    """An event page shows a few of those going (Meetup's RSVP sample, Luma's featured
    guests): "12 of 772 shown", so nobody takes them for the whole list."""
    shown = sum(1 for p in parsed.people if p.role == "attendee")
    going = parsed.event.attendee_count if parsed.event else None
    if parsed.kind != "event" or not shown or not going or shown >= going:
        return None
    return {"shown": shown, "of": going}


def _listing_reply(net: Network, parsed: Capture, saved: Saved) -> dict[str, Any]:
    """A group or listing page: its events are kept as candidates to pick from."""
    return {
        **_reply(parsed, saved, net, saved.known),
        "kind": "listing",
        "when": None,
        "event": None,
        "events": [net.events.get(event_id) for event_id in saved.event_ids],
        "prep_notes": [],
        "suggestions": [],
    }


def _reply(parsed: Capture, saved: Saved, net: Network, known: list[int]) -> dict[str, Any]:
    """What every reply says: what was stored, whom you know, what to be warned of."""
    return {
        "platform": parsed.platform,
        "people_added": saved.added,
        "people_updated": saved.updated,
        "known_people": [answers.brief(net, pid) for pid in _best_known(net, known)],
        "known_count": len(known),
        "warnings": parsed.warnings,
        "duplicate": saved.duplicate,
    }


def _best_known(net: Network, known: list[int]) -> list[int]:
    """The few a reply names: those you are furthest along with first, then in page order."""
    return sorted(known, key=lambda pid: -net.touch_count(pid))[:KNOWN_SHOWN]


def _optional_str(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadCapture(_("'%(key)s' must be a string.", key=key))
    return value.strip() or None


def _web_address(body: dict[str, Any]) -> str | None:
    """The page's address: only http(s), so a stored link can never be `javascript:`."""
    url = _optional_str(body, "url")
    try:
        valid = url is None or urlsplit(url).scheme in {"http", "https"}
    except ValueError:  # such as an unclosed IPv6 bracket
        valid = False
    if not valid:
        raise BadCapture(_("'url' must be the page's http or https address."))
    return url
