"""What a checklist folder cannot change: the consent question, the built-in warning signs and the
verified contacts; and the name of the checklist set, which every report and printout shows.

A folder that brings its own profile is a set of its own, but it is never a weaker one:

- consent is the built-in question, with its wording and its yes/no answer (a folder's own
  ``consent`` field is replaced, and one is added when the folder has none);
- every red-flag item of the built-in set is kept (a built-in checklist that has red flags comes
  with those items, and the built-in profile fields their conditions need are added when the
  folder's profile lacks them); a folder's checklist or item with the id of one of them is refused
  unless it is the same file;
- the contacts are the built-in, verified ones; only ``--contacts FILE`` gives others, and then
  the catalog's `CatalogOrigin` says so (every report names the file).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from pmi_ready.core import (
    N_,
    Catalog,
    Checklist,
    Condition,
    Contacts,
    Msg,
    Problem,
    ProblemsError,
    ProfileField,
    ProfileSpec,
    Source,
    display_path,
)

CONSENT = "consent"


def set_name(paths: Sequence[Path]) -> str:
    """The folders of a set as a person would name them: their last parts, in the order given."""
    names = []
    for p in paths:
        name = p.name or display_path(p)
        if name not in names:
            names.append(name)
    return ", ".join(names)


def fingerprint(catalog: Catalog) -> str:
    """A short SHA-256 over the profile and every checklist (id and content), in order."""
    h = hashlib.sha256()
    for cid, v in sorted(catalog.versions().items()):
        h.update(f"{cid}\0{v.get('version', '')}\0{v.get('sha256', '')}\n".encode())
    return h.hexdigest()[:12]


def keep_safety(own: Catalog, builtin: Catalog, *, warning_signs: bool = True) -> Catalog:
    """A folder's own set with the built-in consent question, contacts and warning signs kept in
    it. Raises `ProblemsError` when the folder reuses the id of a built-in warning sign."""
    sources = dict(own.sources)
    for sid in builtin.contacts.source_ids if builtin.contacts else ():
        sources[sid] = builtin.sources[sid]  # the contacts cite the built-in source
    own = replace(own, contacts=builtin.contacts, sources=sources)
    if not warning_signs:
        return replace(own, profile=_profile(own.profile, builtin.profile, ()))
    problems: list[Problem] = []
    grafted = _warning_signs(builtin)
    own_ids = {c.id: c for c in own.checklists}
    own_items = {it.id: c for c in own.checklists for it in c.items}
    added: list[Checklist] = []
    for c in grafted:
        mine = own_ids.get(c.id)
        if mine is not None:
            if mine.sha256 != c.sha256:
                problems.append(
                    Problem(
                        mine.path,
                        0,
                        Msg(
                            N_(
                                "the checklist '{id}' has the id of the built-in warning signs, "
                                "which every set keeps; give it another id"
                            ),
                            id=c.id,
                        ),
                    )
                )
            continue
        for it in c.items:
            other = own_items.get(it.id)
            if other is not None:
                problems.append(
                    Problem(
                        other.path,
                        next(i.line for i in other.items if i.id == it.id),
                        Msg(
                            N_(
                                "the item '{id}' has the id of a built-in warning sign, which "
                                "every set keeps; give it another id"
                            ),
                            id=it.id,
                        ),
                    )
                )
        added.append(c)
    if problems:
        raise ProblemsError(problems, what=N_("checklist files"))
    # asked after the folder's own questions, in their built-in order
    last = max((c.order for c in own.checklists), default=0)
    added = [replace(c, order=last + 1 + c.order) for c in added]
    checklists = sorted((*own.checklists, *added), key=lambda c: (c.order, c.id))
    sources = dict(own.sources)
    for c in added:
        for it in c.items:
            for sid in it.source_ids:
                if sid not in sources and sid in builtin.sources:
                    sources[sid] = builtin.sources[sid]
    profile = _profile(own.profile, builtin.profile, added)
    return replace(own, profile=profile, checklists=tuple(checklists), sources=sources)


def _warning_signs(builtin: Catalog) -> list[Checklist]:
    """Each built-in checklist that has red flags, with its red-flag items (and any item one of
    them names in ``if_answer``)."""
    out = []
    for c in builtin.checklists:
        keep = {it.id for it in c.items if it.red_flag}
        if not keep:
            continue
        grow = True
        while grow:  # the items a kept item's skip logic names are kept too
            named = {
                ref
                for it in c.items
                if it.id in keep and it.if_answer
                for ref in it.if_answer.items()
            }
            grow = not named <= keep
            keep |= named
        items = tuple(it for it in c.items if it.id in keep)
        out.append(c if len(items) == len(c.items) else replace(c, items=items))
    return out


def _fields_of(cond: Condition | None) -> tuple[str, ...]:
    return cond.fields() if cond is not None else ()


def _needed_fields(checklists: Sequence[Checklist]) -> list[str]:
    needed: list[str] = []
    for c in checklists:
        conds: list[Condition | None] = [c.when, c.unless]
        for it in c.items:
            conds += [it.when, it.unless]
            if it.from_profile is not None:
                conds += list(it.from_profile.any_of)
        for cond in conds:
            needed += [f for f in _fields_of(cond) if f not in needed]
    return needed


def _profile(own: ProfileSpec, builtin: ProfileSpec, added: Sequence[Checklist]) -> ProfileSpec:
    """The folder's profile with the built-in consent question, and the built-in fields the kept
    warning signs need where the folder has none of that id."""
    have = {f.id for f in own.fields}
    extra: list[ProfileField] = []
    for fid in _needed_fields(added):
        f = builtin.field(fid)
        if fid not in have and f is not None and fid != CONSENT:
            extra.append(f)
    fields = [f for f in own.fields if f.id != CONSENT] + extra
    consent = builtin.field(CONSENT)
    if consent is not None:
        fields.append(consent)
    return replace(own, fields=tuple(fields))


def read_contacts(path: Path, sources: Mapping[str, Source]) -> Contacts:
    """A contacts file given with ``--contacts``: checked like the built-in one (its sources
    must be declared in the loaded set), or `ProblemsError`."""
    from pmi_ready.checklists.validation.files import check_file
    from pmi_ready.checklists.yamlnodes import read_file

    shown = display_path(path)
    if not path.is_file():
        raise ProblemsError([Problem(shown, 0, N_("no such file or folder"))], what=N_("file"))
    r = check_file(read_file(path, shown))
    problems = list(r.parsed.problems)
    if not problems and (r.kind != "contacts" or r.contacts is None):
        problems.append(Problem(shown, 0, N_("not a contacts file (kind: contacts)")))
    for n in r.contact_sources:
        sid = n.raw.strip()
        if sid not in sources:
            problems.append(
                Problem(
                    shown,
                    n.line,
                    Msg(N_("the contacts file refers to the undeclared source '{id}'"), id=sid),
                )
            )
    if problems or r.contacts is None:
        raise ProblemsError(problems, what=N_("contacts file"))
    return r.contacts
