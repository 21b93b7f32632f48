"""The interface words of the readiness report (`Labels`), each in both languages."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pmi_ready.core import AnswerValue, Level, Status, Text, frozen


@frozen
class Labels:
    """Interface words of the report, each in both languages (from the gettext catalogs)."""

    title: Text
    name: Text
    date: Text
    officer: Text
    destination: Text
    job: Text
    route: Text
    assessment: Text
    status: Text
    status_why: Mapping[Status, Text]
    red_flags: Text
    red_flags_intro: Text
    your_answer: Text
    what_to_do: Text
    where: Text
    why: Text
    source: Text
    sources: Text
    progress: Text
    next_steps: Text
    first_steps: Text
    first_steps_intro: Text
    rest_steps: Text
    full_report: Text
    nothing_missing: Text
    only_flags: Text
    answers: Text
    answer: Text
    note: Text
    not_answered: Text
    ready: Text
    not_ready: Text
    level: Text
    levels: Mapping[Level, Text]
    answer_words: Mapping[AnswerValue, Text]
    unverified: Text
    contacts: Text
    contacts_verified: Text
    versions: Text
    version: Text
    checklist: Text
    disclaimer_title: Text
    disclaimer: Text
    made_with: Text


def make_labels(t: Callable[[str], Text]) -> Labels:
    """The report's words, each message looked up in both languages by ``t``."""
    _ = t
    return Labels(
        title=_("Readiness report"),
        name=_("Name"),
        date=_("Date"),
        officer=_("Officer"),
        destination=_("Destination"),
        job=_("Job"),
        route=_("Route"),
        assessment=_("Assessment"),
        status=_("Status"),
        status_why={
            Status.STOP: _(
                "There are warning signs of danger. Stop here: do not sign, pay or leave "
                "until an official office has checked them, whatever else is ready."
            ),
            Status.NOT_READY: _(
                "At least one critical item is not ready yet. Do not leave before it is done."
            ),
            Status.NEARLY_READY: _(
                "Every critical item is ready, but some important ones are not, or a "
                "caution (guidance, not law) applies. Finish them before you leave."
            ),
            Status.READY: _(
                "Every critical and important item is ready. Keep your documents safe and "
                "keep the official contacts with you."
            ),
        },
        red_flags=_("Warning signs"),
        red_flags_intro=_(
            "Some answers point to a danger of trafficking, forced labour or debt bondage. "
            "Do not sign, pay or leave until you have checked with an official office. "
            "Get help for free:"
        ),
        your_answer=_("Your answer"),
        what_to_do=_("What to do"),
        where=_("Where"),
        why=_("Why"),
        source=_("Source"),
        sources=_("Sources"),
        progress=_("Progress by section"),
        next_steps=_("What is missing and what to do"),
        first_steps=_("Do these first"),
        first_steps_intro=_("The most urgent steps: warning signs first, then critical items."),
        rest_steps=_("Everything else that is missing"),
        full_report=_("The whole report: {command}"),
        nothing_missing=_("Nothing is missing."),
        only_flags=_("Nothing else is missing, but deal with the warning signs above first."),
        answers=_("Your answers"),
        answer=_("Answer"),
        note=_("Note"),
        not_answered=_("not answered"),
        ready=_("ready"),
        not_ready=_("not ready"),
        level=_("Level"),
        levels={
            Level.CRITICAL: _("Critical"),
            Level.IMPORTANT: _("Important"),
            Level.ADVICE: _("Advice"),
        },
        answer_words={
            AnswerValue.YES: _("Yes"),
            AnswerValue.NO: _("No"),
            AnswerValue.UNSURE: _("Not sure"),
            AnswerValue.NA: _("Does not apply"),
        },
        unverified=_("not confirmed: check it"),
        contacts=_("Official contacts for help and complaints"),
        contacts_verified=_("Last verified"),
        versions=_("Checklist versions"),
        version=_("Version"),
        checklist=_("Checklist"),
        disclaimer_title=_("Please note"),
        disclaimer=_(
            "This report is a self-check made with pmi-ready. It is not an official clearance "
            "and does not say that anyone is legally cleared to leave. Check every step with "
            "the district labour office (Disnaker), the LTSA or BP3MI."
        ),
        made_with=_("Made with pmi-ready, not an official government tool"),
    )
