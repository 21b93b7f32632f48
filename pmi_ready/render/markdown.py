"""The report as GitHub-flavoured Markdown. Every text from YAML or a user goes through `md()`.

Bilingual blocks are stacked: Indonesian first, English under it in italics. The status and the
warning signs use GitHub's alert blocks (``> [!CAUTION]``), which still read as quotes elsewhere.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmi_ready.core import Status, Text, one_line

if TYPE_CHECKING:
    from pmi_ready.core import ItemResult
    from pmi_ready.render.context import ReportContext

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#!{}])")
_LINE_START = re.compile(r"^(\s*)([-+]|\d{1,9}[.)])(?=\s|$)")
_RULE = re.compile(r"^[-=]+$")
ALERT = {
    Status.STOP: "CAUTION",
    Status.NOT_READY: "CAUTION",
    Status.NEARLY_READY: "WARNING",
    Status.READY: "TIP",
}
MARK = {Status.STOP: "🛑", Status.NOT_READY: "⛔", Status.NEARLY_READY: "⚠️", Status.READY: "✅"}


def md(text: str) -> str:
    """Plain text made literal in Markdown: one line, specials backslash-escaped, ``&`` as
    an entity, and a leading list or heading marker neutralised; control characters and escape
    sequences cleaned (`pmi_ready.core.one_line`)."""
    one = one_line(text)
    one = _SPECIAL.sub(r"\\\1", one).replace("&", "&amp;")
    if _RULE.match(one):
        return "\\" + one
    m = _LINE_START.match(one)
    if m:
        lead, marker = m.group(1), m.group(2)
        one = lead + marker[:-1] + "\\" + marker[-1] + one[m.end() :]
    return one


def link(title: str, url: str | None) -> str:
    """A link only for http(s) addresses; anything else is printed as text."""
    if url and re.fullmatch(r"https?://[^\s<>\"]+", url):
        safe = url.replace("(", "%28").replace(")", "%29")
        return f"[{md(title)}]({safe})"
    return md(title) + (f" ({md(url)})" if url else "")


class _Doc:
    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx
        self.lines: list[str] = []

    def j(self, text: Text) -> str:
        """Both languages on one line, escaped."""
        return md(self.ctx.join(text))

    def bi(self, text: Text, prefix: str = "") -> None:
        """A paragraph: Indonesian, then English in italics on the next line."""
        langs = self.ctx.langs
        if len(langs) == 1 or text.id == text.en:
            self.lines.append(prefix + md(text.get(langs[0])))
            return
        self.lines.append(prefix + md(text.id) + "  ")
        self.lines.append(prefix + "*" + md(text.en) + "*")

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def field(self, label: Text, value: str) -> str:
        return f"- **{self.j(label)}:** {value}"


def render(ctx: ReportContext) -> str:
    d = _Doc(ctx)
    L = ctx.labels
    r = ctx.readiness
    d.add(f"# {d.j(L.title)}", "")
    d.add(f"| {d.j(L.assessment)} | {md(ctx.meta.assessment_id)} |", "|---|---|")
    for label, value in ctx.header_rows()[:-1]:
        d.add(f"| **{d.j(label)}** | {d.j(value)} |")
    d.add("")

    d.add(f"> [!{ALERT[r.status]}]")
    d.add(f"> ## {MARK[r.status]} {d.j(L.status)}: {d.j(ctx.status_text).upper()}", ">")
    d.bi(L.status_why[r.status], prefix="> ")
    d.add("")

    if ctx.flags:
        _flags(d)

    _first_steps(d)
    d.add(f"## {d.j(L.rest_steps if ctx.first_steps else L.next_steps)}", "")
    if not ctx.steps:
        d.bi(ctx.empty_steps_text)
        d.add("")
    for n, res in enumerate(ctx.steps, ctx.steps_start):
        _step(d, n, res)

    d.add(f"## {d.j(L.progress)}", "")
    d.add(f"| {d.j(L.checklist)} | | |", "|---|---|---:|")
    for s in r.sections:
        filled = round(ctx.bar_share(s) * 10)
        bar = "█" * filled + "░" * (10 - filled)
        d.add(f"| {d.j(s.checklist.title)} | `{bar}` | {s.ready}/{s.applicable} |")
    d.add("")

    for extra in ctx.extras:
        d.add(f"## {d.j(extra.title)}", "")
        for w in extra.warnings:
            d.add(f"- ⚠️ **{d.j(w)}**")
        for label, value in extra.rows:
            d.add(d.field(label, d.j(value)))
        d.add("")
        for note in extra.notes:
            d.bi(note)
            d.add("")

    d.add(f"## {d.j(L.answers)}", "")
    for s in r.sections:  # one line each, in the first language: the steps say more
        d.add(f"### {d.j(s.checklist.title)}", "")
        for res in s.results:
            ask = md(res.item.ask.get(ctx.primary))
            noted = f" — {d.j(L.note)}: *{md(res.note)}*" if res.note else ""
            if res.ready:
                d.add(f"- ✅ {ask}{noted}")
            else:
                answer = md(ctx.answer_text(res.answer).get(ctx.primary))
                d.add(f"- ❌ {ask} → **{answer}**{noted}")
        d.add("")

    _contacts(d)
    d.add(f"## {d.j(L.sources)}", "")
    for src in ctx.sources_used:
        warn = f" — *{d.j(L.unverified)}*" if not src.verified else ""
        d.add(f"- {link(src.title, src.url)}{warn}")
    d.add("", f"## {d.j(L.versions)}", "")
    d.add(f"| {d.j(L.checklist)} | {d.j(L.version)} | SHA-256 |", "|---|---|---|")
    for cid, title, version, sha in ctx.versions():
        d.add(f"| {md(cid)}: {d.j(title)} | {md(version)} | `{sha}` |")
    d.add("", "---", "", f"**{d.j(L.disclaimer_title)}**", "")
    d.bi(L.disclaimer)
    d.add("", f"*{d.j(L.made_with)}*")
    return "\n".join(d.lines) + "\n"


def _flags(d: _Doc) -> None:
    ctx, L = d.ctx, d.ctx.labels
    d.add("> [!CAUTION]", f"> ## ⚠️ {d.j(L.red_flags)}", ">")
    d.bi(L.red_flags_intro, prefix="> ")
    d.add(">")
    if ctx.contacts:
        for c in ctx.contacts.contacts:
            value = f"**{md(c.value)}** " if c.value else ""
            mark = "📞 " if ctx.is_phone(c.kind) else ""
            d.add(f"> - {mark}{value}{d.j(c.label)}")
    for fv in ctx.flags:
        d.add(">", f"> ### {d.j(fv.flag.title)}", ">")
        if fv.result is not None:
            d.add(f"> **{d.j(L.your_answer)}:** {d.j(ctx.answer_text(fv.result.answer))}", ">")
        d.bi(fv.flag.detail, prefix="> ")
        if fv.result is not None:
            d.add(">", f"> **{d.j(L.what_to_do)}:**", ">")
            d.bi(fv.result.item.how, prefix="> ")
        if fv.flag.source_ids:
            d.add(">", f"> {d.j(L.source)}: {md(ctx.source_titles(fv.flag.source_ids))}")
    d.add("")


def _first_steps(d: _Doc) -> None:
    """ "Do these first": at most three steps, warning signs first, then critical items."""
    ctx, L = d.ctx, d.ctx.labels
    if not ctx.first_steps:
        return
    d.add(f"## {d.j(L.first_steps)}", "")
    d.bi(L.first_steps_intro)
    d.add("")
    for n, fs in enumerate(ctx.first_steps, 1):
        tag = f"⚠️ {d.j(L.red_flags)}" if fs.flag else ""
        if not fs.flag and fs.result is not None:
            tag = d.j(L.levels[fs.result.item.level])
        d.add(f"### {n}. {d.j(fs.title)}", "", d.field(L.level, tag))
        if fs.result is not None:
            d.add(d.field(L.your_answer, d.j(ctx.answer_text(fs.result.answer))))
        d.add(d.field(L.what_to_do, "").rstrip(), "")
        d.bi(fs.action, prefix="  ")
        d.add("")
        if fs.where is not None:
            d.add(d.field(L.where, d.j(fs.where)))
        if fs.source_ids:
            d.add(d.field(L.source, md(ctx.source_titles(fs.source_ids))))
        d.add("")


def _step(d: _Doc, n: int, res: ItemResult) -> None:
    """One of the other next steps, compact: level and answer, what to do, where, source."""
    ctx, L = d.ctx, d.ctx.labels
    item = res.item
    level = f"{d.j(L.levels[item.level])} · {d.j(ctx.answer_text(res.answer))}"
    d.add(f"### {n}. {d.j(item.ask)}", "", f"*{level}*", "")
    d.bi(item.how)
    d.add("")
    if item.office is not None:
        d.add(d.field(L.where, d.j(item.office)))
    d.add(d.field(L.source, md(ctx.source_titles(item.source_ids))), "")


def _contacts(d: _Doc) -> None:
    ctx, L = d.ctx, d.ctx.labels
    data = ctx.contacts
    if data is None:
        return
    d.add(f"## {d.j(L.contacts)}", "")
    for c in data.contacts:
        value = f"**{md(c.value)}** " if c.value else ""
        note = f" — {d.j(c.note)}" if c.note else ""
        d.add(f"- {value}{d.j(c.label)}{note}")
    d.add("", f"{d.j(L.contacts_verified)}: {d.j(ctx.verified(data))}", "")
