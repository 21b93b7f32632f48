"""Every command that takes ``--db`` works on both back ends, with ``--db`` and with
``PMI_READY_DB``: assess (an answers file), report, records list/show/export/import/stats/
delete/purge."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.store import open_store
from tests.records_helpers import fill, synth


def cli(*args: str, input: str | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, [*args, "--lang", "en"], input=input)
    return res.exit_code, res.stdout, res.stderr


def test_every_db_command_on_both(
    db_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "a.yaml"
    made = subprocess.run(
        [sys.executable, "-m", "pmi_ready", "checklists", "template", "--destination", "TW"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = made.stdout.replace("consent: no", "consent: yes", 1)
    assert "consent: yes" in text
    answers.write_text(text, encoding="utf-8")
    code, out, err = cli("assess", "--answers", str(answers), "--db", db_target)
    assert code == 0, err
    with open_store(db_target) as s:
        [rec] = s.list()
        fill(s, synth(20, seed=3))
    monkeypatch.setenv("PMI_READY_DB", db_target)  # the variable, for the rest
    code, out, err = cli("records", "list", "--json", "--limit", "0")
    assert code == 0, err
    assert len(json.loads(out)) == 21
    code, out, err = cli("records", "show", rec.id[:8])
    assert code == 0 and rec.id in out, err
    code, out, err = cli("report", rec.id[:8], "-o", str(tmp_path / "r.md"))
    assert code == 0, err
    assert (tmp_path / "r.md").read_text(encoding="utf-8").strip()
    code, out, err = cli("records", "stats", "--by", "destination", "--json")
    assert code == 0, err
    assert json.loads(out)["total"]["total"] == 21
    exported = tmp_path / "all.jsonl"
    code, _, err = cli("records", "export", "--format", "jsonl", "-o", str(exported))
    assert code == 0, err
    code, _, err = cli("records", "export", "--format", "csv", "-o", str(tmp_path / "a.csv"))
    assert code == 0, err
    code, _, err = cli("records", "delete", rec.id, "--yes")
    assert code == 0, err
    code, out, err = cli("records", "import", str(exported))
    assert code == 0, err
    with open_store(db_target) as s:
        # the deleted record's tombstone keeps the import from bringing it back
        assert rec.id not in {r.id for r in s.list()}
        assert len(s.list()) == 20
    code, _, err = cli("records", "purge", "--older-than", "0", "--yes")
    assert code == 0, err
    with open_store(db_target) as s:
        assert s.list() == []
