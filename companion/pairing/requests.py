"""Pending pairing requests: asked by an extension, decided by the user, deny by default.

They live in memory only: a restart forgets them, which denies them. At most a few may be
asked per minute, so a page or program cannot flood the user with prompts.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from companion.clock import now as utc_now
from companion.pairing import clients

ASKS_PER_MINUTE = 5
LIFETIME_SECONDS = 300


class TooManyRequests(Exception):
    """More pairing requests in the last minute than a person would make."""


@dataclass
class PairingRequest:
    id: str
    code: str  # shown both in the extension and on the companion: the user matches them
    origin: str
    name: str
    browser: str
    asked_at: str
    asked_clock: float
    status: str = "pending"  # pending -> approved | denied
    token: str | None = None  # set on approval, handed out once to the asking origin


class Desk:
    """The pending requests of one running companion."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._requests: dict[str, PairingRequest] = {}
        self._recent_asks: deque[float] = deque()
        self.listeners: list[Callable[[PairingRequest], None]] = []

    def ask(self, origin: str, name: str, browser: str) -> PairingRequest:
        with self._lock:
            now = self._clock()
            self._forget_old(now)
            if len(self._recent_asks) >= ASKS_PER_MINUTE:
                raise TooManyRequests
            self._recent_asks.append(now)
            request = PairingRequest(
                id=secrets.token_urlsafe(16),
                code=f"{secrets.randbelow(1000):03d}-{secrets.randbelow(1000):03d}",
                origin=origin,
                name=name,
                browser=browser,
                asked_at=utc_now(),
                asked_clock=now,
            )
            self._requests[request.id] = request
        for listener in self.listeners:
            listener(request)
        return request

    def get(self, request_id: str) -> PairingRequest | None:
        with self._lock:
            self._forget_old(self._clock())
            return self._requests.get(request_id)

    def pending(self) -> list[PairingRequest]:
        with self._lock:
            self._forget_old(self._clock())
            return [r for r in self._requests.values() if r.status == "pending"]

    def decide(self, request_id: str, approve: bool, data_dir: Path) -> PairingRequest | None:
        """The user's answer; only a pending request can be decided, and only once."""
        with self._lock:
            self._forget_old(self._clock())
            request = self._requests.get(request_id)
            if request is None or request.status != "pending":
                return None
            if approve:
                _, request.token = clients.add(
                    data_dir, request.name, request.origin, request.browser
                )
            request.status = "approved" if approve else "denied"
            return request

    def collect(self, request_id: str) -> PairingRequest | None:
        """The request's state for its asker; a decided request is handed out once, then gone."""
        with self._lock:
            self._forget_old(self._clock())
            request = self._requests.get(request_id)
            if request is not None and request.status != "pending":
                del self._requests[request_id]
            return request

    def _forget_old(self, now: float) -> None:
        while self._recent_asks and now - self._recent_asks[0] >= 60:
            self._recent_asks.popleft()
        for request_id, request in list(self._requests.items()):
            if now - request.asked_clock >= LIFETIME_SECONDS:
                del self._requests[request_id]
