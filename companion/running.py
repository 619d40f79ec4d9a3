"""Which data folder the companion answering on a port uses: `hallway serve` notes it where
`hallway token` run without the same --data-dir can find it."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

from platformdirs import user_state_dir

from companion import config


def _record(port: int) -> Path:
    folder = os.environ.get("HALLWAY_STATE_DIR") or user_state_dir("hallway", False)
    return Path(folder).expanduser() / f"serving-{port}.json"


def note(port: int, data_dir: Path) -> None:
    path = _record(port)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"data_dir": str(data_dir)}), encoding="utf-8")


def forget(port: int) -> None:
    _record(port).unlink(missing_ok=True)


def data_dir_on(port: int) -> Path | None:
    """The data folder of the Hallway companion answering on this port now, if one does."""
    try:
        url = f"http://{config.HOST}:{port}/api/health"
        with urllib.request.urlopen(url, timeout=2) as response:
            if json.load(response).get("app") != "hallway":
                return None
        return Path(json.loads(_record(port).read_text(encoding="utf-8"))["data_dir"])
    except (OSError, ValueError, KeyError):
        return None
