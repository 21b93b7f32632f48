"""The short form of the report (``--format summary``): what fits one A4 page or one phone
screen for sharing — the status, the warning signs with whom to call, "Do these first", the
counts, and the command for the whole report. The PDF opens with the same page.

Plain text laid out for a width (`render.layout`); the PDF builds the same parts with pdfkit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready.core import Text
from pmi_ready.render.layout import Line, hanging, indent, plain, rstrip, wrap

if TYPE_CHECKING:
    from pmi_ready.render.context import ReportContext

PHONE_WIDTH = 40  # columns of a phone screen in a chat app
MAX_FLAGS = 5  # warning signs listed by title; the rest are counted (the page must stay one)


def flag_titles(ctx: ReportContext) -> tuple[list[Text], Text | None]:
    """The titles of the first `MAX_FLAGS` warning signs, and a line counting the others."""
    titles = [fv.flag.title for fv in ctx.flags]
    if len(titles) <= MAX_FLAGS:
        return titles, None
    more = len(titles) - MAX_FLAGS
    line = Text(
        ctx.tr_id.n_("and {n} more warning sign", "and {n} more warning signs", more),
        ctx.tr_en.n_("and {n} more warning sign", "and {n} more warning signs", more),
    )
    return titles[:MAX_FLAGS], ctx.fmt(line, n=more)


def counts(ctx: ReportContext) -> Text:
    """ "Ready: 35 of 72 questions · critical still missing: 17"."""
    _ = ctx.t
    results = ctx.readiness.results
    ready = sum(r.ready for r in results)
    missing = len(ctx.readiness.missing_critical)
    return ctx.fmt(
        _("Ready: {ready} of {total} questions · critical still missing: {missing}"),
        ready=ready,
        total=len(results),
        missing=missing,
    )


def phones(ctx: ReportContext) -> list[tuple[str, Text]]:
    """The contacts with a number to call or write, for the warning signs."""
    if ctx.contacts is None:
        return []
    return [(c.value, c.label) for c in ctx.contacts.contacts if c.value]


def lines(ctx: ReportContext, width: int) -> list[Line]:
    L = ctx.labels
    r = ctx.readiness
    _ = ctx.t

    def bi(text: Text, style: str = "", by: int = 0) -> list[Line]:
        out: list[Line] = []
        for n, lang in enumerate(ctx.langs):
            if n and text.en == text.id:
                break
            out += wrap([(text.get(lang), style if n == 0 else "dim")], width - by)
        return indent(out, by)

    out = wrap([(ctx.join(_("Readiness summary")), "bold")], width)
    who = [ctx.meta.name] if ctx.meta.name else []
    for fid in ("destination", "job"):
        label = ctx.profile_value(fid)
        if label is not None:
            who.append(label.get(ctx.primary))
    who += [ctx.date(ctx.meta.created).get(ctx.primary), ctx.meta.assessment_id[:8]]
    out += wrap([(" · ".join(who), "")], width)
    out.append([])
    status = f"{ctx.join(L.status).upper()}: {ctx.join(ctx.status_text).upper()}"
    out += wrap([(status, "bold")], width)
    out += bi(L.status_why[r.status])
    if ctx.flags:
        out.append([])
        out += wrap([("⚠ " + ctx.join(L.red_flags).upper(), "bold red")], width)
        titles, more = flag_titles(ctx)
        for title in titles:
            out += hanging([("•", "red")], [(ctx.join(title), "")], width)
        if more is not None:
            out += hanging([("•", "red")], [(ctx.join(more), "bold")], width)
        for value, label in phones(ctx):
            out += hanging([("☎", "")], [(value + "  ", "bold"), (ctx.join(label), "")], width)
    if ctx.first_steps:
        out.append([])
        out += wrap([(ctx.join(L.first_steps).upper(), "bold")], width)
        for n, fs in enumerate(ctx.first_steps, 1):
            mark = "⚠ " if fs.flag else ""
            out += hanging([(f"{n}.", "bold")], [(mark + ctx.join(fs.title), "bold")], width)
            out += bi(Text("→ " + fs.action.id, "→ " + fs.action.en), by=3)
            if fs.where is not None:
                out += indent(
                    wrap([(f"{ctx.join(L.where)}: {ctx.join(fs.where)}", "")], width - 3), 3
                )
    out.append([])
    out += wrap([(ctx.join(counts(ctx)), "")], width)
    for extra in ctx.extras:  # the checklist set, when it is not the built-in one
        if extra.key == "checklists":
            for w in extra.warnings:
                out += wrap([("⚠ " + ctx.join(w), "bold red")], width)
            for head, body in extra.rows:
                out += wrap([(f"{ctx.join(head)}: {ctx.join(body)}", "dim")], width)
    full = ctx.fmt(L.full_report, command=ctx.report_command())
    out += wrap([(ctx.join(full), "dim")], width)
    out += wrap([(ctx.join(L.made_with), "dim")], width)
    return out


def render(ctx: ReportContext, *, width: int = 80) -> str:
    return "".join(plain(rstrip(line)) + "\n" for line in lines(ctx, width))
