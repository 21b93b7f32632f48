"""Frozen domain values. Nothing here does I/O."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import field
from enum import StrEnum
from pathlib import Path
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


class FieldType(StrEnum):
    CHOICE = "choice"
    NUMBER = "number"
    AGE = "age"
    TEXT = "text"
    YES_NO = "yes-no"


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
class Choice:
    value: str
    label: Text
    aliases: tuple[str, ...] = ()
    """Other names a person may type for this choice (``Kamboja``, ``Cambodia``, ``Burma``)."""

    def names(self) -> tuple[str, ...]:
        return (self.value, self.label.id, self.label.en, *self.aliases)


OTHER = "other"
"""The choice value whose follow-up question (`ProfileField.other`) asks which one."""


def fold_name(text: str) -> str:
    """A name as compared with the choices: case, accents, punctuation and spaces ignored
    (``Côte d'Ivoire`` and ``cote divoire`` are one name)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


@frozen
class ProfileField:
    id: str
    type: FieldType
    ask: Text
    required: bool = True
    choices: tuple[Choice, ...] = ()
    help: Text | None = None
    min: float | None = None
    max: float | None = None
    line: int = 0
    other: Text | None = None
    """For a choice field with an ``other`` choice: the follow-up question asked when the answer
    is ``other`` (*which country?*); what is typed is kept under `other_id`, or, when it names
    one of the choices, becomes that choice."""

    @property
    def other_id(self) -> str:
        return f"{self.id}-{OTHER}"

    def choice(self, value: str) -> Choice | None:
        for c in self.choices:
            if c.value == value:
                return c
        return None

    def resolve(self, name: str) -> Choice | None:
        """The choice a typed name means (its value, either label or an alias), if any."""
        key = fold_name(name)
        if not key:
            return None
        for c in self.choices:
            if any(fold_name(n) == key for n in c.names()):
                return c
        return None

    def follow_up(self) -> ProfileField | None:
        """The question asked after ``other`` (a text field of its own), if the field has one."""
        if self.other is None:
            return None
        return ProfileField(self.other_id, FieldType.TEXT, self.other, True, line=self.line)

    def label_of(self, value: str, lang: str) -> str:
        c = self.choice(value)
        return c.label.get(lang) if c else value


@frozen
class ProfileSpec:
    id: str
    version: str
    reviewed: dt.date
    title: Text
    fields: tuple[ProfileField, ...]
    path: str = ""
    sha256: str = ""

    def field(self, field_id: str) -> ProfileField | None:
        """A profile field by id, including the follow-up of an ``other`` choice."""
        for f in self.fields:
            if f.id == field_id:
                return f
            if f.other is not None and f.other_id == field_id:
                return f.follow_up()
        return None

    def asked(self, profile: Mapping[str, str]) -> list[ProfileField]:
        """The questions in the order asked for this profile: a follow-up right after its
        field, while that field's answer is ``other``."""
        out: list[ProfileField] = []
        for f in self.fields:
            out.append(f)
            follow = f.follow_up()
            if follow is not None and profile.get(f.id) == OTHER:
                out.append(follow)
        return out

    def settle(self, profile: dict[str, str]) -> None:
        """Apply what a name typed after ``other`` means, in place: one on the list becomes
        that choice (``destination-other: Kamboja`` is ``destination: KH``, so every rule about
        it applies); another is kept, with the field set to ``other``."""
        for f in self.fields:
            name = profile.get(f.other_id, "") if f.other is not None else ""
            if not name or profile.get(f.id, "") not in ("", OTHER):
                continue
            chosen = f.resolve(name)
            if chosen is not None and chosen.value != OTHER:
                profile[f.id] = chosen.value
                del profile[f.other_id]
            else:
                profile[f.id] = OTHER

    def parent_of(self, field_id: str) -> ProfileField | None:
        """The choice field whose follow-up ``field_id`` is, if it is one."""
        for f in self.fields:
            if f.other is not None and f.other_id == field_id:
                return f
        return None


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
class Contact:
    id: str
    kind: str
    label: Text
    value: str | None = None
    note: Text | None = None


@frozen
class Contacts:
    reviewed: dt.date
    verified: dt.date
    source_ids: tuple[str, ...]
    contacts: tuple[Contact, ...]
    path: str = ""
    verified_month_only: bool = False  # the source gives a month, not a day ("April 2025")


@frozen
class DataFile:
    """A document of another kind (``funds``): validated by its own module, kept as plain data."""

    kind: str
    id: str
    reviewed: dt.date
    data: Mapping[str, object]
    path: str = ""
    sha256: str = ""


@frozen
class CatalogOrigin:
    """Which checklist set a catalog is, when it is not the built-in one alone: every report and
    printout names it."""

    name: str = ""
    """The folders given with ``--checklists``, as shown ("my-checklists"); empty: built-in."""
    own_profile: bool = False
    """The folders bring their own profile: a set of their own, with the built-in consent
    question and warning signs kept in it."""
    fingerprint: str = ""
    """A short SHA-256 over every checklist and profile of the set, to tell two sets apart."""
    contacts_file: str = ""
    """The contacts file given with ``--contacts``; empty: the built-in, verified contacts."""
    own_checklists: tuple[str, ...] = ()
    """The ids of the checklists that come from the folders (not the built-in files)."""


@frozen
class Catalog:
    """Everything loaded from the checklist folders, already validated."""

    profile: ProfileSpec
    checklists: tuple[Checklist, ...]
    sources: Mapping[str, Source]
    contacts: Contacts | None = None
    data: Mapping[str, DataFile] = field(default_factory=dict)
    origin: CatalogOrigin | None = None
    """None: the built-in set with its verified contacts."""

    def checklist(self, checklist_id: str) -> Checklist | None:
        for c in self.checklists:
            if c.id == checklist_id:
                return c
        return None

    def items(self) -> Iterator[Item]:
        for c in self.checklists:
            yield from c.items

    def item(self, item_id: str) -> Item | None:
        for it in self.items():
            if it.id == item_id:
                return it
        return None

    def versions(self) -> dict[str, dict[str, str]]:
        """Checklist id -> {version, sha256}: recorded with every assessment."""
        out = {self.profile.id: {"version": self.profile.version, "sha256": self.profile.sha256}}
        for c in self.checklists:
            out[c.id] = {"version": c.version, "sha256": c.sha256}
        return out


Profile = Mapping[str, str]
"""The applicant's profile answers: field id -> value as text (an age is its number of years)."""


@frozen
class Answer:
    item_id: str
    value: AnswerValue
    note: str = ""
    answered_at: str = ""


def source_title(catalog: Catalog, source_id: str) -> str:
    src = catalog.sources.get(source_id)
    return src.title if src else source_id


def path_str(path: Path | str) -> str:
    return Path(path).as_posix()
