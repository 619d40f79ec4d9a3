"""Storage on Windows and macOS as on Linux (issue 20): the platform branches of portable.py,
run here by switching its seams, and the store and token files written through them."""

from __future__ import annotations

import os

import pytest

from companion import portable, tokens
from companion.store import Store
from tests.stores import event_capture, network, store_capture


@pytest.fixture
def windows(monkeypatch):
    """The Windows branches: no folder fsync, no fchmod (Python before 3.13), binary opens."""
    monkeypatch.setattr(portable, "WINDOWS", True)
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.setattr(portable, "BINARY", 0)  # Linux has no O_BINARY to ask for
    opened_folders: list[str] = []
    real_open = os.open

    def no_folders(path, flags, *args, **kwargs):
        # Opening a folder to fsync it (filelock's own Unix probe is not ours to switch).
        if os.path.isdir(path) and flags == os.O_RDONLY:
            opened_folders.append(str(path))
            raise PermissionError(13, "Access is denied", str(path))  # as Windows answers
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_folders)
    return opened_folders


def test_the_store_saves_and_reopens_with_the_windows_branches(tmp_path, windows):
    store = Store(tmp_path)
    for n in range(3):
        store_capture(store, event_capture(n))
    reopened = network(Store(tmp_path))
    assert len(reopened.events) == 3
    assert windows == []  # no folder was ever opened to be fsynced


def test_the_token_file_is_written_without_fchmod(tmp_path, windows):
    tokens.write_private(tmp_path / "token", "secret-value")
    assert (tmp_path / "token").read_text() == "secret-value"


def test_a_replace_is_tried_again_on_windows_while_another_program_holds_the_file(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(portable, "WINDOWS", True)
    monkeypatch.setattr(portable, "REPLACE_PAUSE_S", 0)
    real_replace, refusals = os.replace, [PermissionError(13, "in use")] * 2

    def busy(source, target):
        if refusals:
            raise refusals.pop()
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", busy)
    (tmp_path / "new").write_text("new")
    portable.replace(tmp_path / "new", tmp_path / "target")
    assert (tmp_path / "target").read_text() == "new"


def test_on_linux_and_macos_a_held_file_is_an_error_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(portable, "WINDOWS", False)
    calls = []

    def refuse(source, target):
        calls.append(source)
        raise PermissionError(13, "denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        portable.replace(tmp_path / "a", tmp_path / "b")
    assert len(calls) == 1


def test_the_journal_is_opened_in_binary_where_the_system_has_text_mode(tmp_path, monkeypatch):
    flags_seen = []
    real_open = os.open
    monkeypatch.setattr(portable, "BINARY", 0x8000)  # Windows' O_BINARY

    def recording(path, flags, *args, **kwargs):
        flags_seen.append(flags)
        return real_open(path, flags & ~0x8000, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording)
    store_capture(Store(tmp_path), event_capture(1))
    assert any(f & 0x8000 and f & os.O_WRONLY for f in flags_seen)


def test_on_linux_a_folder_is_fsynced_after_a_rename(tmp_path, monkeypatch):
    monkeypatch.setattr(portable, "WINDOWS", False)
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    portable.fsync_dir(tmp_path)
    assert len(synced) == 1
