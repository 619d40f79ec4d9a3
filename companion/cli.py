"""The `hallway` command. It only reads arguments; the work happens elsewhere."""

from __future__ import annotations

import gettext
import json
import sys
from datetime import datetime
from pathlib import Path

import click

from companion import config, i18n, tokens
from companion.i18n import N_, _
from companion.pairing import clients

# The help texts below are read as this module loads, in the environment's language
# (LANG=zh_CN.UTF-8); the language before is put back at the end of the module.
_HELP_LANGUAGE = i18n.start(i18n.from_environment())

# Click says its own words ("Usage:", "Error: ...") through gettext's global domain, which it
# reads from the same environment: bound to Hallway's catalogues, they follow the command's
# language too. These are the ones a user meets; marked here so the catalogue holds them.
gettext.bindtextdomain("messages", i18n.LOCALES)
CLICK_WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("Aborted!"),
)

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="HALLWAY_DATA_DIR",
    help=_("Where the database and token live (default: your user data folder)."),
)


@click.group(help=_("Hallway's companion: captures event pages and drafts your networking notes."))
@click.version_option(package_name="hallway")
def main() -> None:
    # Every message of the command, until it ends, in the environment's language.
    click.get_current_context().with_resource(i18n.speaking(i18n.from_environment()))


@main.command(help=_("Run the companion on 127.0.0.1 for the browser extension."))
@click.option(
    "--port", default=config.DEFAULT_PORT, show_default=True, help=_("Port on 127.0.0.1.")
)
@click.option("--host", default=config.HOST, show_default=True, help=_("Loopback address to bind."))
@click.option(
    "--allow-non-loopback",
    is_flag=True,
    help=_("Let --host be an address other machines can reach (dangerous; warned on every start)."),
)
@data_dir_option
def serve(port: int, host: str, allow_non_loopback: bool, data_dir: Path | None) -> None:
    from companion.server import check_host
    from companion.server import serve as run
    from companion.store.errors import StoreError

    check_host(host, allow_non_loopback)
    try:
        run(data_dir, port, host)
    except StoreError as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)


@main.command(help=_("Print the token to paste into the extension's options, or revoke a token."))
@click.option("--revoke", metavar="ID", help=_("Revoke a client's token (ids: `hallway tokens`)."))
@click.option("--port", default=config.DEFAULT_PORT, show_default=True, help=_("Companion's port."))
@data_dir_option
def token(revoke: str | None, port: int, data_dir: Path | None) -> None:
    folder = config.data_dir(data_dir, create=False)
    if revoke is None:
        click.echo(_token_of(folder, port))
        return
    if not clients.revoke(folder, revoke):
        raise click.ClickException(
            _("No client has the id %(revoke)r; see `hallway tokens`.", revoke=revoke)
        )
    click.echo(_("Revoked %(id)s: its token no longer works.", id=revoke))


def _token_of(folder: Path, port: int) -> str:
    """The folder's token; made only where a companion keeps its data (after a revoke), never
    in a folder no companion uses."""
    from companion.running import data_dir_on
    from companion.store.db import DB_NAME

    if tokens.read(folder) or (folder / DB_NAME).exists():
        return tokens.get_or_create(folder)
    serving = data_dir_on(port)
    hint = (
        _(
            "The companion answering on port %(port)s keeps its data in %(folder)s: run "
            "`hallway token --data-dir %(folder)s`.",
            port=port,
            folder=serving,
        )
        if serving
        else _("No companion answers on port %(port)s: start one with `hallway serve`.", port=port)
    )
    raise click.ClickException(
        _(
            "There is no token in %(folder)s: no companion uses it. %(hint)s",
            folder=folder,
            hint=hint,
        )
    )


@main.command(
    name="tokens", help=_("List who holds a token: the pasted one and every paired extension.")
)
@data_dir_option
def list_tokens(data_dir: Path | None) -> None:
    for client in clients.listing(config.data_dir(data_dir)):
        origin = client.origin or _("any extension")
        paired = _(", paired %(when)s", when=client.paired_at) if client.paired_at else ""
        click.echo(f"{client.id}  {_(client.name)}  ({origin}{paired})")


@main.command(
    help=_("Print what Hallway understands of a saved page (HTML or a JSON payload), as JSON.")
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help=_("The address the page was saved from."))
def parse(file: Path, url: str | None) -> None:
    from companion.parsers import NotUnderstood
    from companion.parsers import parse as parse_page
    from companion.parsers.saved import load

    saved = load(file)
    try:
        capture = parse_page(saved.html, url, payloads=saved.payloads)
    except NotUnderstood as problem:
        click.echo(_(str(problem)), err=True)
        sys.exit(2)
    click.echo(json.dumps(capture.to_dict(), indent=2, ensure_ascii=False))


@main.command(
    name="import", help=_("Capture saved pages into the database, as the extension does.")
)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--url", help=_("The address the pages were saved from."))
@data_dir_option
def import_pages(files: tuple[Path, ...], url: str | None, data_dir: Path | None) -> None:
    from companion.importing import import_file

    store = _open_store(data_dir)
    failed = False
    for file in files:
        ok, line = import_file(store, file, url)
        click.echo(f"{file}: {line}", err=not ok)
        failed = failed or not ok
    sys.exit(2 if failed else 0)


def _open_store(data_dir: Path | None):
    """The store, or exit with its one-sentence problem (damaged file, newer format, ...)."""
    from companion.store import Store
    from companion.store.errors import StoreError

    try:
        return Store(config.data_dir(data_dir))
    except StoreError as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)


@main.command(
    help=_(
        "Write everything: JSON (complete, for `restore`), CSV (a row per "
        "person) or vCard; or the calendar feed (ics): events to come and "
        "follow-ups."
    )
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "vcard", "ics"]),
    default="json",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help=_("Default: stdout."))
@click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), help=_("For ics: the day to start from.")
)
@data_dir_option
def export(fmt: str, out: Path | None, today: datetime | None, data_dir: Path | None) -> None:
    from companion.calendar_feed import feed
    from companion.store.export import render

    with _open_store(data_dir).reading() as net:
        if fmt == "ics":
            text = feed(net, (today or datetime.now()).date()).decode()
        else:
            text = render(net.db, fmt)
    if out:
        out.write_text(text, encoding="utf-8", newline="")
        click.echo(_("Wrote %(file)s.", file=out), err=True)
    else:
        click.echo(text, nl=False)


@main.command(help=_("Put a JSON export back (into an empty store unless --replace)."))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help=_("Replace a store that already holds data."))
@data_dir_option
def restore(file: Path, replace: bool, data_dir: Path | None) -> None:
    from companion.store.errors import StoreError
    from companion.store.export import restore as put_back

    store = _open_store(data_dir)
    try:
        put_back(store, json.loads(file.read_text(encoding="utf-8")), replace)
    except (StoreError, ValueError) as problem:
        message = problem if isinstance(problem, StoreError) else _("The file is not valid JSON.")
        click.echo(str(message), err=True)
        sys.exit(1)
    click.echo(_("Restored %(file)s into %(path)s.", file=file, path=store.path))


@main.command(
    "import-linkedin",
    help=_("Read LinkedIn's Connections.csv: who is connected, and their company and position."),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_dir_option
def import_linkedin(file: Path, data_dir: Path | None) -> None:
    from companion.clock import now
    from companion.store.errors import StoreError
    from companion.store.linkedin import NotConnections, import_connections, read_connections

    store = _open_store(data_dir)
    try:
        connections = read_connections(file.read_text(encoding="utf-8-sig", errors="replace"))
        with store.transaction() as db:
            result = import_connections(db, connections, now())
    except (NotConnections, StoreError) as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo(
        _(
            "%(matched)s connections matched people you met; %(ambiguous)s share a name with "
            "several people (choose in the review page); %(not_met)s you have not met at a "
            "captured event.",
            matched=len(result.matched),
            ambiguous=len(result.ambiguous),
            not_met=result.not_met,
        )
    )


@main.command(help=_("Start the companion at login and restart it if it stops (or stop doing so)."))
@click.argument("action", type=click.Choice(["install", "uninstall", "status"]))
@click.option(
    "--port", default=config.DEFAULT_PORT, show_default=True, help=_("Port on 127.0.0.1.")
)
@data_dir_option
def service(action: str, port: int, data_dir: Path | None) -> None:
    import platform

    from companion import service as services

    try:
        plan = services.plan(platform.system(), Path.home(), port, config.data_dir(data_dir))
    except ValueError as problem:
        click.echo(str(problem), err=True)
        sys.exit(2)
    if action == "status":
        click.echo(services.status(plan))
        return
    done = services.install(plan) if action == "install" else services.uninstall(plan)
    click.echo("\n".join(done))


@main.command(help=_("Why the extension says “off”: each check, and the command that fixes it."))
@click.option("--port", default=config.DEFAULT_PORT, show_default=True, help=_("Companion's port."))
@data_dir_option
def doctor(port: int, data_dir: Path | None) -> None:
    from companion.doctor import examine

    findings = examine(config.data_dir(data_dir, create=False), port, Path.home())
    for finding in findings:
        click.echo("\n".join(finding.lines()))
    sys.exit(0 if all(f.ok for f in findings) else 1)


i18n.stop(_HELP_LANGUAGE)
