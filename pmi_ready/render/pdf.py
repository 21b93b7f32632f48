"""The report as an A4 PDF (reportlab, pure Python): embedded fonts, a header and page numbers on
every page, no item split across pages, Indonesian and English side by side.

Imported only when a PDF is asked for. Every text goes through `pdfkit.para`/`pdfkit.markup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from pmi_ready.core import Text
from pmi_ready.render import pdfkit
from pmi_ready.render.pdf_summary import summary_page
from pmi_ready.render.pdfkit import CONTENT_WIDTH, Checkbox, keep, para
from pmi_ready.render.pdfparts import (
    RED,
    STATUS_COLOR,
    Pdf,
    barred,
    boxed,
    contact_line,
    first_steps,
    progress_table,
)

if TYPE_CHECKING:
    from pmi_ready.core import ItemResult
    from pmi_ready.render.context import ReportContext


def render(ctx: ReportContext) -> bytes:
    p = Pdf(ctx)
    L = ctx.labels
    r = ctx.readiness
    s = p.story
    s += summary_page(p)
    s.append(PageBreak())
    s.append(para(p.j(L.title), "h1"))
    rows = [[para(p.j(lab), "label"), para(p.j(val))] for lab, val in ctx.header_rows()]
    head = Table(rows, colWidths=[48 * mm, CONTENT_WIDTH - 48 * mm])
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), pdfkit.FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    s += [head, Spacer(1, 4 * mm)]

    fg, bg = STATUS_COLOR[r.status]
    big = pdfkit.styles()["status"].clone("status-c", textColor=colors.HexColor(fg))
    status_line = p.j(ctx.status_text).upper()
    why = pdfkit.styles()["body"].clone("why-c", textColor=colors.HexColor(fg))  # readable on bg
    inner_w = CONTENT_WIDTH - 16
    s.append(
        boxed(
            [
                para(p.j(L.status), "label"),
                para(status_line, big),
                p.bi(L.status_why[r.status], why, inner_w),
            ],
            fg,
            bg,
        )
    )
    if ctx.flags:
        s.append(Spacer(1, 4 * mm))
        _flags(p, inner_w)

    s += first_steps(p)
    s.append(para(p.j(L.rest_steps if ctx.first_steps else L.next_steps), "h2"))
    if not ctx.steps:
        s.append(p.bi(ctx.empty_steps_text))
    for n, res in enumerate(ctx.steps, ctx.steps_start):
        s.append(_step(p, n, res))

    s += progress_table(p)

    for extra in ctx.extras:
        block: list[Flowable] = [para(p.j(extra.title), "h2")]
        for w in extra.warnings:
            block.append(p.bi(Text("! " + w.id, "! " + w.en), "bold"))
        for label, value in extra.rows:
            block.append(p.labelled(label, p.j(value)))
        for note in extra.notes:
            block.append(p.bi(note))
        s.append(keep(*block))

    s.append(para(p.j(L.answers), "h2"))
    for sec in r.sections:
        s.append(para(p.j(sec.checklist.title), "h3"))
        for res in sec.results:
            s.append(_answer_row(p, res))

    _contacts(p)
    s.append(para(p.j(L.sources), "h2"))
    for src in ctx.sources_used:
        warn = f" ({p.j(L.unverified)})" if not src.verified else ""
        url = f" · {src.url}" if src.url else ""
        s.append(keep(para(f"• {src.title}{url}{warn}", "small")))
    s.append(para(p.j(L.versions), "h2"))
    for cid, title, version, sha in ctx.versions():
        s.append(para(f"• {cid}: {p.j(title)} · {version} · {sha}", "muted"))
    s.append(Spacer(1, 5 * mm))
    s.append(
        keep(
            boxed(
                [para(p.j(L.disclaimer_title), "label"), p.bi(L.disclaimer, "small", inner_w)],
                "#999999",
                "#f5f5f5",
            )
        )
    )
    doc_title = f"{ctx.join(L.title)} {ctx.meta.assessment_id[:8]}"
    header = f"pmi-ready · {ctx.join(L.title)} · {ctx.meta.assessment_id[:8]} · " + ctx.join(
        ctx.date(ctx.meta.created)
    )
    return pdfkit.build_pdf(
        p.story, title=doc_title, header=header, page_label=ctx.page_label, lang=ctx.primary
    )


def _flags(p: Pdf, width: float) -> None:
    ctx, L = p.ctx, p.ctx.labels
    red = pdfkit.styles()["h2"].clone("h2-red", textColor=colors.HexColor(RED), spaceBefore=0)
    first: list[Flowable] = [
        para("! " + p.j(L.red_flags).upper(), red),
        p.bi(L.red_flags_intro, "bold", width),
    ]
    if ctx.contacts:
        for c in ctx.contacts.contacts:
            first.append(contact_line(p, c.value, c.label, "body"))
    p.story.append(boxed(first, RED, "#fff7f6"))
    for fv in ctx.flags:
        block: list[Flowable] = [para(p.j(fv.flag.title), "h3")]
        if fv.result is not None:
            block.append(p.labelled(L.your_answer, p.j(ctx.answer_text(fv.result.answer)), "bold"))
        block.append(p.bi(fv.flag.detail, width=width))
        if fv.result is not None:
            block.append(para(p.j(L.what_to_do) + ":", "label"))
            block.append(p.bi(fv.result.item.how, width=width))
        if fv.flag.source_ids:
            block.append(p.labelled(L.source, ctx.source_titles(fv.flag.source_ids), "muted"))
        p.story.append(keep(boxed(block, RED, "#fff7f6")))


def _step(p: Pdf, n: int, res: ItemResult) -> Flowable:
    """One of the other next steps, compact: level and answer, what to do, where, source."""
    ctx, L = p.ctx, p.ctx.labels
    item = res.item
    level = p.j(L.levels[item.level]).upper()
    answer = p.j(ctx.answer_text(res.answer))
    block: list[Flowable] = [
        para(f"{n}. [{level} · {answer}]  {p.j(item.ask)}", "h3"),
        p.bi(item.how, width=CONTENT_WIDTH - 10),
    ]
    if item.office is not None:
        block.append(p.labelled(L.where, p.j(item.office)))
    block.append(p.labelled(L.source, ctx.source_titles(item.source_ids), "muted"))
    color = {"critical": RED, "important": "#b26a00"}.get(item.level.value, "#999999")
    return barred(block, color)


NOTE_IN_ROW = 600
"""Characters of a note shown inside its answer's row; a longer one follows the row."""


def _answer_row(p: Pdf, res: ItemResult) -> Flowable:
    ctx, L = p.ctx, p.ctx.labels
    if res.ready and not res.note:  # done: one short line, in the first language
        return para(f"✓  {res.item.ask.get(ctx.primary)}", "muted")
    state = p.j(L.ready if res.ready else L.not_ready)
    text: list[Flowable] = [p.bi(res.item.ask, width=CONTENT_WIDTH - 52 * mm - 8)]
    note = para(f"{p.j(L.note)}: {res.note}", "muted") if res.note else None
    long_note = len(res.note) > NOTE_IN_ROW
    if note is not None and not long_note:
        text.append(note)
    answer = [para(p.j(ctx.answer_text(res.answer)), "bold"), para(state, "muted")]
    t = Table(
        [[Checkbox(res.ready), text, answer]],
        colWidths=[7 * mm, CONTENT_WIDTH - 52 * mm, 45 * mm],
    )
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), pdfkit.FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#dddddd")),
            ]
        )
    )
    # a long note (an import may bring 20,000 characters) follows the row, where it can go on
    # over the next page: a table row never splits
    return keep(t, note) if note is not None and long_note else keep(t)


def _contacts(p: Pdf) -> None:
    ctx, L = p.ctx, p.ctx.labels
    data = ctx.contacts
    if data is None:
        return
    block: list[Flowable] = [para(p.j(L.contacts), "h2")]
    for c in data.contacts:
        block.append(contact_line(p, c.value, c.label, "body"))
        if c.note:
            block.append(p.bi(c.note, "small"))
    block.append(para(f"{p.j(L.contacts_verified)}: {p.j(ctx.verified(data))}", "muted"))
    p.story.append(keep(*block))
