"""Keys offered only where they work, ages as people write them, and `l` switching the language
of everything shown after it (#18 item 6)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from pmi_ready.assessment import Assessment, ProfilePrompt, Review
from pmi_ready.assessment.flow import parse_profile_value
from pmi_ready.checklists import load_catalog
from pmi_ready.core import Catalog
from pmi_ready.i18n import translator
from pmi_ready.store import Store
from tests.test_interview import PROFILE_TW_SINGLE, Script

MINI = Path(__file__).parent / "data" / "mini"
TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([MINI], builtin=False)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("24", "24"),
        ("24 tahun", "24"),
        ("24 Tahun", "24"),
        ("24 thn", "24"),
        ("24 years", "24"),
        ("17-08-2001", "24"),  # DD-MM-YYYY, as people write a date of birth
        ("17/08/2001", "24"),
        ("2001-08-17", "24"),  # YYYY-MM-DD
        ("01-06-2000", "26"),  # the birthday is today
        ("02-06-2000", "25"),  # tomorrow
    ],
)
def test_ages_as_people_write_them(catalog: Catalog, typed: str, stored: str) -> None:
    age = catalog.profile.field("age")
    assert age is not None
    assert parse_profile_value(age, typed, "id", TODAY) == (stored, None)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("31-02-2000", "age"), ("tahun", "age"), ("01-01-2030", "future"), ("130 tahun", "range")],
)
def test_ages_that_cannot_be_used(catalog: Catalog, typed: str, problem: str) -> None:
    age = catalog.profile.field("age")
    assert age is not None
    assert parse_profile_value(age, typed, "id", TODAY) == (None, problem)


def _asker(lang: str = "en"):  # type: ignore[no-untyped-def]
    from rich.console import Console

    from pmi_ready.cli.assess_ui import TerminalAsker

    console = Console(file=io.StringIO(), width=100, color_system=None)
    return TerminalAsker(console, translator(lang), reader=lambda _p: "")


def _prompts(catalog: Catalog, store: Store | None, replies: list[str]) -> Script:
    script = Script(replies)
    Assessment.start(catalog, script, store, "en", today=TODAY).run()
    return script


def test_skip_is_offered_only_where_it_works(catalog: Catalog, tmp_path: Path) -> None:
    with Store.open(tmp_path / "k.db") as store:
        script = _prompts(catalog, store, [*PROFILE_TW_SINGLE, "q"])
    asker = _asker()
    by_field = {p.field.id: asker.legend(p) for p in script.prompts if isinstance(p, ProfilePrompt)}
    assert " s=" not in by_field["consent"]  # consent is asked out loud, never assumed
    assert " s=" not in by_field["destination"]  # required
    assert " s=skip" in by_field["name"]  # may be left empty
    item = script.prompts[-1]
    assert " s=skip" in asker.legend(item)


def test_quit_says_whether_anything_is_saved(catalog: Catalog, tmp_path: Path) -> None:
    asker = _asker()
    with Store.open(tmp_path / "q.db") as store:
        consented = _prompts(catalog, store, [*PROFILE_TW_SINGLE, "q"])
    assert "q=save and quit" in asker.legend(consented.prompts[-1])
    assert "quit without saving" not in asker.legend(consented.prompts[-1])
    refused = _prompts(catalog, None, [*PROFILE_TW_SINGLE[1:], "q"])  # --no-save
    assert "q=quit without saving" in asker.legend(refused.prompts[-1])
    assert "save and quit" not in asker.legend(refused.prompts[-1])


def test_after_l_the_legend_and_the_review_are_in_the_new_language(catalog: Catalog) -> None:
    script = _prompts(catalog, None, [*PROFILE_TW_SINGLE[1:], "l", "r", "q"])
    last = script.prompts[-1]
    assert last.place.lang == "id"
    asker = _asker("en")
    legend = asker.legend(last)
    assert (
        "y=ya" in legend and "t=tidak" in legend and "l=English" in legend and "kembali" in legend
    )
    review = script.reviews[-1]
    assert isinstance(review, Review) and review.lang == "id"
    asker.reader = lambda _p: "q"
    asker.review(review)
    shown = asker.console.file.getvalue()  # type: ignore[attr-defined]
    assert "Periksa jawaban Anda" in shown and "Review your answers" not in shown
