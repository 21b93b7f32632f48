"""The checklist format's `if_answer` (skip logic on answers), `from_profile` (rules) and `flag`:
what the validator accepts and refuses, and how the walk order and scoring follow them."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from pmi_ready.checklists import load_catalog, validate
from pmi_ready.core import Answer, AnswerValue, Status, applicable, assess
from tests.conftest import MINI


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    monkeypatch.chdir(tmp_path)
    return Path("mini")


def write(work: Path, body: str, order: int = 30) -> list[str]:
    head = f'kind: checklist\nid: extra\nversion: "1"\nreviewed: 2026-11-28\norder: {order}\n'
    head += "title: {id: Tambahan, en: Extra}\nitems:\n"
    (work / "extra.yaml").write_text(head + textwrap.dedent(body), encoding="utf-8")
    _, problems = validate([work])
    return [str(p) for p in problems]


def item(iid: str, extra: str = "", *, red: bool = False) -> str:
    flag = "    red_flag: true\n" if red else ""
    return (
        f"  - id: {iid}\n"
        '    ask: {id: "Tanya?", en: "Ask?"}\n'
        '    why: {id: "Karena.", en: "Because."}\n'
        '    how: {id: "Begini.", en: "Like this."}\n'
        f"    level: critical\n{flag}    source: uu18-p13\n{extra}"
    )


def test_if_answer_on_an_earlier_item_loads_and_hides_until_answered_so(work: Path) -> None:
    body = item("has-contract") + item("wage", "    if_answer: {has-contract: [yes]}\n")
    assert write(work, body) == []
    cat = load_catalog([work], builtin=False)
    profile = {"destination": "MY", "job": "cook", "route": "agency", "marital": "single",
               "age": "25", "funding": "own"}  # fmt: skip

    def shown(**ans: str) -> list[str]:
        answers = {k: Answer(k, AnswerValue(v)) for k, v in ans.items()}
        return [it.id for _, it in applicable(cat.checklists, profile, answers)]

    assert "wage" not in shown()  # not answered yet
    assert "wage" not in shown(**{"has-contract": "no"})
    assert "wage" in shown(**{"has-contract": "yes"})
    # a hidden answer is kept by the caller but never counts
    hidden = {
        "has-contract": Answer("has-contract", AnswerValue.NO),
        "wage": Answer("wage", AnswerValue.NO),
    }
    r = assess(cat, profile, hidden)
    assert "wage" not in {x.item.id for x in r.results}
    assert r.status is Status.NOT_READY


def test_if_answer_problems_are_reported(work: Path) -> None:
    unknown = write(work, item("a", "    if_answer: {nope: [yes]}\n"))
    assert any("if_answer names the unknown item 'nope'" in p for p in unknown)
    later = write(work, item("a", "    if_answer: {b: [yes]}\n") + item("b"))
    assert any("'b' comes later in the walk" in p for p in later)
    cycle = write(
        work, item("a", "    if_answer: {b: [yes]}\n") + item("b", "    if_answer: {a: [yes]}\n")
    )
    assert any("forms a cycle" in p for p in cycle)
    own = write(work, item("a", "    if_answer: {a: [yes]}\n"))
    assert any("forms a cycle" in p for p in own)
    bad = write(work, item("c") + item("a", "    if_answer: {c: [maybe]}\n"))
    assert any("'maybe' is not an answer" in p for p in bad)
    # across files: the mini 'docs' checklist (order 10) is asked before 'extra' (order 30)
    assert write(work, item("a", "    if_answer: {passport: [yes]}\n")) == []
    assert any(
        "comes later" in p
        for p in write(work, item("a", "    if_answer: {passport-held: [no]}\n"), order=15)
    )


def test_from_profile_rules_and_their_problems(work: Path) -> None:
    body = item("old-enough", "    from_profile: {yes: {age: {min: 18}}}\n")
    assert write(work, body) == []
    cat = load_catalog([work], builtin=False)
    rule = cat.item("old-enough")
    assert rule is not None and rule.from_profile is not None
    base = {"destination": "MY", "job": "cook", "route": "agency", "marital": "single",
            "funding": "own"}  # fmt: skip
    young = assess(
        cat, {**base, "age": "17"}, {"old-enough": Answer("old-enough", AnswerValue.YES)}
    )
    assert next(x for x in young.results if x.item.id == "old-enough").answer is AnswerValue.NO
    both = write(work, item("x", "    from_profile: {yes: {age: {min: 1}}, no: {age: {max: 2}}}\n"))
    assert any("from_profile takes one of yes or no" in p for p in both)
    field = write(work, item("x", "    from_profile: {yes: {colour: [red]}}\n"))
    assert any("unknown profile field 'colour'" in p for p in field)
    flag = write(work, item("x", '    flag: {id: "Bahaya", en: "Danger"}\n'))
    assert any("flag (the danger's title) is only for a red_flag item" in p for p in flag)
    titled = item("y", '    flag: {id: "Bahaya", en: "Danger"}\n', red=True)
    assert write(work, titled) == []
    cat = load_catalog([work], builtin=False)
    r = assess(cat, {**base, "age": "30"}, {"y": Answer("y", AnswerValue.YES)})
    assert [f.title.en for f in r.red_flags] == ["Danger"] and r.status is Status.STOP


def test_a_text_field_condition_matches_names_as_words(work: Path) -> None:
    body = item("named", "    when: {name: [kamboja, phnom penh]}\n")
    assert write(work, body) == []
    cat = load_catalog([work], builtin=False)
    base = {"destination": "MY", "job": "cook", "route": "agency", "marital": "single",
            "age": "30", "funding": "own"}  # fmt: skip
    for name, shown in (("Ke KAMBOJA ya", True), ("phnom  penh", True), ("Kambojanese", False)):
        ids = [it.id for _, it in applicable(cat.checklists, {**base, "name": name}, {})]
        assert ("named" in ids) is shown, name


def test_the_printable_checklist_says_skip_logic_and_rules_in_words() -> None:
    from pmi_ready.export import select

    sheet = select(load_catalog())
    conds = {e.item.id: e.conditions for s in sheet.sections for e in s.entries}
    [said] = [t for t in conds["contract-wage"] if "you answered" in t.en]
    contract = "Do you have a written employment contract with your employer?"
    assert said.en == f'Only if you answered yes to "{contract}"'
    assert "Anda menjawab Ya" in said.id
    [rule] = [t for t in conds["destination-closed"] if "answered from the profile" in t.en]
    assert "Cambodia / Myanmar / Thailand / Laos" in rule.en and rule.en.endswith("otherwise no")
