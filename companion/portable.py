"""The few file operations that differ between Linux, macOS and Windows, in one place.

- A folder cannot be opened on Windows, so it cannot be fsynced; NTFS journals the rename
  itself, so the folder's fsync is a no-op there.
- `os.fchmod` does not exist on Windows before Python 3.13; there the file is private
  because it lives in the user's own profile folder (platformdirs), and mode bits mean little.
- Windows opens files in text mode unless told otherwise: journal lengths count bytes, so
  every low-level open asks for binary.
- On Windows a replace fails while another program (an indexer, an antivirus) briefly holds
  the target open: it is tried again a few times before the error is let through.
`WINDOWS` is the seam the tests switch to run the Windows branches here.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

WINDOWS = os.name == "nt"
BINARY = getattr(os, "O_BINARY", 0)
REPLACE_ATTEMPTS = 5
REPLACE_PAUSE_S = 0.05


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system lets a folder be fsynced)."""
    if WINDOWS:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private(fd: int) -> None:
    """Only the user may read the file (mode 0600), where the system has modes to set."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)


def replace(source: str | Path, target: str | Path) -> None:
    """os.replace, tried again on Windows while another program holds the target."""
    for attempt in range(REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if not WINDOWS or attempt == REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(REPLACE_PAUSE_S * (attempt + 1))
