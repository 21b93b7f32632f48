"""The parts of an item that look beyond the item: ``flag`` (what a red flag's danger is),
``if_answer`` (skip logic on earlier answers) and ``from_profile`` (a rule answered from the
profile, never asked).

Read in two passes like the conditions: `read_extras` checks the shape in the item's own file;
`resolve_from_profile` checks the profile fields once the profile is known, and `check_answer_refs`
checks, over every checklist in walk order, that each item named by ``if_answer`` exists, comes
earlier (so the walk has asked it) and forms no cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pmi_ready.checklists.validation.base import at, msg
from pmi_ready.checklists.yamlnodes import YMap, YNode, YScalar, YSeq
from pmi_ready.core import (
    N_,
    AnswerCondition,
    AnswerValue,
    Checklist,
    Condition,
    FromProfile,
    Text,
)

if TYPE_CHECKING:
    from pmi_ready.checklists.validation.base import Ctx, RawCondition

EXTRA_KEYS = ("flag", "if_answer", "from_profile")
_ANSWERS = {v.value: v for v in AnswerValue}


@dataclass
class RawExtras:
    flag: Text | None = None
    if_answer: list[tuple[str, frozenset[AnswerValue], YNode]] = field(default_factory=list)
    if_answer_line: int = 0
    from_value: AnswerValue | None = None
    from_conditions: list[RawCondition] = field(default_factory=list)
    from_node: YNode | None = None
    ask_if: list[tuple[RawCondition, Text, YNode]] = field(default_factory=list)


def read_extras(
    m: YMap,
    ctx: Ctx,
    what: str,
    *,
    red_flag: bool,
    raw_condition: Callable[[YNode | None, Ctx, str], RawCondition | None],
) -> RawExtras:
    out = RawExtras()
    if "flag" in m:
        out.flag = ctx.text(m.get("flag"), at(what, "flag"))
        if not red_flag:
            ctx.add(
                m.get("flag"),
                msg(N_("{what}: flag (the danger's title) is only for a red_flag item"), what=what),
            )
    if "if_answer" in m:
        _read_if_answer(m.get("if_answer"), ctx, what, out)
    if "from_profile" in m:
        _read_from_profile(m.get("from_profile"), ctx, what, out, raw_condition)
    if "ask_if" in m:
        _read_ask_if(m.get("ask_if"), ctx, what, out, raw_condition)
    if "if_answer" in m and "from_profile" in m:
        ctx.add(
            m.get("if_answer"),
            msg(N_("{what}: an item answered from the profile has no if_answer"), what=what),
        )
    return out


def _read_ask_if(
    node: YNode | None,
    ctx: Ctx,
    what: str,
    out: RawExtras,
    raw_condition: Callable[[YNode | None, Ctx, str], RawCondition | None],
) -> None:
    """``ask_if:`` a list of ``{when: {...}, ask: {id: ..., en: ...}}``: the question in words
    that fit the profile; the first that holds is asked."""
    entry = msg(N_("{what}: an ask_if entry"), what=what)
    for n in ctx.sequence(node, at(what, "ask_if")):
        m = ctx.mapping(n, entry)
        if m is None:
            continue
        ctx.keys(m, ("when", "ask"), ("when", "ask"), entry)
        cond = (
            raw_condition(m.get("when"), ctx, at(what, "ask_if", "when")) if "when" in m else None
        )
        ask = ctx.text(m.get("ask"), at(what, "ask_if", "ask")) if "ask" in m else None
        if cond is not None and ask is not None:
            out.ask_if.append((cond, ask, n))


def _answers_of(node: YNode | None, ctx: Ctx, what: str) -> frozenset[AnswerValue] | None:
    nodes = node.items if isinstance(node, YSeq) else [node]
    got: set[AnswerValue] = set()
    for n in nodes:
        if not isinstance(n, YScalar) or n.is_null:
            ctx.add(n or node, msg(N_("{what} must list answers (yes, no, unsure, na)"), what=what))
            return None
        b = n.as_bool()
        word = ("yes" if b else "no") if b is not None else n.raw.strip().lower()
        if word not in _ANSWERS:
            ctx.add(
                n,
                msg(
                    N_("{what}: '{value}' is not an answer (use yes, no, unsure, na)"),
                    what=what,
                    value=n.raw.strip(),
                ),
            )
            return None
        got.add(_ANSWERS[word])
    if not got:
        ctx.add(node, msg(N_("{what} lists no answers"), what=what))
        return None
    return frozenset(got)


def _read_if_answer(node: YNode | None, ctx: Ctx, what: str, out: RawExtras) -> None:
    m = ctx.mapping(node, msg(N_("{what}: if_answer (item id: answers)"), what=what))
    if m is None:
        return
    if not m.entries:
        ctx.add(m, msg(N_("{what}: if_answer is empty"), what=what))
    out.if_answer_line = m.line
    for ref, (knode, vnode) in m.entries.items():
        accepted = _answers_of(vnode, ctx, msg(N_("{what}: if_answer '{id}'"), what=what, id=ref))
        if accepted is not None:
            out.if_answer.append((ref, accepted, knode))


def _read_from_profile(
    node: YNode | None,
    ctx: Ctx,
    what: str,
    out: RawExtras,
    raw_condition: Callable[[YNode | None, Ctx, str], RawCondition | None],
) -> None:
    m = ctx.mapping(
        node, msg(N_("{what}: from_profile ({{yes: condition}} or {{no: condition}})"), what=what)
    )
    if m is None:
        return
    out.from_node = m
    ctx.keys(m, ("yes", "no"), (), at(what, "from_profile"))
    given = [k for k in ("yes", "no") if k in m]
    if len(given) != 1:
        ctx.add(
            m,
            msg(
                N_("{what}: from_profile takes one of yes or no, each with a condition"), what=what
            ),
        )
        return
    key = given[0]
    out.from_value = _ANSWERS[key]
    cnode = m.get(key)
    conds = cnode.items if isinstance(cnode, YSeq) else [cnode]
    if isinstance(cnode, YSeq) and not cnode.items:
        ctx.add(
            cnode,
            msg(N_("{what}: from_profile {answer} lists no conditions"), what=what, answer=key),
        )
    for c in conds:
        raw = raw_condition(c, ctx, at(what, f"from_profile {key}"))
        if raw is not None:
            out.from_conditions.append(raw)


def resolve_from_profile(
    extras: RawExtras, resolve: Callable[[RawCondition], Condition | None]
) -> FromProfile | None:
    """The rule, with each condition checked against the profile (None if one is wrong)."""
    if extras.from_value is None or not extras.from_conditions:
        return None
    conds = [resolve(c) for c in extras.from_conditions]
    if any(c is None for c in conds):
        return None
    return FromProfile(extras.from_value, tuple(c for c in conds if c is not None))


def answer_condition(extras: RawExtras) -> AnswerCondition | None:
    if not extras.if_answer:
        return None
    return AnswerCondition(tuple((ref, ok) for ref, ok, _ in extras.if_answer))


def check_answer_refs(
    checklists: Sequence[Checklist],
    raw_of: Callable[[str], tuple[RawExtras, Ctx] | None],
) -> list[Checklist]:
    """Every ``if_answer`` names an item that exists and comes earlier in walk order (the order
    of ``checklists``, already sorted); a cycle is reported as one. Items with a problem keep no
    ``if_answer`` (the catalog is not returned anyway)."""
    order = {it.id: n for n, it in enumerate(it for c in checklists for it in c.items)}
    refs = {it.id: it.if_answer.items() for c in checklists for it in c.items if it.if_answer}
    out: list[Checklist] = []
    for c in checklists:
        items = []
        for it in c.items:
            found = raw_of(it.id)
            if it.if_answer is None or found is None:
                items.append(it)
                continue
            extras, ctx = found
            ok = True
            for ref, _, knode in extras.if_answer:
                what = msg(N_("item '{id}'"), id=it.id)
                if ref not in order:
                    ctx.add(
                        knode,
                        msg(
                            N_("{what}: if_answer names the unknown item '{id}'"), what=what, id=ref
                        ),
                    )
                    ok = False
                elif ref == it.id or _in_cycle(it.id, ref, refs):
                    ctx.add(
                        knode,
                        msg(
                            N_(
                                "{what}: if_answer '{id}' forms a cycle "
                                "(an item cannot depend on itself)"
                            ),
                            what=what,
                            id=ref,
                        ),
                    )
                    ok = False
                elif order[ref] > order[it.id]:
                    ctx.add(
                        knode,
                        msg(
                            N_(
                                "{what}: if_answer '{id}' comes later in the walk; the item it "
                                "depends on must be asked first (move it earlier, or give its "
                                "checklist a lower order)"
                            ),
                            what=what,
                            id=ref,
                        ),
                    )
                    ok = False
            items.append(it if ok else replace(it, if_answer=None))
        out.append(replace(c, items=tuple(items)))
    return out


def _in_cycle(start: str, ref: str, refs: dict[str, tuple[str, ...]]) -> bool:
    """Does following ``if_answer`` from ``ref`` lead back to ``start``?"""
    seen: set[str] = set()
    todo = [ref]
    while todo:
        cur = todo.pop()
        if cur == start:
            return True
        if cur in seen:
            continue
        seen.add(cur)
        todo.extend(refs.get(cur, ()))
    return False
