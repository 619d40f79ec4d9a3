"""The database file: where it lives, how it is opened, and the one way to change it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fasteners import ReaderWriterLock
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Table

from companion.i18n import _
from companion.store import schema
from companion.store.errors import StoreTooNew, StoreWriteError
from companion.store.network import Network
from companion.store.storage import AtomicJSONStorage, IntKeys, write_error

DB_NAME = "hallway.json"
# Another process holds the lock for one write, well under a second; a minute means it hangs.
LOCK_TIMEOUT_S = 60
log = logging.getLogger(__name__)


class FastTable(Table):
    """A TinyDB table whose inserts and updates cost O(1), not O(table) (see IntKeys), and
    which tells the storage which documents changed, for its journal."""

    def _update_table(self, updater):  # type: ignore[no-untyped-def]
        tables = self._storage.read() or {}
        docs = IntKeys(tables.setdefault(self.name, {}), self._storage.originals(self.name))
        updater(docs)
        self._storage.write_documents(self.name, docs.touched)
        self.clear_cache()

    def next_id(self) -> int:
        """The id the next inserted document gets, taken now: a batch knows its ids before
        it inserts them."""
        return self._get_next_id()

    def put_new(self, docs: Mapping[int, dict[str, Any]]) -> None:
        """Store documents made for this insert under the ids `next_id` gave them, as they
        are (TinyDB's insert_multiple checks and copies each one)."""

        def updater(table: MutableMapping[int, dict[str, Any]]) -> None:
            for doc_id, doc in docs.items():
                table[doc_id] = doc

        if docs:
            self._update_table(updater)

    def insert_new(self, docs: Iterable[dict[str, Any]]) -> None:
        """Store documents made for this insert, as they are, each under the next id."""
        self.put_new({self.next_id(): doc for doc in docs})

    def update_each(self, changes: Mapping[int, Mapping[str, Any]]) -> None:
        """Other fields for each document, in one change (TinyDB's `update` gives every
        document it names the same fields)."""

        def updater(docs: MutableMapping[int, dict[str, Any]]) -> None:
            for doc_id, fields in changes.items():
                docs[doc_id].update(fields)

        if changes:
            self._update_table(updater)


class HallwayDB(TinyDB):
    """TinyDB with FastTable, and the network read from it (see network.py)."""

    table_class = FastTable

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.network = Network(self)

    def forget_cached(self) -> None:
        """After a rollback: the tables' query results and next ids may name what was undone."""
        for table in self._tables.values():
            table.clear_cache()
            table._next_id = None


class Store:
    """The user's network in one TinyDB file, read through the network held in memory.

    A readers-writer lock orders everything: `reading()` holds the read side while a request
    builds its answer; `transaction()` holds the write side (and a file lock: a second
    `hallway` process may be running), writes the file once at its end, and moves the network
    on before it lets go. A transaction whose block raises leaves the store as it was: what it
    changed is put back in memory and nothing is written. `recovered_from` names the backup
    opened in place of a damaged file (None normally): the API and pages show it.
    """

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = ReaderWriterLock()
        self._file_lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT_S)
        self.recovered_from: Path | None = None
        self.db = self._open()
        self._upgrade()
        self._remove_orphans()

    @property
    def storage(self) -> AtomicJSONStorage:
        return self.db.storage  # type: ignore[return-value]

    def backups(self) -> list[Path]:
        return self.storage.backups()

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        with self._lock.write_lock(), self._locked_file():
            db = self._fresh()
            storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
            storage.begin()
            try:
                yield db
            except BaseException:
                storage.rollback()
                db.forget_cached()  # type: ignore[attr-defined]
                db.network.follow()  # type: ignore[attr-defined]
                raise
            try:
                storage.commit()
            except BaseException:
                # The files hold what was saved before the failure: read them again.
                self.db = self._open()
                raise
            db.network.follow()  # type: ignore[attr-defined]

    @contextmanager
    def reading(self) -> Iterator[Network]:
        """The network, unchanged until the block ends: build the whole answer inside it."""
        db = self.db
        if db.storage.changed_on_disk() or db.network.generation != db.storage.generation:
            with self._lock.write_lock():
                self._fresh().network.follow()  # type: ignore[attr-defined]
        with self._lock.read_lock():
            yield self.db.network  # type: ignore[attr-defined]

    def replace_all(self, data: dict[str, Any]) -> None:
        """Put `data` (whole tables, any schema version) in place of everything stored."""
        with self.transaction() as db:
            db.storage.write(schema.upgrade(data))
            # TinyDB's table handles cache ids and queries of the data just replaced.
            db.forget_cached()  # type: ignore[attr-defined]

    def _open(self) -> TinyDB:
        db = HallwayDB(self.path, storage=AtomicJSONStorage)
        storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
        storage.read()
        if storage.recovered_from:
            self.recovered_from = storage.recovered_from
        return db

    def _fresh(self) -> TinyDB:
        # TinyDB tables cache query results and their next id: after another process wrote
        # the file, start from a new handle rather than trust them.
        if self.storage.changed_on_disk():
            self.db = self._open()
        return self.db

    @contextmanager
    def _locked_file(self) -> Iterator[None]:
        try:
            self._file_lock.acquire()
        except Timeout as problem:
            raise StoreWriteError(
                _(
                    "Another Hallway process has held the database for a minute: nothing was "
                    "saved; stop it and try again."
                )
            ) from problem
        except OSError as problem:
            raise write_error(problem, self.path.parent) from problem
        try:
            yield
        finally:
            self._file_lock.release()

    def _remove_orphans(self) -> None:
        """A killed writer leaves its temporary file; clear them while nobody writes."""
        if not self.storage.temporary_files():
            return
        try:
            # Under the file lock no one is writing, so every temporary file is an orphan.
            with self._lock.write_lock(), self._locked_file():
                for orphan in self.storage.temporary_files():
                    orphan.unlink(missing_ok=True)
        except (StoreWriteError, PermissionError):
            pass  # a read-only folder: they cost nothing but room, and can wait

    def _upgrade(self) -> None:
        """Bring a new or older file to the current format; a newer one is refused."""
        version = schema.version_of(self.storage.read())
        if version == schema.SCHEMA_VERSION and not self.storage.dirty:
            return
        if version is not None and version > schema.SCHEMA_VERSION:
            raise StoreTooNew(
                _(
                    "%(path)s was written by a newer Hallway (format %(version)s); "
                    "update Hallway to open it.",
                    path=self.path,
                    version=version,
                )
            )
        try:
            with self.transaction() as db:
                storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
                data = storage.read()
                version = schema.version_of(data)
                if version is not None and version < schema.SCHEMA_VERSION:
                    kept = schema.keep_original(self.path, version)
                    log.warning(
                        "Upgrading %s from format %s; the original is %s", self.path, version, kept
                    )
                storage.write(schema.upgrade(data))
        except StoreWriteError:
            if version != schema.SCHEMA_VERSION:
                raise
            # Only the recovered backup was to be saved: a read-only folder can still be read.
            return
        with self._lock.write_lock():
            self.db = self._open()


def fast_table(db: TinyDB, name: str) -> FastTable:
    """A table of a store's database, with FastTable's batch methods (typed as such)."""
    return db.table(name)  # type: ignore[return-value]


def current_network(db: TinyDB) -> Network:
    """The network read from this database, caught up with every write so far (in a
    transaction, its own too). Call it under the store's lock, as transactions are."""
    return db.network.follow()  # type: ignore[attr-defined]


def raw(db: TinyDB, table: str) -> dict[str, dict[str, Any]]:
    """A table's documents by id string, as stored: for scans that must not copy each one.

    Read-only: change documents through TinyDB so the write is recorded.
    """
    return (db.storage.read() or {}).get(table, {})
