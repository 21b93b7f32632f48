"""The funds file (``kind: funds``, the costs-and-loan rules): checked on its node tree with line
numbers when the catalog loads. `pmi_ready.funds` reads the accepted file into `FundsRules`.

`FLAG_PLACEHOLDERS` is part of the file's schema: every flag the check can raise, with the
placeholders its texts may use.
"""

from __future__ import annotations

import string

from pmi_ready.checklists.validation.base import ID_RE, Ctx, at, key, msg, names, unknown
from pmi_ready.checklists.yamlnodes import YMap, YNode, YScalar, YSeq
from pmi_ready.core import N_

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
            self.ctx.add(m, msg(N_("{what} is missing '{key}'"), what=what, key="source"))
            return
        cands = node.items if isinstance(node, YSeq) else [node]
        if isinstance(node, YSeq) and not node.items:
            self.ctx.add(node, msg(N_("{what}: source must name at least one source"), what=what))
        for s in cands:
            if self.ctx.string(s, at(what, "source")) is not None:
                assert isinstance(s, YScalar)
                self.refs.append(s)

    def part(self, node: YNode | None, what: str, keys: tuple[str, ...]) -> YMap | None:
        m = self.ctx.mapping(node, what)
        if m is None:
            return None
        self.ctx.keys(m, (*keys, *_PART), (*keys, *_PART), what)
        if "note" in m:
            self.ctx.text(m.get("note"), at(what, "note"))
        if "reviewed" in m:
            self.ctx.date(m.get("reviewed"), at(what, "reviewed"))
        self.sources(m, what)
        return m

    def positive(self, m: YMap, k: str, what: str, *, whole: bool = False) -> None:
        if k not in m:
            return
        node = m.get(k)
        n = self.ctx.integer(node, at(what, k)) if whole else self.ctx.number(node, key(k))
        if n is not None and n <= 0:
            self.ctx.add(node, msg(N_("{what} must be more than 0"), what=at(what, k)))

    def id_list(self, m: YMap, k: str, what: str, known: set[str] | None) -> None:
        if k not in m:
            return
        seen: set[str] = set()
        for n in self.ctx.sequence(m.get(k), at(what, k)):
            v = self.ctx.string(n, at(what, k), pattern=ID_RE)
            if v is None:
                continue
            if v in seen:
                self.ctx.add(n, msg(N_("{what}: '{id}' is listed twice"), what=what, id=v))
            seen.add(v)
            if known is not None and v not in known:
                problem = unknown(
                    v,
                    sorted(known),
                    N_("{what}: '{id}' is not a cost id; did you mean '{near}'?"),
                    N_("{what}: '{id}' is not a cost id (one of: {known})"),
                    what=what,
                    id=v,
                )
                self.ctx.add(n, problem)


def validate_funds(root: YMap, ctx: Ctx) -> list[YScalar]:
    """Problems in a funds file, as FILE:LINE through `ctx`; returns its source references."""
    v = _V(ctx)
    ctx.keys(root, _TOP_ALL, (*_TOP_ALL[1:],), msg(N_("a funds file")))
    if "version" in root:
        ctx.string(root.get("version"), key("version"))
    kur = v.part(root.get("kur"), key("kur"), ("interest", "max_amount", "max_months"))
    if kur is not None:
        v.positive(kur, "interest", key("kur"))
        v.positive(kur, "max_amount", key("kur"))
        v.positive(kur, "max_months", key("kur"), whole=True)
    guidance = key("guidance")
    guid = v.part(root.get("guidance"), guidance, ("instalment_share", "interest_far_above"))
    if guid is not None:
        v.positive(guid, "instalment_share", guidance)
        v.positive(guid, "interest_far_above", guidance)
        share = guid.get("instalment_share")
        n = share.as_number() if isinstance(share, YScalar) else None
        if n is not None and n > 100:
            ctx.add(share, N_("guidance: instalment_share is a percent of the wage, at most 100"))
    cost_ids: set[str] = set()
    for node in ctx.sequence(root.get("costs"), key("costs")) if "costs" in root else []:
        cm = ctx.mapping(node, msg(N_("a cost")))
        if cm is None:
            continue
        ctx.keys(cm, ("id", "label"), ("id", "label"), msg(N_("a cost")))
        cid = ctx.string(cm.get("id"), msg(N_("cost id")), pattern=ID_RE) if "id" in cm else None
        if "label" in cm:
            ctx.text(cm.get("label"), at(msg(N_("cost '{id}'"), id=cid), "label"))
        if cid in cost_ids:
            ctx.add(cm, msg(N_("duplicate cost id '{id}'"), id=cid))
        if cid:
            cost_ids.add(cid)
    zero = v.part(root.get("zero_cost"), key("zero_cost"), ("jobs", "forbidden"))
    if zero is not None:
        v.id_list(zero, "jobs", key("zero_cost"), None)
        v.id_list(zero, "forbidden", key("zero_cost"), cost_ids)
    other = v.part(root.get("other_jobs"), key("other_jobs"), ("worker_may_pay",))
    if other is not None:
        v.id_list(other, "worker_may_pay", key("other_jobs"), cost_ids)
    _check_lenders(v, root.get("lenders"))
    _check_flags(v, root.get("flags"))
    return v.refs


def _check_lenders(v: _V, node: YNode | None) -> None:
    ctx = v.ctx
    lenders = key("lenders")
    m = ctx.mapping(node, lenders)
    if m is None:
        return
    ctx.keys(m, ("types", "source", "reviewed"), ("types", "source", "reviewed"), lenders)
    if "reviewed" in m:
        ctx.date(m.get("reviewed"), at(lenders, "reviewed"))
    v.sources(m, lenders)
    seen: set[str] = set()
    for ln in ctx.sequence(m.get("types"), at(lenders, "types")) if "types" in m else []:
        lm = ctx.mapping(ln, msg(N_("a lender")))
        if lm is None:
            continue
        ctx.keys(lm, ("id", "bank", "check", "label"), ("id", "bank", "label"), msg(N_("a lender")))
        lid = ctx.string(lm.get("id"), msg(N_("lender id")), pattern=ID_RE) if "id" in lm else None
        lender = msg(N_("lender '{id}'"), id=lid)
        bank = ctx.boolean(lm.get("bank"), at(lender, "bank")) if "bank" in lm else False
        if "check" in lm and ctx.boolean(lm.get("check"), at(lender, "check")) and bank:
            ctx.add(lm.get("check"), msg(N_("{what}: a bank needs no licence check"), what=lender))
        if "label" in lm:
            ctx.text(lm.get("label"), at(lender, "label"))
        if lid in seen:
            ctx.add(lm, msg(N_("duplicate lender id '{id}'"), id=lid))
        if lid:
            seen.add(lid)


def _check_flags(v: _V, node: YNode | None) -> None:
    ctx = v.ctx
    seen: set[str] = set()
    keys = ("code", "red_flag", "title", "detail", "source", "reviewed")
    nodes = ctx.sequence(node, key("flags")) if node is not None else []
    for fn in nodes:
        fm = ctx.mapping(fn, msg(N_("a flag")))
        if fm is None:
            continue
        ctx.keys(fm, (*keys, "same_as"), keys, msg(N_("a flag")))
        code = ctx.string(fm.get("code"), msg(N_("flag code"))) if "code" in fm else None
        what = msg(N_("flag '{code}'"), code=code)
        if code is not None and code not in FLAG_PLACEHOLDERS:
            problem = unknown(
                code,
                sorted(FLAG_PLACEHOLDERS),
                N_("unknown flag code '{code}'; did you mean '{near}'?"),
                N_("unknown flag code '{code}' (one of: {known})"),
                code=code,
            )
            ctx.add(fm.get("code"), problem)
            code = None
        elif code in seen:
            ctx.add(fm.get("code"), msg(N_("the flag '{code}' is defined twice"), code=code))
        if code:
            seen.add(code)
        if "red_flag" in fm:
            ctx.boolean(fm.get("red_flag"), at(what, "red_flag"))
        if "reviewed" in fm:
            ctx.date(fm.get("reviewed"), at(what, "reviewed"))
        if "same_as" in fm:  # an item id; an item not loaded never raises its flag
            ctx.string(fm.get("same_as"), at(what, "same_as"), pattern=ID_RE)
        v.sources(fm, what)
        for k in ("title", "detail"):
            if k not in fm:
                continue
            text = ctx.text(fm.get(k), at(what, k))
            if text is None or code is None:
                continue
            for lang, s in (("id", text.id), ("en", text.en)):
                _check_placeholders(ctx, fm.get(k), at(what, f"{k} ({lang})"), s, code)
    if node is not None and isinstance(node, YSeq):
        missing = [c for c in FLAG_PLACEHOLDERS if c not in seen]
        if missing:
            ctx.add(
                node,
                msg(N_("flags: no text for {codes} (every flag needs one)"), codes=names(missing)),
            )


def _brace_reason(e: ValueError) -> str:
    """Python's reason for a bad placeholder, in words a translator has (else as Python says it)."""
    text = str(e)
    if text.startswith("Single '}'"):
        return msg(N_("a closing brace without its opening one"))
    if text.startswith(("Single '{'", "expected '}'", "unmatched '{'")):
        return msg(N_("an opening brace without its closing one"))
    return text


def _check_placeholders(ctx: Ctx, node: YNode | None, what: str, s: str, code: str) -> None:
    allowed = FLAG_PLACEHOLDERS[code]
    try:
        found = [name for _, name, _, _ in string.Formatter().parse(s) if name is not None]
    except ValueError as e:
        ctx.add(
            node,
            msg(
                N_("{what}: unbalanced braces ({reason}); write placeholders as {{name}}"),
                what=what,
                reason=_brace_reason(e),
            ),
        )
        return
    for name in found:
        if name not in allowed:
            problem = (
                msg(
                    N_("{what}: unknown placeholder {{{name}}} (allowed: {allowed})"),
                    what=what,
                    name=name,
                    allowed=names(sorted(allowed)),
                )
                if allowed
                else msg(
                    N_("{what}: unknown placeholder {{{name}}} (none allowed)"),
                    what=what,
                    name=name,
                )
            )
            ctx.add(node, problem)
