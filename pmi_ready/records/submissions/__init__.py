"""Submissions collected with pmi-ready's XLSForm on KoboToolbox or ODK Central, brought back as
assessments: `read_submissions` reads one export file (CSV, XLSX, zip or JSON, found from its
content) and checks and scores every submission as ``assess --answers`` would; the CLI stores them
through the same merge as a JSONL import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmi_ready.records.submissions.tables import Source, looks_like_submissions

if TYPE_CHECKING:
    from pmi_ready.core import Catalog, Problem
    from pmi_ready.records.submissions.columns import Columns
    from pmi_ready.records.submissions.convert import Converted

__all__ = ["Source", "looks_like_submissions", "read_submissions"]


def read_submissions(
    path: Path,
    catalog: Catalog,
    lang: str,
    cols: Columns | None = None,
    *,
    data: bytes | None = None,
    shown: str | None = None,
) -> Converted:
    """Every submission of one export file (or of ``data``, its bytes already read, shown as
    ``shown``), converted; a file that cannot be read at all raises `ProblemsError`. ``cols``
    (from `columns_for`) can be shared between files."""
    from pmi_ready.core import N_, ProblemsError
    from pmi_ready.records.submissions.columns import columns_for
    from pmi_ready.records.submissions.convert import convert
    from pmi_ready.records.submissions.tables import read_table

    try:
        table = read_table(path, data=data, shown=shown)
    except ProblemsError as e:
        raise ProblemsError([_safe(p) for p in e.problems], what=N_("submission file")) from None
    out = convert(table, catalog, cols or columns_for(catalog), lang)
    out.problems = [_safe(p) for p in out.problems]
    out.notices = [_safe(p) for p in out.notices]
    out.refused = [_safe(p) for p in out.refused]
    return out


def _safe(problem: Problem) -> Problem:
    """A problem fit for a terminal: the control characters of a file's cells and names shown
    as ``\\x1b``, never sent to the screen."""
    import dataclasses

    return dataclasses.replace(
        problem, path=_visible(problem.path), message=_visible(problem.message)
    )


def _visible(text: str) -> str:
    import unicodedata

    return "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else ch for ch in text)
