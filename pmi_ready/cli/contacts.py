"""`pmi-ready contacts`: the official contacts, from checklists/contacts.yaml."""

from __future__ import annotations

from pmi_ready.cli.app import (
    ChecklistDirs,
    JsonOption,
    LangOption,
    console,
    escape,
    load,
    print_json,
)


def contacts(
    checklists: ChecklistDirs = None, lang: LangOption = None, json: JsonOption = False
) -> None:
    """Show the official contacts for help and complaints, with the date they were verified."""
    from pmi_ready.errors import PmiReadyError
    from pmi_ready.i18n import choose_lang, translator

    tr = translator(choose_lang(lang))
    _ = tr._
    catalog = load(checklists)
    data = catalog.contacts
    if data is None:
        raise PmiReadyError("no contacts file (kind: contacts) is loaded")
    if json:
        print_json(
            {
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
    heading, w_verified, w_source = (
        _("Official contacts for help and complaints"),
        _("Last verified"),
        _("Source"),
    )
    out.print(f"[bold]{escape(heading)}[/]")
    for c in data.contacts:
        value = f"[bold]{escape(c.value)}[/]  " if c.value else ""
        out.print(f"• {value}{escape(c.label.get(tr.lang))}")
        if c.note:
            out.print(f"  [dim]{escape(c.note.get(tr.lang))}[/]")
    srcs = "; ".join(catalog.sources[s].title for s in data.source_ids)
    out.print(
        f"[dim]{escape(w_verified)}: {tr.verified(data)} · {escape(w_source)}: {escape(srcs)}[/]"
    )
