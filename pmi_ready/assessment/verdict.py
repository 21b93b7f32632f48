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

from pmi_ready.core import N_, Answer, Catalog, Profile, Readiness, assess, frozen

if TYPE_CHECKING:
    from pmi_ready.core import Lang
    from pmi_ready.funds import FundsResult, FundsRules
    from pmi_ready.render import ExtraSection, LangMode, ReportContext
    from pmi_ready.store import StoredAssessment

FUNDS_KEY = "funds"
COPY_KEY = "checklist_set"
"""The copy of a folder's checklists in an assessment's data (`pmi_ready.checklists.snapshot`)."""
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

    used = catalog_for(stored, catalog)
    catalog = used.catalog
    ev = evaluate(catalog, stored.profile, stored.answers, stored.data)
    sections = tuple(extras)
    checklists = checklists_section(used, stored, ev.readiness)
    if checklists is not None:
        sections = (checklists, *sections)
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


def checklist_copy(catalog: Catalog) -> dict[str, object] | None:
    """The copy of the checklists from folders that an assessment keeps (None: built-in)."""
    if catalog.origin is None or not catalog.origin.name:
        return None
    from pmi_ready.checklists import take_copy

    return take_copy(catalog)


@frozen
class CatalogUsed:
    """The catalog to report a stored assessment with, and how it was found."""

    catalog: Catalog
    from_copy: tuple[str, ...] = ()
    """Checklists not loaded now, taken from the copy kept with the assessment."""
    missing: tuple[str, ...] = ()
    """Checklists the assessment used that are neither loaded nor kept: not in the report."""
    problem: str = ""
    """Why the kept copy could not be used."""


def catalog_for(stored: StoredAssessment, catalog: Catalog) -> CatalogUsed:
    """The loaded ``catalog``, or, when checklists the assessment was answered with are not
    loaded (a report without the ``--checklists`` folder), the loaded ones it used with the copy
    of the others kept with it (`pmi_ready.checklists.snapshot`). What is still missing is named,
    never silently left out."""
    from pmi_ready.checklists import SnapshotError, restore_copy

    problem = ""
    try:
        restored = restore_copy(catalog, stored.data, stored.versions)
    except SnapshotError as e:
        restored, problem = None, e.message
    from_copy: tuple[str, ...] = ()
    if restored is not None:
        catalog, ids = restored
        from_copy = tuple(ids)
    have = {c.id for c in catalog.checklists} | {catalog.profile.id}
    missing = tuple(sorted(k for k in stored.versions if k not in have))
    return CatalogUsed(catalog, from_copy, missing, problem)


def checklists_section(
    used: CatalogUsed, stored: StoredAssessment, readiness: Readiness
) -> ExtraSection | None:
    """The report's "Checklists used": the set when it is not the built-in one, where the
    contacts come from when not from the built-in file, and what the report could not find."""
    from pmi_ready.checklists import copy_origin
    from pmi_ready.core import STATUS_TEXT, Status, Text
    from pmi_ready.i18n import translator
    from pmi_ready.render import ExtraSection

    tr = {lang: translator(lang) for lang in ("id", "en")}

    def t(msgid: str, **values: object) -> Text:
        def one(lang: str) -> str:
            kw = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in values.items()}
            return tr[lang]._(msgid).format(**kw)

        return Text(one("id"), one("en"))

    origin = used.catalog.origin or copy_origin(stored.data)
    rows: list[tuple[Text, Text]] = []
    notes: list[Text] = []
    warnings: list[Text] = []
    data: dict[str, object] = {"builtin": origin is None or not origin.name}
    if origin is not None and origin.name:
        if origin.own_profile:
            value = t(
                N_(
                    "{name}: a set of its own (fingerprint {fingerprint}), with the built-in "
                    "consent question, warning signs and contacts"
                ),
                name=origin.name,
                fingerprint=origin.fingerprint,
            )
        else:
            value = t(
                N_("the built-in set with {name} added (fingerprint {fingerprint})"),
                name=origin.name,
                fingerprint=origin.fingerprint,
            )
        rows.append((t(N_("Checklist set")), value))
        data.update(
            name=origin.name, fingerprint=origin.fingerprint, own_profile=origin.own_profile
        )
    if origin is not None and origin.contacts_file:
        rows.append(
            (
                t(N_("Contacts")),
                t(
                    N_("from {file}, not the built-in verified contacts"),
                    file=origin.contacts_file,
                ),
            )
        )
        data["contacts_file"] = origin.contacts_file
    if used.from_copy:
        notes.append(
            t(
                N_(
                    "The checklist folder was not given: {ids} are shown from the copy kept "
                    "with the assessment."
                ),
                ids=", ".join(used.from_copy),
            )
        )
        data["from_copy"] = list(used.from_copy)
    if used.problem:
        warnings.append(Text(used.problem, used.problem))
    if used.missing:
        warnings.append(
            t(
                N_(
                    "The checklists {ids} that this assessment was answered with are not loaded "
                    "and no copy was kept: their questions and warning signs are not in this "
                    "report. Give their folder with --checklists."
                ),
                ids=", ".join(used.missing),
            )
        )
        data["missing"] = list(used.missing)
        if stored.status and stored.status != readiness.status.value:
            try:
                said = STATUS_TEXT[Status(stored.status)]
            except ValueError:
                said = Text(stored.status, stored.status)
            warnings.append(
                t(
                    N_("The record was saved with the status '{saved}'; this report says '{now}'."),
                    saved=said,
                    now=STATUS_TEXT[readiness.status],
                )
            )
    if not (rows or notes or warnings):
        return None
    return ExtraSection(
        "checklists",
        t(N_("Checklists used")),
        rows=tuple(rows),
        notes=tuple(notes),
        warnings=tuple(warnings),
        data=data,
    )
