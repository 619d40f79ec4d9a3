"""A TinyDB storage that writes whole files atomically, once per transaction, with backups.

TinyDB's own JSONStorage rewrites the file in place on every change: a crash mid-write leaves
a truncated file, and a capture of 100 attendees would rewrite it 100 times. Here the data
lives in memory, a transaction changes it, and its end replaces the file in one step
(temporary file, fsync, rename, fsync of the folder). Just before the rename, the previous
file becomes backup `.1` (a hard link: no copy) and older backups shift to `.2` and `.3`.
Opening a damaged file falls back to the newest backup that reads, and says so.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from companion.store.errors import StoreDamaged, StoreWriteError

BACKUPS = 3
TEMP_PREFIX, TEMP_SUFFIX = ".db-", ".tmp"
log = logging.getLogger(__name__)

_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_CHANGES_KEPT = 1000  # writes remembered; a reader further behind reads everything again


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._seen: tuple[int, int, int] | None = None
        self.deferred = False
        self.dirty = False
        self.generation = 0  # counts changes, so caches of the data know when they are stale
        # (generation, table -> ids) of each write since `_told_from`, when the writer said.
        self._changes: list[tuple[int, dict[str, set[int]]]] = []
        self._told_from = 0
        self.recovered_from: Path | None = None
        self._damaged = False

    def read(self) -> dict[str, Any] | None:
        if self._data is None or self.changed_on_disk():
            self._load()
        return self._data

    def write(self, data: dict[str, Any], changed: dict[str, set[int]] | None = None) -> None:
        self._data = data
        self.dirty = True
        self.generation += 1
        self._remember(changed)
        if not self.deferred:
            self.flush()

    def changes_since(self, generation: int) -> dict[str, set[int]] | None:
        """The ids of the documents changed in each table since `generation`; None when
        that cannot be told (the data was read again, or written whole)."""
        if generation < self._told_from or generation > self.generation:
            return None
        found: dict[str, set[int]] = {}
        for at, changed in self._changes:
            if at > generation:
                for table, ids in changed.items():
                    found.setdefault(table, set()).update(ids)
        return found

    def _remember(self, changed: dict[str, set[int]] | None) -> None:
        if changed is None or len(self._changes) >= _CHANGES_KEPT:
            self._changes, self._told_from = [], self.generation
        else:
            self._changes.append((self.generation, changed))

    def flush(self) -> None:
        if not self.dirty or self._data is None:
            return
        body = orjson.dumps(self._data)
        try:
            self._replace(body)
        except OSError as problem:
            raise write_error(problem, self.path.parent) from problem
        self.dirty = False
        self._seen = _stamp(self.path)

    def backups(self) -> list[Path]:
        """The backup files, newest first (`.1` is the version before the current one)."""
        return [p for p in (backup_path(self.path, n) for n in range(1, BACKUPS + 1)) if p.exists()]

    def temporary_files(self) -> list[Path]:
        """Files being written, or left by a writer that was killed mid-write."""
        return list(self.path.parent.glob(TEMP_PREFIX + "*" + TEMP_SUFFIX))

    def changed_on_disk(self) -> bool:
        """Another process (an import while the server runs) replaced the file since we read it."""
        return not self.dirty and _stamp(self.path) != self._seen

    def _replace(self, body: bytes) -> None:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            self._rotate_backups()
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)

    def _rotate_backups(self) -> None:
        # Renames and a link only touch the folder, so a backup costs no copy of the data.
        if not self.path.exists():
            return
        if self._damaged:
            # Kept aside for the curious, out of the rotation that holds the good versions.
            damaged = self.path.with_name(self.path.name + ".damaged")
            damaged.unlink(missing_ok=True)
            os.link(self.path, damaged)
            self._damaged = False
            return
        for n in range(BACKUPS - 1, 0, -1):
            older = backup_path(self.path, n)
            if older.exists():
                os.replace(older, backup_path(self.path, n + 1))
        try:
            os.link(self.path, backup_path(self.path, 1))
        except OSError:  # a file system without hard links (FAT); a full disk fails here too
            shutil.copy2(self.path, backup_path(self.path, 1))

    def _load(self) -> None:
        self.generation += 1  # what caches built on the old data knew is stale now
        self._remember(None)
        self._seen = _stamp(self.path)
        if self._seen is None:
            self._data = None
            return
        try:
            self._data = read_tables(self.path)
            return
        except ValueError as problem:
            damage = f"{self.path.name} is damaged ({problem})"
        for backup in self.backups():
            try:
                self._data = read_tables(backup)
            except ValueError:
                continue
            self.recovered_from = backup
            # The good backup becomes the data; the next write replaces the damaged file.
            self.dirty = self._damaged = True
            log.error("%s: opened the backup %s instead.", damage, backup.name)
            return
        raise StoreDamaged(
            f"{self.path} is damaged and none of its backups could be read; "
            "Hallway left it untouched."
        )


class IntKeys(MutableMapping[int, Any]):
    """A table's raw {"1": doc} dict seen with int ids, changed in place.

    TinyDB converts a whole table to int keys and back on every insert or update (O(table)
    per call); TinyDB's updaters only need a mapping, and this one costs O(1) per document.
    """

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        # Every document an updater reached: TinyDB updates a document in place once read.
        self.touched: set[int] = set()

    def __getitem__(self, doc_id: int) -> Any:
        self.touched.add(doc_id)
        return self.raw[str(doc_id)]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.touched.add(doc_id)
        self.raw[str(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        self.touched.add(doc_id)
        del self.raw[str(doc_id)]

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def read_tables(path: Path) -> dict[str, Any]:
    """The file's tables; ValueError when it is not a whole, well-formed database."""
    body = path.read_bytes()
    if not body.strip():
        raise ValueError("the file is empty")
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as problem:
        raise ValueError(f"not valid JSON: {problem}") from problem
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise ValueError("not a Hallway database")
    return data


def backup_path(path: Path, n: int) -> Path:
    return path.with_name(f"{path.name}.{n}")


def write_error(problem: OSError, folder: Path) -> StoreWriteError:
    """The plain sentence for a failed write; the previous file is always still there."""
    if problem.errno in _FULL:
        return StoreWriteError(
            f"The disk holding {folder} is full: nothing was saved and your "
            "earlier data is intact.",
            full=True,
        )
    if problem.errno in _READ_ONLY:
        return StoreWriteError(
            f"Hallway may not write to {folder} (read-only): nothing was saved and your "
            "earlier data is intact."
        )
    return StoreWriteError(
        f"Hallway could not write to {folder} ({problem.strerror or problem}): nothing "
        "was saved and your earlier data is intact."
    )


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
