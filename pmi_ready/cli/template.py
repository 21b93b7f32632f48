"""`pmi-ready checklists template`: a ready-to-run answers file for `assess --answers`."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import load
from pmi_ready.cli.lang import ui_translator
from pmi_ready.cli.options import ChecklistDirs, LangOption

if TYPE_CHECKING:
    from pmi_ready.core import Catalog, ProfileField
    from pmi_ready.i18n import Translator

# an age, a number or a yes/no that YAML reads as written; anything else is quoted
_PLAIN = re.compile(r"[\w.-]+", re.ASCII)


def template(
    destination: Annotated[
        str | None,
        typer.Option("--destination", metavar="CC", help="The destination, e.g. TW or HK."),
    ] = None,
    job: Annotated[
        str | None, typer.Option("--job", metavar="JOB", help="The job, e.g. housekeeper.")
    ] = None,
    funding: Annotated[
        str | None,
        typer.Option(
            "--funding",
            metavar="HOW",
            help="How the costs are paid: own, loan, mixed, employer, unsure. With loan or "
            "mixed the file gets a 'funds:' part for the costs and loan check.",
        ),
    ] = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Print an answers file (YAML) for 'pmi-ready assess --answers FILE'."""
    import sys

    tr = ui_translator(lang)
    catalog = load(checklists)
    given = {"destination": destination, "job": job, "funding": funding}
    sys.stdout.write(render_template(catalog, tr, {k: v for k, v in given.items() if v}))


def _value_for(f: ProfileField, given: dict[str, str]) -> str | None:
    from pmi_ready.core import N_, FieldType, NotFoundError

    if f.id in given:
        raw = given[f.id]
        for c in f.choices:
            if raw.casefold() == c.value.casefold():
                return c.value
        allowed = ", ".join(c.value for c in f.choices)
        raise NotFoundError(
            N_("no {field} '{value}'; choose one of: {allowed}"),
            field=f.id,
            value=raw,
            allowed=allowed,
        )
    if f.id == "consent":
        return "no"
    if f.type is FieldType.CHOICE:
        return f.choices[0].value if f.required and f.choices else None
    if f.type is FieldType.AGE:
        return "25" if f.required else None
    if f.type is FieldType.NUMBER:
        return f"{f.min:g}" if f.required and f.min is not None else None
    if f.type is FieldType.YES_NO:
        return "no" if f.required else None
    return None


def _comment(text: str) -> str:
    """Authored text as a YAML comment: one line, and nothing a YAML loader refuses (a folder's
    control characters would make the printed file unloadable) or a terminal acts on."""
    from pmi_ready.core import one_line

    return one_line(text)


def render_template(catalog: Catalog, tr: Translator, given: dict[str, str]) -> str:
    from pmi_ready.cli.assess_ui import level_word
    from pmi_ready.core import OTHER, FieldType, applicable

    _ = tr._
    L = tr.lang
    lines = [
        "# " + _("pmi-ready answers file. Run it with: pmi-ready assess --answers FILE"),
        "# "
        + _(
            "Answers: yes, no, unsure, or na where the comment allows it; leave a "
            "question empty if it is not answered yet."
        ),
        "# "
        + _(
            "The questions below fit this profile. If you change destination, job, route, "
            "marital status or age, print the template again with the new values."
        ),
        "profile:",
    ]
    profile: dict[str, str] = {}
    for f in catalog.profile.fields:
        value = _value_for(f, given)
        if f.type is FieldType.CHOICE:
            allowed = ", ".join(c.value for c in f.choices)
            note = _("one of: {values}").format(values=allowed)
        elif f.type is FieldType.AGE:
            note = _("years, or date of birth YYYY-MM-DD")
        elif f.type is FieldType.YES_NO:
            note = _("yes or no")
        elif f.type is FieldType.NUMBER:
            note = _("a number")
        else:
            note = _("text, may be left empty")
        if f.id == "consent":
            note = _("ask the applicant; only 'yes' keeps the data on this computer")
        elif not f.required:
            note += "; " + _("optional")
        shown = "" if value is None else f" {_yaml_value(f.type, value)}"
        lines.append(f"  {f.id}:{shown}  # {_comment(f.ask.get(L))} — {_comment(note)}")
        if value is not None:
            profile[f.id] = value
        follow = f.follow_up()
        if follow is not None:
            note = _("only with {field}: {other}; a name on the list becomes that choice").format(
                field=f.id, other=OTHER
            )
            lines.append(f"  {follow.id}:  # {_comment(follow.ask.get(L))} — {_comment(note)}")
    lines.append("answers:")
    current = None
    for checklist, item in applicable(catalog.checklists, profile):
        if item.from_profile is not None:
            continue  # a rule: answered from the profile, never asked
        if checklist.id != current:
            current = checklist.id
            lines.append(f"  # --- {_comment(checklist.title.get(L))}")
        ready = _("ready: {answer}").format(answer=tr.answer(item.ready_when.value))
        w_na, w_flag = _("na allowed"), _("red flag")
        extra = f"; {w_na}" if item.allow_na else ""
        flag = f"; {w_flag}" if item.red_flag else ""
        lines.append(
            f"  # {_comment(item.ask.get(L))} ({level_word(item.level, tr)}{flag}; {ready}{extra})"
        )
        lines.append(f"  {item.id}:")
    from pmi_ready.assessment import wants_funds

    if any(d.kind == "funds" for d in catalog.data.values()):  # the costs check: for everyone
        lines += _funds_block(catalog, profile, tr, loan=wants_funds(profile))
    return "\n".join(lines) + "\n"


def _funds_block(
    catalog: Catalog, profile: dict[str, str], tr: Translator, *, loan: bool
) -> list[str]:
    """The ``funds:`` part, every key empty with a comment: what to write there (the loan's
    keys only when the profile says a loan pays the costs)."""
    from pmi_ready.core import checklist_applies
    from pmi_ready.funds import FundsRules

    _ = tr._
    rules = FundsRules.from_catalog(catalog)
    currency = next(
        (c.currency for c in catalog.checklists if c.currency and checklist_applies(c, profile)),
        "IDR",
    )
    lenders = ", ".join(x.id for x in rules.lenders)
    amount = _("amount in rupiah, e.g. 30jt or 1.500.000")
    cash = ("cash_no_receipt", "", _("yes or no: some of it was paid in cash without a receipt"))
    rows = [
        ("savings", "", _("your own savings for these costs") + "; " + amount),
        ("loan", "", _("the loan amount") + "; " + amount),
        ("interest", "", _("yearly interest in percent, e.g. 6")),
        ("months", "", _("the loan term in months, e.g. 24")),
        ("lender", "", _("who lends: {values}").format(values=lenders)),
        ("paid_to", "", _("who receives the loan money: worker, agency or other")),
        ("collateral", "", _("yes or no: a document is held as collateral")),
        ("salary_deduction", "", _("yes or no: repaid by deductions from the wage abroad")),
        ("method", "", _("annuity (the default) or flat")),
        ("salary", "", _("the expected monthly wage, in the currency below")),
        ("currency", f" {currency}", _("three letters, e.g. TWD")),
        ("rate", "", _("rupiah for one unit of the currency, e.g. 515")),
        ("contract_months", "", _("the length of the work contract in months")),
    ]
    rows = [cash, *rows] if loan else [cash]
    title = _("Costs and loan check: fill in what you know, leave the rest empty.")
    costs = _("what you were asked to pay: remove the # and write the amount")
    lines = [f"funds:  # {_comment(title)}", f"  costs:  # {_comment(costs)}"]
    for c in rules.costs:
        lines.append(f"    # {c.id}: 0  # {_comment(c.label.get(tr.lang))}")
    width = max(len(k) + len(v) for k, v, _c in rows) + 3
    for key, value, note in rows:
        lines.append(f"{f'  {key}:{value}':<{width}}  # {_comment(note)}")
    return lines


def _yaml_value(kind: object, value: str) -> str:
    from pmi_ready.core import FieldType, json_safe

    if kind in (FieldType.AGE, FieldType.NUMBER, FieldType.YES_NO) and _PLAIN.fullmatch(value):
        return value
    # a JSON string is a YAML double-quoted scalar; its escapes keep control characters out
    return json_safe(json.dumps(value, ensure_ascii=False))
