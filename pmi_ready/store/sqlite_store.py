"""The local store: SQLite from the standard library. Never prints, never prompts.

One transaction per write (``BEGIN IMMEDIATE`` … ``COMMIT``), WAL journal, ``synchronous=FULL``:
an answer that `save_answer` returned for is on disk, even if the process is killed next. Keys are
UUIDs and ``updated_at`` is ISO 8601 UTC, so records from several laptops merge without clashes.

This module is the import point; the rest lives beside it and is re-exported here:
`pmi_ready.store.schema` (schema version, migrations, a newer file refused),
`pmi_ready.store.connection` (the owner-only file, opening, SQLite errors as `StorageError`) and
`pmi_ready.store.record` (`StoredAssessment`, the summary columns' values).
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pmi_ready.core import N_, Answer, AnswerValue, NotFoundError, StorageError, display_path
from pmi_ready.store.connection import connect, default_db_path, storage_error
from pmi_ready.store.record import (
    SUMMARY_COLUMNS,
    SUMMARY_FIELDS,
    StoredAssessment,
    dumps,
    loads,
    now_iso,
    opt,
    parse_time,
    summary_values,
)
from pmi_ready.store.schema import SCHEMA_VERSION, STATS_INDEX, prepare

if TYPE_CHECKING:
    from types import TracebackType

    from pmi_ready.core import Readiness

__all__ = [
    "SCHEMA_VERSION",
    "STATS_INDEX",
    "MemoryStore",
    "Store",
    "StoredAssessment",
    "default_db_path",
    "dumps",
    "now_iso",
    "storage_error",
    "summary_values",
]

MIN_PREFIX = 6
TOMBSTONE = (
    "INSERT INTO tombstones (id, deleted_at) VALUES (?, ?) "
    "ON CONFLICT (id) DO UPDATE SET deleted_at=excluded.deleted_at"
)
_PREFIX_RE = re.compile(r"^[0-9a-fA-F-]+$")


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
    def open(cls, target: str | Path | None = None, *, timeout: float = 5.0) -> Store:
        """The store ``target`` names: an SQLite file, or a ``postgresql://`` URL (see
        `pmi_ready.store.target.open_store`)."""
        from pmi_ready.store.target import open_store

        return open_store(target, timeout=timeout)

    @classmethod
    def open_file(cls, path: Path | None = None, *, timeout: float = 5.0) -> Store:
        """The SQLite file ``path`` (``None``: the default one)."""
        path = default_db_path() if path is None else Path(path)
        conn, read_only = connect(path, timeout=timeout)
        store = cls(conn, path, read_only=read_only)
        store._setup(display_path(path))
        return store

    def _setup(self, shown: str) -> None:
        """Check the schema version and migrate an older file; on failure the connection is
        closed."""
        try:
            prepare(self.conn, shown, read_only=self.read_only)
        except sqlite3.Error as e:
            self.conn.close()
            raise storage_error(e, shown) from None
        except StorageError:
            self.conn.close()
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
                N_("the database {shown} is read-only; nothing can be saved"),
                hint=N_("Make the file writable, choose another with --db PATH, or use --no-save."),
                shown=self.shown,
            )
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise storage_error(e, self.shown) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as e:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise storage_error(e, self.shown) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            raise storage_error(e, self.shown) from None

    def _touch(self, conn: sqlite3.Connection, aid: str, when: str) -> None:
        cur = conn.execute("UPDATE assessments SET updated_at=? WHERE id=?", (when, aid))
        if cur.rowcount == 0:
            raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)

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
                    dumps(prof),
                    dumps({k: dict(v) for k, v in versions.items()}),
                    *(opt(prof.get(f)) for f in SUMMARY_FIELDS),
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
                raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
            profile = loads(row[0], {})
            if value is None:
                profile.pop(field, None)
            else:
                profile[field] = value
            conn.execute("UPDATE assessments SET profile=? WHERE id=?", (dumps(profile), aid))
            if field in SUMMARY_FIELDS:
                conn.execute(f"UPDATE assessments SET {field}=? WHERE id=?", (opt(value), aid))
            self._touch(conn, aid, now_iso())

    def set_versions(self, aid: str, versions: Mapping[str, Mapping[str, str]]) -> None:
        """Record the checklist versions now in use (after a resume with changed files)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE assessments SET versions=? WHERE id=?",
                (dumps({k: dict(v) for k, v in versions.items()}), aid),
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
        """Set one key of the assessment's ``data``; ``None`` removes the key."""
        with self._write() as conn:
            row = conn.execute("SELECT data FROM assessments WHERE id=?", (aid,)).fetchone()
            if row is None:
                raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
            data = loads(row[0], {})
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
            conn.execute("UPDATE assessments SET data=? WHERE id=?", (dumps(data), aid))
            self._touch(conn, aid, now_iso())

    def update_summary(self, aid: str, readiness: Readiness) -> None:
        """Copy the scored status and counts into the summary columns (keeps updated_at)."""
        with self._write() as conn:
            self._summary(conn, aid, readiness)

    def _summary(self, conn: sqlite3.Connection, aid: str, readiness: Readiness) -> None:
        cur = conn.execute(
            f"UPDATE assessments SET {'=?, '.join(SUMMARY_COLUMNS)}=? WHERE id=?",
            (*summary_values(readiness), aid),
        )
        if cur.rowcount == 0:
            raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)

    def finish(self, aid: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE assessments SET finished=1 WHERE id=?", (aid,))
            self._touch(conn, aid, now_iso())

    def delete(self, aid: str) -> None:
        """Delete the assessment; a tombstone (its id and the time, nothing else) keeps an
        import or a sync from bringing it back."""
        with self._write() as conn:
            conn.execute("DELETE FROM answers WHERE assessment_id=?", (aid,))
            cur = conn.execute("DELETE FROM assessments WHERE id=?", (aid,))
            if cur.rowcount == 0:
                raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
            conn.execute(TOMBSTONE, (aid, now_iso()))
            conn.execute("DELETE FROM sync_state WHERE assessment_id=?", (aid,))

    def put(
        self, record: StoredAssessment, summary: Readiness | None = None
    ) -> Literal["added", "updated", "unchanged", "repaired"]:
        """Merge a complete record (from another laptop): added if new, replaced if the incoming
        one is newer (``updated_at``), else unchanged. With ``summary`` (its fresh evaluation,
        never the record's own ``status``) the summary columns are written in the same
        transaction, and an unchanged record whose stored summary differs is repaired."""
        with self._write() as conn:
            row = conn.execute(
                "SELECT updated_at FROM assessments WHERE id=?", (record.id,)
            ).fetchone()
            incoming = record.updated_at.astimezone(dt.UTC)
            if row is not None and parse_time(row[0]) >= incoming:
                if summary is None or self._summary_matches(conn, record.id, summary):
                    return "unchanged"
                self._summary(conn, record.id, summary)
                return "repaired"
            self._replace(conn, record, incoming)
            if summary is not None:
                self._summary(conn, record.id, summary)
            return "updated" if row is not None else "added"

    def _summary_matches(self, conn: sqlite3.Connection, aid: str, summary: Readiness) -> bool:
        got = conn.execute(
            f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM assessments WHERE id=?", (aid,)
        ).fetchone()
        return got is not None and tuple(got) == summary_values(summary)

    def _replace(
        self, conn: sqlite3.Connection, record: StoredAssessment, updated: dt.datetime
    ) -> None:
        """The record's rows in place of the stored ones; its summary columns are empty until
        `_summary` (a file's ``status`` is never trusted)."""
        conn.execute("DELETE FROM answers WHERE assessment_id=?", (record.id,))
        conn.execute("DELETE FROM assessments WHERE id=?", (record.id,))
        prof = record.profile
        conn.execute(
            "INSERT INTO assessments (id, created_at, updated_at, lang, profile, versions, "
            "data, finished, destination, job, route, officer) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.created_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
                updated.isoformat(timespec="microseconds"),
                record.lang,
                dumps(prof),
                dumps(record.versions),
                dumps(record.data),
                int(record.finished),
                *(opt(prof.get(f)) for f in SUMMARY_FIELDS),
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

    # --------------------------------------------------------------------------------- reads
    def resolve(self, aid_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of at least six characters."""
        text = aid_or_prefix.strip().lower()
        if len(text) < MIN_PREFIX or not _PREFIX_RE.match(text):
            raise NotFoundError(
                N_("'{value}' is not an assessment id (give at least {n} characters of the id)"),
                value=aid_or_prefix,
                n=MIN_PREFIX,
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
                N_("no assessment '{value}' in {shown}"),
                hint=N_("'pmi-ready resume' without an id lists the unfinished ones."),
                value=aid_or_prefix,
                shown=self.shown,
            )
        if len(ids) > 1:
            raise NotFoundError(
                N_("'{value}' matches more than one assessment; give more characters"),
                value=aid_or_prefix,
            )
        return str(ids[0])

    def get(self, aid_or_prefix: str) -> StoredAssessment:
        aid = self.resolve(aid_or_prefix)
        return self._load("SELECT * FROM assessments WHERE id=?", (aid,))[0]

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
            raise storage_error(e, self.shown) from None
        return [StoredAssessment.from_row(r, answers[r["id"]], notes[r["id"]]) for r in rows]


class MemoryStore(Store):
    """The same interface, in memory only: `--no-save` and assessments without consent."""

    def __init__(self) -> None:
        super().__init__(sqlite3.connect(":memory:", isolation_level=None), None)
        self._setup(":memory:")

    def __del__(self) -> None:
        # An assessment without consent lives in a memory store until it ends, and nothing in it
        # needs flushing: when the store goes, its connection goes too (no unclosed database).
        conn = self.__dict__.get("conn")
        if conn is not None:
            conn.close()

    @classmethod
    def open(cls, target: str | Path | None = None, *, timeout: float = 5.0) -> Store:
        return cls()

    @property
    def persistent(self) -> bool:
        return False
