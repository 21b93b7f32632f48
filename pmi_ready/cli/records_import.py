"""`pmi-ready records import`: JSONL exports from other laptops, or the submissions of a class
collected with KoboToolbox or ODK Collect. Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, load, problem_line
from pmi_ready.cli.options import ChecklistDirs, DbOption, LangOption
from pmi_ready.cli.records_common import open_store, translator_for
from pmi_ready.cli.records_merging import (
    PreferOption,
    parse_prefer,
    report_conflicts,
    report_left_out,
)

MAX_PROBLEMS_SHOWN = 20
STDIN = "-"
STDIN_SHOWN = "<stdin>"
"""How standard input is named in a problem's ``FILE:LINE:`` (as `assess --answers -` does)."""


def _read_stdin() -> bytes:
    """All of standard input, as bytes (an export or a submissions file piped in)."""
    import sys

    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return bytes(buffer.read())
    return sys.stdin.read().encode("utf-8")


def import_(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="JSONL files from 'records export --format jsonl', or submissions downloaded "
            "from KoboToolbox (CSV, XLSX, JSON) or ODK Central (CSV, zip, OData JSON); '-' "
            "reads standard input.",
        ),
    ],
    prefer: PreferOption = None,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Merge JSONL exports from other laptops answer by answer (conflicts are reported), or
    bring in the submissions of a class collected with KoboToolbox or ODK Collect."""
    from pmi_ready.assessment import evaluate
    from pmi_ready.core import N_, NotFoundError, Problem, ProblemsError, UsageError, display_path
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
    if sum(str(path) == STDIN for path in files) > 1:
        raise UsageError(N_("'-' (standard input) can be given only once"))
    piped = _read_stdin() if any(str(path) == STDIN for path in files) else None
    for path in files:
        if str(path) == STDIN:
            continue
        if not path.is_file():
            raise NotFoundError(
                N_("{path}: a folder; give a JSONL or submissions file")
                if path.is_dir()
                else N_("{path}: not found; give a JSONL or submissions file"),
                path=display_path(path),
            )
    catalog = load(checklists)
    result = ImportResult()
    notices: list[Problem] = []
    refused = 0
    cols: Columns | None = None
    with open_store(db) as store:
        preference = parse_prefer(prefer, store)
        for path in files:
            data, shown = (piped, STDIN_SHOWN) if str(path) == STDIN else (None, None)
            if not looks_like_submissions(path, data=data):
                merge(
                    store,
                    read_jsonl(path, data=data, shown=shown),
                    lambda r: evaluate(catalog, r.profile, r.answers, r.data).readiness,
                    result,
                    prefer=preference,
                )
                continue
            cols = cols or columns_for(catalog)
            try:
                converted = read_submissions(path, catalog, tr.lang, cols, data=data, shown=shown)
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
                prefer=preference,
            )
    err = err_console()
    for p in notices[:MAX_PROBLEMS_SHOWN]:
        err.print(escape(problem_line(p, _)), soft_wrap=True, highlight=False)
    for p in result.problems[:MAX_PROBLEMS_SHOWN]:
        err.print(escape(problem_line(p, _)), soft_wrap=True, highlight=False)
    hidden = len(result.problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        err.print(escape(_("… and {n} more bad lines.").format(n=hidden)))
    line = _("{added} added, {updated} updated, {unchanged} unchanged.").format(
        added=tr.number(result.added),
        updated=tr.number(result.updated),
        unchanged=tr.number(result.unchanged),
    )
    console().print(escape(line))
    if result.repaired:
        text = tr.n_(
            "{n} stored summary was wrong and has been computed again from the answers.",
            "{n} stored summaries were wrong and have been computed again from the answers.",
            result.repaired,
        )
        console().print(escape(text.format(n=tr.number(result.repaired))))
    if refused:
        text = tr.n_(
            "{n} submission without the applicant's consent was not stored.",
            "{n} submissions without the applicant's consent were not stored.",
            refused,
        )
        console().print(escape(text.format(n=tr.number(refused))))
    report_left_out(tr, refused=result.refused, deleted=result.deleted, clamped=result.clamped)
    unresolved = report_conflicts(result.conflicts, tr, _("in the file"))
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
    if unresolved:
        raise typer.Exit(1)
