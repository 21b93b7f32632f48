"""The house rules of imports, read from the source (no module is imported):

1. No import cycle between modules through module-level imports (``if TYPE_CHECKING:`` blocks do
   not count: they never run).
2. No cycle between packages (``core``, ``checklists``, ``cli``, …, and the top-level modules such
   as ``i18n``), counting the imports inside functions too: a lazy import still ties two packages
   together, and a cycle between packages means neither can be read or changed alone. Imports
   inside one package may be lazy in both directions (a package is one unit).
3. Code outside a package imports it through its face (``from pmi_ready.core import Item``), never a
   module inside it, and never a private (``_name``) name of another package: neither imported
   nor read as an attribute of its module (``files._claim``).

A face import (``from pmi_ready.core import Item``) is an edge to the module that defines ``Item``,
read from the package's `lazy_exports` table: that is the module the import really loads.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "pmi_ready"


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, dotted
    target: str  # imported module, dotted
    names: tuple[str, ...]  # names taken by ``from … import``
    line: int
    in_function: bool
    via_face: bool = False  # named in a package's face, resolved to its module


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def package_of(module: str) -> str:
    """``pmi_ready.core.model`` -> ``core``; a top-level module is its own package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


_Found = tuple[ast.Import | ast.ImportFrom, bool]


def _imports(tree: ast.AST) -> Iterator[_Found]:
    """Every import that can run, with whether it sits inside a function."""

    def walk(
        node: ast.AST, in_function: bool
    ) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                yield from (x for n in child.orelse for x in walk_one(n, in_function))
                continue
            yield from walk_one(child, in_function)

    def walk_one(node: ast.AST, in_function: bool) -> Iterator[_Found]:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, in_function
            return
        fn = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from walk(node, in_function or fn)

    yield from walk(tree, False)


def face_table(path: Path) -> dict[str, str]:
    """A package face's lazy table: public name -> module relative to the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "lazy_exports"
            and len(node.args) == 2
            and isinstance(node.args[1], ast.Dict)
        ):
            return {
                k.value: v.value
                for k, v in zip(node.args[1].keys, node.args[1].values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
            }
    return {}


def _from_target(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    """The module a ``from … import`` reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    base = mod.split(".") if is_pkg else mod.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def edges() -> list[Edge]:
    mods = modules()
    faces = {m: face_table(p) for m, p in mods.items() if p.name == "__init__.py"}
    out: list[Edge] = []
    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_pkg = path.name == "__init__.py"
        for node, in_function in _imports(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("pmi_ready"):
                        out.append(Edge(mod, a.name, (), node.lineno, in_function))
                continue
            target = _from_target(mod, is_pkg, node)
            if not target.startswith("pmi_ready"):
                continue
            names = tuple(a.name for a in node.names)
            table = faces.get(target, {})
            submodules = [n for n in names if f"{target}.{n}" in mods]
            for n in submodules:  # ``from pmi_ready.checklists import cache``
                out.append(Edge(mod, f"{target}.{n}", (), node.lineno, in_function))
            lazy = {f"{target}.{table[n]}" for n in names if n in table}
            for t in sorted(lazy):
                taken = tuple(n for n in names if n in table)
                out.append(Edge(mod, t, taken, node.lineno, in_function, via_face=True))
            rest = tuple(n for n in names if n not in table and n not in submodules)
            if rest or not (lazy or submodules):
                out.append(Edge(mod, target, rest, node.lineno, in_function))
    return [e for e in out if e.target in mods and e.target != e.source]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _parents(module: str) -> set[str]:
    """A module's enclosing packages: importing it runs their ``__init__`` first."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def test_no_cycle_between_modules_at_module_level() -> None:
    graph: dict[str, set[str]] = {}
    for e in edges():
        if not e.in_function and e.target not in _parents(e.source):
            graph.setdefault(e.source, set()).add(e.target)
    assert _cycles(graph) == []


def test_no_cycle_between_packages_counting_function_level_imports() -> None:
    graph: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for e in edges():
        a, b = package_of(e.source), package_of(e.target)
        if a and b and a != b:
            graph.setdefault(a, set()).add(b)
            where.setdefault((a, b), f"{e.source}:{e.line} -> {e.target}")
    cycles = _cycles(graph)
    detail = [where[(a, b)] for c in cycles for a in c for b in c if (a, b) in where and a != b]
    assert cycles == [], detail


def test_other_packages_are_imported_through_their_face() -> None:
    bad = []
    for e in edges():
        if e.via_face or package_of(e.source) == package_of(e.target):
            continue
        if e.target.count(".") >= 2:  # a module inside another package
            bad.append(f"{e.source}:{e.line} imports {e.target}")
    assert bad == []


def _private(name: str) -> bool:
    """``_name``; not gettext's ``_`` nor a dunder such as ``__version__``."""
    return name.startswith("_") and name != "_" and not name.endswith("__")


def test_no_private_name_of_another_package() -> None:
    bad = [
        f"{e.source}:{e.line} imports {n} from {e.target}"
        for e in edges()
        for n in e.names
        if _private(n) and package_of(e.source) != package_of(e.target)
    ]
    assert bad == []


def private_attributes(mod: str, tree: ast.AST, is_pkg: bool, mods: set[str]) -> list[str]:
    """``module._name`` where ``module`` is a module of another package bound by an import
    (``from pmi_ready.checklists import cache`` … ``cache._classes()``)."""
    bound: dict[str, str] = {}
    for node, _ in _imports(tree):
        if isinstance(node, ast.Import):
            bound |= {a.asname: a.name for a in node.names if a.asname and a.name in mods}
            continue
        target = _from_target(mod, is_pkg, node)
        for a in node.names:
            if f"{target}.{a.name}" in mods:
                bound[a.asname or a.name] = f"{target}.{a.name}"
    return [
        f"{mod}:{n.lineno} uses {n.value.id}.{n.attr} of {bound[n.value.id]}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id in bound
        and _private(n.attr)
        and package_of(bound[n.value.id]) != package_of(mod)
    ]


def test_no_private_attribute_of_another_package() -> None:
    mods = modules()
    bad = [
        line
        for mod, path in mods.items()
        for line in private_attributes(
            mod, ast.parse(path.read_text(encoding="utf-8")), path.name == "__init__.py", set(mods)
        )
    ]
    assert bad == []


def test_a_private_attribute_is_found() -> None:
    source = (
        "from pmi_ready.checklists import cache\n"
        "import pmi_ready.core.errors as errors\n"
        "from . import safe_console\n"
        "def f():\n"
        "    return cache._classes(), errors._private, cache.key_for, safe_console._ok\n"
    )
    mods = {"pmi_ready.checklists.cache", "pmi_ready.core.errors", "pmi_ready.cli.safe_console"}
    found = private_attributes("pmi_ready.cli.x", ast.parse(source), False, mods)
    assert sorted(f.split(" uses ")[1] for f in found) == [
        "cache._classes of pmi_ready.checklists.cache",
        "errors._private of pmi_ready.core.errors",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import pmi_ready.core.model\n", "pmi_ready.core.model"),
        ("def f():\n    from pmi_ready.store import Store\n", "pmi_ready.store.sqlite_store"),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pmi_ready.i18n\n", None),
    ],
)
def test_the_reader_sees_imports_as_python_runs_them(source: str, expected: str | None) -> None:
    tree = ast.parse(source)
    found = [
        n
        for n, _ in _imports(tree)
        if (n.module if isinstance(n, ast.ImportFrom) else n.names[0].name or "").startswith("pmi")
    ]
    if expected is None:
        assert found == []
        return
    assert len(found) == 1
    node = found[0]
    name = node.names[0].name if isinstance(node, ast.Import) else node.module
    assert name is not None and expected.startswith(name)


def test_a_cycle_is_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_docs_architecture_lists_every_module() -> None:
    doc = (ROOT.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([\w/]+\.py)` — ", doc, flags=re.MULTILINE))
    actual = {p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py")}
    assert sorted(actual - listed) == [], "add a line for each to docs/architecture.md"
    assert sorted(listed - actual) == [], "these are listed in docs/architecture.md but gone"


def test_imports_stand_at_the_top_of_their_module() -> None:
    # A module-level import after code (`noqa: E402`) is hidden wiring: it hides a cycle or an
    # order that matters. Imports belong at the top, or inside the function that needs them.
    late = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted(ROOT.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "noqa: E402" in line
    ]
    assert late == []
