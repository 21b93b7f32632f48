"""The rules of the funds check, from a ``kind: funds`` file that the catalog's validator
(`pmi_ready.checklists.validation.funds`) has accepted, read into a `FundsRules` value (pure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from pmi_ready.core import (
    N_,
    Catalog,
    Contacts,
    DataFile,
    PmiReadyError,
    Source,
    Text,
    Verbatim,
    codes,
    frozen,
)


@frozen
class Part:
    """A note with the sources it rests on and the day it was last checked."""

    note: Text
    source_ids: tuple[str, ...]
    reviewed: dt.date


@frozen
class CostItem:
    id: str
    label: Text


@frozen
class Lender:
    """A kind of lender. ``bank``: a safe lender. ``check``: not a bank, but it may hold a licence
    (a cooperative, an online lender): the person is asked to check it, not warned off it."""

    id: str
    label: Text
    bank: bool
    check: bool = False


@frozen
class FlagRule:
    code: str
    red_flag: bool
    title: Text
    detail: Text
    source_ids: tuple[str, ...]
    reviewed: dt.date
    same_as: str | None = None  # the checklist item asking about the same danger


@frozen
class FundsRules:
    kur_rate: Decimal  # percent a year
    kur_max_amount: Decimal  # rupiah
    kur_max_months: int
    kur: Part
    instalment_share: Decimal  # percent of the monthly wage (guidance)
    interest_far_above: Decimal  # percent a year (guidance)
    guidance: Part
    costs: tuple[CostItem, ...]
    zero_cost_jobs: frozenset[str]
    forbidden: frozenset[str]
    zero_cost: Part
    worker_may_pay: tuple[str, ...]
    other_jobs: Part
    lenders: tuple[Lender, ...]
    lender_sources: tuple[str, ...]
    flags: Mapping[str, FlagRule]
    version: str
    reviewed: dt.date
    path: str = ""
    jobs: Mapping[str, Text] | None = None  # job value -> label, from the profile
    contacts: Contacts | None = None
    sources: Mapping[str, Source] | None = None

    def cost(self, cost_id: str) -> CostItem | None:
        return next((c for c in self.costs if c.id == cost_id), None)

    def lender(self, lender_id: str) -> Lender | None:
        return next((x for x in self.lenders if x.id == lender_id), None)

    def job_label(self, job: str) -> Text:
        return (self.jobs or {}).get(job) or Text(job, job)

    def source_titles(self, ids: tuple[str, ...]) -> list[str]:
        return [(self.sources or {}).get(s, Source(s, s)).title for s in ids]

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> FundsRules:
        files = [d for d in catalog.data.values() if d.kind == "funds"]
        if not files:
            raise PmiReadyError(
                N_("no funds file (kind: funds) is loaded"),
                hint=N_(
                    "The built-in checklists/funds.yaml holds the KUR terms and the cost rules."
                ),
            )
        if len(files) > 1:
            raise PmiReadyError(
                N_("more than one funds file is loaded ({paths}); keep only one"),
                paths=Verbatim(", ".join(d.path for d in files)),
            )
        rules = cls.from_data(files[0])
        job_field = catalog.profile.field("job")
        jobs = {c.value: c.label for c in job_field.choices} if job_field else {}
        unknown = sorted(j for j in rules.zero_cost_jobs if j not in jobs)
        if unknown:
            raise PmiReadyError(
                N_(
                    "{path}: zero_cost.jobs lists {jobs}, which is not a value of the profile "
                    "field 'job'"
                )
                if len(unknown) == 1
                else N_(
                    "{path}: zero_cost.jobs lists {jobs}, which are not values of the profile "
                    "field 'job'"
                ),
                path=Verbatim(rules.path),
                jobs=codes(unknown),
            )
        return _replace(rules, jobs=jobs, contacts=catalog.contacts, sources=catalog.sources)

    @classmethod
    def from_data(cls, data: DataFile) -> FundsRules:
        """Read a funds file that `validate_funds` has already accepted."""
        d = data.data

        def m(key: str) -> Mapping[str, object]:
            v = d[key]
            assert isinstance(v, Mapping)
            return v

        kur, guid, zero, other, lenders = (
            m("kur"),
            m("guidance"),
            m("zero_cost"),
            m("other_jobs"),
            m("lenders"),
        )
        costs = tuple(CostItem(str(c["id"]), _text(c["label"])) for c in _list(d["costs"]))
        return cls(
            kur_rate=_dec(kur["interest"]),
            kur_max_amount=_dec(kur["max_amount"]),
            kur_max_months=int(str(kur["max_months"])),
            kur=_part(kur),
            instalment_share=_dec(guid["instalment_share"]),
            interest_far_above=_dec(guid["interest_far_above"]),
            guidance=_part(guid),
            costs=costs,
            zero_cost_jobs=frozenset(str(j) for j in _list(zero["jobs"])),
            forbidden=frozenset(str(c) for c in _list(zero["forbidden"])),
            zero_cost=_part(zero),
            worker_may_pay=tuple(str(c) for c in _list(other["worker_may_pay"])),
            other_jobs=_part(other),
            lenders=tuple(
                Lender(str(x["id"]), _text(x["label"]), bool(x["bank"]), bool(x.get("check")))
                for x in _list(lenders["types"])
            ),
            lender_sources=_ids(lenders["source"]),
            flags={
                str(f["code"]): FlagRule(
                    str(f["code"]),
                    bool(f["red_flag"]),
                    _text(f["title"]),
                    _text(f["detail"]),
                    _ids(f["source"]),
                    _date(f["reviewed"]),
                    str(f["same_as"]) if f.get("same_as") else None,
                )
                for f in _list(d["flags"])
            },
            version=str(d["version"]),
            reviewed=data.reviewed,
            path=data.path,
        )


def _replace(rules: FundsRules, **kw: object) -> FundsRules:
    from dataclasses import replace

    return replace(rules, **kw)  # type: ignore[arg-type]


def _list(v: object) -> list[Mapping[str, object]]:
    assert isinstance(v, list)
    return v


def _dec(v: object) -> Decimal:
    return Decimal(str(v))


def _text(v: object) -> Text:
    assert isinstance(v, Mapping)
    return Text(" ".join(str(v["id"]).split()), " ".join(str(v["en"]).split()))


def _ids(v: object) -> tuple[str, ...]:
    return tuple(str(x) for x in v) if isinstance(v, list) else (str(v),)


def _date(v: object) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def _part(m: Mapping[str, object]) -> Part:
    return Part(_text(m["note"]), _ids(m["source"]), _date(m["reviewed"]))
