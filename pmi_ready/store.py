"""The local store: SQLite from the standard library. Never prints, never prompts.

- One transaction per write (``BEGIN IMMEDIATE`` … ``COMMIT``), WAL journal,
  ``synchronous=FULL``: an answer that `save_answer` returned for is on disk, even if the process is
  killed next.
- ``PRAGMA user_version`` is the schema version; older files are migrated step by step, a newer one
  is refused (`StorageError`), so an old program never damages a database a newer one wrote.
- Keys are UUIDs, ``updated_at`` is ISO 8601 UTC: records from several laptops merge without clashes
  and "the newer one wins" is a string comparison.
- The file is created readable and writable by its owner only.
- Every SQLite failure (locked, read-only, disk full, damaged file) becomes a `StorageError` with a
  message that says what to do.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pmi_ready.errors import NotFoundError, StorageError, display_path
from pmi_ready.model import Answer, AnswerValue
from pmi_ready.values import frozen

if TYPE_CHECKING:
    from types import TracebackType

    from pmi_ready.scoring import Readiness

SCHEMA_VERSION = 2
APP_ID = "pmi-ready"
MIN_PREFIX = 6
_PREFIX_RE = re.compile(r"^[0-9a-fA-F-]+$")
SUMMARY_FIELDS = ("destination", "job", "route", "officer")


def default_db_path() -> Path:
    """``$PMI_READY_DB``, else ``pmi-ready.db`` in the user data folder (platformdirs)."""
    env = os.environ.get("PMI_READY_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False)) / "pmi-ready.db"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@frozen
class StoredAssessment:
    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    lang: str
    profile: dict[str, str]
    answers: dict[str, Answer]
    versions: dict[str, dict[str, str]]
    data: dict[str, object]
    finished: bool
    status: str | None
    notes: dict[str, str] = field(default_factory=dict)
    """Notes written for items not answered yet (item id -> note)."""

    def to_dict(self) -> dict[str, Any]:
        """The complete record as JSON-able data (for JSONL export and transfer)."""
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(timespec="microseconds"),
            "updated_at": self.updated_at.isoformat(timespec="microseconds"),
            "lang": self.lang,
            "profile": dict(self.profile),
            "answers": {
                k: {"value": a.value.value, "note": a.note, "answered_at": a.answered_at}
                for k, a in self.answers.items()
            },
            "notes": dict(self.notes),
            "versions": {k: dict(v) for k, v in self.versions.items()},
            "data": dict(self.data),
            "finished": self.finished,
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> StoredAssessment:
        """The reverse of `to_dict`; raises ValueError / KeyError / TypeError on a bad record."""
        aid = str(uuid.UUID(str(d["id"])))
        answers = {
            str(k): Answer(
                str(k),
                AnswerValue(v["value"]),
                str(v.get("note", "")),
                str(v.get("answered_at", "")),
            )
            for k, v in dict(d.get("answers") or {}).items()
        }
        return cls(
            id=aid,
            created_at=_parse_time(str(d["created_at"])),
            updated_at=_parse_time(str(d["updated_at"])),
            lang=str(d.get("lang", "id")),
            profile={str(k): str(v) for k, v in dict(d.get("profile") or {}).items()},
            answers=answers,
            versions={
                str(k): {str(a): str(b) for a, b in dict(v).items()}
                for k, v in dict(d.get("versions") or {}).items()
            },
            data=dict(d.get("data") or {}),
            finished=bool(d.get("finished", False)),
            status=None if d.get("status") is None else str(d["status"]),
            notes={str(k): str(v) for k, v in dict(d.get("notes") or {}).items()},
        )


def _parse_time(text: str) -> dt.datetime:
    t = dt.datetime.fromisoformat(text)
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


# ------------------------------------------------------------------------------------ migrations
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
        profile = _loads(profile_json, {})
        conn.execute(
            "UPDATE assessments SET destination=?, job=?, route=?, officer=? WHERE id=?",
            (*(_opt(profile.get(f)) for f in SUMMARY_FIELDS), aid),
        )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_1, _migrate_2)
assert len(MIGRATIONS) == SCHEMA_VERSION


def _loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _opt(value: object) -> str | None:
    return None if value in (None, "") else str(value)


# ------------------------------------------------------------------------------------ the store
class Store:
    """Assessments in one SQLite file. Open with `Store.open(path)`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False):
        self.conn = conn
        """The open connection, for read-only SQL over the summary columns (records, stats)."""
        self.path = path
        self.read_only = read_only

    # -------------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, path: Path | None = None, *, timeout: float = 5.0) -> Store:
        path = default_db_path() if path is None else Path(path)
        shown = display_path(path)
        if path.is_dir():
            raise StorageError(f"the database path {shown} is a folder, not a file")
        read_only = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
                os.close(fd)
            elif not os.access(path, os.W_OK):
                read_only = True
        except FileExistsError:
            pass  # another process created it in between: fine
        except OSError as e:
            raise StorageError(
                f"cannot create the database {shown}: {e.strerror or e}",
                hint="Choose another place with --db PATH or the PMI_READY_DB variable.",
            ) from None
        try:
            if read_only:
                uri = path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            else:
                conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise _storage_error(e, shown) from None
        store = cls(conn, path, read_only=read_only)
        store._setup(shown)
        return store

    def _setup(self, shown: str) -> None:
        conn = self.conn
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                conn.close()
                raise StorageError(
                    f"the database {shown} was written by a newer pmi-ready (schema version "
                    f"{version}; this program knows up to {SCHEMA_VERSION}); it is left untouched",
                    hint="Update pmi-ready, or use another database with --db PATH.",
                )
            if version == 0:
                foreign = conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                ).fetchall()
                if foreign:
                    conn.close()
                    raise StorageError(
                        f"{shown} is an SQLite file of another program, not a pmi-ready database",
                        hint="Choose another file with --db PATH.",
                    )
            if not self.read_only:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            if version < SCHEMA_VERSION:
                if self.read_only:
                    conn.close()
                    raise StorageError(
                        f"the database {shown} is read-only and needs an upgrade to the new "
                        "format; make it writable once",
                    )
                self._migrate(version)
        except sqlite3.Error as e:
            conn.close()
            raise _storage_error(e, shown) from None

    def _migrate(self, version: int) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the lock: another process may have migrated meanwhile.
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for step in range(current, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def persistent(self) -> bool:
        """False for a `MemoryStore`: nothing reaches the disk."""
        return True

    @property
    def shown(self) -> str:
        return display_path(self.path) if self.path else ":memory:"

    # -------------------------------------------------------------------------- transactions
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise StorageError(
                f"the database {self.shown} is read-only; nothing can be saved",
                hint="Make the file writable, choose another with --db PATH, or use --no-save.",
            )
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise _storage_error(e, self.shown) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise _storage_error(e, self.shown) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise _storage_error(e, self.shown) from None

    def _touch(self, conn: sqlite3.Connection, aid: str, when: str) -> None:
        cur = conn.execute("UPDATE assessments SET updated_at=? WHERE id=?", (when, aid))
        if cur.rowcount == 0:
            raise NotFoundError(f"no assessment {aid} in {self.shown}")

    # -------------------------------------------------------------------------------- writes
    def create(
        self,
        *,
        lang: str,
        versions: Mapping[str, Mapping[str, str]],
        profile: Mapping[str, str] | None = None,
        assessment_id: str | None = None,
    ) -> str:
        aid = str(uuid.UUID(assessment_id)) if assessment_id else str(uuid.uuid4())
        prof = dict(profile or {})
        when = now_iso()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO assessments (id, created_at, updated_at, lang, profile, versions, "
                "data, finished, destination, job, route, officer) "
                "VALUES (?, ?, ?, ?, ?, ?, '{}', 0, ?, ?, ?, ?)",
                (
                    aid,
                    when,
                    when,
                    lang,
                    _dumps(prof),
                    _dumps({k: dict(v) for k, v in versions.items()}),
                    *(_opt(prof.get(f)) for f in SUMMARY_FIELDS),
                ),
            )
        return aid

    def set_profile(
        self, aid: str, field: str, value: str | None, *, summary: Readiness | None = None
    ) -> None:
        """Set (``None``: remove) one profile field; with ``summary``, update the summary columns
        in the same transaction."""
        with self._write() as conn:
            row = conn.execute("SELECT profile FROM assessments WHERE id=?", (aid,)).fetchone()
            if row is None:
                raise NotFoundError(f"no assessment {aid} in {self.shown}")
            profile = _loads(row[0], {})
            if value is None:
                profile.pop(field, None)
            else:
                profile[field] = value
            conn.execute("UPDATE assessments SET profile=? WHERE id=?", (_dumps(profile), aid))
            if field in SUMMARY_FIELDS:
                conn.execute(f"UPDATE assessments SET {field}=? WHERE id=?", (_opt(value), aid))
            self._touch(conn, aid, now_iso())

    def set_versions(self, aid: str, versions: Mapping[str, Mapping[str, str]]) -> None:
        """Record the checklist versions now in use (after a resume with changed files)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE assessments SET versions=? WHERE id=?",
                (_dumps({k: dict(v) for k, v in versions.items()}), aid),
            )
            self._touch(conn, aid, now_iso())

    def save_answer(
        self,
        aid: str,
        item_id: str,
        value: AnswerValue | None,
        note: str = "",
        *,
        summary: Readiness | None = None,
    ) -> None:
        """Write one answer and its note in one transaction. ``value=None`` clears the answer (a
        note stays). With ``summary``, the summary columns are updated in the same transaction."""
        when = now_iso()
        with self._write() as conn:
            self._touch(conn, aid, when)
            if summary is not None:
                self._summary(conn, aid, summary)
            if value is None and not note:
                conn.execute(
                    "DELETE FROM answers WHERE assessment_id=? AND item_id=?", (aid, item_id)
                )
                return
            conn.execute(
                "INSERT INTO answers (assessment_id, item_id, value, note, answered_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (assessment_id, item_id) DO UPDATE SET "
                "value=excluded.value, note=excluded.note, answered_at=excluded.answered_at",
                (aid, item_id, None if value is None else AnswerValue(value).value, note, when),
            )

    def set_data(self, aid: str, key: str, value: object) -> None:
        with self._write() as conn:
            row = conn.execute("SELECT data FROM assessments WHERE id=?", (aid,)).fetchone()
            if row is None:
                raise NotFoundError(f"no assessment {aid} in {self.shown}")
            data = _loads(row[0], {})
            data[key] = value
            conn.execute("UPDATE assessments SET data=? WHERE id=?", (_dumps(data), aid))
            self._touch(conn, aid, now_iso())

    def update_summary(self, aid: str, readiness: Readiness) -> None:
        """Copy the scored status and counts into the summary columns (keeps updated_at)."""
        with self._write() as conn:
            self._summary(conn, aid, readiness)

    def _summary(self, conn: sqlite3.Connection, aid: str, readiness: Readiness) -> None:
        cur = conn.execute(
            "UPDATE assessments SET status=?, destination=?, job=?, route=?, officer=?, "
            "n_applicable=?, n_ready=?, critical_missing=?, important_missing=?, "
            "advice_missing=?, red_flags=?, missing_critical=? WHERE id=?",
            (*summary_values(readiness), aid),
        )
        if cur.rowcount == 0:
            raise NotFoundError(f"no assessment {aid} in {self.shown}")

    def finish(self, aid: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE assessments SET finished=1 WHERE id=?", (aid,))
            self._touch(conn, aid, now_iso())

    def delete(self, aid: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM answers WHERE assessment_id=?", (aid,))
            cur = conn.execute("DELETE FROM assessments WHERE id=?", (aid,))
            if cur.rowcount == 0:
                raise NotFoundError(f"no assessment {aid} in {self.shown}")

    def put(self, record: StoredAssessment) -> Literal["added", "updated", "unchanged"]:
        """Merge a complete record (from another laptop): added if new, replaced if the incoming
        one is newer (``updated_at``), else unchanged. Summary columns: call `update_summary`."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT updated_at FROM assessments WHERE id=?", (record.id,)
            ).fetchone()
            incoming = record.updated_at.astimezone(dt.UTC)
            if row is not None and _parse_time(row[0]) >= incoming:
                return "unchanged"
            conn.execute("DELETE FROM answers WHERE assessment_id=?", (record.id,))
            conn.execute("DELETE FROM assessments WHERE id=?", (record.id,))
            prof = record.profile
            conn.execute(
                "INSERT INTO assessments (id, created_at, updated_at, lang, profile, versions, "
                "data, finished, status, destination, job, route, officer) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
                    incoming.isoformat(timespec="microseconds"),
                    record.lang,
                    _dumps(prof),
                    _dumps(record.versions),
                    _dumps(record.data),
                    int(record.finished),
                    record.status,
                    *(_opt(prof.get(f)) for f in SUMMARY_FIELDS),
                ),
            )
            rows: builtins.list[tuple[str, str, str | None, str, str]] = [
                (record.id, a.item_id, a.value.value, a.note, a.answered_at or now_iso())
                for a in record.answers.values()
            ]
            rows += [
                (record.id, k, None, n, now_iso())
                for k, n in record.notes.items()
                if k not in record.answers and n
            ]
            conn.executemany(
                "INSERT INTO answers (assessment_id, item_id, value, note, answered_at) "
                "VALUES (?, ?, ?, ?, ?)",
                rows,
            )
            return "updated" if row is not None else "added"

    # --------------------------------------------------------------------------------- reads
    def resolve(self, aid_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of at least six characters."""
        text = aid_or_prefix.strip().lower()
        if len(text) < MIN_PREFIX or not _PREFIX_RE.match(text):
            raise NotFoundError(
                f"'{aid_or_prefix}' is not an assessment id (give at least {MIN_PREFIX} "
                "characters of the id)"
            )
        rows = self._read(
            "SELECT id FROM assessments WHERE id = ? OR substr(id, 1, ?) = ? LIMIT 3",
            (text, len(text), text),
        )
        ids = sorted({r[0] for r in rows})
        if text in ids:
            return text
        if not ids:
            raise NotFoundError(
                f"no assessment '{aid_or_prefix}' in {self.shown}",
                hint="'pmi-ready resume' without an id lists the unfinished ones.",
            )
        if len(ids) > 1:
            raise NotFoundError(
                f"'{aid_or_prefix}' matches more than one assessment; give more characters"
            )
        return str(ids[0])

    def get(self, aid_or_prefix: str) -> StoredAssessment:
        aid = self.resolve(aid_or_prefix)
        got = self._load(
            "SELECT * FROM assessments WHERE id=?",
            (aid,),
        )
        return got[0]

    def list(
        self, *, unfinished: bool | None = None, limit: int | None = None
    ) -> builtins.list[StoredAssessment]:
        """Newest first (by the last change). ``unfinished=True``/``False`` filters."""
        sql = "SELECT * FROM assessments"
        params: builtins.list[object] = []
        if unfinished is not None:
            sql += " WHERE finished = ?"
            params.append(0 if unfinished else 1)
        sql += " ORDER BY updated_at DESC, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return self._load(sql, tuple(params))

    def _load(self, sql: str, params: tuple[object, ...]) -> builtins.list[StoredAssessment]:
        try:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            answers: dict[str, dict[str, Answer]] = {r["id"]: {} for r in rows}
            notes: dict[str, dict[str, str]] = {r["id"]: {} for r in rows}
            ids = list(answers)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for aid, item_id, value, note, at in self.conn.execute(
                    "SELECT assessment_id, item_id, value, note, answered_at FROM answers "
                    f"WHERE assessment_id IN ({marks}) ORDER BY answered_at",
                    chunk,
                ):
                    if value is None:
                        notes[aid][item_id] = note
                    else:
                        answers[aid][item_id] = Answer(item_id, AnswerValue(value), note, at)
        except sqlite3.Error as e:
            raise _storage_error(e, self.shown) from None
        return [
            StoredAssessment(
                id=r["id"],
                created_at=_parse_time(r["created_at"]),
                updated_at=_parse_time(r["updated_at"]),
                lang=r["lang"],
                profile=_loads(r["profile"], {}),
                answers=answers[r["id"]],
                versions=_loads(r["versions"], {}),
                data=_loads(r["data"], {}),
                finished=bool(r["finished"]),
                status=r["status"],
                notes=notes[r["id"]],
            )
            for r in rows
        ]


class MemoryStore(Store):
    """The same interface, in memory only: `--no-save` and assessments without consent."""

    def __init__(self) -> None:
        super().__init__(sqlite3.connect(":memory:", isolation_level=None), None)
        self._setup(":memory:")

    @classmethod
    def open(cls, path: Path | None = None, *, timeout: float = 5.0) -> Store:
        return cls()

    @property
    def persistent(self) -> bool:
        return False


def summary_values(readiness: Readiness) -> tuple[object, ...]:
    """The summary columns, in order: status, destination, job, route, officer, n_applicable,
    n_ready, critical_missing, important_missing, advice_missing, red_flags, missing_critical."""
    c = readiness.counts
    return (
        readiness.status.value,
        *(_opt(readiness.profile.get(f)) for f in SUMMARY_FIELDS),
        c.get("applicable", 0),
        c.get("ready", 0),
        c.get("critical_missing", 0),
        c.get("important_missing", 0),
        c.get("advice_missing", 0),
        len(readiness.red_flags),
        _dumps(list(readiness.missing_critical)),
    )


def _storage_error(e: sqlite3.Error, shown: str) -> StorageError:
    name = getattr(e, "sqlite_errorname", "") or ""
    text = str(e)
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in text:
        return StorageError(
            f"the database {shown} is busy: another pmi-ready (an 'assess' in another window?) "
            "is writing to it",
            hint="Finish or close the other one and try again, or use another file with --db PATH.",
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StorageError(
            f"the database {shown} is read-only; nothing can be saved",
            hint="Make the file writable, choose another with --db PATH, or use --no-save.",
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return StorageError(
            f"the disk is full: {shown} cannot be written; the last answer was not saved",
            hint="Free some space and run the same command again.",
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in text:
        return StorageError(
            f"the database {shown} is damaged or is not a pmi-ready database",
            hint="Move the file away (keep it for recovery) and start a new one, or use --db PATH.",
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StorageError(
            f"cannot open the database {shown}",
            hint="Check that the folder exists and that you may write to it, or use --db PATH.",
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O" in text:
        return StorageError(f"the disk could not read or write {shown} ({text})")
    return StorageError(f"database error in {shown}: {text}")
