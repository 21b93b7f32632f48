"""`records stats --format html`: the charts of a `StatsView` as one self-contained page.

Bars are drawn with CSS (no script, no image, nothing from the network), each with its number and
share written at its end; every text is escaped; the page prints on A4 and reads on a phone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pmi_ready.render.htmlkit import esc, page

if TYPE_CHECKING:
    from pmi_ready.records import Chart, StatsView

Num = Callable[[int], str]
Pct = Callable[[float], str]

TONES = {
    "stop": "#b71c1c",
    "not-ready": "#e65100",
    "nearly-ready": "#f9a825",
    "ready": "#2e7d32",
    "none": "#9e9e9e",
    "missing": "#1565c0",
    "flag": "#b71c1c",
}
SCALE = 78
"""The longest bar fills this share of its track (%): its number always fits beside it."""

CSS = (
    ".chart{margin:0 0 1.2em}.chart .row{display:grid;grid-template-columns:minmax(8em,34%) 1fr;"
    "gap:.2em .8em;align-items:center;padding:.22em 0;border-bottom:1px solid #eee}"
    ".track{display:flex;align-items:center;gap:.4em;min-height:1.3em}"
    ".fill{display:block;height:1.1em;border-radius:2px;flex:none}"
    ".num{font-variant-numeric:tabular-nums;white-space:nowrap;font-weight:600}"
    ".num small{font-weight:400;color:#555}"
    ".groups td,.groups th{padding:.25em .4em;white-space:nowrap}"
    ".groups td.g{white-space:normal}.groups .track{gap:.3em}.groups .fill{height:.9em}"
    ".groups th.n,.groups td.n{text-align:right}"
    "@media (max-width:640px){.chart .row{grid-template-columns:1fr}"
    ".groups{display:block;overflow-x:auto}}"
    + "".join(f".t-{k}{{background:{v}}}" for k, v in TONES.items())
)


def _bar(value: int, top: int, tone: str, text: str) -> str:
    width = max(SCALE * value / top, 0.4) if top and value else 0.0  # a 1 is seen too
    return (
        f'<span class="track"><span class="fill t-{esc(tone)}" style="width:{width:.1f}%">'
        f'</span><span class="num">{text}</span></span>'
    )


def _chart(chart: Chart, number: Num, percent: Pct) -> str:
    rows = []
    for b in chart.bars:
        share = f" <small>({esc(percent(b.share))})</small>" if b.of else ""
        text = f"{esc(number(b.value))}{share}"
        rows.append(
            f'<div class="row"><span class="lbl">{esc(b.label)}</span>'
            f"{_bar(b.value, chart.top, b.tone, text)}</div>"
        )
    if not rows:
        return ""
    return (
        f'<section class="chart keep"><h2>{esc(chart.title)}</h2>'
        f'<p class="muted">{esc(chart.note)}</p>{"".join(rows)}</section>\n'
    )


def _groups(view: StatsView, number: Num) -> str:
    if not view.groups:
        return ""
    top = max((n for g in view.groups for n in g.by_status), default=0)
    head = "".join(f"<th>{esc(word)}</th>" for _, word in view.statuses)
    body = []
    for g in view.groups:
        cells = "".join(
            f"<td>{_bar(n, top, tone, esc(number(n)))}</td>"
            for n, (tone, _) in zip(g.by_status, view.statuses, strict=True)
        )
        body.append(
            f'<tr><td class="g">{esc(g.label)}</td>'
            f'<td class="n">{esc(number(g.total))}</td>{cells}</tr>'
        )
    return (
        f'<section class="chart"><h2>{esc(view.group_title)}</h2><table class="groups"><thead>'
        f'<tr><th>{esc(view.group_header)}</th><th class="n">{esc(view.total_word)}</th>{head}'
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></section>\n"
    )


def render_stats_html(view: StatsView, number: Num, percent: Pct) -> str:
    """The page. ``number`` and ``percent`` format a count and a share in the view's language
    (`Translator.number`, `Translator.percent`)."""
    parts = [f'<h1>{esc(view.title)}</h1>\n<p class="muted">{esc(view.subtitle)}</p>\n']
    if view.empty:
        parts.append(f"<p>{esc(view.empty)}</p>\n")
    else:
        charts = list(view.charts)
        parts.append(_chart(charts[0], number, percent))
        parts.append(_groups(view, number))
        parts.extend(_chart(c, number, percent) for c in charts[1:])
    parts.append(f'<p class="muted small">{esc(view.footer)}</p>\n')
    return page(view.title, "".join(parts), lang=view.lang, css=CSS)
