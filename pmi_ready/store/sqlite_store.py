"""The local store: an SQLite file (the standard library's sqlite3), and `MemoryStore`.

One transaction per write (``BEGIN IMMEDIATE`` … ``COMMIT``), WAL journal, ``synchronous=FULL``:
an answer that `save_answer` returned for is on disk, even if the process is killed next.
``secure_delete`` and a checkpoint after every deletion: what is deleted is not left readable in
the file or its log.

This module is the import point for the SQLite store; the rest lives beside it and is re-exported
here: `pmi_ready.store.base` (the `Store` both back ends share), `pmi_ready.store.sql` (the shared
SQL and the `Dialect`), `pmi_ready.store.schema` (schema version, migrations, a newer file
refused), `pmi_ready.store.connection` (the owner-only file, opening, SQLite errors as
`StorageError`) and `pmi_ready.store.record` (`StoredAssessment`, the summary columns' values).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ClassVar

from pmi_ready.core import StorageError, display_path
from pmi_ready.store.base import Store
from pmi_ready.store.connection import connect, default_db_path, storage_error
from pmi_ready.store.record import StoredAssessment, dumps, now_iso, summary_values
from pmi_ready.store.schema import (
    OLDEST_READABLE,
    SCHEMA_VERSION,
    STATS_INDEX,
    migrate,
    prepare,
    read_version,
)
from pmi_ready.store.sql import SQLITE, Db

__all__ = [
    "SCHEMA_VERSION",
    "STATS_INDEX",
    "MemoryStore",
    "SqliteStore",
    "Store",
    "StoredAssessment",
    "default_db_path",
    "dumps",
    "now_iso",
    "storage_error",
    "summary_values",
]


class SqliteStore(Store):
    """Assessments in one SQLite file."""

    errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.Error,)

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool = False):
        super().__init__(conn, SQLITE, read_only=read_only)
        self.path = path

    @classmethod
    def open_file(cls, path: Path | None = None, *, timeout: float = 5.0) -> SqliteStore:
        """The SQLite file ``path`` (``None``: the default one)."""
        path = default_db_path() if path is None else Path(path)
        conn, read_only = connect(path, timeout=timeout)
        store = cls(conn, path, read_only=read_only)
        store._setup(display_path(path), timeout=timeout)
        return store

    def _setup(self, shown: str, *, timeout: float = 0.0) -> None:
        """Check the schema version and migrate an older file; on failure the connection is
        closed. A busy database while opening is tried again until ``timeout`` has passed once
        more: opening takes locks of more than one kind (a new file's tables, then the switch
        to WAL), and under load six programs opening one new file at once could still find it
        busy about once in a hundred (#15 item 6). Every step of opening may run again."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._migrated_copy(shown)
                prepare(self.db, shown, read_only=self.read_only)
                return
            except sqlite3.Error as e:
                if _busy(e) and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                self.conn.close()
                raise storage_error(e, shown) from None
            except StorageError:
                self.conn.close()
                raise

    def _migrated_copy(self, shown: str) -> None:
        """A read-only file of an older schema (that may still be read: `OLDEST_READABLE`) is
        copied into memory and migrated there: read as the latest schema, the file untouched."""
        if not self.read_only:
            return
        version = read_version(self.db)
        if not OLDEST_READABLE <= version < SCHEMA_VERSION:
            return
        copy = sqlite3.connect(":memory:", isolation_level=None)
        self.conn.backup(copy)
        self.conn.close()
        self.conn = copy
        self.db = Db(copy, SQLITE)
        copy.execute("PRAGMA foreign_keys=ON")
        migrate(self.db, shown)

    @property
    def shown(self) -> str:
        return display_path(self.path) if self.path else ":memory:"

    def _error(self, e: Exception) -> StorageError:
        assert isinstance(e, sqlite3.Error)
        return storage_error(e, self.shown)

    def erase_traces(self) -> None:
        """The deleted rows' pages were overwritten with zeros (``secure_delete``, set when the
        file is opened), but the log still holds their earlier versions: checkpoint it into the
        file and truncate it to nothing. Another program reading the file at that moment may
        keep the log from being truncated (the busy timeout is waited first); then it is
        truncated by the next deletion or emptied when the last program closes the file."""
        if self.read_only:
            return
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as e:
            raise storage_error(e, self.shown) from None

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """``synchronous=NORMAL`` meanwhile: after a power cut the last few commits may be
        missing (running the same import again brings them back)."""
        try:
            self.conn.execute("PRAGMA synchronous=NORMAL")
            yield
        finally:
            with suppress(sqlite3.Error):
                self.conn.execute("PRAGMA synchronous=FULL")


def _busy(e: sqlite3.Error) -> bool:
    name = getattr(e, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(e)


class MemoryStore(SqliteStore):
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
