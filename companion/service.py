"""Start at login, restart if it stops: the companion as the user's own background service.

One definition per platform, each naming the data folder and port the user chose:
- Linux: a systemd user unit (~/.config/systemd/user/hallway.service), `Restart=on-failure`;
- macOS: a launchd agent (~/Library/LaunchAgents/org.hallway.companion.plist), `KeepAlive`;
- Windows: a Task Scheduler task (an XML definition registered with `schtasks`), started
  at logon and restarted on failure.
`install` writes the definition and asks the system to start it; `uninstall` stops it and
removes exactly the file `install` wrote; `status` asks the system. Which platform is a
parameter (`system`, as `platform.system()` names it) so each is tested on any machine; the
commands run through `run`, which tests replace.
"""

from __future__ import annotations

import plistlib
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from companion.i18n import _

NAME = "hallway"
LABEL = "org.hallway.companion"
Run = Callable[[Sequence[str]], subprocess.CompletedProcess[str]]


@dataclass(frozen=True)
class Plan:
    """What one platform's service is: its file, the file's text, and the commands."""

    path: Path
    text: str | bytes
    start: list[list[str]]
    stop: list[list[str]]
    state: list[str]


def command(port: int, data_dir: Path) -> list[str]:
    """How the service starts the companion: this very `hallway`, with the user's choices."""
    program = shutil.which(NAME) or str(Path(sys.executable).with_name(NAME))
    return [program, "serve", "--port", str(port), "--data-dir", str(data_dir)]


def plan(system: str, home: Path, port: int, data_dir: Path) -> Plan:
    argv = command(port, data_dir)
    if system == "Linux":
        return _systemd(home, argv)
    if system == "Darwin":
        return _launchd(home, argv)
    if system == "Windows":
        return _task(home, argv)
    raise ValueError(
        _("Hallway cannot install a service on %(system)s: start it with `hallway serve`.",
          system=system)
    )  # fmt: skip


def system_run(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)


def install(p: Plan, run: Run = system_run) -> list[str]:
    """Write the definition and start it; what happened, one line each."""
    p.path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(p.text, bytes):
        p.path.write_bytes(p.text)
    else:
        p.path.write_text(p.text, encoding="utf-8")
    done = [_("Wrote %(file)s.", file=p.path)]
    return done + [_ran(step, run) for step in p.start]


def uninstall(p: Plan, run: Run = system_run) -> list[str]:
    if not p.path.exists():
        return [_("No Hallway service is installed (%(file)s does not exist).", file=p.path)]
    done = [_ran(step, run) for step in p.stop]
    p.path.unlink()
    return [*done, _("Removed %(file)s.", file=p.path)]


def status(p: Plan, run: Run = system_run) -> str:
    """One sentence: installed or not, and what the system says of it."""
    if not p.path.exists():
        return _("Not installed: `hallway service install` starts Hallway at login.")
    try:
        answer = run(p.state)
    except OSError as problem:
        return _("Installed (%(file)s), but its state cannot be read: %(problem)s.",
                 file=p.path, problem=problem)  # fmt: skip
    said = (answer.stdout or answer.stderr or "").strip().splitlines()
    return _("Installed (%(file)s); the system says: %(said)s.", file=p.path,
             said=said[0] if said else answer.returncode)  # fmt: skip


def _ran(step: list[str], run: Run) -> str:
    shown = " ".join(shlex.quote(s) for s in step)
    try:
        answer = run(step)
    except OSError as problem:
        return _("Could not run `%(command)s` (%(problem)s): run it yourself.", command=shown,
                 problem=problem)  # fmt: skip
    if answer.returncode != 0:
        said = (answer.stderr or answer.stdout or "").strip()
        return _("`%(command)s` failed: %(said)s", command=shown, said=said)
    return _("Ran `%(command)s`.", command=shown)


def _systemd(home: Path, argv: list[str]) -> Plan:
    unit = home / ".config" / "systemd" / "user" / f"{NAME}.service"
    text = (
        "[Unit]\n"
        "Description=Hallway companion (events into a professional network)\n"
        "After=network.target\n\n"
        "[Service]\n"
        f"ExecStart={' '.join(shlex.quote(a) for a in argv)}\n"
        "Restart=on-failure\n"
        "RestartSec=5\n\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )
    user = ["systemctl", "--user"]
    return Plan(
        path=unit,
        text=text,
        start=[[*user, "daemon-reload"], [*user, "enable", "--now", f"{NAME}.service"]],
        stop=[[*user, "disable", "--now", f"{NAME}.service"]],
        state=[*user, "is-active", f"{NAME}.service"],
    )


def _launchd(home: Path, argv: list[str]) -> Plan:
    agent = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    text = plistlib.dumps(
        {
            "Label": LABEL,
            "ProgramArguments": argv,
            "RunAtLoad": True,
            "KeepAlive": {"SuccessfulExit": False},  # restarted when it stops on a failure
            "ProcessType": "Background",
        }
    )
    return Plan(
        path=agent,
        text=text,
        start=[["launchctl", "load", "-w", str(agent)]],
        stop=[["launchctl", "unload", "-w", str(agent)]],
        state=["launchctl", "list", LABEL],
    )


def _task(home: Path, argv: list[str]) -> Plan:
    definition = home / "AppData" / "Local" / "hallway" / "hallway-task.xml"
    program, *arguments = argv
    xml = f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>Hallway companion</Description></RegistrationInfo>
  <Triggers><LogonTrigger><Enabled>true</Enabled></LogonTrigger></Triggers>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(program)}</Command>
      <Arguments>{escape(subprocess.list2cmdline(arguments))}</Arguments>
    </Exec>
  </Actions>
</Task>
"""
    return Plan(
        path=definition,
        text=xml.encode("utf-16"),  # what schtasks reads
        start=[
            ["schtasks", "/Create", "/TN", "Hallway", "/XML", str(definition), "/F"],
            ["schtasks", "/Run", "/TN", "Hallway"],
        ],
        stop=[
            ["schtasks", "/End", "/TN", "Hallway"],
            ["schtasks", "/Delete", "/TN", "Hallway", "/F"],
        ],
        state=["schtasks", "/Query", "/TN", "Hallway"],
    )
