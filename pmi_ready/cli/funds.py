"""`pmi-ready funds`: the costs and loan check, interactive or with every value as an option."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import ChecklistDirs, JsonOption, LangOption

T = TypeVar("T")

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from rich.console import Console

    from pmi_ready.funds import FundsInput, FundsResult, FundsRules
    from pmi_ready.i18n import Translator


def funds(
    job: Annotated[
        str | None,
        typer.Option(
            metavar="JOB", help="Your job, as in the profile: housekeeper, cook, factory-worker, …"
        ),
    ] = None,
    cost: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID=AMOUNT",
            help="A cost you were asked to pay, as ID=AMOUNT (repeatable): passport=350000, "
            "agency-fee=15jt. Ids: passport skck medical training certificate visa tickets bpjs "
            "agency-fee legalisation transport lodging other.",
            show_default=False,
        ),
    ] = None,
    savings: Annotated[
        str | None,
        typer.Option(metavar="AMOUNT", help="Your own savings for the costs, in rupiah."),
    ] = None,
    loan: Annotated[
        str | None,
        typer.Option(metavar="AMOUNT", help="The loan amount in rupiah: 30000000, 30jt, 30 juta."),
    ] = None,
    interest: Annotated[
        str | None, typer.Option(metavar="PERCENT", help="Yearly interest in percent: 6, 6,5.")
    ] = None,
    months: Annotated[
        str | None, typer.Option(metavar="MONTHS", help="The loan term in months: 24.")
    ] = None,
    lender: Annotated[
        str | None,
        typer.Option(
            metavar="TYPE", help="Who lends: kur, bank, cooperative, agency, individual, online."
        ),
    ] = None,
    paid_to: Annotated[
        str | None,
        typer.Option(metavar="WHO", help="Who receives the loan money: worker, agency, other."),
    ] = None,
    collateral: Annotated[
        bool | None,
        typer.Option(
            "--collateral/--no-collateral",
            help="The lender keeps a passport or another document as collateral.",
            show_default=False,
        ),
    ] = None,
    cash_without_receipt: Annotated[
        bool | None,
        typer.Option(
            "--cash-without-receipt/--receipts",
            help="Some of the costs were paid in cash without an official receipt.",
            show_default=False,
        ),
    ] = None,
    salary_deduction: Annotated[
        bool | None,
        typer.Option(
            "--salary-deduction/--no-salary-deduction",
            help="The loan is repaid by deductions from the wage abroad.",
            show_default=False,
        ),
    ] = None,
    salary: Annotated[
        str | None, typer.Option(metavar="AMOUNT", help="The expected monthly wage, in --currency.")
    ] = None,
    currency: Annotated[
        str | None,
        typer.Option(
            metavar="CODE", help="The wage currency, three letters: TWD, HKD. [default: IDR]"
        ),
    ] = None,
    rate: Annotated[
        str | None,
        typer.Option(
            metavar="RUPIAH", help="Exchange rate: rupiah for one unit of --currency (515)."
        ),
    ] = None,
    contract_months: Annotated[
        str | None,
        typer.Option(metavar="MONTHS", help="The length of the work contract in months."),
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            metavar="annuity|flat",
            help="Instalments: annuity (equal instalments) or flat (flat rate).",
        ),
    ] = "annuity",
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
    json: JsonOption = False,
) -> None:
    """Costs and loan check: forbidden charges, the gap, and what a loan costs every month.

    With no values given it asks for them one by one; give any value as an option to skip the
    questions (for example: --salary 22000 --currency TWD --rate 515 --loan 30jt --interest 6
    --months 24 --lender bank).
    """
    from pmi_ready.cli.app import load, print_json
    from pmi_ready.funds import FundsRules, check

    tr = ui_translator(lang)
    rules = FundsRules.from_catalog(load(checklists))
    values = {
        "job": job,
        "savings": savings,
        "loan": loan,
        "interest": interest,
        "months": months,
        "lender": lender,
        "paid_to": paid_to,
        "collateral": collateral,
        "salary_deduction": salary_deduction,
        "cash_no_receipt": cash_without_receipt,
        "salary": salary,
        "currency": currency,
        "rate": rate,
        "contract_months": contract_months,
    }
    if cost or any(v is not None for v in values.values()):
        inp = _from_options(rules, tr, values, cost or [], method)
    else:
        inp = _interactive(rules, tr, method, to_stderr=json)
    result = check(inp, rules)
    if json:
        print_json(result.to_dict())
        return
    _show(result, tr)


def _fail(option: str, message: str, hint: str | None = None) -> NoReturn:
    """``--option: message``; ``message`` and ``hint`` are already in the user's language."""
    from pmi_ready.core import N_, Msg, PmiReadyError, Verbatim

    raise PmiReadyError(
        N_("{option}: {problem}"),
        hint=None if hint is None else Msg(hint),
        option=Verbatim(option),
        problem=Verbatim(message),
    )


def _from_options(
    rules: FundsRules,
    tr: Translator,
    values: Mapping[str, str | bool | None],
    costs: list[str],
    method: str,
) -> FundsInput:
    from decimal import Decimal

    from pmi_ready.funds import (
        AmountError,
        FundsInput,
        Method,
        PaidTo,
        parse_amount,
        parse_months,
        parse_percent,
        parse_rate,
    )

    _ = tr._

    def number(key: str, parse: Callable[[str], T]) -> T | None:
        raw = values[key]
        if raw is None:
            return None
        try:
            return parse(str(raw))
        except AmountError as e:
            message, example = e.localized(tr)
            _fail("--" + key.replace("_", "-"), message, example)

    def text(key: str) -> str | None:
        raw = values[key]
        return None if raw is None else str(raw)

    def flag(key: str) -> bool | None:
        raw = values[key]
        return raw if isinstance(raw, bool) else None

    savings, loan = number("savings", parse_amount), number("loan", parse_amount)
    salary = number("salary", parse_amount)
    interest = number("interest", parse_percent)
    months = number("months", parse_months)
    contract_months = number("contract_months", lambda t: parse_months(t, what=_("the contract")))
    rate = number("rate", parse_rate)
    cost_values: list[tuple[str, Decimal]] = []
    known = [c.id for c in rules.costs]
    for spec in costs:
        cid, sep, amount = spec.replace(":", "=", 1).partition("=")
        cid = cid.strip()
        if not sep or cid not in known:
            _fail(
                "--cost",
                _('"{spec}" is not ID=AMOUNT with a known cost id').format(spec=spec),
                _("Cost ids: {ids}. For example: --cost passport=350000").format(
                    ids=", ".join(known)
                ),
            )
        if cid in dict(cost_values):
            _fail("--cost", _('the cost "{id}" is given twice').format(id=cid))
        try:
            cost_values.append((cid, parse_amount(amount)))
        except AmountError as e:
            message, example = e.localized(tr)
            _fail("--cost", _("{key}: {problem}").format(key=cid, problem=message), example)
    choices = {
        "--job": (values["job"], list(rules.jobs or {})),
        "--lender": (values["lender"], [x.id for x in rules.lenders]),
        "--paid-to": (values["paid_to"], [p.value for p in PaidTo]),
        "--method": (method, [m.value for m in Method]),
    }
    for option, (value, allowed) in choices.items():
        if value is not None and value not in allowed:
            _fail(
                option,
                _('"{value}" is not one of: {allowed}').format(
                    value=value, allowed=", ".join(allowed)
                ),
            )
    cur = str(values["currency"] or "IDR").strip().upper()
    if len(cur) != 3 or not cur.isalpha():
        _fail("--currency", _("use a three-letter code such as TWD, HKD, MYR or IDR"))
    if cur != "IDR" and salary is not None and rate is None:
        _fail(
            "--rate",
            _("the wage is in {currency}: give the rupiah for one {currency}").format(currency=cur),
            _("For example: --rate 515"),
        )
    if loan is not None and (interest is None or months is None):
        _fail(
            "--loan",
            _("a loan needs --interest and --months too"),
            _("For example: --loan 30jt --interest 6 --months 24"),
        )
    return FundsInput(
        job=text("job"),
        costs=tuple(cost_values),
        cash_no_receipt=flag("cash_no_receipt"),
        savings=savings,
        loan=loan,
        interest=interest,
        months=months,
        lender=text("lender"),
        paid_to=PaidTo(str(values["paid_to"])) if values["paid_to"] else None,
        collateral=flag("collateral"),
        salary_deduction=flag("salary_deduction"),
        method=Method(method),
        salary=salary,
        currency=cur,
        rate=rate,
        contract_months=contract_months,
    )


class _ConsoleIO:
    def __init__(self, tr: Translator, *, to_stderr: bool) -> None:
        from pmi_ready.cli.app import console

        self.tr = tr
        self.to_stderr = to_stderr
        self.out = console(stderr=to_stderr)
        self.err = console(stderr=True)

    def ask(self, question: str) -> str:
        from pmi_ready.cli.app import escape
        from pmi_ready.core import InputEndedError

        # the question wrapped to the window by words, the answer typed after it
        (self.err if self.to_stderr else self.out).print(escape(question.rstrip()), end="")
        try:
            return str(
                typer.prompt(
                    "",
                    default="",
                    show_default=False,
                    prompt_suffix=" ",
                    err=self.to_stderr,
                )
            )
        except typer.Abort:
            raise InputEndedError(
                self.tr._("the input ended before every question was answered"),
                hint=self.tr._(
                    "Give the values as options instead, for example: pmi-ready funds --loan 30jt "
                    "--interest 6 --months 24 (see pmi-ready funds --help)."
                ),
            ) from None

    def say(self, text: str) -> None:
        from pmi_ready.cli.app import escape

        self.out.print(escape(text))

    def warn(self, text: str) -> None:
        from pmi_ready.cli.app import escape

        self.err.print(f"[yellow]{escape(text)}[/]")


def _interactive(rules: FundsRules, tr: Translator, method: str, *, to_stderr: bool) -> FundsInput:
    from dataclasses import replace

    from pmi_ready.cli.funds_ask import ask_funds
    from pmi_ready.funds import Method

    _ = tr._
    if method not in [m.value for m in Method]:
        _fail(
            "--method",
            _('"{value}" is not one of: {allowed}').format(value=method, allowed="annuity, flat"),
        )
    io = _ConsoleIO(tr, to_stderr=to_stderr)
    io.say(_("Costs and loan check. Press Enter to skip a question you cannot answer."))
    inp = ask_funds(rules, tr, io)
    return replace(inp, method=Method(method))


def _show(result: FundsResult, tr: Translator) -> None:
    from pmi_ready.cli.app import console

    print_result(result, tr, console())


def print_result(result: FundsResult, tr: Translator, out: Console) -> None:
    """The check's result on ``out``, each line wrapped to the window by words."""
    from pmi_ready.cli.app import escape
    from pmi_ready.funds import render_funds_text

    _ = tr._
    heading = _("Costs and loan check")
    out.print(f"[bold]{escape(heading)}[/]")
    for line in render_funds_text(result, tr):
        if line.startswith("! "):
            out.print(f"[bold red]{escape(line)}[/]")
        elif line.startswith("* "):
            out.print(f"[yellow]{escape(line)}[/]")
        elif not line.startswith(" "):
            out.print(f"[bold]{escape(line)}[/]")
        else:
            out.print(escape(line))
