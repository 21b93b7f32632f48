"""Two versions of one assessment merged field by field and answer by answer. Pure: no I/O.

A record is seen as its *fields* (`fields`): each profile value, each answer, each note, each
key of ``data``, each checklist's version, the language and "finished". A field that is empty
is absent. Two versions merge by these rules (`merge_records`):

- equal on both sides: kept;
- with a *base* (the version both sides last agreed on, kept by ``records sync``): the side that
  changed the field since the base wins; both changed it to different values: a conflict;
- without a base (``records import`` of a file): a value never gives way to nothing, and two
  different values are a conflict;
- a value never gives way to nothing unless ``clear`` (sync: a field deliberately emptied on
  one side, unchanged on the other, is emptied on both);
- a conflict keeps this side's value ("mine") unless the caller prefers the other ("theirs").

The bookkeeping fields (`QUIET`: languages, checklist versions, the version history, skipped
items) never conflict: the side whose record changed later gives them.

Times from another computer may be in the future (a wrong clock): `clamp_future` brings them
back to now, beyond a small allowance for clocks that differ by a few minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import field, replace
from typing import TYPE_CHECKING, Literal

from pmi_ready.core import Answer, AnswerValue, frozen
from pmi_ready.store import dumps, loads

if TYPE_CHECKING:
    from pmi_ready.store import StoredAssessment

Side = Literal["mine", "theirs"]
Key = tuple[str, str]
"""A field: (kind, name); kind is profile, answer, note, data, versions, lang or finished."""

CLOCK_SKEW = dt.timedelta(minutes=10)
"""How far in the future a time may be before it is taken as a wrong clock."""
CONSENT = "consent"
QUIET_DATA = ("version_history", "skipped")


def is_quiet(key: Key) -> bool:
    """A bookkeeping field: never a conflict (the later record gives it)."""
    return key[0] in ("lang", "versions") or (key[0] == "data" and key[1] in QUIET_DATA)


@frozen
class Conflict:
    """The same field changed to different values on both sides."""

    record_id: str
    key: Key
    mine: str
    theirs: str
    kept: Side | None
    """The side whose value both now hold; ``None``: unresolved, each side keeps its own."""


@frozen
class Merged:
    mine: StoredAssessment
    """What this side keeps."""
    theirs: StoredAssessment
    """What the other side keeps (``records sync``): the same as ``mine`` but for each
    unresolved conflict, where it keeps its own value."""
    conflicts: tuple[Conflict, ...]


@frozen
class Preference:
    """How conflicts are resolved: ``default`` for every record, ``by_id`` for some."""

    default: Side | None = None
    by_id: dict[str, Side] = field(default_factory=dict)

    def for_id(self, aid: str) -> Side | None:
        return self.by_id.get(aid, self.default)


def has_consent(record: StoredAssessment) -> bool:
    return record.profile.get(CONSENT) == "yes"


# ------------------------------------------------------------------------------------ fields
def fields(record: StoredAssessment) -> dict[Key, str]:
    """The record's non-empty fields, each as text (JSON for ``data`` and versions)."""
    out: dict[Key, str] = {}
    for k, v in record.profile.items():
        if v != "":
            out["profile", k] = v
    for k, a in record.answers.items():
        out["answer", k] = a.value.value
        if a.note:
            out["note", k] = a.note
    for k, n in record.notes.items():
        if n and k not in record.answers:
            out["note", k] = n
    for k, d in record.data.items():
        if d is not None:
            out["data", k] = dumps(d)
    for k, ver in record.versions.items():
        out["versions", k] = dumps(ver)
    if record.lang:
        out["lang", ""] = record.lang
    if record.finished:
        out["finished", ""] = "yes"
    return out


def same(a: StoredAssessment, b: StoredAssessment) -> bool:
    """The same fields (times, summaries and answer times aside)."""
    return fields(a) == fields(b)


def build(
    template: StoredAssessment,
    values: Mapping[Key, str],
    answered_at: Mapping[str, str],
    updated_at: dt.datetime,
    created_at: dt.datetime,
) -> StoredAssessment:
    """The record whose fields are ``values`` (the inverse of `fields`)."""
    notes = {k: v for (kind, k), v in values.items() if kind == "note"}
    answers = {
        k: Answer(k, AnswerValue(v), notes.get(k, ""), answered_at.get(k, ""))
        for (kind, k), v in values.items()
        if kind == "answer"
    }
    return replace(
        template,
        created_at=created_at,
        updated_at=updated_at,
        lang=values.get(("lang", ""), template.lang),
        profile={k: v for (kind, k), v in values.items() if kind == "profile"},
        answers=answers,
        notes={k: v for k, v in notes.items() if k not in answers},
        versions={k: loads(v, {}) for (kind, k), v in values.items() if kind == "versions"},
        data={k: loads(v, None) for (kind, k), v in values.items() if kind == "data"},
        finished=("finished", "") in values,
        status=None,
    )


# ------------------------------------------------------------------------------------ merging
Base = Mapping[Key, str]
"""A version both sides agreed on, as the digest of each field's value (`digests`)."""


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def digests(record: StoredAssessment) -> dict[Key, str]:
    """The agreed-state form of ``record``: each field's digest (no personal data in clear)."""
    return {k: digest(v) for k, v in fields(record).items()}


def merge_records(
    mine: StoredAssessment,
    theirs: StoredAssessment,
    base: Base | None = None,
    *,
    prefer: Side | None = None,
    clear: bool = False,
) -> Merged:
    """``mine`` and ``theirs`` (two versions of one assessment) merged; ``base`` is the version
    both last agreed on (``None``: unknown). See the module's rules."""
    m, t = fields(mine), fields(theirs)
    later_is_theirs = theirs.updated_at > mine.updated_at
    out: dict[Key, str] = {}
    source: dict[Key, Side] = {}
    conflicts: list[Conflict] = []
    for key in sorted(m.keys() | t.keys()):
        mv, tv = m.get(key), t.get(key)
        bv = None if base is None else base.get(key)
        pick = _pick(mv, tv, bv, base is not None, clear=clear)
        if pick == "conflict" and is_quiet(key):
            pick = "theirs" if later_is_theirs else "mine"
        if pick == "conflict":
            assert mv is not None and tv is not None
            conflicts.append(Conflict(mine.id, key, mv, tv, prefer))
            pick = prefer or "mine"
        value = mv if pick == "mine" else tv
        if value is not None:
            out[key] = value
            source[key] = pick
    at = {"mine": mine.answers, "theirs": theirs.answers}
    answered = {k: at[source[kind, k]][k].answered_at for kind, k in out if kind == "answer"}
    created = min(mine.created_at, theirs.created_at)
    updated = max(mine.updated_at, theirs.updated_at)
    for_mine = build(mine, out, answered, updated, created)
    open_ = [c for c in conflicts if c.kept is None]
    if not open_:
        return Merged(for_mine, for_mine, tuple(conflicts))
    other = dict(out) | {c.key: c.theirs for c in open_}
    answered |= {
        c.key[1]: theirs.answers[c.key[1]].answered_at for c in open_ if c.key[0] == "answer"
    }
    return Merged(for_mine, build(mine, other, answered, updated, created), tuple(conflicts))


def next_base(agreed: StoredAssessment, old: Base | None, conflicts: tuple[Conflict, ...]) -> Base:
    """The base to keep after a merge: ``agreed``'s digests, but each unresolved conflict's
    field at its old base, so the same conflict is found (and can be resolved) next time."""
    out = digests(agreed)
    for c in conflicts:
        if c.kept is None:
            was = None if old is None else old.get(c.key)
            if was is None:
                out.pop(c.key, None)
            else:
                out[c.key] = was
    return out


def _pick(
    mv: str | None, tv: str | None, bv: str | None, has_base: bool, *, clear: bool
) -> Literal["mine", "theirs", "conflict"]:
    if mv == tv:
        return "mine"
    if has_base:
        if _digest_or_none(tv) == bv:
            return "mine"
        if _digest_or_none(mv) == bv:
            return "theirs" if tv is not None or clear else "mine"
    # both changed (or nothing tells who did): a value never gives way to nothing
    if mv is None:
        return "theirs"
    if tv is None:
        return "mine"
    return "conflict"


def _digest_or_none(value: str | None) -> str | None:
    return None if value is None else digest(value)


# ------------------------------------------------------------------------------------ clocks
def clamp_future(
    record: StoredAssessment, now: dt.datetime, skew: dt.timedelta = CLOCK_SKEW
) -> tuple[StoredAssessment, bool]:
    """``record`` with every time later than ``now`` + ``skew`` set to ``now``, and whether
    one was."""
    limit = now + skew
    changed = False

    def fix(t: dt.datetime) -> dt.datetime:
        nonlocal changed
        if t > limit:
            changed = True
            return now
        return t

    answers: dict[str, Answer] = {}
    for k, a in record.answers.items():
        at = _time_or_none(a.answered_at)
        if at is not None and at > limit:
            changed = True
            a = replace(a, answered_at=now.isoformat(timespec="microseconds"))
        answers[k] = a
    created, updated = fix(record.created_at), fix(record.updated_at)
    if not changed:
        return record, False
    return replace(
        record, created_at=min(created, updated), updated_at=updated, answers=answers
    ), True


def _time_or_none(text: str) -> dt.datetime | None:
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)
