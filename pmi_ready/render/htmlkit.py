"""Shared building blocks for pmi-ready's HTML pages (readiness reports, printable checklists).

Every page is one self-contained file: inline CSS, no scripts, no fonts or images from the network,
a print stylesheet for A4, and a layout that reads on a phone. The small API:

- `esc(text)` — html.escape (quotes too). Every text from YAML or a user goes through it.
- `page(title, body, lang=…, css=…)` — the whole document around ``body`` (already-escaped HTML).
- `bi(id_html, en_html, tag=…)` — one bilingual block: Indonesian first, English beside it on a wide
  screen or page, below it on a narrow one. Pass ``en_html=None`` for a single language.
- `checkbox(checked)` — a box drawn with CSS (ticked, crossed or empty) with a text label for
  screen readers; no glyph needed.
- `bar(share, label)` — a progress bar drawn with CSS, its value also written as text.
- `contact_link(kind, value)` — a contact's value as a link a phone follows: ``tel:`` for a
  phone number, WhatsApp (``https://wa.me/…``) for a WhatsApp number written with its country
  code, ``mailto:`` and web addresses as they are; anything else as plain (escaped) text.
- `BASE_CSS` — the shared stylesheet; pages add their own rules through ``css``.
"""

from __future__ import annotations

import html
import re

from pmi_ready.core import for_terminal

BASE_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;padding:16px;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
Arial,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:1000px;margin:0 auto}
h1{font-size:1.6em;margin:.2em 0 .4em}
h2{font-size:1.25em;margin:1.4em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #ddd}
h3{font-size:1.05em;margin:1em 0 .3em}
p{margin:.25em 0}
a{color:#0b57d0;overflow-wrap:anywhere}
.bi{display:grid;grid-template-columns:1fr 1fr;gap:0 1.4em}
.bi>[lang=en]{color:#3a3a3a}
.bi.one{grid-template-columns:1fr}
.muted{color:#555;font-size:.9em}
.small{font-size:.88em}
.box{display:inline-block;width:1em;height:1em;border:2px solid #222;border-radius:2px;
vertical-align:-.15em;position:relative;flex:none}
.box.yes::after{content:"";position:absolute;left:.26em;top:.02em;width:.3em;height:.6em;
border:solid #1b5e20;border-width:0 .16em .16em 0;transform:rotate(45deg)}
.box.no::before,.box.no::after{content:"";position:absolute;left:.38em;top:-.05em;width:.14em;
height:.95em;background:#b71c1c;transform:rotate(45deg)}
.box.no::after{transform:rotate(-45deg)}
.bar{display:block;height:.8em;background:#e6e6e6;border:1px solid #777;border-radius:3px;
overflow:hidden;min-width:6em}
.bar>span{display:block;height:100%;background:#2e7d32}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #e3e3e3}
@media (max-width:640px){body{padding:10px;font-size:15px}.bi{grid-template-columns:1fr}
.bi>[lang=en]{margin-bottom:.3em}}
@page{size:A4;margin:14mm 14mm 16mm}
@media print{body{padding:0;font-size:10.5pt}main{max-width:none}a{color:inherit}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h2,h3{break-after:avoid}.keep{break-inside:avoid}.noprint{display:none}}
"""


def contact_link(kind: str, value: str) -> str:
    """The value of a contact (contacts.yaml) as HTML: a link where a phone can follow it."""
    text = esc(value)
    digits = re.sub(r"[\s().-]", "", value)
    if kind in ("phone", "whatsapp") and re.fullmatch(r"\+?\d{3,15}", digits):
        if kind == "whatsapp" and digits.startswith("+"):  # wa.me takes the country code
            return f'<a href="https://wa.me/{digits[1:]}">{text}</a>'
        return f'<a href="tel:{digits}">{text}</a>'
    if kind == "email" and re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+", value):
        return f'<a href="mailto:{text}">{text}</a>'
    if kind == "web" and re.match(r"https?://[^\s<>\"']+$", value):
        return f'<a href="{text}">{text}</a>'
    return text


def esc(text: object) -> str:
    """Escape any text for HTML content and attribute values; control characters and escape
    sequences (which HTML does not allow, and which reach the terminal when the page is printed
    to one) are cleaned as `pmi_ready.core.for_terminal` cleans them."""
    return html.escape(for_terminal(str(text)), quote=True)


def page(title: str, body: str, *, lang: str = "id", css: str = "") -> str:
    """A complete HTML document. ``title`` is plain text; ``body`` is HTML already escaped."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="pmi-ready">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def bi(id_html: str, en_html: str | None, *, tag: str = "p", cls: str = "") -> str:
    """Indonesian and English side by side (stacked on narrow screens). Arguments are HTML."""
    extra = f" {cls}" if cls else ""
    if en_html is None:
        return f'<div class="bi one{extra}"><{tag}>{id_html}</{tag}></div>\n'
    return (
        f'<div class="bi{extra}"><{tag} lang="id">{id_html}</{tag}>'
        f'<{tag} lang="en">{en_html}</{tag}></div>\n'
    )


def checkbox(checked: bool | None, label: str = "") -> str:
    """A CSS-drawn box: True ticked, False crossed, None empty; ``label`` is plain text for
    screen readers (the visible meaning is written next to the box by the caller)."""
    state = {True: "yes", False: "no", None: "empty"}[checked]
    sr = f'<span class="sr">{esc(label)}</span>' if label else ""
    return f'<span class="box {state}" aria-hidden="true"></span>{sr}'


def bar(share: float, label: str = "") -> str:
    """A progress bar for ``share`` (0..1); ``label`` (plain text) is its accessible name."""
    pct = round(max(0.0, min(1.0, share)) * 100)
    return (
        f'<span class="bar" role="img" aria-label="{esc(label or f"{pct}%")}">'
        f'<span style="width:{pct}%"></span></span>'
    )
