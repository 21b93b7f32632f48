"""Read one YAML file into a small node tree that keeps line numbers.

Safe by construction: the tree is built straight from the events of PyYAML's parser (the C one when
available), with the safe resolver for untagged scalars; nothing is ever constructed. Tags other
than the plain YAML ones, anchors and aliases, duplicate keys, invalid UTF-8 and over-large files
are problems with a line, never exceptions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from pmi_ready.core import N_, Msg, Problem, os_reason

MAX_FILE_BYTES = 2 * 1024 * 1024
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_NULL = _STD + "null"
_STR = _STD + "str"
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

    def fail(line: int, msg: str) -> ParsedFile:
        return ParsedFile(path, shown, None, "", [Problem(shown, line, msg)])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(
                1,
                Msg(
                    N_(
                        "the file is too large ({size} MB; a checklist file may be at most "
                        "{most} MB)"
                    ),
                    size=f"{size / 1_048_576:.1f}",
                    most=MAX_FILE_BYTES // 1_048_576,
                ),
            )
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        return fail(0, Msg(N_("cannot read the file: {reason}"), reason=os_reason(e)))
    if len(data) > MAX_FILE_BYTES:
        return fail(
            1,
            Msg(
                N_("the file is too large (a checklist file may be at most {most} MB)"),
                most=MAX_FILE_BYTES // 1_048_576,
            ),
        )
    return parse_bytes(data, path, shown)


def parse_bytes(data: bytes, path: Path, shown: str, noun: str = "file") -> ParsedFile:
    """Decode and compose one YAML document already read (``noun`` names it in messages: "file",
    or "input" for standard input). Never raises for bad content."""
    import hashlib

    problems: list[Problem] = []

    def fail(line: int, msg: str, col: int = 0) -> ParsedFile:
        problems.append(Problem(shown, line, msg, col))
        return ParsedFile(path, shown, None, "", problems)

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
            Msg(
                N_(
                    "the {noun} is not valid UTF-8 (byte 0x{byte} at column {col}); "
                    "save it as UTF-8"
                ),
                noun=noun,
                byte=f"{data[e.start]:02x}",
                col=col,
            ),
            col,
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return fail(
            line, Msg(N_("the {noun} contains a NUL character; is it a text file?"), noun=noun)
        )
    try:
        root = _compose(text, shown, problems)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 0
        what: str = e.problem or N_("invalid YAML")
        if "expected a single document" in str(e):
            what = Msg(
                N_("the {noun} holds more than one YAML document (remove the '---' separators)"),
                noun=noun,
            )
        return fail(
            line, Msg(N_("YAML syntax error: {what} (column {col})"), what=what, col=col), col
        )
    except yaml.YAMLError as e:
        return fail(1, Msg(N_("YAML error: {what}"), what=str(e)))
    except RecursionError:
        return fail(1, Msg(N_("the {noun} is nested too deeply"), noun=noun))
    if root is None:
        return fail(1, Msg(N_("the {noun} is empty"), noun=noun))
    return ParsedFile(path, shown, root, digest, problems)


_ANCHOR = N_("anchors and aliases (& and *) are not allowed; write it out")
_TAG = N_("the tag {tag} is not allowed")
# What a file is called in its messages (`parse_bytes`' noun), for the catalogs.
NOUNS = (N_("file"), N_("input"), N_("submission"))
# The problems PyYAML reports most often, for the catalogs: a syntax error says its problem in
# the user's language when it is one of these (the others as PyYAML writes them).
YAML_PROBLEMS = (
    N_("did not find expected node content"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("could not find expected ':'"),
    N_("mapping values are not allowed here"),
    N_("found character '\\t' that cannot start any token"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("found unexpected ':'"),
    N_("expected alphabetic or numeric character, but found ' '"),
)


def _compose(text: str, shown: str, problems: list[Problem]) -> YNode | None:
    """The file's one document as a node tree, built straight from the parser's events: no
    `yaml.Node` objects, and an anchor or alias is a problem where it stands, never followed
    (so an alias bomb costs nothing). None for an empty file."""
    loader = _Loader(text)
    try:
        loader.get_event()  # the stream's start
        if isinstance(loader.peek_event(), StreamEndEvent):
            return None
        document = loader.get_event()
        root = _node(loader, loader.get_event(), shown, problems)
        loader.get_event()  # the document's end
        if not isinstance(loader.peek_event(), StreamEndEvent):
            another = loader.get_event()
            raise ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                another.start_mark,
            )
        return root
    finally:
        loader.dispose()


def _node(loader: Any, event: Any, shown: str, problems: list[Problem]) -> YNode:
    mark = event.start_mark
    line, col = mark.line + 1, mark.column + 1
    kind = type(event)
    if kind is AliasEvent or event.anchor is not None:
        problems.append(Problem(shown, line, _ANCHOR, col))
        if kind is AliasEvent:
            return YScalar(line, col, "", _NULL)
    tag = event.tag
    if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
        problems.append(Problem(shown, line, Msg(_TAG, tag=tag.replace(_STD, "!!")), col))
        _skip(loader, event)
        return YScalar(line, col, "", _NULL)
    if kind is ScalarEvent:
        if tag is None or tag == "!":
            tag = _resolve(loader, event.value, event.implicit)
            if tag not in _ALLOWED_TAGS:  # e.g. the merge key's tag, as a value
                problems.append(Problem(shown, line, Msg(_TAG, tag=tag.replace(_STD, "!!")), col))
                return YScalar(line, col, "", _NULL)
        return YScalar(line, col, event.value, tag, quoted=event.style in ("'", '"'))
    if kind is SequenceStartEvent:
        items = []
        while type(item := loader.get_event()) is not SequenceEndEvent:
            items.append(_node(loader, item, shown, problems))
        return YSeq(line, col, items)
    out = YMap(line, col)
    while type(k := loader.get_event()) is not MappingEndEvent:
        kmark = k.start_mark
        kline = kmark.line + 1
        if type(k) is not ScalarEvent:
            problems.append(Problem(shown, kline, N_("a key must be a plain word"), kmark.column))
            _skip(loader, k)
            _skip(loader, loader.get_event())
            continue
        key = k.value
        if key == "<<":
            problems.append(
                Problem(shown, kline, N_("merge keys (<<) are not allowed; write it out"))
            )
            _skip(loader, loader.get_event())
            continue
        if key in out.entries:
            first = out.entries[key][0].line
            problems.append(
                Problem(
                    shown,
                    kline,
                    Msg(N_("duplicate key '{key}' (first at line {first})"), key=key, first=first),
                )
            )
            _skip(loader, loader.get_event())
            continue
        ktag = k.tag if k.tag not in (None, "!") else _resolve(loader, key, k.implicit)
        knode = YScalar(kline, kmark.column + 1, key, ktag)
        out.entries[key] = (knode, _node(loader, loader.get_event(), shown, problems))
    return out


_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}


def _resolve(loader: Any, value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of an untagged scalar (null, bool, int, str …), remembered for short values: keys
    and answers repeat, and PyYAML tries a list of patterns each time."""
    if not implicit[0]:  # quoted: always a string
        return _STR
    key = (value, implicit)
    tag = _RESOLVED.get(key)
    if tag is None:
        tag = str(loader.resolve(ScalarNode, value, implicit))
        if len(value) <= 32 and len(_RESOLVED) < 4096:
            _RESOLVED[key] = tag
    return tag


def _skip(loader: Any, event: Any) -> None:
    """Consume the rest of the node that ``event`` starts."""
    depth = 0
    while True:
        kind = type(event)
        if kind is SequenceStartEvent or kind is MappingStartEvent:
            depth += 1
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            depth -= 1
        if depth == 0:
            return
        event = loader.get_event()
