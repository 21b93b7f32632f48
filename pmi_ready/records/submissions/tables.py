"""Submission files from KoboToolbox and ODK Central, read into rows of ``column -> text``.

The layouts (see docs/trainers.md and the notes on the formats):

- KoboToolbox CSV: ``;``-separated, every cell quoted, a header of XML names or of labels,
  sometimes a second header row of HXL tags; `_uuid`, `_submission_time`, `meta/rootUuid` …
- KoboToolbox XLSX: the same header and cells in the first sheet.
- KoboToolbox data API JSON: ``{"count", "next", "results": [{"group/field": "value", …}]}``.
- ODK Central CSV (alone or in the export's zip): ``,``-separated, ``SubmissionDate``, the fields
  with group paths joined by ``-``, ``KEY``, ``FormVersion`` …
- ODK Central OData JSON: ``{"value": [{"__id", "__system": {…}, "group": {"field": …}}]}``,
  flattened here to ``group/field`` keys.

The kind of file is found from its content, never from its name. Pure: no printing.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from pmi_ready.core import N_, Msg, Problem, ProblemsError, display_path, os_reason

MAX_BYTES = 50 * 1024 * 1024
"""A class's submissions are far below this; a bigger file is refused before it is read."""
MAX_ROWS = 100_000


class Source(StrEnum):
    KOBO_CSV = "KoboToolbox CSV"
    KOBO_XLSX = "KoboToolbox XLSX"
    KOBO_JSON = "KoboToolbox JSON"
    ODK_CSV = "ODK Central CSV"
    ODK_ZIP = "ODK Central zip"
    ODK_ODATA = "ODK Central OData JSON"


@dataclass
class Table:
    """The submissions of one file: each row with its number in the file (a line of a CSV or
    a sheet, or the position of a record in JSON) and its cells by column name."""

    shown: str
    source: Source
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    header_line: int | None = 1
    """The line of the header row (``None`` for JSON, where each record names its fields)."""

    @property
    def is_odk(self) -> bool:
        return self.source in (Source.ODK_CSV, Source.ODK_ZIP, Source.ODK_ODATA)


KOBO_MARKS = frozenset({"_uuid", "_submission_time", "_id", "meta/rootUuid", "__version__"})
ODK_MARKS = frozenset({"SubmissionDate", "KEY", "FormVersion", "meta-instanceID"})


def looks_like_submissions(path: Path, *, data: bytes | None = None) -> bool:
    """Whether the file (or ``data``, its bytes already read) is to be read as submissions
    rather than as a JSONL export of pmi-ready: anything but JSON whose first line is a record
    of pmi-ready (or that names none of the submission fields) is read as submissions, which
    says what is wrong with it."""
    if data is not None:
        head = data[: 64 * 1024]
    else:
        try:
            with path.open("rb") as f:
                head = f.read(64 * 1024)
        except OSError:
            return False
    if head.startswith(b"PK"):
        return True
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff").lstrip()
    if not text.startswith("{"):
        return True
    first_line = text.split("\n", 1)[0]
    if _one_json_per_line(first_line):
        return False
    return any(
        mark in text for mark in ('"results"', '"value"', '"_uuid"', '"meta/instanceID"', '"__id"')
    )


def _one_json_per_line(line: str) -> bool:
    """A JSONL export of pmi-ready: each line a record with an ``id`` and ``answers``."""
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and "answers" in obj and "id" in obj


def read_table(path: Path, *, data: bytes | None = None, shown: str | None = None) -> Table:
    """The submissions of one file (or of ``data``, its bytes already read, shown in problems as
    ``shown``), or `ProblemsError` saying why it cannot be read."""
    shown = shown or display_path(path)
    too_large = Msg(N_("the file is larger than {most} MB"), most=MAX_BYTES // (1024 * 1024))
    if data is None:
        try:
            if path.stat().st_size > MAX_BYTES:
                _fail(shown, too_large)
            data = path.read_bytes()
        except OSError as e:
            _fail(shown, Msg(N_("cannot be read ({reason})"), reason=os_reason(e)))
    assert data is not None
    if len(data) > MAX_BYTES:
        _fail(shown, too_large)
    if data.startswith(b"PK"):
        return _zip(data, shown)
    text = _text(data, shown)
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        return _json(text, shown)
    return _csv(text, shown, None)


def _fail(shown: str, message: str, line: int = 1) -> None:
    raise ProblemsError([Problem(shown, line, message)], what=N_("submission file"))


def _text(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        _fail(shown, N_("not UTF-8 text; export the data again as CSV (UTF-8), XLSX or JSON"), line)
        raise AssertionError from None  # unreachable: _fail raises


# ------------------------------------------------------------------------------------ CSV
def _csv(text: str, shown: str, source: Source | None) -> Table:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            _fail(shown, N_("the file is empty: no header row"))
        assert header is not None
        header = [h.strip() for h in header]
        kind = source or _csv_source(header, delimiter, shown)
        table = Table(shown, kind, columns=header)
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(table.rows) == 0 and _is_tag_row(cells) and not table.is_odk:
                continue  # Kobo's HXL tag row under the header
            if len(cells) != len(header):
                _fail(
                    shown,
                    Msg(
                        N_("{n} cells where the header has {header}"),
                        n=len(cells),
                        header=len(header),
                    ),
                    line,
                )
            if len(table.rows) >= MAX_ROWS:
                _fail(
                    shown, Msg(N_("more than {most} submissions in one file"), most=MAX_ROWS), line
                )
            table.rows.append((line, dict(zip(header, cells, strict=True))))
    except csv.Error as e:
        _fail(
            shown, Msg(N_("not a valid CSV file ({reason})"), reason=str(e)), reader.line_num or 1
        )
    return table


def _csv_source(header: list[str], delimiter: str, shown: str) -> Source:
    names = set(header)
    if names & ODK_MARKS:
        return Source.ODK_CSV
    if names & KOBO_MARKS:
        return Source.KOBO_CSV
    _fail(
        shown,
        N_(
            "not a submissions export: no _uuid or _submission_time (KoboToolbox) and no "
            "KEY or SubmissionDate (ODK Central) column"
        ),
    )
    raise AssertionError  # unreachable


def _is_tag_row(cells: list[str]) -> bool:
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


# ------------------------------------------------------------------------------- zip, XLSX
def _zip(data: bytes, shown: str) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _fail(shown, N_("not a readable zip or XLSX file"))
        raise AssertionError from None
    if "xl/workbook.xml" in names:
        return _xlsx(data, shown)
    csvs = [n for n in names if n.lower().endswith(".csv") and "/" not in n.strip("/")]
    # ODK Central: FORM.csv is the main table; FORM-repeat.csv are repeat groups
    main = sorted(csvs, key=lambda n: (n.count("-"), len(n)))
    if not main:
        _fail(
            shown, N_("the zip holds no CSV file; download the submissions from ODK Central again")
        )
    info = archive.getinfo(main[0])
    if info.file_size > MAX_BYTES:
        _fail(
            shown,
            Msg(
                N_("{name} in the zip is larger than {most} MB"),
                name=main[0],
                most=MAX_BYTES // (1024 * 1024),
            ),
        )
    try:
        raw = archive.read(main[0])
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        _fail(shown, Msg(N_("{name} in the zip cannot be read"), name=main[0]))
        raise AssertionError from None
    inner = f"{shown}/{main[0]}"
    table = _csv(_text(raw, inner), inner, None)
    if table.source is Source.ODK_CSV:
        table.source = Source.ODK_ZIP
    return table


def _xlsx(data: bytes, shown: str) -> Table:
    try:
        from openpyxl import load_workbook
    except ImportError:
        from pmi_ready.core import N_, PmiReadyError, install_hint

        raise PmiReadyError(
            N_("reading an XLSX export needs the openpyxl library, which is not installed"),
            hint=Msg(N_("{install}; or export the data as CSV."), install=install_hint("xlsform")),
        ) from None
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header_cells = next(rows, None)
    except Exception as e:  # openpyxl raises many kinds for a damaged workbook
        _fail(shown, Msg(N_("not a readable XLSX file ({reason})"), reason=type(e).__name__))
        raise AssertionError from None
    if header_cells is None:
        _fail(shown, N_("the first sheet is empty: no header row"))
        raise AssertionError
    header = [_cell(c).strip() for c in header_cells]
    table = Table(shown, _csv_source(header, ";", shown), columns=header)
    table.source = Source.KOBO_XLSX if not table.is_odk else table.source
    for number, cells in enumerate(rows, start=2):
        texts = [_cell(c) for c in cells]
        if not any(t.strip() for t in texts):
            continue
        if len(table.rows) == 0 and _is_tag_row(texts):
            continue
        if len(table.rows) >= MAX_ROWS:
            _fail(shown, Msg(N_("more than {most} submissions in one file"), most=MAX_ROWS), number)
        texts += [""] * (len(header) - len(texts))
        table.rows.append((number, dict(zip(header, texts[: len(header)], strict=True))))
    return table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


# ----------------------------------------------------------------------------------- JSON
def _json(text: str, shown: str) -> Table:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        _fail(
            shown,
            Msg(N_("not valid JSON ({reason}, column {column})"), reason=e.msg, column=e.colno),
            e.lineno,
        )
    except RecursionError:
        _fail(shown, N_("the JSON is nested too deeply"))
    records: object
    if isinstance(doc, dict) and isinstance(doc.get("value"), list):
        source, records = Source.ODK_ODATA, doc["value"]
    elif isinstance(doc, dict) and isinstance(doc.get("results"), list):
        source, records = Source.KOBO_JSON, doc["results"]
    elif isinstance(doc, list):
        records = doc
        odata = any(isinstance(r, dict) and "__id" in r for r in doc)
        source = Source.ODK_ODATA if odata else Source.KOBO_JSON
    elif isinstance(doc, dict) and ("_uuid" in doc or "meta/instanceID" in doc):
        source, records = Source.KOBO_JSON, [doc]
    elif isinstance(doc, dict) and "__id" in doc:
        source, records = Source.ODK_ODATA, [doc]
    else:
        _fail(
            shown,
            N_(
                'not a submissions export: expected KoboToolbox\'s {"results": […]} or '
                'ODK Central\'s {"value": […]}'
            ),
        )
        raise AssertionError
    assert isinstance(records, list)
    if len(records) > MAX_ROWS:
        _fail(shown, Msg(N_("more than {most} submissions in one file"), most=MAX_ROWS))
    table = Table(shown, source, header_line=None)
    seen: dict[str, None] = {}
    for number, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            _fail(shown, Msg(N_("submission {n} is not a JSON object"), n=number), number)
        cells = dict(_flatten(rec))
        seen.update(dict.fromkeys(cells))
        table.rows.append((number, cells))
    table.columns = list(seen)
    return table


def _flatten(obj: Mapping[str, object], prefix: str = "") -> Iterator[tuple[str, str]]:
    """``{"group": {"field": 1}}`` -> ``("group/field", "1")``; lists (repeat groups) are kept
    as their first entry's fields with a ``[n]`` marker left out of the name."""
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, f"{name}/")
        elif isinstance(value, list):
            if value and all(isinstance(v, dict) for v in value):
                yield name, f"[{len(value)} repeats]"
            else:
                yield name, " ".join(str(v) for v in value)
        elif value is None:
            yield name, ""
        elif isinstance(value, bool):
            yield name, "true" if value else "false"
        elif isinstance(value, float) and value.is_integer():
            yield name, str(int(value))
        else:
            yield name, str(value)
