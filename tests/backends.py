"""The two back ends for the store tests: an SQLite file, and a PostgreSQL database of its own
(created with a random name, dropped afterwards) on the server `SERVER` names.

Without a server that answers, the PostgreSQL cases are skipped with a message saying how to run
them; ``PMI_READY_TEST_POSTGRES=require`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SERVER = os.environ.get("PMI_READY_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432")
"""A server where the tests may create databases (user with CREATEDB), without a database."""
HOW = (
    "PostgreSQL tests skipped: no server answers at {url} ({why}). Start one (trust auth for "
    "user postgres on 127.0.0.1:5432) or set PMI_READY_TEST_POSTGRES_URL; "
    "PMI_READY_TEST_POSTGRES=require makes this a failure."
)


def _admin(dbname: str = "postgres"):  # type: ignore[no-untyped-def]
    try:
        import psycopg
    except ImportError as e:  # the [postgres] extra is part of [test]
        _unavailable(f"psycopg is not installed: {e}")
    try:
        return psycopg.connect(f"{SERVER}/{dbname}", autocommit=True, connect_timeout=3)
    except psycopg.Error as e:
        _unavailable(str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__)


def _unavailable(why: str) -> None:
    message = HOW.format(url=SERVER, why=why)
    if os.environ.get("PMI_READY_TEST_POSTGRES", "").lower() == "require":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@contextmanager
def pg_database() -> Iterator[str]:
    """The URL of a new, empty database, dropped afterwards (connections still open to it are
    ended)."""
    name = f"pmi_test_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{SERVER}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    """What ``--db`` takes for a new database of ``kind`` (``sqlite`` or ``postgresql``)."""
    if kind == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with pg_database() as url:
        yield url


def raw(url: str):  # type: ignore[no-untyped-def]
    """A psycopg connection to the test database ``url`` (autocommit)."""
    import psycopg

    return psycopg.connect(url, autocommit=True)
