"""Shell completion (#19 item 5): `--install-completion` and `--show-completion` on the root,
their messages in the run's language, and the shell's completion requests answered, lazily built
commands included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app


@pytest.fixture
def shell(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The shell that shellingham finds (set by the test), without looking at the processes."""
    import typer._completion_shared

    found: list[str | None] = ["bash"]
    monkeypatch.setattr(typer._completion_shared, "_get_shell_name", lambda: found[0])
    monkeypatch.delenv("SHELL", raising=False)
    return found


def test_help_offers_completion() -> None:
    res = CliRunner().invoke(app, ["--help", "--lang", "en"])
    assert "--install-completion" in res.stdout and "--show-completion" in res.stdout
    res = CliRunner().invoke(app, ["--help", "--lang", "id"])
    assert "Pasang pelengkapan" in res.stdout


@pytest.mark.parametrize("name", ["bash", "zsh", "fish", "powershell"])
def test_show_completion_prints_the_script(name: str, shell: list[str | None]) -> None:
    shell[0] = name
    res = CliRunner().invoke(app, ["--show-completion"])
    assert res.exit_code == 0, res.output
    assert "_PMI_READY_COMPLETE" in res.stdout and "pmi-ready" in res.stdout


def test_install_completion_writes_the_script_and_says_where(
    shell: list[str | None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    res = CliRunner().invoke(app, ["--install-completion", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "Completion for bash installed in" in res.stderr
    assert "new terminal window" in res.stderr
    script = tmp_path / ".bash_completions" / "pmi-ready.sh"
    assert "_PMI_READY_COMPLETE" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    res = CliRunner().invoke(app, ["--install-completion", "--lang", "id"])
    assert res.exit_code == 0 and "Pelengkapan untuk bash dipasang di" in res.stderr


def test_an_unknown_shell_is_said_in_words(shell: list[str | None]) -> None:
    shell[0] = "cmd"
    res = CliRunner().invoke(app, ["--show-completion", "--lang", "en"])
    assert res.exit_code == 2
    assert "cannot tell which shell this is (cmd)" in res.stderr
    assert "Traceback" not in res.output


def test_the_shell_is_taken_from_SHELL_when_not_found(
    shell: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    shell[0] = None
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    res = CliRunner().invoke(app, ["--show-completion"])
    assert res.exit_code == 0, res.output
    assert "#compdef pmi-ready" in res.stdout


def _complete(words: str) -> list[str]:
    """What bash's completion function gets for ``words`` (the last one being typed)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {
        **os.environ,
        "_PMI_READY_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pmi_ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_shell_completes_commands_options_and_choices() -> None:
    assert _complete("pmi-ready rec") == ["records"]
    assert {"list", "show", "export", "import", "stats"} <= set(_complete("pmi-ready records "))
    assert sorted(_complete("pmi-ready report --fo")) == ["--force", "--format"]
    assert _complete("pmi-ready records stats --by ") == ["destination", "job", "officer", "month"]
