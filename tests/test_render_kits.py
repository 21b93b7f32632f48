"""The shared PDF and HTML building blocks (also used by the printable checklists)."""

from __future__ import annotations

import io

import pytest

from pmi_ready.render import htmlkit


def test_htmlkit_escapes_and_is_self_contained() -> None:
    body = htmlkit.bi(htmlkit.esc("<script>alert(1)</script>"), htmlkit.esc('"x" & y'))
    doc = htmlkit.page("<b>T</b>", body, lang="id")
    assert "<script>" not in doc
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "&quot;x&quot; &amp; y" in doc
    assert "<title>&lt;b&gt;T&lt;/b&gt;</title>" in doc
    assert "http://" not in doc and "https://" not in doc and "@import" not in doc
    assert "@page{size:A4" in doc and 'name="viewport"' in doc


def test_htmlkit_single_language_block_and_widgets() -> None:
    assert 'class="bi one"' in htmlkit.bi("a", None)
    assert 'lang="en"' in htmlkit.bi("a", "b")
    assert 'class="box yes"' in htmlkit.checkbox(True, "ya")
    assert 'class="box no"' in htmlkit.checkbox(False)
    assert 'class="box empty"' in htmlkit.checkbox(None)
    assert 'style="width:50%"' in htmlkit.bar(0.5)
    assert 'style="width:100%"' in htmlkit.bar(7.0)
    assert 'aria-label="&lt;x&gt;"' in htmlkit.bar(0.1, "<x>")


def test_pdfkit_sanitize_replaces_what_the_font_lacks() -> None:
    from pmi_ready.render import pdfkit

    assert pdfkit.sanitize("Rp1.500.000 – “ok” …") == "Rp1.500.000 – “ok” …"
    assert pdfkit.sanitize("₩50,000") == "₩50,000"  # DejaVu has the won sign
    assert pdfkit.sanitize("ok 😀!") == "ok ?!"
    assert pdfkit.sanitize("a\u202fb\x00c") == "a bc"
    assert pdfkit.sanitize("Lo\u0301") == "Ló"  # composed to a character the font has
    assert pdfkit.sanitize("Łódź Ṣāliḥ") == "Łódź Ṣāliḥ"  # DejaVu has every Latin diacritic
    assert pdfkit.markup("<b>&</b>\nx") == "&lt;b&gt;&amp;&lt;/b&gt;<br/>x"


def test_pdfkit_builds_a4_with_page_numbers_and_embedded_fonts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")
    pypdf = pytest.importorskip("pypdf")
    from pmi_ready.render import pdfkit

    def story() -> list[object]:
        return [flowable(i) for i in range(60)]

    def flowable(i: int) -> object:
        return pdfkit.keep(
            pdfkit.two_columns(
                [pdfkit.Checkbox(i % 3 == 0 or None), pdfkit.para(f"Butir {i} <b>😀")],
                pdfkit.para(f"Item {i} ₩"),
            ),
            pdfkit.ProgressBar(i / 60, 100),
        )

    data = pdfkit.build_pdf(
        story(), title="T", header="Kepala / Header", page_label=lambda n, t: f"{n} dari {t}"
    )
    reader = pypdf.PdfReader(io.BytesIO(data))
    n = len(reader.pages)
    assert n >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    for i, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert "Kepala / Header" in text
        assert f"{i} dari {n}" in text
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Butir 59 <b>?" in text and "₩" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert "DejaVu" in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert data == pdfkit.build_pdf(
        story(), title="T", header="Kepala / Header", page_label=lambda n, t: f"{n} dari {t}"
    )
