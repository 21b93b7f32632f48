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

from pmi_ready.checklists.loader import load_catalog
from pmi_ready.core import Catalog, PmiReadyError
from pmi_ready.export import ExportFormat, render, select, xlsform

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
    items = [f"/data/{s.checklist.id}/{e.item.id}" for s in sheet.sections for e in s.entries]
    profile = [f"/data/profile/{f.id}" for f in catalog.profile.fields]
    controls = [  # every question shown, without the notes (read-only)
        (kind, ref)
        for kind, ref in re.findall(r'<(select1|input) ref="([^"]+)"', xform)
        if "readonly" not in binds[ref]
    ]
    assert [ref for _, ref in controls] == profile + items
    assert len(items) == sheet.items == 8
    assert all(kind == "select1" for kind, ref in controls if ref in items)
    # conditions
    rel = {n: re.search(r'relevant="([^"]*)"', b) for n, b in binds.items()}
    assert "/data/profile/marital  = 'married'" in rel["/data/docs/marriage-book"].group(1)  # type: ignore[union-attr]
    assert "/data/profile/destination  = 'KR'" in rel["/data/korea"].group(1)  # type: ignore[union-attr]
    eps = rel["/data/korea/eps-age"].group(1)  # type: ignore[union-attr]
    assert "/data/profile/route  = 'g2g'" in eps
    assert "/data/profile/age  &gt;= 18" in eps and "/data/profile/age  &lt;= 39" in eps
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
        xlsform.relevant(age.when, age.unless, catalog.profile, fields)
        == "${route} = 'g2g' and (${age} >= 18 and ${age} <= 39)"
    )
    assert xlsform.relevant(unless.when, unless.unless, catalog.profile, fields) == (
        "string-length(${job}) > 0 and string-length(${sex}) > 0 and "
        "not((${job} = 'plantation-worker' or ${job} = 'fishing-crew') and ${sex} = 'male')"
    )
    assert xlsform.relevant(None, None, catalog.profile, fields) == ""


def test_profile_questions_come_first(catalog: Catalog) -> None:
    form = xlsform.build(select(catalog))
    types = [r.get("type") for r in form.survey]
    assert form.survey[0]["name"] == "profile"
    profile_rows = form.survey[1 : types.index("end_group")]
    assert [r["name"] for r in profile_rows] == [f.id for f in catalog.profile.fields]
    by_name = {r["name"]: r for r in profile_rows}
    assert by_name["destination"]["type"] == "select_one destination"
    assert by_name["age"]["type"] == "integer"
    assert by_name["age"]["constraint"] == ". >= 0 and . <= 100"
    assert by_name["consent"]["type"] == "select_one yes_no"
    assert by_name["name"]["type"] == "text"
    assert "required" not in by_name["name"]
    items = {r["name"]: r for r in form.survey if r.get("type", "").startswith("select_one yes")}
    assert items["tw-only"]["type"] == "select_one yes_no_unsure_na"
    assert items["passport"]["type"] == "select_one yes_no_unsure"


def test_critical_count_only_counts_relevant_unready_items(catalog: Catalog) -> None:
    form = xlsform.build(select(catalog))
    calc = next(r for r in form.survey if r.get("name") == "critical_not_ready")["calculation"]
    assert "if(not(${passport} = 'yes'), 1, 0)" in calc
    assert "if(not(${passport-held} = 'no'), 1, 0)" in calc  # a warning sign is ready when "no"
    assert (
        "if((${destination} = 'KR') and (${route} = 'g2g' and (${age} >= 18 and ${age} <= 39))"
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
    names = xlsform._Names()
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
    assert len(refs) == sheet.items + len(choice_fields)
    assert xform.count("relevant=") >= sum(
        1 for c in shipped.checklists for it in c.items if it.when or it.unless
    )
