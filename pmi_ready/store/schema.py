"""The store's schema, the same on both back ends: its version is ``PRAGMA user_version`` in an
SQLite file and the one row of table ``pmi_ready_schema`` on PostgreSQL. An older database is
migrated step by step in one transaction, under a lock (SQLite's write lock; on PostgreSQL a
transaction-level advisory lock), so two desks starting at once never both migrate; a newer one is
refused, so an old program never damages a database a newer one wrote. Each step is one function
in `MIGRATIONS`, run on a `Db` (the shared SQL, ``?`` placeholders)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from pmi_ready.core import N_, StorageError
from pmi_ready.store.record import SUMMARY_COLUMNS, SUMMARY_FIELDS, dumps, loads, now_iso, opt

if TYPE_CHECKING:
    from pmi_ready.store.sql import Db

SCHEMA_VERSION = 6
OLDEST_READABLE = 2
"""A read-only file this old or newer is read: an SQLite file older than `SCHEMA_VERSION` through
a copy in memory, migrated there (`SqliteStore`); the file itself is never changed."""
STATS_INDEX = "idx_records_stats"
"""The covering index that ``records stats`` reads instead of the whole table (schema 3)."""
VERSION_TABLE = "pmi_ready_schema"
"""PostgreSQL: the table whose one row is the schema version."""
MIGRATION_LOCK = 0x706D6972
"""PostgreSQL: the advisory lock (per database) that migrations run under."""

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


def _migrate_1(db: Db) -> None:
    # Not executescript(): it would commit the migration's transaction half-way.
    for statement in _V1.split(";"):
        if statement.strip():
            db.execute(statement)


def _migrate_2(db: Db) -> None:
    """Summary columns for fast lists and statistics, filled from the profiles already stored."""
    for name, kind in _V2_COLUMNS:
        db.execute(f"ALTER TABLE assessments ADD COLUMN {name} {kind}")
    for col in ("updated_at", "status", "destination"):
        db.execute(f"CREATE INDEX idx_assessments_{col} ON assessments({col})")
    rows = db.execute("SELECT id, profile FROM assessments").fetchall()
    for aid, profile_json in rows:
        profile = loads(profile_json, {})
        db.execute(
            "UPDATE assessments SET destination=?, job=?, route=?, officer=? WHERE id=?",
            (*(opt(profile.get(f)) for f in SUMMARY_FIELDS), aid),
        )


def _migrate_3(db: Db) -> None:
    """The covering index for statistics (about a tenth of the table's size). A version 2 file
    may have it already: the first ``records stats`` of that version made it."""
    db.execute(
        f"CREATE INDEX IF NOT EXISTS {STATS_INDEX} ON assessments (updated_at, status, finished, "
        "red_flags, destination, job, officer, missing_critical)"
    )


def _migrate_4(db: Db) -> None:
    """The fourth status, ``stop``: any red flag stops an assessment. The stored summary already
    counts each record's red flags, so every record that has one is ``stop`` now. (A guidance
    threshold counted as a red flag before, the loan's interest far above KUR PMI, is a caution
    now: such a record reads ``stop`` until its next change is scored again.)"""
    db.execute("UPDATE assessments SET status = 'stop' WHERE red_flags > 0")


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


def _migrate_5(db: Db) -> None:
    """What moving records between databases needs: this database's id (``meta``), the ids of
    deleted assessments so an import never brings them back (``tombstones``, nothing else of
    them), and per peer and assessment the last agreed version as digests (``sync_state``). A
    time in the future (a laptop's wrong clock, brought in by an earlier import) is set to now:
    it could never be purged."""
    for statement in _V5.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
        (DATABASE_ID, str(uuid.uuid4())),
    )
    now = now_iso()
    db.execute("UPDATE assessments SET updated_at = ? WHERE updated_at > ?", (now, now))
    db.execute("UPDATE assessments SET created_at = ? WHERE created_at > ?", (now, now))


_V6_SQLITE = """
CREATE TABLE items (code INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE TABLE version_sets (
    code INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, versions TEXT NOT NULL
);
CREATE TABLE answer_values (code INTEGER PRIMARY KEY, value TEXT);
CREATE TABLE assessments_v6 (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    lang TEXT NOT NULL,
    profile TEXT NOT NULL DEFAULT '{}',
    version_set INTEGER REFERENCES version_sets(code),
    data TEXT NOT NULL DEFAULT '{}',
    finished INTEGER NOT NULL DEFAULT 0,
    status TEXT, destination TEXT, job TEXT, route TEXT, officer TEXT,
    n_applicable INTEGER, n_ready INTEGER, critical_missing INTEGER, important_missing INTEGER,
    advice_missing INTEGER, red_flags INTEGER, missing_critical TEXT
);
CREATE TABLE answers_v6 (
    num INTEGER PRIMARY KEY REFERENCES assessments_v6(num) ON DELETE CASCADE,
    packed BLOB NOT NULL
);
CREATE TABLE search_words (
    num INTEGER NOT NULL REFERENCES assessments_v6(num) ON DELETE CASCADE,
    word TEXT NOT NULL,
    PRIMARY KEY (num, word)
) WITHOUT ROWID;
CREATE TABLE missing (
    num INTEGER NOT NULL REFERENCES assessments_v6(num) ON DELETE CASCADE,
    item INTEGER NOT NULL,
    PRIMARY KEY (num, item)
) WITHOUT ROWID;
"""
_V6_PG = """
CREATE TABLE items (code INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE);
CREATE TABLE version_sets (code INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE, versions TEXT NOT NULL);
CREATE TABLE answer_values (code INTEGER PRIMARY KEY, value TEXT);
ALTER TABLE assessments ADD COLUMN version_set INTEGER REFERENCES version_sets(code);
CREATE TABLE answers_v6 (
    num INTEGER PRIMARY KEY REFERENCES assessments(num) ON DELETE CASCADE,
    packed BYTEA NOT NULL
);
CREATE TABLE search_words (
    num INTEGER NOT NULL REFERENCES assessments(num) ON DELETE CASCADE,
    word TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (num, word)
);
CREATE TABLE missing (
    num INTEGER NOT NULL REFERENCES assessments(num) ON DELETE CASCADE,
    item INTEGER NOT NULL,
    PRIMARY KEY (num, item)
);
DROP INDEX IF EXISTS idx_assessments_status;
DROP INDEX IF EXISTS idx_assessments_destination;
DROP INDEX IF EXISTS idx_records_stats;
DROP INDEX IF EXISTS idx_assessments_updated_at;
"""
_V6_INDEXES = (
    "CREATE INDEX idx_search_words ON search_words (word)",
    "CREATE INDEX idx_missing_item ON missing (item)",
    "CREATE INDEX idx_assessments_status ON assessments (status, updated_at)",
    f"CREATE INDEX {STATS_INDEX} ON assessments (updated_at, status, finished, red_flags, "
    "destination, job, officer)",
)
"""Schema 6's indexes: the covering one of statistics (its first column serves the lists' order
by the last change and ``--since``: no index of ``updated_at`` alone)."""
_V6_NOCASE = {
    "sqlite": (
        "CREATE INDEX idx_assessments_destination ON assessments "
        "(destination COLLATE NOCASE, updated_at)",
        "CREATE INDEX idx_assessments_officer ON assessments (officer COLLATE NOCASE, updated_at)",
    ),
    "postgresql": (
        "CREATE INDEX idx_assessments_destination ON assessments (lower(destination), updated_at)",
        "CREATE INDEX idx_assessments_officer ON assessments (lower(officer), updated_at)",
    ),
}
"""The indexes of the filters that ignore case (`Dialect.nocase_eq`)."""


def _statements(text: str) -> list[str]:
    return [s for s in text.split(";") if s.strip()]


def _migrate_6(db: Db) -> None:
    """Compact storage (issue #22; about 18 KB an assessment before, 2 KB after): every
    assessment gets a stable integer key ``num``; its answers and notes are packed into one value
    (`pmi_ready.store.packed`: item ids as codes from ``items``, answers as small codes, times as
    microseconds) in ``answers`` (one row per assessment); its checklist versions, the same
    1.6 KB in nearly every row, are stored once in ``version_sets``; the words of its name and
    officer are in ``search_words`` for ``--search``. On SQLite ``assessments`` is rebuilt (an
    integer primary key cannot be added); on PostgreSQL it is changed in place (its GRANTs
    stay)."""
    from pmi_ready.store import packed
    from pmi_ready.store.record import search_words, version_digest

    sqlite = db.dialect.name == "sqlite"
    if sqlite:
        for statement in _statements(_V6_SQLITE):
            db.execute(statement)
        table = "assessments_v6"
    else:
        db.execute(
            "ALTER TABLE assessments ADD COLUMN num INTEGER GENERATED BY DEFAULT AS IDENTITY"
        )
        db.execute("ALTER TABLE assessments ADD CONSTRAINT assessments_num_key UNIQUE (num)")
        # ids compared byte by byte, as on SQLite: `--search` finds an id's start by its index
        db.execute('ALTER TABLE assessments ALTER COLUMN id TYPE TEXT COLLATE "C"')
        for statement in _statements(_V6_PG):
            db.execute(statement)
        table = "assessments"
    db.executemany(
        "INSERT INTO answer_values (code, value) VALUES (?, ?)",
        sorted((c, v) for v, c in packed.VALUE_CODES.items()),
    )
    # checklist versions, once each
    codes: dict[str, int] = {}
    for (text,) in db.execute("SELECT DISTINCT versions FROM assessments").fetchall():
        versions = loads(text, {})
        digest = version_digest(versions)
        db.execute(
            "INSERT INTO version_sets (digest, versions) VALUES (?, ?) "
            "ON CONFLICT (digest) DO NOTHING",
            (digest, dumps(versions)),
        )
        codes[text] = int(
            db.execute("SELECT code FROM version_sets WHERE digest = ?", (digest,)).fetchone()[0]
        )
    if sqlite:
        db.execute(
            "INSERT INTO assessments_v6 (id, created_at, updated_at, lang, profile, data, "
            f"finished, {', '.join(SUMMARY_COLUMNS)}) SELECT id, created_at, updated_at, lang, "
            f"profile, data, finished, {', '.join(SUMMARY_COLUMNS)} FROM assessments "
            "ORDER BY created_at, id"
        )
        db.executemany(
            "UPDATE assessments_v6 SET version_set = ? WHERE id IN "
            "(SELECT id FROM assessments WHERE versions = ?)",
            [(code, text) for text, code in codes.items()],
        )
    else:
        db.executemany(
            "UPDATE assessments SET version_set = ? WHERE versions = ?",
            [(code, text) for text, code in codes.items()],
        )
    # the words of names and officers
    words = [
        (num, w)
        for num, profile, officer in db.execute(
            f"SELECT num, profile, officer FROM {table}"
        ).fetchall()
        for w in search_words(loads(profile, {}).get("name"), officer)
    ]
    db.executemany("INSERT INTO search_words (num, word) VALUES (?, ?)", words)
    # answers, packed per assessment
    db.execute("INSERT INTO items (id) SELECT DISTINCT item_id FROM answers ORDER BY item_id")
    item = {str(i): int(c) for c, i in db.execute("SELECT code, id FROM items").fetchall()}
    cur = db.execute(
        f"SELECT a.num, o.item_id, o.value, o.note, o.answered_at FROM answers AS o "
        f"JOIN {table} AS a ON a.id = o.assessment_id ORDER BY a.num"
    )
    batch: list[tuple[object, ...]] = []
    entries: list[packed.Entry] = []
    current: int | None = None
    for num, item_id, value, note, at in cur.fetchall():
        if num != current:
            if entries:
                batch.append((current, packed.pack(entries)))
            current, entries = num, []
        entries.append((item[item_id], value, note or "", at))
    if entries:
        batch.append((current, packed.pack(entries)))
    db.executemany("INSERT INTO answers_v6 (num, packed) VALUES (?, ?)", batch)
    db.execute("DROP TABLE answers")
    if sqlite:
        db.execute("DROP TABLE assessments")
        db.execute("ALTER TABLE assessments_v6 RENAME TO assessments")
    else:
        db.execute("ALTER TABLE assessments DROP COLUMN versions")
    db.execute("ALTER TABLE answers_v6 RENAME TO answers")
    # the missing critical items, an index of ``missing_critical`` that statistics count
    missing = [
        (num, item[i] if i in item else item.setdefault(i, _add_item(db, i)))
        for num, text in db.execute("SELECT num, missing_critical FROM assessments").fetchall()
        for i in sorted(set(loads(text, [])))
    ]
    db.executemany("INSERT INTO missing (num, item) VALUES (?, ?)", missing)
    for statement in (*_V6_INDEXES, *_V6_NOCASE[db.dialect.name]):
        db.execute(statement)


def _add_item(db: Db, item_id: str) -> int:
    db.execute("INSERT INTO items (id) VALUES (?) ON CONFLICT (id) DO NOTHING", (item_id,))
    return int(db.execute("SELECT code FROM items WHERE id = ?", (item_id,)).fetchone()[0])


MIGRATIONS: tuple[Callable[[Db], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
    _migrate_4,
    _migrate_5,
    _migrate_6,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


def prepare(db: Db, shown: str, *, read_only: bool) -> None:
    """Check the schema version of a newly opened database, migrate an older one, then set
    SQLite's journal. Raises `StorageError` (the connection is left open: the caller closes it).

    Everything that depends on what another program may be doing at the same moment runs in
    `migrate`, under its lock: the version read again and the foreign-table check. SQLite's
    switch to WAL comes after it, on a file that has its tables: two programs creating one new
    file at once never see each other's half-made file (#15 item 6)."""
    sqlite = db.dialect.name == "sqlite"
    if sqlite:
        db.execute("PRAGMA foreign_keys=ON")
    version = read_version(db)
    _refuse_newer(version, shown)
    if read_only:
        if version == 0:
            _refuse_foreign(db, shown)
        if version < OLDEST_READABLE:
            raise StorageError(
                N_(
                    "the database {shown} is read-only and needs an upgrade to the new "
                    "format; make it writable once"
                ),
                shown=shown,
            )
        return
    if sqlite:
        # Deleted pages are overwritten with zeros: a withdrawn consent leaves no name behind.
        db.execute("PRAGMA secure_delete=ON")
    if version < SCHEMA_VERSION:
        migrate(db, shown)
    if sqlite:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")


def migrate(db: Db, shown: str) -> None:
    """Every step from the database's version to `SCHEMA_VERSION`, in one transaction under the
    migration lock; nothing to do for one that is up to date."""
    db.execute(db.dialect.begin)
    try:
        if db.dialect.name == "postgresql":
            db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        # Re-read inside the lock: another process may have migrated meanwhile.
        current = read_version(db)
        _refuse_newer(current, shown)
        if current == 0:
            _refuse_foreign(db, shown)
        for step in range(current, SCHEMA_VERSION):
            MIGRATIONS[step](db)
        _write_version(db, SCHEMA_VERSION)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def read_version(db: Db) -> int:
    """The schema version (0: a new, empty database)."""
    if db.dialect.name == "sqlite":
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    if not _pg_table(db, VERSION_TABLE):
        return 0
    row = db.execute(f"SELECT max(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0] or 0)


def _pg_table(db: Db, name: str) -> bool:
    """Whether the current schema has table ``name``: a query of the catalog under the
    statement's snapshot (``to_regclass`` may answer from a cache older than the migration lock,
    and so miss a table another desk has just made)."""
    return bool(
        db.execute(
            "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
            "AND tablename = ?",
            (name,),
        ).fetchall()
    )


def _write_version(db: Db, version: int) -> None:
    if db.dialect.name == "sqlite":
        db.execute(f"PRAGMA user_version={int(version)}")
        return
    db.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
    db.execute(f"DELETE FROM {VERSION_TABLE}")
    db.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES (?)", (version,))


def _refuse_foreign(db: Db, shown: str) -> None:
    """A database without a schema version must not hold tables of its own: in an SQLite file
    none at all, on a server none of the names pmi-ready uses."""
    if db.dialect.name == "sqlite":
        foreign = db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        if foreign:
            raise StorageError(
                N_("{shown} is an SQLite file of another program, not a pmi-ready database"),
                hint=N_("Choose another file with --db PATH."),
                shown=shown,
            )
        return
    taken = [name for name in ("assessments", "answers") if _pg_table(db, name)]
    if taken:
        raise StorageError(
            N_(
                "the database {shown} has tables named {tables} that pmi-ready did not make; "
                "it is left untouched"
            ),
            hint=N_(
                "Give pmi-ready a database (or a schema, with ?options=-csearch_path=…) of its own."
            ),
            shown=shown,
            tables=", ".join(taken),
        )


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
