"""`pmi-ready records …`: find, show and delete stored assessments; export, import, stats, report
and sync each have their own module (`records_export.py` …), what they share is in
`records_common.py`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, load, new_app, print_json
from pmi_ready.cli.options import (
    ChecklistDirs,
    DbOption,
    DestinationOption,
    JsonOption,
    LangOption,
    NamesOption,
    OfficerOption,
    SinceOption,
    StatusOption,
    UnfinishedOption,
    YesOption,
)
from pmi_ready.cli.records_common import (
    at_most,
    local_time,
    make_filters,
    open_store,
    status_word,
    translator_for,
)
from pmi_ready.cli.records_export import export
from pmi_ready.cli.records_import import import_
from pmi_ready.cli.records_report import report
from pmi_ready.cli.records_stats import stats
from pmi_ready.cli.records_sync import sync

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Row
    from pmi_ready.store import StoredAssessment

app = new_app(
    help="Stored assessments: list, show, export, import, sync, statistics, delete, purge."
)


def row_json(r: Row, *, include_names: bool) -> dict[str, object]:
    d: dict[str, object] = {
        "id": r.id,
        "created_at": r.created_at.isoformat(),
        "updated_at": r.updated_at.isoformat(),
        "finished": r.finished,
        "status": r.status,
        "officer": r.officer,
        "destination": r.destination,
        "job": r.job,
        "route": r.route,
        "applicable": r.applicable,
        "ready": r.ready,
        "critical_missing": r.critical_missing,
        "important_missing": r.important_missing,
        "advice_missing": r.advice_missing,
        "red_flags": r.red_flags,
        "missing_critical": list(r.missing_critical),
    }
    if include_names:
        d["name"] = r.name
    return d


@app.command("list")
def list_(
    status: StatusOption = None,
    unfinished: UnfinishedOption = False,
    since: SinceOption = None,
    officer: OfficerOption = None,
    destination: DestinationOption = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="TEXT",
            help="Find names and officers with a word that begins with each word of TEXT "
            "('sit rah' finds Siti Rahayu), or the start of an id.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=0, help="Show at most this many (0: all).")
    ] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    include_names: NamesOption = False,
    json: JsonOption = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """List stored assessments, newest first."""
    from pmi_ready.records import count, rows

    tr = translator_for(lang)
    _ = tr._
    filters = make_filters(status, unfinished, since, officer, destination, search)
    with open_store(db) as store:
        total = count(store, filters)
        found = list(
            rows(
                store,
                filters,
                limit=at_most(limit, "--limit") or None,
                offset=at_most(offset, "--offset"),
            )
        )
    if json:
        print_json([row_json(r, include_names=include_names) for r in found])
    else:
        _print_table(found, tr, load(checklists), include_names=include_names)
    shown = len(found)
    if shown < total and not json:
        msg = _("Showing {first}–{last} of {total}, newest first.").format(
            first=tr.number(offset + 1 if shown else 0),
            last=tr.number(offset + shown),
            total=tr.number(total),
        )
        if offset + shown < total:
            more = _("Next page: --offset {offset}; all of them: --limit 0.")
            msg += " " + more.format(offset=offset + shown)
        err_console().print(escape(msg), soft_wrap=True)
    elif total == 0 and not json:
        err_console().print(escape(_("No assessments found.")))
        if search:
            hint = _(
                "--search finds the words of names and officers by their beginning: "
                "'iti' does not find Siti."
            )
            err_console().print(escape(hint), soft_wrap=True)


def _print_table(
    found: list[Row], tr: Translator, catalog: Catalog | None, *, include_names: bool
) -> None:
    from rich.table import Table

    _ = tr._
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("ID"), no_wrap=True)
    table.add_column(_("Changed"), no_wrap=True)
    if include_names:
        table.add_column(_("Name"))
    table.add_column(_("Officer"))
    table.add_column(_("Dest."), no_wrap=True)
    table.add_column(_("Job"), overflow="ellipsis", no_wrap=True, max_width=16)
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("Critical missing"), justify="right")
    table.add_column(_("Red flags"), justify="right")
    unfinished = _("Unfinished")
    jobs = catalog.profile.field("job") if catalog else None
    for r in found:
        cells = [r.id[:8], r.updated_at.astimezone().strftime("%Y-%m-%d")]
        if include_names:
            cells.append(escape(r.name or ""))
        cells += [
            escape(r.officer or ""),
            escape(r.destination or ""),
            escape(jobs.label_of(r.job, tr.lang) if jobs and r.job else r.job or ""),
            escape(status_word(r.status, tr) if r.finished else unfinished),
            str(r.critical_missing),
            f"[bold red]{r.red_flags}[/]" if r.red_flags else "0",
        ]
        table.add_row(*cells)
    out = console()
    height = out.size.height
    if sys.stdout.isatty() and len(found) + 3 > height:
        with out.pager(styles=True):
            out.print(table)
    elif found:
        out.print(table)


@app.command()
def show(
    assessment_id: Annotated[
        str, typer.Argument(metavar="ID", help="The id, or its first 6 or more characters.")
    ],
    json: JsonOption = False,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Show one assessment: the profile, every answer by section, notes, and its readiness."""
    from pmi_ready.assessment import catalog_for, checklists_section, evaluate
    from pmi_ready.cli.records_show import render_record, summary_json

    tr = translator_for(lang)
    catalog = load(checklists)
    with open_store(db) as store:
        record = store.get(assessment_id)
    used = catalog_for(record, catalog)  # a folder not given: the copy kept with the record
    readiness = evaluate(used.catalog, record.profile, record.answers, record.data).readiness
    section = checklists_section(used, record, readiness)
    if json:
        summary = summary_json(readiness)
        if section is not None:
            summary["checklists"] = dict(section.data)
        print_json({**record.to_dict(), "summary": summary})
        return
    render_record(record, readiness, used.catalog, tr, section)


def confirm(question: str, tr: Translator) -> bool:
    """Ask yes/no in the chosen language (Indonesian y/ya, t/tidak; English y/yes, n/no)."""
    from pmi_ready.core import one_line

    _ = tr._
    keys = _("[y/N]")
    while True:
        try:
            reply = typer.prompt(
                one_line(f"{question} {keys}"), default="", show_default=False, err=True
            ).strip()
        except typer.Abort:  # the input ended (Ctrl-D, a closed standard input)
            err_console().print()
            return False
        low = reply.casefold()
        if low in ("y", "ya", "yes"):
            return True
        if low in ("", "n", "no", "t", "tidak"):
            return False
        err_console().print(escape(_("Answer y (yes) or n (no).")))


def describe_one(r: StoredAssessment) -> str:
    where = " ".join(x for x in (r.profile.get("destination"), r.profile.get("job")) if x)
    when = local_time(r.updated_at)
    return f"{r.id[:8]} ({where}, {when})" if where else f"{r.id[:8]} ({when})"


@app.command()
def delete(
    assessment_id: Annotated[
        str, typer.Argument(metavar="ID", help="The id, or its first 6 or more characters.")
    ],
    yes: YesOption = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Delete one assessment from this computer, after a confirmation."""
    tr = translator_for(lang)
    _ = tr._
    with open_store(db) as store:
        record = store.get(assessment_id)
        question = _("Delete assessment {which}? This cannot be undone.").format(
            which=describe_one(record)
        )
        if not yes and not confirm(question, tr):
            err_console().print(escape(_("Nothing was deleted.")))
            raise typer.Exit(1)
        store.delete(record.id)
    console().print(
        escape(tr.n_("Deleted {n} assessment.", "Deleted {n} assessments.", 1).format(n=1))
    )


@app.command()
def purge(
    older_than: Annotated[
        int,
        typer.Option(
            "--older-than",
            metavar="DAYS",
            min=0,
            help="Delete every assessment not changed for this many days.",
        ),
    ],
    yes: YesOption = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Delete old assessments: every one not changed for DAYS days, after a confirmation."""
    from pmi_ready.core import N_, PmiReadyError
    from pmi_ready.records import count_before, older_than as cutoff_for, purge as purge_before

    tr = translator_for(lang)
    _ = tr._
    try:
        cutoff = cutoff_for(older_than)
    except OverflowError:
        raise PmiReadyError(
            N_("--older-than {days}: more days than the calendar goes back"),
            hint=N_("Give a number of days such as 365; --older-than 0 deletes every assessment."),
            days=str(older_than),
        ) from None
    with open_store(db) as store:
        n = count_before(store, cutoff)
        if n == 0:
            console().print(
                escape(
                    _("No assessment is older than {days} days; nothing to delete.").format(
                        days=older_than
                    )
                )
            )
            return
        question = tr.n_(
            "Delete {n} assessment last changed before {date}? This cannot be undone.",
            "Delete {n} assessments last changed before {date}? This cannot be undone.",
            n,
        ).format(n=tr.number(n), date=tr.date(cutoff.astimezone()))
        if not yes and not confirm(question, tr):
            err_console().print(escape(_("Nothing was deleted.")))
            raise typer.Exit(1)
        deleted = purge_before(store, cutoff)
    console().print(
        escape(
            tr.n_("Deleted {n} assessment.", "Deleted {n} assessments.", deleted).format(
                n=tr.number(deleted)
            )
        )
    )


app.command()(export)
app.command("import")(import_)
app.command()(stats)
app.command()(report)
app.command()(sync)
