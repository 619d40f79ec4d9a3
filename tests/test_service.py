"""`hallway service`: the companion started at login and restarted when it stops (issue 20).

Each platform's definition is checked here by its own rules: the systemd unit by
`systemd-analyze verify` (and installed for real where `systemctl --user` runs), the launchd
plist by plistlib, the Task Scheduler XML by its schema's required elements; install and
uninstall run against a recording stand-in for the system's commands, in a temporary home.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from companion import service
from companion.cli import main

TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


class Recorder:
    """Stands in for systemctl, launchctl and schtasks: notes each command, answers `ok`."""

    def __init__(self) -> None:
        self.ran: list[list[str]] = []

    def __call__(self, argv):
        self.ran.append(list(argv))
        return subprocess.CompletedProcess(list(argv), 0, stdout="active\n", stderr="")


def files(home: Path) -> set[Path]:
    return {p for p in home.rglob("*") if p.is_file()}


@pytest.mark.parametrize("system", ["Linux", "Darwin", "Windows"])
def test_uninstall_removes_exactly_what_install_wrote(tmp_path, system):
    home = tmp_path / "home"
    (home / "notes.txt").parent.mkdir(parents=True)
    (home / "notes.txt").write_text("the user's own")
    before = files(home)
    plan = service.plan(system, home, 5480, tmp_path / "data")
    run = Recorder()
    service.install(plan, run)
    assert files(home) == before | {plan.path}
    assert run.ran == plan.start
    assert service.status(plan, run).startswith("Installed")
    service.uninstall(plan, run)
    assert files(home) == before
    assert run.ran[-len(plan.stop) :] == plan.stop
    assert service.status(plan, run).startswith("Not installed")


def test_the_linux_unit_names_the_port_and_folder_restarts_and_verifies(tmp_path):
    plan = service.plan("Linux", tmp_path, 5480, tmp_path / "my data")
    assert plan.path == tmp_path / ".config/systemd/user/hallway.service"
    text = str(plan.text)
    assert "serve --port 5480 --data-dir" in text and "'" + str(tmp_path / "my data") + "'" in text
    assert "Restart=on-failure" in text and "WantedBy=default.target" in text
    assert plan.start[-1] == ["systemctl", "--user", "enable", "--now", "hallway.service"]
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not on this machine")
    service.install(plan, Recorder())
    verified = subprocess.run(
        ["systemd-analyze", "verify", str(plan.path)], capture_output=True, text=True
    )
    assert verified.returncode == 0, verified.stderr


def test_the_macos_agent_is_a_valid_plist_that_keeps_it_alive(tmp_path):
    plan = service.plan("Darwin", tmp_path, 5480, tmp_path / "data")
    agent = plistlib.loads(plan.text)
    assert agent["Label"] == "org.hallway.companion"
    arguments = ["serve", "--port", "5480", "--data-dir", str(tmp_path / "data")]
    assert agent["ProgramArguments"][1:] == arguments
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    assert plan.path == tmp_path / "Library/LaunchAgents/org.hallway.companion.plist"


def test_the_windows_task_has_what_its_schema_requires(tmp_path):
    plan = service.plan("Windows", tmp_path, 5480, Path("C:/Users/ada/Hallway data"))
    assert isinstance(plan.text, bytes) and plan.text[:2] in (b"\xff\xfe", b"\xfe\xff")
    task = ET.fromstring(plan.text)
    assert task.tag == f"{TASK}Task" and task.get("version") == "1.2"
    exec_ = task.find(f"{TASK}Actions/{TASK}Exec")
    assert exec_.find(f"{TASK}Command").text.endswith("hallway")
    assert exec_.find(f"{TASK}Arguments").text == (
        'serve --port 5480 --data-dir "C:/Users/ada/Hallway data"'
    )
    assert task.find(f"{TASK}Triggers/{TASK}LogonTrigger") is not None
    assert task.find(f"{TASK}Settings/{TASK}RestartOnFailure/{TASK}Count").text == "999"
    assert plan.start[0][:4] == ["schtasks", "/Create", "/TN", "Hallway"]


def test_no_service_where_the_platform_has_none(tmp_path):
    with pytest.raises(ValueError, match="hallway serve"):
        service.plan("Plan9", tmp_path, 5474, tmp_path)


def test_the_command_installs_in_a_temporary_home_with_a_stand_in_systemctl(
    runner, tmp_path, monkeypatch
):
    home, bin_dir = tmp_path / "home", tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "systemctl.log"
    fake = bin_dir / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$@" >> {log}\necho active\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("platform.system", lambda: "Linux")
    data = tmp_path / "data"

    installed = runner.invoke(
        main, ["service", "install", "--port", "5480", "--data-dir", str(data)]
    )
    assert installed.exit_code == 0, installed.output
    unit = home / ".config/systemd/user/hallway.service"
    assert f"--port 5480 --data-dir {data}" in unit.read_text()
    assert log.read_text().splitlines() == [
        "--user daemon-reload",
        "--user enable --now hallway.service",
    ]
    assert "active" in runner.invoke(main, ["service", "status"]).output
    removed = runner.invoke(main, ["service", "uninstall"])
    assert removed.exit_code == 0 and not unit.exists()
    assert log.read_text().splitlines()[-1] == "--user disable --now hallway.service"


def test_a_real_systemd_user_service_where_systemctl_user_works(tmp_path):
    check = subprocess.run(
        ["systemctl", "--user", "is-system-running"], capture_output=True, text=True
    ) if shutil.which("systemctl") else None  # fmt: skip
    if check is None or check.stdout.strip() not in {"running", "degraded"}:
        pytest.skip("no systemd user manager here (containers have none); the unit is verified")
    plan = service.plan("Linux", Path.home(), 5499, tmp_path / "data")
    try:
        service.install(plan)
        assert service.status(plan).endswith("active.")
    finally:
        service.uninstall(plan)
