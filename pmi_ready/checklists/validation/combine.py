"""The files together (the second pass): one profile, ids unique across files, conditions checked
against the profile, every source reference declared; then the `Catalog`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from pmi_ready.checklists.discover import discover, file_key
from pmi_ready.checklists.validation.base import (
    Ctx,
    FileResult,
    RawCondition,
    RawItem,
    at,
    item_what,
    key,
    msg,
    unknown,
)
from pmi_ready.checklists.validation.conditions import resolve_condition
from pmi_ready.checklists.validation.files import check_file
from pmi_ready.checklists.validation.item_rules import (
    RawExtras,
    answer_condition,
    check_answer_refs,
    resolve_from_profile,
)
from pmi_ready.checklists.yamlnodes import YNode, YScalar, read_file
from pmi_ready.core import (
    N_,
    Catalog,
    Checklist,
    Condition,
    Contacts,
    DataFile,
    FromProfile,
    Item,
    Problem,
    ProfileSpec,
    Source,
    Text,
    display_path,
)


def validate(
    paths: Sequence[Path], context: Sequence[Path] = ()
) -> tuple[Catalog | None, list[Problem]]:
    """Load and check these files and folders together. Returns the catalog when there are no
    problems, and every problem found (sorted by file and line).

    ``context`` (the built-in checklists) is added first unless ``paths`` bring their own profile
    file: a folder with its own profile is a complete set and replaces the built-in one.
    """
    files, problems = discover(paths)
    results = [check_file(read_file(p, display_path(p))) for p in files]
    if context and not any(r.kind == "profile" for r in results):
        given = {file_key(p) for p in files}
        ctx_files, ctx_problems = discover(context)
        problems.extend(ctx_problems)
        results = [
            check_file(read_file(p, display_path(p))) for p in ctx_files if file_key(p) not in given
        ] + results
    for r in results:
        problems.extend(r.parsed.problems)
    catalog = combine(results, problems)
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
    return (catalog if not problems else None), problems


def combine(results: list[FileResult], problems: list[Problem]) -> Catalog | None:
    """The catalog these files make, adding to ``problems`` what is wrong between them."""
    c = _Combiner(problems)
    c.unique_doc_ids(results)
    spec = c.the_profile(results)
    c.declare_sources(results)
    checklists: list[Checklist] = []
    contacts: Contacts | None = None
    data: dict[str, DataFile] = {}
    for r in results:
        if r.kind == "contacts":
            c.check_refs(r, r.contact_sources, msg(N_("the contacts file")))
            if contacts is not None and r.contacts is not None:
                c.ctx(r).add(r.id_node, N_("a second contacts file; only one may be loaded"))
            contacts = contacts or r.contacts
        if r.data is not None:
            c.check_refs(r, r.data_sources, msg(N_("the {kind} file"), kind=key(r.kind)))
            data[r.data.id] = r.data
        if r.kind == "checklist":
            checklist = c.checklist(r, spec)
            if checklist is not None:
                checklists.append(checklist)
    if spec is None:
        return None
    checklists.sort(key=lambda c: (c.order, c.id))
    checklists = check_answer_refs(checklists, c.raw_extras.get)
    return Catalog(spec, tuple(checklists), c.sources, contacts, data)


class _Combiner:
    """What the second pass has gathered so far: the declared sources and the item ids seen."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.sources: dict[str, Source] = {}
        self.item_ids: dict[str, str] = {}
        self.raw_extras: dict[str, tuple[RawExtras, Ctx]] = {}

    def ctx(self, r: FileResult) -> Ctx:
        return Ctx(r.parsed.shown, self.problems)

    def unique_doc_ids(self, results: list[FileResult]) -> None:
        """Ids of documents are unique across kinds."""
        doc_ids: dict[str, FileResult] = {}
        for r in results:
            if not r.doc_id:
                continue
            if r.doc_id in doc_ids and not (r.kind == "profile" == doc_ids[r.doc_id].kind):
                self.ctx(r).add(
                    r.id_node,
                    msg(
                        N_("the id '{id}' is already used by {path}"),
                        id=r.doc_id,
                        path=doc_ids[r.doc_id].parsed.shown,
                    ),
                )
            else:
                doc_ids[r.doc_id] = r

    def the_profile(self, results: list[FileResult]) -> ProfileSpec | None:
        profiles = [r for r in results if r.kind == "profile"]
        if not profiles and results:
            self.problems.append(
                Problem(
                    results[0].parsed.shown,
                    0,
                    N_("no profile file (kind: profile) is loaded; conditions cannot be checked"),
                )
            )
        for r in profiles[1:]:
            self.ctx(r).add(
                r.id_node,
                msg(
                    N_("a second profile file (the first is {path}); only one may be loaded"),
                    path=profiles[0].parsed.shown,
                ),
            )
        return profiles[0].profile if profiles else None

    def declare_sources(self, results: list[FileResult]) -> None:
        for r in results:
            for s in r.sources:
                prev = self.sources.get(s.id)
                if prev is not None and (prev.title, prev.url) != (s.title, s.url):
                    self.problems.append(
                        Problem(
                            r.parsed.shown,
                            s.line,
                            msg(
                                N_("source '{id}' is already declared differently in {where}"),
                                id=s.id,
                                where=f"{prev.path}:{prev.line}",
                            ),
                        )
                    )
                elif prev is None:
                    self.sources[s.id] = s

    def check_refs(self, r: FileResult, nodes: Iterable[YScalar], what: str) -> None:
        for n in nodes:
            sid = n.raw.strip()
            if sid not in self.sources:
                problem = unknown(
                    sid,
                    list(self.sources),
                    N_("{what} refers to the undeclared source '{id}'; did you mean '{near}'?"),
                    N_("{what} refers to the undeclared source '{id}'"),
                    what=what,
                    id=sid,
                )
                self.ctx(r).add(n, problem)

    def checklist(self, r: FileResult, spec: ProfileSpec | None) -> Checklist | None:
        """The checklist of ``r`` with its items and conditions resolved (None if unusable)."""
        ctx = self.ctx(r)
        when = unless = None
        if spec is not None:
            when = resolve_condition(r.when, spec, ctx, key("when")) if r.when else None
            unless = resolve_condition(r.unless, spec, ctx, key("unless")) if r.unless else None
        items = [it for raw in r.items if (it := self._item(r, raw, spec, ctx)) is not None]
        if r.checklist is None:
            return None
        return replace(r.checklist, items=tuple(items), when=when, unless=unless)

    def _item(self, r: FileResult, raw: RawItem, spec: ProfileSpec | None, ctx: Ctx) -> Item | None:
        it = raw.item
        if it.id in self.item_ids and not raw.repeated:
            ctx.add(
                YNode(it.line, 0),
                msg(
                    N_("item id '{id}' is already used at {where}"),
                    id=it.id,
                    where=self.item_ids[it.id],
                ),
            )
            return None
        if it.id and not raw.repeated:
            self.item_ids[it.id] = f"{r.parsed.shown}:{it.line}"
        what = item_what(it.id)
        self.check_refs(r, raw.source_nodes, what)
        iw = iu = derived = None
        if spec is not None:
            iw = resolve_condition(raw.when, spec, ctx, at(what, "when")) if raw.when else None
            iu = (
                resolve_condition(raw.unless, spec, ctx, at(what, "unless")) if raw.unless else None
            )
        if_answer = None
        if raw.extras is not None and it.id and not raw.repeated:
            self.raw_extras[it.id] = (raw.extras, ctx)
            if_answer = answer_condition(raw.extras)
            if spec is not None:
                derived = _derived(raw.extras, spec, ctx, what)
        ask_if: tuple[tuple[Condition, Text], ...] = ()
        if raw.extras is not None and spec is not None:
            ask_if = tuple(
                (c, ask)
                for rc, ask, _ in raw.extras.ask_if
                if (c := resolve_condition(rc, spec, ctx, at(what, "ask_if", "when"))) is not None
            )
        return replace(
            it, when=iw, unless=iu, from_profile=derived, if_answer=if_answer, ask_if=ask_if
        )


def _derived(extras: RawExtras, spec: ProfileSpec, ctx: Ctx, what: str) -> FromProfile | None:
    def one(c: RawCondition) -> Condition | None:
        return resolve_condition(c, spec, ctx, at(what, "from_profile"))

    return resolve_from_profile(extras, one)
