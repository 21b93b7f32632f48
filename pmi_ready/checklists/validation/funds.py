"""The funds file (``kind: funds``, the costs-and-loan rules): checked on its node tree with line
numbers when the catalog loads. `pmi_ready.funds` reads the accepted file into `FundsRules`.

`FLAG_PLACEHOLDERS` is part of the file's schema: every flag the check can raise, with the
placeholders its texts may use.
"""

from __future__ import annotations

import difflib
import string

from pmi_ready.checklists.validation.base import ID_RE, Ctx
from pmi_ready.checklists.yamlnodes import YMap, YNode, YScalar, YSeq

# Every flag the check can raise, with the placeholders its texts may use.
FLAG_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "forbidden-charges": frozenset({"total", "items"}),
    "cash-without-receipt": frozenset(),
    "interest-far-above-kur": frozenset({"rate", "kur_rate", "threshold"}),
    "lender-not-bank": frozenset({"lender"}),
    "lender-check-licence": frozenset({"lender"}),
    "paid-to-agency": frozenset(),
    "paid-to-other": frozenset(),
    "documents-collateral": frozenset(),
    "salary-deduction": frozenset(),
    "instalment-share": frozenset({"share", "guidance"}),
    "term-beyond-contract": frozenset({"months", "contract"}),
    "beyond-kur-terms": frozenset({"kur_amount", "kur_months"}),
}
_TOP = ("kind", "id", "version", "reviewed", "kur", "guidance", "costs", "zero_cost")
_TOP_ALL = (*_TOP, "other_jobs", "lenders", "flags")
_PART = ("note", "source", "reviewed")


class _V:
    """Checks one funds file on its node tree, collecting source references as it goes."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.refs: list[YScalar] = []

    def sources(self, m: YMap, what: str) -> None:
        node = m.get("source")
        if node is None:
            self.ctx.add(m, f"{what} is missing 'source'")
            return
        cands = node.items if isinstance(node, YSeq) else [node]
        if isinstance(node, YSeq) and not node.items:
            self.ctx.add(node, f"{what}: source must name at least one source")
        for s in cands:
            if self.ctx.string(s, f"{what}: source") is not None:
                assert isinstance(s, YScalar)
                self.refs.append(s)

    def part(self, node: YNode | None, what: str, keys: tuple[str, ...]) -> YMap | None:
        m = self.ctx.mapping(node, what)
        if m is None:
            return None
        self.ctx.keys(m, (*keys, *_PART), (*keys, *_PART), what)
        if "note" in m:
            self.ctx.text(m.get("note"), f"{what}: note")
        if "reviewed" in m:
            self.ctx.date(m.get("reviewed"), f"{what}: reviewed")
        self.sources(m, what)
        return m

    def positive(self, m: YMap, key: str, what: str, *, whole: bool = False) -> None:
        if key not in m:
            return
        node = m.get(key)
        n = self.ctx.integer(node, f"{what}: {key}") if whole else self.ctx.number(node, key)
        if n is not None and n <= 0:
            self.ctx.add(node, f"{what}: {key} must be more than 0")

    def id_list(self, m: YMap, key: str, what: str, known: set[str] | None) -> None:
        if key not in m:
            return
        seen: set[str] = set()
        for n in self.ctx.sequence(m.get(key), f"{what}: {key}"):
            v = self.ctx.string(n, f"{what}: {key}", pattern=ID_RE)
            if v is None:
                continue
            if v in seen:
                self.ctx.add(n, f"{what}: '{v}' is listed twice")
            seen.add(v)
            if known is not None and v not in known:
                self.ctx.add(n, f"{what}: '{v}' is not a cost id{_near(v, known)}")


def _near(v: str, known: set[str] | dict[str, frozenset[str]]) -> str:
    near = difflib.get_close_matches(v, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else f" (one of: {', '.join(sorted(known))})"


def validate_funds(root: YMap, ctx: Ctx) -> list[YScalar]:
    """Problems in a funds file, as FILE:LINE through `ctx`; returns its source references."""
    v = _V(ctx)
    ctx.keys(root, _TOP_ALL, (*_TOP_ALL[1:],), "a funds file")
    if "version" in root:
        ctx.string(root.get("version"), "version")
    kur = v.part(root.get("kur"), "kur", ("interest", "max_amount", "max_months"))
    if kur is not None:
        v.positive(kur, "interest", "kur")
        v.positive(kur, "max_amount", "kur")
        v.positive(kur, "max_months", "kur", whole=True)
    guid = v.part(root.get("guidance"), "guidance", ("instalment_share", "interest_far_above"))
    if guid is not None:
        v.positive(guid, "instalment_share", "guidance")
        v.positive(guid, "interest_far_above", "guidance")
        share = guid.get("instalment_share")
        n = share.as_number() if isinstance(share, YScalar) else None
        if n is not None and n > 100:
            ctx.add(share, "guidance: instalment_share is a percent of the wage, at most 100")
    cost_ids: set[str] = set()
    for node in ctx.sequence(root.get("costs"), "costs") if "costs" in root else []:
        cm = ctx.mapping(node, "a cost")
        if cm is None:
            continue
        ctx.keys(cm, ("id", "label"), ("id", "label"), "a cost")
        cid = ctx.string(cm.get("id"), "cost id", pattern=ID_RE) if "id" in cm else None
        if "label" in cm:
            ctx.text(cm.get("label"), f"cost '{cid}': label")
        if cid in cost_ids:
            ctx.add(cm, f"duplicate cost id '{cid}'")
        if cid:
            cost_ids.add(cid)
    zero = v.part(root.get("zero_cost"), "zero_cost", ("jobs", "forbidden"))
    if zero is not None:
        v.id_list(zero, "jobs", "zero_cost", None)
        v.id_list(zero, "forbidden", "zero_cost", cost_ids)
    other = v.part(root.get("other_jobs"), "other_jobs", ("worker_may_pay",))
    if other is not None:
        v.id_list(other, "worker_may_pay", "other_jobs", cost_ids)
    _check_lenders(v, root.get("lenders"))
    _check_flags(v, root.get("flags"))
    return v.refs


def _check_lenders(v: _V, node: YNode | None) -> None:
    ctx = v.ctx
    m = ctx.mapping(node, "lenders")
    if m is None:
        return
    ctx.keys(m, ("types", "source", "reviewed"), ("types", "source", "reviewed"), "lenders")
    if "reviewed" in m:
        ctx.date(m.get("reviewed"), "lenders: reviewed")
    v.sources(m, "lenders")
    seen: set[str] = set()
    for ln in ctx.sequence(m.get("types"), "lenders: types") if "types" in m else []:
        lm = ctx.mapping(ln, "a lender")
        if lm is None:
            continue
        ctx.keys(lm, ("id", "bank", "check", "label"), ("id", "bank", "label"), "a lender")
        lid = ctx.string(lm.get("id"), "lender id", pattern=ID_RE) if "id" in lm else None
        bank = ctx.boolean(lm.get("bank"), f"lender '{lid}': bank") if "bank" in lm else False
        if "check" in lm and ctx.boolean(lm.get("check"), f"lender '{lid}': check") and bank:
            ctx.add(lm.get("check"), f"lender '{lid}': a bank needs no licence check")
        if "label" in lm:
            ctx.text(lm.get("label"), f"lender '{lid}': label")
        if lid in seen:
            ctx.add(lm, f"duplicate lender id '{lid}'")
        if lid:
            seen.add(lid)


def _check_flags(v: _V, node: YNode | None) -> None:
    ctx = v.ctx
    seen: set[str] = set()
    keys = ("code", "red_flag", "title", "detail", "source", "reviewed")
    nodes = ctx.sequence(node, "flags") if node is not None else []
    for fn in nodes:
        fm = ctx.mapping(fn, "a flag")
        if fm is None:
            continue
        ctx.keys(fm, (*keys, "same_as"), keys, "a flag")
        code = ctx.string(fm.get("code"), "flag code") if "code" in fm else None
        what = f"flag '{code}'"
        if code is not None and code not in FLAG_PLACEHOLDERS:
            ctx.add(fm.get("code"), f"unknown flag code '{code}'{_near(code, FLAG_PLACEHOLDERS)}")
            code = None
        elif code in seen:
            ctx.add(fm.get("code"), f"the flag '{code}' is defined twice")
        if code:
            seen.add(code)
        if "red_flag" in fm:
            ctx.boolean(fm.get("red_flag"), f"{what}: red_flag")
        if "reviewed" in fm:
            ctx.date(fm.get("reviewed"), f"{what}: reviewed")
        if "same_as" in fm:  # an item id; an item not loaded never raises its flag
            ctx.string(fm.get("same_as"), f"{what}: same_as", pattern=ID_RE)
        v.sources(fm, what)
        for key in ("title", "detail"):
            if key not in fm:
                continue
            text = ctx.text(fm.get(key), f"{what}: {key}")
            if text is None or code is None:
                continue
            for lang, s in (("id", text.id), ("en", text.en)):
                _check_placeholders(ctx, fm.get(key), f"{what}: {key} ({lang})", s, code)
    if node is not None and isinstance(node, YSeq):
        missing = [c for c in FLAG_PLACEHOLDERS if c not in seen]
        if missing:
            ctx.add(node, f"flags: no text for {', '.join(missing)} (every flag needs one)")


def _check_placeholders(ctx: Ctx, node: YNode | None, what: str, s: str, code: str) -> None:
    allowed = FLAG_PLACEHOLDERS[code]
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(s) if name is not None]
    except ValueError as e:
        ctx.add(node, f"{what}: unbalanced braces ({e}); write placeholders as {{name}}")
        return
    for name in names:
        if name not in allowed:
            hint = f" (allowed: {', '.join(sorted(allowed))})" if allowed else " (none allowed)"
            ctx.add(node, f"{what}: unknown placeholder {{{name}}}{hint}")
