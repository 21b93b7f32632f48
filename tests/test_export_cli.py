"""`pmi-ready checklists export` from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app
from pmi_ready.core import Catalog

DATA = Path(__file__).parent / "data"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _fixture_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command loads the fixture catalog (its own profile) instead of the built-in files."""
    catalog = load_catalog([DATA / "mini", DATA / "export-extra"], builtin=False)

    def load(dirs: list[Path] | None, contacts: Path | None = None) -> Catalog:
        return catalog

    monkeypatch.setattr("pmi_ready.cli.export.load", load)


def _export(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["checklists", "export", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "fmt", "magic"),
    [
        ("list.pdf", None, b"%PDF-"),
        ("list.html", None, b"<!DOCTYPE html>"),
        ("list.md", None, b"# Daftar periksa"),
        ("form.xlsx", None, b"PK"),
        ("print-me", "pdf", b"%PDF-"),
    ],
)
def test_writes_each_format(tmp_path: Path, name: str, fmt: str | None, magic: bytes) -> None:
    out = tmp_path / name
    args = ["--output", str(out)] + (["--format", fmt] if fmt else [])
    code, stdout, stderr = _export(*args)
    assert code == 0, stderr
    assert out.read_bytes().startswith(magic)
    assert stdout == ""
    assert "9 pertanyaan dari 3 daftar periksa ditulis ke" in stderr
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_options_reach_the_export(tmp_path: Path) -> None:
    out = tmp_path / "kr.pdf"
    code, _, stderr = _export(
        "-f",
        "pdf",
        "--destination",
        "KR",
        "--job",
        "cook",
        "--checklist",
        "korea",
        "--checklist",
        "docs",
        "--report-lang",
        "en",
        "--lang",
        "en",
        "-o",
        str(out),
    )
    assert code == 0, stderr
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Only the items that apply to: Destination: South Korea; Job: Cook" in text
    assert "Are you 18 to 39 years old?" in text
    assert "Is someone else holding your passport?" not in text  # checklist flags left out
    assert "Sudah punya paspor?" not in text  # English only
    assert "6 questions from 2 checklists" in stderr  # messages follow --lang when it is one


def test_xlsform_from_the_command(tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    assert _export("--format", "xlsform", "-o", str(out), "--destination", "TW")[0] == 0
    wb = load_workbook(out)
    names = [row[1].value for row in wb["survey"].iter_rows(min_row=2)]
    assert "tw-only" in names and "eps-age" not in names


def test_markdown_and_html_to_stdout() -> None:
    code, stdout, _ = _export("-o", "-", "-f", "md")
    assert code == 0 and stdout.startswith("# Daftar periksa")
    code, stdout, _ = _export("-o", "-", "-f", "html")
    assert code == 0 and stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--destination", "XX", "-o", "x.pdf"], 1, "TW (Taiwan), MY (Malaysia)"),
        (["--job", "pilot", "-o", "x.pdf"], 1, "fishing-crew (Awak kapal perikanan)"),
        (["--checklist", "nope", "-o", "x.pdf"], 1, "daftar periksa yang ada: docs, flags, korea"),
        (["-o", "x.txt"], 2, "--format pdf, html, md atau xlsform"),
        (["-f", "docx", "-o", "x.docx"], 2, "format 'docx' tidak dikenal"),
        (["--report-lang", "fr", "-o", "x.md"], 2, "pakai both, id atau en"),
        (["--lang", "fr", "-o", "x.md"], 2, "pakai 'id' atau 'en'"),
        (["-f", "pdf", "-o", "-"], 2, "tidak bisa ditampilkan di layar"),
    ],
)
def test_errors(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["checklists", "export", *args])
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_output(tmp_path: Path) -> None:
    code, _, stderr = _export("-o", str(tmp_path / "missing" / "x.pdf"))
    assert code == 1
    assert "tidak bisa ditulis" in stderr and "Traceback" not in stderr


def test_suffix_that_does_not_match_the_format_is_noted(tmp_path: Path) -> None:
    code, _, stderr = _export("-f", "md", "-o", str(tmp_path / "x.txt"))
    assert code == 0
    assert "biasanya berakhiran .md" in stderr


def test_help_lists_the_options() -> None:
    result = runner.invoke(app, ["checklists", "export", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--destination", "--job", "--checklist", "--lang", "--output"):
        assert option in result.stdout
