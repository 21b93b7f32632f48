"""`records stats` laid out once for every format: the words of each group and item, the bar
charts (status counts, the most often missing critical items, the warning signs, per group) and
the tables of a workbook. Pure: no file format here (`render.stats_html`, `render.stats_pdf`,
`records.xlsx`).

Every text is plain (from records and checklists as they are): each format escapes it for itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pmi_ready.core import N_, Text, frozen
from pmi_ready.i18n import both
from pmi_ready.records.queries import STATUSES
from pmi_ready.records.sheets import zone_label

if TYPE_CHECKING:
    from pmi_ready.core import Catalog
    from pmi_ready.i18n import Translator
    from pmi_ready.records import GroupStats, Sheet, Stats

GROUP_WORDS = {
    "destination": N_("Destination"),
    "job": N_("Job"),
    "officer": N_("Officer"),
    "month": N_("Month"),
}
STATUS_WORDS = {
    "stop": N_("Stop"),
    "not-ready": N_("Not ready"),
    "nearly-ready": N_("Nearly ready"),
    "ready": N_("Ready"),
}


def group_label(st: Stats, key: str | None, catalog: Catalog, tr: Translator) -> str:
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


@frozen
class Bar:
    label: str
    value: int
    of: int
    """What the share written beside the number is of (0: no share)."""
    tone: str
    """``stop``, ``not-ready``, ``nearly-ready``, ``ready``, ``none``, ``missing`` or ``flag``."""

    @property
    def share(self) -> float:
        return self.value / self.of if self.of else 0.0


@frozen
class Chart:
    title: str
    note: str
    bars: tuple[Bar, ...]

    @property
    def top(self) -> int:
        """The longest bar's value: the scale of the chart."""
        return max((b.value for b in self.bars), default=0)


@frozen
class GroupRow:
    label: str
    total: int
    by_status: tuple[int, ...]
    """The counts of `STATUSES`, in order."""


@frozen
class StatsView:
    lang: str
    title: str
    subtitle: str
    statuses: tuple[tuple[str, str], ...]
    """(tone, word) of each status, in `STATUSES` order."""
    charts: tuple[Chart, ...]
    group_title: str
    group_header: str
    groups: tuple[GroupRow, ...]
    """Each group's counts per status (empty without ``--by``)."""
    total_word: str
    empty: str
    """What to say when there is nothing to count ("" when there is)."""
    footer: str


def _status_word(status: str, tr: Translator) -> str:
    return tr._(STATUS_WORDS[status])


def _label(st: Stats, g: GroupStats, catalog: Catalog, tr: Translator) -> str:
    return group_label(st, g.key, catalog, tr)


def build_view(
    st: Stats, catalog: Catalog, tr: Translator, *, since: dt.date | None, made: dt.datetime
) -> StatsView:
    """Everything the HTML and PDF show, in the language of ``tr``."""
    _ = tr._
    total = st.total
    by_word = _(GROUP_WORDS[st.by]) if st.by else ""
    parts = [
        _("Since {date}").format(date=tr.date(since)) if since else _("All assessments"),
        _("{n} assessments").format(n=tr.number(total.total)),
        _("made {when}").format(when=f"{tr.datetime(made)} ({zone_label()})"),
    ]
    status_bars = [Bar(_status_word(s, tr), total.by_status[s], total.total, s) for s in STATUSES]
    if total.unscored:
        status_bars.append(Bar(_("No summary yet"), total.unscored, total.total, "none"))
    charts = [
        Chart(
            _("Assessments by readiness"),
            _("How many assessments have each status; the share is of all assessments."),
            tuple(status_bars),
        ),
        Chart(
            _("Most often missing critical items"),
            _(
                "How many assessments lack each critical item; the share is of the assessments "
                "with a summary ({n})."
            ).format(n=tr.number(st.scored)),
            tuple(
                Bar(
                    f"{item_text(m.item_id, catalog, tr)} ({m.item_id})",
                    m.count,
                    st.scored,
                    "missing",
                )
                for m in st.missing
            ),
        ),
    ]
    flag_groups = (*st.groups, total) if st.by else (total,)
    charts.append(
        Chart(
            _("Assessments with warning signs") + (f" · {by_word}" if st.by else ""),
            _(
                "Assessments with at least one warning sign (status stop); the share is of that "
                "group's assessments. Warning signs in all: {n}."
            ).format(n=tr.number(total.red_flags)),
            tuple(
                Bar(
                    _("Total") if g is total else _label(st, g, catalog, tr),
                    g.with_red_flags,
                    g.total,
                    "flag",
                )
                for g in flag_groups
            ),
        )
    )
    groups = tuple(
        GroupRow(_label(st, g, catalog, tr), g.total, tuple(g.by_status[s] for s in STATUSES))
        for g in st.groups
    )
    return StatsView(
        lang=tr.lang,
        title=_("Readiness of the assessments") + (f" · {by_word}" if st.by else ""),
        subtitle=" · ".join(parts),
        statuses=tuple((s, _status_word(s, tr)) for s in STATUSES),
        charts=tuple(charts),
        group_title=_("Readiness per group") + f" · {by_word}" if st.by else "",
        group_header=by_word,
        groups=groups,
        total_word=_("Total"),
        empty="" if total.total else _("No assessments to count."),
        footer=_("Made with pmi-ready, not an official government tool"),
    )


# ------------------------------------------------------------------------------ workbook
_COUNTS = (
    (N_("Assessments"), "int"),
    *((STATUS_WORDS[s], "int") for s in STATUSES),
    (N_("No summary yet"), "int"),
    (N_("Unfinished"), "int"),
    (N_("With red flags"), "int"),
    (N_("Share with red flags"), "percent"),
    (N_("Red flags"), "int"),
)


def _count_cells(g: GroupStats) -> list[object]:
    return [
        g.total,
        *(g.by_status[s] for s in STATUSES),
        g.unscored,
        g.unfinished,
        g.with_red_flags,
        g.with_red_flags / g.total if g.total else 0.0,
        g.red_flags,
    ]


def stats_sheets(st: Stats, catalog: Catalog, tr: Translator) -> list[Sheet]:
    """Two tables, one per sheet: the counts (per group and in total), the most often missing
    critical items. Counts are numbers, shares percent cells (never ``0.2600`` as text)."""
    from pmi_ready.records.sheets import Column, Sheet

    _ = tr._
    first = both(GROUP_WORDS[st.by]) if st.by else both(N_("All"))
    cols = [Column(first, width=28)]
    cols += [Column(both(word), kind, 14) for word, kind in _COUNTS]  # type: ignore[arg-type]
    groups = (*st.groups, st.total) if st.by else (st.total,)
    table = [
        [_("Total") if g is st.total else _label(st, g, catalog, tr), *_count_cells(g)]
        for g in groups
    ]
    missing_cols = [
        Column(Text("#", "#"), "int", 5),
        Column(both(N_("Item")), width=26),
        Column(both(N_("Question")), width=70),
        Column(both(N_("Missing")), "int", 12),
        Column(both(N_("Share")), "percent", 12),
    ]
    missing = [
        [i, m.item_id, item_text(m.item_id, catalog, tr), m.count, m.share]
        for i, m in enumerate(st.missing, 1)
    ]
    return [
        Sheet(_("Readiness"), cols, table),
        Sheet(_("Missing items"), missing_cols, missing),
    ]
