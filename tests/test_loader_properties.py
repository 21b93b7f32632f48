"""Whatever text a checklist file holds, the loader answers with problems, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pmi_ready.checklists import validate
from pmi_ready.core import Problem
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


KEYS = st.text(min_size=1, max_size=8).filter(lambda k: k != "<<")  # merge keys are refused
PLAIN = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**12), max_value=10**12),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.text(max_size=20),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=4),
    ),
    max_leaves=20,
)


@given(st.dictionaries(KEYS, PLAIN, min_size=1, max_size=5))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_node_tree_reads_back_what_pyyaml_wrote(data: dict[str, object]) -> None:
    """The tree built from the parser's events holds what PyYAML's own loader would construct
    (keys, nesting, and the type of every scalar), for block and flow style alike."""
    import yaml

    from pmi_ready.checklists.yamlnodes import parse_bytes, to_plain

    for flow in (False, True):
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
        parsed = parse_bytes(text.encode("utf-8"), Path("x.yaml"), "x.yaml")
        assert parsed.problems == [], text
        assert parsed.root is not None
        # (PyYAML's own round trip can change odd characters such as U+0085, so the reference
        # is what its safe loader constructs from the same text)
        assert to_plain(parsed.root) == yaml.load(
            text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )


@given(st.dictionaries(KEYS, PLAIN, min_size=1, max_size=5))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_node_has_the_line_and_column_pyyaml_gives_it(data: dict[str, object]) -> None:
    """Problems name FILE:LINE: the lines and columns are those of PyYAML's composed nodes."""
    import yaml

    from pmi_ready.checklists import YMap, YNode, YScalar, YSeq, parse_bytes

    def same(ours: YNode, theirs: yaml.Node) -> None:
        assert (ours.line, ours.column) == (
            theirs.start_mark.line + 1,
            theirs.start_mark.column + 1,
        )
        if isinstance(ours, YMap):
            assert isinstance(theirs, yaml.MappingNode)
            pairs = list(ours.entries.values())
            assert len(pairs) == len(theirs.value)
            for (kn, vn), (kt, vt) in zip(pairs, theirs.value, strict=True):
                same(kn, kt)
                same(vn, vt)
        elif isinstance(ours, YSeq):
            assert isinstance(theirs, yaml.SequenceNode)
            for a, b in zip(ours.items, theirs.value, strict=True):
                same(a, b)
        else:
            assert isinstance(ours, YScalar) and ours.tag == theirs.tag

    for flow in (False, True):
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
        parsed = parse_bytes(text.encode("utf-8"), Path("x.yaml"), "x.yaml")
        assert parsed.root is not None
        composed = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        assert composed is not None
        same(parsed.root, composed)
