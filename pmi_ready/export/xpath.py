"""XPath for the XLSForm: ``relevant`` expressions from `when` / `unless` conditions, the count of
critical items not ready, and the age typed as years or as a date of birth."""

from __future__ import annotations

from collections.abc import Mapping

from pmi_ready.core import (
    AnswerCondition,
    AnswerValue,
    Condition,
    FieldType,
    FromProfile,
    Item,
    ProfileSpec,
    Range,
    Words,
)

DATE_RE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def relevant(
    when: Condition | None,
    unless: Condition | None,
    spec: ProfileSpec,
    fields: Mapping[str, str],
) -> str:
    """An XPath ``relevant`` expression for a `when` and an `unless` condition ("" for none).

    A condition is an AND of its fields and an OR of each field's values (or a numeric range).
    An ``unless`` hides the question when every field it names is answered and matches, and
    while one of them is still empty (as the walk does: a condition whose fields are unanswered
    does not apply yet). ``fields`` maps the ids a condition names to XML names: the profile
    fields, and the items named so far, so that a condition on an earlier item's answer (skip
    logic on answers) becomes ``${employment-contract} = 'yes'`` as soon as the checklist
    format can say it.
    """
    parts: list[str] = []
    if when is not None:
        parts.append(_condition(when, spec, fields))
    if unless is not None:
        answered = [f"string-length(${{{fields[f]}}}) > 0" for f in unless.fields()]
        parts.append(" and ".join(answered) + f" and not({_condition(unless, spec, fields)})")
    return and_(*parts)


def answer_relevant(cond: AnswerCondition | None, fields: Mapping[str, str]) -> str:
    """Skip logic on answers (`if_answer`) as ``relevant``: each earlier item named must have one
    of the accepted answers. A question that is not shown has no value in the XForm, so an
    earlier item hidden by its own conditions hides this one too, as in the walk. An item named
    that is not in this form (a form of one checklist) is left out of the expression: the phone
    then asks the question, and the import counts its answer only where the condition holds."""
    if cond is None:
        return ""
    parts: list[str] = []
    for ref, accepted in cond.terms:
        if ref not in fields:
            continue
        values = sorted(v.value for v in accepted)
        ors = [f"${{{fields[ref]}}} = {quote(v)}" for v in values]
        parts.append(ors[0] if len(ors) == 1 else f"({' or '.join(ors)})")
    return and_(*parts)


def derived(rule: FromProfile, spec: ProfileSpec, fields: Mapping[str, str]) -> str:
    """A rule from the profile (`from_profile`) as a ``calculate``: its answer follows from the
    profile answers on the phone, never asked; empty while a field it needs is empty (the
    import works the answer out again from the profile, as `assess` does)."""
    other = AnswerValue.NO if rule.value is AnswerValue.YES else AnswerValue.YES
    conds = [_condition(c, spec, fields) for c in rule.any_of]
    held = " or ".join(f"({c})" for c in conds) if len(conds) > 1 else conds[0]
    needed = sorted({f for c in rule.any_of for f in c.fields()})
    filled = " and ".join(f"string-length(${{{fields[f]}}}) > 0" for f in needed)
    answer = f"if({held}, {quote(rule.value.value)}, {quote(other.value)})"
    return f"if({filled}, {answer}, '')" if filled else answer


def _condition(cond: Condition, spec: ProfileSpec, fields: Mapping[str, str]) -> str:
    terms: list[str] = []
    for field_id, accepted in cond.terms:
        ref = f"${{{fields[field_id]}}}"
        if isinstance(accepted, Range):
            bits = [f"{ref} >= {accepted.min:g}"] if accepted.min is not None else []
            bits += [f"{ref} <= {accepted.max:g}"] if accepted.max is not None else []
            terms.append(" and ".join(bits) if len(bits) == 1 else f"({' and '.join(bits)})")
            continue
        if isinstance(accepted, Words):  # a name typed in a text field, as whole words
            names = "|".join(r"\s+".join(n) for n in accepted.names)
            pattern = r"(?i)(^|\W)(" + names + r")(\W|$)"
            terms.append(f"regex({ref}, {quote(pattern)})")
            continue
        f = spec.field(field_id)
        order = {c.value: i for i, c in enumerate(f.choices)} if f else {}
        values = sorted(accepted, key=lambda v: (order.get(v, 999), v))
        if f is not None and f.type is FieldType.YES_NO:
            values = [_yes_no(v) for v in values]
        ors = [f"{ref} = {quote(v)}" for v in values]
        terms.append(ors[0] if len(ors) == 1 else f"({' or '.join(ors)})")
    return " and ".join(terms)


def _yes_no(value: str) -> str:
    return "yes" if value.lower() in ("yes", "true", "y", "ya") else "no"


def not_ready(item: Item, name: str, rel: str) -> str:
    ready = [item.ready_when.value] + (["na"] if item.allow_na else [])
    is_ready = " or ".join(f"${{{name}}} = '{v}'" for v in ready)
    cond = f"not({is_ready})"
    return f"if({rel} and {cond}, 1, 0)" if rel else f"if({cond}, 1, 0)"


def and_(*parts: str) -> str:
    kept = [p for p in parts if p]
    if len(kept) <= 1:
        return kept[0] if kept else ""
    return " and ".join(f"({p})" for p in kept)


def quote(value: str) -> str:
    return f"'{value}'" if "'" not in value else f'"{value}"'


def age_constraint(lo: float | None, hi: float | None) -> str:
    """Whole years within the profile's limits, or a date of birth ``YYYY-MM-DD``."""
    years = ["regex(., '^[0-9]{1,3}$')"]
    years += [f". >= {lo:g}"] if lo is not None else []
    years += [f". <= {hi:g}"] if hi is not None else []
    return f"({' and '.join(years)}) or regex(., '{DATE_RE}')"


def age_years(name: str) -> str:
    """The age in whole years from what was typed: the number, or the years since the date of
    birth (one less before this year's birthday)."""
    ref = f"${{{name}}}"
    born_md = f"number(concat(substr({ref}, 5, 7), substr({ref}, 8, 10)))"
    from_date = (
        f"int(format-date(today(), '%Y')) - int(substr({ref}, 0, 4)) - "
        f"if(number(format-date(today(), '%m%d')) < {born_md}, 1, 0)"
    )
    return f"if(regex({ref}, '{DATE_RE}'), {from_date}, number({ref}))"
