"""Hostile environments: LANG=C, no terminal, NO_COLOR, a 40-column terminal, a read-only home.

Each command runs as a real process (no TTY: output is piped) and must succeed with clean text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [
    ["--help"],
    ["checklists", "list"],
    ["checklists", "show", "documents"],
    ["checklists", "show", "red-flags", "--lang", "en"],
    ["checklists", "validate"],
    ["contacts"],
]


def run(
    args: list[str], env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmi_ready", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        encoding="utf-8",
        errors="replace",
    )


@pytest.fixture
def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMI_READY", "LC_", "FORCE_"))}
    env["PMI_READY_DB"] = str(tmp_path / "db.sqlite")
    return env


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_lang_c_no_tty(args: list[str], base_env: dict[str, str]) -> None:
    env = {**base_env, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "utf-8"}
    out = run(args, env)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "\x1b[" not in out.stdout  # no colour codes when not on a terminal


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_narrow_terminal_and_no_color(args: list[str], base_env: dict[str, str]) -> None:
    env = {**base_env, "COLUMNS": "40", "NO_COLOR": "1", "TERM": "xterm-256color"}
    out = run(args, env)
    assert out.returncode == 0, out.stderr
    assert "\x1b[" not in out.stdout
    assert max((len(line) for line in out.stdout.splitlines()), default=0) <= 80


def test_home_folder_that_cannot_be_written(base_env: dict[str, str], tmp_path: Path) -> None:
    """HOME is a regular file: nothing can be created below it, even by root."""
    home = tmp_path / "not-a-folder"
    home.write_text("", encoding="utf-8")
    env = {
        **base_env,
        "HOME": str(home),
        "USERPROFILE": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    for args in COMMANDS:
        out = run(args, env, cwd=tmp_path)
        assert out.returncode == 0, (args, out.stderr)


def test_plain_ascii_locale_does_not_crash_on_indonesian_text(base_env: dict[str, str]) -> None:
    env = {**base_env, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii:replace"}
    out = run(["checklists", "show", "documents"], env)
    assert out.returncode == 0, out.stderr


def test_redirected_output_is_utf8_whatever_the_code_page(
    base_env: dict[str, str], tmp_path: Path
) -> None:
    """On Windows, output redirected to a file uses the code page (cp1252 …). pmi-ready writes
    UTF-8 there anyway: the template it prints is read back by `assess --answers`, and a report
    with ✓, → or a name in Chinese characters does not stop half-way."""
    env = {**base_env, "PYTHONIOENCODING": "cp1252"}
    template = subprocess.run(
        [sys.executable, "-m", "pmi_ready", "checklists", "template", "--destination", "TW"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert template.returncode == 0, template.stderr
    text = template.stdout.decode("utf-8")  # raises if it is not UTF-8
    assert "—" in text  # the em dash of the comments, 0x97 in cp1252
    answers = tmp_path / "a.yaml"
    answers.write_text(
        text.replace("  consent: ", "  consent: yes  # ").replace("  name: ", "  name: Dewi 王 "),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "pmi_ready", "assess", "--answers", str(answers)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    aid = done.stdout.decode("utf-8").split()[-1]
    report = subprocess.run(
        [sys.executable, "-m", "pmi_ready", "report", aid],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert report.returncode == 0, report.stderr.decode("utf-8", "replace")
    assert "Dewi 王" in report.stdout.decode("utf-8")


@pytest.mark.parametrize(("columns", "widest"), [(None, 80), ("60", 60), ("120", 120)])
def test_piped_output_is_as_wide_as_columns_else_80(
    columns: str | None, widest: int, base_env: dict[str, str]
) -> None:
    env = {k: v for k, v in base_env.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    out = run(["checklists", "show", "documents"], env)
    assert out.returncode == 0, out.stderr
    width = max(len(line) for line in out.stdout.splitlines())
    assert width <= widest and width > widest - 15
