"""`pmi-ready contacts`: the official contacts, from checklists/contacts.yaml."""

from __future__ import annotations

from pmi_ready.cli.app import console, escape, load, print_json
from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import ChecklistDirs, ContactsOption, JsonOption, LangOption


def contacts(
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
    json: JsonOption = False,
    contacts_file: ContactsOption = None,
) -> None:
    """Show the official contacts for help and complaints, with the date they were verified."""
    from pmi_ready.core import N_, PmiReadyError

    tr = ui_translator(lang)
    _ = tr._
    catalog = load(checklists, contacts_file)
    data = catalog.contacts
    if data is None:
        raise PmiReadyError(N_("no contacts file (kind: contacts) is loaded"))
    if json:
        print_json(
            {
                "file": catalog.origin.contacts_file if catalog.origin is not None else "",
                "verified": data.verified.isoformat()[:7]
                if data.verified_month_only
                else data.verified.isoformat(),
                "reviewed": data.reviewed.isoformat(),
                "sources": [catalog.sources[s].title for s in data.source_ids],
                "contacts": [
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "value": c.value,
                        "label": {"id": c.label.id, "en": c.label.en},
                        "note": {"id": c.note.id, "en": c.note.en} if c.note else None,
                    }
                    for c in data.contacts
                ],
            }
        )
        return
    out = console()
    chosen = catalog.origin.contacts_file if catalog.origin is not None else ""
    if chosen:  # not the built-in, verified file: say so first
        told = _("Contacts: from {file}, not the built-in verified contacts.").format(file=chosen)
        out.print(f"[bold]{escape(told)}[/]")
    heading, w_verified, w_source = (
        _("Official contacts for help and complaints"),
        _("Last verified"),
        _("Source"),
    )
    from rich.table import Table
    from rich.text import Text

    out.print(f"[bold]{escape(heading)}[/]")
    grid = Table.grid(padding=(0, 1))  # wrapped lines stay under their text, not under the bullet
    grid.add_column(no_wrap=True)
    grid.add_column()
    for c in data.contacts:
        body = Text()
        if c.value:
            body.append(c.value, style="bold")
            body.append("  ")
        body.append(c.label.get(tr.lang))
        if c.note:
            body.append("\n" + c.note.get(tr.lang), style="dim")
        grid.add_row("•", body)
    out.print(grid)
    srcs = "; ".join(catalog.sources[s].title for s in data.source_ids)
    out.print(
        f"[dim]{escape(w_verified)}: {tr.verified(data)} · {escape(w_source)}: {escape(srcs)}[/]"
    )
