"""`pmi-ready checklists list|show|validate`, `contacts`, `--version`, through Typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready import __version__
from pmi_ready.cli import app
from tests.conftest import MINI

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"pmi-ready {__version__}"


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pmi_ready", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"pmi-ready {__version__}"


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code in (0, 2)
    assert "checklists" in result.output


def test_validate_builtin_is_clean() -> None:
    result = runner.invoke(app, ["checklists", "validate"])
    assert result.exit_code == 0, result.output
    assert "tidak ada masalah" in result.output


def test_validate_reports_file_line_and_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text("id: x\nid: y\n", encoding="utf-8")
    result = runner.invoke(app, ["checklists", "validate", "bad.yaml"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "bad.yaml:2: kunci 'id' ditulis dua kali (pertama di baris 1)" in lines
    assert lines[-1].endswith("masalah ditemukan")
    assert "Traceback" not in result.output


def test_list_json_with_extra_folder_of_own_checklists(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "extra.yaml").write_text(
        (MINI / "flags.yaml")
        .read_text(encoding="utf-8")
        .replace("id: flags", "id: own-flags")
        .replace("id: passport-held", "id: own-passport-held")
        .replace("id: tw-only", "id: own-tw-only")
        .replace("test-unverified", "own-source")
        .replace("uu18-p5", "own-source")
        + "sources:\n  own-source: {title: A trainer's own source}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["checklists", "list", "--json", "--checklists", str(own)])
    assert result.exit_code == 0, result.output
    ids = [c["id"] for c in json.loads(result.output)]
    assert "own-flags" in ids


def test_list_table_in_both_languages() -> None:
    id_out = runner.invoke(app, ["checklists", "list"]).output
    en_out = runner.invoke(app, ["checklists", "list", "--lang", "en"]).output
    assert "Daftar periksa" in id_out and "Ditinjau" in id_out
    assert "Checklists" in en_out and "Reviewed" in en_out


def test_unknown_language_is_a_usage_error() -> None:
    result = runner.invoke(app, ["checklists", "list", "--lang", "fr"])
    assert result.exit_code == 2
    assert "bahasa 'fr' tidak dikenal" in result.output


def test_show_unknown_id_lists_the_valid_ones() -> None:
    result = runner.invoke(app, ["checklists", "show", "nope"])
    assert result.exit_code == 1
    assert "tidak ada daftar periksa 'nope'" in result.output


def test_broken_extra_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("items: [\n", encoding="utf-8")
    result = runner.invoke(app, ["checklists", "list", "--checklists", str(tmp_path)])
    assert result.exit_code == 1
    assert "broken.yaml:" in result.output
    assert "Traceback" not in result.output


def test_a_folder_with_its_own_profile_replaces_the_builtin_set() -> None:
    """... but for the built-in warning signs, kept after the folder's own checklists."""
    result = runner.invoke(app, ["checklists", "list", "--json", "--checklists", str(MINI)])
    assert result.exit_code == 0, result.output
    assert [c["id"] for c in json.loads(result.output)] == ["docs", "flags", "red-flags", "funds"]


def test_validate_a_copy_of_the_builtin_folder(tmp_path: Path) -> None:
    import shutil

    from pmi_ready.resources import checklists_dir

    shutil.copytree(checklists_dir(), tmp_path / "copy")
    result = runner.invoke(app, ["checklists", "validate", str(tmp_path / "copy")])
    assert result.exit_code == 0, result.output


def test_contacts_show_the_month_they_were_verified() -> None:
    en = runner.invoke(app, ["contacts", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "0800-1000" in en.output
    assert "Last verified: April 2025" in en.output
    data = json.loads(runner.invoke(app, ["contacts", "--json"]).output)
    assert data["verified"] == "2025-04"
    assert {c["value"] for c in data["contacts"]} >= {"0800-1000", "+62 21 2924 4800"}
