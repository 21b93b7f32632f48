"""Where pmi-ready writes its files (#15 item 11): never onto a device, a pipe or a socket; never
over a file another program created while it was writing; `report -o` replaces a file only with
`--force`, like the exports; a permission error names the file asked for, never a temporary one;
an import's lines and notes have a size limit."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.store import Store
from tests.test_summary_writes import PROFILE


def invoke(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), r.output
    return r.exit_code, " ".join(r.output.split())


@pytest.fixture
def aid() -> str:
    with Store.open(Path(os.environ["PMI_READY_DB"])) as s:
        return s.create(lang="en", versions={}, profile=dict(PROFILE))


def test_report_output_is_not_replaced_without_force(tmp_path: Path, aid: str) -> None:
    out = tmp_path / "r.md"
    out.write_text("mine", encoding="utf-8")
    code, said = invoke("report", aid[:8], "-f", "md", "-o", str(out))
    assert code == 1 and "already exists" in said and "--force" in said, said
    assert out.read_text(encoding="utf-8") == "mine"
    code, said = invoke("report", aid[:8], "-f", "md", "-o", str(out), "--force")
    assert code == 0, said
    assert out.read_text(encoding="utf-8") != "mine"


FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX")


@FIFO
@pytest.mark.parametrize(
    "command",
    [
        ["report", "AID", "-f", "md", "--force", "-o"],
        ["records", "export", "--format", "jsonl", "--force", "-o"],
        ["checklists", "export", "--format", "md", "-o"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_pipe_at_the_target_is_refused(tmp_path: Path, aid: str, command: list[str]) -> None:
    (tmp_path / "out").mkdir()
    fifo = tmp_path / "out" / "pipe"
    os.mkfifo(fifo)
    code, said = invoke(*[aid[:8] if c == "AID" else c for c in command], str(fifo))
    assert code == 1 and "not a file but a device, a pipe or a socket" in said, said
    assert fifo.is_fifo()  # still the pipe, not replaced by a file
    assert [p.name for p in fifo.parent.iterdir()] == ["pipe"]  # no temporary file left


def test_a_file_created_at_the_target_while_exporting_is_kept(
    tmp_path: Path, aid: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmi_ready.cli import records_export

    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "e.jsonl"
    real = records_export._write_text

    def meanwhile(*args: Any, **kw: Any) -> int:
        out.write_text("another program's", encoding="utf-8")
        return int(real(*args, **kw))

    monkeypatch.setattr(records_export, "_write_text", meanwhile)
    code, said = invoke("records", "export", "--format", "jsonl", "-o", str(out))
    assert code == 1 and "created by another program" in said, said
    assert out.read_text(encoding="utf-8") == "another program's"
    assert [p.name for p in out.parent.iterdir()] == ["e.jsonl"]


@pytest.mark.parametrize(
    "command",
    [["report", "AID", "-f", "md", "-o"], ["checklists", "export", "--format", "md", "-o"]],
    ids=lambda c: c[0],
)
def test_a_permission_error_names_the_target(
    tmp_path: Path, aid: str, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    def refused(*args: Any, dir: Any = None, prefix: Any = "", suffix: Any = "", **kw: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(Path(dir or ".") / f"{prefix}x{suffix}"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    out = tmp_path / "locked" / "r.md"
    out.parent.mkdir()
    code, said = invoke(*[aid[:8] if c == "AID" else c for c in command], str(out))
    assert code == 1 and "permission denied" in said.lower(), said
    assert str(out) in said, said
    assert ".tmp" not in said and ".part" not in said and "locked/.r" not in said, said


# ----------------------------------------------------------------------- import limits
def _record(note: str = "") -> str:
    d = {
        "id": str(uuid.uuid4()),
        "created_at": "2026-11-01T10:00:00+00:00",
        "updated_at": "2026-11-01T10:00:00+00:00",
        "lang": "id",
        "profile": dict(PROFILE),
        "answers": {"passport": {"value": "no", "note": note, "answered_at": ""}},
        "notes": {"passport": note} if note else {},
        "versions": {},
    }
    return json.dumps(d)


def test_an_import_note_too_long_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text(_record("n" * 6_000) + "\n" + _record("short") + "\n", encoding="utf-8")
    code, said = invoke("records", "import", str(f))
    assert code == 1, said
    assert "in.jsonl:1: a note of 6,000 characters, more than 5,000" in said, said
    assert "1 added" in said, said


@pytest.mark.skipif(sys.platform == "win32", reason="a large file, quickly: POSIX only")
def test_an_import_line_too_long_is_skipped_without_holding_it(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text("{" + "x" * 3_000_000 + "\n" + _record() + "\n", encoding="utf-8")
    code, said = invoke("records", "import", str(f))
    assert code == 1, said
    assert "in.jsonl:1: a line longer than 1,000,000 characters; skipped" in said, said
    assert "1 added" in said, said
