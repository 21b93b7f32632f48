""" "Another country" asks which (issue #16, item 2): the name typed is recorded, and a name on
the list (Kamboja, Burma, Dubai) becomes that choice, so every rule about it applies — in the walk,
in answers files (and so in KoboToolbox/ODK imports), in the XLSForm and in the report."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from typer.testing import CliRunner

from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app
from pmi_ready.core import OTHER, Catalog, ProfileField, fold_name
from tests.pty_helpers import spawn_cli
from tests.test_loader import problems_with, work  # noqa: F401  (the fixture)


@cache
def catalog() -> Catalog:
    return load_catalog()


def destination() -> ProfileField:
    f = catalog().profile.field("destination")
    assert f is not None
    return f


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Kamboja", "KH"),
        ("cambodia", "KH"),
        ("  PHNOM PENH ", "KH"),
        ("Burma", "MM"),
        ("myawaddy", "MM"),
        ("Thailand", "TH"),
        ("Laos", "LA"),
        ("Golden Triangle", "LA"),
        ("Dubai", "middle-east"),
        ("Uni Emirat Arab", "middle-east"),
        ("Qatar", "middle-east"),
        ("Arab Saudi", "SA"),
        ("Korsel", "KR"),
        ("Hongkong", "HK"),
        ("Jepang", "JP"),
    ],
)
def test_a_name_on_the_list_is_that_choice(typed: str, code: str) -> None:
    chosen = destination().resolve(typed)
    assert chosen is not None and chosen.value == code


@pytest.mark.parametrize("typed", ["Peru", "Kanada", "", "  ", "!!!"])
def test_a_name_not_on_the_list_is_no_choice(typed: str) -> None:
    assert destination().resolve(typed) is None


@given(st.data())
def test_any_name_of_a_choice_in_any_case_and_spacing_resolves_to_it(data: st.DataObject) -> None:
    f = destination()
    c = data.draw(st.sampled_from(f.choices))
    name = data.draw(st.sampled_from(c.names()))
    typed = data.draw(st.sampled_from([name, name.upper(), name.lower(), f"  {name} "]))
    chosen = f.resolve(typed)
    assert chosen is not None and chosen.value == c.value


def test_no_name_means_two_choices_in_the_shipped_profile() -> None:
    seen: dict[str, str] = {}
    for c in destination().choices:
        for name in {fold_name(n) for n in c.names()}:
            assert seen.setdefault(name, c.value) == c.value, name


def test_the_follow_up_comes_right_after_other() -> None:
    spec = catalog().profile
    asked = [f.id for f in spec.asked({"destination": OTHER})]
    assert asked[asked.index("destination") + 1] == "destination-other"
    assert "destination-other" not in [f.id for f in spec.asked({"destination": "TW"})]


def test_settle() -> None:
    spec = catalog().profile
    p = {"destination": OTHER, "destination-other": "Kamboja"}
    spec.settle(p)
    assert p == {"destination": "KH"}
    p = {"destination-other": "Peru"}
    spec.settle(p)
    assert p == {"destination": OTHER, "destination-other": "Peru"}


# ------------------------------------------------------------------------------ the validator
def test_an_alias_of_two_choices_is_a_problem(work: Path) -> None:  # noqa: F811
    text = (work / "profile.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "{value: MY, label: {id: Malaysia, en: Malaysia}}",
        "{value: MY, label: {id: Malaysia, en: Malaysia}, aliases: [Taiwan]}",
    )
    found = problems_with(work, "profile.yaml", text)
    assert any("the name 'taiwan' means both 'TW' and 'MY'" in p for p in found), found


def test_other_needs_an_other_choice(work: Path) -> None:  # noqa: F811
    ask = 'ask: {id: "Lewat jalur apa Anda berangkat?", en: "Through which route are you going?"}'
    text = (work / "profile.yaml").read_text(encoding="utf-8")
    text = text.replace(ask, ask + '\n    other: {id: "Jalur apa?", en: "Which route?"}')
    found = problems_with(work, "profile.yaml", text)
    assert any("'other' needs a choice with the value 'other'" in p for p in found), found


# ------------------------------------------------------------------------------ answers files
def _answers(tmp_path: Path, profile: str) -> Path:
    p = tmp_path / "a.yaml"
    p.write_text(
        "profile: {" + profile + ", job: factory-worker, route: agency, marital: single, "
        "age: 30, funding: own}\nanswers: {}\n",
        encoding="utf-8",
    )
    return p


def test_answers_file_named_country_on_the_list(tmp_path: Path) -> None:
    p = _answers(tmp_path, "destination: other, destination-other: Myanmar")
    r = CliRunner().invoke(app, ["assess", "--no-save", "--answers", str(p), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "Myanmar" in r.output and "STOP" in r.output


def test_answers_file_unlisted_country_is_shown_and_checked(tmp_path: Path) -> None:
    p = _answers(tmp_path, "destination: other, destination-other: Peru")
    r = CliRunner().invoke(app, ["assess", "--no-save", "--answers", str(p), "--lang", "en"])
    assert r.exit_code == 0, r.output
    assert "Another country: Peru" in r.output
    assert "whether that country is open" in r.output


def test_answers_file_other_name_with_another_destination_is_an_error(tmp_path: Path) -> None:
    p = _answers(tmp_path, "destination: TW, destination-other: Peru")
    r = CliRunner().invoke(app, ["assess", "--no-save", "--answers", str(p), "--lang", "id"])
    assert r.exit_code == 1
    assert "a.yaml:1: 'destination-other' hanya diisi bersama 'destination: other'" in r.output


def test_the_xlsform_asks_which_country_after_other() -> None:
    from pmi_ready.export.selection import select
    from pmi_ready.export.xlsform import build

    form = build(select(catalog()))
    rows = [r for r in form.survey if r.get("name") == "destination-other"]
    assert rows and rows[0]["relevant"] == "${destination} = 'other'"
    assert rows[0]["type"] == "text"


# ------------------------------------------------------------------------------ the walk
pexpect = pytest.importorskip("pexpect")


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")
def test_the_walk_asks_which_country_and_records_a_listed_one(tmp_path: Path) -> None:
    from pmi_ready.store import Store

    db = tmp_path / "w.db"
    child = spawn_cli(["assess", "--lang", "en"], db=db)
    others = [c.value for c in destination().choices].index(OTHER) + 1

    def answer(question: str, reply: str) -> None:
        child.expect_exact(question)
        child.expect_exact("> ")
        child.sendline(reply)

    answer("Does the applicant agree", "y")
    answer("Your name", "")
    answer("Name of the officer", "")
    answer("Which country are you", str(others))
    answer("Which country? Type its name", "Kamboja")
    child.expect_exact("'Kamboja' is on the list: recorded as Cambodia.")
    answer("Which job", "1")  # the walk goes on with the next question, none passed over
    child.expect_exact("Through which route")
    child.expect_exact("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    with Store.open(db) as s:
        [rec] = s.list()
    assert rec.profile["destination"] == "KH" and "destination-other" not in rec.profile
    assert rec.status == "stop"
