"""The funds check as text: plain lines in one language for `pmi-ready funds`, and a bilingual
report section (`funds_section`) for the readiness report.

`render_funds_text(result, tr)` only formats: every number comes from the `FundsResult`.
Lines that start with two spaces belong to the heading above them; a flag line starts with "! "
(red flag) or "* " (warning).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from pmi_ready.core import Lang, Text
from pmi_ready.funds.checker import CostLine, FundsResult, Method, percent_text
from pmi_ready.i18n import Translator, _, both, translator

if TYPE_CHECKING:
    from pmi_ready.render import ExtraSection


def _months(n: Decimal, tr: Translator) -> str:
    return tr.number(n)


def render_funds_text(result: FundsResult, tr: Translator) -> list[str]:
    """The whole funds section: costs, savings and gap, the loan, the flags, where to report."""
    _ = tr._
    lang = tr.lang
    rules, inp = result.rules, result.input
    out: list[str] = []

    # costs and the rules on who pays them
    if result.costs:
        out.append(_("Costs you were asked to pay"))
        for c in result.costs:
            mark = ""
            if c.forbidden:
                mark = " — " + _("may not be charged for your job")
            elif c.worker_may_pay:
                mark = " — " + _("may fall on the worker")
            elif result.zero_cost_job is not None:
                mark = " — " + _("ask in writing who pays")
            out.append(f"  {c.label.get(lang)}: {tr.money(c.amount)}{mark}")
        out.append("  " + _("Total: {amount}").format(amount=tr.money(result.total_costs)))
        if result.forbidden_total > 0:
            out.append(
                "  "
                + _("Should not have been asked: {amount}").format(
                    amount=tr.money(result.forbidden_total)
                )
            )
    if inp.job is not None:
        job = rules.job_label(inp.job).get(lang)
        if result.zero_cost_job:
            out.append(_("Job: {job}, one of the ten zero-cost jobs.").format(job=job))
            out.append("  " + rules.zero_cost.note.get(lang))
        else:
            out.append(_("Job: {job}, not one of the ten zero-cost jobs.").format(job=job))
            out.append("  " + rules.other_jobs.note.get(lang))
            names = [rules.cost(c) for c in rules.worker_may_pay]
            listed = ", ".join(n.label.get(lang) for n in names if n is not None)
            out.append("  " + _("May fall on the worker: {costs}").format(costs=listed))
    elif result.costs:
        out.append(_("Give your job to see which of these costs the rules forbid."))
    if inp.savings is not None:
        out.append(_("Savings: {amount}").format(amount=tr.money(inp.savings)))
        if result.gap is not None:
            out.append("  " + _("Still needed: {amount}").format(amount=tr.money(result.gap)))
        if result.forbidden_total > 0 and result.gap_without_forbidden is not None:
            out.append(
                "  "
                + _("Still needed without the forbidden charges: {amount}").format(
                    amount=tr.money(result.gap_without_forbidden)
                )
            )

    out.extend(_loan_lines(result, tr))

    if result.flags:
        out.append(_("Warning signs"))
        for f in result.flags:
            out.append(f"{'! ' if f.red_flag else '* '}{f.title.get(lang)}")
            out.append("  " + f.detail.get(lang))
    if result.red_flags():
        out.extend(_contact_lines(result, tr))
    if result.loan is not None:
        out.append(rules.guidance.note.get(lang))
    return out


def _loan_lines(result: FundsResult, tr: Translator) -> list[str]:
    _ = tr._
    loan, rules, inp = result.loan, result.rules, result.input
    out: list[str] = []
    if loan is None:
        return out
    method = (
        _("annuity method: equal monthly instalments, interest on what is still owed")
        if loan.method is Method.ANNUITY
        else _("flat-rate method: interest on the whole amount every month")
    )
    out.append(_("Loan ({method})").format(method=method))
    out.append(
        "  "
        + _("{amount} at {rate} a year over {months} months").format(
            amount=tr.money(loan.principal),
            rate=percent_text(loan.interest, tr),
            months=loan.months,
        )
    )
    lender = rules.lender(inp.lender) if inp.lender else None
    if lender is not None:
        out.append("  " + _("Lender: {lender}").format(lender=lender.label.get(tr.lang)))
    line = _("Monthly instalment: {amount}").format(amount=tr.money(loan.instalment))
    if loan.last_instalment != loan.instalment:
        line += " " + _("(the last one {amount})").format(amount=tr.money(loan.last_instalment))
    out.append("  " + line)
    out.append(
        "  "
        + _("Total interest: {interest}; total repaid: {total}").format(
            interest=tr.money(loan.total_interest), total=tr.money(loan.total_repaid)
        )
    )
    if result.wage_idr is not None and result.share is not None:
        if inp.currency != "IDR" and inp.salary is not None and inp.rate is not None:
            out.append(
                "  "
                + _("Monthly wage: {wage} × {rate} = {rupiah}").format(
                    wage=tr.money(inp.salary, inp.currency),
                    rate=tr.number(inp.rate),
                    rupiah=tr.money(result.wage_idr),
                )
            )
        else:
            out.append("  " + _("Monthly wage: {rupiah}").format(rupiah=tr.money(result.wage_idr)))
        out.append(
            "  "
            + _(
                "The instalment is {share} of the monthly wage (guidance: at most {guidance})"
            ).format(
                share=percent_text(result.share * 100, tr),
                guidance=percent_text(rules.instalment_share, tr),
            )
        )
    if result.months_of_wages is not None and result.interest_months_of_wages is not None:
        out.append(
            "  "
            + _(
                "Repaying it takes {months} months of wages (the interest alone: {interest} months)"
            ).format(
                months=_months(result.months_of_wages, tr),
                interest=_months(result.interest_months_of_wages, tr),
            )
        )
    out.append(
        _("KUR PMI: {rate} a year, up to {amount}, up to {months} months").format(
            rate=percent_text(rules.kur_rate, tr),
            amount=tr.money(rules.kur_max_amount),
            months=rules.kur_max_months,
        )
    )
    kur = result.kur_loan
    if kur is not None and result.kur_saving is not None and kur != loan:
        out.append(
            "  "
            + _("The same loan as KUR PMI: {instalment} a month, interest {interest}").format(
                instalment=tr.money(kur.instalment), interest=tr.money(kur.total_interest)
            )
        )
        if result.kur_saving > 0:
            out.append(
                "  "
                + _("KUR PMI would cost {amount} less").format(amount=tr.money(result.kur_saving))
            )
    return out


def _contact_lines(result: FundsResult, tr: Translator) -> list[str]:
    _ = tr._
    contacts = result.rules.contacts
    out = [_("Report it and get help (official contacts):")]
    if contacts is None or not contacts.contacts:
        out.append("  " + _("run 'pmi-ready contacts' to see them"))
        return out
    for c in contacts.contacts:
        value = f"{c.value}  " if c.value else ""
        out.append(f"  {value}{c.label.get(tr.lang)}")
    return out


# ------------------------------------------------------------------------ the report section
def funds_section(
    result: FundsResult | None,
    *,
    problem: str | None = None,
    stored: Mapping[str, object] | None = None,
    command: str = "pmi-ready resume ID",
    first: Lang = "id",
) -> ExtraSection:
    """The funds check as a bilingual report section (key ``funds``): the flags highlighted,
    the numbers as rows, the rules' notes; its ``data`` is `FundsResult.to_dict()` for the JSON
    report. Without a result (stored answers that cannot be used: ``problem``) it says so and
    how to answer again (``command``). An amount alone is written once, as the report's first
    language (``first``) writes it: "Rp5.000.000", never "Rp5.000.000 / Rp5,000,000"."""
    from pmi_ready.render import ExtraSection

    title = both(_("Costs and loan check"))
    if result is None:
        why = problem or "-"
        warning = _each(
            lambda tr: tr._(
                "The costs and loan answers stored with this assessment cannot be used: {problem}"
            ).format(problem=why)
        )
        note = _each(
            lambda tr: tr._("Answer the costs and loan questions again with: {command}").format(
                command=command
            )
        )
        data = {"error": why, "input": dict(stored or {})}
        return ExtraSection("funds", title, warnings=(warning,), notes=(note,), data=data)
    inp, rules, loan = result.input, result.rules, result.loan
    rows: list[tuple[Text, Text]] = []
    for c in result.costs:
        rows.append((c.label, _cost_value(result, c)))
    if result.costs:
        rows.append(_money_row(_("Total costs"), result.total_costs, first))
    if result.forbidden_total > 0:
        rows.append(_money_row(_("Should not have been asked"), result.forbidden_total, first))
    if inp.savings is not None:
        rows.append(_money_row(_("Savings"), inp.savings, first))
    if result.gap is not None:
        rows.append(_money_row(_("Still needed"), result.gap, first))
    if result.forbidden_total > 0 and result.gap_without_forbidden is not None:
        label = _("Still needed without the forbidden charges")
        rows.append(_money_row(label, result.gap_without_forbidden, first))
    rows.extend(_loan_rows(result, first))

    notes: list[Text] = [f.detail for f in result.flags if not f.red_flag]
    if result.red_flags():
        notes.append(both(_("The red warning signs are explained at the top of this report.")))
    if inp.job is not None:
        job = rules.job_label(inp.job)
        if result.zero_cost_job:
            notes.append(
                _each(
                    lambda tr: tr._("Job: {job}, one of the ten zero-cost jobs.").format(
                        job=job.get(tr.lang)
                    )
                )
            )
            notes.append(rules.zero_cost.note)
        else:
            notes.append(
                _each(
                    lambda tr: tr._("Job: {job}, not one of the ten zero-cost jobs.").format(
                        job=job.get(tr.lang)
                    )
                )
            )
            notes.append(rules.other_jobs.note)
    elif result.costs:
        notes.append(both(_("Give your job to see which of these costs the rules forbid.")))
    if loan is not None:
        notes.append(rules.guidance.note)
    if not (result.costs or inp.savings is not None or loan is not None):
        notes.append(both(_("No costs, savings or loan were given.")))
    return ExtraSection(
        "funds",
        title,
        rows=tuple(rows),
        notes=tuple(notes),
        warnings=tuple(f.title for f in result.flags),
        data=result.to_dict(),
    )


def _each(make: Callable[[Translator], str]) -> Text:
    """One text made once per language."""
    return Text(make(translator("id")), make(translator("en")))


def _once(make: Callable[[Translator], str], first: Lang) -> Text:
    """Numbers alone, written once, as the first language of the report writes them."""
    text = make(translator(first))
    return Text(text, text)


def _money_row(label: str, amount: Decimal, first: Lang) -> tuple[Text, Text]:
    return both(label), _once(lambda tr: tr.money(amount), first)


def _cost_value(result: FundsResult, c: CostLine) -> Text:
    def one(tr: Translator) -> str:
        _ = tr._
        text = tr.money(c.amount)
        if c.forbidden:
            return text + " — " + _("may not be charged for your job")
        if c.worker_may_pay:
            return text + " — " + _("may fall on the worker")
        if result.zero_cost_job is not None:
            return text + " — " + _("ask in writing who pays")
        return text

    return _each(one)


def _loan_rows(result: FundsResult, first: Lang) -> list[tuple[Text, Text]]:
    loan, rules, inp = result.loan, result.rules, result.input
    if loan is None:
        return []
    if loan.method is Method.ANNUITY:
        method = _("annuity method: equal monthly instalments, interest on what is still owed")
    else:
        method = _("flat-rate method: interest on the whole amount every month")
    rows: list[tuple[Text, Text]] = [
        (
            both(_("Loan")),
            _each(
                lambda tr: tr._("{amount} at {rate} a year over {months} months").format(
                    amount=tr.money(loan.principal),
                    rate=percent_text(loan.interest, tr),
                    months=loan.months,
                )
            ),
        ),
        (both(_("Method")), both(method)),
    ]
    lender = rules.lender(inp.lender) if inp.lender else None
    if lender is not None:
        rows.append((both(_("Lender")), lender.label))

    def instalment(tr: Translator) -> str:
        text = tr.money(loan.instalment)
        if loan.last_instalment != loan.instalment:
            last = tr._("(the last one {amount})").format(amount=tr.money(loan.last_instalment))
            text += " " + last
        return text

    rows += [
        (both(_("Monthly instalment")), _each(instalment)),
        _money_row(_("Total interest"), loan.total_interest, first),
        _money_row(_("Total repaid"), loan.total_repaid, first),
    ]
    wage, share = result.wage_idr, result.share
    if wage is not None:

        def wage_text(tr: Translator) -> str:
            if inp.currency != "IDR" and inp.salary is not None and inp.rate is not None:
                given = tr.money(inp.salary, inp.currency)
                return f"{given} × {tr.number(inp.rate)} = {tr.money(wage)}"
            return tr.money(wage)

        rows.append((both(_("Monthly wage")), _once(wage_text, first)))
    if share is not None:
        rows.append(
            (
                both(_("Instalment as a share of the wage")),
                _each(
                    lambda tr: tr._("{share} (guidance: at most {guidance})").format(
                        share=percent_text(share * 100, tr),
                        guidance=percent_text(rules.instalment_share, tr),
                    )
                ),
            )
        )
    months, interest = result.months_of_wages, result.interest_months_of_wages
    if months is not None and interest is not None:
        rows.append(
            (
                both(_("Months of wages to repay it")),
                _each(
                    lambda tr: tr._("{months} (the interest alone: {interest})").format(
                        months=_months(months, tr), interest=_months(interest, tr)
                    )
                ),
            )
        )
    rows.append(
        (
            both(_("KUR PMI")),
            _each(
                lambda tr: tr._("{rate} a year, up to {amount}, up to {months} months").format(
                    rate=percent_text(rules.kur_rate, tr),
                    amount=tr.money(rules.kur_max_amount),
                    months=rules.kur_max_months,
                )
            ),
        )
    )
    kur = result.kur_loan
    if kur is not None and kur != loan:
        rows.append(
            (
                both(_("The same loan as KUR PMI")),
                _each(
                    lambda tr: tr._("{instalment} a month, interest {interest}").format(
                        instalment=tr.money(kur.instalment), interest=tr.money(kur.total_interest)
                    )
                ),
            )
        )
    return rows
