"""`hallway` speaks the locale's language: LANG=zh_CN.UTF-8 in Chinese, anything else in
English (the way gettext reads LANGUAGE, LC_ALL, LC_MESSAGES and LANG)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from companion import i18n
from companion.cli import main

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),  # LC_ALL wins over LANG
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en_GB:zh"}, "en"),  # LANGUAGE wins over both
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "en"),  # French: not Hallway's
        ({"LC_MESSAGES": "zh_CN", "LANG": "C.UTF-8"}, "zh"),  # LC_MESSAGES before LANG
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),  # the locale is C: LANGUAGE is unread
        ({"LC_ALL": "C", "LANGUAGE": "zh"}, "en"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:zh_CN"}, "zh"),  # the first Hallway speaks
        ({}, "en"),
    ],
)
def test_the_language_is_read_as_gettext_reads_it(environment, language):
    assert i18n.from_environment(environment) == language


def test_an_error_follows_lang(tmp_path):
    runner = CliRunner(env={"HALLWAY_DATA_DIR": str(tmp_path), "LANG": "zh_CN.UTF-8"})
    result = runner.invoke(main, ["token", "--revoke", "nope"])
    assert result.exit_code == 1
    assert "没有编号为 'nope' 的客户端；请看 `hallway tokens`。" in result.output
    english = CliRunner(env={"HALLWAY_DATA_DIR": str(tmp_path), "LANG": "en_US.UTF-8"})
    result = english.invoke(main, ["token", "--revoke", "nope"])
    assert "No client has the id 'nope'; see `hallway tokens`." in result.output


def test_hallway_doctor_reports_in_chinese(tmp_path):
    runner = CliRunner(env={"LANG": "zh_CN.UTF-8", "HOME": str(tmp_path)})
    result = runner.invoke(main, ["doctor", "--data-dir", str(tmp_path / "none"), "--port", "9"])
    assert result.exit_code == 1
    assert "127.0.0.1:9 上没有响应。" in result.output
    assert f"数据文件夹 {tmp_path / 'none'} 不存在。" in result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh_CN.UTF-8", "Hallway 本地程序：采集活动页面，帮你起草社交消息。"),
        ("C.UTF-8", "Hallway's companion: captures event pages and drafts your networking notes."),
    ],
)
def test_the_help_is_in_the_locales_language(lang, said):
    env = {k: v for k, v in os.environ.items() if k not in {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}}
    answer = subprocess.run(
        [sys.executable, "-m", "companion", "--help"],
        env={**env, "LANG": lang},
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    assert said in " ".join(answer.stdout.split())


def test_a_commands_language_ends_with_it(tmp_path):
    runner = CliRunner(env={"HALLWAY_DATA_DIR": str(tmp_path), "LANG": "zh_CN.UTF-8"})
    runner.invoke(main, ["token", "--revoke", "nope"])
    assert i18n.current() == "en"


def test_clicks_own_words_follow_lang_too(tmp_path):
    """ "Usage:", "Error:", "No such command": Click's, through gettext's global domain."""
    chinese = CliRunner(env={"LANG": "zh_CN.UTF-8", "LANGUAGE": ""}).invoke(
        main, ["nope"], prog_name="hallway"
    )
    assert chinese.exit_code == 2
    assert "用法: hallway [OPTIONS] COMMAND [ARGS]..." in chinese.output
    assert "错误：没有 'nope' 这个命令。" in chinese.output
    english = CliRunner(env={"LANG": "C.UTF-8", "LANGUAGE": ""}).invoke(main, ["nope"])
    assert "Error: No such command 'nope'." in english.output
