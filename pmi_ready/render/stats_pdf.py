"""`records stats --format pdf`: the charts of a `StatsView` on A4, through `pdfkit` (the embedded
DejaVu fonts and their fallbacks, so every name and word is drawn; bookmarks for the headings;
the document's language and title). Import lazily: reportlab is loaded with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from pmi_ready.render.pdfkit import CONTENT_WIDTH, FONT, FONT_BOLD, build_pdf, keep, para, sanitize
from pmi_ready.render.stats_html import SCALE, TONES

if TYPE_CHECKING:
    from pmi_ready.records import Chart, StatsView

Num = Callable[[int], str]
Pct = Callable[[float], str]
LABEL_SHARE = 0.42


class BarCell(Flowable):  # type: ignore[misc]
    """A bar ``value / top`` of the cell's width (at most `SCALE` %), its text written after it."""

    def __init__(self, value: int, top: int, tone: str, text: str, width: float) -> None:
        super().__init__()
        self.value, self.top, self.text = value, top, sanitize(text)
        self.color = colors.HexColor(TONES.get(tone, "#777777"))
        self.width, self.height = width, 4.2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        length = self.width * SCALE / 100 * self.value / self.top if self.top else 0.0
        c.saveState()
        c.setFillColor(self.color)
        if length > 0:
            c.rect(0, 0.6 * mm, length, self.height - 1.2 * mm, stroke=0, fill=1)
        c.setFillColor(colors.HexColor("#1a1a1a"))
        c.setFont(FONT_BOLD, 8.5)
        c.drawString(length + 1.5 * mm, 1.3 * mm, self.text)
        c.restoreState()


def _style(extra: list[tuple[object, ...]] | None = None) -> TableStyle:
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#dddddd")),
            *(extra or []),
        ]
    )


def _chart(chart: Chart, number: Num, percent: Pct) -> list[Flowable]:
    if not chart.bars:
        return []
    label_w = CONTENT_WIDTH * LABEL_SHARE
    bar_w = CONTENT_WIDTH - label_w - 8
    rows = []
    for b in chart.bars:
        text = number(b.value) + (f" ({percent(b.share)})" if b.of else "")
        rows.append([para(b.label, "small"), BarCell(b.value, chart.top, b.tone, text, bar_w)])
    head = [para(chart.title, "h2"), para(chart.note, "muted"), Spacer(1, 1.5 * mm)]
    # the heading stays with the first bars; the rest may go on to the next page
    first, rest = rows[:3], rows[3:]
    out: list[Flowable] = [keep(*head, _table(first, [label_w, bar_w + 8]))]
    if rest:
        out.append(_table(rest, [label_w, bar_w + 8]))
    return out


def _table(rows: list[list[object]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(_style())
    return table


def _groups(view: StatsView, number: Num) -> list[Flowable]:
    if not view.groups:
        return []
    top = max((n for g in view.groups for n in g.by_status), default=0)
    n_status = len(view.statuses)
    label_w, total_w = CONTENT_WIDTH * 0.26, 14 * mm
    cell_w = (CONTENT_WIDTH - label_w - total_w) / n_status
    header = [
        para(view.group_header, "label"),
        para(view.total_word, "label"),
        *(para(word, "label") for _, word in view.statuses),
    ]
    rows: list[list[object]] = [header]
    for g in view.groups:
        rows.append(
            [
                para(g.label, "small"),
                para(number(g.total), "small"),
                *(
                    BarCell(n, top, tone, number(n), cell_w - 4)
                    for n, (tone, _) in zip(g.by_status, view.statuses, strict=True)
                ),
            ]
        )
    table = Table(rows, colWidths=[label_w, total_w, *([cell_w] * n_status)], repeatRows=1)
    table.setStyle(_style([("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#888888"))]))
    return [para(view.group_title, "h2"), Spacer(1, 1.5 * mm), table]


def render_stats_pdf(view: StatsView, number: Num, percent: Pct) -> bytes:
    story: list[Flowable] = [para(view.title, "h1"), para(view.subtitle, "muted")]
    if view.empty:
        story.append(para(view.empty))
    else:
        charts = list(view.charts)
        story += _chart(charts[0], number, percent)
        story += _groups(view, number)
        for c in charts[1:]:
            story += _chart(c, number, percent)
    story += [Spacer(1, 4 * mm), para(view.footer, "muted")]
    return build_pdf(story, title=view.title, header=view.title, lang=view.lang)
