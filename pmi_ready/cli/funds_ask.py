"""The interactive walk of the funds check: asks every value (the costs of everyone, the loan's only
with a loan; amounts in another currency with the rate the person gives), and asks again with an
example when an answer cannot be used. `ask_funds` talks through a small `FundsIO`, so `assess`
can reuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from pmi_ready.funds import FundsInput, FundsRules
    from pmi_ready.i18n import Translator

T = TypeVar("T")
NO_LOAN = frozenset({"own", "employer"})  # the profile says no loan: the loan part is not asked
LOAN = frozenset({"loan", "mixed"})  # the profile says a loan: it is not asked again


class FundsIO(Protocol):
    def ask(self, question: str) -> str:
        """One line typed by the user (raises `InputEndedError` when input ends)."""

    def say(self, text: str) -> None:
        """Show a line of information."""

    def warn(self, text: str) -> None:
        """Show why an answer cannot be used."""


def ask_funds(
    rules: FundsRules,
    tr: Translator,
    io: FundsIO,
    *,
    job: str | None = None,
    currency: str | None = None,
    funding: str | None = None,
    kept: Mapping[str, str] | None = None,
    keep: Callable[[str, str], None] | None = None,
) -> FundsInput:
    """Assessment through costs (for everyone: what was paid or asked for, and whether cash went
    without a receipt), then the loan and the wage when there is a loan. ``job`` and
    ``currency`` come from the profile or the destination pack when known; the job is asked
    otherwise. ``funding`` is the profile's answer on how the costs are paid: a loan is not asked
    about again (``loan``, ``mixed``), nor asked at all when there is none (``own``,
    ``employer``); otherwise "Are you taking a loan?" is asked.

    Amounts may be typed in another currency ("17000 TWD"): the rupiah for one unit is then
    asked once (never assumed), and costs, savings and the loan are counted in rupiah with it.

    ``keep(key, text)`` is called with every answer as soon as it is accepted (before the next
    question), so the assessment can save it; ``kept`` holds such answers from a step cut off.
    They are shown, not asked again, and the questions go on where the person stopped."""
    from pmi_ready.assessment import parse_answer
    from pmi_ready.core import AnswerValue
    from pmi_ready.funds import (
        CURRENCY_EXAMPLE,
        AmountError,
        FundsInput,
        PaidTo,
        parse_money,
        parse_months,
        parse_percent,
        parse_rate,
    )

    _ = tr._
    lang = tr.lang
    kept = dict(kept or {})

    def accepted(key: str, text: str) -> None:
        if keep is not None:
            keep(key, text)

    def shown(question: str, text: str) -> None:
        io.say(f"{question.rstrip()} {text or '—'}")

    def retry(
        key: str, question: str, parse: Callable[[str], T], *, optional: bool = False
    ) -> T | None:
        before = kept.pop(key, None)
        if before is not None and (optional or before != ""):
            try:
                value = None if before == "" else parse(before)
            except AmountError:
                pass  # cannot be read any more: ask again
            else:
                shown(question, before)
                return value
        while True:
            text = io.ask(question).strip()
            if optional and text == "":
                accepted(key, "")
                return None
            try:
                value = parse(text)
            except AmountError as e:
                message, example = e.localized(tr)
                io.warn(f"{message[:1].upper()}{message[1:]}. {example}")
                continue
            accepted(key, text)
            return value

    def choose(
        key: str, question: str, options: list[tuple[str, str]], *, optional: bool
    ) -> str | None:
        labels = dict(options)
        before = kept.pop(key, None)
        if before is not None and (before in labels or (optional and before == "")):
            shown(question, labels.get(before, ""))
            return before or None
        for i, (_value, label) in enumerate(options, 1):
            io.say(f"  {i:>2}. {label}")
        values = [v for v, _label in options]
        while True:
            text = io.ask(question).strip()
            if optional and text in ("", "?"):
                accepted(key, "")
                return None
            if text.isdigit() and 1 <= int(text) <= len(options):
                text = values[int(text) - 1]
            if text in values:
                accepted(key, text)
                return text
            io.warn(
                _("Type a number from 1 to {n}.").format(n=len(options))
                + (" " + _("Press Enter to skip.") if optional else "")
            )

    def yes_no(key: str, question: str) -> bool | None:
        """Answered with the walk's words (y / t / ? in Indonesian, y / n / ? in English)."""
        words = {AnswerValue.YES: True, AnswerValue.NO: False, AnswerValue.UNSURE: None}
        before = kept.pop(key, None)
        was = None if before is None else parse_answer(before, lang)
        if before is not None and was is not None and was in words:
            shown(question, before)
            return words[was]
        while True:
            text = io.ask(question).strip().lower()
            value = parse_answer(text, lang)
            if value is not None and value in words:
                accepted(key, text)
                return words[value]
            io.warn(yes_no_hint(tr))

    foreign: list[tuple[str, Decimal]] = []  # the one other currency typed, with its rate

    def money(key: str, question: str, what: str, *, optional: bool = False) -> Decimal | None:
        """An amount in rupiah; one typed in another currency is counted with the rate the
        person gives (asked once)."""

        def parse(text: str) -> tuple[Decimal, str | None]:
            value, code = parse_money(text, what=what)
            if code not in (None, "IDR") and foreign and foreign[0][0] != code:
                raise AmountError(
                    _("{what}: type it in rupiah or in {currency}, like the amounts before"),
                    CURRENCY_EXAMPLE,
                    what=what,
                    currency=foreign[0][0],
                )
            return value, code

        got = retry(key, question, parse, optional=optional)
        if got is None:
            return None
        value, code = got
        if code in (None, "IDR"):
            return value
        return value * rate_for(code)

    def rate_for(code: str) -> Decimal:
        if not foreign:
            rate = retry(
                "rate", _("How many rupiah for one {currency}? ").format(currency=code), parse_rate
            )
            assert rate is not None
            foreign.append((code, rate))
        return foreign[0][1]

    if job is None and rules.jobs:
        io.say(_("Which job have you been offered?"))
        job = choose(
            "job",
            _("Number of your job (Enter: I do not know yet): "),
            [(k, v.get(lang)) for k, v in rules.jobs.items()],
            optional=True,
        )

    io.say(_("Which costs have you paid, or been asked to pay?"))
    question = _("Their numbers, separated by commas (Enter: none): ")
    before = kept.pop("costs", None)
    chosen = [c for c in (before or "").split(",") if c]
    known = [x for x in (rules.cost(c) for c in chosen) if x is not None]
    if before is not None and len(known) == len(chosen):
        shown(question, ", ".join(x.label.get(lang) for x in known))
    else:
        for i, c in enumerate(rules.costs, 1):
            io.say(f"  {i:>2}. {c.label.get(lang)}")
        while True:
            text = io.ask(question).strip()
            parts = [p.strip() for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
            if all(p.isdigit() and 1 <= int(p) <= len(rules.costs) for p in parts):
                chosen = list(dict.fromkeys(rules.costs[int(p) - 1].id for p in parts))
                accepted("costs", ",".join(chosen))
                break
            io.warn(_("Type numbers from 1 to {n}, for example 1,3,9.").format(n=len(rules.costs)))
    costs: list[tuple[str, Decimal]] = []
    for cid in chosen:
        item = rules.cost(cid)
        assert item is not None
        amount = money(
            f"cost:{cid}", _("{cost}: how much? ").format(cost=item.label.get(lang)), _("the cost")
        )
        assert amount is not None
        costs.append((cid, amount))
    cash = None
    if chosen:
        cash = yes_no(
            "cash", _("Did you pay any of it in cash without an official receipt? (y/n/?): ")
        )

    has_loan: bool | None = funding in LOAN or None
    if funding not in LOAN and funding not in NO_LOAN:
        has_loan = yes_no("has_loan", _("Are you taking a loan? (y/n): "))
    if not has_loan:
        return FundsInput(job=job, costs=tuple(costs), cash_no_receipt=cash)
    savings = money(
        "savings",
        _("Your own savings for these costs, in rupiah (Enter: skip): "),
        _("the savings"),
        optional=True,
    )
    loan = money("loan", _("Loan amount in rupiah: "), _("the loan"))
    interest = retry(
        "interest",
        _("Interest in percent a year (for a monthly rate, multiply by 12): "),
        parse_percent,
    )
    months = retry("months", _("Term in months: "), parse_months)
    io.say(_("Who lends the money?"))
    lender = choose(
        "lender",
        _("Number (Enter: not sure): "),
        [(x.id, x.label.get(lang)) for x in rules.lenders],
        optional=True,
    )
    io.say(_("Who receives the loan money?"))
    paid_to = choose(
        "paid_to",
        _("Number (Enter: not sure): "),
        [
            (PaidTo.WORKER.value, _("I do, directly")),
            (PaidTo.AGENCY.value, _("The placement agency or its partner")),
            (PaidTo.OTHER.value, _("Someone else")),
        ],
        optional=True,
    )
    collateral = yes_no(
        "collateral",
        _("Does the lender keep your passport or another document as collateral? (y/n/?): "),
    )
    salary_deduction = yes_no(
        "salary_deduction",
        _("Will it be repaid by deductions from your wage abroad? (y/n/?): "),
    )
    wage = retry(
        "salary",
        _("Expected monthly wage, for example 17000 TWD (Enter: skip): "),
        lambda t: parse_money(t, what=_("the wage")),
        optional=True,
    )
    salary, wage_currency, wage_rate = None, "IDR", None
    if wage is not None and wage[0] > 0:
        salary, code = wage
        if code is None:  # a bare number: in which currency?
            default = foreign[0][0] if foreign else currency
            code = _currency(io, tr, default, kept, accepted)
        wage_currency = code
        if code != "IDR" and (not foreign or foreign[0][0] == code):
            wage_rate = rate_for(code)
        elif code != "IDR":  # costs in one currency, the wage in another: its own rate
            wage_rate = retry(
                "wage_rate",
                _("How many rupiah for one {currency}? ").format(currency=code),
                parse_rate,
            )
    contract_months = retry(
        "contract_months",
        _("Length of the work contract in months (Enter: skip): "),
        lambda t: parse_months(t, what=_("the contract")),
        optional=True,
    )
    return FundsInput(
        job=job,
        costs=tuple(costs),
        cash_no_receipt=cash,
        savings=savings,
        loan=loan,
        interest=interest,
        months=months,
        lender=lender,
        paid_to=PaidTo(paid_to) if paid_to else None,
        collateral=collateral,
        salary_deduction=salary_deduction,
        salary=salary,
        currency=wage_currency,
        rate=wage_rate,
        contract_months=contract_months,
    )


def yes_no_hint(tr: Translator) -> str:
    """What to type at a yes/no question: the walk's own keys in the walk's language."""
    from pmi_ready.assessment import ANSWER_KEYS
    from pmi_ready.core import AnswerValue

    keys = ANSWER_KEYS[tr.lang]
    return tr._("Answer {yes} (yes), {no} (no) or ? (not sure).").format(
        yes=keys[AnswerValue.YES][0], no=keys[AnswerValue.NO][0]
    )


def _currency(
    io: FundsIO,
    tr: Translator,
    default: str | None,
    kept: dict[str, str],
    accepted: Callable[[str, str], None],
) -> str:
    _ = tr._
    default = default or "IDR"
    question = _("Currency of the wage, three letters such as TWD (Enter: {default}): ").format(
        default=default
    )
    before = kept.pop("currency", "")
    if len(before) == 3 and before.isalpha():
        io.say(f"{question.rstrip()} {before}")
        return before
    while True:
        code = io.ask(question).strip().upper() or default
        if len(code) == 3 and code.isalpha():
            accepted("currency", code)
            return code
        io.warn(_("Type a three-letter currency code, for example TWD, HKD, MYR or IDR."))
