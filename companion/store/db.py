"""The database file: where it lives, how it is opened, and the one way to change it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock
from tinydb import TinyDB

from companion.store.storage import AtomicJSONStorage

SCHEMA_VERSION = 1
DB_NAME = "hallway.json"


class Store:
    """The user's network in one TinyDB file.

    Every change happens inside `transaction()`, which holds a thread lock and a file lock
    (a second `hallway` process may be running) and writes the file once at its end, or not
    at all if the block raised.
    """

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._thread_lock = threading.RLock()
        self._file_lock = FileLock(str(self.path) + ".lock")
        self.db = self._open()
        with self.transaction() as db:
            meta = db.table("meta")
            if not meta.get(doc_id=1):
                meta.insert({"schema": SCHEMA_VERSION})

    def _open(self) -> TinyDB:
        return TinyDB(self.path, storage=AtomicJSONStorage)

    def _fresh(self) -> TinyDB:
        # TinyDB tables cache query results and their next id: after another process wrote
        # the file, start from a new handle rather than trust them.
        storage: AtomicJSONStorage = self.db.storage  # type: ignore[assignment]
        if storage.changed_on_disk():
            self.db = self._open()
        return self.db

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        with self._thread_lock, self._file_lock:
            db = self._fresh()
            storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
            storage.deferred = True
            try:
                yield db
                storage.flush()
            except BaseException:
                self.db = self._open()
                raise
            finally:
                storage.deferred = False

    @contextmanager
    def reading(self) -> Iterator[TinyDB]:
        """A consistent view for a request that reads several tables."""
        with self._thread_lock:
            yield self._fresh()
