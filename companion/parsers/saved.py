"""Reading a page the user saved to disk: HTML, or a JSON document the page loaded."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class SavedPage:
    html: str
    payloads: list[Any] = field(default_factory=list)


def load(path: Path) -> SavedPage:
    """The file as the extension would send it: JSON goes into payloads, anything else is HTML.

    Bytes that are not UTF-8 are replaced, not refused: the parser's sanity check then says
    plainly that a binary file is not a web page.
    """
    text = path.read_bytes().decode("utf-8", errors="replace")
    if text.lstrip()[:1] in ("{", "["):
        try:
            return SavedPage(html="", payloads=[json.loads(text)])
        except ValueError:
            pass  # not JSON after all: let the HTML parser judge it
    return SavedPage(html=text)
