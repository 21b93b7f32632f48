"""Records out and in: CSV for supervisors, JSONL for moving records between laptops.

Pure: no printing. Output files hold personal data, so they are created readable by the owner
only, written to a temporary file beside the target and moved into place when complete (a failed
export never leaves half a file, and never replaces a good one).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from pmi_ready.core import N_, Msg, Problem, StorageError, display_path, json_safe
from pmi_ready.files import publish
from pmi_ready.records.queries import Filters, Row, rows
from pmi_ready.store import Store, StoredAssessment

if TYPE_CHECKING:
    from pmi_ready.records.merging import Conflict

Format = Literal["csv", "jsonl"]
MAX_LINE = 1_000_000
"""Characters of one line of a JSONL import: a record with every answer and long notes is a
few tens of thousands."""
MAX_NOTE = 5_000
"""Characters of one note in an import (a typed note keeps 500)."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = (
    "id",
    "created_local",
    "updated_local",
    "finished",
    "officer",
    "destination",
    "job",
    "route",
    "status",
    "applicable_items",
    "ready_items",
    "critical_missing",
    "important_missing",
    "advice_missing",
    "red_flags",
    "missing_critical_items",
)
NAME_COLUMN = "name"
DELIMITERS = (",", ";", "\t")
"""What ``--delimiter`` may be: a semicolon for a spreadsheet whose locale (Indonesian Excel)
writes decimals with a comma and so reads a comma-separated file as one column."""


# ------------------------------------------------------------------------------ private files
@contextmanager
def private_output(path: Path, *, force: bool, bom: bool = False) -> Iterator[IO[str]]:
    """A new text file readable by its owner only (0o600 on POSIX), moved into place on success.

    Refuses to replace an existing file unless ``force``."""
    with private_binary(path, force=force) as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8-sig" if bom else "utf-8", newline="")
        try:
            yield f
        finally:
            f.flush()
            f.detach()


@contextmanager
def private_binary(path: Path, *, force: bool) -> Iterator[IO[bytes]]:
    """`private_output` for bytes (a workbook, a PDF): `pmi_ready.files.publish`, owner-only."""
    with publish(path, force=force) as f:
        yield f


# ------------------------------------------------------------------------------------ CSV
def safe_cell(value: object) -> object:
    """A text cell a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(row: Row, *, include_names: bool) -> list[object]:
    cells: list[object] = [
        row.id,
        local(row.created_at),
        local(row.updated_at),
        "yes" if row.finished else "no",
        row.officer or "",
        row.destination or "",
        row.job or "",
        row.route or "",
        row.status or "",
        *row.counts,
        " ".join(row.missing_critical),
    ]
    if include_names:
        cells.insert(1, row.name or "")
    return [safe_cell(c) for c in cells]


def local(t: dt.datetime) -> str:
    """``2025-03-01 14:30:00`` in this computer's time zone (the one ``--since`` days are in): a
    form both Excel and LibreOffice read as a date and time."""
    return t.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def csv_header(*, include_names: bool) -> list[str]:
    cols = list(CSV_COLUMNS)
    if include_names:
        cols.insert(1, NAME_COLUMN)
    return cols


def write_csv(
    store: Store, out: IO[str], filters: Filters, *, include_names: bool, delimiter: str = ","
) -> int:
    """One row per assessment from the summary columns, in the Excel dialect (with ``delimiter``,
    one of `DELIMITERS`). Returns the count."""
    if delimiter not in DELIMITERS:
        raise ValueError(delimiter)
    w = csv.writer(out, dialect=csv.excel, delimiter=delimiter)
    w.writerow(csv_header(include_names=include_names))
    n = 0
    for r in rows(store, filters):
        w.writerow(csv_row(r, include_names=include_names))
        n += 1
    return n


# ------------------------------------------------------------------------------------ JSONL
def write_jsonl(store: Store, out: IO[str], filters: Filters, *, keep: Sequence[str] | None) -> int:
    """The complete records (`StoredAssessment.to_dict`), one JSON object per line, newest
    first, with the ``origin`` (this database's id); ``keep``: the profile fields to keep
    (``None``: all of them). Returns the count."""
    where, params = filters.where(store.dialect)
    return _write_jsonl_records(store, out, where, params, keep)


def _write_jsonl_records(
    store: Store, out: IO[str], where: str, params: list[object], keep: Sequence[str] | None
) -> int:
    """`write_jsonl`: the lines built from the records, 500 at a time (the answers are packed,
    so the database cannot build them itself)."""
    text = f"SELECT id FROM assessments WHERE {where} ORDER BY updated_at DESC, id"
    ids = [str(r[0]) for r in store.stream(text, tuple(params))]
    origin = origin_of(store)
    for start in range(0, len(ids), 500):
        for record in store.many(ids[start : start + 500]):
            d = record.to_dict()
            if origin is not None:
                d["origin"] = origin
            if keep is not None:
                d["profile"] = {k: v for k, v in d["profile"].items() if k in keep}
            out.write(json_safe(json.dumps(d, ensure_ascii=False, separators=(",", ":"))) + "\n")
    return len(ids)


def origin_of(store: Store) -> str | None:
    """This database's id, which an export names as its lines' ``origin`` (``None`` for a
    read-only database too old to have one)."""
    try:
        got = store._read("SELECT value FROM meta WHERE key = 'database_id'")
    except StorageError:
        return None
    return str(got[0][0]) if got else None


# ------------------------------------------------------------------------------------ import
@dataclass
class ImportResult:
    """What an import did (`pmi_ready.records.importing.merge`)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: int = 0
    """Unchanged records whose stored summary was wrong and has been computed again."""
    problems: list[Problem] = field(default_factory=list)
    """Lines that could not be read or scored: nothing of them was stored."""
    refused: list[Problem] = field(default_factory=list)
    """Records without the applicant's consent: not stored."""
    deleted: list[Problem] = field(default_factory=list)
    """Records deleted here (a tombstone): not brought back."""
    clamped: list[Problem] = field(default_factory=list)
    """Records whose times were in the future: set to now."""
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class Incoming:
    """A record read from a file, with where it was read (for its problems) and the database
    or form server it came from (``None``: not known)."""

    record: StoredAssessment
    shown: str
    line: int
    origin: str | None = None


def read_jsonl(
    path: Path, *, data: bytes | None = None, shown: str | None = None
) -> Iterator[Incoming | Problem]:
    """Each line of a JSONL export as a record, or as the problem that line has. ``data``: the
    export's bytes already read (standard input), shown in problems as ``shown``."""
    shown = shown or display_path(path)
    opened: IO[bytes] = path.open("rb") if data is None else io.BytesIO(data)
    with io.TextIOWrapper(opened, encoding="utf-8-sig", errors="strict", newline=None) as f:
        lineno = 0
        while True:
            try:
                line = f.readline(MAX_LINE + 1)
            except UnicodeDecodeError:
                yield Problem(shown, lineno + 1, N_("not UTF-8 text; is this a JSONL export?"))
                return
            if not line:
                return
            lineno += 1
            if len(line) > MAX_LINE and not line.endswith("\n"):
                while line and not line.endswith("\n"):  # the rest of it, never held whole
                    line = f.readline(MAX_LINE)
                yield Problem(
                    shown,
                    lineno,
                    Msg(N_("a line longer than {most} characters; skipped"), most=f"{MAX_LINE:,}"),
                )
                continue
            if not line.strip():
                continue
            yield _parse_line(line, shown, lineno)


def _parse_line(line: str, shown: str, lineno: int) -> Incoming | Problem:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        return Problem(
            shown,
            lineno,
            Msg(N_("not valid JSON ({reason}, column {column})"), reason=e.msg, column=e.colno),
            e.colno,
        )
    except ValueError:  # an integer of more than 4,300 digits: Python refuses to convert it
        return Problem(shown, lineno, N_("a number with too many digits; not a pmi-ready export"))
    except RecursionError:
        return Problem(shown, lineno, N_("JSON nested too deeply; not a pmi-ready export"))
    if not isinstance(data, dict):
        return Problem(shown, lineno, N_("not a record: a JSON object {…} was expected"))
    try:
        record = StoredAssessment.from_dict(data)
        for t in (record.created_at, record.updated_at):
            t.astimezone(dt.UTC)  # OverflowError for a time a day before or after the calendar
    except KeyError as e:
        return Problem(shown, lineno, Msg(N_("the record has no '{key}'"), key=e.args[0]))
    except (ValueError, TypeError, AttributeError) as e:
        return Problem(shown, lineno, Msg(N_("a damaged record: {reason}"), reason=str(e)))
    except OverflowError:  # 0001-01-01T00:00:00+05:00 is before the first day in UTC
        return Problem(shown, lineno, N_("a damaged record: a time outside the calendar"))
    except RecursionError:
        return Problem(shown, lineno, N_("JSON nested too deeply; not a pmi-ready export"))
    notes = [*record.notes.values(), *(a.note for a in record.answers.values())]
    longest = max((len(n) for n in notes if isinstance(n, str)), default=0)
    if longest > MAX_NOTE:
        return Problem(
            shown,
            lineno,
            Msg(
                N_("a note of {n} characters, more than {most}; nothing of the record was stored"),
                n=f"{longest:,}",
                most=f"{MAX_NOTE:,}",
            ),
        )
    origin = data.get("origin")
    return Incoming(record, shown, lineno, origin if isinstance(origin, str) and origin else None)
