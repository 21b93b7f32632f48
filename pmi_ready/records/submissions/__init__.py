"""Submissions collected with pmi-ready's XLSForm on KoboToolbox or ODK Central, brought back as
assessments: `read_submissions` reads one export file (CSV, XLSX, zip or JSON, found from its
content) and checks and scores every submission as ``assess --answers`` would; the CLI stores them
through the same merge as a JSONL import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmi_ready.records.submissions.tables import Source, looks_like_submissions

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.records.submissions.columns import Columns
    from pmi_ready.records.submissions.convert import Converted

__all__ = ["Source", "looks_like_submissions", "read_submissions"]


def read_submissions(
    path: Path, catalog: Catalog, lang: str, cols: Columns | None = None
) -> Converted:
    """Every submission of one export file, converted; a file that cannot be read at all raises
    `ProblemsError`. ``cols`` (from `columns_for`) can be shared between files."""
    from pmi_ready.records.submissions.columns import columns_for
    from pmi_ready.records.submissions.convert import convert
    from pmi_ready.records.submissions.tables import read_table

    table = read_table(path)
    return convert(table, catalog, cols or columns_for(catalog), lang)
