"""The report as one self-contained HTML page (inline CSS, no scripts, no network).

Indonesian and English side by side on a wide screen or A4 page, stacked on a phone. Every text from
YAML or a user goes through `htmlkit.esc`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready.core import Status, Text
from pmi_ready.render.htmlkit import bar, bi, checkbox, contact_link, esc, page

if TYPE_CHECKING:
    from pmi_ready.core import ItemResult
    from pmi_ready.render.context import ReportContext

STATUS_CLASS = {
    Status.STOP: "stop",
    Status.NOT_READY: "not-ready",
    Status.NEARLY_READY: "nearly-ready",
    Status.READY: "ready",
}
STATUS_MARK = {
    Status.STOP: "⛔",
    Status.NOT_READY: "✗",
    Status.NEARLY_READY: "!",
    Status.READY: "✓",
}

CSS = """
.head{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.3em 0 1em}
.head dt{font-weight:600}.head dd{margin:0;min-width:0;overflow-wrap:anywhere}
@media (max-width:640px){.head{grid-template-columns:minmax(5.5em,36%) 1fr;gap:.1em .6em;
font-size:.9em}.head dt{overflow-wrap:anywhere}}
.status{border:3px solid;border-radius:8px;padding:.7em 1em;margin:1em 0}
.status .big{font-size:2em;font-weight:800;line-height:1.15;margin:0 0 .25em}
.status .mark{display:inline-block;width:1.2em;text-align:center}
.status.stop{border-color:#b71c1c;border-width:4px;background:#fdecea}
.status.stop .big{color:#b71c1c}
.status.not-ready{border-color:#b71c1c;background:#fdecea}.status.not-ready .big{color:#b71c1c}
.status.nearly-ready{border-color:#b26a00;background:#fff4e0}
.status.nearly-ready .big{color:#8a5300}
.status.ready{border-color:#1b5e20;background:#e8f5e9}.status.ready .big{color:#1b5e20}
.flags{border:3px solid #b71c1c;border-radius:8px;padding:.6em 1em;margin:1em 0;background:#fff7f6}
.flags h2{color:#b71c1c;border-bottom-color:#f3b8b3;margin-top:.2em}
.flags .contacts{font-size:1.1em;margin:.5em 0 .8em;padding:0;list-style:none}
.flags .contacts li{margin:.2em 0}
.flag{border-top:1px solid #f3b8b3;padding-top:.5em;margin-top:.6em}
.flag h3{color:#b71c1c}
.progress td:first-child{width:45%}.progress td.n{white-space:nowrap;text-align:right;width:5em}
.step{border-left:5px solid #999;padding:.2em 0 .2em .8em;margin:.8em 0}
.step.critical{border-color:#b71c1c}.step.important{border-color:#b26a00}
.step h3{margin:.1em 0 .3em}.lvl{font-weight:700;text-transform:uppercase;font-size:.8em;
letter-spacing:.03em;padding:.05em .4em;border:1px solid;border-radius:3px;margin-right:.4em}
.step .k{font-weight:600}
.answers td.a{white-space:nowrap}.answers td.m{width:1.6em}
@media (max-width:640px){.answers td.a{white-space:normal;width:30%}}
.extra .warn{color:#b71c1c;font-weight:700}
.extra .head{grid-template-columns:minmax(8em,40%) 1fr}
.first{border:2px solid #333;border-radius:8px;padding:.2em 1em .6em;margin:1em 0}
tr.done td{color:#555;font-size:.92em;padding-top:.1em;padding-bottom:.1em}
.disclaimer{border:1px solid #bbb;border-radius:6px;padding:.6em 1em;margin:1.5em 0 .5em;
background:#f7f7f7}
@media (max-width:640px){.status{padding:.5em .8em}.status .big{font-size:1.45em}
.flags,.first{padding-left:.7em;padding-right:.7em}}
@media print{.status,.flags,.step,.flag,.disclaimer,tr{break-inside:avoid}}
"""


class _Html:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx
        self.out: list[str] = []

    def j(self, text: Text) -> str:
        return esc(self.ctx.join(text))

    def bi(self, text: Text, tag: str = "p", cls: str = "") -> str:
        langs = self.ctx.langs
        if len(langs) == 1 or text.id == text.en:
            return bi(esc(text.get(langs[0])), None, tag=tag, cls=cls)
        return bi(esc(text.id), esc(text.en), tag=tag, cls=cls)

    def add(self, *parts: str) -> None:
        self.out.extend(parts)


def render(ctx: ReportContext) -> str:
    h = _Html(ctx)
    L = ctx.labels
    r = ctx.readiness
    h.add(f'<h1>{h.j(L.title)}</h1>\n<dl class="head">\n')
    for label, value in ctx.header_rows():
        h.add(f"<dt>{h.j(label)}</dt><dd>{h.j(value)}</dd>\n")
    h.add("</dl>\n")

    cls = STATUS_CLASS[r.status]
    h.add(
        f'<section class="status {cls} keep" aria-label="{h.j(L.status)}">\n'
        f'<p class="big"><span class="mark" aria-hidden="true">{STATUS_MARK[r.status]}</span>'
        f"{h.j(ctx.status_text)}</p>\n{h.bi(L.status_why[r.status])}</section>\n"
    )
    if ctx.flags:
        _flags(h)

    _first_steps(h)
    h.add(f"<h2>{h.j(L.rest_steps if ctx.first_steps else L.next_steps)}</h2>\n")
    if not ctx.steps:
        h.add(h.bi(ctx.empty_steps_text))
    for n, res in enumerate(ctx.steps, ctx.steps_start):
        _step(h, n, res)

    h.add(f'<h2>{h.j(L.progress)}</h2>\n<table class="progress">\n')
    for s in r.sections:
        count = f"{s.ready}/{s.applicable}"
        h.add(
            f"<tr><td>{h.j(s.checklist.title)}</td><td>{bar(ctx.bar_share(s), count)}</td>"
            f'<td class="n">{count}</td></tr>\n'
        )
    h.add("</table>\n")

    for extra in ctx.extras:
        h.add(f'<section class="extra"><h2>{h.j(extra.title)}</h2>\n')
        for w in extra.warnings:
            h.add(h.bi(Text("⚠ " + w.id, "⚠ " + w.en), cls="warn"))
        if extra.rows:
            h.add('<dl class="head">\n')
            for label, value in extra.rows:
                h.add(f"<dt>{h.j(label)}</dt><dd>{h.j(value)}</dd>\n")
            h.add("</dl>\n")
        for note in extra.notes:
            h.add(h.bi(note))
        h.add("</section>\n")

    h.add(f"<h2>{h.j(L.answers)}</h2>\n")
    for s in r.sections:
        h.add(f'<h3>{h.j(s.checklist.title)}</h3>\n<table class="answers">\n')
        for res in s.results:
            if res.ready and not res.note:  # done: one short row, in the first language
                mark = checkbox(True, ctx.join(L.ready))
                ask = esc(res.item.ask.get(ctx.primary))
                h.add(
                    f'<tr class="done"><td class="m">{mark}</td><td colspan="2">{ask}</td></tr>\n'
                )
                continue
            word = L.ready if res.ready else L.not_ready
            state = h.j(word)
            noted = (
                f'<p class="muted">{h.j(L.note)}: <i>{esc(res.note)}</i></p>' if res.note else ""
            )
            h.add(
                f'<tr><td class="m">{checkbox(res.ready, ctx.join(word))}'
                f"</td><td>{h.bi(res.item.ask)}{noted}</td>"
                f'<td class="a"><b>{h.j(ctx.answer_text(res.answer))}</b><br>'
                f'<span class="muted">{state}</span></td></tr>\n'
            )
        h.add("</table>\n")

    _contacts(h)
    h.add(f"<h2>{h.j(L.sources)}</h2>\n<ul>\n")
    for src in ctx.sources_used:
        cite = esc(src.title)
        if src.url and src.url.startswith(("https://", "http://")):
            cite = f'<a href="{esc(src.url)}">{cite}</a>'
        elif src.url:
            cite += f" ({esc(src.url)})"
        warn = f" <i>({h.j(L.unverified)})</i>" if not src.verified else ""
        h.add(f"<li>{cite}{warn}</li>\n")
    h.add("</ul>\n")
    h.add(f'<h2>{h.j(L.versions)}</h2>\n<table class="small">\n')
    h.add(f"<tr><th>{h.j(L.checklist)}</th><th>{h.j(L.version)}</th><th>SHA-256</th></tr>\n")
    for cid, ctitle, version, sha in ctx.versions():
        h.add(
            f"<tr><td>{esc(cid)}: {h.j(ctitle)}</td><td>{esc(version)}</td>"
            f"<td><code>{esc(sha)}</code></td></tr>\n"
        )
    h.add("</table>\n")
    h.add(
        f'<section class="disclaimer keep"><h3>{h.j(L.disclaimer_title)}</h3>\n'
        f'{h.bi(L.disclaimer)}</section>\n<p class="muted small">{h.j(L.made_with)}</p>\n'
    )
    title = f"{ctx.join(L.title)} · {ctx.meta.assessment_id[:8]}"
    return page(title, "".join(h.out), lang=ctx.primary, css=CSS)


def _flags(h: _Html) -> None:
    ctx, L = h.ctx, h.ctx.labels
    h.add(f'<section class="flags" role="alert">\n<h2>⚠ {h.j(L.red_flags)}</h2>\n')
    h.add(h.bi(L.red_flags_intro))
    if ctx.contacts:
        h.add('<ul class="contacts">\n')
        for c in ctx.contacts.contacts:
            value = f"<b>{contact_link(c.kind, c.value)}</b> " if c.value else ""
            mark = "☎" if ctx.is_phone(c.kind) else "•"
            h.add(f"<li>{mark} {value}{h.j(c.label)}</li>\n")
        h.add("</ul>\n")
    for fv in ctx.flags:
        h.add(f'<div class="flag keep">\n{h.bi(fv.flag.title, tag="h3")}')
        if fv.result is not None:
            answer = h.j(ctx.answer_text(fv.result.answer))
            h.add(f"<p><b>{h.j(L.your_answer)}:</b> {answer}</p>\n")
        h.add(h.bi(fv.flag.detail))
        if fv.result is not None:
            h.add(f"<p><b>{h.j(L.what_to_do)}:</b></p>\n{h.bi(fv.result.item.how)}")
        if fv.flag.source_ids:
            srcs = esc(ctx.source_titles(fv.flag.source_ids))
            h.add(f'<p class="muted">{h.j(L.source)}: {srcs}</p>\n')
        h.add("</div>\n")
    h.add("</section>\n")


def _first_steps(h: _Html) -> None:
    """ "Do these first": at most three steps, warning signs first, then critical items."""
    ctx, L = h.ctx, h.ctx.labels
    if not ctx.first_steps:
        return
    h.add(f'<section class="first">\n<h2>{h.j(L.first_steps)}</h2>\n')
    h.add(h.bi(L.first_steps_intro, cls="muted"))
    for n, fs in enumerate(ctx.first_steps, 1):
        if fs.flag:
            tag, cls = "⚠ " + h.j(L.red_flags), "critical"
        else:
            assert fs.result is not None
            tag, cls = h.j(L.levels[fs.result.item.level]), fs.result.item.level.value
        h.add(f'<div class="step {cls} keep">\n')
        h.add(f'<h3>{n}. <span class="lvl">{tag}</span>{h.j(fs.title)}</h3>\n')
        if fs.result is not None:
            answer = h.j(ctx.answer_text(fs.result.answer))
            h.add(f'<p><span class="k">{h.j(L.your_answer)}:</span> {answer}</p>\n')
        h.add(f'<p class="k">{h.j(L.what_to_do)}:</p>\n{h.bi(fs.action)}')
        if fs.where is not None:
            h.add(f'<p><span class="k">{h.j(L.where)}:</span> {h.j(fs.where)}</p>\n')
        if fs.source_ids:
            srcs = esc(ctx.source_titles(fs.source_ids))
            h.add(f'<p class="muted">{h.j(L.source)}: {srcs}</p>\n')
        h.add("</div>\n")
    h.add("</section>\n")


def _step(h: _Html, n: int, res: ItemResult) -> None:
    ctx, L = h.ctx, h.ctx.labels
    item = res.item
    h.add(f'<div class="step {item.level.value} keep">\n')
    h.add(
        f'<h3>{n}. <span class="lvl">{h.j(L.levels[item.level])}</span>{h.j(item.ask)}</h3>\n'
        f'<p><span class="k">{h.j(L.your_answer)}:</span> '
        f"{h.j(ctx.answer_text(res.answer))}</p>\n"
        f'<p class="k">{h.j(L.what_to_do)}:</p>\n{h.bi(item.how)}'
    )
    if item.office is not None:
        h.add(f'<p><span class="k">{h.j(L.where)}:</span> {h.j(item.office)}</p>\n')
    srcs = esc(ctx.source_titles(item.source_ids))
    h.add(f'<p class="muted">{h.j(L.source)}: {srcs}</p>\n</div>\n')


def _contacts(h: _Html) -> None:
    ctx, L = h.ctx, h.ctx.labels
    data = ctx.contacts
    if data is None:
        return
    h.add(f"<h2>{h.j(L.contacts)}</h2>\n<ul>\n")
    for c in data.contacts:
        value = f"<b>{contact_link(c.kind, c.value)}</b> " if c.value else ""
        note = f'<br><span class="muted">{h.j(c.note)}</span>' if c.note else ""
        h.add(f"<li>{value}{h.j(c.label)}{note}</li>\n")
    verified = h.j(ctx.verified(data))
    h.add(f'</ul>\n<p class="muted">{h.j(L.contacts_verified)}: {verified}</p>\n')
