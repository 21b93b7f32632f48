"""Two fixed assessments on the mini fixture catalog, shared by the report tests."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Answer, AnswerValue, Catalog, assess
from pmi_ready.render import LangMode, ReportContext, build_context

MINI = Path(__file__).parent / "data" / "mini"
GOLDEN = Path(__file__).parent / "golden"
CREATED = dt.date(2026, 11, 28)

READY_PROFILE = {
    "name": "Siti Aminah",
    "officer": "Budi Santoso",
    "destination": "TW",
    "job": "housekeeper",
    "route": "agency",
    "marital": "married",
    "age": "30",
    "funding": "own",
}
READY_ANSWERS = {
    "passport": "yes",
    "work-visa": "yes",
    "marriage-book": "yes",
    "copies": "no",
    "passport-held": "no",
    "tw-only": "na",
}
FLAGS_PROFILE = {
    "destination": "MY",
    "job": "plantation-worker",
    "route": "independent",
    "marital": "single",
    "age": "17",
    "funding": "loan",
}
FLAGS_ANSWERS = {"passport": "yes", "work-visa": "unsure", "passport-held": "yes"}


def catalog() -> Catalog:
    return load_catalog([MINI], builtin=False)


def answers(raw: dict[str, str], notes: dict[str, str] | None = None) -> dict[str, Answer]:
    notes = notes or {}
    return {
        k: Answer(k, AnswerValue(v), notes.get(k, ""), "2026-11-28T10:00:00+07:00")
        for k, v in raw.items()
    }


def context(
    profile: dict[str, str],
    raw: dict[str, str],
    *,
    aid: str,
    lang: LangMode = "both",
    notes: dict[str, str] | None = None,
    cat: Catalog | None = None,
) -> ReportContext:
    cat = cat or catalog()
    readiness = assess(cat, profile, answers(raw, notes))
    return build_context(readiness, cat, assessment_id=aid, created=CREATED, lang_mode=lang)


def ready_context(lang: LangMode = "both") -> ReportContext:
    return context(
        READY_PROFILE,
        READY_ANSWERS,
        aid="3f2c1a9e-0b7d-4c55-9a61-1d2e3f4a5b6c",
        lang=lang,
        notes={"copies": "Akan difoto minggu depan"},
    )


def flags_context(lang: LangMode = "both") -> ReportContext:
    return context(
        FLAGS_PROFILE, FLAGS_ANSWERS, aid="9d8e7f60-1a2b-4c3d-8e9f-0a1b2c3d4e5f", lang=lang
    )


NAME = "Ṣāliḥ 李 عائشة"
BUILTIN_PROFILE = {
    "name": NAME,
    "officer": "Budi",
    "destination": "TW",
    "job": "cook",
    "route": "agency",
    "sex": "female",
    "marital": "single",
    "age": "25",
    "funding": "own",
}


@cache
def builtin_catalog() -> Catalog:
    return load_catalog()


def builtin_context(kind: str) -> ReportContext:
    """The shipped checklists answered for a name in three scripts: ``ready`` every item as it
    should be, ``flags`` every warning sign raised and the rest unsure, ``typical`` ready but
    for every third item."""
    cat = builtin_catalog()
    raw: dict[str, str] = {}
    for n, item in enumerate(cat.items()):
        good = item.ready_when
        bad = AnswerValue.YES if good is AnswerValue.NO else AnswerValue.NO
        if kind == "ready" or (kind == "flags" and not item.red_flag):
            value = good if kind == "ready" else AnswerValue.UNSURE
        elif kind == "flags":
            value = bad
        else:
            value = bad if n % 3 == 0 and not item.red_flag else good
        raw[item.id] = value.value
    readiness = assess(cat, BUILTIN_PROFILE, answers(raw))
    aid = "5e1f0c2a-0000-4000-8000-00000000000" + kind[0]
    return build_context(readiness, cat, assessment_id=aid, created=CREATED)
