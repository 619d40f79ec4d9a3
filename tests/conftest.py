"""Shared fixtures, in the flaskr manner: `app`, `client`, `runner`, plus a live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from companion.app import create_app
from companion.server import in_background

FIXTURES = Path(__file__).parent / "fixtures"
REAL_PAGES = Path(
    os.environ.get("HALLWAY_REAL_PAGES", Path(__file__).parents[2] / "shared" / "real-pages")
)
PORT = 5474
BASE_URL = f"http://127.0.0.1:{PORT}"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def real_page(relative: str) -> str:
    """A page from ../shared/real-pages; the test is skipped where that folder is absent."""
    path = REAL_PAGES / relative
    if not path.exists():
        pytest.skip(f"real page {relative} not available (../shared/real-pages is absent here)")
    return path.read_text(encoding="utf-8")


class LoopbackClient(FlaskClient):
    """Requests addressed to 127.0.0.1:<port>, as the extension's are (the Host is checked)."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("base_url", BASE_URL)
        return super().open(*args, **kwargs)


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where `hallway serve` notes its data folder: the test's own, not the user's."""
    monkeypatch.setenv("HALLWAY_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    app = create_app(tmp_path / "data", PORT)
    app.test_client_class = LoopbackClient
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.config['HALLWAY_TOKEN']}"}


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    return CliRunner(env={"HALLWAY_DATA_DIR": str(tmp_path / "data")})


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    """The companion served by waitress on a free 127.0.0.1 port, as `hallway serve` does."""
    with in_background(tmp_path / "live-data") as (app, server):
        yield app, f"http://127.0.0.1:{server.effective_port}"
