"""The profile: the questions asked first (their types, choices and follow-ups), and the
answers given to them, which conditions read."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from enum import StrEnum

from pmi_ready.core.model import Text
from pmi_ready.core.values import frozen


class FieldType(StrEnum):
    CHOICE = "choice"
    NUMBER = "number"
    AGE = "age"
    TEXT = "text"
    YES_NO = "yes-no"


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


Profile = Mapping[str, str]
"""The applicant's profile answers: field id -> value as text (an age is its number of years)."""
