"""What the assessment shows and how it asks: the screens (`ProfilePrompt`, `ItemPrompt`,
`Review`, `FundsRequest`), the
notices, and the `Asker` protocol a terminal (``cli/assess_ui.py``) or a test script implements.

Values only: building them is the business of the assessment's steps.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Literal, Protocol

from pmi_ready.assessment.replies import Problem
from pmi_ready.core import Checklist, Item, ProfileField, Text, frozen

if TYPE_CHECKING:
    from pmi_ready.funds import FundsInput, FundsRules


class Outcome(StrEnum):
    FINISHED = "finished"
    QUIT = "quit"


@frozen
class Place:
    """Where a question stands: its section, its place there and its place in the whole."""

    lang: str
    section: Text
    section_pos: int  # 1-based
    section_len: int
    total_pos: int  # 1-based, over applicable items only (profile: over profile fields)
    total_len: int


@frozen
class ProfilePrompt:
    """A profile question as the asker shows it."""

    place: Place
    field: ProfileField
    current: str | None = None  # the value given before, if any
    problem: Problem | None = None
    saving: bool = True  # answers reach the disk: q saves and quits (else q quits, nothing kept)


@frozen
class ItemPrompt:
    """A checklist question as the asker shows it."""

    place: Place
    item: Item
    checklist: Checklist
    current: str | None = None  # the answer given before, if any
    note: str = ""
    problem: Problem | None = None
    intro: Text | None = None  # shown before the first item of a section
    saving: bool = True  # answers reach the disk: q saves and quits (else q quits, nothing kept)


Prompt = ProfilePrompt | ItemPrompt
"""One question as the asker shows it: a profile question or a checklist item."""


@frozen
class FundsRequest:
    """The costs and loan step, asked after the checklist items of everyone (what was paid or
    asked for; the loan part only with a loan). ``job`` and ``funding`` (how the costs are paid)
    come from the profile, ``currency`` from the destination pack."""

    lang: str
    rules: FundsRules
    job: str | None
    currency: str | None
    funding: str | None = None
    done: bool = False  # answered before: this is a redo
    kept: tuple[tuple[str, str], ...] = ()
    """Answers typed in this step before it was cut off (killed, quit, left with b/r/s):
    (question key, text) for `cli.funds_ask.ask_funds`, which goes on after them."""
    keep: Callable[[str, str], None] | None = None
    """Saves one answer of the step the moment it is accepted (nothing typed is lost)."""
    forget: Callable[[str], None] | None = None
    """Drops one kept answer (``b`` inside the step: that question is asked again)."""


@frozen
class ReviewEntry:
    key: str  # what to type to jump there: "p3", "12", "f"
    kind: Literal["profile", "item", "funds"]
    ident: str  # field or item id
    question: Text
    value: str | None  # a profile value or an answer value
    note: str = ""
    skipped: bool = False
    ready: bool | None = None  # items only
    label: Text | None = None  # profile choices: the label of the value
    kept: int = 0  # the funds step: answers kept from a step begun but not finished


@frozen
class ReviewSection:
    title: Text
    entries: tuple[ReviewEntry, ...]


@frozen
class Review:
    lang: str
    sections: tuple[ReviewSection, ...]  # the profile first, then each applicable checklist
    unanswered: int
    problem: Problem | None = None
    back_to: str | None = None  # the key of the question ``b`` returns to
    saving: bool = True  # answers reach the disk: q saves and quits (else q quits, nothing kept)


Notice = Literal[
    "memory-only",  # consent not given / --no-save: nothing is written
    "saving",  # consent given: from now on every answer is saved
    "consent-withdrawn",  # the saved record was deleted from the disk
    "underage",  # an age under 18 was recorded
    "resolved",  # a name typed after "other" is one of the choices: recorded as that choice
    "red-flag",  # an answer raised a warning sign: its title in both languages and the hotlines
    "applicability",  # a profile change added or removed items (counts in ``detail``)
    "changed",  # the checklists changed since the assessment was saved (ids in ``detail``)
]


class Asker(Protocol):
    """How the assessment talks to a person. ``ask`` / ``review`` / ``note`` return what was typed
    (raise EOFError when input ends; KeyboardInterrupt passes through)."""

    def ask(self, prompt: Prompt) -> str: ...

    def info(self, prompt: Prompt) -> None: ...

    def note(self, prompt: Prompt) -> str: ...

    def review(self, review: Review) -> str: ...

    def funds(self, request: FundsRequest) -> FundsInput | str:
        """Ask the costs and loan questions; the answers, or a command key typed instead
        (``b`` back, ``s`` skip, ``r`` review, ``q`` quit)."""
        ...

    def notice(self, notice: Notice, detail: dict[str, object]) -> None: ...
