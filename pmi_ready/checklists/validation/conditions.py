"""Conditions (``when:`` / ``unless:``): read as written in the first pass, then checked against
the profile's fields and resolved into a `Condition` in the second."""

from __future__ import annotations

from pmi_ready.checklists.validation.base import Ctx, RawCondition, at, msg, shape, unknown
from pmi_ready.checklists.yamlnodes import YNode, YScalar, YSeq
from pmi_ready.core import (
    N_,
    Condition,
    ConditionValue,
    FieldType,
    ProfileSpec,
    Range,
    Words,
    words,
)


def raw_condition(node: YNode | None, ctx: Ctx, what: str) -> RawCondition | None:
    m = ctx.mapping(node, what)
    if m is None:
        return None
    if not m.entries:
        ctx.add(m, msg(N_("{what} is empty"), what=what))
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
            problem = unknown(
                field_id,
                [x.id for x in spec.fields],
                N_("{what} uses the unknown profile field '{field}'; did you mean '{near}'?"),
                N_("{what} uses the unknown profile field '{field}' (fields: {known})"),
                what=what,
                field=field_id,
            )
            ctx.add(knode, problem)
            ok = False
            continue
        if f.type in (FieldType.NUMBER, FieldType.AGE):
            rng = _range(vnode, ctx, at(what, field_id))
            if rng is None:
                ok = False
            else:
                terms.append((field_id, rng))
            continue
        if f.type is FieldType.TEXT:  # names typed in a free-text field, matched as words
            named = _names(vnode, ctx, at(what, field_id))
            if named is None:
                ok = False
            else:
                terms.append((field_id, named))
            continue
        allowed = [c.value for c in f.choices] if f.type is FieldType.CHOICE else ["yes", "no"]
        values: list[str] = []
        for vn in vnode.items if isinstance(vnode, YSeq) else [vnode]:
            if not isinstance(vn, YScalar) or vn.is_null:
                ctx.add(
                    vn,
                    msg(
                        N_("{what}: '{field}' must list values, not {shape}"),
                        what=what,
                        field=field_id,
                        shape=shape(vn),
                    ),
                )
                ok = False
                continue
            v = vn.raw.strip()
            if f.type is FieldType.YES_NO and vn.as_bool() is not None:
                v = "yes" if vn.as_bool() else "no"
            if v not in allowed:
                problem = unknown(
                    v,
                    allowed,
                    N_(
                        "{what}: '{value}' is not a value of the profile field '{field}'; "
                        "did you mean '{near}'?"
                    ),
                    N_(
                        "{what}: '{value}' is not a value of the profile field '{field}' "
                        "(one of: {known})"
                    ),
                    cutoff=0.5,
                    what=what,
                    value=v,
                    field=field_id,
                )
                ctx.add(vn, problem)
                ok = False
                continue
            values.append(v)
        if isinstance(vnode, YSeq) and not vnode.items:
            ctx.add(vnode, msg(N_("{what}: '{field}' lists no values"), what=what, field=field_id))
            ok = False
        if values:
            terms.append((field_id, frozenset(values)))
    return Condition(tuple(terms)) if ok and terms else None


def _names(node: YNode, ctx: Ctx, what: str) -> Words | None:
    got: list[tuple[str, ...]] = []
    for vn in node.items if isinstance(node, YSeq) else [node]:
        w = words(vn.raw) if isinstance(vn, YScalar) and not vn.is_null else ()
        if not w:
            ctx.add(
                vn,
                msg(
                    N_("{what}: a free-text field is matched against names (words); list them"),
                    what=what,
                ),
            )
            return None
        got.append(w)
    return Words(tuple(got)) if got else None


def _range(node: YNode, ctx: Ctx, what: str) -> Range | None:
    if isinstance(node, YScalar):
        n = node.as_number()
        if n is not None:
            return Range(n, n)
    m = ctx.mapping(node, msg(N_("{what} (a number field takes {{min: …, max: …}})"), what=what))
    if m is None:
        return None
    ctx.keys(m, ("min", "max"), (), what)
    lo = ctx.number(m.get("min"), at(what, "min")) if "min" in m else None
    hi = ctx.number(m.get("max"), at(what, "max")) if "max" in m else None
    if lo is None and hi is None:
        ctx.add(m, msg(N_("{what} needs min, max or both"), what=what))
        return None
    if lo is not None and hi is not None and lo > hi:
        ctx.add(m, msg(N_("{what}: min is larger than max"), what=what))
        return None
    return Range(lo, hi)
