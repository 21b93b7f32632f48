"""Field officers' records: filtered lists, statistics and purging, as SQL over the store.

Pure: no printing, no prompting. Every query runs on the summary columns the store keeps
(``status``, ``destination``, ``officer``, ``red_flags``, ``missing_critical`` …), so lists and
statistics cost one pass of SQL, never a Python loop over every record. Exports and imports are in
`pmi_ready.records.interchange`.

Dates: ``created_at`` / ``updated_at`` are stored as ISO 8601 UTC strings. A ``since`` date is the
start of that day in local time; "month" is the local month of the last change.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Literal

from pmi_ready.core import FieldType, ProfileSpec, frozen, normalize_name
from pmi_ready.store import STATS_INDEX, Store, now_iso

if TYPE_CHECKING:
    from pmi_ready.store.sql import Dialect

STATUSES = ("stop", "not-ready", "nearly-ready", "ready")
GROUPS = ("destination", "job", "officer", "month")
Group = Literal["destination", "job", "officer", "month"]
OFFICER = "officer"
NAME = "name"


def iso(t: dt.datetime) -> str:
    """The stored form of a time: ISO 8601 in UTC with microseconds (compares as a string)."""
    return t.astimezone(dt.UTC).isoformat(timespec="microseconds")


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in local time, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min).astimezone()


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` (also ``YYYY-M-D``); ValueError otherwise."""
    parts = text.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(text)
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))


# ------------------------------------------------------------------------------------ filters
@frozen
class Filters:
    """Which records: every field left ``None`` matches everything."""

    status: str | None = None
    unfinished: bool = False
    since: dt.datetime | None = None
    officer: str | None = None
    destination: str | None = None
    search: str | None = None

    def where(self, dialect: Dialect) -> tuple[str, list[object]]:
        """An SQL condition on table ``assessments`` (alias-free) and its parameters."""
        terms: list[str] = []
        params: list[object] = []
        if self.status is not None:
            terms.append("status = ?")
            params.append(self.status)
        if self.unfinished:
            terms.append("finished = 0")
        if self.since is not None:
            terms.append("updated_at >= ?")
            params.append(iso(self.since))
        if self.officer:
            terms.append(dialect.nocase_eq("officer"))
            params.append(normalize_name(self.officer))  # as names are stored
        if self.destination:
            terms.append(dialect.nocase_eq("destination"))
            params.append(self.destination.strip())
        if self.search:
            term, values = search_condition(self.search)
            terms.append(term)
            params += values
        return (" AND ".join(terms) or "1=1"), params


WORD_END = "\U0010ffff"
"""Above every character: ``word >= 'sit' AND word < 'sit' + WORD_END`` is "starts with sit"."""


def search_condition(text: str) -> tuple[str, list[object]]:
    """``--search TEXT``: the assessments where every word of TEXT (normalised, in lower case)
    begins a word of the name or of the officer (``siti`` finds "Siti Rahayu", ``rah`` finds
    her too, ``iti`` does not), and those whose id begins with TEXT. Both through an index:
    ``search_words`` and the id's."""
    words = sorted(set(normalize_name(text).lower().split()))
    found = " INTERSECT ".join(
        "SELECT num FROM search_words WHERE word >= ? AND word < ?" for _ in words
    )
    params: list[object] = [x for w in words for x in (w, w + WORD_END)]
    prefix = text.strip().lower()
    if found:
        found = f"SELECT num FROM ({found}) AS w UNION "
    found += "SELECT num FROM assessments WHERE id >= ? AND id < ?"
    params += [prefix, prefix + WORD_END]
    return f"num IN ({found})", params


# ------------------------------------------------------------------------------------ listing
@frozen
class Row:
    """One assessment's summary, as lists, CSV and statistics see it."""

    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    finished: bool
    status: str | None
    officer: str | None
    destination: str | None
    job: str | None
    route: str | None
    applicable: int
    ready: int
    critical_missing: int
    important_missing: int
    advice_missing: int
    red_flags: int
    missing_critical: tuple[str, ...]
    name: str | None
    sex: str | None = None
    age: int | None = None
    """Whole years, as the profile keeps them (``None``: not given or not a number)."""

    @property
    def counts(self) -> tuple[int, int, int, int, int, int]:
        """Items that apply, ready, critical / important / advice missing, red flags."""
        return (
            self.applicable,
            self.ready,
            self.critical_missing,
            self.important_missing,
            self.advice_missing,
            self.red_flags,
        )


def _row_sql(dialect: Dialect) -> str:
    fields = ", ".join(dialect.json_field("profile", k) for k in (NAME, "sex", "age"))
    return (
        "SELECT id, created_at, updated_at, finished, status, officer, destination, job, route, "
        "coalesce(n_applicable, 0), coalesce(n_ready, 0), coalesce(critical_missing, 0), "
        "coalesce(important_missing, 0), coalesce(advice_missing, 0), coalesce(red_flags, 0), "
        f"coalesce(missing_critical, '[]'), {fields} FROM assessments"
    )


def _row(r: Sequence[object]) -> Row:
    missing = json.loads(str(r[15])) if r[15] else []
    name = r[16]
    return Row(
        id=str(r[0]),
        created_at=_time(r[1]),
        updated_at=_time(r[2]),
        finished=bool(r[3]),
        status=None if r[4] is None else str(r[4]),
        officer=None if r[5] is None else str(r[5]),
        destination=None if r[6] is None else str(r[6]),
        job=None if r[7] is None else str(r[7]),
        route=None if r[8] is None else str(r[8]),
        applicable=int(str(r[9])),
        ready=int(str(r[10])),
        critical_missing=int(str(r[11])),
        important_missing=int(str(r[12])),
        advice_missing=int(str(r[13])),
        red_flags=int(str(r[14])),
        missing_critical=tuple(str(x) for x in missing) if isinstance(missing, list) else (),
        name=None if name in (None, "") else str(name),
        sex=None if r[17] in (None, "") else str(r[17]),
        age=_years(r[18]),
    )


def _years(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _time(value: object) -> dt.datetime:
    t = dt.datetime.fromisoformat(str(value))
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def count(store: Store, filters: Filters = Filters()) -> int:
    where, params = filters.where(store.dialect)
    return int(store._read(f"SELECT count(*) FROM assessments WHERE {where}", tuple(params))[0][0])


def rows(
    store: Store, filters: Filters = Filters(), *, limit: int | None = None, offset: int = 0
) -> Iterator[Row]:
    """Summaries, newest first (by the last change), streamed from one query."""
    where, params = filters.where(store.dialect)
    sql = f"{_row_sql(store.dialect)} WHERE {where} ORDER BY updated_at DESC, id"
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [store.dialect.no_limit if limit is None else limit, offset]
    yield from (_row(r) for r in store.stream(sql, tuple(params)))


# ------------------------------------------------------------------------------------ privacy
def shared_fields(spec: ProfileSpec) -> tuple[str, ...]:
    """Profile fields an export keeps without ``--include-names``: the officer and the fields
    with fixed choices, numbers or yes/no. Left out: the name, every other free-text field (an
    identity number in your own checklists, say) and fields the catalog does not know."""
    return tuple(
        f.id
        for f in spec.fields
        if f.id == OFFICER or (f.id != NAME and f.type is not FieldType.TEXT)
    )


# ------------------------------------------------------------------------------------ stats
@frozen
class GroupStats:
    key: str | None
    total: int
    by_status: dict[str, int]
    unscored: int
    unfinished: int
    with_red_flags: int
    red_flags: int


@frozen
class Missing:
    item_id: str
    count: int
    share: float


@frozen
class Stats:
    by: Group | None
    total: GroupStats
    groups: tuple[GroupStats, ...]
    missing: tuple[Missing, ...]
    scored: int
    """Assessments with a summary: the denominator of each missing item's share."""


def has_stats_index(store: Store) -> bool:
    """Whether the file has the covering index for statistics. Every writable file has it (schema
    version 3); a read-only file of version 2 is read without it."""
    return bool(store._read(store.dialect.index_exists, (STATS_INDEX,)))


def _group_expr(by: Group | None, dialect: Dialect) -> str:
    if by is None:
        return "NULL"
    if by == "month":
        return dialect.local_month("updated_at")
    return {"destination": "destination", "job": "job", "officer": "officer"}[by]


def stats(
    store: Store, *, by: Group | None = None, since: dt.datetime | None = None, top: int = 10
) -> Stats:
    """Counts per status and red flags (per group: the largest first, months in calendar order),
    and the most often missing critical items.

    Two aggregate queries: the counts over the covering index `STATS_INDEX`, the missing items
    over table ``missing`` (schema 6: one row per assessment and missing critical item, by item
    code; with ``since``, read from the assessments changed since). It replaced ``json_each``
    over the JSON list of every assessment, which took about 3 s at a million."""
    d = store.dialect
    where, params = Filters(since=since).where(d)
    table = "assessments"
    if d.name == "sqlite" and has_stats_index(store):
        table = f"assessments INDEXED BY {STATS_INDEX}"
    status_sums = ", ".join(d.count_if(f"status = '{s}'") for s in STATUSES)
    order = "g" if by == "month" else "count(*) DESC, g"  # months in the calendar's order
    sql = (
        f"SELECT {_group_expr(by, d)} AS g, count(*), {status_sums}, "
        f"{d.count_if('status IS NULL')}, {d.count_if('finished = 0')}, "
        f"{d.count_if('red_flags > 0')}, coalesce(sum(red_flags), 0) "
        f"FROM {table} WHERE {where} GROUP BY g ORDER BY {order}"
    )
    groups = tuple(_group(r) for r in store._read(sql, tuple(params)))
    total = _sum_groups(groups)
    scored = total.total - total.unscored
    if since is None:  # the index of table missing, by item
        missing_sql = (
            "SELECT items.id, n FROM (SELECT item, count(*) AS n FROM missing GROUP BY item) "
            "AS m JOIN items ON items.code = m.item ORDER BY n DESC, items.id LIMIT ?"
        )
    else:  # the assessments changed since, then their missing items (SQLite: in that order)
        missing_sql = (
            "SELECT items.id, n FROM (SELECT missing.item, count(*) AS n FROM assessments "
            "CROSS JOIN missing WHERE missing.num = assessments.num AND "
            f"{where} GROUP BY missing.item) AS m JOIN items ON items.code = m.item "
            "ORDER BY n DESC, items.id LIMIT ?"
        )
    missing = tuple(
        Missing(str(item), int(n), int(n) / scored if scored else 0.0)
        for item, n in store._read(missing_sql, (*params, top))
    )
    return Stats(by, total, groups if by else (), missing, scored)


def _group(r: Sequence[object]) -> GroupStats:
    n = len(STATUSES)
    ints = [int(float(str(x or 0))) for x in r[1:]]
    return GroupStats(
        key=None if r[0] is None else str(r[0]),
        total=ints[0],
        by_status=dict(zip(STATUSES, ints[1 : 1 + n], strict=True)),
        unscored=ints[1 + n],
        unfinished=ints[2 + n],
        with_red_flags=ints[3 + n],
        red_flags=int(float(str(r[-1] or 0))),
    )


def _sum_groups(groups: Sequence[GroupStats]) -> GroupStats:
    return GroupStats(
        key=None,
        total=sum(g.total for g in groups),
        by_status={s: sum(g.by_status[s] for g in groups) for s in STATUSES},
        unscored=sum(g.unscored for g in groups),
        unfinished=sum(g.unfinished for g in groups),
        with_red_flags=sum(g.with_red_flags for g in groups),
        red_flags=sum(g.red_flags for g in groups),
    )


# ------------------------------------------------------------------------------------ purging
def older_than(days: int, now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)


def count_before(store: Store, cutoff: dt.datetime) -> int:
    return int(
        store._read("SELECT count(*) FROM assessments WHERE updated_at < ?", (iso(cutoff),))[0][0]
    )


def purge(store: Store, cutoff: dt.datetime) -> int:
    """Delete every assessment last changed before ``cutoff``, in one transaction, leaving a
    tombstone of each (see `Store.delete`)."""
    with store._write() as db:
        old = "(SELECT id FROM assessments WHERE updated_at < ?)"
        db.execute(
            "INSERT INTO tombstones (id, deleted_at) SELECT id, ? FROM assessments "
            "WHERE updated_at < ? ON CONFLICT (id) DO UPDATE SET deleted_at=excluded.deleted_at",
            (now_iso(), iso(cutoff)),
        )
        db.execute(f"DELETE FROM sync_state WHERE assessment_id IN {old}", (iso(cutoff),))
        nums = "(SELECT num FROM assessments WHERE updated_at < ?)"
        db.execute(f"DELETE FROM answers WHERE num IN {nums}", (iso(cutoff),))
        db.execute(f"DELETE FROM search_words WHERE num IN {nums}", (iso(cutoff),))
        db.execute(f"DELETE FROM missing WHERE num IN {nums}", (iso(cutoff),))
        cur = db.execute("DELETE FROM assessments WHERE updated_at < ?", (iso(cutoff),))
        n = int(cur.rowcount)
    store.erase_traces()
    return n
