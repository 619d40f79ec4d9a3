"""Serving the app with waitress (a production WSGI server) on loopback only."""

from __future__ import annotations

import contextlib
import ipaddress
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from flask import Flask
from waitress.server import create_server

from companion import config, i18n, isolation, running
from companion.app import create_app
from companion.i18n import _
from companion.pairing.requests import Desk, PairingRequest


class NotLoopback(click.UsageError):
    """Asked to listen on an address other machines could reach, without saying so loudly."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, allow_non_loopback: bool) -> None:
    """Loopback only, unless the user insists; then warn on every start."""
    if is_loopback(host):
        return
    if not allow_non_loopback:
        raise NotLoopback(
            _(
                "Refusing to listen on %(host)s: other machines could reach your network there. "
                "Hallway listens on 127.0.0.1 only (add --allow-non-loopback if you really must).",
                host=host,
            )
        )
    click.secho(
        _(
            "WARNING: Hallway listens on %(host)s, not only on 127.0.0.1. Anything that can "
            "reach this address can try to reach the companion. Requests still need a loopback "
            "Host header and a token.",
            host=host,
        ),
        err=True,
        fg="red",
        bold=True,
    )


def make_server(data_dir: Path | str | None, port: int, host: str = config.HOST):
    """A bound server; port 0 picks a free one (tests), read back from `effective_port`."""
    app = create_app(data_dir, port)
    # Waitress reads a whole body before the app sees it: bound that too, above the app's
    # own limit so the app answers 413 with its sentence.
    # Bodies up to 8 MB stay in memory: waitress would otherwise spool any capture over
    # 512 KB (a 1,000-row list is over a megabyte) to a temporary file and read it back.
    # And it reads them a megabyte at a time, not 8 KB (150 turns of its loop per capture).
    server = create_server(
        app,
        host=host,
        port=port,
        threads=4,
        max_request_body_size=2 * config.MAX_BODY_BYTES,
        inbuf_overflow=8 * 1024 * 1024,
        recv_bytes=1024 * 1024,
    )
    app.config["HALLWAY_PORT"] = server.effective_port
    return app, server


@contextmanager
def in_background(data_dir: Path | str | None, port: int = 0) -> Iterator[tuple[Flask, Any]]:
    """The companion served from a thread of this process, until the block ends (tests, the
    benchmark). Stopped from inside waitress's own loop: closing it from another thread races
    its select() and its worker threads (tracebacks, bad file descriptors)."""
    app, server = make_server(data_dir, port)
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)
        server.task_dispatcher.shutdown()
        server.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield app, server
    finally:
        stop.set()
        thread.join(timeout=10)


def serve(data_dir: Path | str | None, port: int, host: str = config.HOST) -> None:
    app, server = make_server(data_dir, port, host)
    folder = app.config["HALLWAY_DATA_DIR"]
    base = f"http://{config.HOST}:{server.effective_port}"
    running.note(server.effective_port, folder)
    desk = app.extensions["hallway_pairing"]
    # The terminal speaks the command's language, also from the threads that print to it.
    language = i18n.current()
    desk.listeners.append(lambda asked: announce_pairing(asked, f"{base}/pairing", language))
    if sys.stdin.isatty():
        desk.listeners.append(prompt_in_terminal(desk, folder, language))
    click.echo(_("Hallway is running at %(address)s", address=f"{base}/"))
    click.echo(_("Database: %(path)s", path=app.extensions["hallway_store"].path))
    click.echo(
        _(
            "Pair the extension: click Ask the companion to pair in its options and approve "
            "here, or paste the token printed by `hallway token --data-dir %(folder)s`.",
            folder=folder,
        )
    )
    click.echo(_("Press Ctrl+C to stop."))
    # `kill` stops it as Ctrl+C does: a normal exit, which also ends the parse workers.
    signal.signal(signal.SIGTERM, _interrupt)
    # The parse workers are started with Ctrl+C ignored, which they keep: a terminal sends it
    # to the whole process group, and the server stops them itself (they finish starting
    # alongside, as the caches get ready).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        isolation.pool().warm()
    finally:
        signal.signal(signal.SIGINT, previous)
    threading.Thread(target=warm_caches, args=(app,), daemon=True, name="warm-caches").start()
    with contextlib.suppress(KeyboardInterrupt):  # waitress mostly ends its loop itself
        server.run()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C while stopping changes nothing
    running.forget(server.effective_port)
    click.echo(_("Stopped."))


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def warm_caches(app: Flask) -> None:
    """Build what the first capture and the first page would otherwise build while the user
    waits: the network held in memory and the people list's order."""
    with app.extensions["hallway_store"].reading() as net:
        net.ordered("last_seen")


def announce_pairing(asked: PairingRequest, page: str, language: str = i18n.DEFAULT) -> None:
    with i18n.speaking(language):
        click.echo(
            _(
                "Pairing request from %(name)r (%(origin)s), code %(code)s. Approve or deny it "
                "at %(page)s (it is denied unless you approve).",
                name=asked.name,
                origin=asked.origin,
                code=asked.code,
                page=page,
            )
        )


def prompt_in_terminal(
    desk: Desk, data_dir: Path, language: str = i18n.DEFAULT
) -> Callable[[PairingRequest], None]:
    """A listener that asks about each request in this terminal, one at a time."""
    waiting: queue.Queue[PairingRequest] = queue.Queue()

    def loop() -> None:
        with i18n.speaking(language):
            while answer_in_terminal(desk, data_dir, waiting.get(), click.confirm):
                pass

    threading.Thread(target=loop, daemon=True, name="pairing-prompt").start()
    return waiting.put


def answer_in_terminal(
    desk: Desk, data_dir: Path, asked: PairingRequest, confirm: Callable[..., bool]
) -> bool:
    """Ask the user (anything but yes denies); False once the terminal cannot answer."""
    try:
        approve = confirm(
            _("Approve pairing %(name)r with code %(code)s?", name=asked.name, code=asked.code),
            default=False,
        )
    except click.Abort:  # end of input: deny, and stop asking
        desk.decide(asked.id, False, data_dir)
        return False
    if desk.decide(asked.id, approve, data_dir) is None:
        click.echo(_("That request was already decided on the pairing page, or it expired."))
    else:
        click.echo(_("Approved: the extension is paired.") if approve else _("Denied."))
    return True
