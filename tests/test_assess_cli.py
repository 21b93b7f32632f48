"""`assess`, `resume` and `checklists template` through CliRunner with typed input."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.cli import app
from pmi_ready.store import Store
from tests.conftest import mini_sign_ids, mini_signs

MINI = Path(__file__).parent / "data" / "mini"
MINI_ARGS = ["--checklists", str(MINI)]
# consent, name, officer, destination, job, route, sex, marital, age, funding
PROFILE = ["y", "", "Sri", "1", "1", "1", "", "1", "30", "1"]
# the built-in warning signs, asked after the mini set's own questions (answered no)
SIGNS = mini_signs(
    {"destination": "TW", "job": "housekeeper", "route": "agency", "marital": "single", "age": "30"}
)
NO_SIGNS_ID, NO_SIGNS_EN = ["t"] * SIGNS, ["n"] * SIGNS


def run(args: list[str], text: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, args, input=text)
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit), r.output
    return r.exit_code, r.stdout, r.stderr


def lines(*replies: str) -> str:
    return "".join(f"{x}\n" for x in replies)


def db() -> Store:
    return Store.open(Path(os.environ["PMI_READY_DB"]))


def test_full_walk_in_indonesian() -> None:
    code, out, err = run(
        ["assess", *MINI_ARGS], lines(*PROFILE, "ya", "t", "y", "t", "tb", *NO_SIGNS_ID, "")
    )
    assert code == 0, err
    assert f"Dokumen · 1/3 · total 1/{5 + SIGNS}" in out  # the built-in warning signs too
    assert "y=ya t=tidak" in out
    assert "STATUS: BELUM SIAP / NOT READY" in out  # the whole report ends the walk
    assert "Ask through the agency." in out  # with the next step for the missing visa
    assert "Disimpan sebagai" in err
    assert "pmi-ready report" in err  # no terminal here: no copy is offered, the command is named
    assert "Simpan salinan" not in out
    with db() as s:
        [rec] = s.list()
        assert rec.finished and rec.profile["officer"] == "Sri"
        assert rec.answers["tw-only"].value.value == "na"


def test_bad_keys_get_a_hint_and_no_crash() -> None:
    code, out, _ = run(
        ["assess", *MINI_ARGS, "--lang", "en"],
        lines(
            *PROFILE[:3],
            "99",
            "TW",
            "1",
            "1",
            "",
            "1",
            "abc",
            "2999-01-01",
            "30",
            "1",
            "x",
            "ya",
            "y",
            "q",
        ),
    )
    assert code == 0
    assert "Please type a number from 1 to 12." in out
    assert "Please type your age in years" in out
    assert "That date is in the future" in out
    assert "Please type y / yes or n / no" in out
    with db() as s:
        [rec] = s.list()
        assert rec.profile["destination"] == "TW"
        assert set(rec.answers) == {"passport"}


def test_quit_prints_the_resume_command() -> None:
    code, _, err = run(["assess", *MINI_ARGS, "--lang", "en"], lines(*PROFILE, "y", "q"))
    assert code == 0
    m = re.search(r"pmi-ready resume ([0-9a-f]{8}) --checklists", err)
    assert m, err
    with db() as s:
        aid = s.list()[0].id
    assert aid.startswith(m.group(1))
    assert aid in err


def test_end_of_input_names_answers_and_resume() -> None:
    code, _, err = run(["assess", *MINI_ARGS, "--lang", "en"], lines(*PROFILE, "y"))
    assert code == 1
    assert "input ended" in err
    assert "--answers" in err and "pmi-ready resume" in err
    with db() as s:
        assert set(s.list()[0].answers) == {"passport"}


def test_resume_by_id_and_by_choice() -> None:
    run(["assess", *MINI_ARGS, "--lang", "en"], lines(*PROFILE, "y", "s", "q"))
    with db() as s:
        aid = s.list()[0].id
    code, out, _ = run(["resume", aid[:8], *MINI_ARGS], lines("q"))
    assert code == 0
    assert "Do you have a work visa?" in out  # the first unanswered, in the saved language
    code, out, _ = run(
        ["resume", *MINI_ARGS], lines("5", "1", "n", "y", "n", "y", *NO_SIGNS_EN, "")
    )
    assert code == 0
    assert "Ketik nomor dari daftar." in out  # the picker speaks the default language
    assert "NOT READY" in out
    with db() as s:
        assert s.get(aid).finished


def test_resume_errors() -> None:
    code, _, err = run(["resume", *MINI_ARGS])
    assert code == 1 and "Tidak ada penilaian yang belum selesai" in err
    code, _, err = run(["resume", *MINI_ARGS, "--lang", "en"])
    assert code == 1 and "There is no unfinished assessment" in err
    code, _, err = run(["resume", "abcdef12", *MINI_ARGS])
    assert code == 1 and "abcdef12" in err


def test_no_save_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "never.db"
    code, out, err = run(
        ["assess", "--no-save", "--db", str(target), *MINI_ARGS, "--lang", "en"],
        lines(*PROFILE[1:], "y", "y", "y", "n", "y", *NO_SIGNS_EN, ""),
    )
    assert code == 0, err
    assert "Nothing is saved on this computer (--no-save)" in out
    assert "Nothing was saved" in err
    assert not target.exists()
    assert not Path(os.environ["PMI_READY_DB"]).exists()


def test_without_consent_nothing_reaches_the_disk() -> None:
    code, out, _ = run(["assess", *MINI_ARGS, "--lang", "en"], lines("n", *PROFILE[1:], "y", "q"))
    assert code == 0
    assert "No consent: nothing is saved" in out
    with db() as s:
        assert s.list() == []


def test_db_option_and_environment(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "mine.db"
    code, _, err = run(
        ["assess", "--db", str(target), *MINI_ARGS, "--lang", "en"], lines(*PROFILE, "y", "q")
    )
    assert code == 0
    assert f"--db {target}" in err
    with Store.open(target) as s:
        assert len(s.list()) == 1


def test_storage_error_is_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 200)
    code, _, err = run(["assess", "--db", str(bad), "--lang", "en", *MINI_ARGS], lines("y"))
    assert code == 1
    assert "Error:" in err and "damaged" in err
    assert "Traceback" not in err


# ----------------------------------------------------------------------------- answers files
def test_template_runs_back_through_assess(tmp_path: Path) -> None:
    code, tpl, _ = run(["checklists", "template", "--destination", "tw", *MINI_ARGS])
    assert code == 0
    assert "consent: no" in tpl and "tw-only:" in tpl and "marriage-book" not in tpl
    path = tmp_path / "a.yaml"
    path.write_text(tpl, encoding="utf-8")
    code, out, err = run(["assess", "--answers", str(path), *MINI_ARGS])
    assert code == 0, err
    assert "consent: yes" in err  # not saved: says why
    assert "STATUS: BELUM SIAP / NOT READY" in out  # the report itself: no id would find it
    assert not re.search(r"^[0-9a-f-]{36}$", out, re.M)
    with db() as s:
        assert s.list() == []
    path.write_text(tpl.replace("consent: no", "consent: yes"), encoding="utf-8")
    code, out, _ = run(["assess", "--answers", str(path), *MINI_ARGS])
    assert code == 0
    with db() as s:
        rec = s.get(out.strip())
        assert rec.profile["destination"] == "TW" and not rec.finished


def test_template_rejects_unknown_destination() -> None:
    code, _, err = run(["checklists", "template", "--destination", "XX", *MINI_ARGS])
    assert code == 1 and "TW" in err


def test_answers_from_stdin_with_problems() -> None:
    text = (
        "profile:\n  destination: TW\n  job: housekeeper\n  route: agency\n  marital: single\n"
        "  age: 30\n  funding: own\n  consent: yes\n"
        "answers:\n  passport: yes\n  work-visa: maybe\n  copies: na\n  pasport: no\n"
    )
    code, out, err = run(["assess", "--answers", "-", "--lang", "en", *MINI_ARGS], text)
    assert code == 1
    assert "<stdin>:11: 'maybe' is not an answer to 'work-visa'" in err
    assert "<stdin>:12: 'copies' does not accept na" in err
    assert "<stdin>:13: unknown item id 'pasport'; did you mean 'passport'?" in err
    assert out == ""


def test_answers_from_stdin_saved() -> None:
    text = (
        "profile: {destination: TW, job: cook, route: agency, marital: single, age: 1990-05-05,"
        " funding: own, consent: yes}\n"
        "answers:\n  passport: yes\n  work-visa: {answer: no, note: 'agency has it'}\n"
        "  copies: true\n  passport-held: no\n  tw-only: unsure\n"
    )
    profile = {"destination": "TW", "job": "cook", "route": "agency", "marital": "single"}
    text += "".join(f"  {sign}: no\n" for sign in mini_sign_ids({**profile, "age": "35"}))
    code, out, _ = run(["assess", "--answers", "-", "--lang", "en", *MINI_ARGS], text)
    assert code == 0
    with db() as s:
        rec = s.get(out.strip())
    assert rec.finished
    assert rec.answers["work-visa"].note == "agency has it"
    assert rec.answers["copies"].value.value == "yes"
    assert int(rec.profile["age"]) >= 35


@pytest.mark.parametrize("command", [["assess", "--help"], ["resume", "--help"]])
def test_help_mentions_db(command: list[str]) -> None:
    code, out, _ = run(command)
    assert code == 0 and "--db" in out


def test_consent_i_says_what_is_kept_where_and_how_to_delete() -> None:
    _, out, _ = run(["assess", "--lang", "en", *MINI_ARGS], lines("i", "q"))
    assert "No more information" not in out
    flat = " ".join(out.split())
    assert "pmi-ready.db" in flat and "PMI_READY_DB" in flat
    assert "pmi-ready records delete ID" in flat and "Nothing is sent anywhere" in flat
    _, out, _ = run(["assess", *MINI_ARGS], lines("i", "q"))
    flat = " ".join(out.split())
    assert "Tidak ada keterangan lain" not in flat and "pmi-ready records delete ID" in flat
