"""`Sheet` tables as an Excel workbook (``.xlsx``), with openpyxl (the optional ``xlsx`` extra,
imported only here and only when a workbook is written).

Each sheet: a bold header row in both languages (the run's first, one line each), frozen, with an
autofilter over the table; column widths from the `Column`; times as real date-time cells in the
local zone, shares as percent cells, counts as numbers. A text cell is always text: one that
starts with ``=`` stays text, never a formula, and characters a workbook cannot hold (control
characters) are dropped. Written in openpyxl's streaming mode, so a large export never holds
all its rows in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

from pmi_ready.core import N_, PmiReadyError

if TYPE_CHECKING:
    from pmi_ready.core import Lang, Text
    from pmi_ready.records.sheets import Column, Sheet

FORMATS = {"datetime": "yyyy-mm-dd hh:mm", "percent": "0.0%", "int": "#,##0"}
_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def load_openpyxl() -> Any:
    """The openpyxl module, or an error saying how to install it."""
    try:
        import openpyxl
    except ImportError:
        from pmi_ready.core import Msg, install_hint

        raise PmiReadyError(
            N_("writing an Excel workbook needs the openpyxl library, which is not installed"),
            hint=Msg(N_("{install}; or use --format csv."), install=install_hint("xlsx")),
        ) from None
    return openpyxl


def header_text(header: Text, lang: Lang) -> str:
    """Both languages, ``lang`` first, one per line; once when they are the same."""
    first, second = header.get(lang), header.get("en" if lang == "id" else "id")
    return first if first == second else f"{first}\n{second}"


def sheet_title(title: str, taken: Iterable[str] = ()) -> str:
    """A name a workbook accepts: at most 31 characters, none of ``[]:*?/\\``, unique."""
    base = _TITLE_BAD.sub(" ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    used = {t.lower() for t in taken}
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def header_lines(col: Column, lang: Lang) -> int:
    """How many lines the header takes when it wraps in its column (about one character of
    the width per letter of a bold header)."""
    fits = max(1, int(col.width) - 1)
    return sum(-(-max(1, len(line)) // fits) for line in header_text(col.header, lang).split("\n"))


def clean(text: str) -> str:
    """Text a cell keeps exactly: no control characters, and a line ends in ``\n`` (XML reads a
    carriage return back as a line feed)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def write_xlsx(out: IO[bytes], sheets: Iterable[Sheet], lang: Lang) -> None:
    """Write the workbook to ``out``: one worksheet per `Sheet`, in order."""
    openpyxl = load_openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook(write_only=True)
    bold, wrap = Font(name="Calibri", bold=True), Alignment(wrap_text=True, vertical="top")
    titles: list[str] = []
    for sheet in sheets:
        titles.append(sheet_title(sheet.title, titles))
        ws = wb.create_sheet(titles[-1])
        cols = list(sheet.columns)
        for i, col in enumerate(cols, 1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A2"
        # a spreadsheet does not grow a row to its wrapped text when it opens the file
        ws.row_dimensions[1].height = 15 * max((header_lines(c, lang) for c in cols), default=1)
        header = []
        for col in cols:
            c = WriteOnlyCell(ws, value=clean(header_text(col.header, lang)))
            c.font, c.alignment = bold, wrap
            header.append(c)
        ws.append(header)
        n = 1
        for row in sheet.rows:
            ws.append([_cell(ws, WriteOnlyCell, v, col) for v, col in zip(row, cols, strict=True)])
            n += 1
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{n}"
    if not titles:
        wb.create_sheet("Sheet")
    wb.save(out)


def _cell(ws: Any, cell_type: Any, value: object, col: Column) -> object:
    if isinstance(value, str):
        text = clean(value) if "\r" in value or _CONTROL.search(value) else value
        if not text.startswith("="):
            return text
        c = cell_type(ws, value=text)
        c.data_type = "s"  # "=…" typed by someone stays text, never a formula
        return c
    fmt = FORMATS.get(col.kind)
    if fmt is None or value is None:
        return value
    c = cell_type(ws, value=value)
    c.number_format = fmt
    return c
