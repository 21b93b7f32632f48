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
from pmi_ready.core import (
    N_,
    Checklist,
    Contacts,
    DataFile,
    Item,
    Msg,
    Problem,
    ProfileSpec,
    Source,
    Text,
    Verbatim,
    code,
    codes,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VALUE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
COMMON_KEYS = ("kind", "id", "version", "reviewed")

if TYPE_CHECKING:
    from pmi_ready.checklists.validation.item_rules import RawExtras


def msg(msgid: str, /, **params: object) -> Msg:
    """A problem's message: a `Msg` whose plain-text values (keys, ids and values quoted from the
    file, paths) are `Verbatim`: shown as written in every language, never looked up as msgids."""
    return Msg(msgid, **{k: Verbatim(v) if type(v) is str else v for k, v in params.items()})


key = code  # a key of the file named in a message: 'reviewed'
names = codes  # a list of them


def at(what: str, *path: str) -> Msg:
    """A part of ``what`` named by its keys: ``item 'x': when: age``."""
    out = what if isinstance(what, Msg) else Msg(what)
    for k in path:
        out = msg(N_("{what}: {key}"), what=out, key=key(k))
    return out


def unknown(
    name: str,
    known: Sequence[str],
    found_near: str,
    otherwise: str,
    /,
    *,
    cutoff: float = 0.6,
    **params: object,
) -> Msg:
    """The problem of a name that is not known: the msgid ``found_near`` with the known name
    closest to ``name`` as ``{near}``, else ``otherwise`` with the known names as ``{known}``."""
    near = difflib.get_close_matches(name, known, n=1, cutoff=cutoff)
    if near:
        return msg(found_near, near=near[0], **params)
    return msg(otherwise, known=names(known), **params)


def item_what(item_id: str | None) -> Msg:
    """The subject of a message about one item: ``item 'x'``, or ``an item`` without an id."""
    return msg(N_("item '{id}'"), id=item_id) if item_id else msg(N_("an item"))


INVALID = N_("{what} '{value}' is not valid")
INVALID_ID = N_("{what} '{value}' is not valid (use lower-case letters, digits and '-')")


@dataclass
class Ctx:
    shown: str
    problems: list[Problem]

    def add(self, node: YNode | None, message: str) -> None:
        self.problems.append(Problem(self.shown, node.line if node else 1, message))

    def mapping(self, node: YNode | None, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.add(
            node,
            msg(
                N_("{what} must be a mapping of 'key: value' lines, not {shape}"),
                what=what,
                shape=shape(node),
            ),
        )
        return None

    def keys(self, m: YMap, allowed: Sequence[str], required: Sequence[str], what: str) -> None:
        for k, (knode, _) in m.entries.items():
            if k not in allowed:
                problem = unknown(
                    k,
                    allowed,
                    N_("unknown key '{key}' in {what}; did you mean '{near}'?"),
                    N_("unknown key '{key}' in {what} (allowed: {known})"),
                    key=k,
                    what=what,
                )
                self.add(knode, problem)
        for k in required:
            if k not in m:
                self.add(m, msg(N_("{what} is missing '{key}'"), what=what, key=k))

    def string(
        self,
        node: YNode | None,
        what: str,
        *,
        pattern: re.Pattern[str] | None = None,
        invalid: str = INVALID,
    ) -> str | None:
        """The text of ``node``; ``invalid`` (a msgid with ``{what}`` and ``{value}``) is the
        problem when it does not match ``pattern``."""
        if not isinstance(node, YScalar) or node.is_null or node.raw.strip() == "":
            self.add(
                node,
                msg(
                    N_("{what} must be a non-empty text, not {shape}"), what=what, shape=shape(node)
                ),
            )
            return None
        value = node.raw.strip()
        if pattern is not None and not pattern.match(value):
            self.add(node, msg(invalid, what=what, value=value))
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
        m = self.mapping(node, msg(N_("{what} (a text with 'id' and 'en')"), what=what))
        if m is None:
            return None
        self.keys(m, ("id", "en"), (), what)
        out: dict[str, str] = {}
        for lang, no_text, empty_text in (
            (
                "id",
                N_("{what} has no Indonesian text ('id:')"),
                N_("{what} has an empty Indonesian text ('id:')"),
            ),
            (
                "en",
                N_("{what} has no English text ('en:')"),
                N_("{what} has an empty English text ('en:')"),
            ),
        ):
            v = m.get(lang)
            if v is None:
                self.add(m, msg(no_text, what=what))
            elif not isinstance(v, YScalar) or v.is_null or not v.raw.strip():
                self.add(v, msg(empty_text, what=what))
            else:
                out[lang] = clean_text(v.raw)
        if len(out) != 2:
            return None
        return Text(out["id"], out["en"])

    def date(self, node: YNode | None, what: str) -> dt.date | None:
        d = node.as_date() if isinstance(node, YScalar) else None
        if d is None:
            self.add(node, msg(N_("{what} must be a date written YYYY-MM-DD"), what=what))
        return d

    def boolean(self, node: YNode | None, what: str) -> bool:
        b = node.as_bool() if isinstance(node, YScalar) else None
        if b is None:
            self.add(node, msg(N_("{what} must be true or false"), what=what))
            return False
        return b

    def integer(self, node: YNode | None, what: str) -> int | None:
        n = node.as_int() if isinstance(node, YScalar) else None
        if n is None:
            self.add(node, msg(N_("{what} must be a whole number"), what=what))
        return n

    def number(self, node: YNode | None, what: str) -> float | None:
        n = node.as_number() if isinstance(node, YScalar) else None
        if n is None:
            self.add(node, msg(N_("{what} must be a number"), what=what))
        return n

    def sequence(self, node: YNode | None, what: str) -> list[YNode]:
        if isinstance(node, YSeq):
            return node.items
        self.add(
            node,
            msg(
                N_("{what} must be a list ('- …' lines), not {shape}"), what=what, shape=shape(node)
            ),
        )
        return []


_STR_TAG = "tag:yaml.org,2002:str"


def clean_text(raw: str) -> str:
    """One line of text with single spaces, or a block (with line breaks) kept as written."""
    stripped = raw.strip()
    return " ".join(stripped.split()) if "\n" not in stripped else stripped


def shape(node: YNode | None) -> Msg:
    """What ``node`` is, for "… not {shape}": missing, a mapping, a list, empty or its text."""
    if node is None:
        return msg(N_("missing"))
    if isinstance(node, YMap):
        return msg(N_("a mapping"))
    if isinstance(node, YSeq):
        return msg(N_("a list"))
    assert isinstance(node, YScalar)
    if node.is_null:
        return msg(N_("empty"))
    return msg("'{text}'", text=node.raw[:40])  # the file's own words, in no catalog


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
