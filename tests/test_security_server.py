"""Listening: loopback only, unless the user insists loudly (SECURITY.md)."""

from __future__ import annotations

import socket

import click
import pytest

from companion import server
from companion.cli import main
from companion.pairing import clients
from companion.pairing.requests import Desk, PairingRequest


@pytest.fixture
def started(monkeypatch) -> list[tuple]:
    """Records what `hallway serve` would have started, without starting it."""
    calls: list[tuple] = []
    monkeypatch.setattr(server, "serve", lambda *args: calls.append(args))
    return calls


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"])
def test_loopback_addresses_are_accepted(host):
    assert server.is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.com", ""])
def test_other_addresses_are_not_loopback(host):
    assert not server.is_loopback(host)


def test_serve_listens_on_127_0_0_1_by_default(runner, started):
    assert runner.invoke(main, ["serve", "--port", "0"]).exit_code == 0
    [(_, port, host)] = started
    assert (port, host) == (0, "127.0.0.1")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20"])
def test_serve_refuses_another_address_without_the_flag(runner, started, host):
    result = runner.invoke(main, ["serve", "--host", host])
    assert result.exit_code == 2
    assert f"Refusing to listen on {host}" in result.output
    assert "--allow-non-loopback" in result.output
    assert started == []


def test_serve_with_the_flag_warns_loudly_then_starts(runner, started):
    result = runner.invoke(main, ["serve", "--host", "0.0.0.0", "--allow-non-loopback"])
    assert result.exit_code == 0
    assert "WARNING: Hallway listens on 0.0.0.0" in result.stderr
    assert started[0][2] == "0.0.0.0"


def test_the_live_server_is_bound_to_loopback_only(live_server):
    _, base = live_server
    port = int(base.rsplit(":", 1)[1])
    other = _non_loopback_address()
    if other is None:
        pytest.skip("this machine has no address besides loopback")
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.settimeout(5)
        s.connect((other, port))


def test_a_pairing_request_is_announced_in_the_terminal(capsys):
    asked = PairingRequest(
        id="r",
        code="123-456",
        origin="moz-extension://x",
        name="Hallway for Firefox",
        browser="Firefox",
        asked_at="2025-06-01T10:00:00+00:00",
        asked_clock=0.0,
    )
    server.announce_pairing(asked, "http://127.0.0.1:5474/pairing")
    out = capsys.readouterr().out
    assert "'Hallway for Firefox' (moz-extension://x), code 123-456" in out
    assert "http://127.0.0.1:5474/pairing" in out and "denied unless you approve" in out


def _non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent: this only picks a route
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def _raw(port: int, head: str) -> bytes:
    """Send a hand-written request to the real server; the answer's status line and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode() + b"\r\n\r\n")
        s.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "headers",
    [
        "Host: attacker.example",  # a DNS-rebinding page: its name now points to 127.0.0.1
        "Host: attacker.example:{port}",
        "Host: 127.0.0.1:{port}\r\nHost: attacker.example",  # two Host headers
        "Host: attacker.example\r\nX-Forwarded-Host: 127.0.0.1:{port}",  # no proxy is trusted
        "",  # HTTP/1.0 without a Host
    ],
)
def test_rebinding_requests_get_421_from_the_real_server(live_server, headers):
    app, base = live_server
    port = int(base.rsplit(":", 1)[1])
    token = app.config["HALLWAY_TOKEN"]
    lines = [f"GET /api/events HTTP/1.{1 if headers else 0}", f"Authorization: Bearer {token}"]
    if headers:
        lines.append(headers.format(port=port))
    answer = _raw(port, "\r\n".join(lines))
    assert answer.split(b"\r\n")[0].endswith(b" 421 MISDIRECTED REQUEST")
    assert b'"events"' not in answer


@pytest.mark.parametrize(
    "reply, status", [(True, "approved"), (False, "denied"), (click.Abort(), "denied")]
)
def test_the_terminal_prompt_approves_only_on_yes(tmp_path, capsys, reply, status):
    desk = Desk()
    asked = desk.ask("moz-extension://x", "Hallway for Firefox", "Firefox")
    questions = []

    def confirm(text, default):
        questions.append((text, default))
        if isinstance(reply, BaseException):
            raise reply
        return reply

    server.answer_in_terminal(desk, tmp_path, asked, confirm)
    assert questions == [(f"Approve pairing 'Hallway for Firefox' with code {asked.code}?", False)]
    assert desk.collect(asked.id).status == status
    assert (len(clients.listing(tmp_path)) == 1) is (status == "approved")


def test_the_terminal_prompt_knows_when_the_page_decided_first(tmp_path, capsys):
    desk = Desk()
    asked = desk.ask("moz-extension://x", "Hallway for Firefox", "Firefox")
    desk.decide(asked.id, False, tmp_path)
    assert server.answer_in_terminal(desk, tmp_path, asked, lambda *a, **k: True)
    assert "already decided" in capsys.readouterr().out
    assert clients.listing(tmp_path) == []
