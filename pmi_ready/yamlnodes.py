"""Read one YAML file into a small node tree that keeps line numbers.

Safe by construction: the file is composed (never constructed) with PyYAML's safe resolver, the C
parser when available; tags other than the plain YAML ones, anchors and aliases, duplicate keys,
invalid UTF-8 and over-large files are problems with a line, never exceptions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pmi_ready.errors import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_TRUE = frozenset({"true", "yes", "on", "y"})
_FALSE = frozenset({"false", "no", "off", "n"})

try:  # the C parser is several times faster; fall back when libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the platform's wheel
    _Loader = yaml.SafeLoader


@dataclass
class YNode:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YScalar(YNode):
    raw: str
    tag: str
    quoted: bool = False

    @property
    def kind(self) -> str:
        return self.tag.removeprefix(_STD)

    def as_text(self) -> str:
        return self.raw

    def as_bool(self) -> bool | None:
        if self.kind == "bool" or not self.quoted:
            low = self.raw.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
        return None

    def as_int(self) -> int | None:
        if self.kind != "int":
            return None
        try:
            return int(self.raw.replace("_", ""), 0)
        except ValueError:
            return None

    def as_number(self) -> float | None:
        if self.kind not in ("int", "float"):
            return None
        try:
            return float(self.raw.replace("_", ""))
        except ValueError:
            return None

    def as_date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.raw.strip())
        except ValueError:
            return None

    @property
    def is_null(self) -> bool:
        return self.kind == "null"


@dataclass
class YSeq(YNode):
    items: list[YNode] = field(default_factory=list)


@dataclass
class YMap(YNode):
    # key -> (key node, value node); insertion-ordered
    entries: dict[str, tuple[YScalar, YNode]] = field(default_factory=dict)

    def get(self, key: str) -> YNode | None:
        e = self.entries.get(key)
        return e[1] if e else None

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def keys(self) -> Iterator[str]:
        return iter(self.entries)


def to_plain(node: YNode) -> object:
    """The node as plain Python values (for data files validated elsewhere)."""
    if isinstance(node, YMap):
        return {k: to_plain(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, YSeq):
        return [to_plain(n) for n in node.items]
    assert isinstance(node, YScalar)
    kind = node.kind
    if kind == "null":
        return None
    if kind == "bool":
        return node.as_bool()
    if kind == "int":
        return node.as_int()
    if kind == "float":
        return node.as_number()
    if kind == "timestamp":
        return node.as_date() or node.raw
    return node.raw


@dataclass
class ParsedFile:
    path: Path
    shown: str  # the path as printed in messages
    root: YNode | None
    sha256: str
    problems: list[Problem]


def read_file(path: Path, shown: str) -> ParsedFile:
    """Read and compose one file. Never raises for bad content; OS errors become problems too."""
    import hashlib

    problems: list[Problem] = []

    def fail(line: int, msg: str, col: int = 0) -> ParsedFile:
        problems.append(Problem(shown, line, msg, col))
        return ParsedFile(path, shown, None, "", problems)

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(
                1,
                f"the file is too large ({size / 1_048_576:.1f} MB; a checklist file may be at "
                f"most {MAX_FILE_BYTES // 1_048_576} MB)",
            )
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        return fail(0, f"cannot read the file: {e.strerror or e}")
    if len(data) > MAX_FILE_BYTES:
        return fail(
            1,
            f"the file is too large (a checklist file may be at most "
            f"{MAX_FILE_BYTES // 1_048_576} MB)",
        )
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return fail(
            line,
            f"the file is not valid UTF-8 (byte 0x{data[e.start]:02x} at column {col}); "
            "save it as UTF-8",
            col,
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return fail(line, "the file contains a NUL character; is it a text file?")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 0
        what = e.problem or "invalid YAML"
        if "expected a single document" in str(e):
            what = "the file holds more than one YAML document (remove the '---' separators)"
        return fail(line, f"YAML syntax error: {what} (column {col})", col)
    except yaml.YAMLError as e:
        return fail(1, f"YAML error: {e}")
    except RecursionError:
        return fail(1, "the file is nested too deeply")
    if node is None:
        return fail(1, "the file is empty")
    try:
        root = _convert(node, shown, problems, set())
    except RecursionError:
        return fail(1, "the file is nested too deeply")
    return ParsedFile(path, shown, root, digest, problems)


def _convert(node: yaml.Node, shown: str, problems: list[Problem], seen: set[int]) -> YNode:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:
        # Composition shares the node object of an anchor with each alias that points at it.
        problems.append(
            Problem(shown, line, "anchors and aliases (& and *) are not allowed; write it out", col)
        )
        return YScalar(line, col, "", _STD + "null")
    seen.add(id(node))
    if node.tag not in _ALLOWED_TAGS:
        problems.append(
            Problem(shown, line, f"the tag {node.tag.replace(_STD, '!!')} is not allowed", col)
        )
        return YScalar(line, col, "", _STD + "null")
    if isinstance(node, yaml.ScalarNode):
        return YScalar(line, col, str(node.value), node.tag, quoted=node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        return YSeq(line, col, [_convert(n, shown, problems, seen) for n in node.value])
    assert isinstance(node, yaml.MappingNode)
    out = YMap(line, col)
    for k, v in node.value:
        kline = k.start_mark.line + 1
        if not isinstance(k, yaml.ScalarNode):
            problems.append(
                Problem(shown, kline, "a key must be a plain word", k.start_mark.column)
            )
            continue
        key = str(k.value)
        if key == "<<":
            problems.append(Problem(shown, kline, "merge keys (<<) are not allowed; write it out"))
            continue
        if key in out.entries:
            first = out.entries[key][0].line
            problems.append(Problem(shown, kline, f"duplicate key '{key}' (first at line {first})"))
            continue
        knode = YScalar(kline, k.start_mark.column + 1, key, k.tag)
        out.entries[key] = (knode, _convert(v, shown, problems, seen))
    return out
