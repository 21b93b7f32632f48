"""The report on a terminal (rich). Every text from YAML or a user is escaped before rich sees it.

Bilingual: Indonesian and English side by side when the console is at least `SIDE_BY_SIDE`
columns wide, English under Indonesian (dimmed) when narrower.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from pmi_ready.model import Text
from pmi_ready.scoring import Status

if TYPE_CHECKING:
    from pmi_ready.render.context import ReportContext
    from pmi_ready.scoring import ItemResult

SIDE_BY_SIDE = 100
STATUS_STYLE = {
    Status.NOT_READY: "bold white on red",
    Status.NEARLY_READY: "bold black on yellow",
    Status.READY: "bold white on green",
}
STATUS_MARK = {Status.NOT_READY: "✗", Status.NEARLY_READY: "!", Status.READY: "✓"}


class _SideBySide:
    """Two texts in two equal columns, wrapped at render time to the width available.

    Much cheaper than a rich Table for the many small bilingual blocks of a report."""

    def __init__(self, left: RichText, right: RichText, gap: int = 2) -> None:
        self.left, self.right, self.gap = left, right, gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RichText]:
        col = max(8, (options.max_width - self.gap) // 2)
        left = self.left.wrap(console, col)
        right = self.right.wrap(console, col)
        for i in range(max(len(left), len(right))):
            line = RichText()
            if i < len(left):
                line.append_text(left[i])
            line.pad_right(col - line.cell_len + self.gap)
            if i < len(right):
                line.append_text(right[i])
            line.rstrip()
            yield line


class _Hanging:
    """``prefix`` then ``body``; wrapped lines start under the body, not under the prefix."""

    def __init__(self, prefix: RichText, body: RichText) -> None:
        self.prefix, self.body = prefix, body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RichText]:
        lead = self.prefix.cell_len + 1
        lines = self.body.wrap(console, max(8, options.max_width - lead))
        for i, part in enumerate(lines):
            line = self.prefix.copy() if i == 0 else RichText(" " * self.prefix.cell_len)
            line.append(" ")
            line.append_text(part)
            line.rstrip()
            yield line


class _Out:
    """Builds the list of renderables for one width."""

    def __init__(self, ctx: ReportContext, width: int) -> None:
        self.ctx = ctx
        self.side = ctx.bilingual and width >= SIDE_BY_SIDE
        self.parts: list[RenderableType] = []

    def bi(self, text: Text, style: str = "", indent: int = 0) -> RenderableType:
        """A text in the chosen language(s): two columns, or English under Indonesian."""
        langs = self.ctx.langs
        if len(langs) == 1 or text.id == text.en:
            return Padding(RichText(text.get(langs[0]), style=style), (0, 0, 0, indent))
        if self.side:
            pair = _SideBySide(
                RichText(text.id, style=style), RichText(text.en, style=f"{style} dim")
            )
            return Padding(pair, (0, 0, 0, indent))
        return Padding(
            Group(RichText(text.id, style=style), RichText(text.en, style=f"{style} dim")),
            (0, 0, 0, indent),
        )

    def add(self, *items: RenderableType) -> None:
        self.parts.extend(items)

    def heading(self, text: Text) -> None:
        self.add(RichText(""), RichText(self.ctx.join(text), style="bold underline"))

    def bullet(
        self, mark: str, value: str, rest: str, indent: int = 0, style: str = ""
    ) -> RenderableType:
        """``mark value rest`` with a hanging indent: wrapped lines start under the text."""
        body = RichText.assemble((value + "  " if value else "", "bold"), (rest, style))
        return Padding(_Hanging(RichText(mark), body), (0, 0, 0, indent))

    def bullets(
        self, rows: list[tuple[RichText, RenderableType]], indent: int = 0
    ) -> RenderableType:
        """Bulleted rows with hanging indents (a body that is not text gets its own line)."""
        parts: list[RenderableType] = []
        for mark, body in rows:
            if isinstance(body, RichText):
                parts.append(_Hanging(mark, body))
            else:
                parts.append(Padding(body, (0, 0, 0, mark.cell_len + 1)))
        return Padding(Group(*parts), (0, 0, 0, indent))

    def line(self, label: Text, value: str, style: str = "") -> RenderableType:
        return RichText.assemble(
            (self.ctx.join(label) + ": ", "bold"), (value, style), overflow="fold"
        )


def renderables(ctx: ReportContext, width: int) -> list[RenderableType]:
    """The report as rich renderables for a console ``width`` columns wide."""
    o = _Out(ctx, width)
    L = ctx.labels
    r = ctx.readiness

    o.add(RichText(ctx.join(L.title), style="bold"))
    head = Table.grid(padding=(0, 1))
    head.add_column(style="bold", no_wrap=True)
    head.add_column(overflow="fold")
    for label, value in ctx.header_rows():
        head.add_row(RichText(ctx.join(label)), RichText(ctx.join(value)))
    o.add(head, RichText(""))

    mark = STATUS_MARK[r.status]
    status_line = f"{mark} {ctx.join(L.status).upper()}: {ctx.join(ctx.status_text).upper()}"
    o.add(
        Panel(
            Group(
                RichText(status_line, style=STATUS_STYLE[r.status], justify="center"),
                o.bi(L.status_why[r.status]),
            ),
            border_style="red" if r.status is Status.NOT_READY else "white",
        )
    )

    if ctx.flags:
        o.add(_flags_box(ctx, o))

    o.heading(L.progress)
    bars = Table.grid(padding=(0, 1))
    bars.add_column(overflow="fold", ratio=3)
    bars.add_column(no_wrap=True)
    bars.add_column(no_wrap=True, justify="right")
    bar_width = 20
    for s in r.sections:
        filled = round(s.share * bar_width)
        bars.add_row(
            RichText(ctx.join(s.checklist.title)),
            RichText.assemble(("█" * filled, "green"), ("░" * (bar_width - filled), "dim")),
            RichText(f"{s.ready}/{s.applicable}"),
        )
    o.add(bars)

    o.heading(L.next_steps)
    if not ctx.steps:
        o.add(o.bi(ctx.empty_steps_text))
    for n, res in enumerate(ctx.steps, 1):
        o.add(RichText(""), *_step(ctx, o, n, res))

    for extra in ctx.extras:
        o.heading(extra.title)
        for w in extra.warnings:
            o.add(o.bi(Text("⚠ " + w.id, "⚠ " + w.en), style="bold red"))
        for label, value in extra.rows:
            o.add(o.line(label, ctx.join(value)))
        for note in extra.notes:
            o.add(o.bi(note))

    o.heading(L.answers)
    for s in r.sections:
        o.add(RichText(ctx.join(s.checklist.title), style="bold"))
        rows: list[tuple[RichText, RenderableType]] = []
        for res in s.results:
            ok = RichText("✓" if res.ready else "✗", style="green" if res.ready else "red")
            rows.append(
                (
                    ok,
                    RichText.assemble(
                        (ctx.join(res.item.ask), ""),
                        ("  → " + ctx.join(ctx.answer_text(res.answer)), "bold"),
                    ),
                )
            )
            if res.note:
                rows.append((RichText(""), o.line(L.note, res.note, "italic")))
        o.add(o.bullets(rows, indent=2))

    _contacts(ctx, o)
    o.heading(L.sources)
    cites: list[tuple[RichText, RenderableType]] = []
    for src in ctx.sources_used:
        warn = f" ({ctx.join(L.unverified)})" if not src.verified else ""
        url = f" {src.url}" if src.url else ""
        cites.append((RichText("•"), RichText(f"{src.title}{url}{warn}")))
    o.add(o.bullets(cites))
    o.heading(L.versions)
    o.add(
        o.bullets(
            [
                (RichText("•"), RichText(f"{cid}: {ctx.join(t)} · {v} · {sha}", style="dim"))
                for cid, t, v, sha in ctx.versions()
            ]
        )
    )
    o.add(RichText(""), Panel(o.bi(L.disclaimer), title=RichText(ctx.join(L.disclaimer_title))))
    return o.parts


def _flags_box(ctx: ReportContext, o: _Out) -> RenderableType:
    L = ctx.labels
    inner: list[RenderableType] = [o.bi(L.red_flags_intro, style="bold")]
    if ctx.contacts:
        for c in ctx.contacts.contacts:
            mark = "☎" if ctx.is_phone(c.kind) else "•"
            inner.append(o.bullet(mark, c.value or "", ctx.join(c.label), indent=2))
    for fv in ctx.flags:
        inner.append(RichText(""))
        inner.append(o.bi(fv.flag.title, style="bold red"))
        if fv.result is not None:
            inner.append(o.line(L.your_answer, ctx.join(ctx.answer_text(fv.result.answer))))
        inner.append(o.bi(fv.flag.detail))
        if fv.result is not None:
            inner.append(o.line(L.what_to_do, ctx.join(fv.result.item.how)))
        if fv.flag.source_ids:
            inner.append(o.line(L.source, ctx.source_titles(fv.flag.source_ids), "dim"))
    title = f"⚠ {ctx.join(L.red_flags).upper()} ⚠"
    return Panel(
        Group(*inner),
        title=RichText(title, style="bold red"),
        border_style="bold red",
        title_align="left",
    )


def _step(ctx: ReportContext, o: _Out, n: int, res: ItemResult) -> list[RenderableType]:
    L = ctx.labels
    item = res.item
    level = ctx.join(L.levels[item.level])
    head = _Hanging(
        RichText(f"{n}.", style="bold"),
        RichText.assemble(
            (f"[{level}] ", "bold red" if item.level.value == "critical" else "bold yellow"),
            (ctx.join(item.ask), "bold"),
        ),
    )
    out: list[RenderableType] = [
        head,
        Padding(o.line(L.your_answer, ctx.join(ctx.answer_text(res.answer))), (0, 0, 0, 3)),
        Padding(RichText(ctx.join(L.what_to_do) + ":", style="bold"), (0, 0, 0, 3)),
        o.bi(item.how, indent=3),
    ]
    if item.office is not None:
        out.append(Padding(o.line(L.where, ctx.join(item.office)), (0, 0, 0, 3)))
    out.append(Padding(o.line(L.source, ctx.source_titles(item.source_ids), "dim"), (0, 0, 0, 3)))
    return out


def _contacts(ctx: ReportContext, o: _Out) -> None:
    data = ctx.contacts
    if data is None:
        return
    L = ctx.labels
    o.heading(L.contacts)
    rows: list[tuple[RichText, RenderableType]] = []
    for c in data.contacts:
        value = f"{c.value}  " if c.value else ""
        rows.append((RichText("•"), RichText.assemble((value, "bold"), ctx.join(c.label))))
        if c.note:
            rows.append((RichText(""), o.bi(c.note, style="dim")))
    o.add(o.bullets(rows))
    verified = f"{ctx.join(L.contacts_verified)}: {ctx.join(ctx.verified(data))}"
    o.add(RichText(verified, style="dim"))


def print_to(console: Console, ctx: ReportContext) -> None:
    """Print the report on a console (its width decides side by side or stacked)."""
    console.print(Group(*renderables(ctx, console.width)))


def render(ctx: ReportContext, *, width: int = 100, color: bool = False) -> str:
    """The report as text ``width`` columns wide; ANSI colours only when ``color``."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    print_to(console, ctx)
    return buf.getvalue()
