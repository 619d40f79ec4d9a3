"""`hallway doctor`: why does the extension say "off"? Each check, and the command that fixes it.

Read-only: it asks the companion on the port, looks at the data folder's files without
opening the store (a running companion may be writing it), lists the paired extensions from
their file, and asks the system about the service.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from companion import API_VERSION, __version__, config, service
from companion.i18n import _
from companion.pairing import clients
from companion.store.db import DB_NAME
from companion.store.storage import BACKUPS, backup_path, read_tables


@dataclass(frozen=True)
class Finding:
    ok: bool
    said: str
    fix: str | None = None  # the command (or step) that fixes it

    def lines(self) -> list[str]:
        head = f"{'ok ' if self.ok else 'FIX'}  {self.said}"
        return [head] if self.fix is None else [head, f"     -> {self.fix}"]


def examine(data_dir: Path, port: int, home: Path) -> list[Finding]:
    return [
        companion_on(port),
        folder(data_dir),
        database(data_dir),
        paired(data_dir),
        service_state(home, port, data_dir),
    ]


def companion_on(port: int) -> Finding:
    address = f"http://{config.HOST}:{port}"
    try:
        with urllib.request.urlopen(f"{address}/api/health", timeout=3) as answer:
            health = json.load(answer)
    except (OSError, ValueError):
        return Finding(
            False,
            _("Nothing answers on %(address)s.", address=address),
            f"hallway serve --port {port}",
        )
    if not isinstance(health, dict) or health.get("app") != "hallway":
        return Finding(
            False,
            _("Another program answers on %(address)s, not Hallway.", address=address),
            _(
                "hallway serve --port %(port)s (then set that address in the extension's options)",
                port=port + 1,
            ),
        )
    if health.get("api") != API_VERSION or health.get("version") != __version__:
        return Finding(
            False,
            _(
                "Hallway %(theirs)s answers on %(address)s; this command is %(ours)s.",
                theirs=health.get("version"),
                address=address,
                ours=__version__,
            ),
            _(
                "restart the companion so both are the same version (hallway service install, "
                "or stop and start hallway serve)"
            ),
        )
    return Finding(
        True, _("Hallway %(version)s answers on %(address)s.", version=__version__, address=address)
    )


def folder(data_dir: Path) -> Finding:
    if not data_dir.is_dir():
        return Finding(
            False,
            _("The data folder %(folder)s does not exist.", folder=data_dir),
            f"hallway serve --data-dir {data_dir}",
        )
    try:
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".doctor-"):
            pass
    except OSError as problem:
        return Finding(
            False,
            _(
                "The data folder %(folder)s cannot be written (%(problem)s).",
                folder=data_dir,
                problem=problem.strerror,
            ),
            _("give yourself write access: chmod u+rwx %(folder)s", folder=data_dir),
        )
    return Finding(True, _("The data folder %(folder)s can be written.", folder=data_dir))


def database(data_dir: Path) -> Finding:
    path = data_dir / DB_NAME
    if not path.exists():
        return Finding(True, _("No database yet: the first capture makes it."))
    try:
        tables = read_tables(path)
    except (OSError, ValueError) as problem:
        good = next((b for b in _backups(path) if _readable(b)), None)
        fix = (
            _(
                "restart the companion: it opens the newest good backup, %(backup)s, by itself",
                backup=good.name,
            )
            if good
            else _(
                "restore an export: hallway restore EXPORT.json --replace --data-dir %(folder)s",
                folder=data_dir,
            )
        )
        return Finding(
            False, _("%(path)s is damaged (%(problem)s).", path=path, problem=problem), fix
        )
    people = len(tables.get("people", {}))
    return Finding(True, _("The database is whole: %(n)s people (%(path)s).", n=people, path=path))


def paired(data_dir: Path) -> Finding:
    found = clients.listing(data_dir)
    if not found:
        return Finding(
            False,
            _("No extension is paired."),
            _("in the extension's options, Ask the companion to pair (or paste `hallway token`)"),
        )
    said = "; ".join(
        _(
            "%(name)s (%(browser)s, last call %(when)s)",
            name=_(c.name),
            browser=c.browser or _("pasted token"),
            when=c.last_call or _("not recorded"),
        )
        for c in found
    )
    return Finding(True, _("%(n)s paired: %(said)s.", n=len(found), said=said))


def service_state(home: Path, port: int, data_dir: Path) -> Finding:
    try:
        plan = service.plan(platform.system(), home, port, data_dir)
    except ValueError as problem:
        return Finding(True, str(problem))
    if not plan.path.exists():
        return Finding(
            True,
            _("No service: Hallway starts only when you run it."),
            _("hallway service install (optional)"),
        )
    return Finding(True, _("Service: %(said)s", said=service.status(plan)))


def _backups(path: Path) -> list[Path]:
    return [b for b in (backup_path(path, n) for n in range(1, BACKUPS + 1)) if b.exists()]


def _readable(path: Path) -> bool:
    try:
        read_tables(path)
    except (OSError, ValueError):
        return False
    return os.access(path, os.R_OK)
