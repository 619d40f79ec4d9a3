"""The paired clients: who may call the API, with which token, from which origin.

Each paired extension has its own token; only its SHA-256 is kept (in clients.json, mode
0600), so the file never holds a usable token. The pasted token (companion/tokens.py) is the
one client with no pinned origin, because nobody told us which extension it was pasted into.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from filelock import FileLock

from companion import tokens
from companion.clock import now
from companion.i18n import N_

CLIENTS_FILE = "clients.json"
# A call is noted in the file at most this often per client: doctor needs the day, not each call.
CALL_NOTED_EVERY = timedelta(minutes=10)
PASTED_ID = "pasted"


@dataclass(frozen=True)
class Client:
    id: str
    name: str
    origin: str | None  # the extension origin pinned at pairing; None for the pasted token
    browser: str = ""
    paired_at: str = ""
    last_call: str = ""  # when it last called, to the nearest CALL_NOTED_EVERY (hallway doctor)


# Its name is said in the reader's language where it is shown (_(client.name)).
PASTED = Client(
    id=PASTED_ID, name=N_("Token pasted into the extension (hallway token)"), origin=None
)


def identify(data_dir: Path, token: str | None) -> Client | None:
    """The client this bearer token belongs to, or None. Every comparison is constant-time."""
    if not token:
        return None
    found = None
    pasted = tokens.read(data_dir)
    if pasted and tokens.matches(token, pasted):
        found = PASTED
    digest = _digest(token)
    for entry in _load(data_dir):
        if hmac.compare_digest(digest, entry["token_sha256"]):
            found = _client(entry)
    return found


def add(data_dir: Path, name: str, origin: str, browser: str) -> tuple[Client, str]:
    """Pair a new client; returns it and its token (shown once, never stored in clear)."""
    token = tokens.new_token()
    client = Client(
        id="c-" + secrets.token_hex(4),
        name=name,
        origin=origin,
        browser=browser,
        paired_at=now(),
    )
    with _lock(data_dir):
        entries = _load(data_dir)
        entries.append({**asdict(client), "token_sha256": _digest(token)})
        _save(data_dir, entries)
    return client, token


def revoke(data_dir: Path, client_id: str) -> bool:
    """Revoke a client's token at once (the running companion reads the file per request)."""
    if client_id == PASTED_ID:
        return tokens.revoke(data_dir)
    with _lock(data_dir):
        entries = _load(data_dir)
        kept = [e for e in entries if e["id"] != client_id]
        if len(kept) == len(entries):
            return False
        _save(data_dir, kept)
    return True


def called(data_dir: Path, client: Client) -> None:
    """Note that a paired client called, unless that was noted a little while ago."""
    if client.id == PASTED_ID or not _stale(client.last_call):
        return
    with _lock(data_dir):
        entries = _load(data_dir)
        for entry in entries:
            if entry["id"] == client.id:
                entry["last_call"] = now()
        _save(data_dir, entries)


def _stale(noted: str) -> bool:
    try:
        return datetime.fromisoformat(noted) < datetime.now(UTC) - CALL_NOTED_EVERY
    except ValueError:
        return True


def listing(data_dir: Path) -> list[Client]:
    """Every client that can call the API now, the pasted token first."""
    pasted = [PASTED] if tokens.read(data_dir) else []
    return pasted + [_client(e) for e in _load(data_dir)]


def clients_path(data_dir: Path) -> Path:
    return data_dir / CLIENTS_FILE


def _digest(token: str) -> str:
    # A plain hash is enough: tokens are 256 random bits, so there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def _client(entry: dict[str, Any]) -> Client:
    return Client(
        **{k: entry.get(k, "") for k in ("id", "name", "browser", "paired_at", "last_call")},
        origin=entry.get("origin"),
    )


def _load(data_dir: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(clients_path(data_dir).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    return list(data.get("clients", []))


def _save(data_dir: Path, entries: list[dict[str, Any]]) -> None:
    body = json.dumps({"version": 1, "clients": entries}, indent=2, ensure_ascii=False)
    tokens.write_private(clients_path(data_dir), body + "\n")


def _lock(data_dir: Path) -> FileLock:
    return FileLock(str(clients_path(data_dir)) + ".lock")
