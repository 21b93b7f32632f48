"""The ``funds:`` part of an answers file: the costs and loan answers, checked line by line.

```yaml
funds:
  costs: {agency-fee: 15jt, passport: 350000}   # cost id: amount in rupiah
  cash_no_receipt: no   # yes: some of it was paid in cash without an official receipt
  savings: 5jt
  loan: 30jt            # amounts as people type them: 30jt, 1.500.000, 1,5 jt
  interest: 6           # percent a year
  months: 24
  lender: kur           # kur, bank, cooperative, agency, individual, online
  paid_to: worker       # worker, agency, other
  collateral: no
  salary_deduction: no
  salary: 22000         # the monthly wage, in `currency`
  currency: TWD
  rate: 515             # rupiah for one unit of `currency`
  contract_months: 36
```
The keys are those of `FundsInput.from_typed`; the job comes from the profile. Never prints:
every problem goes to ``add(node, message)`` with the node of its line. Imported only when an
answers file has a ``funds:`` key.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pmi_ready.checklists import YMap, YNode, YScalar
from pmi_ready.core import N_, Catalog, Msg, PmiReadyError, Verbatim, codes
from pmi_ready.funds.checker import FundsInput, FundsRules, check

Add = Callable[[YNode | None, str], None]
KEYS = tuple(FundsInput.__dataclass_fields__)


def read_funds(
    node: YNode, key_node: YNode, catalog: Catalog, profile: Mapping[str, str], add: Add
) -> dict[str, object] | None:
    """The checked funds answers as `FundsInput.to_dict()`, or None after reporting problems."""
    if isinstance(node, YScalar) and node.is_null:
        return None
    if not isinstance(node, YMap):
        add(node, N_("'funds:' must be a mapping of 'key: value' lines"))
        return None
    try:
        rules = FundsRules.from_catalog(catalog)
    except PmiReadyError as e:
        add(key_node, _funds(e.message))
        return None
    raw: dict[str, object] = {}
    ok = True
    for key, (knode, vnode) in node.entries.items():
        value: object
        if key == "costs":
            value = _costs(vnode, rules, add)
            ok = ok and value is not None
            if value is None:
                continue
        elif not isinstance(vnode, YScalar):
            add(vnode, Msg(N_("funds: '{key}' must be a single value"), key=Verbatim(key)))
            ok = False
            continue
        else:
            value = None if vnode.is_null else vnode.raw
        try:
            FundsInput.from_typed({key: value})
            _known(key, value, rules, profile)
        except PmiReadyError as e:
            add(knode if key not in KEYS else vnode, _funds(e.message))
            ok = False
            continue
        raw[key] = value
    if not ok:
        return None
    inp = FundsInput.from_typed(raw)
    if profile.get("job"):
        from dataclasses import replace

        inp = replace(inp, job=profile["job"])
    try:
        check(inp, rules)
    except PmiReadyError as e:
        add(key_node, _funds(e.message))
        return None
    return inp.to_dict()


def _funds(problem: str) -> Msg:
    """``funds: problem``: a problem in the answers file's ``funds:`` section."""
    return Msg(N_("funds: {problem}"), problem=problem)


def _known(key: str, value: object, rules: FundsRules, profile: Mapping[str, str]) -> None:
    """Ids the rules must know, checked here so the problem points at its own line."""
    if value is None:
        return
    if key == "lender" and rules.lender(str(value)) is None:
        raise PmiReadyError(
            N_("unknown lender type '{lender}' (one of: {known})"),
            lender=Verbatim(str(value)),
            known=codes(x.id for x in rules.lenders),
        )
    if key == "job":
        job = profile.get("job")
        if job and str(value) != job:
            raise PmiReadyError(
                N_(
                    "the job '{value}' differs from the profile's job '{job}'; leave 'job' out "
                    "(the profile's job is used)"
                ),
                value=Verbatim(str(value)),
                job=Verbatim(job),
            )
        if rules.jobs is not None and str(value) not in rules.jobs:
            raise PmiReadyError(
                N_("unknown job '{job}' (one of: {known})"),
                job=Verbatim(str(value)),
                known=codes(rules.jobs),
            )


def _costs(node: YNode, rules: FundsRules, add: Add) -> dict[str, str] | None:
    if isinstance(node, YScalar) and node.is_null:
        return {}
    if not isinstance(node, YMap):
        add(node, N_("funds: 'costs' must map cost ids to amounts (passport: 350000)"))
        return None
    out: dict[str, str] = {}
    ok = True
    known = [c.id for c in rules.costs]
    for cid, (knode, vnode) in node.entries.items():
        if cid not in known:
            add(
                knode,
                Msg(
                    N_("funds: unknown cost '{id}' (one of: {known})"),
                    id=Verbatim(cid),
                    known=codes(known),
                ),
            )
            ok = False
            continue
        if not isinstance(vnode, YScalar) or vnode.is_null:
            add(
                vnode,
                Msg(
                    N_("funds: the cost of '{id}' must be an amount, for example 350000"),
                    id=Verbatim(cid),
                ),
            )
            ok = False
            continue
        try:
            FundsInput.from_typed({"costs": {cid: vnode.raw}})
        except PmiReadyError as e:
            add(vnode, _funds(e.message))  # it names the cost: "costs: passport: …"
            ok = False
            continue
        out[cid] = vnode.raw
    return out if ok else None
