"""The interface words of the printable checklists and the XLSForm, in both languages.

Built when an export runs (never at import), from the gettext catalogs through `i18n.both`.
"""

from __future__ import annotations

from pmi_ready.core import Level, Text, frozen
from pmi_ready.i18n import _, both


@frozen
class Words:
    title: Text
    subtitle: Text
    how_to_fill: Text
    scope_all: Text
    scope_some: Text
    checklist_set: Text
    contacts_file: Text
    destination: Text
    job: Text
    yes: Text
    no: Text
    unsure: Text
    na: Text
    critical: Text
    important: Text
    advice: Text
    critical_means: Text
    important_means: Text
    advice_means: Text
    levels: Text
    warning_sign: Text
    why: Text
    notes: Text
    source: Text
    sources: Text
    not_confirmed: Text
    reviewed: Text
    version: Text
    contacts: Text
    last_verified: Text
    applicant_name: Text
    date: Text
    applicant_signature: Text
    officer_name: Text
    officer_signature: Text
    page: Text
    not_official: Text
    xls_critical_not_ready: Text
    xls_warning_signs: Text
    xls_form_title: Text
    number_range: Text
    xls_consent: Text
    xls_consent_refused: Text
    xls_age_or_birth: Text
    xls_funds_title: Text
    xls_funds_costs: Text
    xls_funds_cost_amount: Text
    xls_funds_savings: Text
    xls_funds_loan: Text
    xls_funds_interest: Text
    xls_funds_months: Text
    xls_funds_lender: Text
    xls_funds_paid_to: Text
    xls_paid_worker: Text
    xls_paid_agency: Text
    xls_paid_other: Text
    xls_funds_collateral: Text
    xls_funds_salary_deduction: Text

    def level(self, level: Level) -> Text:
        return {
            Level.CRITICAL: self.critical,
            Level.IMPORTANT: self.important,
            Level.ADVICE: self.advice,
        }[level]


def words() -> Words:
    return Words(
        title=both(_("Readiness checklist for working abroad")),
        subtitle=both(_("To fill in by hand, with a pen")),
        how_to_fill=both(
            _("Tick one box for each question. Ask the trainer or officer when you are not sure.")
        ),
        scope_all=both(_("Every item is printed; the condition for an item is written under it.")),
        scope_some=both(_("Only the items that apply to: {who}")),
        checklist_set=both(
            _("Checklist set: {name} (fingerprint {fingerprint}), not the built-in one.")
        ),
        contacts_file=both(_("Contacts: from {file}, not the built-in verified contacts.")),
        destination=both(_("Destination")),
        job=both(_("Job")),
        yes=both(_("Yes")),
        no=both(_("No")),
        unsure=both(_("Not sure")),
        na=both(_("Does not apply")),
        critical=both(_("Critical")),
        important=both(_("Important")),
        advice=both(_("Advice")),
        critical_means=both(_("without it you are not ready to leave")),
        important_means=both(_("finish it before you leave")),
        advice_means=both(_("good to do")),
        levels=both(_("Levels")),
        warning_sign=both(_("Warning sign: the safe answer is No")),
        why=both(_("Why")),
        notes=both(_("Notes")),
        source=both(_("Source")),
        sources=both(_("Sources")),
        not_confirmed=both(_("not confirmed: check with Disnaker or BP3MI")),
        reviewed=both(_("Reviewed")),
        version=both(_("version")),
        contacts=both(_("Official contacts for help and complaints")),
        last_verified=both(_("Last verified")),
        applicant_name=both(_("Applicant's name")),
        date=both(_("Date")),
        applicant_signature=both(_("Applicant's signature")),
        officer_name=both(_("Trainer's or officer's name")),
        officer_signature=both(_("Trainer's or officer's signature")),
        page=both(_("Page {page} of {pages}")),
        not_official=both(
            _(
                "pmi-ready is not an official government tool. A filled-in checklist does not "
                "mean that anyone is legally cleared to leave."
            )
        ),
        xls_critical_not_ready=both(_("Critical items not ready: {n}")),
        xls_warning_signs=both(_("Warning signs answered Yes or Not sure: {n}")),
        xls_form_title=both(_("pmi-ready: readiness for working abroad")),
        number_range=both(_("Write a number from {min} to {max}.")),
        xls_consent=both(
            _(
                "Do you agree that your answers are sent from this phone to the organisation's "
                "KoboToolbox or ODK Central server, and then kept in pmi-ready on the officer's "
                "computer to make your readiness report? If you say No, the form ends here."
            )
        ),
        xls_consent_refused=both(
            _(
                "The applicant did not agree: the form ends here and nothing else is asked. "
                "pmi-ready will not keep this form."
            )
        ),
        xls_funds_title=both(_("Costs and loan")),
        xls_funds_costs=both(_("What were you asked to pay for? Choose every one.")),
        xls_funds_cost_amount=both(_("{cost}: how much, in rupiah?")),
        xls_funds_savings=both(
            _("How much of these costs do you pay from your own savings (rupiah)?")
        ),
        xls_funds_loan=both(_("How much is the loan (rupiah)?")),
        xls_funds_interest=both(_("The loan's yearly interest, in percent")),
        xls_funds_months=both(_("The loan term, in months")),
        xls_funds_lender=both(_("Who lends the money?")),
        xls_funds_paid_to=both(_("Who receives the loan money?")),
        xls_paid_worker=both(_("You, the worker")),
        xls_paid_agency=both(_("The placement agency")),
        xls_paid_other=both(_("Someone else")),
        xls_funds_collateral=both(_("Is one of your documents held as collateral for the loan?")),
        xls_funds_salary_deduction=both(
            _("Is the loan repaid by deductions from your wage abroad?")
        ),
        xls_age_or_birth=both(
            _("Write the age in whole years (for example 27) or the date of birth as YYYY-MM-DD.")
        ),
    )


LEVEL_MARKS = {Level.CRITICAL: "■■■", Level.IMPORTANT: "■■□", Level.ADVICE: "■□□"}
"""The level as a symbol too (three, two or one filled squares), so it never rests on colour."""
WARNING_MARK = "⚠"


def fmt(text: Text, **values: object) -> Text:
    """Fill the same placeholders in both languages."""
    return Text(text.id.format(**values), text.en.format(**values))
