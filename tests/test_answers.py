"""Answers files: parsing, booleans, notes, and FILE:LINE problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pmi_ready.assessment import load_answers, save_answers
from pmi_ready.checklists import load_catalog
from pmi_ready.core import AnswerValue, Catalog, ProblemsError
from pmi_ready.store import MemoryStore

MINI = Path(__file__).parent / "data" / "mini"
TODAY = dt.date(2026, 6, 1)
PROFILE = """profile:
  destination: TW
  job: cook
  route: agency
  marital: single
  age: 30
  funding: own
"""


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([MINI], builtin=False)


def write(tmp_path: Path, text: str) -> str:
    p = tmp_path / "answers.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def problems(tmp_path: Path, catalog: Catalog, text: str) -> list[str]:
    with pytest.raises(ProblemsError) as e:
        load_answers(write(tmp_path, text), catalog, today=TODAY)
    return [f"{p.line}: {p.message}" for p in e.value.problems]


def test_booleans_words_and_notes(tmp_path: Path, catalog: Catalog) -> None:
    text = PROFILE + (
        "  consent: no\n"
        "answers:\n"
        "  passport: yes\n"
        "  work-visa: 'no'\n"
        "  copies: {answer: unsure, note: ask later}\n"
        "  passport-held: false\n"
        "  tw-only: na\n"
        "  marriage-book: {note: only a note}\n"
    )
    parsed = load_answers(write(tmp_path, text), catalog, today=TODAY)
    assert {k: a.value for k, a in parsed.answers.items()} == {
        "passport": AnswerValue.YES,
        "work-visa": AnswerValue.NO,
        "copies": AnswerValue.UNSURE,
        "passport-held": AnswerValue.NO,
        "tw-only": AnswerValue.NA,
    }
    assert parsed.answers["copies"].note == "ask later"
    assert parsed.notes == {"marriage-book": "only a note"}
    assert parsed.profile["consent"] == "no" and not parsed.consent
    with MemoryStore() as memory:
        aid, readiness = save_answers(memory, catalog, parsed, "id")
    assert readiness.complete and len(aid) == 36


def test_every_problem_has_its_line(tmp_path: Path, catalog: Catalog) -> None:
    text = (
        "profile:\n"
        "  destination: XX\n"
        "  jbo: cook\n"
        "  age: 2030-01-01\n"
        "  consent: perhaps\n"
        "answers:\n"
        "  passport: maybe\n"
        "  copies: na\n"
        "  work-visa: {answer: yes, extra: 1}\n"
        "  nothing-like-this: yes\n"
        "extra: 1\n"
    )
    got = problems(tmp_path, catalog, text)
    assert got == [
        "1: the profile is missing 'funding'",
        "1: the profile is missing 'job'",
        "1: the profile is missing 'marital'",
        "1: the profile is missing 'route'",
        "2: 'XX' is not a value of 'destination' (allowed: TW, MY, HK, KR, JP, SG, SA, "
        "middle-east, KH, MM, TH, other)",
        "3: unknown profile field 'jbo'; did you mean 'job'?",
        "4: 'age': the date 2030-01-01 is in the future",
        "5: 'consent' must be yes or no, not 'perhaps'",
        "7: 'maybe' is not an answer to 'passport' (use yes, no or unsure)",
        "8: 'copies' does not accept na (use yes, no or unsure)",
        "9: unknown key 'extra' in the answer to 'work-visa' (use answer and note)",
        "10: unknown item id 'nothing-like-this'",
        "11: unknown key 'extra' (an answers file has 'profile:', 'answers:' and optionally "
        "'funds:')",
    ]


def test_not_a_mapping_and_syntax(tmp_path: Path, catalog: Catalog) -> None:
    assert problems(tmp_path, catalog, "- a\n- b\n") == [
        "1: an answers file is a mapping with 'profile:' and 'answers:'"
    ]
    got = problems(tmp_path, catalog, "profile: [\n")
    assert got[0].startswith("2: YAML syntax error") or got[0].startswith("1: YAML syntax error")
    assert problems(tmp_path, catalog, "answers:\n  passport: yes\n") == [
        "1: the file has no 'profile:' section"
    ]
