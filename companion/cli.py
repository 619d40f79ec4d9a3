"""The `hallway` command. It only reads arguments; the work happens elsewhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from companion import config, tokens

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="HALLWAY_DATA_DIR",
    help="Where the database and token live (default: your user data folder).",
)


@click.group()
@click.version_option(package_name="hallway")
def main() -> None:
    """Hallway's companion: captures event pages and drafts your networking notes."""


@main.command()
@click.option("--port", default=config.DEFAULT_PORT, show_default=True, help="Port on 127.0.0.1.")
@data_dir_option
def serve(port: int, data_dir: Path | None) -> None:
    """Run the companion on 127.0.0.1 for the browser extension."""
    from companion.server import serve as run

    run(data_dir, port)


@main.command()
@data_dir_option
def token(data_dir: Path | None) -> None:
    """Print the token to paste into the extension's options."""
    click.echo(tokens.get_or_create(config.data_dir(data_dir)))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="The address the page was saved from.")
def parse(file: Path, url: str | None) -> None:
    """Print what Hallway understands of a saved page (HTML or a JSON payload), as JSON."""
    from companion.parsers import NotUnderstood
    from companion.parsers import parse as parse_page
    from companion.parsers.saved import load

    saved = load(file)
    try:
        capture = parse_page(saved.html, url, payloads=saved.payloads)
    except NotUnderstood as problem:
        click.echo(str(problem), err=True)
        sys.exit(2)
    click.echo(json.dumps(capture.to_dict(), indent=2, ensure_ascii=False))


@main.command(name="import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--url", help="The address the pages were saved from.")
@data_dir_option
def import_pages(files: tuple[Path, ...], url: str | None, data_dir: Path | None) -> None:
    """Capture saved pages into the database, as the extension does."""
    from companion.importing import import_file
    from companion.store import Store

    store = Store(config.data_dir(data_dir))
    failed = False
    for file in files:
        ok, line = import_file(store, file, url)
        click.echo(f"{file}: {line}", err=not ok)
        failed = failed or not ok
    sys.exit(2 if failed else 0)
