"""One way to score an assessment: the checklist readiness with the funds check folded in.

Every place that scores an assessment (after each answer, an answers file, the report) calls
`evaluate`, so the stored summary (status, red flags) and every report format agree: a
debt-bondage sign from the funds check is a red flag everywhere (the status is ``stop``), a
guidance threshold passed is a caution (at best ``nearly-ready``). `report_context` wraps a stored
assessment's verdict for the renderers. Pure: no I/O, no printing.

The funds modules are imported only when the data holds funds answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from pmi_ready.core import Answer, Catalog, Profile, Readiness, assess, frozen

if TYPE_CHECKING:
    from pmi_ready.core import Lang
    from pmi_ready.funds import FundsResult, FundsRules
    from pmi_ready.render import ExtraSection, LangMode, ReportContext
    from pmi_ready.store import StoredAssessment

FUNDS_KEY = "funds"
LOAN_FUNDING = frozenset({"loan", "mixed"})


@frozen
class Evaluation:
    readiness: Readiness
    funds: FundsResult | None = None
    funds_problem: str | None = None
    """Why stored funds answers could not be used (they are left out of the result)."""
    funds_data: Mapping[str, object] | None = None
    """The funds answers as stored, when there are any (for the report's JSON)."""


def wants_funds(profile: Profile) -> bool:
    """The profile says the costs are paid (partly) by a loan: the funds step is asked."""
    return profile.get("funding") in LOAN_FUNDING


def evaluate(
    catalog: Catalog,
    profile: Profile,
    answers: Mapping[str, Answer],
    data: Mapping[str, object] | None = None,
    *,
    rules: FundsRules | None = None,
) -> Evaluation:
    """Score one assessment. ``data`` is the stored extra data; its ``"funds"`` entry (a
    `FundsInput.to_dict()`) runs the funds check, whose red flags join the readiness. The job
    always comes from the profile when it has one. Funds answers that cannot be used (an
    unknown cost, a missing funds rules file, …) do not stop the scoring: the result carries
    ``funds_problem`` and leaves the funds out."""
    raw = (data or {}).get(FUNDS_KEY)
    if raw is None:
        return Evaluation(assess(catalog, profile, answers))
    funds, problem = _funds(catalog, profile, raw, rules)
    flags = (*funds.red_flags(), *funds.cautions()) if funds is not None else ()
    readiness = assess(catalog, profile, answers, extra_flags=flags)
    shown = dict(raw) if isinstance(raw, Mapping) else {"value": raw}
    return Evaluation(readiness, funds, problem, shown)


def _funds(
    catalog: Catalog, profile: Profile, raw: object, rules: FundsRules | None
) -> tuple[FundsResult | None, str | None]:
    from dataclasses import replace

    from pmi_ready.core import N_, PmiReadyError
    from pmi_ready.funds import FundsInput, FundsRules, check

    try:
        if not isinstance(raw, Mapping):
            raise PmiReadyError(N_("the stored funds answers are not a mapping"))
        inp = FundsInput.from_dict(raw)
        job = profile.get("job")
        if job:
            inp = replace(inp, job=job)
        if rules is None:
            rules = FundsRules.from_catalog(catalog)
        return check(inp, rules), None
    except PmiReadyError as e:  # FundsInputError, AmountError, no funds rules file
        return None, e.message
    except (ValueError, TypeError, ArithmeticError) as e:
        return None, f"the stored funds answers cannot be used ({e})"


def local_date(when: dt.datetime) -> dt.date:
    """The day of ``when`` in local time (a naive time is taken as local)."""
    return (when.astimezone() if when.tzinfo else when).date()


def report_context(
    stored: StoredAssessment,
    catalog: Catalog,
    lang_mode: LangMode = "both",
    *,
    first: Lang = "id",
    extras: Iterable[ExtraSection] = (),
    private: bool = False,
) -> ReportContext:
    """Score a stored assessment against ``catalog`` (with `evaluate`, so the funds check and its
    red flags are part of it) and wrap it for the renderers; ``private`` leaves the sensitive
    questions out (the take-home copy)."""
    from pmi_ready.render import build_context

    ev = evaluate(catalog, stored.profile, stored.answers, stored.data)
    sections = tuple(extras)
    if ev.funds_data is not None:
        from pmi_ready.funds import funds_section

        command = f"pmi-ready resume {stored.id[:8]}"
        sections = (
            funds_section(
                ev.funds,
                problem=ev.funds_problem,
                stored=ev.funds_data,
                command=command,
                first=first,
            ),
            *sections,
        )
    return build_context(
        ev.readiness,
        catalog,
        assessment_id=stored.id,
        created=local_date(stored.created_at),
        lang_mode=lang_mode,
        first=first,
        extras=sections,
        private=private,
    )
