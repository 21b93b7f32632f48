"""The HTML report on a phone: numbers are links (``tel:``, WhatsApp) made only from
contacts.yaml, and the page is no wider than a 360 px screen."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pmi_ready.export import ExportFormat, render as render_sheet
from pmi_ready.export.selection import select
from pmi_ready.render import Format, contact_link, render
from tests.report_cases import builtin_catalog, builtin_context

CHROMIUM = next(
    (c for c in ("chromium", "chromium-browser", "google-chrome") if shutil.which(c)), None
)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("phone", "0800-1000", '<a href="tel:08001000">0800-1000</a>'),
        ("phone", "+62 21 2924 4800", '<a href="tel:+622129244800">+62 21 2924 4800</a>'),
        (
            "whatsapp",
            "+62 811-8080-141",
            '<a href="https://wa.me/628118080141">+62 811-8080-141</a>',
        ),
        ("whatsapp", "0811-8080-141", '<a href="tel:08118080141">0811-8080-141</a>'),  # no code
        ("phone", "0000-TEST", "0000-TEST"),  # not a number: no link
        ("phone", '1" onclick="x', "1&quot; onclick=&quot;x"),
        ("email", "a@b.id", '<a href="mailto:a@b.id">a@b.id</a>'),
        ("web", "https://x.id/a", '<a href="https://x.id/a">https://x.id/a</a>'),
        ("web", "javascript:alert(1)", "javascript:alert(1)"),
        ("office", "Jl. Merdeka 1", "Jl. Merdeka 1"),
    ],
)
def test_contact_link(kind: str, value: str, expected: str) -> None:
    assert contact_link(kind, value) == expected


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


@pytest.mark.parametrize("what", ["report", "checklist"])
def test_every_number_is_a_link_to_a_number_of_contacts_yaml(what: str) -> None:
    if what == "report":
        page = render(Format.HTML, builtin_context("flags"))
        assert isinstance(page, str)
    else:
        page = render_sheet(select(builtin_catalog()), ExportFormat.HTML).decode("utf-8")
    contacts = builtin_catalog().contacts
    assert contacts is not None
    known = {_digits(c.value): c for c in contacts.contacts if c.value}
    links = re.findall(r'href="(tel:|https://wa\.me/)([^"]+)"', page)
    assert links
    for scheme, number in links:
        contact = known[_digits(number)]  # a KeyError is an invented number
        assert (scheme == "https://wa.me/") == (contact.kind == "whatsapp")
    for c in contacts.contacts:
        if c.kind in ("phone", "whatsapp") and c.value:
            assert f">{html.escape(c.value)}</a>" in page


def _width_at_360(page: str, tmp_path: Path) -> int:
    """The page's scroll width in a 360 px wide frame, measured by headless Chromium."""
    probe = (
        '<!DOCTYPE html><html><body style="margin:0">'
        '<iframe id="f" style="width:360px;height:800px;border:0" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe><script>'
        'var f=document.getElementById("f");f.onload=function(){document.body.setAttribute('
        '"data-width",String(f.contentDocument.documentElement.scrollWidth))};'
        "</script></body></html>"
    )
    path = tmp_path / "probe.html"
    path.write_text(probe, encoding="utf-8")
    assert CHROMIUM is not None
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", path.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.search(r'data-width="(\d+)"', out)
    assert found, out[-500:]
    return int(found.group(1))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_report_fits_a_360_px_screen(tmp_path: Path) -> None:
    page = render(Format.HTML, builtin_context("flags"))
    assert isinstance(page, str)
    assert _width_at_360(page, tmp_path) <= 360
    wide = page.replace("</main>", '<div style="width:900px">x</div></main>')
    assert _width_at_360(wide, tmp_path) > 360  # the measure can fail
