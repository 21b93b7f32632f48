"""A checklist file (``kind: checklist``, the default): its header and its items."""

from __future__ import annotations

from dataclasses import replace

from pmi_ready.checklists.validation.base import (
    COMMON_KEYS,
    CURRENCY_RE,
    ID_RE,
    INVALID_ID,
    Ctx,
    FileResult,
    RawItem,
    at,
    item_what,
    key,
    msg,
    unknown,
)
from pmi_ready.checklists.validation.conditions import raw_condition
from pmi_ready.checklists.validation.item_rules import EXTRA_KEYS, read_extras
from pmi_ready.checklists.validation.sources import check_sources
from pmi_ready.checklists.yamlnodes import YMap, YNode, YScalar, YSeq
from pmi_ready.core import N_, AnswerValue, Checklist, Item, Level, Text

_CHECKLIST_KEYS = (
    *COMMON_KEYS,
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
    "ask_if",
    "unless",
    "source",
    *EXTRA_KEYS,
)


def check_checklist(root: YMap, ctx: Ctx, res: FileResult) -> None:
    what = msg(N_("a checklist"))
    ctx.keys(root, _CHECKLIST_KEYS, ("id", "version", "reviewed", "title", "items"), what)
    version = ctx.string(root.get("version"), key("version")) if "version" in root else None
    reviewed = ctx.date(root.get("reviewed"), key("reviewed")) if "reviewed" in root else None
    title = ctx.text(root.get("title"), key("title")) if "title" in root else None
    intro = ctx.text(root.get("intro"), key("intro")) if "intro" in root else None
    order = ctx.integer(root.get("order"), key("order")) if "order" in root else 100
    currency = None
    if "currency" in root:
        currency = ctx.string(
            root.get("currency"),
            key("currency"),
            pattern=CURRENCY_RE,
            invalid=N_("{what} '{value}' is not valid (use a three-letter code such as TWD)"),
        )
    res.when = raw_condition(root.get("when"), ctx, key("when")) if "when" in root else None
    res.unless = raw_condition(root.get("unless"), ctx, key("unless")) if "unless" in root else None
    if "sources" in root:
        res.sources = check_sources(root.get("sources"), ctx)
    items_node = root.get("items")
    nodes = ctx.sequence(items_node, key("items")) if items_node is not None else []
    if items_node is not None and not nodes and isinstance(items_node, YSeq | YScalar):
        ctx.add(items_node, N_("the checklist has no items"))
    seen: dict[str, int] = {}
    for node in nodes:
        raw = _check_item(node, ctx, res.doc_id)
        if raw is None:
            continue
        if not raw.item.id:  # no usable id: its other parts are checked all the same
            res.items.append(raw)
            continue
        if raw.item.id in seen:
            ctx.add(
                node,
                msg(
                    N_("duplicate item id '{id}' (first at line {first})"),
                    id=raw.item.id,
                    first=seen[raw.item.id],
                ),
            )
            res.items.append(replace(raw, complete=False, repeated=True))  # checked all the same
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
    m = ctx.mapping(node, item_what(None))
    if m is None:
        return None
    ctx.keys(m, _ITEM_KEYS, ("id", "ask", "why", "how", "level", "source"), item_what(None))
    item_id = (
        ctx.string(m.get("id"), msg(N_("item id")), pattern=ID_RE, invalid=INVALID_ID)
        if "id" in m
        else None
    )
    what = item_what(item_id)
    ask = ctx.text(m.get("ask"), at(what, "ask")) if "ask" in m else None
    why = ctx.text(m.get("why"), at(what, "why")) if "why" in m else None
    how = ctx.text(m.get("how"), at(what, "how")) if "how" in m else None
    office = ctx.text(m.get("office"), at(what, "office")) if "office" in m else None
    level = _level(m, ctx, what) if "level" in m else None
    red_flag = ctx.boolean(m.get("red_flag"), at(what, "red_flag")) if "red_flag" in m else False
    allow_na = ctx.boolean(m.get("allow_na"), at(what, "allow_na")) if "allow_na" in m else False
    sensitive = (
        ctx.boolean(m.get("sensitive"), at(what, "sensitive")) if "sensitive" in m else False
    )
    ready = _ready_when(m, ctx, what, red_flag)
    when = raw_condition(m.get("when"), ctx, at(what, "when")) if "when" in m else None
    unless = raw_condition(m.get("unless"), ctx, at(what, "unless")) if "unless" in m else None
    source_nodes = _source_nodes(m, ctx, what) if "source" in m else []
    # An item with a problem is still checked to the end (its sources, conditions, id and rules
    # in the second pass), so that one run finds every problem; it never reaches a catalog.
    complete = None not in (item_id, ask, why, how, level) and bool(source_nodes)
    blank = Text("", "")
    item = Item(
        id=item_id or "",
        checklist_id=checklist_id,
        ask=ask or blank,
        why=why or blank,
        how=how or blank,
        level=level or Level.ADVICE,
        ready_when=ready,
        source_ids=tuple(s.raw.strip() for s in source_nodes),
        red_flag=red_flag,
        allow_na=allow_na,
        sensitive=sensitive,
        office=office,
        path=ctx.shown,
        line=m.line,
    )
    extras = read_extras(m, ctx, what, red_flag=red_flag, raw_condition=raw_condition)
    item = replace(item, flag=extras.flag)
    return RawItem(item, when, unless, source_nodes, extras, complete=complete)


def _level(m: YMap, ctx: Ctx, what: str) -> Level | None:
    lv = ctx.string(m.get("level"), at(what, "level"))
    if lv is None:
        return None
    try:
        return Level(lv)
    except ValueError:
        problem = unknown(
            lv,
            [x.value for x in Level],
            N_("unknown level '{level}' (critical, important or advice); did you mean '{near}'?"),
            N_("unknown level '{level}' (critical, important or advice)"),
            level=lv,
        )
        ctx.add(m.get("level"), problem)
        return None


def _ready_when(m: YMap, ctx: Ctx, what: str, red_flag: bool) -> AnswerValue:
    """The answer that makes the item ready: ``ready_when``, else "no" for a red flag."""
    ready = AnswerValue.NO if red_flag else AnswerValue.YES
    if "ready_when" in m:
        rw_node = m.get("ready_when")
        rw = _yes_no(rw_node)
        if rw is None:
            ctx.add(rw_node, msg(N_('{what}: ready_when must be "yes" or "no"'), what=what))
        else:
            ready = AnswerValue.YES if rw else AnswerValue.NO
            if red_flag and rw:
                ctx.add(
                    rw_node,
                    msg(N_('{what}: a red_flag item is ready when the answer is "no"'), what=what),
                )
    return ready


def _source_nodes(m: YMap, ctx: Ctx, what: str) -> list[YScalar]:
    source_nodes: list[YScalar] = []
    sn = m.get("source")
    cands = sn.items if isinstance(sn, YSeq) else [sn] if sn is not None else []
    for s in cands:
        if ctx.string(s, at(what, "source")) is not None:
            assert isinstance(s, YScalar)
            source_nodes.append(s)
    if isinstance(sn, YSeq) and not sn.items:
        ctx.add(sn, msg(N_("{what}: source must name at least one source"), what=what))
    return source_nodes


def _yes_no(node: YNode | None) -> bool | None:
    """``yes``/``no`` written bare (a YAML boolean) or quoted."""
    if not isinstance(node, YScalar):
        return None
    low = node.raw.strip().lower()
    return True if low in ("yes", "true", "y") else False if low in ("no", "false", "n") else None
