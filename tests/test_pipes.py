"""Pipes and small things (#19 item 6): a reader that stops early (`| head -1`) is no error, and
every command that prints much says nothing and exits 0 when it does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmi_ready.store import Store
from tests.records_helpers import fill, synth


@pytest.fixture
def saved_ids() -> list[str]:
    recs = synth(80, seed=5)
    with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
        fill(s, recs)
    return [r.id for r in recs]


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pmi_ready", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )


def _closed_early(args: list[str]) -> tuple[int, str]:
    """Runs pmi-ready with its standard output a pipe closed before it writes a byte (so every
    write fails, whatever the pipe's buffer), as `| head -0` would."""
    with _start(args) as p:
        assert p.stdout is not None and p.stderr is not None
        p.stdout.close()
        err = p.stderr.read().decode("utf-8", errors="replace")
        return p.wait(timeout=60), err


def _head_1(args: list[str]) -> tuple[int, str, str]:
    """``pmi-ready ARGS | head -1``: the first line is read, then the pipe is closed."""
    with _start(args) as p:
        assert p.stdout is not None and p.stderr is not None
        first = p.stdout.readline().decode("utf-8", errors="replace")
        p.stdout.close()
        err = p.stderr.read().decode("utf-8", errors="replace")
        return p.wait(timeout=60), first, err


PRINTS_MUCH = [
    ["--help"],
    ["checklists", "--help"],
    ["checklists", "list"],
    ["checklists", "list", "--json"],
    ["checklists", "show", "documents"],
    ["checklists", "show", "documents", "--json"],
    ["checklists", "template", "--destination", "TW"],
    ["checklists", "export", "-o", "-", "--format", "md"],
    ["contacts"],
    ["records", "list"],
    ["records", "list", "--json"],
    ["records", "stats"],
    ["records", "export", "-o", "-", "--format", "jsonl"],
    ["records", "export", "-o", "-", "--format", "csv"],
]


@pytest.mark.parametrize("args", PRINTS_MUCH, ids=" ".join)
def test_a_pipe_closed_at_once_is_no_error(args: list[str], saved_ids: list[str]) -> None:
    code, err = _closed_early(args)
    assert code == 0, err
    assert "Error" not in err and "Kesalahan" not in err and "Traceback" not in err, err
    assert "Broken pipe" not in err and "Exception ignored" not in err, err


@pytest.mark.parametrize("fmt", ["terminal", "md", "json", "summary"])
def test_a_report_into_head(fmt: str, saved_ids: list[str]) -> None:
    code, first, err = _head_1(["report", saved_ids[0], "--format", fmt])
    assert code == 0, err
    assert first.strip()
    assert "Broken pipe" not in err and "Exception ignored" not in err, err


def test_checklists_show_into_head_gives_its_first_line() -> None:
    code, first, err = _head_1(["checklists", "show", "documents", "--lang", "en"])
    assert (code, err) == (0, "")
    assert first.startswith("Complete documents")


def test_records_show_into_head(saved_ids: list[str]) -> None:
    code, first, err = _head_1(["records", "show", saved_ids[0]])
    assert code == 0, err
    assert saved_ids[0][:8] in first or first.strip()


# ----------------------------------------------------------------- records import - (stdin)
def _invoke(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from pmi_ready.cli import app

    res = CliRunner().invoke(app, [*args, "--lang", "en"], input=input)
    return res.exit_code, res.stdout, res.stderr


def test_records_import_reads_a_jsonl_export_from_standard_input(
    tmp_path: Path, saved_ids: list[str]
) -> None:
    code, exported, err = _invoke("records", "export", "-o", "-", "--format", "jsonl")
    assert code == 0, err
    other = str(tmp_path / "other.db")
    code, out, err = _invoke("records", "import", "-", "--db", other, input=exported)
    assert code == 0, err
    assert f"{len(saved_ids)} added, 0 updated, 0 unchanged." in out
    code, out, err = _invoke("records", "import", "-", "--db", other, input=exported)
    assert f"0 added, 0 updated, {len(saved_ids)} unchanged." in out


def test_records_import_names_standard_input_in_its_problems() -> None:
    code, _out, err = _invoke("records", "import", "-", input='{"x": 1}\nnot json\n')
    assert code == 1
    assert "<stdin>:1: the record has no 'id'" in err
    assert "<stdin>:2: not valid JSON" in err


def test_records_import_reads_submissions_from_standard_input() -> None:
    from tests import submission_files as sf
    from tests.records_helpers import catalog
    from tests.test_submissions import SUBS

    data = sf.kobo_csv(sf.form_shape(catalog()), SUBS)
    code, out, err = _invoke("records", "import", "-", input=data)
    assert code == 0, err
    assert "2 added, 0 updated, 0 unchanged." in out
    assert "1 submission without the applicant's consent was not stored." in out


def test_records_import_takes_standard_input_once_among_files(
    tmp_path: Path, saved_ids: list[str]
) -> None:
    code, _out, err = _invoke("records", "import", "-", "-", input="")
    assert code == 2
    assert "'-' (standard input) can be given only once" in err
    export = tmp_path / "a.jsonl"
    code, _out, err = _invoke("records", "export", "-o", str(export))
    assert code == 0, err
    code, out, err = _invoke(
        "records",
        "import",
        str(export),
        "-",
        "--db",
        str(tmp_path / "b.db"),
        input=export.read_bytes(),
    )
    assert code == 0, err
    assert f"{len(saved_ids)} added, 0 updated, {len(saved_ids)} unchanged." in out
