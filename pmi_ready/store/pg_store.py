"""The office store: a PostgreSQL server (psycopg 3), with the same schema, SQL and guarantees as
an SQLite file. Imported only for a ``postgresql://`` target.

Every write is one transaction on an autocommit connection (``BEGIN`` … ``COMMIT``): what
`save_answer` returned for is committed on the server. A lost connection is a `StorageError` that
says the last change was not saved and how to go on; nothing committed before it is lost. The
session's time zone is this computer's (months in ``records stats --by month`` are local, as on
SQLite) and a row lock is waited for at most ``timeout`` seconds.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, ClassVar

import psycopg

from pmi_ready.core import N_, StorageError
from pmi_ready.store.base import Store
from pmi_ready.store.pg_connection import connect, pg_error
from pmi_ready.store.schema import prepare
from pmi_ready.store.sql import POSTGRES
from pmi_ready.store.target import mask_url, passwords

if TYPE_CHECKING:
    from psycopg import Connection


class PgStore(Store):
    """Assessments in one PostgreSQL database (in the schema its ``search_path`` names)."""

    errors: ClassVar[tuple[type[Exception], ...]] = (psycopg.Error,)

    def __init__(self, conn: Connection[Any], url: str) -> None:
        super().__init__(conn, POSTGRES)
        self.url = url
        self._shown = mask_url(url)
        self._secrets = passwords(url)

    @classmethod
    def open_url(cls, url: str, *, timeout: float = 5.0) -> PgStore:
        """Connect, set the session up, check the schema version and migrate an older one
        (under the migration lock); on failure the connection is closed."""
        store = cls(connect(url), url)
        try:
            store._session(timeout)
            prepare(store.db, store.shown, read_only=False)
        except psycopg.Error as e:
            err = store._error(e)
            store.close()
            raise err from None
        except BaseException:
            store.close()
            raise
        return store

    def _session(self, timeout: float) -> None:
        if not os.environ.get("PGTZ"):
            offset = dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
            minutes = int(offset.total_seconds() // 60)
            sign = "-" if minutes < 0 else "+"
            hh, mm = divmod(abs(minutes), 60)
            self.db.execute(f"SET TIME ZONE INTERVAL '{sign}{hh:02d}:{mm:02d}' HOUR TO MINUTE")
        self.db.execute(f"SET lock_timeout = {max(1, int(timeout * 1000))}")

    def close(self) -> None:
        with suppress(psycopg.Error):
            self.conn.close()

    @property
    def shown(self) -> str:
        return self._shown

    def _error(self, e: Exception) -> StorageError:
        return pg_error(e, self._shown, self._secrets, broken=bool(self.conn.broken))

    def _read_only_error(self) -> StorageError:
        return StorageError(
            N_("the database {shown} is read-only for this user; nothing can be saved"),
            hint=N_("Use a desk role that may write, or --no-save."),
            shown=self.shown,
        )

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """``synchronous_commit=off`` meanwhile: after a server crash the last few commits may
        be missing (running the same import again brings them back)."""
        try:
            self.db.execute("SET synchronous_commit TO off")
        except psycopg.Error as e:
            raise self._error(e) from None
        try:
            yield
        finally:
            with suppress(psycopg.Error):
                self.db.execute("RESET synchronous_commit")
