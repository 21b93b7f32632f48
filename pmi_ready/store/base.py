"""The store, whichever database keeps it: every read and write of assessments, in the SQL both
back ends share (`pmi_ready.store.sql`). Never prints, never prompts.

One transaction per write: an answer that `save_answer` returned for is committed, even if the
process is killed next. Keys are UUIDs and ``updated_at`` is ISO 8601 UTC, so records from several
laptops merge without clashes. A back end (`pmi_ready.store.sqlite_store`, and the PostgreSQL
one) says how it connects, which driver errors it raises and what they mean (`_error`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, Literal

from pmi_ready.core import N_, AnswerValue, NotFoundError, StorageError
from pmi_ready.store import packed, sql
from pmi_ready.store.bulk import Layout, Rows, packed_answers, record_row
from pmi_ready.store.reads import Reads
from pmi_ready.store.record import (
    SUMMARY_FIELDS,
    StoredAssessment,
    dumps,
    loads,
    now_iso,
    opt,
    parse_time,
    search_words,
    summary_values,
    version_digest,
)
from pmi_ready.store.sql import Db, Dialect

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

    from pmi_ready.core import Readiness


class ConflictError(StorageError):
    """Another desk changed the assessment since this store read it; nothing was written."""


class Store(Reads):
    """Assessments in one database. Open with `Store.open(target)`; use as a context manager."""

    def __init__(self, conn: Any, dialect: Dialect, *, read_only: bool = False) -> None:
        self.conn = conn
        """The driver's open connection."""
        self.db = Db(conn, dialect)
        """The connection with its dialect: read-only SQL over the summary columns (records)."""
        self.dialect = dialect
        self.read_only = read_only
        self._seen: dict[str, str] = {}
        """The ``updated_at`` of each assessment as this store last read or wrote it: a write
        finding another one there was made by another desk meanwhile (`ConflictError`)."""
        self._pending: dict[str, str] = {}
        self._forget_codes()

    # -------------------------------------------------------------------- opening and closing
    @classmethod
    def open(cls, target: str | Path | None = None, *, timeout: float = 5.0) -> Store:
        """The store ``target`` names: an SQLite file, or a ``postgresql://`` URL (see
        `pmi_ready.store.target.open_store`)."""
        from pmi_ready.store.target import open_store

        return open_store(target, timeout=timeout)

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
        """False for a `MemoryStore`: nothing is kept."""
        return True

    # ------------------------------------------------------------- what a back end says
    def _read_only_error(self) -> StorageError:
        return StorageError(
            N_("the database {shown} is read-only; nothing can be saved"),
            hint=N_("Make the file writable, choose another with --db PATH, or use --no-save."),
            shown=self.shown,
        )

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many writes that may be repeated after a crash (an import): the back end may trade
        the durability of the last few commits for speed meanwhile."""
        yield

    # -------------------------------------------------------------------------- transactions
    @contextmanager
    def _write(self) -> Iterator[Db]:
        """One write transaction; a driver error rolls it back and becomes a `StorageError`."""
        if self.read_only:
            raise self._read_only_error()
        db = self.db
        self._pending = {}
        try:
            db.execute(self.dialect.begin)
        except self.errors as e:
            raise self._error(e) from None
        try:
            yield db
            db.execute("COMMIT")
            self._seen.update(self._pending)
        except self.errors as e:
            self._rollback()
            raise self._error(e) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        self._forget_codes()  # a code read in the rolled-back transaction may be gone
        with suppress(*self.errors):
            self.db.execute("ROLLBACK")

    def _row(self, db: Db, name: str, aid: str) -> Any:
        """Column ``name`` of assessment ``aid``, locked until the commit."""
        row = db.execute(sql.column(name) + self.dialect.for_update, (aid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
        return row[0]

    def _touch(self, db: Db, aid: str, when: str) -> None:
        """Mark the assessment changed at ``when``. When this store has read it, only if nobody
        else changed it since: two desks on one assessment never overwrite each other
        silently."""
        expected = self._seen.get(aid)
        if expected is None:
            if db.execute(sql.TOUCH, (when, aid)).rowcount == 0:
                raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
        elif db.execute(sql.TOUCH_IF, (when, aid, expected)).rowcount == 0:
            row = db.execute(sql.column("updated_at"), (aid,)).fetchone()
            if row is None:
                raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
            raise ConflictError(
                N_(
                    "assessment {aid} was changed elsewhere (another desk or window, at {when} "
                    "UTC) since it was opened here; this change was not saved, so neither "
                    "overwrites the other"
                ),
                hint=N_(
                    "Close this one and continue with 'pmi-ready resume {aid}': it shows what "
                    "both saved."
                ),
                aid=aid[:8],
                when=str(row[0])[:19].replace("T", " "),
            )
        self._pending[aid] = when

    # ---------------------------------------------------------------------- codes and rows
    def _item_codes(self, db: Db, ids: Iterable[str]) -> dict[str, int]:
        """The code of each item id (table ``items``), adding those not there yet."""
        want = set(ids)
        if not want <= self._codes.keys():
            self._read_items(db)
            missing = sorted(want - self._codes.keys())
            if missing:
                db.executemany(sql.ADD_ITEM, [(i,) for i in missing])
                self._read_items(db)
        return self._codes

    def _version_set(self, db: Db, versions: Mapping[str, Mapping[str, str]]) -> int:
        """The code of a set of checklist versions (table ``version_sets``), added if new."""
        plain = {k: dict(v) for k, v in versions.items()}
        digest = version_digest(plain)
        code = self._version_codes.get(digest)
        if code is None:
            row = db.execute(sql.VERSION_CODE, (digest,)).fetchone()
            if row is None:
                db.execute(sql.ADD_VERSIONS, (digest, dumps(plain)))
                row = db.execute(sql.VERSION_CODE, (digest,)).fetchone()
            code = self._version_codes[digest] = int(row[0])
        return code

    def _num(self, db: Db, aid: str) -> int:
        row = db.execute(sql.NUM, (aid,)).fetchone()
        if row is None:
            raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
        return int(row[0])

    def _set_words(self, db: Db, num: int, profile: Mapping[str, object]) -> None:
        """The assessment's `search_words` (its name's and officer's)."""
        db.execute(sql.DELETE_WORDS, (num,))
        words = search_words(profile.get("name"), profile.get("officer"))
        db.executemany(sql.INSERT_WORD, [(num, w) for w in sorted(words)])

    def _delete_rows(self, db: Db, aid: str) -> int | None:
        """Delete the assessment's rows (its answers, search words, the assessment) inside the
        open transaction ``db``; no tombstone. Returns its ``num`` (None: it was not here)."""
        row = db.execute(sql.NUM, (aid,)).fetchone()
        if row is None:
            return None
        num = int(row[0])
        db.execute(sql.DELETE_PACKED, (num,))
        db.execute(sql.DELETE_WORDS, (num,))
        db.execute(sql.DELETE_MISSING, (num,))
        db.execute(sql.DELETE_ASSESSMENT, (aid,))
        return num

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
        with self._write() as db:
            db.execute(
                sql.INSERT_NEW_ASSESSMENT,
                (
                    aid,
                    when,
                    when,
                    lang,
                    dumps(prof),
                    self._version_set(db, versions),
                    "{}",
                    0,
                    *(opt(prof.get(f)) for f in SUMMARY_FIELDS),
                ),
            )
            self._set_words(db, self._num(db, aid), prof)
        self._seen[aid] = when
        return aid

    def set_profile(
        self, aid: str, field: str, value: str | None, *, summary: Readiness | None = None
    ) -> None:
        """Set (``None``: remove) one profile field; with ``summary``, update the summary columns
        in the same transaction."""
        with self._write() as db:
            profile = self._set_key(db, "profile", aid, field, value)
            if field in SUMMARY_FIELDS:
                db.execute(sql.set_column(field), (opt(value), aid))
            if field in ("name", "officer"):
                self._set_words(db, self._num(db, aid), profile)
            if summary is not None:
                self._summary(db, aid, summary)
            self._touch(db, aid, now_iso())

    def set_versions(self, aid: str, versions: Mapping[str, Mapping[str, str]]) -> None:
        """Record the checklist versions now in use (after a resume with changed files)."""
        with self._write() as db:
            db.execute(sql.set_column("version_set"), (self._version_set(db, versions), aid))
            self._touch(db, aid, now_iso())

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
        with self._write() as db:
            self._touch(db, aid, when)  # locks the row: the packed answers are read and written
            if summary is not None:
                self._summary(db, aid, summary)
            num = self._num(db, aid)
            code = self._item_codes(db, (item_id,))[item_id]
            row = db.execute(sql.PACKED, (num,)).fetchone()
            entries = [e for e in packed.unpack(row[0] if row else None) if e[0] != code]
            if value is not None or note:
                v = None if value is None else AnswerValue(value).value
                entries.append((code, v, note, when))
            if entries:
                db.execute(sql.SET_PACKED, (num, packed.pack(entries)))
            else:
                db.execute(sql.DELETE_PACKED, (num,))

    def set_data(
        self, aid: str, key: str, value: object, *, summary: Readiness | None = None
    ) -> None:
        """Set one key of the assessment's ``data``; ``None`` removes the key. With ``summary``
        (the funds answers change it), the summary columns are updated in the same transaction."""
        with self._write() as db:
            self._set_key(db, "data", aid, key, value)
            if summary is not None:
                self._summary(db, aid, summary)
            self._touch(db, aid, now_iso())

    def _set_key(self, db: Db, column: str, aid: str, key: str, value: object) -> dict[str, object]:
        """Set (``None``: remove) ``key`` of the JSON object in ``column``; returns the object."""
        obj: dict[str, object] = loads(self._row(db, column, aid), {})
        if value is None:
            obj.pop(key, None)
        else:
            obj[key] = value
        db.execute(sql.set_column(column), (dumps(obj), aid))
        return obj

    def update_summary(self, aid: str, readiness: Readiness) -> None:
        """Copy the scored status and counts into the summary columns (keeps updated_at)."""
        with self._write() as db:
            self._summary(db, aid, readiness)

    def _summary(self, db: Db, aid: str, readiness: Readiness) -> None:
        if db.execute(sql.SET_SUMMARY, (*summary_values(readiness), aid)).rowcount == 0:
            raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
        self._set_missing(db, self._num(db, aid), readiness.missing_critical)

    def _set_missing(self, db: Db, num: int, item_ids: Iterable[str]) -> None:
        """Table ``missing``: the codes of the missing critical items (what statistics count;
        an index of the ``missing_critical`` column)."""
        ids = sorted(set(item_ids))
        codes = self._item_codes(db, ids)
        db.execute(sql.DELETE_MISSING, (num,))
        db.executemany(sql.INSERT_MISSING, [(num, codes[i]) for i in ids])

    def finish(self, aid: str) -> None:
        with self._write() as db:
            db.execute(sql.FINISH, (aid,))
            self._touch(db, aid, now_iso())

    def delete(self, aid: str) -> None:
        """Delete the assessment; a tombstone (its id and the time, nothing else) keeps an
        import or a sync from bringing it back."""
        with self._write() as db:
            if self._delete_rows(db, aid) is None:
                raise NotFoundError(N_("no assessment {aid} in {shown}"), aid=aid, shown=self.shown)
            db.execute(sql.TOMBSTONE, (aid, now_iso()))
            db.execute(sql.DELETE_SYNC_STATE, (aid,))
        self._seen.pop(aid, None)
        self.erase_traces()

    def erase_traces(self) -> None:
        """After a deletion: nothing of what was deleted stays readable in the back end's own
        files (SQLite: its write-ahead log). Nothing to do by default."""

    def put(
        self, record: StoredAssessment, summary: Readiness | None = None
    ) -> Literal["added", "updated", "unchanged", "repaired"]:
        """Merge a complete record (from another laptop): added if new, replaced if the incoming
        one is newer (``updated_at``), else unchanged. With ``summary`` (its fresh evaluation,
        never the record's own ``status``) the summary columns are written in the same
        transaction, and an unchanged record whose stored summary differs is repaired."""
        with self._write() as db:
            row = db.execute(
                sql.column("updated_at") + self.dialect.for_update, (record.id,)
            ).fetchone()
            incoming = record.updated_at.astimezone(dt.UTC)
            if row is not None and parse_time(row[0]) >= incoming:
                if summary is None or self._summary_matches(db, record.id, summary):
                    return "unchanged"
                self._summary(db, record.id, summary)
                return "repaired"
            self._replace(db, record, incoming)
            self._pending[record.id] = incoming.isoformat(timespec="microseconds")
            if summary is not None:
                self._summary(db, record.id, summary)
            return "updated" if row is not None else "added"

    def bulk_layout(
        self,
        item_ids: Iterable[str] = (),
        versions: Iterable[Mapping[str, Mapping[str, str]]] = (),
    ) -> Layout:
        """How new records become this database's rows (see `pmi_ready.store.bulk`): the codes
        of ``item_ids`` and of each set of ``versions`` (added now, in a transaction of their
        own), and the next free ``num``. Records with other items or versions need a layout of
        their own."""
        with self._write() as db:
            codes = dict(self._item_codes(db, item_ids))
            sets = {version_digest(v): self._version_set(db, v) for v in versions}
            first = int(db.execute(sql.MAX_NUM).fetchone()[0]) + 1
        return Layout(first, codes, sets)

    def add_rows(self, rows: Rows) -> int:
        """New records' rows (from `bulk_layout`) in one transaction, one ``executemany`` per
        table: a bulk build, while nobody else adds records. The ids and ``num`` must not be
        stored yet (a driver error otherwise, and nothing is written). Returns how many records
        were added."""
        if not rows:
            return 0
        with self._write() as db:
            db.executemany(sql.INSERT_FULL_ASSESSMENT, rows.assessments)
            db.executemany(sql.INSERT_PACKED, rows.answers)
            db.executemany(sql.INSERT_WORD, rows.words)
            db.executemany(sql.INSERT_MISSING, rows.missing)
            self._after_explicit_nums(db)
        return len(rows)

    def _replace_many(
        self,
        db: Db,
        pairs: Sequence[tuple[StoredAssessment, Sequence[object]]],
        new: Set[str] = frozenset(),
    ) -> None:
        """Inside the open transaction ``db``: each record in place of the stored one (if any),
        with its summary values, as `_replace` + `_summary` do, in a few statements for the
        whole batch (``COPY`` on PostgreSQL). ``new``: ids known not to be stored. A record
        keeps its ``num``; a new one takes the next (PostgreSQL: from its sequence)."""
        if not pairs:
            return
        ids = [r.id for r, _ in pairs if r.id not in new]
        old: dict[str, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            old.update(
                (str(i), int(n))
                for i, n in db.execute(
                    f"SELECT id, num FROM assessments WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        gone = list(old.values())
        for start in range(0, len(gone), 500):
            nums_here = gone[start : start + 500]
            marks = ",".join("?" * len(nums_here))
            for table in ("answers", "search_words", "missing", "assessments"):
                db.execute(f"DELETE FROM {table} WHERE num IN ({marks})", nums_here)
        items = {i for r, _ in pairs for i in (*r.answers, *r.notes)}
        items |= {i for _, summary in pairs for i in loads(str(summary[-1] or "[]"), [])}
        codes = dict(self._item_codes(db, items))
        sets = {version_digest(r.versions): self._version_set(db, r.versions) for r, _ in pairs}
        layout = Layout(0, codes, sets)
        kept = [(r, v) for r, v in pairs if r.id in old]
        rows = layout.rows(kept, [old[r.id] for r, _ in kept])
        db.insert_rows("assessments", sql.FULL_COLUMNS, rows.assessments)
        # then the new ones take the next num (on PostgreSQL from the identity: no grant needed)
        fresh = [(r, v) for r, v in pairs if r.id not in old]
        firsts = layout.rows(fresh, [0] * len(fresh)).assessments
        db.insert_rows("assessments", sql.FULL_COLUMNS[1:], [row[1:] for row in firsts])
        new_ids = [r.id for r, _ in fresh]
        for start in range(0, len(new_ids), 500):
            chunk = new_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            old.update(
                (str(i), int(n))
                for i, n in db.execute(
                    f"SELECT id, num FROM assessments WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        rows = layout.rows(pairs, [old[r.id] for r, _ in pairs])
        db.insert_rows("answers", ("num", "packed"), rows.answers)
        db.insert_rows("search_words", ("num", "word"), rows.words)
        db.insert_rows("missing", ("num", "item"), rows.missing)

    def _after_explicit_nums(self, db: Db) -> None:
        """PostgreSQL: the next ``num`` after those written explicitly."""
        if self.dialect.name == "postgresql":
            db.execute(
                "SELECT setval(pg_get_serial_sequence('assessments', 'num'), "
                "(SELECT coalesce(max(num), 1) FROM assessments))"
            )

    def add_many(self, given: Iterable[tuple[StoredAssessment, Sequence[object]]]) -> int:
        """New records, each with its summary values (`summary_values` of its fresh
        evaluation), in one transaction (`add_rows`)."""
        pairs = [*given]
        items = {i for r, _ in pairs for i in (*r.answers, *r.notes)}
        items |= {i for _, summary in pairs for i in loads(str(summary[-1]), [])}
        layout = self.bulk_layout(items, [r.versions for r, _ in pairs])
        return self.add_rows(layout.rows(pairs))

    def _summary_matches(self, db: Db, aid: str, summary: Readiness) -> bool:
        got = db.execute(sql.GET_SUMMARY, (aid,)).fetchone()
        return got is not None and tuple(got) == summary_values(summary)

    def _replace(self, db: Db, record: StoredAssessment, updated: dt.datetime) -> None:
        """The record's rows in place of the stored ones (with the same ``num``); its summary
        columns are empty until `_summary` (a file's ``status`` is never trusted)."""
        num = self._delete_rows(db, record.id)
        codes = self._item_codes(db, (*record.answers, *record.notes))
        row = record_row(record, updated, self._version_set(db, record.versions))
        if num is None:
            db.execute(sql.INSERT_NEW_ASSESSMENT, row[1:])
            num = self._num(db, record.id)
        else:
            db.execute(sql.INSERT_ASSESSMENT, (num, *row[1:]))
        self._set_words(db, num, record.profile)
        blob = packed_answers(record, codes)
        if blob:
            db.execute(sql.INSERT_PACKED, (num, blob))
