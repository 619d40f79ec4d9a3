"""The journal: what each transaction changed, appended to a file beside the database.

Rewriting the whole file to add one evening's people would make every capture pay for the
whole network. Instead a transaction appends one line, `{table: {doc_id: document or null}}`, and
fsyncs it; the whole file is rewritten only now and then (compaction). Each line holds whole
documents, not edits, so replaying a line twice changes nothing.

The first line names the snapshot the journal continues (a token the snapshot keeps in its
`meta` table), so a journal left beside a newer snapshot by a crash mid-compaction is
recognised and ignored, and says whether that snapshot was the previous one plus its journal
(a compaction) or a replacement (an upgrade, a restore): recovery from a backup chains
journals only across compactions. A line cut short by a crash is not a transaction that
happened: it is ignored, and cut off before the next append.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from companion import portable

Changes = dict[str, dict[str, Any]]  # table -> doc id (str) -> document, or None if removed
log = logging.getLogger(__name__)


@dataclass
class Header:
    snapshot: str  # the token of the snapshot this journal continues
    compacted: bool  # that snapshot was the one before it plus its journal


@dataclass
class Contents:
    header: Header | None
    records: list[Changes] = field(default_factory=list)
    length: int = 0  # bytes up to the end of the last whole line: what to keep


def read(path: Path) -> Contents:
    """The journal's header and its whole records; an absent or unreadable file has none."""
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        return Contents(None)
    lines = body.split(b"\n")
    lines.pop()  # what follows the last newline: empty, or a line a crash cut short
    header = _header(lines[0]) if lines else None
    if header is None:
        return Contents(None)
    contents = Contents(header, length=len(lines[0]) + 1)
    for line in lines[1:]:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            break
        if not isinstance(record, dict):
            break
        contents.records.append(record)
        contents.length += len(line) + 1
    if contents.length < len(body):
        log.warning("%s ends with a write cut short; it is ignored.", path.name)
    return contents


def apply(data: dict[str, Any], records: list[Changes]) -> None:
    for record in records:
        for table, docs in record.items():
            rows = data.setdefault(table, {})
            for doc_id, doc in docs.items():
                if doc is None:
                    rows.pop(doc_id, None)
                else:
                    rows[doc_id] = doc


def header_line(header: Header) -> bytes:
    return orjson.dumps({"snapshot": header.snapshot, "compacted": header.compacted}) + b"\n"


def append(path: Path, record: Changes, keep: int) -> int:
    """Append one record after the first `keep` bytes (dropping a torn tail), durably; the
    journal's new length. On failure the file is cut back to `keep` bytes and OSError raised."""
    line = orjson.dumps(record) + b"\n"
    fd = os.open(path, os.O_WRONLY | portable.BINARY)
    try:
        try:
            if os.fstat(fd).st_size != keep:
                os.ftruncate(fd, keep)
            os.lseek(fd, keep, os.SEEK_SET)
            _write_all(fd, line)
            os.fsync(fd)
        except OSError:
            # On failure the torn tail is ignored on reading, and cut before the next append.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, keep)
            raise
    finally:
        os.close(fd)
    return keep + len(line)


def _header(line: bytes) -> Header | None:
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("snapshot"), str):
        return None
    return Header(value["snapshot"], bool(value.get("compacted")))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
