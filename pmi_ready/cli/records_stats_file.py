"""`records stats` into a file: a workbook (one table per sheet), bar charts as an HTML page or a
PDF, or the CSV. Imported only when a file is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pmi_ready.cli.app import err_console, escape

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Stats


def default_name(ext: str, today: dt.date | None = None) -> Path:
    return Path(f"pmi-ready-stats-{(today or dt.date.today()).isoformat()}.{ext}")


def write_stats_file(
    st: Stats,
    catalog: Catalog,
    tr: Translator,
    ext: str,
    output: Path | None,
    *,
    force: bool,
    since: dt.datetime | None,
) -> None:
    """Write ``xlsx``, ``html`` or ``pdf`` to ``output`` (default: `default_name` here)."""
    from pmi_ready.records import private_binary

    path = output or default_name(ext)
    data: bytes | None = None
    if ext != "xlsx":
        from pmi_ready.records import build_view

        made = dt.datetime.now().astimezone()
        view = build_view(st, catalog, tr, since=since.date() if since else None, made=made)
        if ext == "html":
            from pmi_ready.render import render_stats_html

            data = render_stats_html(view, tr.number, tr.percent).encode("utf-8")
        else:
            from pmi_ready.render import render_stats_pdf

            data = render_stats_pdf(view, tr.number, tr.percent)
    with private_binary(path, force=force) as f:
        if data is None:
            from pmi_ready.records import stats_sheets, write_xlsx

            write_xlsx(f, stats_sheets(st, catalog, tr), tr.lang)
        else:
            f.write(data)
    _said(path, tr)


def write_csv_file(
    path: Path, force: bool, write: Callable[[IO[str]], None], tr: Translator
) -> None:
    from pmi_ready.records import private_output

    with private_output(path, force=force, bom=True) as f:
        write(f)
    _said(path, tr)


def _said(path: Path, tr: Translator) -> None:
    from pmi_ready.core import display_path

    done = tr._("Wrote the statistics to {file}.").format(file=display_path(path))
    err_console().print(escape(done), soft_wrap=True)
