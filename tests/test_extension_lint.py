"""The one manifest passes Mozilla's `web-ext lint` (Firefox) with no errors."""

from __future__ import annotations

import json
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
    assert manifest["browser_specific_settings"]["gecko"]["id"]
    # The companion is the only host the extension may reach on its own.
    assert manifest["host_permissions"] == ["http://127.0.0.1/*"]
    for path in ["popup.html", "options.html", "background.js", "capture.js", "popup.js"]:
        assert (ROOT / "extension" / path).exists(), path
    assert shutil.which("node"), "node is needed for web-ext"
