"""`pmi-ready records export | import | stats`: files for supervisors, merging laptops, and the
most common gaps. Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, load, print_json
from pmi_ready.cli.options import (
    ChecklistDirs,
    DbOption,
    DestinationOption,
    LangOption,
    OfficerOption,
    SinceOption,
    StatusOption,
    UnfinishedOption,
)
from pmi_ready.cli.records_common import make_filters, open_store, since_time, translator_for

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Stats

MAX_PROBLEMS_SHOWN = 20


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


class GroupBy(StrEnum):
    DESTINATION = "destination"
    JOB = "job"
    OFFICER = "officer"
    MONTH = "month"


def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write ('-': standard output). An existing file is kept unless "
            "--force.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="csv: one row per assessment, for spreadsheets; jsonl: complete records, for "
            "'records import' on another computer. Default: from the file name, else csv.",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    status: StatusOption = None,
    unfinished: UnfinishedOption = False,
    officer: OfficerOption = None,
    destination: DestinationOption = None,
    include_names: Annotated[
        bool,
        typer.Option("--include-names", help="Include applicants' names (left out unless asked)."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Write the assessments to a CSV file for a supervisor, or a JSONL file for another laptop."""
    import sys

    from pmi_ready.core import display_path
    from pmi_ready.records import private_output, shared_fields, write_csv, write_jsonl

    tr = translator_for(lang)
    _ = tr._
    fmt = format or (
        ExportFormat.JSONL if output.suffix.lower() in (".jsonl", ".json") else ExportFormat.CSV
    )
    filters = make_filters(status, unfinished, since, officer, destination)
    keep = None if include_names else shared_fields(load(checklists).profile)
    with open_store(db) as store:
        if str(output) == "-":
            if fmt is ExportFormat.CSV:
                n = write_csv(store, sys.stdout, filters, include_names=include_names)
            else:
                n = write_jsonl(store, sys.stdout, filters, keep=keep)
            where = _("standard output")
        else:
            with private_output(output, force=force, bom=fmt is ExportFormat.CSV) as f:
                if fmt is ExportFormat.CSV:
                    n = write_csv(store, f, filters, include_names=include_names)
                else:
                    n = write_jsonl(store, f, filters, keep=keep)
            where = display_path(output)
    err = err_console()
    done = tr.n_("Wrote {n} assessment to {file}.", "Wrote {n} assessments to {file}.", n)
    err.print(escape(done.format(n=tr.number(n), file=where)), soft_wrap=True)
    reminder = _(
        "This file holds personal data: keep it safe, share it only with those who need it, "
        "and delete it when it is no longer needed."
    )
    err.print(f"[yellow]{escape(reminder)}[/]", soft_wrap=True)


def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="JSONL files from 'records export --format jsonl', or submissions downloaded "
            "from KoboToolbox (CSV, XLSX, JSON) or ODK Central (CSV, zip, OData JSON).",
        ),
    ],
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Merge JSONL exports from other laptops (the newer version of each assessment wins), or
    bring in the submissions of a class collected with KoboToolbox or ODK Collect."""
    from pmi_ready.assessment import evaluate
    from pmi_ready.core import NotFoundError, Problem, ProblemsError, display_path
    from pmi_ready.records import (
        Columns,
        ImportResult,
        columns_for,
        iter_records,
        looks_like_submissions,
        merge,
        read_jsonl,
        read_submissions,
    )

    tr = translator_for(lang)
    _ = tr._
    for path in files:
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not found"
            raise NotFoundError(f"{display_path(path)}: {what}; give a JSONL or submissions file")
    catalog = load(checklists)
    result = ImportResult()
    notices: list[Problem] = []
    refused = 0
    cols: Columns | None = None
    with open_store(db) as store:
        for path in files:
            if not looks_like_submissions(path):
                merge(
                    store,
                    read_jsonl(path),
                    lambda r: evaluate(catalog, r.profile, r.answers, r.data).readiness,
                    result,
                )
                continue
            cols = cols or columns_for(catalog)
            try:
                converted = read_submissions(path, catalog, tr.lang, cols)
            except ProblemsError as e:
                result.problems.extend(e.problems)
                continue
            result.problems.extend(converted.problems)
            notices += converted.notices + converted.refused
            refused += len(converted.refused)
            merge(
                store,
                iter_records(converted),
                lambda r: evaluate(catalog, r.profile, r.answers, r.data).readiness,
                result,
            )
    err = err_console()
    for p in notices[:MAX_PROBLEMS_SHOWN]:
        err.print(escape(str(p)), soft_wrap=True, highlight=False)
    for p in result.problems[:MAX_PROBLEMS_SHOWN]:
        err.print(escape(str(p)), soft_wrap=True, highlight=False)
    hidden = len(result.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        err.print(escape(_("… and {n} more bad lines.").format(n=hidden)))
    line = _("{added} added, {updated} updated, {unchanged} unchanged.").format(
        added=tr.number(result.added),
        updated=tr.number(result.updated),
        unchanged=tr.number(result.unchanged),
    )
    console().print(escape(line))
    if refused:
        text = tr.n_(
            "{n} submission without the applicant's consent was not stored.",
            "{n} submissions without the applicant's consent were not stored.",
            refused,
        )
        console().print(escape(text.format(n=tr.number(refused))))
    if result.problems:
        n_bad = len({(p.path, p.line) for p in result.problems})
        bad = tr.n_(
            "{n} line could not be read and was skipped.",
            "{n} lines could not be read and were skipped.",
            n_bad,
        )
        w_error = _("Error:")
        err.print(f"[bold red]{escape(w_error)}[/] {escape(bad.format(n=n_bad))}")
        raise typer.Exit(1)


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
    json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of tables.")] = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Counts per readiness status, red flags, and the most often missing critical items."""
    from pmi_ready.records import stats as compute

    tr = translator_for(lang)
    catalog = load(checklists)
    with open_store(db) as store:
        st = compute(store, by=None if by is None else by.value, since=since_time(since), top=top)
    if json:
        print_json(stats_json(st, catalog, tr))
    elif csv:
        _print_csv(st, catalog, tr)
    else:
        _print_tables(st, catalog, tr)


def group_label(st: Stats, key: str | None, catalog: Catalog, tr: Translator) -> str:
    import datetime as dt

    if key is None:
        return tr._("(not given)")
    if st.by == "month":
        y, m = key.split("-")
        return tr.month(dt.date(int(y), int(m), 1))
    f = catalog.profile.field(st.by) if st.by else None
    return f.label_of(key, tr.lang) if f else key


def item_text(item_id: str, catalog: Catalog, tr: Translator) -> str:
    it = catalog.item(item_id)
    return it.ask.get(tr.lang) if it else tr._("(not in the current checklists)")


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


def _print_csv(st: Stats, catalog: Catalog, tr: Translator) -> None:
    import csv
    import sys

    from pmi_ready.records import safe_cell

    w = csv.writer(sys.stdout, dialect=csv.excel, lineterminator="\n")
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
