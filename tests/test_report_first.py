"""The report starts with what matters: status, warning signs, "Do these first" (at most three,
warning signs first, then critical items), then the rest; done answers compact; the summary
(``--format summary``, the PDF's first page) fits one page."""

from __future__ import annotations

import io

import pytest

from pmi_ready.checklists import load_catalog
from pmi_ready.core import Level, assess
from pmi_ready.render import Format, build_context, render, summary, terminal
from pmi_ready.render.layout import cell_len, plain
from tests.report_cases import CREATED, answers, flags_context, ready_context


def test_do_these_first_puts_warning_signs_first_then_critical() -> None:
    ctx = flags_context()
    first = ctx.first_steps
    assert len(first) == 3
    assert [f.flag for f in first] == [True, True, False]
    assert first[2].result is not None and first[2].result.item.id == "work-visa"
    assert first[2].result.item.level is Level.CRITICAL
    # the rest of the steps leave out what "Do these first" has, numbered on from 4
    assert [r.item.id for r in ctx.steps] == ["copies"] and ctx.steps_start == 4


def test_do_these_first_without_warning_signs_is_critical_items() -> None:
    ctx = ready_context()
    assert not ctx.flags
    assert all(not f.flag for f in ctx.first_steps)
    levels = [f.result.item.level for f in ctx.first_steps if f.result]
    assert Level.ADVICE not in levels and len(ctx.first_steps) <= 3


def test_never_more_than_three_and_all_warning_signs_when_many() -> None:
    cat = load_catalog()
    profile = {
        "destination": "HK",
        "job": "housekeeper",
        "route": "agency",
        "marital": "single",
        "age": "24",
        "funding": "own",
    }
    raw = {it.id: ("yes" if it.red_flag else "no") for it in cat.items()}
    readiness = assess(cat, profile, answers(raw))
    ctx = build_context(readiness, cat, assessment_id="a" * 36, created=CREATED)
    assert len(ctx.flags) > 3
    assert len(ctx.first_steps) == 3 and all(f.flag for f in ctx.first_steps)


def test_terminal_report_order() -> None:
    text = terminal.text(flags_context(), 100)
    order = [
        "STATUS",
        "TANDA BAHAYA",
        "Lakukan ini dulu / Do these first",
        "Semua yang lain yang masih kurang",
        "Kemajuan per bagian",
        "Semua jawaban Anda",
    ]
    at = [text.index(word) for word in order]
    assert at == sorted(at)


def test_done_answers_take_one_line_in_the_first_language() -> None:
    text = terminal.text(ready_context(), 100)
    answers_part = text[text.index("Semua jawaban Anda") :]
    assert "✓ Sudah punya paspor?\n" in answers_part
    assert "Do you have a passport?" not in answers_part


def test_progress_bars_match_their_counts() -> None:
    text = terminal.text(flags_context(), 100)
    line = next(x for x in text.splitlines() if x.startswith("Dokumen / Documents") and "1/3" in x)
    assert line.count("█") == round(20 / 3)


def _typical() -> object:
    """A typical applicant on the built-in checklists: Hong Kong, a housekeeper, many gaps,
    one warning sign."""
    cat = load_catalog()
    profile = {
        "name": "Siti",
        "destination": "HK",
        "job": "housekeeper",
        "route": "agency",
        "marital": "married",
        "sex": "female",
        "age": "24",
        "funding": "own",
    }
    raw: dict[str, str] = {}
    flag_given = False
    for n, it in enumerate(cat.items()):
        if it.red_flag:
            raw[it.id] = "yes" if not flag_given else "no"
            flag_given = True
        else:
            raw[it.id] = "yes" if n % 2 else "no"
    readiness = assess(cat, profile, answers(raw))
    return build_context(readiness, cat, assessment_id="b" * 36, created=CREATED)


@pytest.mark.parametrize("width", [32, 40, 60, 80, 100])
def test_summary_fits_the_width_and_one_page(width: int) -> None:
    ctx = _typical()
    lines = summary.lines(ctx, width)  # type: ignore[arg-type]
    assert all(cell_len(plain(x)) <= width for x in lines)
    if width >= 80:
        assert len(lines) <= 66  # one A4 page of plain text
    text = render(Format.SUMMARY, ctx, width=width)  # type: ignore[arg-type]
    assert "LAKUKAN INI DULU / DO THESE FIRST" in " ".join(text.split())
    assert "pmi-ready report bbbbbbbb" in " ".join(text.split())


def test_pdf_opens_with_the_summary_on_one_page() -> None:
    pypdf = pytest.importorskip("pypdf")
    data = render(Format.PDF, _typical())  # type: ignore[arg-type]
    assert isinstance(data, bytes)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    first = " ".join(pages[0].extract_text().split())
    assert first.startswith("pmi-ready") or "Ringkasan kesiapan" in first
    assert "Ringkasan kesiapan / Readiness summary" in first
    assert "Laporan lengkap" in first  # the end of the summary is still on page 1
    assert "Ringkasan kesiapan" not in " ".join(pages[1].extract_text().split())
