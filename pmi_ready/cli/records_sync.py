"""`pmi-ready records sync --to TARGET`: this database (``--db``, a laptop's) and the office's
(a PostgreSQL server, or another SQLite file) merged directly, answer by answer
(`pmi_ready.records.syncing`). Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, load
from pmi_ready.cli.options import ChecklistDirs, DbOption, LangOption
from pmi_ready.cli.records_common import open_store, translator_for
from pmi_ready.cli.records_merging import MAX_SHOWN, PreferOption, parse_prefer, report_conflicts

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmi_ready.i18n import Translator
    from pmi_ready.records.syncing import Deletion, SyncResult


class DirectionChoice(StrEnum):
    BOTH = "both"
    UP = "up"
    DOWN = "down"


ToOption = Annotated[
    str,
    typer.Option(
        "--to",
        metavar="URL|PATH",
        help="The office's database: postgresql://USER@HOST/DATABASE, or another pmi-ready file.",
        show_default=False,
    ),
]
DirectionOption = Annotated[
    DirectionChoice,
    typer.Option(
        "--direction",
        help="both (the default): send this database's changes and bring the office's back; up: "
        "only send; down: only bring back.",
        case_sensitive=False,
    ),
]


def sync(
    to: ToOption,
    direction: DirectionOption = DirectionChoice.BOTH,
    prefer: PreferOption = None,
    db: DbOption = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Send this database's new and changed assessments to the office's database and bring
    the office's back, answer by answer (conflicts are reported; running it again changes
    nothing)."""
    from pmi_ready.assessment import evaluate
    from pmi_ready.core import localize
    from pmi_ready.records import sync as run_sync
    from pmi_ready.store import open_store as open_target

    tr = translator_for(lang)
    _ = tr._
    catalog = load(checklists)
    with open_store(db) as here, open_target(to, where="--to") as there:
        preference = parse_prefer(prefer, here, there)
        result = run_sync(
            here,
            there,
            lambda r: evaluate(catalog, r.profile, r.answers, r.data).readiness,
            direction=direction.value,
            prefer=preference,
        )
        shown = there.shown
    err = err_console()
    for m in result.problems[:MAX_SHOWN]:
        err.print(escape(localize(m, _, tr.lang)), soft_wrap=True, highlight=False)
    _print_counts(result, tr, shown)
    _print_left_out(result, tr)
    _print_deletions(result.deletions, tr, shown)
    unresolved = report_conflicts(result.conflicts, tr, shown)
    if result.still_open:
        text = tr.n_(
            "{n} conflict found by an earlier sync is still not decided (each side keeps its "
            "own); --prefer mine or --prefer theirs decides it.",
            "{n} conflicts found by an earlier sync are still not decided (each side keeps "
            "its own); --prefer mine or --prefer theirs decides them.",
            result.still_open,
        )
        err.print(f"[yellow]{escape(text.format(n=tr.number(result.still_open)))}[/]")
    if result.problems or unresolved or result.open:
        raise typer.Exit(1)


def _print_counts(res: SyncResult, tr: Translator, shown: str) -> None:
    _ = tr._
    out = console()
    out.print(escape(_("Synchronised with {there}.").format(there=shown)), soft_wrap=True)
    line = _("Sent: {new} new, {changed} changed, {deleted} deleted there.").format(
        new=tr.number(res.sent_new),
        changed=tr.number(res.sent_changed),
        deleted=tr.number(res.deleted_there),
    )
    out.print(escape(line))
    line = _("Brought back: {new} new, {changed} changed, {deleted} deleted here.").format(
        new=tr.number(res.received_new),
        changed=tr.number(res.received_changed),
        deleted=tr.number(res.deleted_here),
    )
    out.print(escape(line))
    out.print(escape(_("{n} unchanged.").format(n=tr.number(res.unchanged))))


def _print_left_out(res: SyncResult, tr: Translator) -> None:
    out = console()
    if res.refused:
        text = tr.n_(
            "{n} assessment without the applicant's consent was left out.",
            "{n} assessments without the applicant's consent were left out.",
            len(res.refused),
        )
        out.print(escape(text.format(n=tr.number(len(res.refused)))))
    if res.clamped:
        text = tr.n_(
            "{n} assessment had times in the future (a computer with a wrong clock?); they "
            "were set to now.",
            "{n} assessments had times in the future (a computer with a wrong clock?); they "
            "were set to now.",
            len(res.clamped),
        )
        out.print(escape(text.format(n=tr.number(len(res.clamped)))))


def _print_deletions(deletions: Sequence[Deletion], tr: Translator, shown: str) -> None:
    _ = tr._
    err = err_console()
    for d in deletions[:MAX_SHOWN]:
        short = d.record_id[:8]
        if d.kept is None and d.deleted_where == "here":
            text = _(
                "Assessment {id} was deleted here but changed on {there} since the last sync: "
                "it is kept there. --prefer mine={id} deletes it there too, --prefer "
                "theirs={id} brings it back here."
            )
        elif d.kept is None:
            text = _(
                "Assessment {id} was deleted on {there} but changed here since the last sync: "
                "it is kept here. --prefer theirs={id} deletes it here too, --prefer mine={id} "
                "sends it back there."
            )
        elif (d.kept == "mine") == (d.deleted_where == "here"):
            text = _("Assessment {id}: deleted on both sides, as --prefer said.")
        else:
            text = _("Assessment {id}: kept on both sides, as --prefer said.")
        err.print(escape(text.format(id=short, there=shown)), soft_wrap=True, highlight=False)
    if len(deletions) > MAX_SHOWN:
        more = _("… and {n} more.").format(n=tr.number(len(deletions) - MAX_SHOWN))
        err.print(escape(more))
