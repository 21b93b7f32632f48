"""The parts the report PDF and its summary page share: the renderer's state (`Pdf`), boxes,
contact lines and the "Do these first" steps. Imported with `render.pdf` (reportlab)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from pmi_ready.core import Status, Text
from pmi_ready.render import pdfkit
from pmi_ready.render.pdfkit import CONTENT_WIDTH, ProgressBar, keep, para

if TYPE_CHECKING:
    from pmi_ready.render.context import ReportContext

STATUS_COLOR = {
    Status.STOP: ("#ffffff", "#b71c1c"),
    Status.NOT_READY: ("#b71c1c", "#fdecea"),
    Status.NEARLY_READY: ("#8a5300", "#fff4e0"),
    Status.READY: ("#1b5e20", "#e8f5e9"),
}
RED = "#b71c1c"


class Pdf:
    """The story being built for one report."""

    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx
        self.story: list[Flowable] = []

    def j(self, text: Text) -> str:
        return self.ctx.join(text)

    def bi(self, text: Text, style: str = "body", width: float = CONTENT_WIDTH) -> Flowable:
        """Indonesian | English side by side, or one paragraph for one language."""
        langs = self.ctx.langs
        if len(langs) == 1 or text.id == text.en:
            return para(text.get(langs[0]), style)
        en_style = "en" if style == "body" else style
        return pdfkit.two_columns(para(text.id, style), para(text.en, en_style), width)

    def labelled(self, label: Text, value: str, style: str = "body") -> Flowable:
        return para(f"{self.j(label)}: {value}", style)


def boxed(
    flowables: list[Flowable], border: str, background: str, width: float = CONTENT_WIDTH
) -> Table:
    t = Table([[f] for f in flowables], colWidths=[width])
    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.6, colors.HexColor(border)),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(background)),
                ("FONTNAME", (0, 0), (-1, -1), pdfkit.FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    return t


def contact_line(p: Pdf, value: str | None, label: Text, style: str) -> Flowable:
    """The number in bold, then its label; both escaped."""
    bold = f"<b>{pdfkit.markup(value)}</b>   " if value else ""
    return Paragraph(bold + pdfkit.markup(p.j(label)), pdfkit.styles()[style])


def first_steps(p: Pdf, *, detail: int = 3) -> list[Flowable]:
    """ "Do these first": at most three steps, warning signs first, then critical items.
    ``detail`` 3 is the report's (answer, what to do, where, source); on the summary page
    2 is the question, what to do and where in small type, 1 leaves out where, 0 the action."""
    ctx, L = p.ctx, p.ctx.labels
    if not ctx.first_steps:
        return []
    full = detail >= 3
    out: list[Flowable] = [para(p.j(L.first_steps), "h2" if full else "h3")]
    small = "body" if full else "small"
    for n, fs in enumerate(ctx.first_steps, 1):
        tag = p.j(L.red_flags) if fs.flag else ""
        if fs.result is not None and not fs.flag:
            tag = p.j(L.levels[fs.result.item.level])
        head = f"{n}. [{tag.upper()}]  {p.j(fs.title)}"
        block: list[Flowable] = [para(head, "h3" if full else "bold")]
        if fs.result is not None and full:
            block.append(p.labelled(L.your_answer, p.j(ctx.answer_text(fs.result.answer))))
        if full:
            block.append(para(p.j(L.what_to_do) + ":", "label"))
        if detail >= 1:
            block.append(p.bi(fs.action, small, CONTENT_WIDTH - 10))
        if fs.where is not None and detail >= 2:
            block.append(p.labelled(L.where, p.j(fs.where), small))
        if fs.source_ids and full:
            block.append(p.labelled(L.source, ctx.source_titles(fs.source_ids), "muted"))
        out.append(barred(block, RED))
    return out


def barred(block: list[Flowable], color: str) -> Flowable:
    """A block with a coloured bar on its left, kept on one page."""
    t = Table([[b] for b in block], colWidths=[CONTENT_WIDTH - 4])
    t.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(color)),
                ("FONTNAME", (0, 0), (-1, -1), pdfkit.FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return keep(Spacer(1, 2 * mm), t)


def progress_table(p: Pdf, *, heading: str = "h2", style: str = "body") -> list[Flowable]:
    """ "Progress by section": a heading, then one row per section with its bar and count."""
    ctx = p.ctx
    sections = ctx.readiness.sections
    if not sections:
        return []
    bar_w = 55 * mm
    rows = [
        [
            para(p.j(sec.checklist.title), style),
            ProgressBar(ctx.bar_share(sec), bar_w),
            para(f"{sec.ready}/{sec.applicable}", style),
        ]
        for sec in sections
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH - bar_w - 22 * mm, bar_w + 4 * mm, 18 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), pdfkit.FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#dddddd")),
            ]
        )
    )
    return [para(p.j(ctx.labels.progress), heading), table]
