"""The costs and loan check as a group of the XLSForm, for those whose costs are paid (partly) with
a loan (as the walk asks it): a ``select_multiple`` of the costs asked, the amount of each one
chosen, savings, the loan and its terms. Its answers come back through ``records import`` as the
``funds:`` part of an answers file, so the funds check runs on them as on any answers file.
Amounts in rupiah are whole numbers (``integer``), so ``2.250`` can never be misread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pmi_ready.core import Catalog, Text
from pmi_ready.export.selection import Sheet
from pmi_ready.export.xlsform_form import FormField
from pmi_ready.export.xpath import and_

if TYPE_CHECKING:
    from pmi_ready.funds import FundsRules

GROUP = "costs-loan"
COSTS_LIST = "funds_costs"
LENDERS_LIST = "funds_lenders"
PAID_TO_LIST = "funds_paid_to"
LOAN_FUNDING = ("loan", "mixed")

Labels = Callable[[str, Text], dict[str, str]]
Take = Callable[[str], str]


def funds_part(
    sheet: Sheet, take: Take, labels: Labels, gate: str, funding: str | None
) -> tuple[list[dict[str, str]], list[dict[str, str]], list[FormField]]:
    """Survey rows, choice rows and the fields of the costs and loan group (kind ``funds``,
    ``ref`` the key of the answers file's ``funds:`` part); nothing when the checklists have no
    funds rules or the profile no funding question."""
    rules = _rules(sheet.catalog)
    if rules is None or funding is None:
        return [], [], []
    from pmi_ready.funds import PaidTo

    w = sheet.words
    survey: list[dict[str, str]] = []
    choices: list[dict[str, str]] = []
    fields: list[FormField] = []
    loan = " or ".join(f"${{{funding}}} = '{v}'" for v in LOAN_FUNDING)
    group_name = take(GROUP)
    group = {"type": "begin_group", "name": group_name, **labels("label", w.xls_funds_title)}
    group["relevant"] = and_(gate, f"({loan})")
    survey.append(group)

    def ask(kind: str, key: str, label: Text, **extra: str) -> str:
        name = take("funds_" + key.replace("costs.", "cost_"))
        survey.append({"type": kind, "name": name, **labels("label", label), **extra})
        fields.append(FormField(group_name, name, "funds", key, label, w.xls_funds_title))
        return name

    costs = ask(f"select_multiple {COSTS_LIST}", "costs", w.xls_funds_costs)
    for c in rules.costs:
        choices.append({"list_name": COSTS_LIST, "name": c.id, **labels("label", c.label)})
        amount = Text(
            w.xls_funds_cost_amount.id.format(cost=c.label.id),
            w.xls_funds_cost_amount.en.format(cost=c.label.en),
        )
        ask(
            "integer",
            f"costs.{c.id}",
            amount,
            relevant=f"selected(${{{costs}}}, '{c.id}')",
            required="yes",
            constraint=". >= 0",
        )
    ask("integer", "savings", w.xls_funds_savings, constraint=". >= 0")
    ask("integer", "loan", w.xls_funds_loan, constraint=". >= 0")
    ask("decimal", "interest", w.xls_funds_interest, constraint=". >= 0 and . <= 100")
    ask("integer", "months", w.xls_funds_months, constraint=". >= 1 and . <= 360")
    ask(f"select_one {LENDERS_LIST}", "lender", w.xls_funds_lender)
    for lender in rules.lenders:
        choices.append(
            {"list_name": LENDERS_LIST, "name": lender.id, **labels("label", lender.label)}
        )
    ask(f"select_one {PAID_TO_LIST}", "paid_to", w.xls_funds_paid_to)
    for value, text in zip(
        (PaidTo.WORKER, PaidTo.AGENCY, PaidTo.OTHER),
        (w.xls_paid_worker, w.xls_paid_agency, w.xls_paid_other),
        strict=True,
    ):
        choices.append({"list_name": PAID_TO_LIST, "name": value.value, **labels("label", text)})
    ask("select_one yes_no", "collateral", w.xls_funds_collateral)
    ask("select_one yes_no", "salary_deduction", w.xls_funds_salary_deduction)
    survey.append({"type": "end_group"})
    return survey, choices, fields


def _rules(catalog: Catalog) -> FundsRules | None:
    from pmi_ready.core import PmiReadyError
    from pmi_ready.funds import FundsRules

    try:
        return FundsRules.from_catalog(catalog)
    except PmiReadyError:
        return None
