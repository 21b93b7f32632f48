"""Bad typed input at every kind of prompt, and bad answers files: asked again or a clear
FILE:LINE message, never a traceback, and nothing odd stored."""

from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.assessment.flow import clean_text
from pmi_ready.cli import app
from tests.conftest import MINI
from tests.pty_helpers import spawn_cli
from tests.records_helpers import answer_values

runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages are checked in English here (tests/test_language_everywhere.py checks that
    each one is Indonesian under --lang id)."""
    monkeypatch.setenv("PMI_READY_LANG", "en")


JUNK = ["", "   ", "x" * 5000, "\x01\x02\x1b[A", "\u202e", "zzz", "[/]"]
# consent, name, officer, destination, job, route, sex, marital, age, funding
GOOD_PROFILE = ["y", "Ani", "", "1", "1", "1", "1", "2", "30", "1"]


def walk(inputs: list[str], db: Path) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["assess", "--lang", "en", "--db", str(db), "--checklists", str(MINI)],
        input="\n".join(inputs) + "\n",
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def stored_profile(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db)) as conn:
        return dict(json.loads(conn.execute("SELECT profile FROM assessments").fetchone()[0]))


@pytest.mark.parametrize("position", [0, 3, 8], ids=["yes-no", "choice", "age"])
def test_junk_at_a_required_prompt_is_asked_again(position: int, tmp_path: Path) -> None:
    answers = [*GOOD_PROFILE[:position], *JUNK, *GOOD_PROFILE[position:], "q"]
    code, out = walk(answers, tmp_path / "j.db")
    assert code == 0, out
    profile = stored_profile(tmp_path / "j.db")
    assert profile["destination"] == "TW" and profile["age"] == "30"


def test_junk_at_an_item_prompt_is_asked_again(tmp_path: Path) -> None:
    code, out = walk([*GOOD_PROFILE, *JUNK[1:], "y", "q"], tmp_path / "i.db")
    assert code == 0, out
    assert out.count("Please type y / yes") >= 4
    with closing(sqlite3.connect(tmp_path / "i.db")) as conn:
        assert answer_values(conn) == [("passport", "yes")]


@pytest.mark.parametrize("age", ["nan", "inf", "-5", "1e309", "2999-01-01", "1990-02-30", "abc"])
def test_impossible_ages_are_asked_again(age: str, tmp_path: Path) -> None:
    answers = [*GOOD_PROFILE[:8], age, "31", *GOOD_PROFILE[9:], "q"]
    code, out = walk(answers, tmp_path / "a.db")
    assert code == 0, out
    assert stored_profile(tmp_path / "a.db")["age"] == "31"


def test_typed_names_are_stored_literally_without_control_characters(tmp_path: Path) -> None:
    name = "[bold]Ani[/] <script>x</script> *nama* \x07\x1b[31m 👩‍🌾 مرحبا e\u0301"
    code, _ = walk(["y", name, *GOOD_PROFILE[2:], "q"], tmp_path / "n.db")
    assert code == 0
    stored = stored_profile(tmp_path / "n.db")["name"]
    assert stored == "[bold]Ani[/] <script>x</script> *nama* [31m 👩‍🌾 مرحبا é"
    assert "\x1b" not in stored and "\x07" not in stored


def test_clean_text_keeps_emoji_joiners_and_caps_length() -> None:
    assert clean_text("a\u200db") == "a\u200db"  # zero-width joiner (inside emoji) stays
    assert clean_text("a\tb\nc\x00d") == "a b cd"
    assert len(clean_text("x" * 10_000)) == 500


def test_end_of_input_names_answers_and_resume(tmp_path: Path) -> None:
    code, out = walk([*GOOD_PROFILE, "y"], tmp_path / "e.db")
    assert code == 1
    assert "--answers" in out and "pmi-ready resume" in out


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_non_utf8_bytes_in_a_real_terminal(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = spawn_cli(
        ["assess", "--lang", "en"],
        db=tmp_path / "b.db",
        checklists=MINI,
        columns=None,
        io_encoding=None,
        encoding=None,
    )
    child.expect_exact(b"> ")
    child.send(b"\xff\xfe\xc3\n")
    child.expect_exact(b"Please type y / yes")
    child.expect_exact(b"> ")
    child.sendline(b"y")
    child.expect_exact(b"Your name")
    child.expect_exact(b"> ")
    child.send(b"Sri \xe9\n")  # not UTF-8: asked again
    child.expect_exact(b"could not be read")
    child.expect_exact(b"> ")
    child.sendline(b"Sri Wati")
    child.expect_exact(b"Name of the officer")
    child.expect_exact(b"> ")
    child.sendline(b"q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert stored_profile(tmp_path / "b.db")["name"] == "Sri Wati"


ANSWERS_FILES = {
    "not-utf8": (b"profile:\n  name: caf\xe9\n", "2: the file is not valid UTF-8"),
    "empty": (b"", "the file is empty"),
    "whitespace": (b"   \n\n  \n", "the file is empty"),
    "list": (b"- yes\n- no\n", "1: an answers file is a mapping"),
    "long-line": (
        b"profile:\n  name: " + b"x" * 100_000 + b"\nanswers:\n  nope: yes\n",
        "4: unknown item id 'nope'",
    ),
    "unknown-key": (b"profil:\n  name: x\n", "1: unknown key 'profil'"),
    "bad-answer": (b"profile:\n  consent: no\nanswers:\n  passport: maybe\n", "4: "),
    "python-tag": (b"answers: !!python/object/apply:os.system [id]\n", "is not allowed"),
}


@pytest.mark.parametrize("name", list(ANSWERS_FILES))
def test_bad_answers_files(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, expected = ANSWERS_FILES[name]
    monkeypatch.chdir(tmp_path)
    Path("answers.yaml").write_bytes(data)
    result = runner.invoke(app, ["assess", "--answers", "answers.yaml", "--checklists", str(MINI)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"answers.yaml:{expected}" in result.output or expected in result.output, result.output
