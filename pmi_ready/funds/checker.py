"""The funds check: what leaving costs, which charges the rules forbid, and what a loan costs every
month against the expected wage, with the flags of an unsafe loan. Pure: no I/O, no printing.

Money is `Decimal`; rupiah are whole (half up). The rules (KUR terms, the ten zero-cost jobs, the
forbidden charges, the guidance thresholds, the flag texts) come from the ``kind: funds`` file, read
into `FundsRules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from decimal import Decimal, localcontext
from typing import Any

from pmi_ready.checklists import FLAG_PLACEHOLDERS
from pmi_ready.core import LANGS, N_, RedFlag, Text, Verbatim, code, frozen
from pmi_ready.funds.amounts import (
    AmountError,
    parse_amount,
    parse_months,
    parse_percent,
    parse_rate,
    rupiah,
)
from pmi_ready.funds.inputs import FundsInput, FundsInputError, Method, PaidTo, unknown
from pmi_ready.funds.rules import FlagRule, FundsRules
from pmi_ready.i18n import Translator, translator

__all__ = [
    "AmountError",
    "CostLine",
    "FundsFlag",
    "FundsInput",
    "FundsInputError",
    "FundsResult",
    "FundsRules",
    "Loan",
    "Method",
    "PaidTo",
    "check",
    "loan_schedule",
    "parse_amount",
    "parse_months",
    "parse_percent",
    "parse_rate",
]


# --------------------------------------------------------------------------- loan arithmetic
@frozen
class Loan:
    principal: Decimal
    interest: Decimal  # percent a year
    months: int
    method: Method
    instalment: Decimal  # whole rupiah, every month
    last_instalment: Decimal  # the last one absorbs the rounding
    total_repaid: Decimal
    total_interest: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "principal": str(self.principal),
            "interest": str(self.interest),
            "months": self.months,
            "method": self.method.value,
            "instalment": str(self.instalment),
            "last_instalment": str(self.last_instalment),
            "total_repaid": str(self.total_repaid),
            "total_interest": str(self.total_interest),
        }


def loan_schedule(
    principal: Decimal, interest: Decimal, months: int, method: Method = Method.ANNUITY
) -> Loan:
    """Monthly instalment and totals. ``interest`` is percent a year; rupiah are whole."""
    if months < 1 or principal < 0 or interest < 0:
        raise ValueError("a loan needs months >= 1 and a principal and interest >= 0")
    p = rupiah(principal)
    with localcontext() as ctx:
        ctx.prec = 50
        r = interest / Decimal(1200)
        if r == 0:
            exact = p / months
        elif method is Method.ANNUITY:
            exact = p * r / (1 - (1 + r) ** -months)
        else:
            exact = p / months + p * r
        total = rupiah(exact * months)
    instalment = rupiah(exact)
    return Loan(
        principal=p,
        interest=interest,
        months=months,
        method=method,
        instalment=instalment,
        last_instalment=total - instalment * (months - 1),
        total_repaid=total,
        total_interest=total - p,
    )


# --------------------------------------------------------------------------- the check
@frozen
class CostLine:
    id: str
    label: Text
    amount: Decimal
    forbidden: bool  # a zero-cost job, and the rule says the worker may not be charged this
    worker_may_pay: bool  # another job, and the rule says this may fall on the worker


@frozen
class FundsFlag:
    code: str  # without the "funds:" prefix
    red_flag: bool
    title: Text
    detail: Text
    source_ids: tuple[str, ...]
    same_as: str | None = None  # the checklist item asking about the same danger

    def as_red_flag(self) -> RedFlag:
        """A red flag for the readiness, or a caution when the flag is guidance only."""
        return RedFlag(
            f"funds:{self.code}",
            self.title,
            self.detail,
            self.source_ids,
            caution=not self.red_flag,
            same_as=self.same_as,
        )


@frozen
class FundsResult:
    input: FundsInput
    rules: FundsRules
    zero_cost_job: bool | None  # None: the job is not known
    costs: tuple[CostLine, ...]
    total_costs: Decimal
    forbidden_total: Decimal
    gap: Decimal | None  # costs not covered by savings (None: savings not given)
    gap_without_forbidden: Decimal | None
    loan: Loan | None
    kur_loan: Loan | None  # the same amount and term at the KUR PMI rate, when within KUR terms
    wage_idr: Decimal | None  # monthly wage in rupiah
    share: Decimal | None  # instalment / monthly wage, 0..
    months_of_wages: Decimal | None  # total repaid / monthly wage
    interest_months_of_wages: Decimal | None
    flags: tuple[FundsFlag, ...] = field(default=())

    def red_flags(self) -> tuple[RedFlag, ...]:
        """The debt-bondage flags, for ``scoring.assess(..., extra_flags=...)``."""
        return tuple(f.as_red_flag() for f in self.flags if f.red_flag)

    def cautions(self) -> tuple[RedFlag, ...]:
        """The guidance flags (a caution never stops an assessment; it keeps it from ready)."""
        return tuple(f.as_red_flag() for f in self.flags if not f.red_flag)

    @property
    def kur_saving(self) -> Decimal | None:
        """How much less interest the same loan would cost at the KUR PMI rate."""
        if self.loan is None or self.kur_loan is None:
            return None
        return self.loan.total_interest - self.kur_loan.total_interest

    @property
    def warnings(self) -> tuple[FundsFlag, ...]:
        return tuple(f for f in self.flags if not f.red_flag)

    def to_dict(self) -> dict[str, Any]:
        def s(v: Decimal | None) -> str | None:
            return None if v is None else str(v)

        contacts = self.rules.contacts
        return {
            "input": self.input.to_dict(),
            "job": self.input.job,
            "zero_cost_job": self.zero_cost_job,
            "costs": [
                {
                    "id": c.id,
                    "label": {"id": c.label.id, "en": c.label.en},
                    "amount": str(c.amount),
                    "forbidden": c.forbidden,
                    "worker_may_pay": c.worker_may_pay,
                }
                for c in self.costs
            ],
            "total_costs": str(self.total_costs),
            "forbidden_total": str(self.forbidden_total),
            "savings": s(self.input.savings),
            "gap": s(self.gap),
            "gap_without_forbidden": s(self.gap_without_forbidden),
            "loan": self.loan.to_dict() if self.loan else None,
            "kur": {
                "interest": str(self.rules.kur_rate),
                "max_amount": str(self.rules.kur_max_amount),
                "max_months": self.rules.kur_max_months,
                "same_loan": self.kur_loan.to_dict() if self.kur_loan else None,
                "saving": s(self.kur_saving),
            },
            "wage_idr": s(self.wage_idr),
            "instalment_share": s(self.share),
            "guidance_share": str(self.rules.instalment_share / 100),
            "months_of_wages": s(self.months_of_wages),
            "interest_months_of_wages": s(self.interest_months_of_wages),
            "flags": [
                {
                    "code": f"funds:{f.code}",
                    "red_flag": f.red_flag,
                    "title": {"id": f.title.id, "en": f.title.en},
                    "detail": {"id": f.detail.id, "en": f.detail.en},
                    "sources": list(f.source_ids),
                }
                for f in self.flags
            ],
            "contacts": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "value": c.value,
                    "label": {"id": c.label.id, "en": c.label.en},
                }
                for c in (contacts.contacts if contacts else ())
            ],
            "rules": {"version": self.rules.version, "reviewed": self.rules.reviewed.isoformat()},
        }


def check(inp: FundsInput, rules: FundsRules) -> FundsResult:
    """Run the funds check. Raises `FundsInputError` for ids the rules do not know."""
    _check_ids(inp, rules)
    zero = None if inp.job is None else inp.job in rules.zero_cost_jobs
    lines = tuple(
        CostLine(
            cid,
            rules.cost(cid).label,  # type: ignore[union-attr]  # checked in _check_ids
            rupiah(amount),
            forbidden=bool(zero) and cid in rules.forbidden,
            worker_may_pay=zero is False and cid in rules.worker_may_pay,
        )
        for cid, amount in inp.costs
        if amount > 0
    )
    total = sum((c.amount for c in lines), Decimal(0))
    forbidden = sum((c.amount for c in lines if c.forbidden), Decimal(0))
    savings = None if inp.savings is None else rupiah(inp.savings)
    gap = gap2 = None
    if savings is not None:
        gap = max(Decimal(0), total - savings)
        gap2 = max(Decimal(0), total - forbidden - savings)
    loan = kur = None
    if inp.loan is not None and inp.loan > 0:
        if inp.interest is None or inp.months is None:
            raise FundsInputError(
                N_("a loan needs its yearly interest and its term in months"),
                hint=N_("Give --interest and --months (for example --interest 6 --months 24)."),
            )
        loan = loan_schedule(inp.loan, inp.interest, inp.months, inp.method)
        if loan.principal <= rules.kur_max_amount and loan.months <= rules.kur_max_months:
            kur = loan_schedule(loan.principal, rules.kur_rate, loan.months)
    wage = share = months_wages = interest_months = None
    if inp.salary is not None and inp.salary > 0:
        rate = Decimal(1) if inp.currency == "IDR" else inp.rate
        if rate is not None:
            wage = rupiah(inp.salary * rate)
    if wage and loan:
        share = (loan.instalment / wage).quantize(Decimal("0.0001"))
        months_wages = (loan.total_repaid / wage).quantize(Decimal("0.1"))
        interest_months = (loan.total_interest / wage).quantize(Decimal("0.1"))
    result = FundsResult(
        inp, rules, zero, lines, total, forbidden, gap, gap2, loan, kur, wage, share,
        months_wages, interest_months,
    )  # fmt: skip
    return _with_flags(result)


def _check_ids(inp: FundsInput, rules: FundsRules) -> None:
    known_costs = [c.id for c in rules.costs]
    for cid, amount in inp.costs:
        if rules.cost(cid) is None:
            raise FundsInputError(
                unknown(
                    N_("unknown cost '{id}'; did you mean '{near}'?"),
                    N_("unknown cost '{id}' (one of: {known})"),
                    cid,
                    known_costs,
                    id=cid,
                )
            )
        if amount < 0:
            raise FundsInputError(N_("the cost of '{id}' cannot be negative"), id=Verbatim(cid))
    seen = [cid for cid, _ in inp.costs]
    if len(set(seen)) != len(seen):
        raise FundsInputError(N_("a cost is listed twice; give each cost once"))
    if inp.lender is not None and rules.lender(inp.lender) is None:
        raise FundsInputError(
            unknown(
                N_("unknown lender type '{lender}'; did you mean '{near}'?"),
                N_("unknown lender type '{lender}' (one of: {known})"),
                inp.lender,
                [x.id for x in rules.lenders],
                lender=inp.lender,
            )
        )
    if inp.job is not None and rules.jobs is not None and inp.job not in rules.jobs:
        raise FundsInputError(
            unknown(
                N_("unknown job '{job}'; did you mean '{near}'?"),
                N_("unknown job '{job}' (one of: {known})"),
                inp.job,
                list(rules.jobs),
                job=inp.job,
            )
        )
    if inp.currency != "IDR" and inp.salary is not None and inp.rate is None:
        raise FundsInputError(
            N_("the wage is in {currency}: give the exchange rate (rupiah for one {currency})"),
            hint=N_("For example --rate 515 for Taiwan dollars."),
            currency=Verbatim(inp.currency),
        )
    for name in ("savings", "loan", "interest", "salary", "rate"):
        v = getattr(inp, name)
        if v is not None and v < 0:
            raise FundsInputError(N_("{name} cannot be negative"), name=code(name))
    for name in ("months", "contract_months"):
        v = getattr(inp, name)
        if v is not None and v < 1:
            raise FundsInputError(N_("{name} must be at least 1"), name=code(name))


def percent_text(value: Decimal, tr: Translator) -> str:
    """``6%``, ``6,5%`` / ``6.5%``: a percent with at most one decimal."""
    q = value.quantize(Decimal("0.1"))
    return tr.number(q.normalize() if q == q.to_integral_value() else q) + "%"


def _with_flags(res: FundsResult) -> FundsResult:
    rules, inp, loan = res.rules, res.input, res.loan
    raised: list[tuple[str, dict[str, Any]]] = []
    if res.forbidden_total > 0:
        items = [c.label for c in res.costs if c.forbidden]
        raised.append(("forbidden-charges", {"total": res.forbidden_total, "items": items}))
    if inp.cash_no_receipt:
        raised.append(("cash-without-receipt", {}))
    if loan is not None:
        if loan.interest > rules.interest_far_above:
            raised.append(
                (
                    "interest-far-above-kur",
                    {
                        "rate": ("%", loan.interest),
                        "kur_rate": ("%", rules.kur_rate),
                        "threshold": ("%", rules.interest_far_above),
                    },
                )
            )
        lender = rules.lender(inp.lender) if inp.lender else None
        if lender is not None and not lender.bank:
            code = "lender-check-licence" if lender.check else "lender-not-bank"
            raised.append((code, {"lender": [lender.label]}))
    if inp.paid_to is PaidTo.AGENCY:
        raised.append(("paid-to-agency", {}))
    elif inp.paid_to is PaidTo.OTHER:
        raised.append(("paid-to-other", {}))
    if inp.collateral:
        raised.append(("documents-collateral", {}))
    if inp.salary_deduction:
        raised.append(("salary-deduction", {}))
    if loan is not None:
        if res.share is not None and res.share * 100 > rules.instalment_share:
            raised.append(
                (
                    "instalment-share",
                    {"share": ("%", res.share * 100), "guidance": ("%", rules.instalment_share)},
                )
            )
        if inp.contract_months is not None and loan.months > inp.contract_months:
            raised.append(
                ("term-beyond-contract", {"months": loan.months, "contract": inp.contract_months})
            )
        if loan.principal > rules.kur_max_amount or loan.months > rules.kur_max_months:
            raised.append(
                (
                    "beyond-kur-terms",
                    {"kur_amount": rules.kur_max_amount, "kur_months": rules.kur_max_months},
                )
            )
    flags = [_flag(rules.flags[code], values) for code, values in raised if code in rules.flags]
    flags.sort(key=lambda f: not f.red_flag)
    from dataclasses import replace

    return replace(res, flags=tuple(flags))


def _flag(rule: FlagRule, values: Mapping[str, Any]) -> FundsFlag:
    """The flag with its placeholders filled in, in both languages."""
    allowed = FLAG_PLACEHOLDERS[rule.code]
    title: dict[str, str] = {}
    out: dict[str, str] = {}
    for lang in LANGS:
        tr = translator(lang)
        shown: dict[str, str] = {}
        for k, v in values.items():
            if k not in allowed:
                continue
            if isinstance(v, tuple):
                shown[k] = percent_text(v[1], tr)
            elif isinstance(v, list):
                shown[k] = ", ".join(t.get(lang) for t in v)
            elif isinstance(v, Decimal):
                shown[k] = tr.money(v)
            else:
                shown[k] = str(v)
        title[lang] = rule.title.get(lang).format(**shown)
        out[lang] = rule.detail.get(lang).format(**shown)
    return FundsFlag(
        rule.code,
        rule.red_flag,
        Text(title["id"], title["en"]),
        Text(out["id"], out["en"]),
        rule.source_ids,
        rule.same_as,
    )
