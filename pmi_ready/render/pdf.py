"""The report as an A4 PDF (reportlab, pure Python): embedded fonts, a header and page numbers on
every page, no item split across pages, Indonesian and English side by side.

Imported only when a PDF is asked for. Every text goes through `pdfkit.para`/`pdfkit.markup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from pmi_ready.core import Status, Text
from pmi_ready.render import pdfkit
from pmi_ready.render.pdfkit import CONTENT_WIDTH, Checkbox, ProgressBar, keep, para

if TYPE_CHECKING:
    from pmi_ready.core import ItemResult
    from pmi_ready.render.context import ReportContext

STATUS_COLOR = {
    Status.STOP: ("#ffffff", "#b71c1c"),
    Status.NOT_READY: ("#b71c1c", "#fdecea"),
    Status.NEARLY_READY: ("#8a5300", "#fff4e0"),
    Status.READY: ("#1b5e20", "#e8f5e9"),
}
RED = "#b71c1c"


class _Pdf:
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


def _boxed(
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


def render(ctx: ReportContext) -> bytes:
    p = _Pdf(ctx)
    L = ctx.labels
    r = ctx.readiness
    s = p.story
    _summary_page(p)
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
        _boxed(
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

    _first_steps(p)
    s.append(para(p.j(L.rest_steps if ctx.first_steps else L.next_steps), "h2"))
    if not ctx.steps:
        s.append(p.bi(ctx.empty_steps_text))
    for n, res in enumerate(ctx.steps, ctx.steps_start):
        s.append(_step(p, n, res))

    s.append(para(p.j(L.progress), "h2"))
    bar_w = 55 * mm
    prow = [
        [
            para(p.j(sec.checklist.title)),
            ProgressBar(ctx.bar_share(sec), bar_w),
            para(f"{sec.ready}/{sec.applicable}"),
        ]
        for sec in r.sections
    ]
    if prow:
        pt = Table(prow, colWidths=[CONTENT_WIDTH - bar_w - 22 * mm, bar_w + 4 * mm, 18 * mm])
        pt.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("FONTNAME", (0, 0), (-1, -1), pdfkit.FONT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#dddddd")),
                ]
            )
        )
        s.append(pt)

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
            _boxed(
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


def _flags(p: _Pdf, width: float) -> None:
    ctx, L = p.ctx, p.ctx.labels
    red = pdfkit.styles()["h2"].clone("h2-red", textColor=colors.HexColor(RED), spaceBefore=0)
    first: list[Flowable] = [
        para("! " + p.j(L.red_flags).upper(), red),
        p.bi(L.red_flags_intro, "bold", width),
    ]
    if ctx.contacts:
        for c in ctx.contacts.contacts:
            first.append(_contact_line(p, c.value, c.label, "body"))
    p.story.append(_boxed(first, RED, "#fff7f6"))
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
        p.story.append(keep(_boxed(block, RED, "#fff7f6")))


def _contact_line(p: _Pdf, value: str | None, label: Text, style: str) -> Flowable:
    """The number in bold, then its label; both escaped."""
    bold = f"<b>{pdfkit.markup(value)}</b>   " if value else ""
    return Paragraph(bold + pdfkit.markup(p.j(label)), pdfkit.styles()[style])


def _summary_page(p: _Pdf) -> None:
    """The short form (`render.summary`) as the first page: status, warning signs with whom
    to call, "Do these first", the counts."""
    from pmi_ready.render.summary import counts, flag_titles, phones

    ctx, L = p.ctx, p.ctx.labels
    s = p.story
    s.append(para(p.j(ctx.t("Readiness summary")), "h1"))
    who = [ctx.meta.name] if ctx.meta.name else []
    who += [v.get(ctx.primary) for f in ("destination", "job") if (v := ctx.profile_value(f))]
    who += [ctx.date(ctx.meta.created).get(ctx.primary), ctx.meta.assessment_id[:8]]
    s.append(para(" · ".join(who)))
    s.append(Spacer(1, 3 * mm))
    r = ctx.readiness
    fg, bg = STATUS_COLOR[r.status]
    big = pdfkit.styles()["status"].clone("status-s", textColor=colors.HexColor(fg))
    inner_w = CONTENT_WIDTH - 16
    why = pdfkit.styles()["small"].clone("why-s", textColor=colors.HexColor(fg))
    status = [para(p.j(ctx.status_text).upper(), big), p.bi(L.status_why[r.status], why, inner_w)]
    s.append(_boxed(status, fg, bg))
    if ctx.flags:
        red = pdfkit.styles()["h3"].clone("h3-red", textColor=colors.HexColor(RED))
        block: list[Flowable] = [para("! " + p.j(L.red_flags).upper(), red)]
        titles, more = flag_titles(ctx)
        block += [para("• " + p.j(t)) for t in titles]
        block += [para("• " + p.j(more), "bold")] if more is not None else []
        block += [_contact_line(p, value, label, "bold") for value, label in phones(ctx)]
        s.append(Spacer(1, 3 * mm))
        s.append(_boxed(block, RED, "#fff7f6"))
    _first_steps(p, compact=True)
    s.append(Spacer(1, 3 * mm))
    s.append(para(p.j(counts(ctx))))
    s.append(para(p.j(ctx.fmt(L.full_report, command=ctx.report_command())), "muted"))


def _first_steps(p: _Pdf, *, compact: bool = False) -> None:
    """ "Do these first": at most three steps, warning signs first, then critical items;
    ``compact`` (the summary page): the question, what to do and where, in small type."""
    ctx, L = p.ctx, p.ctx.labels
    if not ctx.first_steps:
        return
    p.story.append(para(p.j(L.first_steps), "h3" if compact else "h2"))
    small = "small" if compact else "body"
    for n, fs in enumerate(ctx.first_steps, 1):
        tag = p.j(L.red_flags) if fs.flag else ""
        if fs.result is not None and not fs.flag:
            tag = p.j(L.levels[fs.result.item.level])
        head = f"{n}. [{tag.upper()}]  {p.j(fs.title)}"
        block: list[Flowable] = [para(head, "bold" if compact else "h3")]
        if fs.result is not None and not compact:
            block.append(p.labelled(L.your_answer, p.j(ctx.answer_text(fs.result.answer))))
        if not compact:
            block.append(para(p.j(L.what_to_do) + ":", "label"))
        block.append(p.bi(fs.action, small, CONTENT_WIDTH - 10))
        if fs.where is not None:
            block.append(p.labelled(L.where, p.j(fs.where), small))
        if fs.source_ids and not compact:
            block.append(p.labelled(L.source, ctx.source_titles(fs.source_ids), "muted"))
        p.story.append(_barred(block, RED))


def _step(p: _Pdf, n: int, res: ItemResult) -> Flowable:
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
    return _barred(block, color)


def _barred(block: list[Flowable], color: str) -> Flowable:
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


def _answer_row(p: _Pdf, res: ItemResult) -> Flowable:
    ctx, L = p.ctx, p.ctx.labels
    if res.ready and not res.note:  # done: one short line, in the first language
        return para(f"✓  {res.item.ask.get(ctx.primary)}", "muted")
    state = p.j(L.ready if res.ready else L.not_ready)
    text: list[Flowable] = [p.bi(res.item.ask, width=CONTENT_WIDTH - 52 * mm - 8)]
    if res.note:
        text.append(para(f"{p.j(L.note)}: {res.note}", "muted"))
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
    return keep(t)


def _contacts(p: _Pdf) -> None:
    ctx, L = p.ctx, p.ctx.labels
    data = ctx.contacts
    if data is None:
        return
    block: list[Flowable] = [para(p.j(L.contacts), "h2")]
    for c in data.contacts:
        block.append(_contact_line(p, c.value, c.label, "body"))
        if c.note:
            block.append(p.bi(c.note, "small"))
    block.append(para(f"{p.j(L.contacts_verified)}: {p.j(ctx.verified(data))}", "muted"))
    p.story.append(keep(*block))
