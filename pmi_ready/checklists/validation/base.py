"""What every validator of one kind of file shares: `Ctx` (problems as ``FILE:LINE: message`` and
the typed reads of a node), the patterns ids follow, and the per-file results the second pass
(`combine`) puts together."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmi_ready.checklists.yamlnodes import ParsedFile, YMap, YNode, YScalar, YSeq
from pmi_ready.core import Checklist, Contacts, DataFile, Item, Problem, ProfileSpec, Source, Text

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VALUE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
COMMON_KEYS = ("kind", "id", "version", "reviewed")

if TYPE_CHECKING:
    from pmi_ready.checklists.validation.item_rules import RawExtras


@dataclass
class Ctx:
    shown: str
    problems: list[Problem]

    def add(self, node: YNode | None, msg: str) -> None:
        self.problems.append(Problem(self.shown, node.line if node else 1, msg))

    def mapping(self, node: YNode | None, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.add(node, f"{what} must be a mapping of 'key: value' lines, not {shape(node)}")
        return None

    def keys(self, m: YMap, allowed: Sequence[str], required: Sequence[str], what: str) -> None:
        for key, (knode, _) in m.entries.items():
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{near[0]}'?" if near else f" (allowed: {', '.join(allowed)})"
                )
                self.add(knode, f"unknown key '{key}' in {what}{hint}")
        for key in required:
            if key not in m:
                self.add(m, f"{what} is missing '{key}'")

    def string(
        self,
        node: YNode | None,
        what: str,
        *,
        pattern: re.Pattern[str] | None = None,
        hint: str = "",
    ) -> str | None:
        if not isinstance(node, YScalar) or node.is_null or node.raw.strip() == "":
            self.add(node, f"{what} must be a non-empty text, not {shape(node)}")
            return None
        value = node.raw.strip()
        if pattern is not None and not pattern.match(value):
            self.add(node, f"{what} '{value}' is not valid{hint}")
            return None
        return value

    def text(self, node: YNode | None, what: str) -> Text | None:
        if isinstance(node, YMap) and len(node.entries) == 2:  # the usual, well-formed case
            i, e = node.entries.get("id"), node.entries.get("en")
            a, b = (i[1] if i else None), (e[1] if e else None)
            if (
                isinstance(a, YScalar)
                and isinstance(b, YScalar)
                and a.tag == b.tag == _STR_TAG
                and a.raw.strip()
                and b.raw.strip()
            ):
                return Text(clean_text(a.raw), clean_text(b.raw))
        m = self.mapping(node, f"{what} (a text with 'id' and 'en')")
        if m is None:
            return None
        self.keys(m, ("id", "en"), (), what)
        out: dict[str, str] = {}
        for lang, name in (("id", "Indonesian"), ("en", "English")):
            v = m.get(lang)
            if v is None:
                self.add(m, f"{what} has no {name} text ('{lang}:')")
            elif not isinstance(v, YScalar) or v.is_null or not v.raw.strip():
                self.add(v, f"{what} has an empty {name} text ('{lang}:')")
            else:
                out[lang] = clean_text(v.raw)
        if len(out) != 2:
            return None
        return Text(out["id"], out["en"])

    def date(self, node: YNode | None, what: str) -> dt.date | None:
        d = node.as_date() if isinstance(node, YScalar) else None
        if d is None:
            self.add(node, f"{what} must be a date written YYYY-MM-DD")
        return d

    def boolean(self, node: YNode | None, what: str) -> bool:
        b = node.as_bool() if isinstance(node, YScalar) else None
        if b is None:
            self.add(node, f"{what} must be true or false")
            return False
        return b

    def integer(self, node: YNode | None, what: str) -> int | None:
        n = node.as_int() if isinstance(node, YScalar) else None
        if n is None:
            self.add(node, f"{what} must be a whole number")
        return n

    def number(self, node: YNode | None, what: str) -> float | None:
        n = node.as_number() if isinstance(node, YScalar) else None
        if n is None:
            self.add(node, f"{what} must be a number")
        return n

    def sequence(self, node: YNode | None, what: str) -> list[YNode]:
        if isinstance(node, YSeq):
            return node.items
        self.add(node, f"{what} must be a list ('- …' lines), not {shape(node)}")
        return []


_STR_TAG = "tag:yaml.org,2002:str"


def clean_text(raw: str) -> str:
    """One line of text with single spaces, or a block (with line breaks) kept as written."""
    stripped = raw.strip()
    return " ".join(stripped.split()) if "\n" not in stripped else stripped


def shape(node: YNode | None) -> str:
    if node is None:
        return "missing"
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    assert isinstance(node, YScalar)
    if node.is_null:
        return "empty"
    return f"'{node.raw[:40]}'"


@dataclass
class RawCondition:
    """A condition as written, checked against the profile in the second pass."""

    terms: list[tuple[str, YNode, YScalar]]  # field, value node, key node
    line: int


@dataclass
class RawItem:
    item: Item
    when: RawCondition | None
    unless: RawCondition | None
    source_nodes: list[YScalar]
    extras: RawExtras | None = None  # flag, if_answer, from_profile (validation/item_rules.py)
    complete: bool = True  # False: the item has a problem; checked, never part of a catalog
    repeated: bool = False  # its id is another item's of the same file (already reported)


@dataclass
class FileResult:
    parsed: ParsedFile
    kind: str = ""
    doc_id: str = ""
    id_node: YNode | None = None
    profile: ProfileSpec | None = None
    checklist: Checklist | None = None
    when: RawCondition | None = None
    unless: RawCondition | None = None
    items: list[RawItem] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    contacts: Contacts | None = None
    contact_sources: list[YScalar] = field(default_factory=list)
    data: DataFile | None = None
    data_sources: list[YScalar] = field(default_factory=list)
