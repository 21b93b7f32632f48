"""Submissions from KoboToolbox and ODK Central come back as assessments: every layout of the form
pmi-ready exports (tests/submission_files.py), with refused consent, a skipped group, a date of
birth, labels instead of values, a trainer's select_multiple and an older form version; the
imported answers and verdicts are those of the same answers given to ``assess --answers``."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from pmi_ready.assessment import evaluate
from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app
from pmi_ready.core import Catalog
from pmi_ready.store import Store, StoredAssessment
from tests import submission_files as sf

SUBS = [
    sf.Sub(
        "a1b2c3d4-0000-4000-8000-000000000001",
        "2026-11-20T09:41:19",
        {
            "consent": "yes",
            "profile/officer": "Bu Ani",
            "profile/destination": "TW",
            "profile/job": "housekeeper",
            "profile/route": "agency",
            "profile/sex": "female",
            "profile/marital": "single",
            "profile/age": "27",
            "profile/age_years": "27",
            "profile/funding": "own",
            "skills/job-training": "unsure",
            "documents/work-visa": "yes",
            "documents/passport-local-office": "yes",
            "documents/employment-contract": "no",
            "funds/receipt-every-payment": "na",
            "red-flags/cash-to-sponsor": "no",
            "red-flags/passport-held-by-others": "no",
            "destination-tw/tw-current-rules": "yes",
            "critical_not_ready": "31",
            "warning_signs": "0",
        },
    ),
    sf.Sub("a1b2c3d4-0000-4000-8000-000000000002", "2026-11-20T10:02:00", {"consent": "no"}),
    sf.Sub(  # skills skipped, a date of birth, a warning sign, a trainer's own question
        "a1b2c3d4-0000-4000-8000-000000000003",
        "2026-11-20T10:30:00",
        {
            "consent": "yes",
            "profile/destination": "MY",
            "profile/job": "factory-worker",
            "profile/route": "independent",
            "profile/sex": "male",
            "profile/marital": "married",
            "profile/age": "1990-05-01",
            "profile/age_years": "36",
            "profile/funding": "loan",
            "documents/marriage-book-copy": "yes",
            "documents/work-visa": "unsure",
            "red-flags/passport-held-by-others": "yes",
            "registration/independent-route-checked": "no",
            "costs-loan/funds_costs": "passport agency-fee",
            "costs-loan/funds_cost_passport": "1500000",
            "costs-loan/funds_cost_agency-fee": "15000000",
            "costs-loan/funds_loan": "20000000",
            "costs-loan/funds_interest": "24",
            "costs-loan/funds_months": "12",
            "costs-loan/funds_lender": "individual",
            "costs-loan/funds_paid_to": "agency",
            "costs-loan/funds_collateral": "yes",
            "costs-loan/funds_salary_deduction": "no",
        },
        extra_multi={"topics": ["health", "money"]},
    ),
]
OLD = sf.Sub(  # made with an older form: one question since removed, another renamed away
    "a1b2c3d4-0000-4000-8000-000000000004",
    "2026-10-02T08:00:00",
    {
        "consent": "yes",
        "profile/destination": "HK",
        "profile/job": "baby-carer",
        "profile/route": "agency",
        "profile/marital": "single",
        "profile/age": "31",
        "profile/funding": "employer",
        "documents/work-visa": "yes",
        "documents/old-visa-question": "yes",
        "pmi_form_version": "20261001-01d0f0a1",
        "pmi_checklists": "documents@2026.10#01d0f0a1",
    },
)
ANSWERED = [SUBS[0], SUBS[2]]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([])


@pytest.fixture(scope="module")
def shape(catalog: Catalog) -> sf.FormShape:
    return sf.form_shape(catalog)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _import(runner: CliRunner, *files: Path) -> tuple[int, str, str]:
    res = runner.invoke(app, ["records", "import", *map(str, files), "--lang", "en"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res.exit_code, res.stdout, res.stderr


def _stored() -> list[StoredAssessment]:
    with Store.open(Path(os.environ["PMI_READY_DB"])) as store:
        return sorted(store.list(), key=lambda r: r.created_at)


def _answers_yaml(sub: sf.Sub, catalog: Catalog) -> str:
    """The same answers as an answers file, with the age in years as the phone computed it."""
    profile: dict[str, str] = {}
    answers: dict[str, str] = {}
    funds: dict[str, object] = {}
    costs: dict[str, str] = {}
    fields = {f.id for f in catalog.profile.fields}
    items = {it.id for it in catalog.items()}
    for path, value in sub.values.items():
        name = path.rsplit("/", 1)[-1]
        if name == "age":
            value = sub.values.get("profile/age_years", value)
        if name.startswith("funds_cost_"):
            costs[name.removeprefix("funds_cost_")] = value
        elif name.startswith("funds_") and name != "funds_costs":
            funds[name.removeprefix("funds_")] = value
        elif name in fields:
            profile[name] = value
        elif name in items:
            answers[name] = value
    doc: dict[str, object] = {"profile": profile, "answers": answers}
    if funds or costs:
        doc["funds"] = {"costs": costs, **funds} if costs else funds
    return json.dumps(doc)


def _same_as_answers_file(
    runner: CliRunner, tmp_path: Path, catalog: Catalog, sub: sf.Sub, got: StoredAssessment
) -> None:
    path = tmp_path / f"{sub.uuid}.yaml"
    path.write_text(_answers_yaml(sub, catalog), encoding="utf-8")
    other = tmp_path / f"{sub.uuid}.db"
    res = runner.invoke(app, ["assess", "--answers", str(path), "--db", str(other)])
    assert res.exit_code == 0, res.output
    with Store.open(other) as store:
        want = store.get(res.stdout.strip())
    assert got.profile == want.profile
    assert {k: a.value for k, a in got.answers.items()} == {
        k: a.value for k, a in want.answers.items()
    }
    assert got.status == want.status and got.finished == want.finished
    assert got.data.get("funds") == want.data.get("funds")
    mine = evaluate(catalog, got.profile, got.answers, got.data).readiness
    theirs = evaluate(catalog, want.profile, want.answers, want.data).readiness
    assert mine.status == theirs.status
    assert mine.red_flags == theirs.red_flags
    assert mine.missing_critical == theirs.missing_critical


LAYOUTS: dict[str, tuple[str, Callable[..., bytes], dict[str, object]]] = {
    "kobo-xml": ("kobo.csv", sf.kobo_csv, {}),
    "kobo-xml-groups": ("kobo.csv", sf.kobo_csv, {"hierarchy": True}),
    "kobo-xml-groups-dash": ("kobo.csv", sf.kobo_csv, {"hierarchy": True, "sep": "-"}),
    "kobo-labels-en": ("kobo.csv", sf.kobo_csv, {"lang": "en"}),
    "kobo-labels-id-groups": ("kobo.csv", sf.kobo_csv, {"lang": "id", "hierarchy": True}),
    "kobo-xlsx": ("kobo.xlsx", sf.kobo_xlsx, {}),
    "kobo-xlsx-labels": ("kobo.xlsx", sf.kobo_xlsx, {"lang": "en", "hierarchy": True}),
    "kobo-json": ("data.json", sf.kobo_json, {}),
    "odk-csv": ("pmi_ready.csv", sf.odk_csv, {}),
    "odk-zip": ("pmi_ready.zip", sf.odk_zip, {}),
    "odata": ("Submissions.json", sf.odata, {}),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_gives_the_answers_and_verdict_of_an_answers_file(
    layout: str, runner: CliRunner, tmp_path: Path, catalog: Catalog, shape: sf.FormShape
) -> None:
    name, make, kw = LAYOUTS[layout]
    path = tmp_path / name
    path.write_bytes(make(shape, SUBS, **kw))
    code, out, err = _import(runner, path)
    assert code == 0, err
    assert "2 added, 0 updated, 0 unchanged." in out
    assert "1 submission without the applicant's consent was not stored." in out
    data = path.read_bytes()
    if name.endswith(".json"):
        row, shown = 2, name  # JSON: the record's number
    elif name.endswith(".xlsx"):
        row, shown = 3, name  # the sheet's row
    else:  # the line the record starts on (a label may hold a line break)
        row = data[: data.index(SUBS[1].uuid.encode())].count(b"\n") + 1
        shown = "pmi_ready.zip/pmi_ready.csv" if name.endswith(".zip") else name
        if name.endswith(".zip"):
            row = 3
    assert f"{shown}:{row}: submission {SUBS[1].uuid}: no consent ('no'); not stored" in err
    if layout.startswith("kobo"):  # the trainer's select_multiple: one notice, not one per choice
        assert f"{name}:" in err and "'topics' is not a question of these checklists" in err
        assert "topics/health" not in err
    # our own select_multiple (the costs) and its one-column-per-choice layout are understood
    assert err.count("is not a question of these checklists") == layout.startswith("kobo")
    stored = _stored()
    assert [r.data["instance_id"] for r in stored] == [f"uuid:{s.uuid}" for s in ANSWERED]
    for sub, got in zip(ANSWERED, stored, strict=True):
        _same_as_answers_file(runner, tmp_path, catalog, sub, got)
    assert stored[1].profile["age"] == "36"  # born 1990-05-01, counted on the day it was sent
    assert "job-training" not in stored[1].answers  # the skipped group stays unanswered
    assert stored[0].answers["receipt-every-payment"].value.value == "na"
    assert stored[0].created_at.isoformat().startswith("2026-11-20T09:41:19")
    # the select_multiple of costs and the amounts became the funds check, with its flags
    funds = stored[1].data["funds"]
    assert isinstance(funds, dict) and set(funds["costs"]) == {"passport", "agency-fee"}
    flags = evaluate(catalog, stored[1].profile, stored[1].answers, stored[1].data).readiness
    assert any(f.code.startswith("funds:") for f in flags.red_flags)


def test_importing_the_same_file_again_changes_nothing(
    runner: CliRunner, tmp_path: Path, shape: sf.FormShape
) -> None:
    csv_file = tmp_path / "kobo.csv"
    csv_file.write_bytes(sf.kobo_csv(shape, SUBS))
    assert _import(runner, csv_file)[0] == 0
    before = _stored()
    code, out, _ = _import(runner, csv_file)
    assert code == 0 and "0 added, 0 updated, 2 unchanged." in out
    # the same submissions downloaded from another place (JSON API) are the same assessments
    js = tmp_path / "data.json"
    js.write_bytes(sf.kobo_json(shape, SUBS))
    code, out, _ = _import(runner, js)
    assert "0 added, 0 updated, 2 unchanged." in out
    assert _stored() == before


def test_an_older_form_version_is_mapped_by_item_id_and_the_rest_reported(
    runner: CliRunner, tmp_path: Path, catalog: Catalog, shape: sf.FormShape
) -> None:
    gone = "documents/passport-local-office"
    old_shape = dataclasses.replace(
        shape, paths=[p for p in shape.paths if p != gone] + ["documents/old-visa-question"]
    )
    path = tmp_path / "old.csv"
    path.write_bytes(sf.kobo_csv(old_shape, [OLD], hierarchy=True))
    code, out, err = _import(runner, path)
    assert code == 0, err
    assert "1 added" in out
    assert (
        "old.csv:1: column 'documents/old-visa-question' is not a question of these checklists "
        "(made with form version 20261001-01d0f0a1): its answer in 1 submission was left out"
    ) in err
    (got,) = _stored()
    assert got.answers["work-visa"].value.value == "yes"
    assert got.data["form_version"] == "20261001-01d0f0a1"
    # the checklist it was answered with is recorded, so 'report' says it changed since
    assert got.versions == {"documents": {"version": "2026.10", "sha256": "01d0f0a1"}}
    res = runner.invoke(app, ["report", got.id, "--format", "md", "--lang", "en"])
    assert res.exit_code == 0 and "documents" in res.stderr


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"profile/destination": "Atlantis"}, "'Atlantis' is not a value of 'destination'"),
        ({"profile/age": "2999-01-01"}, "'age': the date 2999-01-01 is in the future"),
        ({"documents/work-visa": "maybe"}, "'maybe' is not an answer to 'work-visa'"),
        ({"documents/work-visa": "na"}, "'work-visa' does not accept na"),
    ],
)
def test_bad_values_are_reported_by_file_and_row_and_the_rest_is_imported(
    cells: dict[str, str],
    message: str,
    runner: CliRunner,
    tmp_path: Path,
    shape: sf.FormShape,
) -> None:
    bad = dataclasses.replace(SUBS[0], uuid="bad00000-0000-4000-8000-000000000009")
    bad = dataclasses.replace(bad, values={**bad.values, **cells})
    path = tmp_path / "pmi_ready.csv"
    path.write_bytes(sf.odk_csv(shape, [SUBS[2], bad]))
    code, out, err = _import(runner, path)
    assert code == 1
    column = next(iter(cells)).replace("/", "-")
    assert f"pmi_ready.csv:3: {column}: {message}" in err
    assert "1 added" in out
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty: no header row"),
        (b'"a";"b"\r\n"1";"2"\r\n', "not a submissions export"),
        (b'{"results": [1]}', "submission 1 is not a JSON object"),
        (b'{"value": [', "not valid JSON"),
        (b"PK\x03\x04broken", "not a readable zip or XLSX file"),
        (b'"_uuid";"_submission_time"\r\n"x"\r\n', "1 cells where the header has 2"),
        (b"\xff\xfe_uuid", "not UTF-8 text"),
    ],
)
def test_unreadable_files_say_why_and_exit_1(
    content: bytes, message: str, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, _, err = _import(runner, path)
    assert code == 1
    assert "bad.csv:" in err and message in err
    assert "Traceback" not in err


def test_a_submission_without_an_instance_id_or_time_is_a_problem(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "data.json"
    path.write_text(
        json.dumps({"results": [{"_uuid": "", "consent": "yes"}, {"_uuid": "x", "consent": "yes"}]})
    )
    code, _, err = _import(runner, path)
    assert code == 1
    assert "data.json:1: no instance id" in err
    assert "data.json:2: submission x: no valid submission time" in err


def test_jsonl_exports_still_import(runner: CliRunner, tmp_path: Path, shape: sf.FormShape) -> None:
    csv_file = tmp_path / "kobo.csv"
    csv_file.write_bytes(sf.kobo_csv(shape, SUBS))
    assert _import(runner, csv_file)[0] == 0
    out = tmp_path / "all.jsonl"
    res = runner.invoke(app, ["records", "export", "-o", str(out), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    other = tmp_path / "other.db"
    res = runner.invoke(app, ["records", "import", str(out), "--db", str(other), "--lang", "en"])
    assert res.exit_code == 0 and "2 added" in res.stdout


def test_a_class_gets_its_reports_in_one_command(
    runner: CliRunner, tmp_path: Path, shape: sf.FormShape
) -> None:
    path = tmp_path / "pmi_ready.zip"
    path.write_bytes(sf.odk_zip(shape, SUBS))
    assert _import(runner, path)[0] == 0
    folder = tmp_path / "kelas-november"
    args = ["records", "report", "--since", "2026-11-01", "-o", str(folder)]
    res = runner.invoke(app, [*args, "--format", "md", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert "2 reports saved in" in res.stdout
    stored = _stored()
    for rec in stored:
        md = folder / f"pmi-ready-{rec.id[:8]}-{rec.created_at.astimezone().date()}.md"
        one = runner.invoke(app, ["report", rec.id, "--format", "md", "--lang", "en"])
        assert md.read_text(encoding="utf-8") == one.stdout  # the same report as 'report ID'
        if os.name == "posix":
            assert md.stat().st_mode & 0o777 == 0o600
    res = runner.invoke(app, [*args, "--format", "pdf"])
    assert res.exit_code == 0, res.output
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    again = runner.invoke(app, [*args, "--format", "pdf", "--lang", "en"])
    assert "0 reports saved" in again.stdout and "2 reports were already there" in again.stderr
    forced = runner.invoke(app, [*args, "--format", "pdf", "--force"])
    assert forced.exit_code == 0
    later = runner.invoke(app, ["records", "report", "--since", "2026-12-01", "-o", str(folder)])
    assert later.exit_code == 0 and "0" in later.stdout
    bad = runner.invoke(app, [*args, "--format", "docx"])
    assert bad.exit_code == 2 and "--format 'docx' tidak dikenal" in bad.stderr


cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.dictionaries(
        st.sampled_from(
            ["consent", "profile/age", "profile/destination", "documents/work-visa", "odd col"]
        ),
        cells,
    ),
    layout=st.sampled_from(["kobo-xml", "kobo-labels-en", "kobo-json", "odk-csv", "odata"]),
)
def test_any_cell_is_imported_or_reported_never_a_crash(
    values: dict[str, str], layout: str, tmp_path: Path, catalog: Catalog, shape: sf.FormShape
) -> None:
    import unicodedata

    from pmi_ready.core import PmiReadyError
    from pmi_ready.records.submissions import read_submissions

    name, make, kw = LAYOUTS[layout]
    sub = dataclasses.replace(SUBS[0], values={**SUBS[0].values, **values})
    path = tmp_path / name
    path.write_bytes(make(shape, [sub], **kw))
    try:
        got = read_submissions(path, catalog, "en")
    except PmiReadyError as e:
        messages = [str(p) for p in getattr(e, "problems", ())] or [e.message]
    else:
        messages = [str(p) for p in got.problems + got.notices + got.refused]
        for record, readiness in got.records:
            assert record.profile.get("consent") == "yes"
            again = evaluate(catalog, record.profile, record.answers, record.data).readiness
            assert readiness.status == again.status and record.status == again.status.value
        assert len(got.records) + len(got.refused) + bool(got.problems) >= 1
    for m in messages:
        assert not any(unicodedata.category(ch) == "Cc" for ch in m), m


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300), head=st.sampled_from([b"", b"PK", b"{", b'"_uuid";"x"\n']))
def test_any_bytes_are_read_or_refused_with_a_reason(
    data: bytes, head: bytes, tmp_path: Path, catalog: Catalog
) -> None:
    from pmi_ready.core import PmiReadyError, ProblemsError
    from pmi_ready.records.submissions import read_submissions

    path = tmp_path / "x.bin"
    path.write_bytes(head + data)
    try:
        read_submissions(path, catalog, "en")
    except ProblemsError as e:
        assert e.problems and all(str(p).startswith(str(path)) for p in e.problems)
    except PmiReadyError:
        pass


def test_a_submission_edited_on_odk_central_replaces_the_earlier_import(
    runner: CliRunner, tmp_path: Path, shape: sf.FormShape
) -> None:
    first = tmp_path / "Submissions.json"
    first.write_bytes(sf.odata(shape, SUBS))
    assert _import(runner, first)[0] == 0
    doc = json.loads(first.read_bytes())
    doc["value"][0]["__system"]["updatedAt"] = "2026-11-22T08:00:00.000Z"
    doc["value"][0]["documents"]["work_visa"] = "no"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = _import(runner, edited)
    assert code == 0 and "0 added, 1 updated, 1 unchanged." in out
    got = _stored()[0]
    assert got.answers["work-visa"].value.value == "no"
    assert got.updated_at.isoformat().startswith("2026-11-22T08:00")
    assert _import(runner, edited)[1].startswith("0 added, 0 updated, 2 unchanged.")
