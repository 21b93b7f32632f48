"""What the applicant tells the funds check: `FundsInput`, a frozen value that round-trips through
JSON (`to_dict` / `from_dict`), so `assess` can store it and an answers file can hold it. Pure.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pmi_ready.core import N_, Msg, PmiReadyError, Verbatim, code, codes, frozen
from pmi_ready.funds.amounts import (
    AmountError,
    canonical,
    check_amount,
    check_percent,
    check_rate,
    parse_amount,
    parse_months,
    parse_percent,
    parse_rate,
    stored,
)

# key -> (how people type it, the check of a stored value)
_NUMBERS: dict[str, tuple[Any, Any]] = {
    "savings": (parse_amount, check_amount),
    "loan": (parse_amount, check_amount),
    "salary": (parse_amount, check_amount),
    "interest": (parse_percent, check_percent),
    "rate": (parse_rate, check_rate),
}


class Method(StrEnum):
    ANNUITY = "annuity"  # equal instalments, interest on the balance still owed
    FLAT = "flat"  # interest on the whole amount for every month


class PaidTo(StrEnum):
    WORKER = "worker"
    AGENCY = "agency"
    OTHER = "other"


class FundsInputError(PmiReadyError):
    """Funds answers that cannot be used (an unknown key, cost, lender or job; a missing term)."""


@frozen
class FundsInput:
    """What the applicant told us. Amounts in rupiah except ``salary`` (in ``currency``);
    ``rate`` is rupiah for one unit of ``currency``. ``None`` means not given."""

    job: str | None = None
    costs: tuple[tuple[str, Decimal], ...] = ()
    cash_no_receipt: bool | None = None  # some of it paid in cash without an official receipt
    savings: Decimal | None = None
    loan: Decimal | None = None
    interest: Decimal | None = None  # percent a year
    months: int | None = None
    lender: str | None = None
    paid_to: PaidTo | None = None
    collateral: bool | None = None  # documents held as collateral
    salary_deduction: bool | None = None  # repaid by deductions from the wage abroad
    method: Method = Method.ANNUITY
    salary: Decimal | None = None  # monthly wage, in `currency`
    currency: str = "IDR"
    rate: Decimal | None = None
    contract_months: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values; amounts as strings in their one `canonical` form (``"2250000"``,
        ``"6.5"``), so no digit is lost and `from_dict` reads them back exactly."""

        def s(v: Decimal | None) -> str | None:
            return None if v is None else canonical(v)

        return {
            "job": self.job,
            "costs": {k: canonical(v) for k, v in self.costs},
            "cash_no_receipt": self.cash_no_receipt,
            "savings": s(self.savings),
            "loan": s(self.loan),
            "interest": s(self.interest),
            "months": self.months,
            "lender": self.lender,
            "paid_to": self.paid_to.value if self.paid_to else None,
            "collateral": self.collateral,
            "salary_deduction": self.salary_deduction,
            "method": self.method.value,
            "salary": s(self.salary),
            "currency": self.currency,
            "rate": s(self.rate),
            "contract_months": self.contract_months,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FundsInput:
        """The inverse of `to_dict`: amounts in the stored form are read with `Decimal`
        (``"2250000.000"``, written by earlier versions, is 2,250,000, never 2,250,000,000). A
        value in no stored form (``"30jt"``, written by hand into an export) is read as typed.
        Raises `FundsInputError`, naming the key."""
        return cls._read(data, typed=False)

    @classmethod
    def from_typed(cls, data: Mapping[str, Any]) -> FundsInput:
        """What a person wrote (an answers file, a form's cells): every amount is read the way
        people type them, where ``"1.500"`` is fifteen hundred and ``"1,5 jt"`` a million and a
        half. Raises `FundsInputError`, naming the key."""
        return cls._read(data, typed=True)

    @classmethod
    def _read(cls, data: Mapping[str, Any], *, typed: bool) -> FundsInput:
        if not isinstance(data, Mapping):
            raise FundsInputError(N_("the funds answers must be a mapping of 'key: value' lines"))
        fields = cls.__dataclass_fields__
        for key in data:
            if key not in fields:
                raise FundsInputError(
                    unknown(
                        N_("unknown funds answer '{key}'; did you mean '{near}'?"),
                        N_("unknown funds answer '{key}' (one of: {known})"),
                        str(key),
                        list(fields),
                        key=str(key),
                    )
                )

        def text(key: str) -> str | None:
            v = data.get(key)
            return None if v is None or v == "" else str(v)

        def amount(key: str, parse: Any = parse_amount) -> Any:
            t = text(key)
            if t is None:
                return None
            try:
                if key in _NUMBERS:
                    return _number(data.get(key), t, *_NUMBERS[key], typed=typed)
                return parse(t)
            except AmountError as e:
                raise FundsInputError(about(key, e.message), hint=e.hint) from None

        costs_raw = data.get("costs") or {}
        if not isinstance(costs_raw, Mapping):
            raise FundsInputError(N_("'costs' must map cost ids to amounts (passport: 350000)"))
        currency = (text("currency") or "IDR").upper()
        if len(currency) != 3 or not currency.isalpha():
            raise FundsInputError(
                Msg(
                    N_("currency '{currency}' is not a three-letter code such as TWD"),
                    currency=Verbatim(currency),
                )
            )
        return cls(
            job=text("job"),
            costs=tuple((str(k), _cost(str(k), v, typed=typed)) for k, v in costs_raw.items()),
            cash_no_receipt=_bool(data.get("cash_no_receipt"), "cash_no_receipt"),
            savings=amount("savings"),
            loan=amount("loan"),
            interest=amount("interest", parse_percent),
            months=amount("months", parse_months),
            lender=text("lender"),
            paid_to=_enum(PaidTo, text("paid_to"), "paid_to"),
            collateral=_bool(data.get("collateral"), "collateral"),
            salary_deduction=_bool(data.get("salary_deduction"), "salary_deduction"),
            method=_enum(Method, text("method"), "method") or Method.ANNUITY,
            salary=amount("salary"),
            currency=currency,
            rate=amount("rate", parse_rate),
            contract_months=amount("contract_months", parse_months),
        )


def _number(value: object, text: str, parse: Any, check: Any, *, typed: bool) -> Decimal:
    """A stored number read exactly (unless ``typed``), else read as people type it."""
    exact = None if typed else stored(value)
    return check(exact, text) if exact is not None else parse(text)  # type: ignore[no-any-return]


def _cost(key: str, value: object, *, typed: bool) -> Decimal:
    try:
        return _number(value, str(value), parse_amount, check_amount, typed=typed)
    except AmountError as e:
        raise FundsInputError(about("costs", about(key, e.message)), hint=e.hint) from None


def about(key: str, problem: str) -> Msg:
    """``key: problem``: a problem with the answer of one key (kept as written)."""
    # TRANSLATORS: a key of the funds answers (loan, costs: passport) and what is wrong with it
    return Msg(N_("{key}: {problem}"), key=code(key), problem=problem)


def unknown(found_near: str, otherwise: str, name: str, known: list[str], **params: str) -> Msg:
    """The problem of a name that is not known: the msgid ``found_near`` with the closest known
    name as ``{near}``, else ``otherwise`` with the known names as ``{known}``; every value is
    kept as written."""
    kept = {k: Verbatim(v) for k, v in params.items()}
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if near:
        return Msg(found_near, near=Verbatim(near[0]), **kept)
    return Msg(otherwise, known=codes(known), **kept)


def _enum(kind: Any, v: str | None, key: str) -> Any:
    if v is None:
        return None
    try:
        return kind(v)
    except ValueError:
        raise FundsInputError(
            Msg(
                N_("{key}: '{value}' is not one of {known}"),
                key=code(key),
                value=Verbatim(v),
                known=codes(x.value for x in kind),
            )
        ) from None


def _bool(v: object, key: str) -> bool | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return v
    low = str(v).strip().lower()
    if low in ("yes", "y", "ya", "true"):
        return True
    if low in ("no", "n", "t", "tidak", "false"):
        return False
    raise FundsInputError(
        Msg(N_("{key}: '{value}' is not yes or no"), key=code(key), value=Verbatim(str(v)))
    )
