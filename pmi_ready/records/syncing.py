"""``records sync``: a laptop's database ("here", ``--db``) and the office's ("there", ``--to``: a
PostgreSQL server or another SQLite file) merged directly, in both directions, answer by answer.
Never prints.

What both sides last agreed on is kept on both (``sync_state``, per peer and assessment: the
digests of each field, and each side's ``updated_at`` then). A field changed on one side since
wins; the same field changed on both to different values is a `Conflict`, reported once and
decided with ``--prefer`` (`pmi_ready.records.merging`). An assessment that changed on neither
side since the last agreement is passed over without being read, so running sync again is a
no-op.

Deletions travel as tombstones: an assessment deleted on one side is deleted on the other if it
was not changed there since the last agreement; if it was, it is kept there and reported
(``--prefer`` decides: the deleting side's preference deletes it, the other brings it back).
A bare tombstone (the assessment was never on the other side) is copied, so that a third
database that holds the assessment deletes it when it syncs.

An interruption (a lost connection, a killed process, a power cut) leaves both sides consistent
and loses nothing acknowledged. The assessments are merged a batch at a time, in this order:

1. here, one write transaction is opened (the laptop's file is held until step 3);
2. there, one transaction locks the batch's rows, reads them, and writes the merged records
   with their summaries; committed (durably);
3. here, the merged records, their summaries and the agreed state are written; committed;
4. there, the agreed state is written; committed.

The agreed state is written only once both sides hold the merged record: interrupted after step
2, the office has the merged record and the laptop its own, against the old agreement, and the
next sync finds the laptop's changes already there (equal on both sides), so nothing is taken
for a change made there. Each record is written whole in one transaction on each side: never
half.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Container, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from pmi_ready.core import N_, Msg, PmiReadyError, UsageError
from pmi_ready.records.importing import UNSCORABLE
from pmi_ready.records.merging import (
    CLOCK_SKEW,
    Conflict,
    Key,
    Preference,
    clamp_future,
    digest,
    digests,
    fields,
    has_consent,
    merge_records,
    same,
)
from pmi_ready.records.replica import Agreed, database_id, iso, same_time, transaction
from pmi_ready.store import summary_values

if TYPE_CHECKING:
    from pmi_ready.core import Readiness
    from pmi_ready.records.replica import Txn
    from pmi_ready.store import Store, StoredAssessment

Direction = Literal["both", "up", "down"]
"""``up``: only there is written (here's changes sent); ``down``: only here (there's brought
back); ``both``."""
BATCH = 500
"""Assessments merged per transaction on each side."""
OPEN = "open"
"""The kind of the agreed state's entries that remember a conflict left open (``open``,
``answer:passport``): its values' digests, so that it is reported once, not at every sync."""
DELETED = "deleted:"
BEHIND = "behind"
"""The kind of the agreed state's entry saying that the two sides did not end the same (a
one-way sync): the next sync reads the assessment even if neither side changed since."""
"""The open entry of an assessment deleted on the other side but changed on this one."""
MICROSECOND = dt.timedelta(microseconds=1)

Summary = tuple[object, ...]
"""A summary as the summary columns hold it (`summary_values`)."""
Hook = Callable[[str], None]
"""Called at each step of a batch (``there-written``, ``here-written``, ``agreed``): tests
interrupt a sync there."""


@dataclass(frozen=True)
class Deletion:
    """An assessment deleted on one side and changed on the other since the last agreement."""

    record_id: str
    deleted_where: Literal["here", "there"]
    kept: Literal["mine", "theirs"] | None
    """How it was decided: ``None`` when it was kept where it changed (open)."""


@dataclass
class SyncResult:
    sent_new: int = 0
    sent_changed: int = 0
    deleted_there: int = 0
    received_new: int = 0
    received_changed: int = 0
    deleted_here: int = 0
    unchanged: int = 0
    """Read and found the same on both sides (or passed over: unchanged since the last sync)."""
    conflicts: list[Conflict] = field(default_factory=list)
    """Found in this run (decided by ``--prefer`` or left open); not those reported before."""
    deletions: list[Deletion] = field(default_factory=list)
    still_open: int = 0
    """Conflicts and deletions reported by an earlier sync and still not decided."""
    refused: list[str] = field(default_factory=list)
    """Assessments without the applicant's consent on one side: not merged."""
    clamped: list[str] = field(default_factory=list)
    problems: list[Msg] = field(default_factory=list)
    """Assessments that could not be scored: nothing of them was written."""

    @property
    def open(self) -> int:
        """Conflicts and deletions left undecided (found now or before)."""
        return (
            self.still_open
            + sum(1 for c in self.conflicts if c.kept is None)
            + sum(1 for d in self.deletions if d.kept is None)
        )


@dataclass
class _Plan:
    """What one assessment's merge writes on each side."""

    there: StoredAssessment | None = None
    there_summary: Summary | None = None
    here: StoredAssessment | None = None
    here_summary: Summary | None = None
    delete_there: str | None = None
    delete_here: str | None = None
    """The deletion time of a tombstone to leave (with the record, if any, deleted)."""
    unbury_there: bool = False
    unbury_here: bool = False
    agree_here: Agreed | None = None
    agree_there: Agreed | None = None


def sync(
    here: Store,
    there: Store,
    summarise: Callable[[StoredAssessment], Readiness],
    *,
    direction: Direction = "both",
    prefer: Preference | None = None,
    now: dt.datetime | None = None,
    batch: int = BATCH,
    hook: Hook | None = None,
) -> SyncResult:
    """Merge ``here`` and ``there`` (see the module); ``prefer`` decides conflicts, ``mine``
    meaning here's value."""
    here_id, there_id = database_id(here), database_id(there)
    if here_id == there_id:
        raise UsageError(
            N_("{shown} is this same database; give the office's database with --to"),
            shown=there.shown,
        )
    res = SyncResult()
    job = _Job(here, there, here_id, there_id, summarise, direction, prefer or Preference(), res)
    job.now = now or dt.datetime.now(dt.UTC)
    todo = job.candidates()
    with _bulk(here):
        for start in range(0, len(todo), batch):
            job.batch(todo[start : start + batch], hook)
    return res


@contextmanager
def _bulk(store: Store) -> Iterator[None]:
    """Here's writes may be repeated after a power cut (the next sync does them again); there's
    record writes are never in bulk mode (the agreed state here relies on them)."""
    with store.bulk():
        yield


class _Job:
    def __init__(
        self,
        here: Store,
        there: Store,
        here_id: str,
        there_id: str,
        summarise: Callable[[StoredAssessment], Readiness],
        direction: Direction,
        prefer: Preference,
        res: SyncResult,
    ) -> None:
        self.here, self.there = here, there
        self.here_id, self.there_id = here_id, there_id
        self.summarise = summarise
        self.up = direction in ("both", "up")
        self.down = direction in ("both", "down")
        self.prefer = prefer
        self.res = res
        self.now = dt.datetime.now(dt.UTC)
        self.stored: dict[str, Summary] = {}
        """The stored summaries of the batch's records on either side (ids are unique)."""

    # ------------------------------------------------------------------- what to look at
    def candidates(self) -> list[str]:
        """Every assessment either side holds or deleted, but those unchanged on both sides
        since both last agreed (counted as unchanged, their open conflicts as still open)."""
        h_at, t_at = _times(self.here), _times(self.there)
        h_dead, t_dead = _dead(self.here), _dead(self.there)
        h_state = _states(self.here, self.there_id)
        t_state = _states(self.there, self.here_id)
        todo: list[str] = []
        for aid in sorted(h_at.keys() | t_at.keys() | h_dead | t_dead):
            h, t = h_at.get(aid), t_at.get(aid)
            if h is None and t is None:
                if (aid in h_dead) != (aid in t_dead):
                    todo.append(aid)
                continue
            if h is not None and t is not None:
                hs, ts = h_state.get(aid), t_state.get(aid)
                if (
                    hs is not None
                    and ts is not None
                    and _same(hs[0], h)
                    and _same(hs[1], t)
                    and _same(ts[0], t)
                    and _same(ts[1], h)
                ):
                    if not hs[2] and not hs[3]:
                        self.res.unchanged += 1
                        continue
                    if not hs[3] and self.prefer.for_id(aid) is None:
                        self.res.still_open += _open_count(self.here, self.there_id, aid)
                        continue
            todo.append(aid)
        return todo

    # ------------------------------------------------------------------------ one batch
    def batch(self, ids: Sequence[str], hook: Hook | None) -> None:
        plans: dict[str, _Plan] = {}
        with transaction(self.here) as ht:
            mine = ht.load(ids)
            self.stored = ht.summaries(ids)
            h_dead = ht.tombstones(ids)
            h_state = ht.agreed(self.there_id, ids)
            with transaction(self.there) as tt:
                theirs = tt.load(ids, lock=True)
                self.stored |= tt.summaries(ids)
                t_dead = tt.tombstones(ids)
                t_state = tt.agreed(self.here_id, ids)
                for aid in ids:
                    plan = self.plan(
                        aid,
                        mine.get(aid),
                        theirs.get(aid),
                        h_dead.get(aid),
                        t_dead.get(aid),
                        h_state.get(aid),
                        t_state.get(aid),
                    )
                    if plan is not None:
                        plans[aid] = plan
                _write_side(
                    tt,
                    [
                        (a, p.there, p.there_summary, p.delete_there, p.unbury_there)
                        for a, p in plans.items()
                    ],
                    theirs,
                )
            if hook:
                hook("there-written")
            _write_side(
                ht,
                [
                    (a, p.here, p.here_summary, p.delete_here, p.unbury_here)
                    for a, p in plans.items()
                ],
                mine,
            )
            ht.agree_many(
                self.there_id,
                [(a, p.agree_here) for a, p in plans.items() if p.agree_here is not None],
            )
        if hook:
            hook("here-written")
        agreements = [(a, p.agree_there) for a, p in plans.items() if p.agree_there is not None]
        if agreements:
            with transaction(self.there) as tt:
                if self.there.dialect.name == "postgresql":
                    # lost in a crash, it is written again by the next sync
                    tt.conn.execute("SET LOCAL synchronous_commit TO off")
                tt.agree_many(self.here_id, agreements)
        if hook:
            hook("agreed")

    def plan(
        self,
        aid: str,
        mine: StoredAssessment | None,
        theirs: StoredAssessment | None,
        h_dead: str | None,
        t_dead: str | None,
        h_state: Agreed | None,
        t_state: Agreed | None,
    ) -> _Plan | None:
        res = self.res
        if mine is None and theirs is None:
            if h_dead is not None and t_dead is None and self.up:
                return _Plan(delete_there=h_dead)
            if t_dead is not None and h_dead is None and self.down:
                return _Plan(delete_here=t_dead)
            return None
        for rec in (mine, theirs):
            if rec is not None and not has_consent(rec):
                res.refused.append(aid)
                return None
        h_clamped = t_clamped = False
        if mine is not None:
            mine, h_clamped = self._clamp(mine)
        if theirs is not None:
            theirs, t_clamped = self._clamp(theirs)
        if mine is not None and theirs is not None:
            return self._both(aid, mine, theirs, h_state, t_state, (h_clamped, t_clamped))
        if mine is not None:
            return self._one_side(aid, mine, "here", t_dead, h_state)
        assert theirs is not None
        return self._one_side(aid, theirs, "there", h_dead, t_state)

    def _clamp(self, rec: StoredAssessment) -> tuple[StoredAssessment, bool]:
        if max(rec.updated_at, rec.created_at) <= self.now + CLOCK_SKEW:
            # a store's record changed last at updated_at: its answers are no later
            return rec, False
        rec, clamped = clamp_future(rec, self.now)
        if clamped:
            self.res.clamped.append(rec.id)
        return rec, clamped

    # ---------------------------------------------------------------- held on both sides
    def _both(
        self,
        aid: str,
        mine: StoredAssessment,
        theirs: StoredAssessment,
        h_state: Agreed | None,
        t_state: Agreed | None,
        clamped: tuple[bool, bool],
    ) -> _Plan | None:
        res = self.res
        old = h_state or _mirror(t_state)
        base = None if old is None else {k: v for k, v in old.base.items() if k[0] not in MARKS}
        was_open = {} if old is None else {k: v for k, v in old.base.items() if k[0] == OPEN}
        merged = merge_records(mine, theirs, base, prefer=self.prefer.for_id(aid), clear=True)
        new_h = merged.mine if self.down else mine
        new_t = merged.theirs if self.up else theirs
        h_changed = clamped[0] or not same(new_h, mine)
        t_changed = clamped[1] or not same(new_t, theirs)
        if h_changed:
            new_h = _later(new_h, mine, theirs)
        if t_changed:
            new_t = _later(new_t, theirs, mine)
        plan = _Plan()
        try:
            if t_changed:
                plan.there, plan.there_summary = new_t, self._score(new_t)
            if h_changed:
                plan.here = new_h
                plan.here_summary = (
                    plan.there_summary if t_changed and same(new_h, new_t) else self._score(new_h)
                )
        except UNSCORABLE as e:
            self._unscorable(aid, e)
            return None
        agreed_base: dict[Key, str] = _agreed_base(new_h, new_t, base)
        for c in merged.conflicts:
            mark = (OPEN, f"{c.key[0]}:{c.key[1]}")
            value = f"{digest(c.mine)}.{digest(c.theirs)}"
            if c.kept is None:
                agreed_base[mark] = value
                if was_open.get(mark) == value:
                    res.still_open += 1
                    continue
            res.conflicts.append(c)
        open_keys = {c.key for c in merged.conflicts if c.kept is None}
        hf, tf = fields(new_h), fields(new_t)
        if any(hf.get(k) != tf.get(k) for k in hf.keys() | tf.keys() if k not in open_keys):
            agreed_base[BEHIND, ""] = "1"
        res.sent_changed += t_changed
        res.received_changed += h_changed
        res.unchanged += not (h_changed or t_changed)
        h_at, t_at = iso(new_h.updated_at), iso(new_t.updated_at)
        if not _agrees(h_state, agreed_base, h_at, t_at):
            plan.agree_here = Agreed(agreed_base, h_at, t_at)
        if not _agrees(t_state, agreed_base, t_at, h_at):
            plan.agree_there = Agreed(agreed_base, t_at, h_at)
        return plan

    # ---------------------------------------------------------------- held on one side
    def _one_side(
        self,
        aid: str,
        rec: StoredAssessment,
        side: Literal["here", "there"],
        deleted: str | None,
        state: Agreed | None,
    ) -> _Plan | None:
        """``rec`` is held on ``side`` only; the other side deleted it at ``deleted`` (or never
        had it); ``state``: ``side``'s agreed state for it."""
        res = self.res
        to_other = self.up if side == "here" else self.down
        to_side = self.down if side == "here" else self.up
        if deleted is None:
            if not to_other:
                return None
            return self._copy(aid, rec, side, unbury=False)
        unchanged = (
            state is not None
            and (OPEN, DELETED) not in state.base
            and _same(state.mine_at, iso(rec.updated_at))
        )
        # mine/theirs: here/there; the deleting side is the other one
        deleting: Literal["mine", "theirs"] = "theirs" if side == "here" else "mine"
        keeping: Literal["mine", "theirs"] = "mine" if side == "here" else "theirs"
        choice = self.prefer.for_id(aid)
        if unchanged or choice == deleting:
            if not to_side:
                return None
            if not unchanged:
                res.deletions.append(Deletion(aid, "there" if side == "here" else "here", choice))
            if side == "here":
                res.deleted_here += 1
                return _Plan(delete_here=deleted)
            res.deleted_there += 1
            return _Plan(delete_there=deleted)
        if choice == keeping:
            if not to_other:
                return None
            res.deletions.append(Deletion(aid, "there" if side == "here" else "here", choice))
            return self._copy(aid, rec, side, unbury=True)
        # open: kept where it changed, reported once (the open entry in that side's state)
        was_open = state is not None and (OPEN, DELETED) in state.base
        if was_open and state is not None and _same(state.mine_at, iso(rec.updated_at)):
            res.still_open += 1
            return None
        res.deletions.append(Deletion(aid, "there" if side == "here" else "here", None))
        base = {k: v for k, v in (state.base if state else {}).items() if k != (OPEN, DELETED)}
        mark = Agreed({**base, (OPEN, DELETED): "1"}, iso(rec.updated_at), "")
        if side == "here":
            return _Plan(agree_here=mark)
        return _Plan(agree_there=mark)

    def _copy(
        self, aid: str, rec: StoredAssessment, side: Literal["here", "there"], *, unbury: bool
    ) -> _Plan | None:
        summary = self.stored.get(aid)
        if summary is None:
            try:
                summary = self._score(rec)
            except UNSCORABLE as e:
                self._unscorable(aid, e)
                return None
        at = iso(rec.updated_at)
        state = Agreed(digests(rec), at, at)
        if side == "here":
            self.res.sent_new += 1
            return _Plan(
                there=rec,
                there_summary=summary,
                unbury_there=unbury,
                agree_here=state,
                agree_there=state,
            )
        self.res.received_new += 1
        return _Plan(
            here=rec, here_summary=summary, unbury_here=unbury, agree_here=state, agree_there=state
        )

    def _score(self, rec: StoredAssessment) -> Summary:
        return summary_values(self.summarise(rec))

    def _unscorable(self, aid: str, e: BaseException) -> None:
        why = e.message if isinstance(e, PmiReadyError) else f"{type(e).__name__}: {e}"
        self.res.problems.append(
            Msg(
                N_("assessment {aid}: cannot be scored ({why}); nothing of it was stored"),
                aid=aid,
                why=why,
            )
        )


# ---------------------------------------------------------------------------- writing
Write = tuple[str, "StoredAssessment | None", "Summary | None", "str | None", bool]
"""One assessment's write on one side: its id, the record and its summary to write, or the
time of the tombstone to leave, and whether its tombstone goes (a record brought back)."""


def _write_side(txn: Txn, writes: Sequence[Write], held: Container[str]) -> None:
    """The writes of one side; ``held``: the batch's ids this side holds."""
    pairs: list[tuple[StoredAssessment, Summary]] = []
    for aid, record, summary, deleted, unbury in writes:
        if deleted is not None:
            txn.delete(aid, deleted)
        elif record is not None:
            assert summary is not None
            if unbury:
                txn.unbury(aid)
            pairs.append((record, summary))
    txn.write_many(pairs, {r.id for r, _ in pairs if r.id not in held})


# ---------------------------------------------------------------------------- helpers
def _later(
    new: StoredAssessment, old: StoredAssessment, other: StoredAssessment
) -> StoredAssessment:
    """``new`` (a changed record) with an ``updated_at`` later than ``old``'s, so a desk that
    read ``old`` finds it changed."""
    at = max(old.updated_at, other.updated_at)
    if at <= old.updated_at:
        at = old.updated_at + MICROSECOND
    return replace(new, updated_at=at)


def _agreed_base(
    h: StoredAssessment, t: StoredAssessment, old: dict[Key, str] | None
) -> dict[Key, str]:
    """Each field both sides now hold alike, as its digest; a field they hold differently (a
    conflict left open, or a direction not synced) keeps its old agreed value."""
    hf, tf = fields(h), fields(t)
    out: dict[Key, str] = {}
    for key in hf.keys() | tf.keys():
        hv, tv = hf.get(key), tf.get(key)
        if hv == tv:
            assert hv is not None
            out[key] = digest(hv)
        elif old is not None and key in old:
            out[key] = old[key]
    return out


def _agrees(state: Agreed | None, base: dict[Key, str], mine_at: str, theirs_at: str) -> bool:
    """``state`` is already this agreement (nothing to write)."""
    return (
        state is not None
        and state.base == base
        and _same(state.mine_at, mine_at)
        and _same(state.theirs_at, theirs_at)
    )


def _mirror(state: Agreed | None) -> Agreed | None:
    """The other side's agreed state as this side sees it (mine and theirs swapped)."""
    if state is None:
        return None
    return Agreed(state.base, state.theirs_at, state.mine_at)


def _same(a: str, b: str) -> bool:
    return a == b or same_time(a, b)


def _times(store: Store) -> dict[str, str]:
    return {str(i): str(u) for i, u in store._read("SELECT id, updated_at FROM assessments")}


def _dead(store: Store) -> set[str]:
    return {str(r[0]) for r in store._read("SELECT id FROM tombstones")}


def _states(store: Store, peer: str) -> dict[str, tuple[str, str, bool, bool]]:
    """Per assessment: the agreed times (this side's, the peer's), whether a conflict was left
    open and whether the sides did not end the same (`BEHIND`), without reading the digests."""
    has = store.dialect.contains("base", "?")
    rows = store._read(
        "SELECT assessment_id, mine_at, theirs_at, "
        f"CASE WHEN {has} THEN 1 ELSE 0 END, CASE WHEN {has} THEN 1 ELSE 0 END "
        "FROM sync_state WHERE peer = ?",
        (f'"{OPEN}:', f'"{BEHIND}:', peer),
    )
    return {str(a): (str(m), str(t), bool(o), bool(b)) for a, m, t, o, b in rows}


def _open_count(store: Store, peer: str, aid: str) -> int:
    from pmi_ready.records.replica import agreed

    state = agreed(store, peer, aid).get(aid)
    return 0 if state is None else sum(1 for k in state.base if k[0] == OPEN)


MARKS = (OPEN, BEHIND)
"""The agreed state's entries that are not a field's digest."""
