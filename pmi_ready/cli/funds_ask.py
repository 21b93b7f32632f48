"""The interactive walk of the funds check: asks every value, and asks again with an example when
an answer cannot be used. `ask_funds` talks through a small `FundsIO`, so `assess` can reuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from pmi_ready.funds import FundsInput, FundsRules
    from pmi_ready.i18n import Translator

T = TypeVar("T")
_YES = ("y", "ya", "yes", "iya")
_NO = ("t", "tidak", "n", "no", "tdk", "g", "gak", "nggak")
_UNSURE = ("?", "tidak tahu", "tidak yakin", "not sure", "unsure", "don't know")
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(_YES, True),
    **dict.fromkeys(_NO, False),
    **dict.fromkeys(_UNSURE, None),
}


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
    kept: Mapping[str, str] | None = None,
    keep: Callable[[str, str], None] | None = None,
) -> FundsInput:
    """Assessment through costs, savings, loan and wage. ``job`` and ``currency`` come from the
    profile or the destination pack when known; the job is asked otherwise.

    ``keep(key, text)`` is called with every answer as soon as it is accepted (before the next
    question), so the assessment can save it; ``kept`` holds such answers from a step cut off.
    They are shown, not asked again, and the questions go on where the person stopped."""
    from pmi_ready.funds import (
        AmountError,
        FundsInput,
        PaidTo,
        parse_amount,
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
        before = kept.pop(key, None)
        if before is not None and before in _WORDS:
            shown(question, before)
            return _WORDS[before]
        while True:
            text = io.ask(question).strip().lower()
            if text in _WORDS:
                accepted(key, text)
                return _WORDS[text]
            io.warn(_("Answer y (yes), n (no) or ? (not sure)."))

    if job is None and rules.jobs:
        io.say(_("Which job have you been offered?"))
        job = choose(
            "job",
            _("Number of your job (Enter: I do not know yet): "),
            [(k, v.get(lang)) for k, v in rules.jobs.items()],
            optional=True,
        )

    io.say(_("Which costs have you been asked to pay?"))
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
        amount = retry(
            f"cost:{cid}",
            _("{cost}: how much? ").format(cost=item.label.get(lang)),
            lambda t: parse_amount(t, what=_("the cost")),
        )
        assert amount is not None
        costs.append((cid, amount))

    savings = retry(
        "savings",
        _("Your own savings for these costs, in rupiah (Enter: skip): "),
        lambda t: parse_amount(t, what=_("the savings")),
        optional=True,
    )
    fields: dict[str, object] = {}
    if yes_no("has_loan", _("Are you taking a loan? (y/n): ")):
        fields["loan"] = retry(
            "loan", _("Loan amount in rupiah: "), lambda t: parse_amount(t, what=_("the loan"))
        )
        fields["interest"] = retry(
            "interest",
            _("Interest in percent a year (for a monthly rate, multiply by 12): "),
            parse_percent,
        )
        fields["months"] = retry("months", _("Term in months: "), parse_months)
        io.say(_("Who lends the money?"))
        fields["lender"] = choose(
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
        fields["paid_to"] = PaidTo(paid_to) if paid_to else None
        fields["collateral"] = yes_no(
            "collateral",
            _("Does the lender keep your passport or another document as collateral? (y/n/?): "),
        )
        fields["salary_deduction"] = yes_no(
            "salary_deduction",
            _("Will it be repaid by deductions from your wage abroad? (y/n/?): "),
        )
        salary = retry(
            "salary",
            _("Expected monthly wage (Enter: skip): "),
            lambda t: parse_amount(t, what=_("the wage")),
            optional=True,
        )
        if salary is not None and salary > 0:
            fields["salary"] = salary
            fields["currency"] = code = _currency(io, tr, currency, kept, accepted)
            if code != "IDR":
                fields["rate"] = retry(
                    "rate",
                    _("How many rupiah for one {currency}? ").format(currency=code),
                    parse_rate,
                )
        fields["contract_months"] = retry(
            "contract_months",
            _("Length of the work contract in months (Enter: skip): "),
            lambda t: parse_months(t, what=_("the contract")),
            optional=True,
        )
    return FundsInput(job=job, costs=tuple(costs), savings=savings, **fields)  # type: ignore[arg-type]


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
