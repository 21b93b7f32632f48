"""Readiness from a catalog, a profile and answers. Pure: no I/O, no printing.

- Not ready: any applicable critical item not in its ready state ("unsure" and unanswered count as
  not ready).
- Nearly ready: every critical item ready, some important item not.
- Ready: every critical and important item ready. Advice never changes the status.
- Red flags (a warning item answered the risky way, an applicant under 18, a debt-bondage sign from
  the funds check) stand above every status.
- Section progress is weighted by level, for the picture only; the status never comes from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from enum import StrEnum

from pmi_ready.core.conditions import applicable
from pmi_ready.core.model import (
    LEVEL_WEIGHT,
    Answer,
    AnswerValue,
    Catalog,
    Checklist,
    Item,
    Level,
    Profile,
    Text,
)
from pmi_ready.core.values import frozen

MIN_AGE = 18  # UU 18/2017 Pasal 5


class Status(StrEnum):
    NOT_READY = "not-ready"
    NEARLY_READY = "nearly-ready"
    READY = "ready"


STATUS_TEXT = {
    Status.NOT_READY: Text("Belum siap", "Not ready"),
    Status.NEARLY_READY: Text("Hampir siap", "Nearly ready"),
    Status.READY: Text("Siap", "Ready"),
}


@frozen
class RedFlag:
    """A danger sign. ``code`` is the item id, ``underage``, or a ``funds:…`` code."""

    code: str
    title: Text
    detail: Text
    source_ids: tuple[str, ...] = ()


@frozen
class ItemResult:
    item: Item
    answer: AnswerValue | None
    note: str
    ready: bool

    @property
    def risky(self) -> bool:
        """A red-flag item answered the risky way (yes or not sure)."""
        return self.item.red_flag and self.answer in (AnswerValue.YES, AnswerValue.UNSURE)


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


def age_years(profile: Profile) -> int | None:
    raw = profile.get("age")
    if raw is None or raw == "":
        return None
    try:
        return int(float(raw))
    except ValueError:
        return None


UNDERAGE = RedFlag(
    "underage",
    Text("Umur di bawah 18 tahun", "Under 18 years old"),
    Text(
        "Undang-undang mensyaratkan umur paling sedikit 18 tahun untuk bekerja ke luar negeri. "
        "Tawaran kerja ke luar negeri untuk anak di bawah 18 tahun, atau permintaan memalsukan "
        "umur, adalah tanda bahaya perdagangan orang.",
        "The law requires migrant workers to be at least 18. A job abroad offered to someone "
        "under 18, or a request to falsify an age, is a warning sign of trafficking.",
    ),
    ("uu18-p5",),
)


def assess(
    catalog: Catalog,
    profile: Profile,
    answers: Mapping[str, Answer],
    *,
    extra_flags: Iterable[RedFlag] = (),
) -> Readiness:
    """Score one applicant. Items that do not apply to the profile are left out entirely."""
    by_section: dict[str, list[ItemResult]] = {}
    order: list[Checklist] = []
    for checklist, item in applicable(catalog.checklists, profile):
        if checklist.id not in by_section:
            by_section[checklist.id] = []
            order.append(checklist)
        a = answers.get(item.id)
        value = a.value if a else None
        by_section[checklist.id].append(
            ItemResult(item, value, a.note if a else "", item.is_ready(value))
        )
    sections = tuple(SectionProgress(c, tuple(by_section[c.id])) for c in order)
    results = [r for s in sections for r in s.results]

    flags: list[RedFlag] = []
    age = age_years(profile)
    if age is not None and age < MIN_AGE:
        flags.append(UNDERAGE)
    for r in results:
        if r.risky:
            flags.append(RedFlag(r.item.id, r.item.ask, r.item.why, r.item.source_ids))
    flags.extend(extra_flags)

    crit_missing = any(not r.ready for r in results if r.item.level is Level.CRITICAL)
    imp_missing = any(not r.ready for r in results if r.item.level is Level.IMPORTANT)
    if crit_missing:
        status = Status.NOT_READY
    elif imp_missing:
        status = Status.NEARLY_READY
    else:
        status = Status.READY

    steps = sorted(
        (r for r in results if not r.ready),
        key=lambda r: (0 if r.risky else 1, r.item.level.rank),
    )
    counts: dict[str, int] = {
        "applicable": len(results),
        "answered": sum(r.answer is not None for r in results),
        "ready": sum(r.ready for r in results),
        "red_flags": len(flags),
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
    )
