"""Everything a report renderer needs, already decided: a frozen `ReportContext`.

The context holds the finished `Readiness`, the catalog it was computed from, the translators for
both languages, the language mode (``both``, ``id`` or ``en``) and the report's metadata. Its
helpers only look things up and format them (labels, dates, answer words); they never score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from typing import Literal

from pmi_ready.core import (
    OTHER,
    STATUS_TEXT,
    AnswerValue,
    Catalog,
    Contacts,
    ItemResult,
    Lang,
    Level,
    Readiness,
    RedFlag,
    SectionProgress,
    Source,
    Text,
    frozen,
)
from pmi_ready.i18n import Translator, translator
from pmi_ready.render.labels import Labels, make_labels
from pmi_ready.render.private import leave_out_sensitive

LangMode = Literal["both", "id", "en"]
LANG_MODES: tuple[LangMode, ...] = ("both", "id", "en")


@frozen
class ReportMeta:
    """Who and when. ``name`` and ``officer`` are typed by users: renderers escape them."""

    assessment_id: str
    created: dt.date
    name: str = ""
    officer: str = ""


@frozen
class ExtraSection:
    """A part of the report computed elsewhere (e.g. the funds and loan check).

    ``rows`` are (label, value) pairs with values already formatted for each language;
    ``warnings`` are shown highlighted; ``data`` is the section's JSON payload.
    """

    key: str
    title: Text
    rows: tuple[tuple[Text, Text], ...] = ()
    notes: tuple[Text, ...] = ()
    warnings: tuple[Text, ...] = ()
    data: Mapping[str, object] = field(default_factory=dict)


@frozen
class FlagView:
    """A red flag with what goes with it: the risky answer and what to do, when it is an item."""

    flag: RedFlag
    result: ItemResult | None


@frozen
class FirstStep:
    """One of "Do these first": a warning sign to act on, or a critical item not ready.

    ``action`` is what to do (the item's advice, or the warning's own text when it is not an
    item, such as an age under 18 or a debt-bondage sign of the loan); ``result`` is the item's
    result when there is one."""

    title: Text
    action: Text
    where: Text | None
    flag: bool
    result: ItemResult | None = None
    source_ids: tuple[str, ...] = ()


FIRST_STEPS = 3  # "Do these first" never lists more


@frozen
class ReportContext:
    readiness: Readiness
    catalog: Catalog
    meta: ReportMeta
    lang_mode: LangMode = "both"
    first: Lang = "id"  # in a bilingual report, the language that comes first (the user's)
    tr_id: Translator = field(default_factory=lambda: translator("id"))
    tr_en: Translator = field(default_factory=lambda: translator("en"))
    extras: tuple[ExtraSection, ...] = ()

    # -- languages -------------------------------------------------------------------------
    @property
    def langs(self) -> tuple[Lang, ...]:
        if self.lang_mode == "both":
            return ("en", "id") if self.first == "en" else ("id", "en")
        return ("en",) if self.lang_mode == "en" else ("id",)

    @property
    def bilingual(self) -> bool:
        return self.lang_mode == "both"

    @property
    def primary(self) -> Lang:
        return self.langs[0]

    def tr(self, lang: Lang) -> Translator:
        return self.tr_en if lang == "en" else self.tr_id

    def t(self, message: str) -> Text:
        """An interface message in both languages. Mark literals as ``_ = ctx.t; _("…")``."""
        return Text(self.tr_id._(message), self.tr_en._(message))

    def fmt(self, text: Text, **values: str | int | Text) -> Text:
        """Fill ``{placeholders}`` in each language; a `Text` value gives each its own word."""

        def one(lang: Lang) -> str:
            kw = {k: (v.get(lang) if isinstance(v, Text) else v) for k, v in values.items()}
            return text.get(lang).format(**kw)

        return Text(one("id"), one("en"))

    def same(self, value: str) -> Text:
        """A value that is the same in both languages (a name, a number, an id)."""
        return Text(value, value)

    def date(self, d: dt.date) -> Text:
        return Text(self.tr_id.date(d), self.tr_en.date(d))

    def verified(self, contacts: Contacts) -> Text:
        """When the contacts were verified, as precise as the source is ("April 2025")."""
        return Text(self.tr_id.verified(contacts), self.tr_en.verified(contacts))

    def percent(self, share: float) -> Text:
        return Text(self.tr_id.percent(share), self.tr_en.percent(share))

    def join(self, text: Text, sep: str = " / ") -> str:
        """One line in the chosen language(s): ``Indonesian / English``, equal parts once."""
        parts = [text.get(lang) for lang in self.langs]
        if len(parts) == 2 and parts[0] == parts[1]:
            return parts[0]
        return sep.join(parts)

    # -- words ----------------------------------------------------------------------------
    @cached_property
    def labels(self) -> Labels:
        return make_labels(self.t)

    def answer_text(self, value: AnswerValue | None) -> Text:
        if value is None:
            return self.labels.not_answered
        return self.labels.answer_words[value]

    # -- content lookups ------------------------------------------------------------------
    @property
    def status_text(self) -> Text:
        return STATUS_TEXT[self.readiness.status]

    def profile_value(self, field_id: str) -> Text | None:
        raw = self.readiness.profile.get(field_id, "")
        if not raw:
            return None
        spec = self.catalog.profile.field(field_id)
        if spec is None:
            return self.same(raw)
        named = self.readiness.profile.get(spec.other_id, "") if spec.other else ""
        if raw == OTHER and named:  # "another country" and the country typed: Peru
            return Text(
                f"{spec.label_of(raw, 'id')}: {named}", f"{spec.label_of(raw, 'en')}: {named}"
            )
        return Text(spec.label_of(raw, "id"), spec.label_of(raw, "en"))

    def header_rows(self) -> list[tuple[Text, Text]]:
        """(label, value) for the header: name and officer only when given."""
        L = self.labels
        rows: list[tuple[Text, Text]] = []
        if self.meta.name:
            rows.append((L.name, self.same(self.meta.name)))
        rows.append((L.date, self.date(self.meta.created)))
        if self.meta.officer:
            rows.append((L.officer, self.same(self.meta.officer)))
        for label, fid in ((L.destination, "destination"), (L.job, "job"), (L.route, "route")):
            value = self.profile_value(fid)
            if value is not None:
                rows.append((label, value))
        rows.append((L.assessment, self.same(self.meta.assessment_id)))
        return rows

    def result_of(self, item_id: str) -> ItemResult | None:
        for r in self.readiness.results:
            if r.item.id == item_id:
                return r
        return None

    @cached_property
    def flags(self) -> tuple[FlagView, ...]:
        return tuple(FlagView(f, self.result_of(f.code)) for f in self.readiness.red_flags)

    @cached_property
    def first_steps(self) -> tuple[FirstStep, ...]:
        """ "Do these first": at most `FIRST_STEPS`, the warning signs first (in the order of the
        warning box), then the items not ready in scoring order (critical before important);
        advice never."""
        out: list[FirstStep] = []
        for fv in self.flags:
            if fv.result is not None:
                item = fv.result.item
                ids = fv.flag.source_ids or item.source_ids
                out.append(FirstStep(fv.flag.title, item.how, item.office, True, fv.result, ids))
            else:
                flag = fv.flag
                out.append(FirstStep(flag.title, flag.detail, None, True, None, flag.source_ids))
        for r in self._open_steps:
            if r.item.level is not Level.ADVICE:
                it = r.item
                out.append(FirstStep(it.ask, it.how, it.office, False, r, it.source_ids))
        return tuple(out[:FIRST_STEPS])

    @property
    def _open_steps(self) -> tuple[ItemResult, ...]:
        return tuple(r for r in self.readiness.next_steps if not r.risky)

    @property
    def steps(self) -> tuple[ItemResult, ...]:
        """The other next steps in scoring order: red-flag items left out (the warning box has
        them), and those already in "Do these first". Number them from `steps_start`."""
        first = {id(s.result) for s in self.first_steps if s.result is not None}
        return tuple(r for r in self._open_steps if id(r) not in first)

    @property
    def steps_start(self) -> int:
        return len(self.first_steps) + 1

    @property
    def empty_steps_text(self) -> Text:
        """What to say when no step is left outside the warning box and "Do these first"."""
        if self.first_steps:
            return self.labels.nothing_missing
        return self.labels.only_flags if self.flags else self.labels.nothing_missing

    @staticmethod
    def bar_share(section: SectionProgress) -> float:
        """How much of a progress bar is filled: the ready count over the applicable count, the
        numbers printed beside it (the JSON report keeps the level-weighted share)."""
        return section.ready / section.applicable if section.applicable else 1.0

    def report_command(self) -> str:
        return f"pmi-ready report {self.meta.assessment_id[:8]}"

    @staticmethod
    def is_phone(kind: str) -> bool:
        return kind in ("phone", "whatsapp")

    def source_titles(self, source_ids: tuple[str, ...]) -> str:
        return "; ".join(self.source(s).title for s in source_ids)

    def source(self, source_id: str) -> Source:
        return self.catalog.sources.get(source_id) or Source(source_id, source_id)

    @cached_property
    def sources_used(self) -> tuple[Source, ...]:
        """Every source the report cites, in the order it first appears."""
        seen: dict[str, None] = {}
        for fv in self.flags:
            seen.update(dict.fromkeys(fv.flag.source_ids))
        for r in self.readiness.results:
            seen.update(dict.fromkeys(r.item.source_ids))
        if self.contacts is not None:
            seen.update(dict.fromkeys(self.contacts.source_ids))
        return tuple(self.source(s) for s in seen)

    @property
    def contacts(self) -> Contacts | None:
        return self.catalog.contacts

    def versions(self) -> list[tuple[str, Text, str, str]]:
        """(checklist id, title, version, short content hash) of every file recorded."""
        rows = []
        for cid, v in self.readiness.versions.items():
            c = self.catalog.checklist(cid)
            title = c.title if c else (self.catalog.profile.title if cid == "profile" else None)
            rows.append(
                (cid, title or self.same(cid), v.get("version", ""), v.get("sha256", "")[:12])
            )
        return rows

    def page_label(self, n: int, total: int) -> str:
        _ = self.t
        return self.join(self.fmt(_("Page {n} of {total}"), n=n, total=total))


def build_context(
    readiness: Readiness,
    catalog: Catalog,
    *,
    assessment_id: str,
    created: dt.date | dt.datetime,
    lang_mode: LangMode = "both",
    first: Lang = "id",
    extras: tuple[ExtraSection, ...] = (),
    private: bool = False,
) -> ReportContext:
    """The context for one report; the name and officer come from the profile answers.

    ``private``: the take-home copy, without the sensitive questions (a note says how many are
    left out and that they still count in the status)."""
    if private:
        readiness, left_out = leave_out_sensitive(readiness)
        if left_out:
            extras = (*extras, _private_note(left_out))
    day = created.date() if isinstance(created, dt.datetime) else created
    meta = ReportMeta(
        assessment_id=assessment_id,
        created=day,
        name=readiness.profile.get("name", "").strip(),
        officer=readiness.profile.get("officer", "").strip(),
    )
    return ReportContext(readiness, catalog, meta, lang_mode, first, extras=extras)


def _private_note(left_out: int) -> ExtraSection:
    tr_id, tr_en = translator("id"), translator("en")
    title = Text(tr_id._("Private questions left out"), tr_en._("Private questions left out"))
    note = Text(
        *(
            tr._(
                "This copy leaves out {n} private question(s). Their answers still count in the "
                "status; the officer's copy keeps them."
            ).format(n=left_out)
            for tr in (tr_id, tr_en)
        )
    )
    return ExtraSection("private", title, notes=(note,), data={"left_out": left_out})
