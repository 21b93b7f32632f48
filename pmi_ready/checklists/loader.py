"""Checklist folders -> a validated `Catalog`, or every problem as ``FILE:LINE: message``.

Two passes: each file is read and checked on its own (syntax, keys, types, texts), then the files
are checked together (one profile, unique ids, conditions against the profile, source references).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pmi_ready.checklists.catalog import (
    _key,
    builtin_paths as builtin_paths,  # re-exported
    discover,
    load_catalog as load_catalog,  # re-exported
)
from pmi_ready.checklists.yamlnodes import (
    ParsedFile,
    YMap,
    YNode,
    YScalar,
    YSeq,
    read_file,
    to_plain,
)
from pmi_ready.core import (
    AnswerValue,
    Catalog,
    Checklist,
    Choice,
    Condition,
    ConditionValue,
    Contact,
    Contacts,
    DataFile,
    FieldType,
    Item,
    Level,
    Problem,
    ProfileField,
    ProfileSpec,
    Range,
    Source,
    Text,
    display_path,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VALUE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
KINDS = ("checklist", "profile", "sources", "contacts", "funds")
CONTACT_KINDS = ("phone", "whatsapp", "office", "app", "web", "email")

# A validator for a data kind (``funds``): it reports problems on the node tree via `Ctx` and
# returns the source references it found, which are checked against every declared source.
DataValidator = Callable[[YMap, "Ctx"], Iterable[YScalar] | None]
DATA_VALIDATORS: dict[str, DataValidator] = {}


# --------------------------------------------------------------------------- helpers for one file
@dataclass
class Ctx:
    shown: str
    problems: list[Problem]

    def add(self, node: YNode | None, msg: str) -> None:
        self.problems.append(Problem(self.shown, node.line if node else 1, msg))

    def mapping(self, node: YNode | None, what: str) -> YMap | None:
        if isinstance(node, YMap):
            return node
        self.add(node, f"{what} must be a mapping of 'key: value' lines, not {_shape(node)}")
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
            self.add(node, f"{what} must be a non-empty text, not {_shape(node)}")
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
                return Text(_clean_text(a.raw), _clean_text(b.raw))
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
                out[lang] = _clean_text(v.raw)
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
        self.add(node, f"{what} must be a list ('- …' lines), not {_shape(node)}")
        return []


_STR_TAG = "tag:yaml.org,2002:str"


def _clean_text(raw: str) -> str:
    """One line of text with single spaces, or a block (with line breaks) kept as written."""
    stripped = raw.strip()
    return " ".join(stripped.split()) if "\n" not in stripped else stripped


def _shape(node: YNode | None) -> str:
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


# --------------------------------------------------------------------------- raw, per-file results
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


_COMMON = ("kind", "id", "version", "reviewed")
_CHECKLIST_KEYS = (
    *_COMMON,
    "order",
    "title",
    "intro",
    "when",
    "unless",
    "currency",
    "sources",
    "items",
)
_ITEM_KEYS = (
    "id",
    "ask",
    "why",
    "how",
    "office",
    "level",
    "ready_when",
    "red_flag",
    "allow_na",
    "sensitive",
    "when",
    "unless",
    "source",
)
_PROFILE_KEYS = (*_COMMON, "title", "fields")
_FIELD_KEYS = ("id", "type", "ask", "help", "required", "choices", "min", "max")
_SOURCES_KEYS = (*_COMMON, "title", "sources")
_SOURCE_KEYS = ("title", "url", "publisher", "date", "note", "verified")
_CONTACTS_KEYS = (*_COMMON, "title", "verified", "source", "contacts")
_CONTACT_KEYS = ("id", "kind", "value", "label", "note")


def _check_file(parsed: ParsedFile) -> FileResult:
    res = FileResult(parsed)
    ctx = Ctx(parsed.shown, parsed.problems)
    if parsed.root is None:
        return res
    if isinstance(parsed.root, YScalar) and parsed.root.is_null:
        ctx.add(parsed.root, "the file is empty")
        return res
    root = ctx.mapping(parsed.root, "the top of the file")
    if root is None:
        return res
    kind_node = root.get("kind")
    kind = "checklist"
    if kind_node is not None:
        k = ctx.string(kind_node, "kind")
        if k is not None and k not in KINDS:
            near = difflib.get_close_matches(k, KINDS, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else f" (one of: {', '.join(KINDS)})"
            ctx.add(kind_node, f"unknown kind '{k}'{hint}")
            return res
        kind = k or kind
    res.kind = kind
    res.id_node = root.get("id")
    res.doc_id = (
        ctx.string(
            res.id_node, "id", pattern=ID_RE, hint=" (use lower-case letters, digits and '-')"
        )
        or ""
    )
    if kind == "checklist":
        _check_checklist(root, ctx, res)
    elif kind == "profile":
        _check_profile(root, ctx, res)
    elif kind == "sources":
        ctx.keys(root, _SOURCES_KEYS, ("id", "reviewed", "sources"), "a sources file")
        ctx.date(root.get("reviewed"), "reviewed")
        res.sources = _check_sources(root.get("sources"), ctx)
    elif kind == "contacts":
        _check_contacts(root, ctx, res)
    else:
        reviewed = ctx.date(root.get("reviewed"), "reviewed")
        validator = DATA_VALIDATORS.get(kind)
        if validator is None:
            _load_data_validators()
            validator = DATA_VALIDATORS.get(kind)
        if validator is not None:
            res.data_sources = list(validator(root, ctx) or ())
        data = to_plain(root)
        assert isinstance(data, dict)
        res.data = DataFile(
            kind, res.doc_id, reviewed or dt.date.min, data, parsed.shown, parsed.sha256
        )
    return res


def _load_data_validators() -> None:
    """Modules that own a data kind register their validator on import."""
    import importlib

    for name in ("pmi_ready.funds.checker",):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            continue


def _check_checklist(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(root, _CHECKLIST_KEYS, ("id", "version", "reviewed", "title", "items"), "a checklist")
    version = ctx.string(root.get("version"), "version") if "version" in root else None
    reviewed = ctx.date(root.get("reviewed"), "reviewed") if "reviewed" in root else None
    title = ctx.text(root.get("title"), "title") if "title" in root else None
    intro = ctx.text(root.get("intro"), "intro") if "intro" in root else None
    order = ctx.integer(root.get("order"), "order") if "order" in root else 100
    currency = None
    if "currency" in root:
        currency = ctx.string(
            root.get("currency"),
            "currency",
            pattern=CURRENCY_RE,
            hint=" (use a three-letter code such as TWD)",
        )
    res.when = _raw_condition(root.get("when"), ctx, "when") if "when" in root else None
    res.unless = _raw_condition(root.get("unless"), ctx, "unless") if "unless" in root else None
    if "sources" in root:
        res.sources = _check_sources(root.get("sources"), ctx)
    items_node = root.get("items")
    nodes = ctx.sequence(items_node, "items") if items_node is not None else []
    if items_node is not None and not nodes and isinstance(items_node, YSeq | YScalar):
        ctx.add(items_node, "the checklist has no items")
    seen: dict[str, int] = {}
    for node in nodes:
        raw = _check_item(node, ctx, res.doc_id)
        if raw is None:
            continue
        if raw.item.id in seen:
            ctx.add(node, f"duplicate item id '{raw.item.id}' (first at line {seen[raw.item.id]})")
            continue
        seen[raw.item.id] = raw.item.line
        res.items.append(raw)
    if None in (version, reviewed, title, order) or not res.doc_id:
        return
    assert version and reviewed and title and order is not None
    res.checklist = Checklist(
        id=res.doc_id,
        version=version,
        reviewed=reviewed,
        title=title,
        items=(),
        order=order,
        intro=intro,
        currency=currency,
        path=ctx.shown,
        sha256=res.parsed.sha256,
    )


def _check_item(node: YNode, ctx: Ctx, checklist_id: str) -> RawItem | None:
    m = ctx.mapping(node, "an item")
    if m is None:
        return None
    ctx.keys(m, _ITEM_KEYS, ("id", "ask", "why", "how", "level", "source"), "an item")
    item_id = (
        ctx.string(
            m.get("id"), "item id", pattern=ID_RE, hint=" (use lower-case letters, digits and '-')"
        )
        if "id" in m
        else None
    )
    what = f"item '{item_id}'" if item_id else "an item"
    ask = ctx.text(m.get("ask"), f"{what}: ask") if "ask" in m else None
    why = ctx.text(m.get("why"), f"{what}: why") if "why" in m else None
    how = ctx.text(m.get("how"), f"{what}: how") if "how" in m else None
    office = ctx.text(m.get("office"), f"{what}: office") if "office" in m else None
    level: Level | None = None
    if "level" in m:
        lv = ctx.string(m.get("level"), f"{what}: level")
        if lv is not None:
            try:
                level = Level(lv)
            except ValueError:
                near = difflib.get_close_matches(lv, [x.value for x in Level], n=1)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                ctx.add(
                    m.get("level"), f"unknown level '{lv}' (critical, important or advice){hint}"
                )
    red_flag = ctx.boolean(m.get("red_flag"), f"{what}: red_flag") if "red_flag" in m else False
    allow_na = ctx.boolean(m.get("allow_na"), f"{what}: allow_na") if "allow_na" in m else False
    sensitive = ctx.boolean(m.get("sensitive"), f"{what}: sensitive") if "sensitive" in m else False
    ready = AnswerValue.NO if red_flag else AnswerValue.YES
    if "ready_when" in m:
        rw_node = m.get("ready_when")
        rw = _yes_no(rw_node)
        if rw is None:
            ctx.add(rw_node, f'{what}: ready_when must be "yes" or "no"')
        else:
            ready = AnswerValue.YES if rw else AnswerValue.NO
            if red_flag and rw:
                ctx.add(rw_node, f'{what}: a red_flag item is ready when the answer is "no"')
    when = _raw_condition(m.get("when"), ctx, f"{what}: when") if "when" in m else None
    unless = _raw_condition(m.get("unless"), ctx, f"{what}: unless") if "unless" in m else None
    source_nodes: list[YScalar] = []
    if "source" in m:
        sn = m.get("source")
        cands = sn.items if isinstance(sn, YSeq) else [sn] if sn is not None else []
        for s in cands:
            if ctx.string(s, f"{what}: source") is not None:
                assert isinstance(s, YScalar)
                source_nodes.append(s)
        if isinstance(sn, YSeq) and not sn.items:
            ctx.add(sn, f"{what}: source must name at least one source")
    if None in (item_id, ask, why, how, level) or not source_nodes:
        return None
    assert item_id and ask and why and how and level
    item = Item(
        id=item_id,
        checklist_id=checklist_id,
        ask=ask,
        why=why,
        how=how,
        level=level,
        ready_when=ready,
        source_ids=tuple(s.raw.strip() for s in source_nodes),
        red_flag=red_flag,
        allow_na=allow_na,
        sensitive=sensitive,
        office=office,
        path=ctx.shown,
        line=m.line,
    )
    return RawItem(item, when, unless, source_nodes)


def _yes_no(node: YNode | None) -> bool | None:
    """``yes``/``no`` written bare (a YAML boolean) or quoted."""
    if not isinstance(node, YScalar):
        return None
    low = node.raw.strip().lower()
    return True if low in ("yes", "true", "y") else False if low in ("no", "false", "n") else None


def _raw_condition(node: YNode | None, ctx: Ctx, what: str) -> RawCondition | None:
    m = ctx.mapping(node, what)
    if m is None:
        return None
    if not m.entries:
        ctx.add(m, f"{what} is empty")
        return None
    return RawCondition([(k, v, kn) for k, (kn, v) in m.entries.items()], m.line)


def _check_profile(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(root, _PROFILE_KEYS, ("id", "version", "reviewed", "fields"), "the profile")
    version = ctx.string(root.get("version"), "version") if "version" in root else None
    reviewed = ctx.date(root.get("reviewed"), "reviewed") if "reviewed" in root else None
    title = (
        ctx.text(root.get("title"), "title") if "title" in root else Text("Data diri", "About you")
    )
    fields: list[ProfileField] = []
    seen: set[str] = set()
    nodes = ctx.sequence(root.get("fields"), "fields") if "fields" in root else []
    for node in nodes:
        f = _check_field(node, ctx)
        if f is None:
            continue
        if f.id in seen:
            ctx.add(node, f"duplicate profile field '{f.id}'")
            continue
        seen.add(f.id)
        fields.append(f)
    if "fields" in root and not nodes:
        ctx.add(root.get("fields"), "the profile has no fields")
    if version and reviewed and title and res.doc_id:
        res.profile = ProfileSpec(
            res.doc_id, version, reviewed, title, tuple(fields), ctx.shown, res.parsed.sha256
        )


def _check_field(node: YNode, ctx: Ctx) -> ProfileField | None:
    m = ctx.mapping(node, "a profile field")
    if m is None:
        return None
    ctx.keys(m, _FIELD_KEYS, ("id", "type", "ask"), "a profile field")
    fid = ctx.string(m.get("id"), "field id", pattern=ID_RE) if "id" in m else None
    what = f"field '{fid}'" if fid else "a field"
    ftype: FieldType | None = None
    if "type" in m:
        t = ctx.string(m.get("type"), f"{what}: type")
        if t is not None:
            try:
                ftype = FieldType(t)
            except ValueError:
                ctx.add(
                    m.get("type"),
                    f"{what}: unknown type '{t}' (one of: {', '.join(x.value for x in FieldType)})",
                )
    ask = ctx.text(m.get("ask"), f"{what}: ask") if "ask" in m else None
    help_ = ctx.text(m.get("help"), f"{what}: help") if "help" in m else None
    required = ctx.boolean(m.get("required"), f"{what}: required") if "required" in m else True
    lo = ctx.number(m.get("min"), f"{what}: min") if "min" in m else None
    hi = ctx.number(m.get("max"), f"{what}: max") if "max" in m else None
    choices: list[Choice] = []
    if ftype is FieldType.CHOICE:
        cnodes = ctx.sequence(m.get("choices"), f"{what}: choices")
        seen: set[str] = set()
        for cn in cnodes:
            cm = ctx.mapping(cn, f"{what}: a choice")
            if cm is None:
                continue
            ctx.keys(cm, ("value", "label"), ("value", "label"), f"{what}: a choice")
            val = (
                ctx.string(cm.get("value"), f"{what}: choice value", pattern=VALUE_RE)
                if "value" in cm
                else None
            )
            label = ctx.text(cm.get("label"), f"{what}: choice label") if "label" in cm else None
            if val and val in seen:
                ctx.add(cn, f"{what}: duplicate choice '{val}'")
            elif val and label:
                seen.add(val)
                choices.append(Choice(val, label))
        if not cnodes and "choices" in m:
            ctx.add(m.get("choices"), f"{what}: a choice field needs at least one choice")
    elif "choices" in m:
        ctx.add(m.get("choices"), f"{what}: only a 'choice' field has choices")
    if fid is None or ftype is None or ask is None:
        return None
    return ProfileField(fid, ftype, ask, required, tuple(choices), help_, lo, hi, m.line)


def _check_sources(node: YNode | None, ctx: Ctx) -> list[Source]:
    m = ctx.mapping(node, "sources")
    out: list[Source] = []
    if m is None:
        return out
    for sid, (knode, val) in m.entries.items():
        if not ID_RE.match(sid):
            ctx.add(knode, f"source id '{sid}' is not valid (use lower-case letters, digits, '-')")
            continue
        sm = ctx.mapping(val, f"source '{sid}'")
        if sm is None:
            continue
        ctx.keys(sm, _SOURCE_KEYS, ("title",), f"source '{sid}'")
        title = ctx.string(sm.get("title"), f"source '{sid}': title") if "title" in sm else None
        opt: dict[str, str | None] = {}
        for key in ("url", "publisher", "note", "date"):
            n = sm.get(key)
            opt[key] = ctx.string(n, f"source '{sid}': {key}") if n is not None else None
        url = opt["url"]
        if url and not url.startswith(("https://", "http://")):
            ctx.add(sm.get("url"), f"source '{sid}': url must start with https://")
        verified = (
            ctx.boolean(sm.get("verified"), f"source '{sid}': verified")
            if "verified" in sm
            else True
        )
        if title:
            out.append(
                Source(
                    sid,
                    title,
                    url,
                    opt["publisher"],
                    opt["date"],
                    opt["note"],
                    verified,
                    ctx.shown,
                    knode.line,
                )
            )
    return out


def _check_contacts(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(
        root,
        _CONTACTS_KEYS,
        ("id", "reviewed", "verified", "source", "contacts"),
        "the contacts file",
    )
    reviewed = ctx.date(root.get("reviewed"), "reviewed") if "reviewed" in root else None
    verified, month_only = None, False
    vnode = root.get("verified")
    if isinstance(vnode, YScalar) and re.fullmatch(r"\d{4}-\d{2}", vnode.raw.strip()):
        try:  # a month alone, when the source names no day
            verified, month_only = dt.date.fromisoformat(vnode.raw.strip() + "-01"), True
        except ValueError:
            ctx.add(vnode, "verified must be a date written YYYY-MM-DD, or a month YYYY-MM")
    elif vnode is not None:
        verified = ctx.date(vnode, "verified")
    src = root.get("source")
    for s in src.items if isinstance(src, YSeq) else [src] if src is not None else []:
        if ctx.string(s, "source") is not None:
            assert isinstance(s, YScalar)
            res.contact_sources.append(s)
    contacts: list[Contact] = []
    seen: set[str] = set()
    for node in ctx.sequence(root.get("contacts"), "contacts") if "contacts" in root else []:
        m = ctx.mapping(node, "a contact")
        if m is None:
            continue
        ctx.keys(m, _CONTACT_KEYS, ("id", "kind", "label"), "a contact")
        cid = ctx.string(m.get("id"), "contact id", pattern=ID_RE) if "id" in m else None
        kind = ctx.string(m.get("kind"), "contact kind") if "kind" in m else None
        if kind and kind not in CONTACT_KINDS:
            ctx.add(m.get("kind"), f"unknown contact kind '{kind}' ({', '.join(CONTACT_KINDS)})")
            kind = None
        value = ctx.string(m.get("value"), "contact value") if "value" in m else None
        label = ctx.text(m.get("label"), "contact label") if "label" in m else None
        note = ctx.text(m.get("note"), "contact note") if "note" in m else None
        if cid and cid in seen:
            ctx.add(node, f"duplicate contact id '{cid}'")
        elif cid and kind and label:
            seen.add(cid)
            contacts.append(Contact(cid, kind, label, value, note))
    if reviewed and verified:
        res.contacts = Contacts(
            reviewed,
            verified,
            tuple(s.raw.strip() for s in res.contact_sources),
            tuple(contacts),
            ctx.shown,
            month_only,
        )


# --------------------------------------------------------------------------- all files together
def _resolve_condition(
    raw: RawCondition, spec: ProfileSpec, ctx: Ctx, what: str
) -> Condition | None:
    terms: list[tuple[str, ConditionValue]] = []
    ok = True
    for field_id, vnode, knode in raw.terms:
        f = spec.field(field_id)
        if f is None:
            names = [x.id for x in spec.fields]
            near = difflib.get_close_matches(field_id, names, n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else f" (fields: {', '.join(names)})"
            ctx.add(knode, f"{what} uses the unknown profile field '{field_id}'{hint}")
            ok = False
            continue
        if f.type in (FieldType.NUMBER, FieldType.AGE):
            rng = _range(vnode, ctx, f"{what}: {field_id}")
            if rng is None:
                ok = False
            else:
                terms.append((field_id, rng))
            continue
        if f.type is FieldType.TEXT:
            ctx.add(knode, f"{what}: a condition cannot use the free-text field '{field_id}'")
            ok = False
            continue
        allowed = [c.value for c in f.choices] if f.type is FieldType.CHOICE else ["yes", "no"]
        values: list[str] = []
        for vn in vnode.items if isinstance(vnode, YSeq) else [vnode]:
            if not isinstance(vn, YScalar) or vn.is_null:
                ctx.add(vn, f"{what}: '{field_id}' must list values, not {_shape(vn)}")
                ok = False
                continue
            v = vn.raw.strip()
            if f.type is FieldType.YES_NO and vn.as_bool() is not None:
                v = "yes" if vn.as_bool() else "no"
            if v not in allowed:
                near = difflib.get_close_matches(v, allowed, n=1, cutoff=0.5)
                hint = (
                    f"; did you mean '{near[0]}'?" if near else f" (one of: {', '.join(allowed)})"
                )
                ctx.add(vn, f"{what}: '{v}' is not a value of the profile field '{field_id}'{hint}")
                ok = False
                continue
            values.append(v)
        if isinstance(vnode, YSeq) and not vnode.items:
            ctx.add(vnode, f"{what}: '{field_id}' lists no values")
            ok = False
        if values:
            terms.append((field_id, frozenset(values)))
    return Condition(tuple(terms)) if ok and terms else None


def _range(node: YNode, ctx: Ctx, what: str) -> Range | None:
    if isinstance(node, YScalar):
        n = node.as_number()
        if n is not None:
            return Range(n, n)
    m = ctx.mapping(node, f"{what} (a number field takes {{min: …, max: …}})")
    if m is None:
        return None
    ctx.keys(m, ("min", "max"), (), what)
    lo = ctx.number(m.get("min"), f"{what}: min") if "min" in m else None
    hi = ctx.number(m.get("max"), f"{what}: max") if "max" in m else None
    if lo is None and hi is None:
        ctx.add(m, f"{what} needs min, max or both")
        return None
    if lo is not None and hi is not None and lo > hi:
        ctx.add(m, f"{what}: min is larger than max")
        return None
    return Range(lo, hi)


def validate(
    paths: Sequence[Path], context: Sequence[Path] = ()
) -> tuple[Catalog | None, list[Problem]]:
    """Load and check these files and folders together. Returns the catalog when there are no
    problems, and every problem found (sorted by file and line).

    ``context`` (the built-in checklists) is added first unless ``paths`` bring their own profile
    file: a folder with its own profile is a complete set and replaces the built-in one.
    """
    files, problems = discover(paths)
    results = [_check_file(read_file(p, display_path(p))) for p in files]
    if context and not any(r.kind == "profile" for r in results):
        given = {_key(p) for p in files}
        ctx_files, ctx_problems = discover(context)
        problems.extend(ctx_problems)
        results = [
            _check_file(read_file(p, display_path(p))) for p in ctx_files if _key(p) not in given
        ] + results
    for r in results:
        problems.extend(r.parsed.problems)
    catalog = _combine(results, problems)
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
    return (catalog if not problems else None), problems


def _combine(results: list[FileResult], problems: list[Problem]) -> Catalog | None:
    def ctx_for(r: FileResult) -> Ctx:
        return Ctx(r.parsed.shown, problems)

    # ids of documents are unique across kinds
    doc_ids: dict[str, FileResult] = {}
    for r in results:
        if not r.doc_id:
            continue
        if r.doc_id in doc_ids and not (r.kind == "profile" == doc_ids[r.doc_id].kind):
            ctx_for(r).add(
                r.id_node,
                f"the id '{r.doc_id}' is already used by {doc_ids[r.doc_id].parsed.shown}",
            )
        else:
            doc_ids[r.doc_id] = r
    profiles = [r for r in results if r.kind == "profile"]
    if not profiles and results:
        problems.append(
            Problem(
                results[0].parsed.shown,
                0,
                "no profile file (kind: profile) is loaded; conditions cannot be checked",
            )
        )
    for r in profiles[1:]:
        ctx_for(r).add(
            r.id_node,
            f"a second profile file (the first is "
            f"{profiles[0].parsed.shown}); only one may be loaded",
        )
    spec = profiles[0].profile if profiles else None

    sources: dict[str, Source] = {}
    for r in results:
        for s in r.sources:
            prev = sources.get(s.id)
            if prev is not None and (prev.title, prev.url) != (s.title, s.url):
                problems.append(
                    Problem(
                        r.parsed.shown,
                        s.line,
                        f"source '{s.id}' is already "
                        f"declared differently in {prev.path}:{prev.line}",
                    )
                )
            elif prev is None:
                sources[s.id] = s

    def check_refs(r: FileResult, nodes: Iterable[YScalar], what: str) -> None:
        for n in nodes:
            sid = n.raw.strip()
            if sid not in sources:
                near = difflib.get_close_matches(sid, list(sources), n=1, cutoff=0.6)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                ctx_for(r).add(n, f"{what} refers to the undeclared source '{sid}'{hint}")

    item_ids: dict[str, str] = {}
    checklists: list[Checklist] = []
    contacts: Contacts | None = None
    data: dict[str, DataFile] = {}
    for r in results:
        ctx = ctx_for(r)
        if r.kind == "contacts":
            check_refs(r, r.contact_sources, "the contacts file")
            if contacts is not None and r.contacts is not None:
                ctx.add(r.id_node, "a second contacts file; only one may be loaded")
            contacts = contacts or r.contacts
        if r.data is not None:
            check_refs(r, r.data_sources, f"the {r.kind} file")
            data[r.data.id] = r.data
        if r.kind != "checklist":
            continue
        when = unless = None
        if spec is not None:
            when = _resolve_condition(r.when, spec, ctx, "when") if r.when else None
            unless = _resolve_condition(r.unless, spec, ctx, "unless") if r.unless else None
        items: list[Item] = []
        for raw in r.items:
            it = raw.item
            where = f"{r.parsed.shown}:{it.line}"
            if it.id in item_ids:
                ctx.add(
                    _line_node(it.line), f"item id '{it.id}' is already used at {item_ids[it.id]}"
                )
                continue
            item_ids[it.id] = where
            check_refs(r, raw.source_nodes, f"item '{it.id}'")
            iw = iu = None
            if spec is not None:
                what = f"item '{it.id}'"
                iw = _resolve_condition(raw.when, spec, ctx, f"{what}: when") if raw.when else None
                iu = (
                    _resolve_condition(raw.unless, spec, ctx, f"{what}: unless")
                    if raw.unless
                    else None
                )
            items.append(replace(it, when=iw, unless=iu))
        if r.checklist is not None:
            checklists.append(replace(r.checklist, items=tuple(items), when=when, unless=unless))
    if spec is None:
        return None
    checklists.sort(key=lambda c: (c.order, c.id))
    return Catalog(spec, tuple(checklists), sources, contacts, data)


def _line_node(line: int) -> YNode:
    return YNode(line, 0)
