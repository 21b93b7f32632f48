"""The store's schema: ``PRAGMA user_version`` is its version; older files are migrated step by
step in one transaction, a newer one is refused, so an old program never damages a database a
newer one wrote. Each step is one function in `MIGRATIONS`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmi_ready.core import N_, StorageError
from pmi_ready.store.record import SUMMARY_FIELDS, loads, now_iso, opt

if TYPE_CHECKING:
    import sqlite3

SCHEMA_VERSION = 5
OLDEST_READABLE = 2
"""A read-only file this old or newer is read as it is: schema 3 only adds an index."""
STATS_INDEX = "idx_records_stats"
"""The covering index that ``records stats`` reads instead of the whole table (schema 3)."""

_V1 = """
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    lang TEXT NOT NULL,
    profile TEXT NOT NULL DEFAULT '{}',
    versions TEXT NOT NULL DEFAULT '{}',
    data TEXT NOT NULL DEFAULT '{}',
    finished INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE answers (
    assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    value TEXT,
    note TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, item_id)
);
"""

_V2_COLUMNS = (
    ("status", "TEXT"),
    ("destination", "TEXT"),
    ("job", "TEXT"),
    ("route", "TEXT"),
    ("officer", "TEXT"),
    ("n_applicable", "INTEGER"),
    ("n_ready", "INTEGER"),
    ("critical_missing", "INTEGER"),
    ("important_missing", "INTEGER"),
    ("advice_missing", "INTEGER"),
    ("red_flags", "INTEGER"),
    ("missing_critical", "TEXT"),
)


def _migrate_1(conn: sqlite3.Connection) -> None:
    # Not executescript(): it would commit the migration's transaction half-way.
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migrate_2(conn: sqlite3.Connection) -> None:
    """Summary columns for fast lists and statistics, filled from the profiles already stored."""
    for name, kind in _V2_COLUMNS:
        conn.execute(f"ALTER TABLE assessments ADD COLUMN {name} {kind}")
    for col in ("updated_at", "status", "destination"):
        conn.execute(f"CREATE INDEX idx_assessments_{col} ON assessments({col})")
    rows = conn.execute("SELECT id, profile FROM assessments").fetchall()
    for aid, profile_json in rows:
        profile = loads(profile_json, {})
        conn.execute(
            "UPDATE assessments SET destination=?, job=?, route=?, officer=? WHERE id=?",
            (*(opt(profile.get(f)) for f in SUMMARY_FIELDS), aid),
        )


def _migrate_3(conn: sqlite3.Connection) -> None:
    """The covering index for statistics (about a tenth of the table's size). A version 2 file
    may have it already: the first ``records stats`` of that version made it."""
    conn.execute(
        f"CREATE INDEX IF NOT EXISTS {STATS_INDEX} ON assessments (updated_at, status, finished, "
        "red_flags, destination, job, officer, missing_critical)"
    )


def _migrate_4(conn: sqlite3.Connection) -> None:
    """The fourth status, ``stop``: any red flag stops an assessment. The stored summary already
    counts each record's red flags, so every record that has one is ``stop`` now. (A guidance
    threshold counted as a red flag before, the loan's interest far above KUR PMI, is a caution
    now: such a record reads ``stop`` until its next change is scored again.)"""
    conn.execute("UPDATE assessments SET status = 'stop' WHERE red_flags > 0")


_V5 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tombstones (id TEXT PRIMARY KEY, deleted_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_state (
    peer TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    base TEXT NOT NULL,
    mine_at TEXT NOT NULL,
    theirs_at TEXT NOT NULL,
    PRIMARY KEY (peer, assessment_id)
);
"""
DATABASE_ID = "database_id"
"""The ``meta`` key of this database's own random id (how a peer knows it in ``sync_state``)."""


def _migrate_5(conn: sqlite3.Connection) -> None:
    """What moving records between databases needs: this database's id (``meta``), the ids of
    deleted assessments so an import never brings them back (``tombstones``, nothing else of
    them), and per peer and assessment the last agreed version as digests (``sync_state``). A
    time in the future (a laptop's wrong clock, brought in by an earlier import) is set to now:
    it could never be purged."""
    for statement in _V5.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        (DATABASE_ID, str(uuid.uuid4())),
    )
    now = now_iso()
    conn.execute("UPDATE assessments SET updated_at = ? WHERE updated_at > ?", (now, now))
    conn.execute("UPDATE assessments SET created_at = ? WHERE created_at > ?", (now, now))


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
    _migrate_4,
    _migrate_5,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def prepare(conn: sqlite3.Connection, shown: str, *, read_only: bool) -> None:
    """Check the schema version of a newly opened database, set the journal, and migrate an older
    file. Raises `StorageError` (the connection is left open: the caller closes it)."""
    conn.execute("PRAGMA foreign_keys=ON")
    version = _version(conn)
    _refuse_newer(version, shown)
    if version == 0:
        foreign = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        if foreign:
            raise StorageError(
                N_("{shown} is an SQLite file of another program, not a pmi-ready database"),
                hint=N_("Choose another file with --db PATH."),
                shown=shown,
            )
    if not read_only:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    if version < SCHEMA_VERSION:
        if not read_only:
            migrate(conn, shown)
        elif version < OLDEST_READABLE:
            raise StorageError(
                N_(
                    "the database {shown} is read-only and needs an upgrade to the new "
                    "format; make it writable once"
                ),
                shown=shown,
            )


def migrate(conn: sqlite3.Connection, shown: str) -> None:
    """Every step from the file's version to `SCHEMA_VERSION`, in one transaction; nothing to do
    for a file that is up to date."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read inside the lock: another process may have migrated meanwhile.
        current = _version(conn)
        _refuse_newer(current, shown)
        for step in range(current, SCHEMA_VERSION):
            MIGRATIONS[step](conn)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _refuse_newer(version: int, shown: str) -> None:
    if version > SCHEMA_VERSION:
        raise StorageError(
            N_(
                "the database {shown} was written by a newer pmi-ready (schema version "
                "{version}; this program knows up to {known}); it is left untouched"
            ),
            hint=N_("Update pmi-ready, or use another database with --db PATH."),
            shown=shown,
            version=version,
            known=SCHEMA_VERSION,
        )
