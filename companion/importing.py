"""`hallway import`: saved pages go through the same capture as the extension's."""

from __future__ import annotations

import hashlib
from pathlib import Path

from companion.capturing import CaptureRequest, capture
from companion.clock import now
from companion.i18n import _
from companion.parsers import NotUnderstood
from companion.parsers.saved import load
from companion.store import Store


def import_file(store: Store, path: Path, url: str | None) -> tuple[bool, str]:
    """Capture one saved page; (understood?, one line saying what was stored or why not)."""
    saved = load(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    request = CaptureRequest(
        html=saved.html,
        url=url,
        # The same file imported twice is stored once, as a re-sent capture is.
        capture_id=f"import:{digest}:{url or ''}",
        fragments=[],
        payloads=saved.payloads,
        captured_at=now(),
    )
    try:
        reply = capture(store, request)
    except NotUnderstood as problem:
        return False, _(str(problem))
    events = reply.get("events") or ([reply["event"]] if reply.get("event") else [])
    titles = ", ".join(e["title"] for e in events[:3]) + (" ..." if len(events) > 3 else "")
    added = reply["people_added"]
    return True, _(
        "%(kind)s: %(titles)s (%(n)s people added)", kind=reply["kind"], titles=titles, n=added
    )
