"""Which items a blank checklist prints, for every combination of --destination / --job."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pmi_ready.checklists import load_catalog
from pmi_ready.core import (
    Catalog,
    FieldType,
    NotFoundError,
    PmiReadyError,
    Text,
    applicable,
)
from pmi_ready.export import select

DATA = Path(__file__).parent / "data"
CATALOG = load_catalog([DATA / "mini", DATA / "export-extra"], builtin=False)


def _ids(catalog: Catalog, **options: str) -> list[str]:
    sheet = select(catalog, **options)  # type: ignore[arg-type]
    return [e.item.id for s in sheet.sections for e in s.entries]


def test_without_options_every_item_with_its_condition_in_words() -> None:
    sheet = select(CATALOG)
    assert sheet.items == sum(len(c.items) for c in CATALOG.checklists)
    entries = {e.item.id: e for s in sheet.sections for e in s.entries}
    assert entries["tw-only"].conditions == (
        Text("Hanya jika negara tujuan: Taiwan", "Only if destination: Taiwan"),
    )
    assert entries["passport"].conditions == ()
    korea = next(s for s in sheet.sections if s.checklist.id == "korea")
    assert korea.conditions == (
        Text("Hanya jika negara tujuan: Korea Selatan", "Only if destination: South Korea"),
    )
    assert entries["eps-not-fishing"].conditions[0].en.startswith("Not if job: ")
    assert [e.number for e in entries.values()] == list(range(1, sheet.items + 1))
    assert sheet.scope.en.startswith("Every item is printed")


def test_destination_keeps_only_what_can_apply() -> None:
    assert "tw-only" in _ids(CATALOG, destination="TW")
    assert "eps-age" not in _ids(CATALOG, destination="TW")
    assert "tw-only" not in _ids(CATALOG, destination="MY")
    sheet = select(CATALOG, destination="tw")  # any case
    assert sheet.profile == {"destination": "TW"}
    tw = next(e for s in sheet.sections for e in s.entries if e.item.id == "tw-only")
    assert tw.conditions == ()  # decided: no longer printed
    marriage = next(e for s in sheet.sections for e in s.entries if e.item.id == "marriage-book")
    assert marriage.conditions[0].en == "Only if marital status: Married"  # not decided: kept
    assert sheet.scope.en == "Only the items that apply to: Destination: Taiwan"


def test_an_unless_is_narrowed_by_the_known_fields() -> None:
    sheet = select(CATALOG, destination="KR", job="fishing-crew")
    entry = next(e for s in sheet.sections for e in s.entries if e.item.id == "eps-not-fishing")
    assert entry.conditions == (Text("Tidak jika jenis kelamin: Laki-laki", "Not if sex: Male"),)
    korea = next(s for s in sheet.sections if s.checklist.id == "korea")
    assert korea.conditions == ()
    cook = select(CATALOG, destination="KR", job="cook")
    entry = next(e for s in cook.sections for e in s.entries if e.item.id == "eps-not-fishing")
    assert entry.conditions == ()  # a cook is never excluded by this unless


def test_checklist_option_and_order() -> None:
    assert _ids(CATALOG, checklist_ids=("flags",)) == ["passport-held", "tw-only", "underage"]  # type: ignore[arg-type]
    sheet = select(CATALOG, checklist_ids=("korea", "docs"))
    assert [s.checklist.id for s in sheet.sections] == ["docs", "korea"]  # walk order


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"destination": "XX"}, "TW (Taiwan), MY (Malaysia)"),
        ({"job": "astronaut"}, "housekeeper (Housekeeper)"),
        ({"checklist_ids": ("docs", "nope")}, "the checklists are: docs, flags, korea"),
    ],
)
def test_unknown_ids_list_the_valid_ones(options: dict[str, object], expected: str) -> None:
    with pytest.raises(NotFoundError) as info:
        select(CATALOG, **options)  # type: ignore[arg-type]
    assert expected in info.value.message


def test_nothing_applies_is_an_error() -> None:
    with pytest.raises(PmiReadyError, match="no item of the chosen checklists applies"):
        select(CATALOG, destination="MY", checklist_ids=("korea",))


def test_sources_numbered_in_order_of_first_use() -> None:
    sheet = select(CATALOG)
    assert [r.source.id for r in sheet.sources] == ["uu18-p13", "uu18-p5", "test-unverified"]
    assert sheet.contacts is not None and sheet.contacts_verified is not None
    assert sheet.contacts_verified.en == "April 30, 2025"


def _profiles() -> st.SearchStrategy[dict[str, str]]:
    fields = {}
    for f in CATALOG.profile.fields:
        if f.type is FieldType.CHOICE:
            fields[f.id] = st.sampled_from([c.value for c in f.choices])
        elif f.type is FieldType.AGE:
            fields[f.id] = st.integers(0, 100).map(str)
    return st.fixed_dictionaries(fields)


@settings(max_examples=150, deadline=None)
@given(_profiles(), st.booleans(), st.booleans())
def test_a_filtered_sheet_holds_every_item_that_applies(
    profile: dict[str, str], by_destination: bool, by_job: bool
) -> None:
    """For any applicant matching the options, every item that applies to them is printed; and an
    item printed without a condition applies to every such applicant."""
    options = {}
    if by_destination:
        options["destination"] = profile["destination"]
    if by_job:
        options["job"] = profile["job"]
    applies = {it.id for _, it in applicable(CATALOG.checklists, profile)}
    sheet = select(CATALOG, **options)  # type: ignore[arg-type]
    printed = {e.item.id: s.conditions + e.conditions for s in sheet.sections for e in s.entries}
    assert applies <= set(printed)
    assert {i for i, conds in printed.items() if not conds} <= applies
