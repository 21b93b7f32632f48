"""The XLSForm export: converted by pyxform without errors or warnings, both languages, conditions
as `relevant` expressions, one question per item."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Catalog, PmiReadyError
from pmi_ready.export import ExportFormat, render, select, xlsform, xlsform_form, xpath

MINI = Path(__file__).parent / "data" / "mini"
EXTRA = Path(__file__).parent / "data" / "export-extra"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([MINI, EXTRA], builtin=False)


def _xform(data: bytes) -> str:
    warnings: list[str] = []
    result = convert(xlsform=io.BytesIO(data), warnings=warnings, file_type=".xlsx")
    assert warnings == []
    return result.xform


def _binds(xform: str) -> dict[str, str]:
    """nodeset -> the whole <bind …/> element."""
    return {m.group(1): m.group(0) for m in re.finditer(r'<bind nodeset="([^"]+)"[^>]*/>', xform)}


def test_sheets_and_columns(catalog: Catalog) -> None:
    wb = load_workbook(io.BytesIO(xlsform.render(select(catalog))))
    assert wb.sheetnames == ["survey", "choices", "settings"]
    header = [c.value for c in wb["survey"][1]]
    for col in (
        "type",
        "name",
        "label::Bahasa Indonesia (id)",
        "label::English (en)",
        "hint::Bahasa Indonesia (id)",
        "hint::English (en)",
        "required",
        "relevant",
        "calculation",
    ):
        assert col in header
    settings = {c.value: v.value for c, v in zip(wb["settings"][1], wb["settings"][2], strict=True)}
    assert settings["form_id"] == "pmi_ready"
    assert settings["default_language"] == "Bahasa Indonesia (id)"
    assert re.fullmatch(r"20261128-[0-9a-f]{8}", settings["version"])
    assert " / " in settings["form_title"]


def test_pyxform_converts_with_both_languages_and_conditions(catalog: Catalog) -> None:
    sheet = select(catalog)
    xform = _xform(render(sheet, ExportFormat.XLSFORM))
    assert 'lang="Bahasa Indonesia (id)"' in xform
    assert 'lang="English (en)"' in xform
    assert "Sudah punya paspor?" in xform and "Do you have a passport?" in xform
    assert "Paspor wajib." in xform and "A passport is required." in xform  # why -> hint
    binds = _binds(xform)
    # one select_one per item, in its checklist's group, plus the profile questions
    items = [
        f"/data/{s.checklist.id}/{e.item.id}"
        for s in sheet.sections
        for e in s.entries
        if e.item.from_profile is None  # a rule from the profile is a calculate, never asked
    ]
    profile = [f"/data/profile/{f.id}" for f in catalog.profile.fields if f.id != "consent"]
    controls = [  # every question shown, without the notes (read-only)
        (kind, ref)
        for kind, ref in re.findall(r'<(select1|input) ref="([^"]+)"', xform)
        if "readonly" not in binds[ref]
    ]
    assert [ref for _, ref in controls] == ["/data/consent", *profile, *items]
    assert len(items) == 8 and sheet.items == 9
    assert all(kind == "select1" for kind, ref in controls if ref in items)
    # conditions
    rel = {n: re.search(r'relevant="([^"]*)"', b) for n, b in binds.items()}
    assert "/data/profile/marital  = 'married'" in rel["/data/docs/marriage-book"].group(1)  # type: ignore[union-attr]
    korea = rel["/data/korea"].group(1)  # type: ignore[union-attr]
    assert "/data/profile/destination  = 'KR'" in korea and "/data/consent  = 'yes'" in korea
    eps = rel["/data/korea/eps-age"].group(1)  # type: ignore[union-attr]
    assert "/data/profile/route  = 'g2g'" in eps
    assert "/data/profile/age_years  &gt;= 18" in eps
    assert "/data/profile/age_years  &lt;= 39" in eps
    unless = rel["/data/korea/eps-not-fishing"].group(1)  # type: ignore[union-attr]
    assert "not(" in unless and "'plantation-worker' or" in unless
    assert rel["/data/docs/passport"] is None
    # critical items are required, the others not
    assert 'required="true()"' in binds["/data/docs/passport"]
    assert "required" not in binds["/data/docs/copies"]
    # the counters
    assert "calculate=" in binds["/data/critical_not_ready"]
    assert "calculate=" in binds["/data/warning_signs"]


def test_relevant_expressions(catalog: Catalog) -> None:
    korea = catalog.checklist("korea")
    assert korea is not None
    fields = {f.id: f.id for f in catalog.profile.fields}
    age, unless = korea.items
    assert (
        xpath.relevant(age.when, age.unless, catalog.profile, fields)
        == "${route} = 'g2g' and (${age} >= 18 and ${age} <= 39)"
    )
    assert xpath.relevant(unless.when, unless.unless, catalog.profile, fields) == (
        "string-length(${job}) > 0 and string-length(${sex}) > 0 and "
        "not((${job} = 'plantation-worker' or ${job} = 'fishing-crew') and ${sex} = 'male')"
    )
    assert xpath.relevant(None, None, catalog.profile, fields) == ""


def test_profile_questions_come_first(catalog: Catalog) -> None:
    form = xlsform.build(select(catalog))
    types = [r.get("type") for r in form.survey]
    assert [r["name"] for r in form.survey[:3]] == ["consent", "consent_refused", "profile"]
    profile_rows = form.survey[3 : types.index("end_group")]
    fields = [f.id for f in catalog.profile.fields if f.id != "consent"]
    assert [r["name"] for r in profile_rows if r["type"] != "calculate"] == fields
    by_name = {r["name"]: r for r in profile_rows}
    assert by_name["destination"]["type"] == "select_one destination"
    assert by_name["age"]["type"] == "text"  # years or a date of birth, as the label says
    assert by_name["age"]["constraint"] == (
        "(regex(., '^[0-9]{1,3}$') and . >= 0 and . <= 100) or "
        "regex(., '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')"
    )
    assert by_name["age_years"]["type"] == "calculate"
    assert by_name["name"]["type"] == "text"
    assert "required" not in by_name["name"]
    items = {r["name"]: r for r in form.survey if r.get("type", "").startswith("select_one yes")}
    assert items["tw-only"]["type"] == "select_one yes_no_unsure_na"
    assert items["passport"]["type"] == "select_one yes_no_unsure"


def test_critical_count_only_counts_relevant_unready_items(catalog: Catalog) -> None:
    form = xlsform.build(select(catalog))
    calc = next(r for r in form.survey if r.get("name") == "critical_not_ready")["calculation"]
    assert "if(${consent} = 'yes' and not(${passport} = 'yes'), 1, 0)" in calc
    # a warning sign is ready when "no"
    assert "if(${consent} = 'yes' and not(${passport-held} = 'no'), 1, 0)" in calc
    assert (
        "if((${consent} = 'yes') and (${destination} = 'KR') and "
        "(${route} = 'g2g' and (${age_years} >= 18 and ${age_years} <= 39))"
        " and not(${eps-age} = 'yes'), 1, 0)"
    ) in calc
    assert "copies" not in calc and "tw-only" not in calc  # advice and important items


def test_filtered_export_and_one_language(catalog: Catalog) -> None:
    sheet = select(catalog, destination="TW", job="cook", langs=("en",))
    form = xlsform.build(sheet)
    names = [r.get("name") for r in form.survey]
    assert "tw-only" in names and "korea" not in names and "eps-age" not in names
    assert all("label::Bahasa Indonesia (id)" not in r for r in form.survey)
    assert form.settings[0]["form_id"] == "pmi_ready_tw_cook"
    assert form.settings[0]["default_language"] == "English (en)"
    _xform(xlsform.render(sheet))


def test_names_are_unique_and_valid() -> None:
    names = xlsform_form.Names()
    assert [names.take(x) for x in ("docs", "docs", "9lives", "a b")] == [
        "docs",
        "docs_2",
        "_9lives",
        "a_b",
    ]


def test_missing_openpyxl_names_the_extra(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(PmiReadyError) as info:
        xlsform.render(select(catalog))
    assert "openpyxl" in info.value.message
    assert info.value.hint is not None and 'pip install "pmi-ready[xlsform]"' in info.value.hint


def test_every_shipped_checklist_converts() -> None:
    shipped = load_catalog()
    sheet = select(shipped)
    assert sheet.items == sum(len(c.items) for c in shipped.checklists) > 0
    xform = _xform(xlsform.render(sheet))
    binds = _binds(xform)
    refs = [r for r in re.findall(r'<select1 ref="([^"]+)"', xform) if "readonly" not in binds[r]]
    choice_fields = [f for f in shipped.profile.fields if f.choices or f.type.value == "yes-no"]
    funds_choices = 4  # the costs and loan group: lender, paid to, collateral, wage deductions
    rules = sum(1 for c in shipped.checklists for it in c.items if it.from_profile)
    assert rules > 0
    assert len(refs) == sheet.items - rules + len(choice_fields) + funds_choices
    assert xform.count("relevant=") >= sum(
        1 for c in shipped.checklists for it in c.items if it.when or it.unless
    )


def test_the_form_is_ready_for_collection(catalog: Catalog) -> None:
    """Consent first, required, saying where the answers go, and ending the form when refused;
    the age as years or a date of birth; the versions in every submission; an instance name
    without the applicant's name."""
    sheet = select(catalog)
    form = xlsform.build(sheet)
    rows = {r.get("name"): r for r in form.survey}
    consent = rows["consent"]
    assert consent["type"] == "select_one yes_no" and consent["required"] == "yes"
    assert "KoboToolbox or ODK Central" in consent["label::English (en)"]
    assert "this computer" not in consent["label::English (en)"]
    assert rows["consent_refused"]["relevant"] == "${consent} = 'no'"
    groups = [r for r in form.survey if r["type"] == "begin_group"]
    assert groups and all(
        g["relevant"].startswith("${consent} = 'yes'")
        or g["relevant"].startswith("(${consent} = 'yes')")
        for g in groups
    )
    assert rows["summary"]["relevant"] == "${consent} = 'yes'"
    assert rows["age_years"]["calculation"].startswith("if(regex(${age}, ")
    assert rows["pmi_form_version"]["calculation"] == f"'{xlsform.version(sheet)}'"
    versions = rows["pmi_checklists"]["calculation"].strip("'").split()
    assert versions[0] == f"profile@{catalog.profile.version}#{catalog.profile.sha256[:8]}"
    assert len(versions) == 1 + len(sheet.sections)
    settings = form.settings[0]
    assert settings["instance_name"] == "concat(${destination}, ' ', ${job}, ' ', today())"
    assert "name}" not in settings["instance_name"].replace("${", "")
    xform = _xform(xlsform.render(sheet))
    binds = _binds(xform)
    assert 'required="true()"' in binds["/data/consent"]
    assert "calculate=" in binds["/data/pmi_form_version"]
    assert "calculate=" in binds["/data/profile/age_years"]
    assert 'type="string"' in binds["/data/profile/age"]
    assert "/data/meta/instanceName" in binds


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("27", True),
        ("0", True),
        ("100", True),
        ("101", False),
        ("1999-08-17", True),
        ("17/08/1999", False),
        ("dua puluh", False),
        ("", False),
    ],
)
def test_the_age_constraint_takes_years_or_a_date_of_birth(typed: str, ok: bool) -> None:
    """The constraint evaluated as ODK would (regex, then the bounds on the number)."""
    from pmi_ready.export.xpath import DATE_RE, age_constraint

    expr = age_constraint(0, 100)
    assert expr == (
        f"(regex(., '^[0-9]{{1,3}}$') and . >= 0 and . <= 100) or regex(., '{DATE_RE}')"
    )
    years = re.fullmatch(r"[0-9]{1,3}", typed) is not None and 0 <= int(typed) <= 100
    assert (years or re.fullmatch(DATE_RE.strip("^$"), typed) is not None) is ok


def test_a_condition_on_an_earlier_answer_becomes_relevant_on_that_question(
    catalog: Catalog,
) -> None:
    """The hook for skip logic on answers: item ids resolve to their questions' names."""
    from pmi_ready.core import Condition

    form = xlsform.build(select(catalog))
    assert any(f.kind == "item" and f.ref == "passport" for f in form.fields)
    refs = {"passport": "passport", "destination": "destination"}
    cond = Condition(
        (("passport", frozenset({"no", "unsure"})), ("destination", frozenset({"TW"})))
    )
    assert xpath.relevant(cond, None, catalog.profile, refs) == (
        "(${passport} = 'no' or ${passport} = 'unsure') and ${destination} = 'TW'"
    )
    skip = Condition((("passport", frozenset({"yes"})),))
    assert xpath.relevant(None, skip, catalog.profile, refs) == (
        "string-length(${passport}) > 0 and not(${passport} = 'yes')"
    )


def test_the_costs_and_loan_check_is_a_group_for_those_with_a_loan() -> None:
    shipped = load_catalog()
    form = xlsform.build(select(shipped))
    rows = {r.get("name"): r for r in form.survey}
    group = rows["costs-loan"]
    assert group["relevant"] == (
        "(${consent} = 'yes') and ((${funding} = 'loan' or ${funding} = 'mixed'))"
    )
    assert rows["funds_costs"]["type"] == "select_multiple funds_costs"
    passport = rows["funds_cost_passport"]
    assert passport["type"] == "integer" and passport["required"] == "yes"
    assert passport["relevant"] == "selected(${funds_costs}, 'passport')"
    assert rows["funds_interest"]["type"] == "decimal"
    funds = {f.ref for f in form.fields if f.kind == "funds"}
    assert {"costs", "costs.passport", "loan", "interest", "months", "lender"} <= funds
    xform = _xform(xlsform.render(select(shipped)))
    assert '<select ref="/data/costs-loan/funds_costs"' in xform


def test_skip_logic_on_answers_is_relevant_on_the_shipped_form() -> None:
    """No written contract: the phone asks nothing about its content (if_answer -> relevant)."""
    shipped = load_catalog()
    xform = _xform(xlsform.render(select(shipped)))
    binds = _binds(xform)
    rel = {n: re.search(r'relevant="([^"]*)"', b) for n, b in binds.items()}
    skipped = [it for c in shipped.checklists for it in c.items if it.if_answer]
    assert skipped
    for it in skipped:
        (ref,) = [r for r in rel if r.endswith(f"/{it.id}")]
        found = rel[ref]
        assert found is not None, it.id
        for earlier, accepted in it.if_answer.terms:  # type: ignore[union-attr]
            for value in accepted:
                assert f"/{earlier}  = '{value.value}'" in found.group(1), (it.id, earlier)
    contract = next(r for r in rel if r.endswith("/contract-employer"))
    assert "employment-contract  = 'yes'" in rel[contract].group(1)  # type: ignore[union-attr]


def test_rules_from_the_profile_are_worked_out_on_the_phone_never_asked() -> None:
    shipped = load_catalog()
    form = xlsform.build(select(shipped))
    rows = {r["name"]: r for r in form.survey if "name" in r}
    rules = [it for c in shipped.checklists for it in c.items if it.from_profile]
    assert {"under-18", "destination-closed"} <= {it.id for it in rules}
    for it in rules:
        row = rows[it.id]
        assert row["type"] == "calculate", it.id
        assert not any(k.startswith("label") for k in row)
        # the import never takes it from the file: assess works it out from the profile
        assert not any(f.kind == "item" and f.ref == it.id for f in form.fields)
    under = rows["under-18"]["calculation"]
    assert under == "if(string-length(${age_years}) > 0, if(${age_years} >= 18, 'no', 'yes'), '')"
    note = rows["under-18_note"]
    assert note["type"] == "note" and "${under-18} = 'yes'" in note["relevant"]
    assert "18" in note["label::English (en)"]
    # the warning count on the phone includes it
    warnings = next(r for r in form.survey if r.get("name") == "warning_signs")
    assert "${under-18} = 'yes'" in warnings["calculation"]
    # and pyxform takes it (ODK's converter)
    xform = _xform(xlsform.render(select(shipped)))
    assert 'nodeset="/data/red-flags/under-18"' in xform
