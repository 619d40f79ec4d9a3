"""The API token that pairs the extension with this companion."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

TOKEN_FILE = "token"


def token_path(data_dir: Path) -> Path:
    return data_dir / TOKEN_FILE


def get_or_create(data_dir: Path) -> str:
    """The token, created on first use in a file only the user can read (mode 0600)."""
    path = token_path(data_dir)
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token


def matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison, so the token cannot be guessed byte by byte from timing."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
