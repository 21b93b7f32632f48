"""The language chosen is the language used: where it is chosen (--lang at the root or on any
command, PMI_READY_LANG, LANGUAGE, LC_ALL, LC_MESSAGES, LANG), --help in it, usage errors in it,
and reports with it first."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.cli.lang import scan
from pmi_ready.i18n import lang_code, system_lang

runner = CliRunner()


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, None),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({"LANGUAGE": "en", "LANG": "id_ID.UTF-8"}, "en"),  # LANGUAGE before the locale
        ({"LANGUAGE": "fr:de:en:id", "LANG": "fr_FR.UTF-8"}, "en"),  # the first one we have
        ({"LANGUAGE": "fr:de", "LANG": "en_GB.UTF-8"}, "en"),  # none we have: the locale
        ({"LANGUAGE": "en", "LANG": "C"}, None),  # C: LANGUAGE is ignored, as gettext does
        ({"LANGUAGE": "en", "LC_ALL": "C.UTF-8", "LANG": "id_ID"}, None),
        ({"LC_ALL": "en_US", "LANG": "id_ID"}, "en"),  # LC_ALL before LANG
        ({"LC_MESSAGES": "id_ID", "LANG": "en_US"}, "id"),
        ({"LANGUAGE": "C:en", "LANG": "en_US"}, None),  # C in the list: no choice
        ({"PMI_READY_LANG": "en", "LANGUAGE": "id", "LANG": "id_ID"}, "en"),  # its own first
        ({"PMI_READY_LANG": "xx", "LANG": "en_US"}, "en"),  # an unknown one is skipped
    ],
)
def test_the_environment_in_gettexts_order(env: dict[str, str], lang: str | None) -> None:
    assert system_lang(env) == lang


def test_language_codes() -> None:
    assert [lang_code(c) for c in ("id", "in", "ID_id.utf8", "en-GB", "EN", "fr", "")] == [
        "id",
        "id",
        "id",
        "en",
        "en",
        None,
        None,
    ]


def test_scan_finds_lang_wherever_it_stands() -> None:
    assert scan(["--lang", "en", "records", "list"]) == "en"
    assert scan(["records", "list", "--lang=id"]) == "id"
    assert scan(["--lang", "en", "report", "x", "--lang", "id"]) == "id"  # the last one
    assert scan(["records", "list", "--", "--lang", "en"]) is None
    assert scan(["records", "list", "--lang"]) is None


def test_lang_at_the_root_reaches_the_command() -> None:
    en = runner.invoke(app, ["--lang", "en", "checklists", "list"])
    assert en.exit_code == 0 and "Checklists" in en.stdout
    id_ = runner.invoke(app, ["checklists", "list"])
    assert id_.exit_code == 0 and "Daftar periksa" in id_.stdout


def test_every_command_accepts_lang() -> None:
    """`checklists validate` never had --lang; it is added to every command that has none."""
    res = runner.invoke(app, ["checklists", "validate", "--lang", "id"])
    assert res.exit_code == 0, res.output
    bad = runner.invoke(app, ["checklists", "validate", "--lang", "fr"])
    assert bad.exit_code == 2 and "bahasa 'fr' tidak dikenal" in bad.stderr


def test_the_environment_chooses_when_no_lang_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    res = runner.invoke(app, ["checklists", "list"])
    assert "Checklists" in res.stdout
    assert "Daftar periksa" in runner.invoke(app, ["checklists", "list", "--lang", "id"]).stdout


def test_help_is_in_the_chosen_language() -> None:
    id_ = runner.invoke(app, ["records", "list", "--help"])
    assert id_.exit_code == 0
    assert id_.stdout.startswith("Cara pakai: ") and "records list [PILIHAN]" in id_.stdout
    assert "Daftar penilaian yang tersimpan" in id_.stdout
    assert "Tampilkan pesan ini lalu keluar." in id_.stdout
    assert "[bawaan: 50" in id_.stdout
    en = runner.invoke(app, ["records", "list", "--help", "--lang", "en"])  # after --help too
    assert en.stdout.startswith("Usage: ") and "records list [OPTIONS]" in en.stdout
    assert "List stored assessments, newest first." in en.stdout
    root = runner.invoke(app, ["--lang", "en", "--help"])
    assert "Stored assessments: list, show" in root.stdout


def test_usage_errors_are_in_the_chosen_language() -> None:
    res = runner.invoke(app, ["records", "list", "--status", "zz"])
    assert res.exit_code == 2
    assert "records list -h' untuk bantuan." in res.stderr
    assert "Kesalahan: Nilai '--status' tidak bisa dipakai: 'zz' bukan salah satu dari" in (
        " ".join(res.stderr.split())
    )
    res = runner.invoke(app, ["--lang", "en", "recordz"])
    assert res.exit_code == 2 and "Error: No such command 'recordz'." in res.stderr
    res = runner.invoke(app, ["report"])
    assert res.exit_code == 2 and "'ID' belum diisi." in res.stderr


def test_lang_both_points_to_report_lang() -> None:
    res = runner.invoke(app, ["report", "abcdef", "--lang", "both"])
    assert res.exit_code == 2 and "--report-lang both" in res.stderr
