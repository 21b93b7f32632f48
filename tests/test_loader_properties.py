"""Whatever text a checklist file holds, the loader answers with problems, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmi_ready.errors import Problem
from pmi_ready.loader import validate
from tests.conftest import MINI

YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "id: x",
                "items:",
                "  - id: a",
                "    ask: {id: a, en: b}",
                "level: critical",
                "kind: checklist",
                "kind: profile",
                "when: {destination: [TW]}",
                "- ",
                ": ",
                "&a",
                "*a",
                "!!python/object:os.system",
                "{",
                "}",
                "[",
                "]",
                "'",
                '"',
                "---",
                "reviewed: 2026-11-28",
                "version: 1",
                "title: {id: x, en: y}",
                "source: uu18-p5",
                "\t",
                "%YAML 1.1",
                "? a",
                "|",
                ">",
                "<<: *a",
                "~",
                "null",
                "yes",
                "1e999",
            ]
        ),
        st.text(max_size=30),
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=YAMLISH, raw=st.binary(max_size=60), as_bytes=st.booleans())
def test_loader_only_reports_problems(text: str, raw: bytes, as_bytes: bool) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "fuzz.yaml"
        if as_bytes:
            path.write_bytes(raw)
        else:
            path.write_text(text, encoding="utf-8")
        catalog, problems = validate([MINI, path])
    assert all(isinstance(p, Problem) for p in problems)
    assert (catalog is None) == bool(problems)
    for p in problems:
        assert p.line >= 0 and p.message
