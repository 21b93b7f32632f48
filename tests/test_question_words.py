"""A question's words fit the profile (issue #18, item 4): a married woman is asked for her
husband's permission, a married man for his wife's, and someone who left the sex empty for her or
his husband's or wife's — one item, so nothing required is dropped when a field is left empty."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmi_ready.checklists import load_catalog
from pmi_ready.cli import app
from pmi_ready.core import Catalog, applicable
from tests.test_loader import problems_with, work  # noqa: F401  (the fixture)

BASE = {
    "destination": "HK",
    "job": "housekeeper",
    "route": "agency",
    "marital": "married",
    "age": "30",
    "funding": "own",
}


@cache
def catalog() -> Catalog:
    return load_catalog()


def asked(profile: dict[str, str], item_id: str) -> str:
    [it] = [it for _, it in applicable(catalog().checklists, profile, {}) if it.id == item_id]
    return it.ask.en + " | " + it.ask.id


@pytest.mark.parametrize(
    ("sex", "words", "not_words"),
    [
        ("female", ["your husband,", "dari suami Anda"], ["wife", "istri"]),
        ("male", ["your wife,", "dari istri Anda"], ["husband", "suami"]),
        ("", ["husband or wife", "suami atau istri"], []),
    ],
)
def test_spouse_permission_names_the_spouse(
    sex: str, words: list[str], not_words: list[str]
) -> None:
    text = asked({**BASE, "sex": sex}, "spouse-permission")
    assert all(w in text for w in words), text
    assert not any(w in text for w in not_words), text


def test_a_blank_form_keeps_the_words_for_everyone() -> None:
    it = catalog().item("spouse-permission")
    assert it is not None and "husband or wife" in it.ask.en


def test_the_report_asks_her_about_her_husband(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text(
        "profile: {destination: HK, job: housekeeper, route: agency, sex: female, "
        "marital: married, age: 30, funding: own}\nanswers: {spouse-permission: no}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        app, ["assess", "--no-save", "--answers", str(p), "--lang", "en", "--report-lang", "en"]
    )
    assert r.exit_code == 0, r.output
    assert "permission from your husband" in " ".join(r.output.split())
    assert "husband or wife" not in " ".join(r.output.split())


ITEM = """\
kind: checklist
id: extra
version: "1"
reviewed: 2026-11-28
title: {id: Tambahan, en: Extra}
items:
  - id: x1
    ask: {id: "Tanya?", en: "Ask?"}
    ask_if:
      - when: {planet: [mars]}
        ask: {id: "Tanya Mars?", en: "Ask Mars?"}
      - when: {sex: [female]}
    why: {id: "Karena.", en: "Because."}
    how: {id: "Begini.", en: "Like this."}
    level: important
    source: uu18-p13
"""


def test_ask_if_problems_are_reported(work: Path) -> None:  # noqa: F811
    found = problems_with(work, "extra.yaml", ITEM)
    assert any("ask_if: when uses the unknown profile field 'planet'" in p for p in found), found
    assert any("an ask_if entry is missing 'ask'" in p for p in found), found
