"""Golden files for the Markdown, HTML, JSON and plain-text terminal reports of two fixed
assessments (the terminal one at three widths: side by side, stacked, narrow).

After an intended change, regenerate with ``PMI_READY_UPDATE_GOLDEN=1 python -m pytest
tests/test_render_golden.py`` and review the diff of tests/golden/ by eye before committing.
"""

from __future__ import annotations

import os

import pytest

from pmi_ready.render import Format, render
from tests.report_cases import GOLDEN, flags_context, ready_context

CASES = {"ready": ready_context, "flags": flags_context}


@pytest.mark.parametrize("fmt", [Format.MD, Format.HTML, Format.JSON])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: Format) -> None:
    out = render(fmt, CASES[case]())
    assert isinstance(out, str)
    path = GOLDEN / f"report-{case}.{fmt.extension}"
    if os.environ.get("PMI_READY_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert out == expected, f"{path.name} differs; see the module docstring to update it"


@pytest.mark.parametrize("width", [100, 60, 32])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_terminal(case: str, width: int) -> None:
    out = render(Format.TERMINAL, CASES[case](), width=width)
    assert isinstance(out, str)
    path = GOLDEN / f"report-{case}-{width}.txt"
    if os.environ.get("PMI_READY_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    assert out == expected, f"{path.name} differs; see the module docstring to update it"
