"""The questions of the XLSForm: the consent question first (nothing else is asked after a No),
the profile as one group (the age as years or a date of birth), the answer choices, then one group
per checklist with a ``select_one`` per item, or a ``calculate`` for an item worked out from the
profile. Conditions become ``relevant`` expressions, critical items are ``required``, and each
item adds its term to the counts of critical items not ready and warning signs."""

from __future__ import annotations

from pmi_ready.core import (
    OTHER,
    AnswerValue,
    FieldType,
    FromProfile,
    Item,
    Level,
    ProfileField,
    Text,
)
from pmi_ready.export.selection import Section
from pmi_ready.export.words import fmt
from pmi_ready.export.xlsform_form import (
    AGE_YEARS,
    ANSWERS,
    ANSWERS_NA,
    CONSENT,
    CONSENT_REFUSED,
    YES_NO,
    Draft,
    FormField,
)
from pmi_ready.export.xpath import (
    age_constraint,
    age_years,
    and_,
    answer_relevant,
    derived,
    not_ready,
    quote,
    relevant,
)


def consent(d: Draft) -> None:
    """The required consent question and the note shown when it is refused; sets the gate."""
    w = d.sheet.words
    if d.sheet.catalog.profile.field(CONSENT) is None:
        return
    name = d.fields[CONSENT]
    d.row(
        {
            "type": f"select_one {YES_NO}",
            "name": name,
            **d.labels("label", w.xls_consent),
            "required": "yes",
        },
        FormField(None, name, "consent", CONSENT, w.xls_consent),
    )
    d.row(
        {
            "type": "note",
            "name": d.names.take(CONSENT_REFUSED),
            **d.labels("label", w.xls_consent_refused),
            "relevant": f"${{{name}}} = 'no'",
        }
    )
    d.gate = f"${{{name}}} = 'yes'"


def profile_group(d: Draft) -> None:
    """The profile questions as one group, each with its follow-up (``other``: which one)."""
    spec = d.sheet.catalog.profile
    group_name = d.names.take("profile")
    group = {"type": "begin_group", "name": group_name, **d.labels("label", spec.title)}
    if d.gate:
        group["relevant"] = d.gate
    d.row(group)
    for f in spec.fields:
        if f.id == CONSENT and d.gate:
            continue
        _profile_question(d, f, group_name, spec.title)
        follow = f.follow_up()
        if follow is not None:  # "another country": which one, typed
            other = d.names.take(follow.id)
            d.row(
                {
                    "type": "text",
                    "name": other,
                    **d.labels("label", follow.ask),
                    "relevant": f"${{{d.fields[f.id]}}} = {quote(OTHER)}",
                    "required": "yes",
                },
                FormField(group_name, other, "profile", follow.id, follow.ask, spec.title),
            )
    d.row({"type": "end_group"})


def _profile_question(d: Draft, f: ProfileField, group_name: str, title: Text) -> None:
    w = d.sheet.words
    name = d.fields[f.id]
    row: dict[str, str] = {"name": name, **d.labels("label", f.ask)}
    d.form.fields.append(FormField(group_name, name, "profile", f.id, f.ask, title))
    if f.help is not None:
        row.update(d.labels("hint", f.help))
    age_row: dict[str, str] | None = None
    if f.type is FieldType.CHOICE:
        row["type"] = f"select_one {name}"
        for c in f.choices:
            d.form.choices.append(
                {"list_name": name, "name": c.value, **d.labels("label", c.label)}
            )
    elif f.type is FieldType.YES_NO:
        row["type"] = f"select_one {YES_NO}"
    elif f.type is FieldType.AGE:
        row["type"] = "text"
        row["constraint"] = age_constraint(f.min, f.max)
        row.update(d.labels("constraint_message", w.xls_age_or_birth))
        if f.help is None:
            row.update(d.labels("hint", w.xls_age_or_birth))
        d.refs[f.id] = d.names.take(AGE_YEARS)
        age_row = {"type": "calculate", "name": d.refs[f.id], "calculation": age_years(name)}
        d.form.fields.append(FormField(group_name, d.refs[f.id], "other", f.id))
    elif f.type is FieldType.NUMBER:
        row["type"] = "decimal"
        bounds = [f". >= {f.min:g}"] if f.min is not None else []
        bounds += [f". <= {f.max:g}"] if f.max is not None else []
        if bounds:
            row["constraint"] = " and ".join(bounds)
            row.update(d.labels("constraint_message", _range_text(f.min, f.max, w.number_range)))
    else:
        row["type"] = "text"
    if f.required:
        row["required"] = "yes"
    d.row(row)
    if age_row is not None:
        d.row(age_row)


def _range_text(lo: float | None, hi: float | None, template: Text) -> Text:
    return fmt(template, min="" if lo is None else f"{lo:g}", max="" if hi is None else f"{hi:g}")


def answer_choices(d: Draft) -> None:
    """The choice lists of the items' answers and of yes/no questions."""
    w = d.sheet.words
    yes_no_unsure = (
        (AnswerValue.YES, w.yes),
        (AnswerValue.NO, w.no),
        (AnswerValue.UNSURE, w.unsure),
    )
    for list_name, answers in (
        (ANSWERS, yes_no_unsure),
        (ANSWERS_NA, (*yes_no_unsure, (AnswerValue.NA, w.na))),
        (YES_NO, yes_no_unsure[:2]),
    ):
        for value, text in answers:
            d.form.choices.append(
                {"list_name": list_name, "name": value.value, **d.labels("label", text)}
            )


def checklist_group(d: Draft, section: Section) -> None:
    """One checklist as a group: its intro, then each item."""
    chk = section.checklist
    group_rel = relevant(chk.when, chk.unless, d.sheet.catalog.profile, d.refs)
    name = d.names.take(chk.id)
    group = {"type": "begin_group", "name": name, **d.labels("label", chk.title)}
    if and_(d.gate, group_rel):
        group["relevant"] = and_(d.gate, group_rel)
    d.row(group)
    if chk.intro is not None:
        intro = d.names.take(f"{chk.id}_intro")
        d.row(
            {"type": "note", "name": intro, **d.labels("label", chk.intro)},
            FormField(name, intro, "other", chk.id),
        )
    for entry in section.entries:
        it = entry.item
        if it.from_profile is not None:
            _derived_item(d, it, it.from_profile, name, group_rel)
        else:
            _asked_item(d, it, name, group_rel, chk.title)
    d.row({"type": "end_group"})


def _asked_item(d: Draft, it: Item, group: str, group_rel: str, title: Text) -> None:
    """An item asked as a ``select_one``: required when critical, counted when not ready."""
    spec = d.sheet.catalog.profile
    item_name = d.names.take(it.id)
    row = {
        "type": f"select_one {ANSWERS_NA if it.allow_na else ANSWERS}",
        "name": item_name,
        **d.labels("label", it.ask),
        **d.labels("hint", it.why),
    }
    d.form.fields.append(FormField(group, item_name, "item", it.id, it.ask, title))
    d.refs[it.id] = item_name  # later conditions may name this item's answer
    item_rel = and_(
        relevant(it.when, it.unless, spec, d.refs), answer_relevant(it.if_answer, d.refs)
    )
    if item_rel:
        row["relevant"] = item_rel
    if it.level is Level.CRITICAL:
        row["required"] = "yes"
        d.critical.append(not_ready(it, item_name, and_(d.gate, group_rel, item_rel)))
    if it.red_flag:
        d.warnings.append(f"if(${{{item_name}}} = 'yes' or ${{{item_name}}} = 'unsure', 1, 0)")
    d.row(row)


def _derived_item(d: Draft, it: Item, rule: FromProfile, group: str, group_rel: str) -> None:
    """A rule from the profile, never asked: a ``calculate`` (the phone never asks it) and, for a
    warning sign, a note that says the danger as soon as the profile raises it."""
    spec = d.sheet.catalog.profile
    name = d.names.take(it.id)
    d.refs[it.id] = name
    rel = relevant(it.when, it.unless, spec, d.refs)
    bad = AnswerValue.NO if it.ready_when is AnswerValue.YES else AnswerValue.YES
    is_bad = f"${{{name}}} = {quote(bad.value)}"
    row = {"type": "calculate", "name": name, "calculation": derived(rule, spec, d.refs)}
    if rel:
        row["relevant"] = rel
    d.row(row)
    if it.red_flag:
        d.row(
            {
                "type": "note",
                "name": d.names.take(f"{name}_note"),
                **d.labels("label", it.flag or it.ask),
                **d.labels("hint", it.why),
                "relevant": and_(rel, is_bad),
            }
        )
    d.form.fields.append(FormField(group, name, "other", it.id))
    counted = f"if({and_(d.gate, group_rel, rel, is_bad)}, 1, 0)"
    if it.level is Level.CRITICAL:
        d.critical.append(counted)
    if it.red_flag:
        d.warnings.append(counted)
