"""Where Hallway keeps its files, and the address it listens on."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DEFAULT_PORT = 5474
HOST = "127.0.0.1"
MAX_BODY_BYTES = 25 * 1024 * 1024
# Per capture; real pages take well under a second and a few hundred MB (SECURITY.md).
PARSE_SECONDS = 20
PARSE_MEMORY_BYTES = 3 * 1024 * 1024 * 1024


def data_dir(explicit: str | os.PathLike[str] | None = None, create: bool = True) -> Path:
    """--data-dir, else HALLWAY_DATA_DIR, else the platform's user data folder."""
    chosen = explicit or os.environ.get("HALLWAY_DATA_DIR") or user_data_dir("hallway", False)
    path = Path(chosen).expanduser()
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
