"""``records import``: records from files merged into a store, field by field and answer by
answer (`pmi_ready.records.merging`). Never prints.

Each record is one transaction: the merged record, its summary computed from its answers (never
the file's ``status``) and the agreed state with the file's origin. A record is refused without
the applicant's consent, and so is a record deleted here (its tombstone); its times in the
future are set to now. Running the same import again changes nothing.

The origin of a file is the database that wrote it (the ``origin`` of each line of a JSONL
export) or the form server of a submission; what was last imported from that origin is the base
of the next import (so a change made there since wins over an old value here without a
conflict, and an empty field in a file never empties one here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

from pmi_ready.core import N_, Msg, PmiReadyError, Problem
from pmi_ready.records.interchange import ImportResult, Incoming
from pmi_ready.records.merging import (
    Preference,
    clamp_future,
    has_consent,
    merge_records,
    next_base,
    same,
)
from pmi_ready.records.replica import agreed, iso, transaction

if TYPE_CHECKING:
    from pmi_ready.core import Readiness
    from pmi_ready.records.merging import Base, Conflict
    from pmi_ready.records.replica import Txn
    from pmi_ready.store import Store, StoredAssessment

UNSCORABLE = (ArithmeticError, ValueError, TypeError, KeyError, RecursionError, PmiReadyError)
"""What scoring a damaged record can raise: that line is reported, never half stored."""

Outcome = Literal["added", "updated", "unchanged", "repaired"]


def merge(
    store: Store,
    items: Iterable[Incoming | StoredAssessment | Problem],
    summarise: Callable[[StoredAssessment], Readiness],
    result: ImportResult | None = None,
    *,
    prefer: Preference | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Merge each record into the store (see the module); ``prefer`` resolves conflicts.

    The store's bulk mode while importing: after a power cut the last few records may be
    missing, and running the same import again brings them back."""
    res = result or ImportResult()
    prefer = prefer or Preference()
    with store.bulk():
        for item in items:
            if isinstance(item, Problem):
                res.problems.append(item)
                continue
            got = item if isinstance(item, Incoming) else Incoming(item, store.shown, 0)
            outcome = _one(store, got, summarise, res, prefer, now or dt.datetime.now(dt.UTC))
            if outcome is not None:
                setattr(res, outcome, getattr(res, outcome) + 1)
    return res


def _one(
    store: Store,
    got: Incoming,
    summarise: Callable[[StoredAssessment], Readiness],
    res: ImportResult,
    prefer: Preference,
    now: dt.datetime,
) -> Outcome | None:
    rec = got.record
    short = rec.id[:8]
    if not has_consent(rec):
        res.refused.append(
            Problem(
                got.shown,
                got.line,
                Msg(N_("assessment {aid}: no consent to keep it; not stored"), aid=short),
            )
        )
        return None
    rec, clamped = clamp_future(rec, now)
    if clamped:
        res.clamped.append(
            Problem(
                got.shown,
                got.line,
                Msg(
                    N_("assessment {aid}: times in the future (a wrong clock?) were set to now"),
                    aid=short,
                ),
            )
        )
    peer = f"import:{got.origin}" if got.origin else None
    with transaction(store) as txn:
        mine = txn.find(rec.id)
        if mine is None and txn.is_deleted(rec.id):
            res.deleted.append(
                Problem(
                    got.shown,
                    got.line,
                    Msg(N_("assessment {aid} was deleted here; it is not brought back"), aid=short),
                )
            )
            return None
        old = agreed(store, peer, rec.id).get(rec.id) if peer and mine is not None else None
        conflicts: tuple[Conflict, ...] = ()
        outcome: Outcome = "added"
        if mine is None:
            new = rec
        else:
            merged = merge_records(
                mine, rec, old.base if old else None, prefer=prefer.for_id(rec.id)
            )
            new, conflicts = merged.mine, merged.conflicts
            outcome = "unchanged" if same(new, mine) else "updated"
            res.conflicts.extend(conflicts)
        try:
            summary = summarise(new)
        except UNSCORABLE as e:
            why = e.message if isinstance(e, PmiReadyError) else f"{type(e).__name__}: {e}"
            res.problems.append(
                Problem(
                    got.shown,
                    got.line,
                    Msg(
                        N_("assessment {aid}: cannot be scored ({why}); nothing of it was stored"),
                        aid=rec.id,
                        why=why,
                    ),
                )
            )
            return None
        if outcome == "unchanged":
            assert mine is not None
            outcome = "repaired" if txn.repair(mine.id, summary) else "unchanged"
        else:
            txn.write(new, summary)
        if peer is not None:
            _agree(txn, peer, rec, old.base if old else None, conflicts)
    return outcome


def _agree(
    txn: Txn,
    peer: str,
    theirs: StoredAssessment,
    old: Base | None,
    conflicts: tuple[Conflict, ...],
) -> None:
    """What this origin sent is the next import's base (unresolved conflicts aside)."""
    base = next_base(theirs, old, conflicts)
    if old != base:
        at = iso(theirs.updated_at)
        txn.agree(peer, theirs.id, base, at, at)
