"""Conditions (``when:`` / ``unless:``): read as written in the first pass, then checked against
the profile's fields and resolved into a `Condition` in the second."""

from __future__ import annotations

import difflib

from pmi_ready.checklists.validation.base import Ctx, RawCondition, shape
from pmi_ready.checklists.yamlnodes import YNode, YScalar, YSeq
from pmi_ready.core import Condition, ConditionValue, FieldType, ProfileSpec, Range, Words, words


def raw_condition(node: YNode | None, ctx: Ctx, what: str) -> RawCondition | None:
    m = ctx.mapping(node, what)
    if m is None:
        return None
    if not m.entries:
        ctx.add(m, f"{what} is empty")
        return None
    return RawCondition([(k, v, kn) for k, (kn, v) in m.entries.items()], m.line)


def resolve_condition(
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
        if f.type is FieldType.TEXT:  # names typed in a free-text field, matched as words
            named = _names(vnode, ctx, f"{what}: {field_id}")
            if named is None:
                ok = False
            else:
                terms.append((field_id, named))
            continue
        allowed = [c.value for c in f.choices] if f.type is FieldType.CHOICE else ["yes", "no"]
        values: list[str] = []
        for vn in vnode.items if isinstance(vnode, YSeq) else [vnode]:
            if not isinstance(vn, YScalar) or vn.is_null:
                ctx.add(vn, f"{what}: '{field_id}' must list values, not {shape(vn)}")
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


def _names(node: YNode, ctx: Ctx, what: str) -> Words | None:
    got: list[tuple[str, ...]] = []
    for vn in node.items if isinstance(node, YSeq) else [node]:
        w = words(vn.raw) if isinstance(vn, YScalar) and not vn.is_null else ()
        if not w:
            ctx.add(vn, f"{what}: a free-text field is matched against names (words); list them")
            return None
        got.append(w)
    return Words(tuple(got)) if got else None


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
