"""`when:` / `unless:` rules evaluated against a profile, `if_answer:` skip logic on earlier
answers, `from_profile:` answers that follow from the profile; all written out in plain words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from pmi_ready.core.model import (
    Answer,
    AnswerValue,
    Checklist,
    Condition,
    FromProfile,
    Item,
    Range,
    Text,
    Words,
)
from pmi_ready.core.profile import Profile, ProfileSpec

Answers = Mapping[str, Answer]

_WORD = re.compile(r"\w+")


def words(text: str) -> tuple[str, ...]:
    """The casefolded words of a text, for matching names typed in a text field."""
    return tuple(_WORD.findall(text.casefold()))


def _names_in(names: Words, text: str) -> bool:
    got = words(text)
    for name in names.names:
        n = len(name)
        if n and any(got[i : i + n] == name for i in range(len(got) - n + 1)):
            return True
    return False


def matches(cond: Condition, profile: Profile) -> bool | None:
    """True/False when decided; None when a field the condition needs is not answered yet.
    The terms are read in order: the first one that fails decides, even before an unanswered
    one."""
    for field_id, accepted in cond.terms:
        raw = profile.get(field_id)
        if raw is None or raw == "":
            return None
        if isinstance(accepted, Range):
            try:
                if not accepted.matches(float(raw)):
                    return False
            except ValueError:
                return False
        elif isinstance(accepted, Words):
            if not _names_in(accepted, raw):
                return False
        elif raw not in accepted:
            return False
    return True


def any_matches(conds: Iterable[Condition], profile: Profile) -> bool | None:
    """Any of the conditions (OR): True when one holds, False when every one fails, else None."""
    undecided = False
    for c in conds:
        m = matches(c, profile)
        if m is True:
            return True
        undecided = undecided or m is None
    return None if undecided else False


def derived_answer(rule: FromProfile, profile: Profile) -> AnswerValue | None:
    """The answer a `from_profile` rule gives for this profile (None: a field is missing)."""
    m = any_matches(rule.any_of, profile)
    if m is None:
        return None
    other = AnswerValue.NO if rule.value is AnswerValue.YES else AnswerValue.YES
    return rule.value if m else other


def answer_of(item: Item, profile: Profile, answers: Answers) -> AnswerValue | None:
    """The answer that counts: from the profile for a rule, else the stored one."""
    if item.from_profile is not None:
        return derived_answer(item.from_profile, profile)
    a = answers.get(item.id)
    return a.value if a else None


def _applies(when: Condition | None, unless: Condition | None, profile: Profile) -> bool:
    if when is not None and matches(when, profile) is not True:
        return False
    return not (unless is not None and matches(unless, profile) is not False)


def checklist_applies(checklist: Checklist, profile: Profile) -> bool:
    return _applies(checklist.when, checklist.unless, profile)


def item_applies(item: Item, profile: Profile, checklist: Checklist | None = None) -> bool:
    if checklist is not None and not checklist_applies(checklist, profile):
        return False
    return _applies(item.when, item.unless, profile)


def applicable(
    checklists: Iterable[Checklist], profile: Profile, answers: Answers | None = None
) -> list[tuple[Checklist, Item]]:
    """Every (checklist, item) that applies to this profile and these answers, in walk order.

    An item with `if_answer` applies only when each item it names applies and its answer (from
    the profile for a rule) is one it lists; the names always come earlier, so one pass in walk
    order decides. An answer to an item that does not apply is kept by the callers but never
    counts here. With ``answers`` None, `if_answer` is not looked at (every item the profile
    allows, as on a printed checklist)."""
    out: list[tuple[Checklist, Item]] = []
    shown: dict[str, AnswerValue | None] = {}
    for c in checklists:
        if not checklist_applies(c, profile):
            continue
        for it in c.items:
            if not _applies(it.when, it.unless, profile):
                continue
            if answers is not None and not _answered_so(it, shown):
                continue
            if answers is not None:
                shown[it.id] = answer_of(it, profile, answers)
            out.append((c, fitted(it, profile)))
    return out


def fitted(item: Item, profile: Profile) -> Item:
    """The item as this applicant is asked it: the first `Item.ask_if` wording whose condition
    holds (*"from your husband"* for a married woman), else the item as written."""
    for cond, ask in item.ask_if:
        if matches(cond, profile) is True:
            return replace(item, ask=ask)
    return item


def _answered_so(item: Item, shown: Mapping[str, AnswerValue | None]) -> bool:
    if item.if_answer is None:
        return True
    return all(ref in shown and shown[ref] in ok for ref, ok in item.if_answer.terms)


def describe_answers(item: Item, names: Mapping[str, Text], lang: str) -> str:
    """'Hanya jika Anda menjawab Ya pada "…"' — an `if_answer` condition in plain words.
    ``names`` gives each referenced item's question."""
    if item.if_answer is None:
        return ""
    parts = []
    for ref, accepted in item.if_answer.terms:
        said = " / ".join(_ANSWER_WORDS[v].get(lang) for v in AnswerValue if v in accepted)
        question = names[ref].get(lang) if ref in names else ref
        parts.append(_WORDS["answered"].get(lang).format(answer=said, question=question))
    return f"{_WORDS['only'].get(lang)} " + f" {_WORDS['and'].get(lang)} ".join(parts)


def describe_rule(item: Item, spec: ProfileSpec, lang: str) -> str:
    """'Not asked, answered from the profile: yes if destination: Cambodia / …, otherwise no'."""
    rule = item.from_profile
    if rule is None:
        return ""
    lead = len(_WORDS["only"].get(lang)) + 1
    conds = f" {_WORDS['or'].get(lang)} ".join(describe(c, spec, lang)[lead:] for c in rule.any_of)
    other = AnswerValue.NO if rule.value is AnswerValue.YES else AnswerValue.YES
    said, rest = _ANSWER_WORDS[rule.value].get(lang), _ANSWER_WORDS[other].get(lang)
    w = {k: _WORDS[k].get(lang) for k in ("rule", "if", "otherwise")}
    return f"{w['rule']}: {said} {w['if']} {conds}; {w['otherwise']} {rest}"


_ANSWER_WORDS = {
    AnswerValue.YES: Text("Ya", "yes"),
    AnswerValue.NO: Text("Tidak", "no"),
    AnswerValue.UNSURE: Text("Tidak yakin", "not sure"),
    AnswerValue.NA: Text("Tidak berlaku", "does not apply"),
}


_WORDS = {
    "only": Text("Hanya jika", "Only if"),
    "not": Text("Tidak jika", "Not if"),
    "and": Text("dan", "and"),
    "at_least": Text("paling sedikit", "at least"),
    "at_most": Text("paling banyak", "at most"),
    "answered": Text(
        'Anda menjawab {answer} pada "{question}"', 'you answered {answer} to "{question}"'
    ),
    "names": Text("menyebut", "names"),
    "rule": Text(
        "Tidak ditanyakan, dijawab dari data diri", "Not asked, answered from the profile"
    ),
    "or": Text("atau", "or"),
    "if": Text("jika", "if"),
    "otherwise": Text("selain itu", "otherwise"),
}


def describe(cond: Condition | None, spec: ProfileSpec, lang: str, *, negate: bool = False) -> str:
    """'Hanya jika negara tujuan: Taiwan / Hong Kong' — a condition in plain words."""
    if cond is None:
        return ""
    parts = []
    for field_id, accepted in cond.terms:
        f = spec.field(field_id)
        name = _field_name(field_id, lang)
        if isinstance(accepted, Range):
            bits = []
            if accepted.min is not None:
                bits.append(f"{_WORDS['at_least'].get(lang)} {accepted.min:g}")
            if accepted.max is not None:
                bits.append(f"{_WORDS['at_most'].get(lang)} {accepted.max:g}")
            value = " ".join(bits)
        elif isinstance(accepted, Words):
            names = [" ".join(n) for n in accepted.names]
            value = f"{_WORDS['names'].get(lang)} " + f" {_WORDS['or'].get(lang)} ".join(names)
        else:
            labels = [f.label_of(v, lang) if f else v for v in _ordered(accepted, f)]
            value = " / ".join(labels)
        parts.append(f"{name}: {value}")
    lead = _WORDS["not" if negate else "only"].get(lang)
    return f"{lead} " + f" {_WORDS['and'].get(lang)} ".join(parts)


_FIELD_NAMES = {
    "destination": Text("negara tujuan", "destination"),
    "job": Text("pekerjaan", "job"),
    "route": Text("jalur", "route"),
    "sex": Text("jenis kelamin", "sex"),
    "marital": Text("status perkawinan", "marital status"),
    "age": Text("umur", "age"),
    "funding": Text("biaya dibayar dengan", "costs paid by"),
    "destination-other": Text("negara lain yang disebut", "the other country named"),
}


def _field_name(field_id: str, lang: str) -> str:
    t = _FIELD_NAMES.get(field_id)
    return t.get(lang) if t else field_id


def _ordered(values: frozenset[str], f: object) -> list[str]:
    from pmi_ready.core.profile import ProfileField

    if isinstance(f, ProfileField):
        order = {c.value: i for i, c in enumerate(f.choices)}
        return sorted(values, key=lambda v: (order.get(v, 999), v))
    return sorted(values)
