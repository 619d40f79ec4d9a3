"""The `hallway` command. It only reads arguments; the work happens elsewhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from companion import config, tokens
from companion.pairing import clients

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
@click.option("--host", default=config.HOST, show_default=True, help="Loopback address to bind.")
@click.option(
    "--allow-non-loopback",
    is_flag=True,
    help="Let --host be an address other machines can reach (dangerous; warned on every start).",
)
@data_dir_option
def serve(port: int, host: str, allow_non_loopback: bool, data_dir: Path | None) -> None:
    """Run the companion on 127.0.0.1 for the browser extension."""
    from companion.server import check_host
    from companion.server import serve as run

    check_host(host, allow_non_loopback)
    run(data_dir, port, host)


@main.command()
@click.option("--revoke", metavar="ID", help="Revoke a client's token (ids: `hallway tokens`).")
@data_dir_option
def token(revoke: str | None, data_dir: Path | None) -> None:
    """Print the token to paste into the extension's options, or revoke a token."""
    folder = config.data_dir(data_dir)
    if revoke is None:
        click.echo(tokens.get_or_create(folder))
        return
    if not clients.revoke(folder, revoke):
        raise click.ClickException(f"No client has the id {revoke!r}; see `hallway tokens`.")
    click.echo(f"Revoked {revoke}: its token no longer works.")


@main.command(name="tokens")
@data_dir_option
def list_tokens(data_dir: Path | None) -> None:
    """List who holds a token: the pasted one and every paired extension."""
    for client in clients.listing(config.data_dir(data_dir)):
        origin = client.origin or "any extension"
        paired = f", paired {client.paired_at}" if client.paired_at else ""
        click.echo(f"{client.id}  {client.name}  ({origin}{paired})")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="The address the page was saved from.")
def parse(file: Path, url: str | None) -> None:
    """Print what Hallway understands of a saved page, as JSON."""
    from companion.parsers import NotUnderstood
    from companion.parsers import parse as parse_page

    try:
        capture = parse_page(file.read_text(encoding="utf-8", errors="replace"), url)
    except NotUnderstood as problem:
        click.echo(str(problem), err=True)
        sys.exit(2)
    click.echo(json.dumps(capture.to_dict(), indent=2, ensure_ascii=False))
