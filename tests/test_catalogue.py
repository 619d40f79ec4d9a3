"""Every sentence a user reads is in the catalogues, translated: a new string without its
Chinese fails here. The sentences are found the way `make catalogue` finds them (Babel's
extraction with babel.cfg), not from a list kept by hand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from companion import i18n

ROOT = Path(__file__).parents[1]
PO = i18n.LOCALES / "zh_CN" / "LC_MESSAGES" / "messages.po"
# Python's %(name)s, and str.format's {name} in the sentences Click says.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|\{(\w+)(?:![rs])?\}")
TAG = re.compile(r"</?(\w+)")


def extracted() -> set[str | tuple[str, ...]]:
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = extract_from_dir(
        ROOT, method_map, options_map, keywords=keywords, directory_filter=_companion_only
    )
    return {message for _file, _line, message, _comments, _context in found}


def _companion_only(folder: str) -> bool:
    return Path(folder).resolve().is_relative_to(ROOT / "companion")


def catalogue() -> dict[str | tuple[str, ...], object]:
    with PO.open("rb") as source:
        return {m.id: m for m in read_po(source) if m.id}


def singular(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def test_every_marked_sentence_is_in_the_chinese_catalogue():
    missing = {singular(m) for m in extracted()} - {singular(m) for m in catalogue()}
    assert not missing, f"run `make catalogue` and translate: {sorted(missing)}"


def test_the_catalogue_holds_no_sentence_the_code_no_longer_says():
    stale = {singular(m) for m in catalogue()} - {singular(m) for m in extracted()}
    assert not stale, f"run `make catalogue`: {sorted(stale)}"


def test_every_sentence_has_its_chinese_and_none_is_left_fuzzy():
    for message in catalogue().values():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        assert "fuzzy" not in message.flags, f"fuzzy: {message.id!r}"
        assert all(s != singular(message.id) for s in strings), f"still English: {message.id!r}"


def test_a_translation_keeps_every_value_and_tag_of_its_sentence():
    for message in catalogue().values():
        english = singular(message.id)
        chinese = message.string[0] if isinstance(message.string, tuple) else message.string
        assert set(PLACEHOLDER.findall(chinese)) == set(PLACEHOLDER.findall(english)), english
        assert sorted(TAG.findall(chinese)) == sorted(TAG.findall(english)), english
        # A "%" that is not a placeholder is written %% in a sentence that is formatted.
        if "%%" in english:
            assert "%%" in chinese, english


def test_the_compiled_catalogue_is_the_one_in_the_repository():
    """The .mo the companion reads is built from the .po (make catalogues, setup.py)."""
    mo = PO.with_suffix(".mo")
    if not mo.exists():
        pytest.fail("companion/locales/*/messages.mo is missing: run `make catalogues`")
    with mo.open("rb") as compiled:
        built = {_key(m.id): _key(m.string) for m in read_mo(compiled) if m.id}
    assert built == {_key(m.id): _key(m.string) for m in catalogue().values()}


def _key(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)
