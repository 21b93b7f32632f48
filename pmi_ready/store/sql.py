"""The SQL both back ends share, and the little that differs between them (a `Dialect`).

Every statement is written once, with ``?`` placeholders, in the SQL that SQLite and PostgreSQL
both speak (``INSERT … ON CONFLICT … DO UPDATE``, ``substr``, ``coalesce``). Where the two differ —
placeholders, how a write transaction starts, JSON, case-insensitive comparison, the schema
version's home — the `Dialect` says it; `Db` is a connection with its dialect, whose ``execute``
takes the shared text. Times are ISO 8601 UTC strings and JSON columns are text on both, so
comparisons and stored values are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pmi_ready.store.record import SUMMARY_COLUMNS, SUMMARY_FIELDS


class Cursor(Protocol):
    """What both drivers' cursors offer (sqlite3 and psycopg)."""

    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...


@dataclass(frozen=True)
class Dialect:
    """What one back end writes differently."""

    name: Literal["sqlite", "postgresql"]
    placeholder: str
    begin: str
    """The statement that starts a write transaction (SQLite takes the write lock at once)."""
    for_update: str
    """Appended to a ``SELECT`` of the row a write changes: locks it until the commit."""
    no_limit: int | None
    """A ``LIMIT`` that means "no limit"."""

    def sql(self, text: str) -> str:
        """``text`` (written with ``?``) with this back end's placeholders."""
        if self.placeholder == "?":
            return text
        return text.replace("%", "%%").replace("?", self.placeholder)

    def json_field(self, column: str, key: str) -> str:
        """The text of ``key`` in the JSON object ``column`` (NULL when missing)."""
        if self.name == "sqlite":
            return f"json_extract({column}, '$.{key}')"
        return f"({column}::jsonb ->> '{key}')"

    def contains(self, haystack: str, needle: str) -> str:
        """``haystack`` contains ``needle`` (both SQL expressions)."""
        fn = "instr" if self.name == "sqlite" else "strpos"
        return f"{fn}({haystack}, {needle}) > 0"

    def nocase_eq(self, column: str) -> str:
        """``column`` equals the next parameter, ignoring the case of ASCII letters."""
        if self.name == "sqlite":
            return f"{column} = ? COLLATE NOCASE"
        return f"lower({column}) = lower(?)"

    def count_if(self, condition: str) -> str:
        """How many rows of a group meet ``condition``."""
        if self.name == "sqlite":
            return f"sum({condition})"
        return f"count(*) FILTER (WHERE {condition})"

    def local_month(self, column: str) -> str:
        """``YYYY-MM`` of the time ``column`` in the local time zone (on PostgreSQL: the
        session's, which the store sets to this computer's)."""
        if self.name == "sqlite":
            return f"strftime('%Y-%m', {column}, 'localtime')"
        return f"to_char(({column})::timestamptz, 'YYYY-MM')"

    def json_items(self, column: str) -> str:
        """A ``FROM`` item ``j`` with one row (``j.value``) per element of the JSON list
        ``column``."""
        if self.name == "sqlite":
            return f"json_each({column}) AS j"
        return f"jsonb_array_elements_text(({column})::jsonb) AS j(value)"

    @property
    def index_exists(self) -> str:
        """A query with one row when the index named by its parameter exists."""
        if self.name == "sqlite":
            return "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
        return "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?"


SQLITE = Dialect("sqlite", "?", "BEGIN IMMEDIATE", "", -1)
POSTGRES = Dialect("postgresql", "%s", "BEGIN", " FOR UPDATE", None)


class Db:
    """A connection and its dialect: ``execute`` takes the shared SQL (``?`` placeholders) on
    both back ends. Errors are the driver's own; the store turns them into `StorageError`."""

    def __init__(self, raw: Any, dialect: Dialect) -> None:
        self.raw = raw
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[object] = ()) -> Cursor:
        cur: Cursor = self.raw.execute(self.dialect.sql(sql), tuple(params))
        return cur

    def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        cur = self.raw.cursor()
        try:
            cur.executemany(self.dialect.sql(sql), [tuple(r) for r in rows])
        finally:
            cur.close()

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> None:
        """Many new rows into ``table`` at once: ``COPY`` on PostgreSQL (one round trip, no
        statement to parse per row), ``executemany`` on SQLite. Values are text, integers or
        ``None``."""
        names = ", ".join(columns)
        if self.dialect.name == "postgresql":
            cur = self.raw.cursor()
            try:
                with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
            finally:
                cur.close()
            return
        marks = ", ".join("?" * len(columns))
        self.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


# ------------------------------------------------------------------------------ statements
# Schema 6: an assessment's integer key ``num`` (stable: what `answers` and `search_words` point
# at), its checklist versions as a code (``version_set``, table ``version_sets``), its answers
# packed in one value (`pmi_ready.store.packed`), item ids as codes (table ``items``).
_ROW_COLUMNS = "num, id, created_at, updated_at, lang, profile, version_set, data, finished"
INSERT_ASSESSMENT = (
    f"INSERT INTO assessments ({_ROW_COLUMNS}, {', '.join(SUMMARY_FIELDS)}) "
    f"VALUES ({', '.join('?' * (9 + len(SUMMARY_FIELDS)))})"
)
"""A new assessment's row with its ``num``; its summary columns other than the profile's are
empty."""
INSERT_NEW_ASSESSMENT = (
    f"INSERT INTO assessments ({_ROW_COLUMNS[5:]}, {', '.join(SUMMARY_FIELDS)}) "
    f"VALUES ({', '.join('?' * (8 + len(SUMMARY_FIELDS)))})"
)
"""`INSERT_ASSESSMENT` without the ``num`` (the next one is taken)."""
FULL_COLUMNS = (*_ROW_COLUMNS.split(", "), *SUMMARY_COLUMNS)
"""The columns of `INSERT_FULL_ASSESSMENT`, in its order."""
INSERT_FULL_ASSESSMENT = (
    f"INSERT INTO assessments ({_ROW_COLUMNS}, {', '.join(SUMMARY_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (9 + len(SUMMARY_COLUMNS)))})"
)
"""A new assessment with its summary: the first nine values of `INSERT_ASSESSMENT`, then the
summary columns (`SUMMARY_COLUMNS`, as `summary_values` gives them)."""
RECORDS = (
    "SELECT assessments.num AS num, id, created_at, updated_at, lang, profile, "
    "version_sets.versions AS versions, data, finished, status FROM assessments "
    "LEFT JOIN version_sets ON version_sets.code = assessments.version_set"
)
"""Every column a `StoredAssessment` is made of (then ``WHERE``, ``ORDER BY`` on
``assessments``' own columns)."""
NUM = "SELECT num FROM assessments WHERE id=?"
PACKED = "SELECT packed FROM answers WHERE num=?"
PACKED_OF = "SELECT num, packed FROM answers WHERE num IN ({marks})"
SET_PACKED = (
    "INSERT INTO answers (num, packed) VALUES (?, ?) "
    "ON CONFLICT (num) DO UPDATE SET packed=excluded.packed"
)
INSERT_PACKED = "INSERT INTO answers (num, packed) VALUES (?, ?)"
DELETE_PACKED = "DELETE FROM answers WHERE num=?"
INSERT_WORD = "INSERT INTO search_words (num, word) VALUES (?, ?) ON CONFLICT DO NOTHING"
DELETE_WORDS = "DELETE FROM search_words WHERE num=?"
INSERT_MISSING = "INSERT INTO missing (num, item) VALUES (?, ?) ON CONFLICT DO NOTHING"
DELETE_MISSING = "DELETE FROM missing WHERE num=?"
ITEM_CODES = "SELECT code, id FROM items"
ADD_ITEM = "INSERT INTO items (id) VALUES (?) ON CONFLICT (id) DO NOTHING"
ITEM_CODE = "SELECT code FROM items WHERE id=?"
VERSION_CODE = "SELECT code FROM version_sets WHERE digest=?"
ADD_VERSIONS = (
    "INSERT INTO version_sets (digest, versions) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING"
)
MAX_NUM = "SELECT coalesce(max(num), 0) FROM assessments"
DELETE_ASSESSMENT = "DELETE FROM assessments WHERE id=?"
TOMBSTONE = (
    "INSERT INTO tombstones (id, deleted_at) VALUES (?, ?) "
    "ON CONFLICT (id) DO UPDATE SET deleted_at=excluded.deleted_at"
)
"""What is left of a deleted assessment: its id and the time, so an import or a sync never
brings it back."""
DELETE_SYNC_STATE = "DELETE FROM sync_state WHERE assessment_id=?"
TOUCH = "UPDATE assessments SET updated_at=? WHERE id=?"
TOUCH_IF = "UPDATE assessments SET updated_at=? WHERE id=? AND updated_at=?"
"""`TOUCH` only where nobody changed the row since it was read (``updated_at`` as then)."""
SET_SUMMARY = f"UPDATE assessments SET {'=?, '.join(SUMMARY_COLUMNS)}=? WHERE id=?"
GET_SUMMARY = f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM assessments WHERE id=?"
FINISH = "UPDATE assessments SET finished=1 WHERE id=?"
RESOLVE = "SELECT id FROM assessments WHERE id = ? OR substr(id, 1, ?) = ? LIMIT 3"


def column(name: str, table: str = "assessments") -> str:
    """``SELECT name FROM table WHERE id=?`` (``name`` is one of the store's own columns)."""
    return f"SELECT {name} FROM {table} WHERE id=?"


def set_column(name: str) -> str:
    """``UPDATE assessments SET name=? WHERE id=?``."""
    return f"UPDATE assessments SET {name}=? WHERE id=?"
