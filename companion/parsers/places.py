"""Where an event happens, said once: every platform's venue goes through `place()`.

Pages repeat the venue's name at the start of its address (Luma: "Nanshan Plaza, Nanshan
Plaza, No. 100 Songren Rd, ...") and write country codes in lower case (Meetup: "VA, us").
"""

from __future__ import annotations

import re

from companion.model import Place
from companion.parsers.text import clean

_COUNTRY_CODE = re.compile(r"(,\s*)([a-z]{2})$")


def place(name: object, address: object) -> Place | None:
    """The venue with its name and address, or None when the page gives neither."""
    name, address = clean(name), clean(address)
    if name and address:
        address = _without_name(address, name)
    if address:
        address = _COUNTRY_CODE.sub(lambda m: m.group(1) + m.group(2).upper(), address)
    return Place(name=name, address=address) if name or address else None


def _without_name(address: str, name: str) -> str | None:
    if not address.casefold().startswith(name.casefold()):
        return address
    rest = address[len(name) :].lstrip(" ,;-\u2013")
    # "Acme Hall" and "Acme Hallway 5": only a whole name is the venue's.
    if rest and address[len(name)].isalnum():
        return address
    return rest or None
