"""`hallway doctor` (issue 20): each check says what it found and, for a problem, the command
that fixes it; it changes nothing."""

from __future__ import annotations

import os
import socket

import pytest

from companion import doctor
from companion.cli import main
from companion.pairing import clients
from companion.store.db import DB_NAME
from tests.stores import db_bytes
from tests.test_security_pairing import CHROME, bearer, pair


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_healthy_setup_passes_every_check(live_server, tmp_path):
    app, base = live_server
    data = app.config["HALLWAY_DATA_DIR"]
    port = int(base.rsplit(":", 1)[1])
    clients.add(data, "Chromium on Linux", "chrome-extension://" + "a" * 32, "Chromium")
    findings = doctor.examine(data, port, tmp_path / "home")
    assert [f.ok for f in findings] == [True] * 5, [f.said for f in findings]
    assert findings[0].said == f"Hallway {doctor.__version__} answers on {base}."
    assert "2 paired: Token pasted" in findings[3].said  # the pasted token and the extension


def test_nothing_on_the_port_says_how_to_start_it(tmp_path):
    port = free_port()
    finding = doctor.companion_on(port)
    assert not finding.ok and finding.fix == f"hallway serve --port {port}"


def test_a_damaged_database_names_the_newest_good_backup(tmp_path):
    (tmp_path / DB_NAME).write_text("{not json")
    (tmp_path / f"{DB_NAME}.1").write_text('{"people": {}}')
    finding = doctor.database(tmp_path)
    assert not finding.ok and "damaged" in finding.said
    assert (
        finding.fix
        == f"restart the companion: it opens the newest good backup, {DB_NAME}.1, by itself"
    )


def test_a_damaged_database_with_no_good_backup_points_to_an_export(tmp_path):
    (tmp_path / DB_NAME).write_text("")
    finding = doctor.database(tmp_path)
    assert "hallway restore" in finding.fix


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_says_so(tmp_path):
    tmp_path.chmod(0o500)
    try:
        finding = doctor.folder(tmp_path)
    finally:
        tmp_path.chmod(0o700)
    assert not finding.ok and finding.fix.startswith("give yourself write access")


def test_no_extension_paired_says_how_to_pair(tmp_path):
    finding = doctor.paired(tmp_path)
    assert not finding.ok and "Ask the companion to pair" in finding.fix


def test_a_paired_extensions_last_call_is_noted_for_the_doctor(client, app):
    token = pair(client, CHROME)
    assert client.get("/api/events", headers=bearer(token, CHROME)).status_code == 200
    [extension] = [c for c in clients.listing(app.config["HALLWAY_DATA_DIR"]) if c.origin]
    assert extension.last_call.startswith("20")
    assert "last call 20" in doctor.paired(app.config["HALLWAY_DATA_DIR"]).said


def test_the_command_exits_1_on_a_problem_and_changes_nothing(runner, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_text('{"people": {}}')
    before = db_bytes(data)
    result = runner.invoke(main, ["doctor", "--data-dir", str(data), "--port", str(free_port())])
    assert result.exit_code == 1
    assert "FIX  Nothing answers on" in result.output and "-> hallway serve --port" in result.output
    assert db_bytes(data) == before and sorted(p.name for p in data.iterdir()) == [DB_NAME]
