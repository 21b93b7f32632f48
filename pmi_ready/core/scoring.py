"""Readiness from a catalog, a profile and answers. Pure: no I/O, no printing.

- Stop: any red flag stands, whatever else is answered. A red flag is a sign of danger:
  trafficking, forced labour, debt bondage, illegal placement, a person under 18 (a warning item
  answered the risky way, or answered so by the profile: an applicant under 18, a destination
  closed to placement; a debt-bondage sign from the funds check).
- Items with `from_profile` are rules: their answer comes from the profile, never from a stored
  answer. Items that do not apply (by the profile, or by `if_answer` on earlier answers) are left
  out entirely: an answer kept for them never counts.
- Not ready: no red flag, but an applicable critical item not in its ready state ("unsure" and
  unanswered count as not ready).
- Nearly ready: every critical item ready, but an important item is not, or a caution stands. A
  caution is guidance, not law (an instalment above a share of the wage): it never makes ``stop``.
- Ready: every critical and important item ready, no red flag, no caution. Advice never changes
  the status.
- Section progress is weighted by level, for the picture only; the status never comes from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from enum import StrEnum

from pmi_ready.core.catalog import Catalog
from pmi_ready.core.conditions import answer_of, applicable
from pmi_ready.core.model import (
    LEVEL_WEIGHT,
    Answer,
    AnswerValue,
    Checklist,
    Item,
    Level,
    Text,
)
from pmi_ready.core.profile import Profile
from pmi_ready.core.values import frozen


class Status(StrEnum):
    STOP = "stop"
    NOT_READY = "not-ready"
    NEARLY_READY = "nearly-ready"
    READY = "ready"

    @property
    def rank(self) -> int:
        """0 (stop) .. 3 (ready): a higher rank is a better status."""
        return _STATUS_RANK[self]


_STATUS_RANK = {Status.STOP: 0, Status.NOT_READY: 1, Status.NEARLY_READY: 2, Status.READY: 3}

STATUS_TEXT = {
    Status.STOP: Text("Berhenti dulu: ada tanda bahaya", "Stop for now: warning signs"),
    Status.NOT_READY: Text("Belum siap", "Not ready"),
    Status.NEARLY_READY: Text("Hampir siap", "Nearly ready"),
    Status.READY: Text("Siap", "Ready"),
}


@frozen
class RedFlag:
    """A danger sign (or, with ``caution``, a guidance threshold passed). ``code`` is the item
    id or a ``funds:…`` code."""

    code: str
    title: Text
    detail: Text
    source_ids: tuple[str, ...] = ()
    caution: bool = False
    same_as: str | None = None
    """The checklist item that asks about the same danger: when that item raised its own red
    flag, this one is not counted again (one danger, one red flag)."""


@frozen
class ItemResult:
    item: Item
    answer: AnswerValue | None
    note: str
    ready: bool

    @property
    def risky(self) -> bool:
        """A red-flag item answered the risky way: the answer that is not its safe one, or not
        sure. (Every red-flag item is a yes/no question; "does not apply" is never risky.)"""
        if not self.item.red_flag or self.answer is None or self.answer is AnswerValue.NA:
            return False
        return self.answer is not self.item.ready_when


@frozen
class SectionProgress:
    checklist: Checklist
    results: tuple[ItemResult, ...]

    @property
    def applicable(self) -> int:
        return len(self.results)

    @property
    def answered(self) -> int:
        return sum(r.answer is not None for r in self.results)

    @property
    def ready(self) -> int:
        return sum(r.ready for r in self.results)

    @property
    def share(self) -> float:
        """Ready share weighted by level (critical 3, important 2, advice 1), 0..1."""
        total = sum(LEVEL_WEIGHT[r.item.level] for r in self.results)
        if total == 0:
            return 1.0
        return sum(LEVEL_WEIGHT[r.item.level] for r in self.results if r.ready) / total


@frozen
class Readiness:
    status: Status
    red_flags: tuple[RedFlag, ...]
    sections: tuple[SectionProgress, ...]
    next_steps: tuple[ItemResult, ...]
    profile: Mapping[str, str]
    answers: Mapping[str, Answer]
    versions: Mapping[str, Mapping[str, str]]
    counts: Mapping[str, int] = field(default_factory=dict)
    cautions: tuple[RedFlag, ...] = ()

    @property
    def results(self) -> tuple[ItemResult, ...]:
        return tuple(r for s in self.sections for r in s.results)

    @property
    def missing_critical(self) -> tuple[str, ...]:
        return tuple(
            r.item.id for r in self.results if r.item.level is Level.CRITICAL and not r.ready
        )

    @property
    def complete(self) -> bool:
        return all(r.answer is not None for r in self.results)


def assess(
    catalog: Catalog,
    profile: Profile,
    answers: Mapping[str, Answer],
    *,
    extra_flags: Iterable[RedFlag] = (),
) -> Readiness:
    """Score one applicant. Items that do not apply to the profile are left out entirely.
    ``extra_flags`` are red flags, or cautions when their ``caution`` is set."""
    by_section: dict[str, list[ItemResult]] = {}
    order: list[Checklist] = []
    for checklist, item in applicable(catalog.checklists, profile, answers):
        if checklist.id not in by_section:
            by_section[checklist.id] = []
            order.append(checklist)
        a = answers.get(item.id)
        value = answer_of(item, profile, answers)
        note = a.note if a and item.from_profile is None else ""
        by_section[checklist.id].append(ItemResult(item, value, note, item.is_ready(value)))
    sections = tuple(SectionProgress(c, tuple(by_section[c.id])) for c in order)
    results = [r for s in sections for r in s.results]

    flags: list[RedFlag] = []
    for r in results:
        if r.risky:
            title = r.item.flag or r.item.ask
            flags.append(RedFlag(r.item.id, title, r.item.why, r.item.source_ids))
    cautions: list[RedFlag] = []
    raised = {f.code for f in flags}
    for f in extra_flags:
        if f.same_as is not None and f.same_as in raised:
            continue  # the item already raised this danger: one danger, one red flag
        (cautions if f.caution else flags).append(f)

    crit_missing = any(not r.ready for r in results if r.item.level is Level.CRITICAL)
    imp_missing = any(not r.ready for r in results if r.item.level is Level.IMPORTANT)
    status = verdict(
        red_flags=bool(flags),
        critical_missing=crit_missing,
        important_missing=imp_missing,
        cautions=bool(cautions),
    )

    steps = sorted(
        (r for r in results if not r.ready),
        key=lambda r: (0 if r.risky else 1, r.item.level.rank),
    )
    counts: dict[str, int] = {
        "applicable": len(results),
        "answered": sum(r.answer is not None for r in results),
        "ready": sum(r.ready for r in results),
        "red_flags": len(flags),
        "cautions": len(cautions),
    }
    for lv in Level:
        counts[f"{lv.value}_missing"] = sum(
            1 for r in results if r.item.level is lv and not r.ready
        )
    return Readiness(
        status=status,
        red_flags=tuple(flags),
        sections=sections,
        next_steps=tuple(steps),
        profile=dict(profile),
        answers=dict(answers),
        versions=catalog.versions(),
        counts=counts,
        cautions=tuple(cautions),
    )


def verdict(
    *, red_flags: bool, critical_missing: bool, important_missing: bool, cautions: bool
) -> Status:
    """The verdict model: stop ▸ any red flag; not ready ▸ a critical item not ready; nearly
    ready ▸ an important item not ready, or a caution; otherwise ready."""
    if red_flags:
        return Status.STOP
    if critical_missing:
        return Status.NOT_READY
    if important_missing or cautions:
        return Status.NEARLY_READY
    return Status.READY
