"""`pmi-ready records show ID`: one stored assessment on the terminal. Imported lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready.cli.app import console, escape

if TYPE_CHECKING:
    from rich.console import Console

    from pmi_ready.core import Catalog, Readiness
    from pmi_ready.i18n import Translator
    from pmi_ready.render import ExtraSection
    from pmi_ready.store import StoredAssessment


def summary_json(readiness: Readiness) -> dict[str, object]:
    return {
        "status": readiness.status.value,
        "complete": readiness.complete,
        "counts": dict(readiness.counts),
        "red_flags": [f.code for f in readiness.red_flags],
        "missing_critical": list(readiness.missing_critical),
    }


def render_record(
    record: StoredAssessment,
    readiness: Readiness,
    catalog: Catalog,
    tr: Translator,
    checklists: ExtraSection | None = None,
) -> None:
    """One stored assessment on the terminal: when and which checklists, the profile, its
    readiness, the answers by section, and whatever is stored that is not asked now."""
    out = console()
    _header(out, record, tr, checklists)
    _profile(out, record, catalog, tr)
    _readiness(out, readiness, catalog, tr)
    shown = _answers(out, record, readiness, tr)
    _others(out, record, catalog, tr, shown)


def _header(
    out: Console, record: StoredAssessment, tr: Translator, checklists: ExtraSection | None
) -> None:
    from pmi_ready.cli.records_common import local_time

    _ = tr._
    lang = tr.lang
    state = _("finished") if record.finished else _("not finished")
    w_assessment = _("Assessment")
    out.print(f"[bold]{escape(w_assessment)} {record.id}[/]")
    line = _("Started {created}, last changed {updated}, {state}.").format(
        created=local_time(record.created_at), updated=local_time(record.updated_at), state=state
    )
    out.print(escape(line))
    if checklists is not None:  # the set when it is not the built-in one, what is missing
        for head, body in checklists.rows:
            out.print(f"{escape(head.get(lang))}: {escape(body.get(lang))}")
        for w in checklists.warnings:
            out.print(f"[bold red]⚠ {escape(w.get(lang))}[/]")
        for told in checklists.notes:
            out.print(escape(told.get(lang)))
    out.print()


def _profile(out: Console, record: StoredAssessment, catalog: Catalog, tr: Translator) -> None:
    from rich.table import Table

    from pmi_ready.core import FieldType

    lang = tr.lang
    prof = Table(box=None, show_header=False, pad_edge=False)
    prof.add_column(style="dim")
    prof.add_column()
    spec = catalog.profile
    for key, value in record.profile.items():
        f = spec.field(key)
        label = f.ask.get(lang) if f else key
        if f is not None and f.type is FieldType.YES_NO:
            shown = tr.answer(value, empty="—")
        else:
            shown = f.label_of(value, lang) if f else value
        prof.add_row(escape(label), escape(shown))
    w_profile = tr._("Profile")
    out.print(f"[bold]{escape(w_profile)}[/]")
    out.print(prof)
    out.print()


def _readiness(out: Console, readiness: Readiness, catalog: Catalog, tr: Translator) -> None:
    from pmi_ready.cli.records_common import status_word

    _ = tr._
    lang = tr.lang
    status = status_word(readiness.status.value, tr)
    w_readiness = _("Readiness")
    out.print(f"[bold]{escape(w_readiness)}: {escape(status)}[/]")
    c = readiness.counts
    counts = _(
        "{ready} of {applicable} items ready; not ready: {critical} critical, "
        "{important} important, {advice} advice; {answered} answered."
    ).format(
        ready=c.get("ready", 0),
        applicable=c.get("applicable", 0),
        critical=c.get("critical_missing", 0),
        important=c.get("important_missing", 0),
        advice=c.get("advice_missing", 0),
        answered=c.get("answered", 0),
    )
    out.print(escape(counts))
    if readiness.red_flags:
        w_flags = _("Red flags")
        out.print(f"[bold red]{escape(w_flags)}:[/]")
        for flag in readiness.red_flags:
            out.print(f"  [red]![/] {escape(flag.title.get(lang))}")
    if readiness.missing_critical:
        w_missing = _("Critical items not ready")
        out.print(f"{escape(w_missing)}:")
        for item_id in readiness.missing_critical:
            it = catalog.item(item_id)
            out.print(f"  - {escape(it.ask.get(lang) if it else item_id)}")
    out.print()


def _answers(
    out: Console, record: StoredAssessment, readiness: Readiness, tr: Translator
) -> set[str]:
    """The answers by section; the ids of the items shown."""
    from rich.table import Table

    _ = tr._
    lang = tr.lang
    shown_ids: set[str] = set()
    for section in readiness.sections:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column(escape(section.checklist.title.get(lang)), ratio=3)
        table.add_column(_("Answer"), no_wrap=True)
        table.add_column(_("Note"), ratio=1)
        for r in section.results:
            shown_ids.add(r.item.id)
            note = r.note or record.notes.get(r.item.id, "")
            word = tr.answer(None if r.answer is None else r.answer.value, empty="—")
            mark = "[green]✓[/]" if r.ready else ("[red]✗[/]" if r.answer is not None else " ")
            table.add_row(escape(r.item.ask.get(lang)), f"{mark} {escape(word)}", escape(note))
        out.print(table)
        out.print()
    return shown_ids


def _others(
    out: Console, record: StoredAssessment, catalog: Catalog, tr: Translator, shown: set[str]
) -> None:
    """Anything stored that the current checklists do not ask this applicant."""
    from rich.table import Table

    _ = tr._
    others: list[tuple[str, str | None, str]] = [
        (k, a.value.value, a.note) for k, a in record.answers.items() if k not in shown
    ]
    others += [(k, None, n) for k, n in record.notes.items() if k not in shown]
    if not others:
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("Other answers and notes (not asked of this profile now)"))
    table.add_column(_("Answer"), no_wrap=True)
    table.add_column(_("Note"))
    for key, other, note in others:
        it = catalog.item(key)
        table.add_row(
            escape(it.ask.get(tr.lang) if it else key),
            escape(tr.answer(other, empty="—")),
            escape(note),
        )
    out.print(table)
