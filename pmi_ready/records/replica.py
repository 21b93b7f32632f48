"""What merging records needs of a store, on either back end: this database's id, one record by
its exact id, tombstones, the agreed state per peer, and one transaction that writes a merged
record, its summary and its agreed state together. Never prints.

The agreed state (table ``sync_state``) is per peer and assessment: the digests of the version
both sides last agreed on (`pmi_ready.records.merging.Base`), and the record's ``updated_at``
on each side then, so a record that changed on neither side is passed over without reading it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pmi_ready.core import N_, StorageError, frozen
from pmi_ready.store import (
    DATABASE_ID,
    SUMMARY_COLUMNS,
    parse_time,
    summary_values,
)

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    from pmi_ready.core import Readiness
    from pmi_ready.records.merging import Base, Key
    from pmi_ready.store import Store, StoredAssessment

_UPSERT_STATE = (
    "INSERT INTO sync_state (peer, assessment_id, base, mine_at, theirs_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (peer, assessment_id) DO UPDATE SET "
    "base=excluded.base, mine_at=excluded.mine_at, theirs_at=excluded.theirs_at"
)

_IDS = 500
"""Ids per ``IN (…)``."""
_PARAMS = 1000
"""Values per multi-row statement (a driver parses a long statement for its placeholders)."""
_BURY = "INSERT INTO tombstones (id, deleted_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING"


@frozen
class Agreed:
    """The agreed state of one record with one peer."""

    base: dict[Key, str]
    mine_at: str
    theirs_at: str


def database_id(store: Store) -> str:
    """This database's own id (made by the schema's migration 5)."""
    rows = store._read("SELECT value FROM meta WHERE key = ?", (DATABASE_ID,))
    if not rows:
        raise StorageError(N_("the database {shown} has no id; it is damaged"), shown=store.shown)
    return str(rows[0][0])


def find(store: Store, aid: str) -> StoredAssessment | None:
    """The record with exactly this id, or ``None``."""
    got = store._load("SELECT * FROM assessments WHERE id=?", (aid,))
    return got[0] if got else None


def is_deleted(store: Store, aid: str) -> bool:
    return bool(store._read("SELECT 1 FROM tombstones WHERE id = ?", (aid,)))


def deleted_ids(store: Store) -> set[str]:
    return {str(r[0]) for r in store._read("SELECT id FROM tombstones")}


def changed_at(store: Store) -> dict[str, str]:
    """Every record's id and ``updated_at`` (as stored)."""
    return {str(i): str(u) for i, u in store._read("SELECT id, updated_at FROM assessments")}


def same_time(a: str, b: str) -> bool:
    """Two stored times are the same instant (however each was written)."""
    try:
        return parse_time(a) == parse_time(b)
    except ValueError:
        return a == b


def iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


# ------------------------------------------------------------------------------ agreed state
def encode(base: Base) -> str:
    return json.dumps({f"{k}:{n}": d for (k, n), d in sorted(base.items())}, ensure_ascii=False)


def decode(text: str) -> dict[Key, str]:
    out: dict[Key, str] = {}
    for joined, d in json.loads(text).items():
        kind, _, name = str(joined).partition(":")
        out[kind, name] = str(d)
    return out


def agreed(store: Store, peer: str, aid: str | None = None) -> dict[str, Agreed]:
    """The agreed state with ``peer`` of every record (or of ``aid`` only)."""
    sql = "SELECT assessment_id, base, mine_at, theirs_at FROM sync_state WHERE peer = ?"
    params: tuple[object, ...] = (peer,)
    if aid is not None:
        sql += " AND assessment_id = ?"
        params += (aid,)
    return {str(a): Agreed(decode(b), str(m), str(t)) for a, b, m, t in store._read(sql, params)}


# ------------------------------------------------------------------------------ transactions
class Txn:
    """One write transaction on a store (see `transaction`)."""

    def __init__(self, store: Store, conn: Any) -> None:
        self.store = store
        self.conn = conn

    def find(self, aid: str) -> StoredAssessment | None:
        return find(self.store, aid)

    def is_deleted(self, aid: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM tombstones WHERE id = ?", (aid,)).fetchall())

    def write(self, record: StoredAssessment, summary: Readiness) -> None:
        """``record`` in place of the stored one, with its summary (never the record's own)."""
        self.store._replace(self.conn, record, record.updated_at.astimezone(dt.UTC))
        self.store._summary(self.conn, record.id, summary)

    def write_many(
        self,
        pairs: Sequence[tuple[StoredAssessment, Sequence[object]]],
        new: Set[str] = frozenset(),
    ) -> None:
        """Each record in place of the stored one (if any), with its summary (`summary_values`):
        what `write` does, in a few statements for the whole batch (``COPY`` on PostgreSQL),
        because on a server every statement is a round trip. ``new``: ids known not to be
        stored (nothing to delete first)."""
        if not pairs:
            return
        self.store._replace_many(self.conn, pairs, new)

    def repair(self, aid: str, summary: Readiness) -> bool:
        """Write ``summary`` if the stored one differs; whether it did."""
        got = self.conn.execute(
            f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM assessments WHERE id=?", (aid,)
        ).fetchone()
        if got is not None and tuple(got) == summary_values(summary):
            return False
        self.store._summary(self.conn, aid, summary)
        return True

    def agree(self, peer: str, aid: str, base: Base, mine_at: str, theirs_at: str) -> None:
        self.conn.execute(_UPSERT_STATE, (peer, aid, encode(base), mine_at, theirs_at))

    def load(self, ids: Sequence[str], *, lock: bool = False) -> dict[str, StoredAssessment]:
        """The records ``ids`` name that exist; ``lock``: their rows locked until the commit
        (PostgreSQL; an SQLite write transaction holds the whole file already)."""
        if lock and self.store.dialect.for_update:
            marks = ",".join("?" * len(ids))
            self.conn.execute(
                f"SELECT id FROM assessments WHERE id IN ({marks}) ORDER BY id"
                + self.store.dialect.for_update,
                tuple(ids),
            ).fetchall()
        return {r.id: r for r in self.store.many(ids)}

    def summaries(self, ids: Sequence[str]) -> dict[str, tuple[object, ...]]:
        """The stored summary (`SUMMARY_COLUMNS`) of those of ``ids`` that have one."""
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT id, {', '.join(SUMMARY_COLUMNS)} FROM assessments WHERE id IN ({marks})",
            tuple(ids),
        ).fetchall()
        return {str(r[0]): tuple(r[1:]) for r in rows if r[1] is not None}

    def tombstones(self, ids: Sequence[str]) -> dict[str, str]:
        """Which of ``ids`` were deleted here, and when."""
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT id, deleted_at FROM tombstones WHERE id IN ({marks})", tuple(ids)
        ).fetchall()
        return {str(i): str(at) for i, at in rows}

    def agreed(self, peer: str, ids: Sequence[str]) -> dict[str, Agreed]:
        """The agreed state with ``peer`` of those of ``ids`` that have one."""
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT assessment_id, base, mine_at, theirs_at FROM sync_state "
            f"WHERE peer = ? AND assessment_id IN ({marks})",
            (peer, *ids),
        ).fetchall()
        return {str(a): Agreed(decode(b), str(m), str(t)) for a, b, m, t in rows}

    def delete(self, aid: str, deleted_at: str) -> None:
        """Delete the record (if here) and leave its tombstone, as `Store.delete` does."""
        self.store._delete_rows(self.conn, aid)
        self.bury(aid, deleted_at)
        self.conn.execute("DELETE FROM sync_state WHERE assessment_id = ?", (aid,))

    def bury(self, aid: str, deleted_at: str) -> None:
        """A tombstone for ``aid`` (one already here is kept as it is)."""
        self.conn.execute(_BURY, (aid, deleted_at))

    def unbury(self, aid: str) -> None:
        """No tombstone for ``aid`` any more (a record deliberately brought back)."""
        self.conn.execute("DELETE FROM tombstones WHERE id = ?", (aid,))

    def agree_many(self, peer: str, states: Sequence[tuple[str, Agreed]]) -> None:
        """`agree` for many assessments, many rows per statement."""
        per = max(1, _PARAMS // 5)
        for start in range(0, len(states), per):
            chunk = states[start : start + per]
            values = ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
            params = [
                v for aid, a in chunk for v in (peer, aid, encode(a.base), a.mine_at, a.theirs_at)
            ]
            self.conn.execute(_UPSERT_STATE.replace("(?, ?, ?, ?, ?)", values), params)

    def forget(self, peer: str, aid: str) -> None:
        self.conn.execute(
            "DELETE FROM sync_state WHERE peer = ? AND assessment_id = ?", (peer, aid)
        )


@contextmanager
def transaction(store: Store) -> Iterator[Txn]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    with store._write() as conn:
        yield Txn(store, conn)
