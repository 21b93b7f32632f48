"""Reading assessments back, on either back end: a full id from a prefix, one record, many, the
newest first. The `Store` (`pmi_ready.store.base`) is these reads and its writes."""

from __future__ import annotations

import builtins
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from pmi_ready.core import N_, Answer, NotFoundError, StorageError
from pmi_ready.store import packed, sql
from pmi_ready.store.record import StoredAssessment

if TYPE_CHECKING:
    from pmi_ready.store.sql import Cursor, Db

MIN_PREFIX = 6
_PREFIX_RE = re.compile(r"^[0-9a-fA-F-]+$")
_CHUNK = 500
"""Ids per ``IN (…)`` when answers are read for many records."""
_OLD_SELECT = "SELECT * FROM assessments"
_new = object.__new__


class Reads(ABC):
    """The reading half of `Store`."""

    errors: ClassVar[tuple[type[Exception], ...]] = ()
    """The driver's exceptions, which `_error` turns into a `StorageError`."""
    db: Db
    _seen: dict[str, str]
    _codes: dict[str, int]
    """Item id -> its code in table ``items`` (set by `_forget_codes`, filled as read)."""
    _ids: dict[int, str]
    _version_codes: dict[str, int]
    """A set of checklist versions' digest -> its code in ``version_sets``."""

    def _forget_codes(self) -> None:
        self._codes, self._ids, self._version_codes = {}, {}, {}

    def _read_items(self, db: Db) -> None:
        rows = db.execute(sql.ITEM_CODES).fetchall()
        self._codes = {str(i): int(c) for c, i in rows}
        self._ids = {c: i for i, c in self._codes.items()}

    @property
    @abstractmethod
    def shown(self) -> str:
        """How messages name the database (a path, or a URL with its password masked)."""

    @abstractmethod
    def _error(self, e: Exception) -> StorageError:
        """What the driver's error ``e`` means for the user."""

    def _read(self, text: str, params: tuple[object, ...] = ()) -> list[Any]:
        try:
            return self.db.execute(text, params).fetchall()
        except self.errors as e:
            raise self._error(e) from None

    def stream(self, text: str, params: tuple[object, ...] = (), size: int = 1000) -> Iterator[Any]:
        """The rows of a query, fetched ``size`` at a time."""
        try:
            cur: Cursor = self.db.execute(text, params)
            while batch := cur.fetchmany(size):
                yield from batch
        except self.errors as e:
            raise self._error(e) from None

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
        ids = sorted({r[0] for r in self._read(sql.RESOLVE, (text, len(text), text))})
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
        return self._load(f"{sql.RECORDS} WHERE id=?", (aid,), remember=True)[0]

    def many(self, ids: Sequence[str]) -> builtins.list[StoredAssessment]:
        """The records ``ids`` name that exist, in that order."""
        found: dict[str, StoredAssessment] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            text = f"{sql.RECORDS} WHERE id IN ({marks})"
            found.update((r.id, r) for r in self._load(text, tuple(chunk)))
        return [found[i] for i in ids if i in found]

    def list(
        self, *, unfinished: bool | None = None, limit: int | None = None
    ) -> builtins.list[StoredAssessment]:
        """Newest first (by the last change). ``unfinished=True``/``False`` filters."""
        text = sql.RECORDS
        params: builtins.list[object] = []
        if unfinished is not None:
            text += " WHERE finished = ?"
            params.append(0 if unfinished else 1)
        text += " ORDER BY updated_at DESC, id"
        if limit is not None:
            text += " LIMIT ?"
            params.append(limit)
        return self._load(text, tuple(params))

    def _load(
        self, text: str, params: tuple[object, ...], *, remember: bool = False
    ) -> builtins.list[StoredAssessment]:
        """The records a query names (`sql.RECORDS` then its ``WHERE``; an older caller's
        ``SELECT * FROM assessments`` is read as that); ``remember``: as the ones this store now
        works on."""
        if text.startswith(_OLD_SELECT):
            text = sql.RECORDS + text[len(_OLD_SELECT) :]
        try:
            cur = self.db.execute(text, params)
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
            if remember:
                self._seen.update((r["id"], r["updated_at"]) for r in rows)
            blobs: dict[int, Any] = {}
            nums = [r["num"] for r in rows]
            for start in range(0, len(nums), _CHUNK):
                chunk = nums[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                blobs.update(self.db.execute(sql.PACKED_OF.format(marks=marks), chunk).fetchall())
            out = []
            for r in rows:
                answers: dict[str, Answer] = {}
                notes: dict[str, str] = {}
                for code, value, note, at in packed.unpack(blobs.get(r["num"])):
                    item_id = self._ids.get(code)
                    if item_id is None:
                        self._read_items(self.db)
                        item_id = self._ids[code]
                    if value is None:
                        notes[item_id] = note
                    else:  # Answer(item_id, value, note, at) without its checks: a third
                        a = _new(Answer)
                        a.__dict__.update(item_id=item_id, value=value, note=note, answered_at=at)
                        answers[item_id] = a
                out.append(StoredAssessment.from_row(r, answers, notes))
        except self.errors as e:
            raise self._error(e) from None
        return out
