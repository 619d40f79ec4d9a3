"""A TinyDB storage that writes whole files atomically, once per transaction.

TinyDB's own JSONStorage rewrites the file in place on every change: a crash mid-write leaves
a truncated file, and a capture of 100 attendees would rewrite it 100 times. Here the data
lives in memory, a transaction changes it, and its end replaces the file in one step
(temporary file, fsync, rename, fsync of the folder).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._seen: tuple[int, int, int] | None = None
        self.deferred = False
        self.dirty = False

    def read(self) -> dict[str, Any] | None:
        if self._data is None or self.changed_on_disk():
            self._load()
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self.dirty = True
        if not self.deferred:
            self.flush()

    def flush(self) -> None:
        if not self.dirty or self._data is None:
            return
        body = json.dumps(self._data, ensure_ascii=False, separators=(",", ":")).encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".db-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)
        self.dirty = False
        self._seen = _stamp(self.path)

    def changed_on_disk(self) -> bool:
        """Another process (an import while the server runs) replaced the file since we read it."""
        return not self.dirty and _stamp(self.path) != self._seen

    def _load(self) -> None:
        self._seen = _stamp(self.path)
        if self._seen is None:
            self._data = None
            return
        with open(self.path, "rb") as f:
            self._data = json.loads(f.read() or b"{}")


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
