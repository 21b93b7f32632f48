"""`pmi-ready records stats`: counts per readiness status, red flags, and the most often missing
critical items, as tables, JSON or CSV. Registered at the bottom of `cli/records.py`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, escape, load, print_json
from pmi_ready.cli.options import ChecklistDirs, DbOption, LangOption, SinceOption
from pmi_ready.cli.records_common import open_store, since_time, translator_for

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Stats


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
