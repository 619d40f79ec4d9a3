"""Combining what several sources on one page say about the same event."""

from __future__ import annotations

from dataclasses import fields, replace

from companion.model import Event


def first_filled(*candidates: Event | None) -> Event | None:
    """Each field from the first source that has it: sources are given best first."""
    present = [c for c in candidates if c is not None]
    if not present:
        return None
    best = present[0]
    changes = {}
    for f in fields(Event):
        if _empty(getattr(best, f.name)):
            for other in present[1:]:
                value = getattr(other, f.name)
                if not _empty(value):
                    changes[f.name] = value
                    break
    return replace(best, **changes)


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []
