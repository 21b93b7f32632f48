"""Bulk builds: many new records written with one ``executemany`` per table.

`Store.bulk_layout` gives a `Layout`, a plain (picklable) object that turns records and their
summaries into the rows the tables take; worker processes can make the rows while one process
writes them with `Store.add_rows`. `Store.add_many` is both steps in one process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pmi_ready.store import packed
from pmi_ready.store.record import (
    SUMMARY_FIELDS,
    StoredAssessment,
    dumps,
    loads,
    now_iso,
    opt,
    search_words,
    version_digest,
)


@dataclass
class Rows:
    """The rows of some new records, as `Store.add_rows` writes them."""

    assessments: list[tuple[object, ...]] = field(default_factory=list)
    answers: list[tuple[object, ...]] = field(default_factory=list)
    words: list[tuple[object, ...]] = field(default_factory=list)
    missing: list[tuple[object, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.assessments)


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def record_row(
    record: StoredAssessment, updated: dt.datetime, version_set: int
) -> tuple[object, ...]:
    """The values of `sql.INSERT_ASSESSMENT` for ``record`` (``num`` None)."""
    prof = record.profile
    return (
        None,
        record.id,
        _iso(record.created_at),
        _iso(updated),
        record.lang,
        dumps(prof),
        version_set,
        dumps(record.data),
        int(record.finished),
        *(opt(prof.get(f)) for f in SUMMARY_FIELDS),
    )


def packed_answers(record: StoredAssessment, codes: Mapping[str, int]) -> bytes:
    """``record``'s answers and notes, packed (a note on an unanswered item gets the time of
    saving); empty when it has none."""
    entries: list[packed.Entry] = [
        (codes[a.item_id], a.value.value, a.note, a.answered_at or now_iso())
        for a in record.answers.values()
    ]
    entries += [
        (codes[k], None, n, now_iso())
        for k, n in record.notes.items()
        if k not in record.answers and n
    ]
    return packed.pack(entries)


@dataclass(frozen=True)
class Layout:
    """How new records become rows: the codes the database gave their items and checklist
    versions, and the first free ``num``."""

    first_num: int
    items: dict[str, int]
    version_sets: dict[str, int]
    """A set of versions' digest (`version_digest`) -> its code."""

    def at(self, first_num: int) -> Layout:
        """The same layout, numbering from ``first_num`` (a worker's chunk)."""
        return Layout(first_num, self.items, self.version_sets)

    def rows(
        self,
        pairs: Iterable[tuple[StoredAssessment, Sequence[object]]],
        nums: Sequence[int] | None = None,
    ) -> Rows:
        """The rows of ``pairs``: each record with its `summary_values`, numbered from
        `first_num` (or with ``nums``, one per record). A KeyError for an item or a set of
        versions the layout was not made for."""
        out = Rows()
        numbered = zip(nums, pairs, strict=True) if nums is not None else None
        for num, (record, summary) in numbered or enumerate(pairs, self.first_num):
            code = self.version_sets[version_digest(record.versions)]
            row = record_row(record, record.updated_at, code)
            out.assessments.append((num, *row[1:9], *summary))
            blob = packed_answers(record, self.items)
            if blob:
                out.answers.append((num, blob))
            words = search_words(record.profile.get("name"), record.profile.get("officer"))
            out.words += [(num, w) for w in sorted(words)]
            missing = loads(str(summary[-1]), []) if summary[-1] else []
            out.missing += [(num, self.items[i]) for i in sorted(set(missing))]
        return out
