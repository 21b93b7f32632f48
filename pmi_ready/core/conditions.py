"""`when:` / `unless:` rules evaluated against a profile, and written out in plain words."""

from __future__ import annotations

from collections.abc import Iterable

from pmi_ready.core.model import Checklist, Condition, Item, Profile, ProfileSpec, Range, Text


def matches(cond: Condition, profile: Profile) -> bool | None:
    """True/False when decided; None when a field the condition needs is not answered yet."""
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
        elif raw not in accepted:
            return False
    return True


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


def applicable(checklists: Iterable[Checklist], profile: Profile) -> list[tuple[Checklist, Item]]:
    """Every (checklist, item) that applies to this profile, in walk order."""
    out: list[tuple[Checklist, Item]] = []
    for c in checklists:
        if not checklist_applies(c, profile):
            continue
        out.extend((c, it) for it in c.items if _applies(it.when, it.unless, profile))
    return out


_WORDS = {
    "only": Text("Hanya jika", "Only if"),
    "not": Text("Tidak jika", "Not if"),
    "and": Text("dan", "and"),
    "at_least": Text("paling sedikit", "at least"),
    "at_most": Text("paling banyak", "at most"),
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
}


def _field_name(field_id: str, lang: str) -> str:
    t = _FIELD_NAMES.get(field_id)
    return t.get(lang) if t else field_id


def _ordered(values: frozenset[str], f: object) -> list[str]:
    from pmi_ready.core.model import ProfileField

    if isinstance(f, ProfileField):
        order = {c.value: i for i, c in enumerate(f.choices)}
        return sorted(values, key=lambda v: (order.get(v, 999), v))
    return sorted(values)
