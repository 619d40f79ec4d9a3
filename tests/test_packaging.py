"""What users install (issue 20): one version for both parts, and a wheel that works with no
source tree anywhere on the path: installed into a fresh virtual environment, its `hallway
serve` answers and captures a page (templates, static files, note templates all inside)."""

from __future__ import annotations

import json
import site
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest

import companion
from companion import tokens
from tests.conftest import fixture_text

ROOT = Path(__file__).parents[1]


def test_the_extension_and_the_companion_have_one_version():
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == companion.__version__


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        # The sdist first, then the wheel from it: a clean tree, as a user's pip would.
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if built.returncode != 0 and "No module named build" in built.stderr:
        pytest.skip("the build package is not installed (make test installs it)")
    assert built.returncode == 0, built.stderr[-2000:]
    [found] = out.glob("hallway-*.whl")
    return found


def installed(wheel: Path, folder: Path) -> Path:
    """A fresh virtual environment with the wheel alone installed; its dependencies are read
    from this interpreter's site-packages as plain folders (its .pth files, among them the
    editable install of this source tree, are not run)."""
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(own, "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    return folder / "bin"


def test_the_wheel_serves_and_captures_with_no_source_tree(wheel, tmp_path):
    bin_dir = installed(wheel, tmp_path / "venv")
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import companion; print(companion.__file__)"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert where.startswith(str(tmp_path / "venv")), where  # not this source tree
    port = free_port()
    data = tmp_path / "data"
    server = subprocess.Popen(
        [str(bin_dir / "hallway"), "serve", "--port", str(port), "--data-dir", str(data)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        health = wait_for(f"{base}/api/health")
        assert health["version"] == companion.__version__
        token = tokens.get_or_create(data)
        body = {"capture_id": "w-1", "url": "https://www.meetup.com/lakeside-data-science/events/301234567/",
                "html": fixture_text("meetup-event.html")}  # fmt: skip
        reply = call(f"{base}/api/captures", token, body)
        assert reply["event"]["title"] == "Feature Stores in Practice & MLOps Q&A"
        assert reply["suggestions"][0]["notes"]["linkedin"]["text"]  # the note templates
        page = urllib.request.urlopen(f"{base}/events/{reply['event']['id']}").read().decode()
        assert "Feature Stores in Practice" in page  # the page templates
        in_chinese = urllib.request.Request(
            f"{base}/events/{reply['event']['id']}", headers={"Accept-Language": "zh-CN"}
        )
        page = urllib.request.urlopen(in_chinese).read().decode()
        assert '<h2 id="prep-title">会前准备</h2>' in page  # the catalogue, built on install
        css = urllib.request.urlopen(f"{base}/assets/hallway.css").read()
        assert b"--accent" in css  # the static files
    finally:
        server.terminate()
        server.communicate(timeout=10)


def call(url: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def wait_for(url: str) -> dict:
    for _ in range(200):
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                return json.load(answer)
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing answered at {url}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
