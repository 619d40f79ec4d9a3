"""The pasted token: the fallback way to pair, printed by `hallway token`.

Paired extensions get their own tokens (companion/pairing/clients.py); this one stays for
copy-paste and scripts. It lives in a file only the user can read (mode 0600).
"""

from __future__ import annotations

import hmac
import os
import secrets
import tempfile
from pathlib import Path

from companion import portable

TOKEN_FILE = "token"


def token_path(data_dir: Path) -> Path:
    return data_dir / TOKEN_FILE


def new_token() -> str:
    return secrets.token_urlsafe(32)


def read(data_dir: Path) -> str | None:
    """The pasted token, or None once it has been revoked."""
    try:
        return token_path(data_dir).read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        return None


def get_or_create(data_dir: Path) -> str:
    """The token, created on first use in a file only the user can read (mode 0600)."""
    existing = read(data_dir)
    if existing:
        return existing
    token = new_token()
    try:
        fd = os.open(token_path(data_dir), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it a moment ago: use theirs
        return get_or_create(data_dir)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token


def revoke(data_dir: Path) -> bool:
    """Forget the pasted token; the next `hallway token` makes a new one."""
    try:
        token_path(data_dir).unlink()
    except FileNotFoundError:
        return False
    return True


def matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so the token cannot be guessed byte by byte from timing."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def write_private(path: Path, text: str) -> None:
    """Replace `path` in one step with a file only the user can read (mode 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        portable.make_private(fd)  # mkstemp already uses 0600; said explicitly because it matters
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        portable.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
