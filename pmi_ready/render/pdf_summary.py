"""The PDF's first page: the short form of the report (`render.summary`) to share — status,
warning signs with whom to call, "Do these first", the counts — always on one page, and never
mostly empty: the first steps lose detail until the page holds them, then, while room is left,
the progress by section and the official contacts fill it."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from pmi_ready.render import pdfkit
from pmi_ready.render.pdfkit import CONTENT_WIDTH, FRAME_HEIGHT, height, para
from pmi_ready.render.pdfparts import (
    RED,
    STATUS_COLOR,
    Pdf,
    boxed,
    contact_line,
    first_steps,
    progress_table,
)
from pmi_ready.render.summary import counts, flag_titles, phones


def summary_page(p: Pdf) -> list[Flowable]:
    """The first page's flowables (the caller breaks the page after them)."""
    page: list[Flowable] = []
    for detail in (2, 1, 0):
        page = _head(p) + first_steps(p, detail=detail) + _counts(p)
        if height(page + _tail(p)) <= FRAME_HEIGHT:
            break
    for extra in (_progress(p), _contacts(p)):
        if extra and height(page + extra + _tail(p)) <= FRAME_HEIGHT:
            page += extra
    return page + _tail(p)


def _head(p: Pdf) -> list[Flowable]:
    ctx, L = p.ctx, p.ctx.labels
    out: list[Flowable] = [para(p.j(ctx.t("Readiness summary")), "h1")]
    if ctx.meta.name:  # a line of its own: a right-to-left name never swallows the rest
        out.append(para(ctx.meta.name, "bold"))
    who = [v.get(ctx.primary) for f in ("destination", "job") if (v := ctx.profile_value(f))]
    who += [ctx.date(ctx.meta.created).get(ctx.primary), ctx.meta.assessment_id[:8]]
    out += [para(" · ".join(who)), Spacer(1, 3 * mm)]
    fg, bg = STATUS_COLOR[ctx.readiness.status]
    big = pdfkit.styles()["status"].clone("status-s", textColor=colors.HexColor(fg))
    why = pdfkit.styles()["small"].clone("why-s", textColor=colors.HexColor(fg))
    status = [
        para(p.j(ctx.status_text).upper(), big),
        p.bi(L.status_why[ctx.readiness.status], why, CONTENT_WIDTH - 16),
    ]
    out.append(boxed(status, fg, bg))
    if ctx.flags:
        red = pdfkit.styles()["h3"].clone("h3-red", textColor=colors.HexColor(RED))
        block: list[Flowable] = [para("! " + p.j(L.red_flags).upper(), red)]
        titles, more = flag_titles(ctx)
        block += [para("• " + p.j(t)) for t in titles]
        block += [para("• " + p.j(more), "bold")] if more is not None else []
        block += [contact_line(p, value, label, "bold") for value, label in phones(ctx)]
        out += [Spacer(1, 3 * mm), boxed(block, RED, "#fff7f6")]
    return out


def _counts(p: Pdf) -> list[Flowable]:
    return [Spacer(1, 3 * mm), para(p.j(counts(p.ctx)))]


def _tail(p: Pdf) -> list[Flowable]:
    ctx = p.ctx
    return [
        Spacer(1, 2 * mm),
        para(p.j(ctx.fmt(ctx.labels.full_report, command=ctx.report_command())), "muted"),
    ]


def _progress(p: Pdf) -> list[Flowable]:
    return progress_table(p, heading="h3", style="small")


def _contacts(p: Pdf) -> list[Flowable]:
    """The official contacts, number and name (the warning-sign box has them already)."""
    ctx = p.ctx
    if ctx.contacts is None or ctx.flags:
        return []
    out: list[Flowable] = [para(p.j(ctx.labels.contacts), "h3")]
    out += [contact_line(p, c.value, c.label, "small") for c in ctx.contacts.contacts]
    out.append(
        para(f"{p.j(ctx.labels.contacts_verified)}: {p.j(ctx.verified(ctx.contacts))}", "muted")
    )
    return out
