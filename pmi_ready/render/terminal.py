"""The report on a terminal, or as plain text.

Bilingual: Indonesian and English side by side when the console is at least `SIDE_BY_SIDE`
columns wide, English under Indonesian (dimmed) when narrower.

The report is laid out as styled lines (`render.layout`) for one width. Written to a file it is
plain text and needs no rich console; on a terminal each line goes to the rich console as
segments, so rich still picks the colours the terminal supports (and honours NO_COLOR). Text from
YAML or a user is never read as markup: it only ever becomes a segment's text, cleaned of control
characters by the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from pmi_ready.core import Status, Text
from pmi_ready.render.layout import (
    Line,
    Span,
    box,
    cell_len,
    centred,
    grid,
    hanging,
    indent,
    inner_width,
    plain,
    rstrip,
    side_by_side,
    style_join,
    wrap,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment

    from pmi_ready.core import ItemResult
    from pmi_ready.render.context import ReportContext

SIDE_BY_SIDE = 100
BAR_WIDTH = 20  # cells; narrower only when the terminal is
STATUS_STYLE = {
    Status.STOP: "bold white on red",
    Status.NOT_READY: "bold white on red",
    Status.NEARLY_READY: "bold black on yellow",
    Status.READY: "bold white on green",
}
STATUS_MARK = {
    Status.STOP: "⛔",
    Status.NOT_READY: "✗",
    Status.NEARLY_READY: "!",
    Status.READY: "✓",
}
DOT: Span = ("•", "")
NO_MARK: Span = ("", "")

Block = Callable[[int], list[Line]]  # lines laid out for a width
Body = list[Span] | Block  # a bullet's text (hanging indent) or a block under it


class _Out:
    """The report's building blocks, for a report ``width`` columns wide."""

    def __init__(self, ctx: ReportContext, width: int) -> None:
        self.ctx = ctx
        self.width = width
        self.side = ctx.bilingual and width >= SIDE_BY_SIDE

    def bi(self, text: Text, width: int, style: str = "", indent_by: int = 0) -> list[Line]:
        """A text in the chosen language(s): two columns, or English under Indonesian."""
        langs = self.ctx.langs
        w = width - indent_by
        dim = style_join(style, "dim")
        if len(langs) == 1 or text.id == text.en:
            lines = wrap([(text.get(langs[0]), style)], w)
        elif self.side:
            lines = side_by_side([(text.id, style)], [(text.en, dim)], w)
        else:
            lines = wrap([(text.id, style)], w) + wrap([(text.en, dim)], w)
        return indent(lines, indent_by)

    def heading(self, text: Text) -> list[Line]:
        return [[], *wrap([(self.ctx.join(text), "bold underline")], self.width)]

    def line(self, label: Text, value: str, style: str = "") -> list[Span]:
        """``Label: value`` (the label bold)."""
        return [(self.ctx.join(label) + ": ", "bold"), (value, style)]

    def bullets(self, rows: Sequence[tuple[Span, Body]], width: int, by: int = 0) -> list[Line]:
        """Bulleted rows with hanging indents (a block body goes under its bullet's text)."""
        out: list[Line] = []
        for mark, body in rows:
            if isinstance(body, list):
                out.extend(hanging([mark] if mark[0] else [], body, width - by))
            else:
                step = cell_len(mark[0]) + 1
                out.extend(indent(body(width - by - step), step))
        return indent(out, by)


def lines(ctx: ReportContext, width: int) -> list[Line]:
    """The whole report as styled lines for a console ``width`` columns wide."""
    o = _Out(ctx, width)
    L = ctx.labels
    r = ctx.readiness
    out = wrap([(ctx.join(L.title), "bold")], width)
    rows = [([(ctx.join(k), "bold")], [(ctx.join(v), "")]) for k, v in ctx.header_rows()]
    out += grid(rows, width)
    out.append([])

    mark = STATUS_MARK[r.status]
    status_line = f"{mark} {ctx.join(L.status).upper()}: {ctx.join(ctx.status_text).upper()}"
    inner = inner_width(width)
    status = centred(status_line, STATUS_STYLE[r.status], inner)
    status += o.bi(L.status_why[r.status], inner)
    alarm = r.status in (Status.STOP, Status.NOT_READY)
    out += box(status, width, border="red" if alarm else "white")

    if ctx.flags:
        out += _flags_box(ctx, o)
    out += first_steps(ctx, o)

    out += o.heading(L.rest_steps if ctx.first_steps else L.next_steps)
    if not ctx.steps:
        out += o.bi(ctx.empty_steps_text, width)
    for n, res in enumerate(ctx.steps, ctx.steps_start):
        out.append([])
        out += _step(ctx, o, n, res)

    out += o.heading(L.progress)
    out += _bars(ctx, width)

    for extra in ctx.extras:
        out += o.heading(extra.title)
        for w in extra.warnings:
            out += o.bi(Text("⚠ " + w.id, "⚠ " + w.en), width, style="bold red")
        for label, value in extra.rows:
            out += wrap(o.line(label, ctx.join(value)), width)
        for note in extra.notes:
            out += o.bi(note, width)

    out += o.heading(L.answers)
    for s in r.sections:
        out += wrap([(ctx.join(s.checklist.title), "bold")], width)
        answers: list[tuple[Span, Body]] = []
        for res in s.results:  # one line each, in the first language: the steps say more
            answers.append((NO_MARK, partial(_answer_line, ctx, res)))
            if res.note:
                answers.append((NO_MARK, o.line(L.note, res.note, "italic")))
        out += o.bullets(answers, width, by=2)

    out += _contacts(ctx, o)
    out += o.heading(L.sources)
    cites: list[tuple[Span, Body]] = []
    for src in ctx.sources_used:
        warn = f" ({ctx.join(L.unverified)})" if not src.verified else ""
        url = f" {src.url}" if src.url else ""
        cites.append((DOT, [(f"{src.title}{url}{warn}", "")]))
    out += o.bullets(cites, width)
    out += o.heading(L.versions)
    versions: list[tuple[Span, Body]] = [
        (DOT, [(f"{cid}: {ctx.join(t)} · {v} · {sha}", "dim")]) for cid, t, v, sha in ctx.versions()
    ]
    out += o.bullets(versions, width)
    out.append([])
    disclaimer = o.bi(L.disclaimer, inner)
    out += box(disclaimer, width, title=[(ctx.join(L.disclaimer_title), "")])
    return out


def _answer_line(ctx: ReportContext, res: ItemResult, width: int) -> list[Line]:
    """An answer in one line: a mark, the question in the first language (cut with …) and,
    when it is not ready, the answer (on a line of its own when the window is narrow)."""
    mark: Span = ("✓ ", "green") if res.ready else ("✗ ", "red")
    ask = res.item.ask.get(ctx.primary)
    if res.ready:
        return [one_line([mark, (ask, "dim")], width)]
    answer = " → " + ctx.answer_text(res.answer).get(ctx.primary)
    room = width - cell_len(answer)
    if room < 12:
        return [one_line([mark, (ask, "")], width), *wrap([(answer.strip(), "bold")], width)]
    return [[*one_line([mark, (ask, "")], room), (answer, "bold")]]


def one_line(spans: list[Span], width: int) -> Line:
    """``spans`` on one line ``width`` cells wide, ending in … when cut."""
    lines = wrap(spans, width)
    if len(lines) == 1:
        return lines[0]
    first = wrap(spans, max(1, width - 1))[0]
    return [*rstrip(first), ("…", "dim")]


def first_steps(ctx: ReportContext, o: _Out) -> list[Line]:
    """ "Do these first": at most three steps, warning signs first, then critical items."""
    if not ctx.first_steps:
        return []
    L = ctx.labels
    out = o.heading(L.first_steps)
    out += o.bi(L.first_steps_intro, o.width, style="dim")
    w = o.width - 3
    for n, fs in enumerate(ctx.first_steps, 1):
        out.append([])
        if fs.flag:
            tag: list[Span] = [(f"[⚠ {ctx.join(L.red_flags)}] ", "bold red")]
        else:
            assert fs.result is not None
            level = fs.result.item.level
            tag = [(f"[{ctx.join(L.levels[level])}] ", "bold red")]
        out += hanging([(f"{n}.", "bold")], [*tag, (ctx.join(fs.title), "bold")], o.width)
        body: list[Line] = []
        if fs.result is not None:
            body += wrap(o.line(L.your_answer, ctx.join(ctx.answer_text(fs.result.answer))), w)
        body += wrap([(ctx.join(L.what_to_do) + ":", "bold")], w)
        out += indent(body, 3)
        out += o.bi(fs.action, o.width, indent_by=3)
        if fs.where is not None:
            out += indent(wrap(o.line(L.where, ctx.join(fs.where)), w), 3)
        if fs.source_ids:
            out += indent(wrap(o.line(L.source, ctx.source_titles(fs.source_ids), "dim"), w), 3)
    return out


def _bars(ctx: ReportContext, width: int) -> list[Line]:
    """One progress bar per section: title, bar, ready/applicable. Titles wrap in their column;
    on a narrow terminal each title has its own line and its bar goes under it, indented."""
    sections = ctx.readiness.sections
    titles = [ctx.join(s.checklist.title) for s in sections]
    counts = [f"{s.ready}/{s.applicable}" for s in sections]
    count_w = max(map(len, counts), default=0)
    title_max = max(map(cell_len, titles), default=0)
    title_w = min(title_max, width - BAR_WIDTH - count_w - 2)
    stacked = title_w < min(title_max, 20)
    bar_w = max(4, min(BAR_WIDTH, width - count_w - 3)) if stacked else BAR_WIDTH
    out: list[Line] = []
    for s, title, count in zip(sections, titles, counts, strict=True):
        filled = round(ctx.bar_share(s) * bar_w)
        tail: Line = [
            ("█" * filled, "green"),
            ("░" * (bar_w - filled), "dim"),
            (" " + count.rjust(count_w), ""),
        ]
        if stacked:
            out += wrap([(title, "")], width)
            out += indent([tail], 2)
            continue
        parts = wrap([(title, "")], title_w)
        first = parts[0]
        out.append([*first, (" " * (title_w - cell_len(plain(first)) + 1), ""), *tail])
        out += parts[1:]
    return out


def _flags_box(ctx: ReportContext, o: _Out) -> list[Line]:
    L = ctx.labels
    w = inner_width(o.width)
    inner = o.bi(L.red_flags_intro, w, style="bold")
    if ctx.contacts:
        for c in ctx.contacts.contacts:
            mark = "☎" if ctx.is_phone(c.kind) else "•"
            value = c.value + "  " if c.value else ""
            body: list[Span] = [(value, "bold"), (ctx.join(c.label), "")]
            inner += indent(hanging([(mark, "")], body, w - 2), 2)
    for fv in ctx.flags:
        inner.append([])
        inner += o.bi(fv.flag.title, w, style="bold red")
        if fv.result is not None:
            inner += wrap(o.line(L.your_answer, ctx.join(ctx.answer_text(fv.result.answer))), w)
        inner += o.bi(fv.flag.detail, w)
        if fv.result is not None:
            inner += wrap(o.line(L.what_to_do, ctx.join(fv.result.item.how)), w)
        if fv.flag.source_ids:
            inner += wrap(o.line(L.source, ctx.source_titles(fv.flag.source_ids), "dim"), w)
    title = f"⚠ {ctx.join(L.red_flags).upper()} ⚠"
    return box(inner, o.width, title=[(title, "bold red")], title_align="left", border="bold red")


def _step(ctx: ReportContext, o: _Out, n: int, res: ItemResult) -> list[Line]:
    """One of the other next steps, compact: level and answer, the question, what to do, where
    and the source."""
    L = ctx.labels
    item = res.item
    tag = f"[{ctx.join(L.levels[item.level])} · {ctx.join(ctx.answer_text(res.answer))}] "
    level_style = "bold red" if item.level.value == "critical" else "bold yellow"
    w = o.width - 3
    out = hanging([(f"{n}.", "bold")], [(tag, level_style), (ctx.join(item.ask), "bold")], o.width)
    out += o.bi(item.how, o.width, indent_by=3)
    tail: list[Line] = []
    if item.office is not None:
        tail += wrap(o.line(L.where, ctx.join(item.office)), w)
    tail += wrap(o.line(L.source, ctx.source_titles(item.source_ids), "dim"), w)
    return out + indent(tail, 3)


def _contacts(ctx: ReportContext, o: _Out) -> list[Line]:
    data = ctx.contacts
    if data is None:
        return []
    L = ctx.labels
    out = o.heading(L.contacts)
    rows: list[tuple[Span, Body]] = []
    for c in data.contacts:
        value = f"{c.value}  " if c.value else ""
        rows.append((DOT, [(value, "bold"), (ctx.join(c.label), "")]))
        if c.note:
            rows.append((NO_MARK, partial(o.bi, c.note, style="dim")))
    out += o.bullets(rows, o.width)
    verified = f"{ctx.join(L.contacts_verified)}: {ctx.join(ctx.verified(data))}"
    out += wrap([(verified, "dim")], o.width)
    return out


def text(ctx: ReportContext, width: int = 100) -> str:
    """The report as plain text ``width`` columns wide (no rich console involved)."""
    return "".join(plain(rstrip(line)) + "\n" for line in lines(ctx, width))


class _Report:
    """The report as a rich renderable: its lines, laid out for the console's width."""

    def __init__(self, ctx: ReportContext) -> None:
        self.ctx = ctx

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        newline = Segment.line()
        style = console.get_style
        for line in lines(self.ctx, options.max_width):
            for part, name in rstrip(line):
                yield Segment(part, style(name) if name else None)
            yield newline


def print_to(console: Console, ctx: ReportContext) -> None:
    """Print the report on a console (its width decides side by side or stacked)."""
    console.print(_Report(ctx))


def render(ctx: ReportContext, *, width: int = 100, color: bool = False) -> str:
    """The report as text ``width`` columns wide; ANSI colours only when ``color``."""
    if not color:
        return text(ctx, width)
    import io

    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    print_to(console, ctx)
    return buf.getvalue()
