"""Inputs that crashed pmi-ready with exit code 3 (a bug) each end with one clear message and exit
code 1 (#15 item 10): a checklist text a workbook cannot hold, a text too long for a page of the
printable checklist, import lines with numbers, nesting or times Python cannot hold, numbers of
days or rows beyond what a date or a database can hold, a closed standard input or output, and a
home folder of a user who does not exist."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.store import Store
from tests.conftest import MINI
from tests.test_summary_writes import PROFILE

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args: str, input: str | None = None) -> tuple[int, str]:
    r = CliRunner().invoke(app, [*args, "--lang", "en"], input=input)
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), r.output
    return r.exit_code, r.output


def assert_clear(code: int, said: str, *words: str) -> None:
    assert code == 1, said
    flat = " ".join(said.split())  # the message wraps at the terminal's width
    assert "unexpected error" not in flat and "Traceback" not in flat, said
    for w in words:
        assert w in flat, said


# ------------------------------------------------------------------------- checklist exports
def _folder(tmp_path: Path, old: str, new: str) -> Path:
    own = tmp_path / "own"
    shutil.copytree(MINI, own)
    docs = own / "docs.yaml"
    text = docs.read_text(encoding="utf-8")
    assert old in text
    docs.write_text(text.replace(old, new), encoding="utf-8")
    return own


def test_an_xlsform_of_a_checklist_with_a_control_character(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    own = _folder(tmp_path, '"Do you have a passport?"', '"Do you have\\x07 a passport?"')
    code, said = invoke(
        "checklists", "export", "--checklists", str(own), "-o", str(tmp_path / "f.xlsx")
    )
    assert_clear(code, said, "control character", "U+0007")
    assert not (tmp_path / "f.xlsx").exists()


def test_xlsform_cells_beginning_with_equals_are_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    own = _folder(tmp_path, '"Do you have a passport?"', '"=HYPERLINK(\\"http://x\\",\\"y\\")"')
    out = tmp_path / "f.xlsx"
    code, said = invoke("checklists", "export", "--checklists", str(own), "-o", str(out))
    assert code == 0, said
    ws = openpyxl.load_workbook(out)["survey"]
    cells = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize("lang", ["both", "en"])
def test_a_printable_checklist_with_a_2000_word_text(tmp_path: Path, lang: str) -> None:
    words = " ".join(f"word{i}" for i in range(2000))
    own = _folder(tmp_path, '"A passport is required."', f'"{words}"')
    out = tmp_path / "f.pdf"
    code, said = invoke(
        "checklists", "export", "--checklists", str(own), "-o", str(out), "--report-lang", lang
    )
    assert code == 0, said  # cut where the question's box would no longer fit a page
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("note", ["catatan " * 2500, "x" * 20_000], ids=["words", "one word"])
def test_a_report_pdf_with_a_20000_character_note_and_a_2000_word_text(
    tmp_path: Path, note: str
) -> None:
    from pmi_ready.core import AnswerValue

    words = " ".join(f"word{i}" for i in range(2000))
    own = _folder(tmp_path, '"A passport is required."', f'"{words}"')
    with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
        aid = s.create(lang="en", versions={}, profile=dict(PROFILE))
        s.save_answer(aid, "passport", AnswerValue.NO, note=note)
    out = tmp_path / "r.pdf"
    code, said = invoke("report", aid[:8], "--checklists", str(own), "-f", "pdf", "-o", str(out))
    assert code == 0, said
    assert out.read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------------------------- imports
def _line(**over: object) -> str:
    record = {
        "id": str(uuid.uuid4()),
        "created_at": "2026-11-01T10:00:00+00:00",
        "updated_at": "2026-11-01T10:00:00+00:00",
        "lang": "id",
        "profile": dict(PROFILE),
        "answers": {},
        "notes": {},
        "versions": {},
        **over,
    }
    return json.dumps(record, separators=(",", ":"))


def _import(tmp_path: Path, line: str) -> tuple[int, str]:
    f = tmp_path / "in.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    return invoke("records", "import", str(f))


IMPORT_LINES: dict[str, tuple[Callable[[], str], str]] = {
    "an integer of 5,000 digits": (
        lambda: _line().replace('"lang":"id"', '"lang":"id","x":' + "9" * 5000),
        "too many digits",
    ),
    "an age of 5,000 digits": (
        lambda: _line().replace('"age":"30"', '"age":' + "9" * 5000),
        "too many digits",
    ),
    "JSON nested 100,000 deep": (
        lambda: _line().replace('"notes":{}', '"notes":' + "[" * 100_000 + "]" * 100_000),
        "nested too deeply",
    ),
    "a time before the calendar in UTC": (
        lambda: _line(
            created_at="0001-01-01T00:00:00+05:00", updated_at="0001-01-01T00:00:00+05:00"
        ),
        "outside the calendar",
    ),
    "a time after the calendar in UTC": (
        lambda: _line(
            created_at="9999-12-31T23:59:59-05:00", updated_at="9999-12-31T23:59:59-05:00"
        ),
        "outside the calendar",
    ),
    "an age of 1e999": (lambda: _line().replace('"age":"30"', '"age":1e999'), "'age' is inf"),
    "an age '1e999'": (lambda: _line().replace('"age":"30"', '"age":"1e999"'), "'age' is 1e999"),
}


@pytest.mark.parametrize("case", list(IMPORT_LINES))
def test_import_lines_python_cannot_hold(tmp_path: Path, case: str) -> None:
    make, words = IMPORT_LINES[case]
    code, said = _import(tmp_path, make())
    assert_clear(code, said, "in.jsonl:1:", words)
    with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
        assert s.list() == []  # nothing of it stored


# ------------------------------------------------------------------------- numbers of things
@pytest.mark.parametrize("days", ["800000", "99999999999999999999"])
def test_purge_older_than_the_calendar(days: str) -> None:
    code, said = invoke("records", "purge", "--older-than", days, "--yes")
    assert_clear(code, said, f"--older-than {days}", "calendar")


@pytest.mark.parametrize(
    "args", [["list", "--limit"], ["list", "--offset"], ["stats", "--top"]], ids=" ".join
)
def test_counts_beyond_a_database(args: list[str]) -> None:
    code, said = invoke("records", *args, "99999999999999999999")
    assert_clear(code, said, f"{args[-1]} 99999999999999999999", "too large")


def test_a_count_a_database_holds_still_works() -> None:
    code, said = invoke("records", "list", "--limit", str(2**63 - 1))
    assert code == 0, said


# --------------------------------------------------------------- closed standard streams
def _run(args: list[str], close: int) -> subprocess.CompletedProcess[str]:
    """``pmi-ready ARGS`` with its standard input (0) or output (1) closed, as ``<&-`` or
    ``>&-`` in a shell leave it."""
    return subprocess.run(
        [sys.executable, "-m", "pmi_ready", *args, "--lang", "en"],
        stdout=None if close == 1 else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        preexec_fn=lambda: os.close(close),
        timeout=120,
    )


def _one_record() -> str:
    with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
        return s.create(lang="en", versions={}, profile=dict(PROFILE))


POSIX = pytest.mark.skipif(sys.platform == "win32", reason="closing a descriptor: POSIX")


@POSIX
@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--checklists", str(MINI)],
        ["resume", "--checklists", str(MINI)],
        ["assess", "--answers", "-", "--checklists", str(MINI)],
        ["records", "delete", "ID"],
        ["records", "purge", "--older-than", "0"],
    ],
    ids=" ".join,
)
def test_a_closed_standard_input(args: list[str]) -> None:
    if "ID" in args or "purge" in args or "resume" in args:
        aid = _one_record()
        args = [aid[:8] if a == "ID" else a for a in args]
    done = _run(args, 0)
    said = done.stdout + done.stderr
    assert_clear(done.returncode, said)
    assert any(w in said for w in ("input ended", "Nothing was deleted", "is empty")), said
    if "delete" in args or "purge" in args:
        with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
            assert len(s.list()) == 1  # nothing deleted without a yes


@POSIX
@pytest.mark.parametrize("args", [["records", "list"], ["contacts"]], ids=" ".join)
def test_a_closed_standard_output(args: list[str]) -> None:
    _one_record()
    done = _run(args, 1)
    assert_clear(done.returncode, done.stderr, "standard output is closed")


@POSIX
def test_a_closed_standard_output_does_not_stop_a_file_export(tmp_path: Path) -> None:
    out = tmp_path / "c.md"
    done = _run(["checklists", "export", "-o", str(out)], 1)
    assert done.returncode == 0, done.stderr
    assert out.exists()


# --------------------------------------------------------------------------- home folders
@pytest.mark.parametrize("how", ["env", "option"])
def test_the_home_folder_of_a_user_who_does_not_exist(
    how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = "~nosuchuser-pmi/x.db"
    if how == "env":
        monkeypatch.setenv("PMI_READY_DB", where)
        code, said = invoke("records", "list")
    else:
        code, said = invoke("records", "list", "--db", where)
    assert_clear(code, said, "~nosuchuser-pmi/x.db", "does not know")
