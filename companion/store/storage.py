"""A TinyDB storage kept in memory, saved durably once per transaction, with backups.

TinyDB's own JSONStorage rewrites the file in place on every change: a crash mid-write leaves
a truncated file, and a capture of 100 attendees would rewrite it 100 times. Here the data
lives in memory and a transaction's end appends what it changed to the journal (see
journal.py), so a capture writes its own few kilobytes, not the whole network. Once the
journal has grown to a quarter of the file, or when the data was replaced whole, the file is
rewritten (a snapshot): temporary file, fsync, rename, fsync of the folder. Just before the
rename, the previous file and its journal become backup `.1` (hard links: no copy) and older
backups shift to `.2` and `.3`. Opening a damaged file falls back to the newest backup that
reads, replays the journals written since, and says so.
"""

from __future__ import annotations

import errno
import gc
import itertools
import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from companion import portable
from companion.i18n import _
from companion.store import journal
from companion.store.errors import StoreDamaged, StoreWriteError

BACKUPS = 3
TEMP_PREFIX, TEMP_SUFFIX = ".db-", ".tmp"
JOURNAL_SUFFIX = ".journal"
SNAPSHOT_TOKEN = "snapshot"  # the field of `meta` that names the file the data was saved in
# The journal is folded into a new snapshot once it is larger than both of these: a small
# file need not be rewritten after every other large capture, and a journal this size is
# still quick to replay on opening (bench/results/README.md).
COMPACT_MIN_BYTES = 4 << 20
COMPACT_SHARE = 0.25  # of the snapshot's size
# How many recent changes `changes_since` remembers; older questions get "rebuild".
CHANGES_KEPT = 10_000
log = logging.getLogger(__name__)

_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
Stamp = tuple[int, int, int] | None
_GENERATIONS = itertools.count(1)
ABSENT: Any = object()  # an original that did not exist: a rollback removes the document


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.journal_path = journal_of(self.path)
        self._data: dict[str, Any] | None = None
        self._seen: tuple[Stamp, Stamp] | None = None
        self.deferred = False  # in a transaction: save at commit(), or put back at rollback()
        self._originals: dict[str, dict[str, Any]] | None = None  # table -> id -> as it was
        self._data_before: dict[str, Any] | None = None  # the data a transaction replaced
        self._pending: dict[str, set[int]] = {}  # documents changed since the last save
        self._whole = False  # the data was replaced whole: the next save writes a snapshot
        self._journal_length = 0  # bytes of the valid journal; 0: there is none to append to
        self._snapshot_bytes = 0
        # Counts changes, so caches of the data know when they are stale; drawn from one
        # counter for every storage, so a generation never means two states.
        self.generation = next(_GENERATIONS)
        self._changes: list[tuple[int, str, set[int]]] = []
        self._changes_floor = self.generation  # `changes_since` knows nothing before this
        self.recovered_from: Path | None = None
        self._damaged = False

    @property
    def dirty(self) -> bool:
        return self._whole or bool(self._pending)

    def read(self) -> dict[str, Any] | None:
        # Loaded once; the Store opens the file again when another process changed it.
        if self._data is None:
            self._load()
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """TinyDB's way: the whole data, replaced (an upgrade, a restore, a dropped table)."""
        if self.deferred and self._data_before is None:
            self._data_before = self._data if self._data is not None else {}
        self._data = data
        self._whole = True
        self._forget_changes()
        if not self.deferred:
            self.flush()

    def write_documents(self, table: str, doc_ids: set[int]) -> None:
        """These documents of `table` were inserted, changed or removed in the data.

        The set is kept as given (a capture makes thousands of these calls): never change it.
        """
        self._pending.setdefault(table, set()).update(doc_ids)
        self._record_change(table, doc_ids)
        if not self.deferred:
            self.flush()

    def _record_change(self, table: str, doc_ids: set[int]) -> None:
        self.generation = next(_GENERATIONS)
        self._changes.append((self.generation, table, doc_ids))
        if len(self._changes) > CHANGES_KEPT:
            dropped = self._changes[: len(self._changes) // 2]
            del self._changes[: len(dropped)]
            self._changes_floor = dropped[-1][0]

    def begin(self) -> None:
        """Start a transaction: changes wait for `commit()`, and `rollback()` can undo them."""
        self.deferred = True
        self._originals, self._data_before = {}, None

    def originals(self, table: str) -> dict[str, Any] | None:
        """Where a change records each document of `table` as it was before the transaction
        first changed it (None outside a transaction, or once the data was replaced whole:
        putting the old data back undoes everything then)."""
        if self._originals is None or self._data_before is not None:
            return None
        return self._originals.setdefault(table, {})

    def commit(self) -> None:
        self.deferred, self._originals, self._data_before = False, None, None
        self.flush()

    def rollback(self) -> None:
        """Put back every document the transaction changed; nothing is written."""
        originals, before = self._originals or {}, self._data_before
        self.deferred, self._originals, self._data_before = False, None, None
        if not self.dirty:
            return
        if before is not None:
            self._data = before
        for table, docs in originals.items():
            stored = (self._data or {}).setdefault(table, {})
            for key, doc in docs.items():
                if doc is ABSENT:
                    stored.pop(key, None)
                else:
                    stored[key] = doc
        self._pending.clear()
        self._whole = False
        if before is not None:
            self._forget_changes()
        else:
            for table, docs in originals.items():
                self._record_change(table, {int(key) for key in docs})

    def changes_since(self, generation: int) -> dict[str, set[int]] | None:
        """The ids of the documents changed in each table since `generation`; None when that
        is unknown (the data was reloaded or replaced since, or it is too long ago)."""
        if generation < self._changes_floor:
            return None
        changed: dict[str, set[int]] = {}
        for at, table, doc_ids in reversed(self._changes):
            if at <= generation:
                break
            changed.setdefault(table, set()).update(doc_ids)
        return changed

    def flush(self) -> None:
        if not self.dirty or self._data is None:
            return
        try:
            if self._whole or not self._journal_length:
                self._write_snapshot(compacted=False)
            else:
                self._append()
        except OSError as problem:
            raise write_error(problem, self.path.parent) from problem
        self._pending.clear()
        self._whole = False
        if self._journal_length > max(COMPACT_MIN_BYTES, self._snapshot_bytes * COMPACT_SHARE):
            self.compact()
        self._seen = self._stamps()

    def compact(self) -> None:
        """Fold the journal into a new snapshot. Everything is already saved in the journal,
        so a failure here loses nothing: it is logged and tried again after the next save."""
        try:
            self._write_snapshot(compacted=True)
        except OSError as problem:
            log.warning("Could not compact %s (%s); the journal keeps growing.", self.path, problem)
        self._seen = self._stamps()

    def backups(self) -> list[Path]:
        """The backup files, newest first (`.1` is the version before the current one)."""
        return [p for p in (backup_path(self.path, n) for n in range(1, BACKUPS + 1)) if p.exists()]

    def temporary_files(self) -> list[Path]:
        """Files being written, or left by a writer that was killed mid-write."""
        return list(self.path.parent.glob(TEMP_PREFIX + "*" + TEMP_SUFFIX))

    def changed_on_disk(self) -> bool:
        """Another process (an import while the server runs) wrote the files since we read them."""
        return not self.dirty and self._stamps() != self._seen

    def _forget_changes(self) -> None:
        self.generation = next(_GENERATIONS)
        self._changes.clear()
        self._changes_floor = self.generation

    def _stamps(self) -> tuple[Stamp, Stamp]:
        return _stamp(self.path), _stamp(self.journal_path)

    def _append(self) -> None:
        assert self._data is not None
        record = {}
        for table, doc_ids in self._pending.items():
            docs = self._data.get(table, {})
            record[table] = {key: docs.get(key) for key in map(str, doc_ids)}
        self._journal_length = journal.append(self.journal_path, record, self._journal_length)

    def _write_snapshot(self, compacted: bool) -> None:
        assert self._data is not None
        meta = self._data.setdefault("meta", {}).setdefault("1", {})
        token = meta[SNAPSHOT_TOKEN] = secrets.token_hex(8)
        body = orjson.dumps(self._data)
        header = journal.Header(token, compacted)
        snapshot = new_journal = None
        try:
            snapshot = _durable_temp(self.path.parent, body)
            new_journal = _durable_temp(self.path.parent, journal.header_line(header))
            self._rotate_backups()
            # A crash between the two renames leaves the old journal beside the new snapshot:
            # its header names the old snapshot, so it is ignored on opening.
            portable.replace(snapshot, self.path)
            portable.replace(new_journal, self.journal_path)
        except BaseException:
            for leftover in (snapshot, new_journal):
                if leftover is not None:
                    leftover.unlink(missing_ok=True)
            raise
        portable.fsync_dir(self.path.parent)
        self._journal_length = len(journal.header_line(header))
        self._snapshot_bytes = len(body)

    def _rotate_backups(self) -> None:
        # Renames and links only touch the folder, so a backup costs no copy of the data.
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
            for older, newer in _pair(backup_path(self.path, n), backup_path(self.path, n + 1)):
                if older.exists():
                    portable.replace(older, newer)
                else:
                    newer.unlink(missing_ok=True)  # never pair a snapshot with an older journal
        for current, backup in _pair(self.path, backup_path(self.path, 1)):
            if current.exists():
                _link_or_copy(current, backup)
            else:
                backup.unlink(missing_ok=True)

    def _load(self) -> None:
        self._forget_changes()  # what caches built on the old data knew is stale now
        self._pending.clear()
        self._whole = False
        self._seen = self._stamps()
        self._journal_length = 0
        if self._seen[0] is None:
            self._data = None
            return
        try:
            with collector_paused():
                self._data = read_tables(self.path)
                self._snapshot_bytes = self._seen[0][2]
                self._journal_length = self._replay(self._data, [self.journal_path], chained=False)
            return
        except ValueError as problem:
            damage = f"{self.path.name} is damaged ({problem})"  # for the log
        for n, backup in enumerate(self.backups(), start=1):
            try:
                data = read_tables(backup)
            except ValueError:
                continue
            newer = [backup_path(self.path, k) for k in range(n, 0, -1)] + [self.path]
            self._replay(data, [journal_of(p) for p in newer], chained=True)
            self._data = data
            self.recovered_from = backup
            # The good backup becomes the data; the next write replaces the damaged file.
            self._whole = self._damaged = True
            log.error("%s: opened the backup %s instead.", damage, backup.name)
            return
        raise StoreDamaged(
            _(
                "%(path)s is damaged and none of its backups could be read; "
                "Hallway left it untouched.",
                path=self.path,
            )
        )

    @staticmethod
    def _replay(data: dict[str, Any], journals: list[Path], chained: bool) -> int:
        """Apply the journal of `data`'s snapshot, then (`chained`, recovering a backup) those of
        the snapshots compacted from it since; the length of the last journal applied."""
        token = data.get("meta", {}).get("1", {}).get(SNAPSHOT_TOKEN)
        length = 0
        for n, path in enumerate(journals):
            contents = journal.read(path)
            header = contents.header
            continues = header is not None and (
                header.snapshot == token if n == 0 else chained and header.compacted
            )
            if not continues:
                return 0
            journal.apply(data, contents.records)
            length = contents.length
        return length


class IntKeys(MutableMapping[int, Any]):
    """A table's raw {"1": doc} dict seen with int ids, changed in place.

    TinyDB converts a whole table to int keys and back on every insert or update (O(table)
    per call); TinyDB's updaters only need a mapping, and this one costs O(1) per document.
    """

    def __init__(self, raw: dict[str, Any], originals: dict[str, Any] | None = None):
        self.raw = raw
        # What the updater reached: TinyDB changes documents in place, so any document it
        # got may have changed; these are the ones the journal saves.
        self.touched: set[int] = set()
        self._originals = originals

    def __getitem__(self, doc_id: int) -> Any:
        key = self._reach(doc_id)
        return self.raw[key]

    def __setitem__(self, doc_id: int, doc: Any) -> None:
        self.raw[self._reach(doc_id)] = doc

    def __delitem__(self, doc_id: int) -> None:
        del self.raw[self._reach(doc_id)]

    def _reach(self, doc_id: int) -> str:
        """Before the first change of a document in a transaction, keep it as it was: TinyDB
        changes a document's fields in place, so a copy (its fields are replaced, never
        changed inside)."""
        key = str(doc_id)
        if self._originals is not None and key not in self._originals:
            doc = self.raw.get(key, ABSENT)
            self._originals[key] = dict(doc) if isinstance(doc, dict) else doc
        self.touched.add(doc_id)
        return key

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(k) for k in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def read_tables(path: Path) -> dict[str, Any]:
    """The file's tables; ValueError when it is not a whole, well-formed database."""
    body = path.read_bytes()
    if not body.strip():
        raise ValueError(_("the file is empty"))
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as problem:
        raise ValueError(_("not valid JSON: %(problem)s", problem=problem)) from problem
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise ValueError(_("not a Hallway database"))
    return data


def backup_path(path: Path, n: int) -> Path:
    return path.with_name(f"{path.name}.{n}")


def write_error(problem: OSError, folder: Path) -> StoreWriteError:
    """The plain sentence for a failed write; the previous file is always still there."""
    if problem.errno in _FULL:
        return StoreWriteError(
            _(
                "The disk holding %(folder)s is full: nothing was saved and your "
                "earlier data is intact.",
                folder=folder,
            ),
            full=True,
        )
    if problem.errno in _READ_ONLY:
        return StoreWriteError(
            _(
                "Hallway may not write to %(folder)s (read-only): nothing was saved and your "
                "earlier data is intact.",
                folder=folder,
            )
        )
    return StoreWriteError(
        _(
            "Hallway could not write to %(folder)s (%(problem)s): nothing "
            "was saved and your earlier data is intact.",
            folder=folder,
            problem=problem.strerror or problem,
        )
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """For building what lives as long as the data (the data itself, the network's indexes):
    many small objects and no garbage, which the cyclic collector would walk again and again
    as the heap grows. Resumed, as it was, when the block ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + JOURNAL_SUFFIX)


def _pair(snapshot: Path, other: Path) -> list[tuple[Path, Path]]:
    """A snapshot path and another, then their journals: backups move in pairs."""
    return [(snapshot, other), (journal_of(snapshot), journal_of(other))]


def _link_or_copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links (FAT); a full disk fails here too
        shutil.copy2(source, target)


def _durable_temp(folder: Path, body: bytes) -> Path:
    """A temporary file in `folder` holding `body`, fsynced."""
    fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)
