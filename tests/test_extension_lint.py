"""The one manifest passes Mozilla's `web-ext lint` (Firefox) with no errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
WEB_EXT = ROOT / "node_modules" / ".bin" / "web-ext"


def test_web_ext_lint_has_no_errors():
    if not WEB_EXT.exists():
        pytest.skip("web-ext is not installed (make test runs npm ci)")
    result = subprocess.run(
        [str(WEB_EXT), "lint", "--source-dir", str(ROOT / "extension"), "--output", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == [], report["errors"]
    # Firefox ignores background.service_worker (Chromium needs it): the one expected warning.
    assert [w["code"] for w in report["warnings"]] == ["BACKGROUND_SERVICE_WORKER_IGNORED"]


def test_manifest_loads_in_both_browsers():
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert manifest["background"]["service_worker"] == manifest["background"]["scripts"][0]
    assert manifest["background"]["type"] == "module"
    assert manifest["browser_specific_settings"]["gecko"]["id"]
    # The companion is the only host the extension may reach on its own; other loopback
    # names are asked for when the user sets such an address.
    assert manifest["host_permissions"] == ["http://127.0.0.1/*"]
    assert manifest["optional_host_permissions"] == ["http://localhost/*", "http://[::1]/*"]
    # Pages are read only on the user's click: nothing is injected on its own.
    assert "content_scripts" not in manifest
    assert {"activeTab", "scripting", "alarms", "contextMenus"} <= set(manifest["permissions"])
    assert "tabs" not in manifest["permissions"]
    assert "capture-page" in manifest["commands"] and "_execute_action" in manifest["commands"]
    for path in ["popup.html", "options.html", "background.js", "capture.js", "harvest.js"]:
        assert (ROOT / "extension" / path).exists(), path
    assert shutil.which("node"), "node is needed for web-ext"


def test_extension_scripts_are_files_the_pages_load():
    """No build step: every module a page or the worker imports is in the folder."""
    folder = ROOT / "extension"
    for script in [*folder.glob("*.js"), *folder.glob("lib/*.js")]:
        for target in re.findall(r'from "(\./[^"]+)"', script.read_text()):
            assert (script.parent / target).resolve().exists(), f"{script.name}: {target}"


def test_captured_text_never_goes_through_innerhtml():
    for script in (ROOT / "extension").rglob("*.js"):
        assert "innerHTML" not in script.read_text(), script.name
