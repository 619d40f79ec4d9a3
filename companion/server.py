"""Serving the app with waitress (a production WSGI server) on loopback only."""

from __future__ import annotations

from pathlib import Path

import click
from waitress.server import create_server

from companion import config
from companion.app import create_app


def make_server(data_dir: Path | str | None, port: int):
    """A bound server; port 0 picks a free one (tests), read back from `effective_port`."""
    app = create_app(data_dir, port)
    server = create_server(app, host=config.HOST, port=port, threads=4)
    app.config["HALLWAY_PORT"] = server.effective_port
    return app, server


def serve(data_dir: Path | str | None, port: int) -> None:
    app, server = make_server(data_dir, port)
    folder = app.config["HALLWAY_DATA_DIR"]
    click.echo(f"Hallway is running at http://{config.HOST}:{server.effective_port}/")
    click.echo(f"Database: {app.extensions['hallway_store'].path}")
    click.echo(
        "Pair the extension: open its options, paste the token printed by "
        f"`hallway token --data-dir {folder}`."
    )
    click.echo("Press Ctrl+C to stop.")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Stopped.")
