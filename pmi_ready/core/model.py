"""The checklist model: bilingual text, levels and answers, conditions, items and checklists.
Frozen values; nothing here does I/O (the profile is `core/profile.py`, the whole catalog
`core/catalog.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pmi_ready.core.values import frozen

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")


@frozen
class Text:
    """One user-facing string in both languages."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    def __iter__(self) -> Iterator[str]:
        yield self.id
        yield self.en


class Level(StrEnum):
    CRITICAL = "critical"
    IMPORTANT = "important"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.CRITICAL: 0, Level.IMPORTANT: 1, Level.ADVICE: 2}
LEVEL_WEIGHT = {Level.CRITICAL: 3, Level.IMPORTANT: 2, Level.ADVICE: 1}


class AnswerValue(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"
    NA = "na"


@frozen
class Source:
    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    note: str | None = None
    verified: bool = True
    path: str = ""
    line: int = 0


@frozen
class Range:
    """A numeric condition, inclusive at both ends; ``None`` is open."""

    min: float | None = None
    max: float | None = None

    def matches(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@frozen
class Words:
    """A condition on a text field: the typed text names one of these (each a casefolded
    sequence of words, found anywhere in the text as whole words)."""

    names: tuple[tuple[str, ...], ...]


ConditionValue = frozenset[str] | Range | Words


@frozen
class Condition:
    """Profile field id -> accepted values (or a range). All fields must match (AND)."""

    terms: tuple[tuple[str, ConditionValue], ...]

    def fields(self) -> tuple[str, ...]:
        return tuple(f for f, _ in self.terms)


@frozen
class AnswerCondition:
    """Earlier item id -> the answers under which an item applies. All must match (AND); an
    item whose referenced item does not apply, or is not answered so, does not apply."""

    terms: tuple[tuple[str, frozenset[AnswerValue]], ...]

    def items(self) -> tuple[str, ...]:
        return tuple(i for i, _ in self.terms)


@frozen
class FromProfile:
    """An item answered from the profile, never asked: ``value`` when any of the conditions
    holds, the other answer when none does, unanswered while a field it needs is not given."""

    value: AnswerValue  # YES or NO
    any_of: tuple[Condition, ...]


@frozen
class Item:
    id: str
    checklist_id: str
    ask: Text
    why: Text
    how: Text
    level: Level
    ready_when: AnswerValue
    source_ids: tuple[str, ...]
    red_flag: bool = False
    allow_na: bool = False
    sensitive: bool = False  # may be left out of the take-home report (`report --private`)
    when: Condition | None = None
    unless: Condition | None = None
    office: Text | None = None
    path: str = ""
    line: int = 0
    if_answer: AnswerCondition | None = None
    """Skip logic: the item applies only when earlier items were answered so."""
    from_profile: FromProfile | None = None
    """A rule: the answer comes from the profile and the item is never asked."""
    flag: Text | None = None
    """For a red-flag item: what the danger is, the title of its warning sign in reports."""
    ask_if: tuple[tuple[Condition, Text], ...] = ()
    """The question in words that fit the profile (*your husband* to a married woman): the first
    whose condition holds replaces `ask` for that applicant; a blank form keeps `ask`."""

    def is_ready(self, answer: AnswerValue | None) -> bool:
        if answer is None or answer is AnswerValue.UNSURE:
            return False
        if answer is AnswerValue.NA:
            return self.allow_na
        return answer is self.ready_when

    def allowed_answers(self) -> tuple[AnswerValue, ...]:
        base = (AnswerValue.YES, AnswerValue.NO, AnswerValue.UNSURE)
        return (*base, AnswerValue.NA) if self.allow_na else base


@frozen
class Checklist:
    id: str
    version: str
    reviewed: dt.date
    title: Text
    items: tuple[Item, ...]
    order: int = 100
    intro: Text | None = None
    when: Condition | None = None
    unless: Condition | None = None
    currency: str | None = None
    path: str = ""
    sha256: str = ""


@frozen
class Answer:
    item_id: str
    value: AnswerValue
    note: str = ""
    answered_at: str = ""
