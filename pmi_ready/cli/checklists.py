"""`pmi-ready checklists …`: list, show and validate the checklist files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, escape, load, new_app, print_json, problem_line
from pmi_ready.cli.export import export as _export
from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import ChecklistDirs, JsonOption, LangOption
from pmi_ready.cli.template import template

if TYPE_CHECKING:
    from pmi_ready.core import Catalog, Checklist, Item

app = new_app(help="Browse, check and print the checklists.")


@app.command("list")
def list_(
    checklists: ChecklistDirs = None, lang: LangOption = None, json: JsonOption = False
) -> None:
    """List the checklists: id, title, number of items, reviewed date."""
    tr = ui_translator(lang)
    catalog = load(checklists)
    if json:
        print_json([_summary(c) for c in catalog.checklists])
        return
    from rich.table import Table

    _ = tr._
    table = Table(title=_("Checklists"), title_justify="left")
    table.add_column(_("ID"), no_wrap=True)
    table.add_column(_("Title"))
    table.add_column(_("Items"), justify="right")
    table.add_column(_("Applies to"))
    table.add_column(_("Reviewed"), no_wrap=True)
    from pmi_ready.core import describe

    for c in catalog.checklists:
        cond = describe(c.when, catalog.profile, tr.lang) if c.when else _("everyone")
        table.add_row(
            escape(c.id),
            escape(c.title.get(tr.lang)),
            str(len(c.items)),
            escape(cond),
            tr.date(c.reviewed),
        )
    console().print(table)


def _summary(c: Checklist) -> dict[str, object]:
    return {
        "id": c.id,
        "title": {"id": c.title.id, "en": c.title.en},
        "version": c.version,
        "reviewed": c.reviewed.isoformat(),
        "items": len(c.items),
        "order": c.order,
        "currency": c.currency,
        "file": c.path,
    }


def _item_json(item: Item, catalog: Catalog) -> dict[str, object]:
    from pmi_ready.core import describe

    def text(t: object) -> object:
        from pmi_ready.core import Text

        return {"id": t.id, "en": t.en} if isinstance(t, Text) else None

    return {
        "id": item.id,
        "level": item.level.value,
        "red_flag": item.red_flag,
        "ready_when": item.ready_when.value,
        "allow_na": item.allow_na,
        "sensitive": item.sensitive,
        "ask": text(item.ask),
        "why": text(item.why),
        "how": text(item.how),
        "office": text(item.office),
        "when": {
            "id": describe(item.when, catalog.profile, "id"),
            "en": describe(item.when, catalog.profile, "en"),
        }
        if item.when
        else None,
        "unless": {
            "id": describe(item.unless, catalog.profile, "id", negate=True),
            "en": describe(item.unless, catalog.profile, "en", negate=True),
        }
        if item.unless
        else None,
        "sources": [
            {"id": s, "title": catalog.sources[s].title, "url": catalog.sources[s].url}
            for s in item.source_ids
        ],
        "line": item.line,
    }


@app.command()
def show(
    checklist_id: Annotated[str, typer.Argument(metavar="ID", help="The checklist id.")],
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Show every item of one checklist with its level, condition and source."""
    from pmi_ready.core import N_, NotFoundError, describe

    tr = ui_translator(lang)
    _ = tr._
    catalog = load(checklists)
    c = catalog.checklist(checklist_id)
    if c is None:
        raise NotFoundError(
            N_("no checklist '{value}'; the checklists are: {known}"),
            value=checklist_id,
            known=", ".join(x.id for x in catalog.checklists),
        )
    if json:
        data = _summary(c)
        data["items"] = [_item_json(it, catalog) for it in c.items]
        print_json(data)
        return
    out = console()
    L = tr.lang
    w_reviewed, w_flag, w_level = _("reviewed"), _("red flag"), _("Level")
    w_ready, w_why, w_how = _("ready when the answer is"), _("Why"), _("What to do")
    w_where, w_source = _("Where"), _("Source")
    out.print(
        f"[bold]{escape(c.title.get(L))}[/]  [dim]({escape(c.id)}, {escape(c.version)}, "
        f"{escape(w_reviewed)} {tr.date(c.reviewed)})[/]"
    )
    if c.when:
        out.print(f"[italic]{escape(describe(c.when, catalog.profile, L))}[/]")
    if c.intro:
        out.print(escape(c.intro.get(L)))
    from rich.padding import Padding
    from rich.table import Table

    for n, it in enumerate(c.items, 1):
        number = f"{n}."

        def detail(markup: str, indent: int = len(number) + 1) -> None:
            """An item's detail line; wrapped lines stay indented under it."""
            out.print(Padding(markup, (0, 0, 0, indent)))

        out.print()
        flag = f" [bold red]⚑ {escape(w_flag)}[/]" if it.red_flag else ""
        head = Table.grid(padding=(0, 1))
        head.add_column(no_wrap=True)
        head.add_column()
        head.add_row(f"[bold]{number}[/]", f"[bold]{escape(it.ask.get(L))}[/]")
        out.print(head)
        detail(
            f"{escape(w_level)}: {escape(_level(it.level.value, tr))}{flag} · "
            f"{escape(w_ready)} {escape(tr.answer(it.ready_when.value))} · "
            f"id: {escape(it.id)}"
        )
        for cond, neg in ((it.when, False), (it.unless, True)):
            if cond:
                detail(f"[italic]{escape(describe(cond, catalog.profile, L, negate=neg))}[/]")
        detail(f"{escape(w_why)}: {escape(it.why.get(L))}")
        detail(f"{escape(w_how)}: {escape(it.how.get(L))}")
        if it.office:
            detail(f"{escape(w_where)}: {escape(it.office.get(L))}")
        srcs = "; ".join(catalog.sources[s].title for s in it.source_ids)
        detail(f"[dim]{escape(w_source)}: {escape(srcs)}[/]")


def _level(level: str, tr: object) -> str:
    from pmi_ready.i18n import Translator

    assert isinstance(tr, Translator)
    _ = tr._
    return {"critical": _("critical"), "important": _("important"), "advice": _("advice")}[level]


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH...",
            help="Files and folders to check (default: the built-in checklists).",
        ),
    ] = None,
    checklists: ChecklistDirs = None,
    no_builtin: Annotated[
        bool,
        typer.Option(
            "--no-builtin",
            help="Check the given files alone, without the built-in profile, sources and "
            "checklists (given files that bring their own profile never use the built-in ones).",
        ),
    ] = False,
) -> None:
    """Check checklist files; print every problem as FILE:LINE: message."""
    from pmi_ready.checklists import builtin_paths, validate as run

    tr = ui_translator()
    _ = tr._
    given = [*(checklists or []), *(paths or [])]
    builtin = [] if no_builtin else builtin_paths()
    catalog, problems = run(given, builtin) if given else run(builtin)
    out = console()
    for p in problems:
        out.print(escape(problem_line(p, _)), soft_wrap=True)
    if problems:
        n = len(problems)
        found = tr.n_("{n} problem found", "{n} problems found", n).format(n=n)
        out.print(f"[red]{escape(found)}[/]")
        raise typer.Exit(1)
    assert catalog is not None
    n_items = sum(len(c.items) for c in catalog.checklists)
    ok = _("OK: {checklists} checklists, {items} items, {sources} sources, no problems").format(
        checklists=len(catalog.checklists), items=n_items, sources=len(catalog.sources)
    )
    out.print(f"[green]{escape(ok)}[/]")


app.command()(template)
app.command("export")(_export)
