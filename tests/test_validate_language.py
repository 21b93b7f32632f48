"""The validator's messages in Indonesian: every one translated, and what it quotes from the file
(keys, ids, values) kept as written, never translated as if it were a message."""

from __future__ import annotations

import re

from pmi_ready.checklists import builtin_paths, validate
from pmi_ready.core import Problem, localize
from pmi_ready.i18n import translator
from tests.conftest import DATA

QUOTED = re.compile(r"'([^'\s]+)'")


def problems() -> list[Problem]:
    found = validate([DATA / "broken", DATA / "every-problem.yaml"], builtin_paths())[1]
    assert len(found) > 100
    return found


def test_every_problem_is_in_indonesian_and_its_english_unchanged() -> None:
    id_, en = translator("id")._, translator("en")._
    for p in problems():
        assert localize(p.message, en, "en") == str(p.message), p
        assert localize(p.message, id_, "id") != str(p.message), p


def test_what_is_quoted_from_the_file_stays_as_written() -> None:
    id_ = translator("id")._
    for p in problems():
        text = localize(p.message, id_, "id")
        for token in QUOTED.findall(str(p.message)):
            assert f"'{token}'" in text, (token, text)


def test_a_key_is_named_as_written_and_quoted_in_indonesian() -> None:
    id_ = translator("id")._
    by_file = {(p.path.rsplit("/", 1)[-1], p.line): p.message for p in problems()}
    bad_date = by_file[("36-bad-date.yaml", 4)]
    assert str(bad_date) == "reviewed must be a date written YYYY-MM-DD"
    assert localize(bad_date, id_, "id") == (
        "'reviewed' harus berupa tanggal dengan format YYYY-MM-DD"
    )  # 'reviewed' is a msgid too ("ditinjau"): a key is never translated
    level = by_file[("15-unknown-level.yaml", 11)]
    assert localize(level, id_, "id").endswith("mungkin maksudnya 'critical'?")
