"""A blank checklist as one self-contained HTML file, with a print stylesheet for A4.

No external files, fonts or scripts. When printed: a header and "page N of M" on every page (CSS
page-margin boxes, where the browser supports them), and no question split across two pages.
"""

from __future__ import annotations

from pmi_ready.core import Level, Text
from pmi_ready.export.selection import Entry, Section, Sheet
from pmi_ready.export.words import LEVEL_MARKS, WARNING_MARK
from pmi_ready.render import contact_link, esc as escape, page

CSS = """
:root { --ink: #111; --soft: #555; --rule: #999; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
  font-size: 10.5pt; line-height: 1.35; margin: 0; padding: 8mm 6mm; }
main { max-width: 190mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 1mm; line-height: 1.2; }
h2 { font-size: 13pt; margin: 7mm 0 1.5mm; padding-bottom: 1mm; border-bottom: 2px solid var(--ink);
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 0; }
p { margin: 0 0 1.5mm; }
.en { color: var(--soft); font-style: italic; font-weight: normal; }
h1 .en, h2 .en { display: block; font-size: 0.8em; }
.sub { color: var(--soft); margin-bottom: 3mm; }
.box { display: inline-block; width: 4.2mm; height: 4.2mm; border: 1.5px solid var(--ink);
  border-radius: 0.6mm; vertical-align: -0.9mm; margin-right: 1.4mm; background: #fff; }
.legend { border: 1px solid var(--rule); padding: 2mm 3mm; margin: 3mm 0; }
.legend ul { margin: 1mm 0 0; padding-left: 0; list-style: none; }
.mark { font-family: "DejaVu Sans", "Segoe UI Symbol", sans-serif; letter-spacing: 0.3mm; }
.fields { display: flex; gap: 6mm; margin: 4mm 0 2mm; }
.field { flex: 2; }
.field.short { flex: 1; }
.field .blank { display: block; border-bottom: 1px solid var(--ink); height: 8mm; }
.meta, .cond { color: var(--soft); font-size: 9pt; }
.cond { font-style: italic; }
.item { break-inside: avoid; page-break-inside: avoid; border: 1px solid var(--rule);
  border-left: 4px solid var(--ink); padding: 2mm 3mm 1mm; margin: 2.5mm 0; }
.item.important { border-left-width: 2.5px; }
.item.advice { border-left: 1px dashed var(--rule); }
.q { display: flex; gap: 2mm; align-items: baseline; }
.num { font-weight: bold; min-width: 7mm; }
.level { font-size: 9pt; margin: 1mm 0; }
.flag { font-weight: bold; }
.answers { display: flex; flex-wrap: wrap; gap: 2mm 7mm; margin: 2mm 0; }
.why { font-size: 8.5pt; color: var(--soft); }
.notes { font-size: 9pt; display: flex; gap: 2mm; align-items: flex-end; margin: 1mm 0 1.5mm; }
.notes .blank { flex: 1; border-bottom: 1px solid var(--rule); height: 6mm; }
.contacts li, .sources li { margin-bottom: 1mm; }
.contacts .value { font-weight: bold; font-size: 11pt; }
.sources { font-size: 9pt; }
footer { margin-top: 6mm; border-top: 1px solid var(--rule); padding-top: 2mm; font-size: 8.5pt;
  color: var(--soft); }
.keep { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { padding: 0; }
  a { color: inherit; text-decoration: none; }
}
"""


def render(sheet: Sheet) -> str:
    w = sheet.words
    lang = sheet.langs[0]
    title = " / ".join(_unique(sheet.pick(w.title)))
    out = [
        f"<h1>{_block(sheet, w.title)}</h1>",
        f'<p class="sub">{_inline(sheet, w.subtitle)}</p>',
        f"<p>{_block(sheet, sheet.scope)}</p>",
        f"<p>{_block(sheet, w.how_to_fill)}</p>",
        _legend(sheet),
        _fields(sheet, [(w.applicant_name, ""), (w.date, "short")]),
    ]
    for section in sheet.sections:
        out.append(_section(sheet, section))
    out.append('<section class="keep sign">')
    out.append(
        _fields(sheet, [(w.applicant_signature, ""), (w.date, "short")])
        + _fields(sheet, [(w.officer_name, ""), (w.officer_signature, "")])
    )
    out.append("</section>")
    out.append(_contacts(sheet))
    out.append(_sources(sheet))
    out.append(f"<footer>{_block(sheet, w.not_official)}</footer>\n")
    return page(title, "\n".join(out), lang=lang, css=CSS + _page_css(sheet))


def _unique(parts: list[str]) -> list[str]:
    return parts[:1] if len(parts) == 2 and parts[0] == parts[1] else parts


def _inline(sheet: Sheet, text: Text, sep: str = " / ") -> str:
    """Both languages on one line: 'Ya / Yes'."""
    return sep.join(escape(t) for t in _unique(sheet.pick(text)))


def _block(sheet: Sheet, text: Text, sep: str = " ") -> str:
    """The first language, then the second in a quieter style (``sep`` "<br>": on a new line)."""
    parts = _unique(sheet.pick(text))
    out = escape(parts[0])
    if len(parts) > 1:
        out += f'{sep}<span class="en" lang="{sheet.langs[1]}">{escape(parts[1])}</span>'
    return out


def _legend(sheet: Sheet) -> str:
    w = sheet.words
    rows = [
        f'<li><span class="mark" aria-hidden="true">{LEVEL_MARKS[lv]}</span> '
        f"<strong>{_inline(sheet, w.level(lv))}</strong>: {_inline(sheet, means)}</li>"
        for lv, means in (
            (Level.CRITICAL, w.critical_means),
            (Level.IMPORTANT, w.important_means),
            (Level.ADVICE, w.advice_means),
        )
    ]
    rows.append(
        f'<li><span class="mark" aria-hidden="true">{WARNING_MARK}</span> '
        f"<strong>{_inline(sheet, w.warning_sign)}</strong></li>"
    )
    return (
        f'<div class="legend keep"><strong>{_inline(sheet, w.levels)}</strong>'
        f"<ul>{''.join(rows)}</ul></div>"
    )


def _fields(sheet: Sheet, fields: list[tuple[Text, str]]) -> str:
    cells = "".join(
        f'<div class="field {cls}">{_inline(sheet, label)}<span class="blank"></span></div>'
        for label, cls in fields
    )
    return f'<div class="fields">{cells}</div>'


def _section(sheet: Sheet, section: Section) -> str:
    w = sheet.words
    c = section.checklist
    # the heading is kept on one page with the first question: never alone at a page's foot
    out = [
        f'<section class="checklist" id="{escape(c.id)}">',
        '<div class="keep">',
        f"<h2>{_block(sheet, c.title)}</h2>",
    ]
    out += [f'<p class="cond">{_block(sheet, cond, "<br>")}</p>' for cond in section.conditions]
    if c.intro is not None:
        out.append(f"<p>{_block(sheet, c.intro)}</p>")
    out.append(
        f'<p class="meta">{_inline(sheet, w.reviewed)}: {_inline(sheet, section.reviewed)} · '
        f"{_inline(sheet, w.version)} {escape(c.version)}</p>"
    )
    entries = [_entry(sheet, e) for e in section.entries]
    out += [entries[0], "</div>", *entries[1:], "</section>"]
    return "\n".join(out)


def _entry(sheet: Sheet, entry: Entry) -> str:
    w = sheet.words
    it = entry.item
    classes = f"item {it.level.value}" + (" red-flag" if it.red_flag else "")
    level = (
        f'<span class="mark" aria-hidden="true">{LEVEL_MARKS[it.level]}</span> '
        f"<strong>{_inline(sheet, entry.level)}</strong>"
    )
    if it.red_flag:
        level += (
            f' · <span class="flag"><span class="mark" aria-hidden="true">{WARNING_MARK}</span> '
            f"{_inline(sheet, w.warning_sign)}</span>"
        )
    answers = "".join(
        f'<span class="answer"><span class="box"></span>{_inline(sheet, a)}</span>'
        for a in entry.answers
    )
    refs = ", ".join(f"[{n}]" for n in entry.sources)
    parts = [
        f'<article class="{classes}" id="item-{escape(it.id)}">',
        f'<div class="q"><span class="num">{entry.number}.</span>'
        f"<h3>{_block(sheet, it.ask)}</h3></div>",
        f'<p class="level">{level}</p>',
        *(f'<p class="cond">{_block(sheet, cond, "<br>")}</p>' for cond in entry.conditions),
        f'<div class="answers">{answers}</div>',
        f'<p class="why"><small>{_inline(sheet, w.why)}: {_block(sheet, it.why, "<br>")} — '
        f"{_inline(sheet, w.source)}: {refs}</small></p>",
        f'<div class="notes">{_inline(sheet, w.notes)}:<span class="blank"></span></div>',
        "</article>",
    ]
    return "\n".join(parts)


def _contacts(sheet: Sheet) -> str:
    w = sheet.words
    if sheet.contacts is None:
        return ""
    rows = []
    for c in sheet.contacts.contacts:
        value = f'<span class="value">{contact_link(c.kind, c.value)}</span> — ' if c.value else ""
        note = f' <span class="meta">({_inline(sheet, c.note)})</span>' if c.note else ""
        rows.append(f"<li>{value}{_inline(sheet, c.label)}{note}</li>")
    out = [
        '<section class="contacts keep">',
        f"<h2>{_block(sheet, w.contacts)}</h2>",
        f"<ul>{''.join(rows)}</ul>",
    ]
    if sheet.contacts_verified is not None:
        refs = ", ".join(
            f"[{r.number}]" for r in sheet.sources if r.source.id in sheet.contacts.source_ids
        )
        out.append(
            f'<p class="meta">{_inline(sheet, w.last_verified)}: '
            f"{_inline(sheet, sheet.contacts_verified)} — {_inline(sheet, w.source)}: {refs}</p>"
        )
    out.append("</section>")
    return "\n".join(out)


def _sources(sheet: Sheet) -> str:
    w = sheet.words
    rows = []
    for ref in sheet.sources:
        src = ref.source
        text = escape(src.title)
        if src.url:
            text += f' — <a href="{escape(src.url)}">{escape(src.url)}</a>'
        if not src.verified:
            text += f" — <em>{_inline(sheet, w.not_confirmed)}</em>"
        rows.append(f'<li value="{ref.number}">{text}</li>')
    return (
        f'<section class="sources"><h2>{_block(sheet, w.sources)}</h2>'
        f"<ol>{''.join(rows)}</ol></section>"
    )


def _page_css(sheet: Sheet) -> str:
    """A4 pages with a header and page numbers in the page margins (CSS Paged Media)."""
    w = sheet.words
    title = " / ".join(_unique(sheet.pick(w.title)))
    pages = ' " / " '.join(_counter(t) for t in _unique(sheet.pick(w.page)))
    return (
        "\n@page { size: A4; margin: 16mm 14mm 16mm 14mm;"
        f" @top-center {{ content: {_css_string('pmi-ready · ' + title)};"
        " font: 8pt sans-serif; color: #555; }"
        f" @bottom-center {{ content: {pages}; font: 8pt sans-serif; color: #555; }} }}\n"
    )


def _counter(template: str) -> str:
    """'Halaman {page} dari {pages}' -> a CSS content value with page counters."""
    out: list[str] = []
    rest = template
    while rest:
        i_page, i_pages = rest.find("{page}"), rest.find("{pages}")
        hits = [(i, tok) for i, tok in ((i_page, "{page}"), (i_pages, "{pages}")) if i >= 0]
        if not hits:
            out.append(_css_string(rest))
            break
        i, tok = min(hits)
        if i:
            out.append(_css_string(rest[:i]))
        out.append("counter(page)" if tok == "{page}" else "counter(pages)")
        rest = rest[i + len(tok) :]
    return " ".join(out)


def _css_string(text: str) -> str:
    safe = "".join(
        ch if ch.isprintable() and ch not in '"\\<>' else f"\\{ord(ch):06x}" for ch in text
    )
    return f'"{safe}"'
