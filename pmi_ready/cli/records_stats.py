"""`pmi-ready records stats`: counts per readiness status, red flags, and the most often missing
critical items, as tables, JSON or CSV, or as a file: a workbook, or bar charts in HTML or PDF.
Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, assert_never

import typer

from pmi_ready.cli.app import console, escape, load, print_json
from pmi_ready.cli.options import ChecklistDirs, DbOption, LangOption, SinceOption
from pmi_ready.cli.records_common import at_most, open_store, since_time, translator_for

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Stats


def group_label(st: Stats, key: str | None, catalog: Catalog, tr: Translator) -> str:
    from pmi_ready.records import group_label as label

    return label(st, key, catalog, tr)


def item_text(item_id: str, catalog: Catalog, tr: Translator) -> str:
    from pmi_ready.records import item_text as text

    return text(item_id, catalog, tr)


class StatsFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"
    HTML = "html"
    PDF = "pdf"


FILE_FORMATS = (StatsFormat.XLSX, StatsFormat.HTML, StatsFormat.PDF)
SUFFIXES = {
    "xlsx": StatsFormat.XLSX,
    "html": StatsFormat.HTML,
    "htm": StatsFormat.HTML,
    "pdf": StatsFormat.PDF,
    "csv": StatsFormat.CSV,
}


class GroupBy(StrEnum):
    DESTINATION = "destination"
    JOB = "job"
    OFFICER = "officer"
    MONTH = "month"


def stats(
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by", help="Counts for each destination, job, officer or month.", show_default=False
        ),
    ] = None,
    since: SinceOption = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="How many of the most often missing items.")
    ] = 10,
    format: Annotated[
        StatsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (the default), json or csv on the screen; or a file: xlsx (a workbook, "
            "one table per sheet), html or pdf (bar charts). Default: from the file name.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (xlsx, html and pdf: default pmi-ready-stats-DATE.EXT here). "
            "An existing file is kept unless --force.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="The same as --format csv.")] = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Counts per readiness status, red flags, and the most often missing critical items."""
    from pmi_ready.records import stats as compute

    tr = translator_for(lang)
    fmt = _choose_format(format, output, json=json, csv=csv)
    catalog = load(checklists)
    if fmt is StatsFormat.XLSX:
        from pmi_ready.records import load_openpyxl

        load_openpyxl()  # a missing extra is said before anything is counted
    start = since_time(since)
    with open_store(db) as store:
        st = compute(
            store, by=None if by is None else by.value, since=start, top=at_most(top, "--top")
        )
    if fmt is StatsFormat.XLSX or fmt is StatsFormat.HTML or fmt is StatsFormat.PDF:
        from pmi_ready.cli.records_stats_file import write_stats_file

        write_stats_file(st, catalog, tr, fmt.value, output, force=force, since=start)
    elif fmt is StatsFormat.CSV and output is not None:
        from pmi_ready.cli.records_stats_file import write_csv_file

        write_csv_file(output, force, lambda f: _print_csv(st, catalog, tr, f), tr)
    elif fmt is StatsFormat.CSV:
        import sys

        from pmi_ready.cli.safe_console import for_stdout

        _print_csv(st, catalog, tr, for_stdout(sys.stdout))
    elif fmt is StatsFormat.JSON:
        print_json(stats_json(st, catalog, tr))
    elif fmt is StatsFormat.TABLE:
        _print_tables(st, catalog, tr)
    else:
        assert_never(fmt)


def _choose_format(
    format: StatsFormat | None, output: Path | None, *, json: bool, csv: bool
) -> StatsFormat:
    """--format, or the old --json / --csv, or the output file's name; tables otherwise."""
    from pmi_ready.core import N_, UsageError

    old = [f for f, on in ((StatsFormat.JSON, json), (StatsFormat.CSV, csv)) if on]
    chosen = {*old, *([format] if format else [])}
    if len(chosen) > 1:
        raise UsageError(N_("choose one of --format, --json and --csv"))
    suffix = output.suffix.lower().lstrip(".") if output else ""
    fmt = chosen.pop() if chosen else SUFFIXES.get(suffix, StatsFormat.TABLE)
    if output is not None and fmt not in (*FILE_FORMATS, StatsFormat.CSV):
        raise UsageError(
            N_("-o is for --format xlsx, html, pdf or csv; for the {format} form leave it out"),
            format=fmt.value,
        )
    return fmt


def stats_json(st: Stats, catalog: Catalog, tr: Translator) -> dict[str, object]:
    def group(g: object) -> dict[str, object]:
        from pmi_ready.records import GroupStats

        assert isinstance(g, GroupStats)
        return {
            "key": g.key,
            "label": group_label(st, g.key, catalog, tr) if st.by else None,
            "total": g.total,
            "status": {**g.by_status, "unscored": g.unscored},
            "unfinished": g.unfinished,
            "with_red_flags": g.with_red_flags,
            "red_flags": g.red_flags,
        }

    return {
        "by": st.by,
        "total": group(st.total),
        "groups": [group(g) for g in st.groups],
        "scored": st.scored,
        "missing_critical": [
            {
                "id": m.item_id,
                "text": item_text(m.item_id, catalog, tr),
                "count": m.count,
                "share": round(m.share, 4),
            }
            for m in st.missing
        ],
    }


def _headers(tr: Translator) -> list[str]:
    _ = tr._
    return [
        _("Assessments"),
        _("Stop"),
        _("Not ready"),
        _("Nearly ready"),
        _("Ready"),
        _("Unfinished"),
        _("With red flags"),
        _("Red flags"),
    ]


def _cells(g: object) -> list[int]:
    from pmi_ready.records import GroupStats

    assert isinstance(g, GroupStats)
    s = g.by_status
    return [
        g.total,
        s["stop"],
        s["not-ready"],
        s["nearly-ready"],
        s["ready"],
        g.unfinished,
        g.with_red_flags,
        g.red_flags,
    ]


def _print_tables(st: Stats, catalog: Catalog, tr: Translator) -> None:
    from rich.table import Table

    _ = tr._
    out = console()
    first = (
        _("All")
        if st.by is None
        else {
            "destination": _("Destination"),
            "job": _("Job"),
            "officer": _("Officer"),
            "month": _("Month"),
        }[st.by]
    )
    table = Table(title=_("Assessments by readiness"), title_justify="left", header_style="bold")
    groups = (*st.groups, st.total) if st.by else (st.total,)
    labels = [_("Total") if g is st.total else group_label(st, g.key, catalog, tr) for g in groups]
    # the group names are what the table is about: the numbers' headers wrap first
    table.add_column(first, min_width=min(24, max(len(x) for x in (first, *labels))))
    for h in _headers(tr):
        table.add_column(h, justify="right")
    for g, label in zip(groups, labels, strict=True):
        table.add_row(
            escape(label),
            *(tr.number(x) for x in _cells(g)),
            end_section=g is st.groups[-1] if st.groups else False,
        )
    out.print(table)
    if not st.missing:
        return
    miss = Table(
        title=_("Most often missing critical items"), title_justify="left", header_style="bold"
    )
    miss.add_column("#", justify="right")
    miss.add_column(_("Item"), no_wrap=True)
    miss.add_column(_("Question"))
    miss.add_column(_("Missing"), justify="right")
    miss.add_column(_("Share"), justify="right")
    for i, m in enumerate(st.missing, 1):
        miss.add_row(
            str(i),
            escape(m.item_id),
            escape(item_text(m.item_id, catalog, tr)),
            tr.number(m.count),
            tr.percent(m.share),
        )
    out.print(miss)


def _print_csv(st: Stats, catalog: Catalog, tr: Translator, out: IO[str]) -> None:
    import csv

    from pmi_ready.records import safe_cell

    w = csv.writer(out, dialect=csv.excel, lineterminator="\n")
    keys = [
        "total",
        "stop",
        "not_ready",
        "nearly_ready",
        "ready",
        "unfinished",
        "with_red_flags",
        "red_flags",
    ]
    w.writerow([st.by or "all", "label", *keys])
    for g in (*st.groups, st.total) if st.by else (st.total,):
        key = "total" if g is st.total else (g.key or "")
        label = tr._("Total") if g is st.total else group_label(st, g.key, catalog, tr)
        w.writerow([safe_cell(key), safe_cell(label), *_cells(g)])
    w.writerow([])
    w.writerow(["missing_item", "text", "count", "share"])
    for m in st.missing:
        w.writerow(
            [m.item_id, safe_cell(item_text(m.item_id, catalog, tr)), m.count, f"{m.share:.4f}"]
        )
