"""Costs and loans: amounts as people type them, what the applicant says (`FundsInput`), the rules
file, the check and its red flags, the funds part of answers files, and its text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmi_ready._lazy import lazy_exports

if TYPE_CHECKING:
    from pmi_ready.funds.amounts import (
        CURRENCY_EXAMPLE as CURRENCY_EXAMPLE,
        AmountError as AmountError,
        parse_amount as parse_amount,
        parse_money as parse_money,
        parse_months as parse_months,
        parse_percent as parse_percent,
        parse_rate as parse_rate,
    )
    from pmi_ready.funds.answers_file import (
        read_funds as read_funds,
    )
    from pmi_ready.funds.checker import (
        FundsResult as FundsResult,
        check as check,
    )
    from pmi_ready.funds.inputs import (
        FundsInput as FundsInput,
        Method as Method,
        PaidTo as PaidTo,
    )
    from pmi_ready.funds.rules import (
        FundsRules as FundsRules,
    )
    from pmi_ready.funds.text import (
        funds_section as funds_section,
        render_funds_text as render_funds_text,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "AmountError": "amounts",
        "CURRENCY_EXAMPLE": "amounts",
        "parse_money": "amounts",
        "check": "checker",
        "funds_section": "text",
        "FundsInput": "inputs",
        "FundsResult": "checker",
        "FundsRules": "rules",
        "Method": "inputs",
        "PaidTo": "inputs",
        "parse_amount": "amounts",
        "parse_months": "amounts",
        "parse_percent": "amounts",
        "parse_rate": "amounts",
        "read_funds": "answers_file",
        "render_funds_text": "text",
    },
)
