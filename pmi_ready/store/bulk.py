"""Bulk builds: many new records written with one ``executemany`` per table.

`Store.bulk_layout` gives a `Layout`, a plain (picklable) object that turns records and their
summaries into the rows the tables take; worker processes can make the rows while one process
writes them with `Store.add_rows`. `Store.add_many` is both steps in one process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pmi_ready.store.record import SUMMARY_FIELDS, StoredAssessment, dumps, now_iso, opt


@dataclass
class Rows:
    """The rows of some new records, as `Store.add_rows` writes them."""

    assessments: list[tuple[object, ...]] = field(default_factory=list)
    answers: list[tuple[object, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.assessments)


def record_row(record: StoredAssessment, updated: dt.datetime) -> tuple[object, ...]:
    """The values of `sql.INSERT_ASSESSMENT` for ``record``."""
    prof = record.profile
    return (
        record.id,
        record.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        updated.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        record.lang,
        dumps(prof),
        dumps(record.versions),
        dumps(record.data),
        int(record.finished),
        *(opt(prof.get(f)) for f in SUMMARY_FIELDS),
    )


def answer_rows(record: StoredAssessment) -> list[tuple[object, ...]]:
    """The values of `sql.INSERT_ANSWER` for ``record``'s answers and notes (a note on an
    unanswered item gets the time of saving)."""
    rows: list[tuple[object, ...]] = [
        (record.id, a.item_id, a.value.value, a.note, a.answered_at or now_iso())
        for a in record.answers.values()
    ]
    rows += [
        (record.id, k, None, n, now_iso())
        for k, n in record.notes.items()
        if k not in record.answers and n
    ]
    return rows


@dataclass(frozen=True)
class Layout:
    """How new records become rows."""

    def rows(self, pairs: Iterable[tuple[StoredAssessment, Sequence[object]]]) -> Rows:
        """The rows of ``pairs``: each record with its `summary_values`."""
        out = Rows()
        for record, summary in pairs:
            out.assessments.append((*record_row(record, record.updated_at)[:8], *summary))
            out.answers += answer_rows(record)
        return out
