"""Which items a blank checklist prints, and every text it needs, ready to lay out.

With ``destination`` and/or ``job`` the export is for one kind of applicant: a partial profile is
built and only the items that can apply to it are kept (conditions on the fields it does not fix
stay, written out in words). Without them every item is printed with its condition in plain words.
The renderers get a finished `Sheet` and only lay it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pmi_ready.core import (
    LANGS,
    N_,
    AnswerValue,
    Catalog,
    Checklist,
    Condition,
    Contacts,
    Item,
    Lang,
    NotFoundError,
    PmiReadyError,
    Profile,
    ProfileSpec,
    Source,
    Text,
    describe,
    describe_answers,
    describe_rule,
    frozen,
    matches,
)
from pmi_ready.export.words import Words, fmt, words
from pmi_ready.i18n import translator


@frozen
class SourceRef:
    number: int
    source: Source


@frozen
class Entry:
    """One printed question."""

    number: int
    item: Item
    level: Text
    conditions: tuple[Text, ...]
    answers: tuple[Text, ...]
    sources: tuple[int, ...]


@frozen
class Section:
    checklist: Checklist
    conditions: tuple[Text, ...]
    reviewed: Text
    entries: tuple[Entry, ...]


@frozen
class Sheet:
    """Everything a blank checklist shows."""

    catalog: Catalog
    langs: tuple[Lang, ...]
    words: Words
    scope: Text
    profile: Profile
    sections: tuple[Section, ...]
    sources: tuple[SourceRef, ...]
    contacts: Contacts | None
    contacts_verified: Text | None

    def pick(self, text: Text) -> list[str]:
        """The text in each chosen language, Indonesian first."""
        return [text.get(lang) for lang in self.langs]

    def join(self, text: Text, sep: str = " / ") -> str:
        parts = self.pick(text)
        return parts[0] if len(parts) == 1 or parts[0] == parts[1] else sep.join(parts)

    @property
    def items(self) -> int:
        return sum(len(s.entries) for s in self.sections)


def select(
    catalog: Catalog,
    *,
    destination: str | None = None,
    job: str | None = None,
    checklist_ids: Sequence[str] = (),
    langs: tuple[Lang, ...] = LANGS,
) -> Sheet:
    """The sheet for these options. Unknown ids raise `NotFoundError` listing the valid ones."""
    spec = catalog.profile
    profile: dict[str, str] = {}
    if destination is not None:
        profile["destination"] = _choice(spec, "destination", destination, "--destination")
    if job is not None:
        profile["job"] = _choice(spec, "job", job, "--job")
    chosen = _checklists(catalog, checklist_ids)
    asks = {it.id: it.ask for it in catalog.items()}
    w = words()
    numbers: dict[str, int] = {}
    sections: list[Section] = []
    n = 0
    for c in chosen:
        keep, c_conds = _residual_pair(c.when, c.unless, profile, spec)
        if not keep:
            continue
        entries: list[Entry] = []
        for it in c.items:
            keep, i_conds = _residual_pair(it.when, it.unless, profile, spec)
            if not keep:
                continue
            n += 1
            i_conds = (*i_conds, *_item_rules(it, asks, spec))
            refs = tuple(numbers.setdefault(s, len(numbers) + 1) for s in it.source_ids)
            entries.append(Entry(n, it, w.level(it.level), i_conds, _answers(it, w), refs))
        if entries:
            sections.append(Section(c, c_conds, _dates(c), tuple(entries)))
    if not sections:
        raise PmiReadyError(
            N_("no item of the chosen checklists applies to {who}"),
            hint=N_("Choose other checklists with --checklist, or leave out --destination/--job."),
            who=_who(profile, spec, w),
        )
    if catalog.contacts is not None:
        for s in catalog.contacts.source_ids:
            numbers.setdefault(s, len(numbers) + 1)
    sources = tuple(
        SourceRef(num, catalog.sources[sid])
        for sid, num in numbers.items()
        if sid in catalog.sources
    )
    scope = w.scope_all
    if profile:
        who = _who(profile, spec, w)
        scope = Text(fmt(w.scope_some, who=who.id).id, fmt(w.scope_some, who=who.en).en)
    origin = catalog.origin  # a printout names the set when it is not the built-in one
    if origin is not None and origin.name:
        told = fmt(w.checklist_set, name=origin.name, fingerprint=origin.fingerprint)
        scope = Text(f"{scope.id} {told.id}", f"{scope.en} {told.en}")
    if origin is not None and origin.contacts_file:
        told = fmt(w.contacts_file, file=origin.contacts_file)
        scope = Text(f"{scope.id} {told.id}", f"{scope.en} {told.en}")
    contacts = catalog.contacts
    verified = (
        Text(translator("id").verified(contacts), translator("en").verified(contacts))
        if contacts
        else None
    )
    return Sheet(
        catalog=catalog,
        langs=langs,
        words=w,
        scope=scope,
        profile=dict(profile),
        sections=tuple(sections),
        sources=sources,
        contacts=contacts,
        contacts_verified=verified,
    )


def _choice(spec: ProfileSpec, field_id: str, value: str, option: str) -> str:
    f = spec.field(field_id)
    if f is None or not f.choices:
        raise NotFoundError(
            N_("{option}: the profile file has no '{field}' question to match"),
            option=option,
            field=field_id,
        )
    for c in f.choices:
        if c.value.lower() == value.strip().lower():
            return c.value
    valid = Text(*(", ".join(f"{c.value} ({c.label.get(x)})" for c in f.choices) for x in LANGS))
    raise NotFoundError(
        N_("unknown {field} '{value}' for {option}; the valid ones are: {valid}"),
        field=field_id,
        value=value,
        option=option,
        valid=valid,
    )


def _checklists(catalog: Catalog, ids: Sequence[str]) -> list[Checklist]:
    ordered = sorted(catalog.checklists, key=lambda c: (c.order, c.id))
    if not ordered:
        raise NotFoundError(
            N_("no checklist is loaded"),
            hint=N_("Add a folder of checklist files with --checklists DIR."),
        )
    if not ids:
        return ordered
    known = {c.id for c in ordered}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise NotFoundError(
            N_("unknown checklist {unknown}; the checklists are: {known}"),
            unknown=", ".join(repr(u) for u in unknown),
            known=", ".join(c.id for c in ordered),
        )
    wanted = set(ids)
    return [c for c in ordered if c.id in wanted]


def _item_rules(item: Item, asks: Mapping[str, Text], spec: ProfileSpec) -> tuple[Text, ...]:
    """Skip logic on answers and a rule from the profile, in words."""
    out: list[Text] = []
    if item.if_answer is not None:
        out.append(Text(describe_answers(item, asks, "id"), describe_answers(item, asks, "en")))
    if item.from_profile is not None:
        out.append(Text(describe_rule(item, spec, "id"), describe_rule(item, spec, "en")))
    return tuple(out)


def _residual_pair(
    when: Condition | None, unless: Condition | None, profile: Profile, spec: ProfileSpec
) -> tuple[bool, tuple[Text, ...]]:
    """Whether the item can apply to the partial profile, and the conditions left to print."""
    out: list[Text] = []
    if when is not None:
        known, rest = _split(when, profile)
        if known is not None and matches(known, profile) is False:
            return False, ()
        if rest is not None:
            out.append(_describe(rest, spec, negate=False))
    if unless is not None:
        known, rest = _split(unless, profile)
        fires_on_known = known is None or matches(known, profile) is True
        if fires_on_known:
            if rest is None:
                return False, ()
            out.append(_describe(rest, spec, negate=True))
    return True, tuple(out)


def _split(cond: Condition, profile: Profile) -> tuple[Condition | None, Condition | None]:
    known = tuple(t for t in cond.terms if t[0] in profile)
    rest = tuple(t for t in cond.terms if t[0] not in profile)
    return (Condition(known) if known else None), (Condition(rest) if rest else None)


def _describe(cond: Condition, spec: ProfileSpec, *, negate: bool) -> Text:
    return Text(
        describe(cond, spec, "id", negate=negate), describe(cond, spec, "en", negate=negate)
    )


def _answers(item: Item, w: Words) -> tuple[Text, ...]:
    out = {
        AnswerValue.YES: w.yes,
        AnswerValue.NO: w.no,
        AnswerValue.UNSURE: w.unsure,
        AnswerValue.NA: w.na,
    }
    return tuple(out[a] for a in item.allowed_answers())


def _dates_of(day: object) -> Text:
    import datetime as dt

    assert isinstance(day, dt.date)
    return Text(translator("id").date(day), translator("en").date(day))


def _dates(c: Checklist) -> Text:
    return _dates_of(c.reviewed)


def _who(profile: Profile, spec: ProfileSpec, w: Words) -> Text:
    names = {"destination": w.destination, "job": w.job}
    parts: dict[str, list[str]] = {"id": [], "en": []}
    for field_id, value in profile.items():
        f = spec.field(field_id)
        for lang in LANGS:
            label = f.label_of(value, lang) if f else value
            parts[lang].append(f"{names[field_id].get(lang)}: {label}")
    return Text("; ".join(parts["id"]), "; ".join(parts["en"]))
