"""Where an assessment stands: its steps in order (the profile, each applicable item, the funds
step), the first open one (where `pmi-ready resume` continues), the next open one when moving
forward; and, on resume, what changed in the checklists since the assessment was saved.

The steps are recomputed from the answers every time: a profile change adds or removes items.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pmi_ready.assessment.state import AssessmentState
from pmi_ready.assessment.verdict import COPY_KEY, FUNDS_KEY, checklist_copy
from pmi_ready.core import frozen
from pmi_ready.store import StoredAssessment


@frozen
class Step:
    kind: Literal["profile", "item", "funds"]
    ident: str


def steps(state: AssessmentState) -> list[Step]:
    out = [Step("profile", f.id) for f in state.profile_fields()] + [
        Step("item", it.id) for _, it in state.items()
    ]
    if state.has_funds_step():
        out.append(Step("funds", FUNDS_KEY))
    return out


def first_open(state: AssessmentState) -> int:
    """The first profile field never answered (or required and empty), else the first
    unanswered item, else the funds step when neither answered nor skipped; past the end (the
    review) when everything is answered."""
    fields = state.profile_fields()
    if not state.profile:
        return 0
    for i, f in enumerate(fields):
        if f.id not in state.profile or (f.required and not state.profile.get(f.id)):
            return i  # never asked, or a required answer still missing
    items = state.items()
    for i, (_, it) in enumerate(items):
        if it.id not in state.answers:
            return len(fields) + i
    end = len(fields) + len(items)
    if state.has_funds_step() and state.funds is None and not state.funds_skipped:
        return end
    return end + state.has_funds_step()


def next_open(state: AssessmentState, start: int, *, profile: bool = False) -> int:
    """Moving forward: the next profile question, or the next item not answered yet. With
    ``profile`` (going on from a question reached from the review), profile questions already
    answered are passed over too."""
    all_steps = steps(state)
    pos = start
    while pos < len(all_steps) and _answered(state, all_steps[pos], profile):
        pos += 1
    return pos


def _answered(state: AssessmentState, step: Step, profile: bool) -> bool:
    if step.kind == "item":
        return step.ident in state.answers
    if step.kind == "funds":
        return state.funds is not None
    if not profile or step.ident not in state.profile:
        return False
    f = state.catalog.profile.field(step.ident)
    return f is None or not f.required or bool(state.profile[step.ident])


def check_versions(state: AssessmentState, record: StoredAssessment) -> None:
    """Tell the person when the checklists changed since ``record`` was saved (answers to items
    that are gone are kept as history), and record the versions it was answered under."""
    now = state.catalog.versions()
    before = record.versions
    changed = sorted(k for k in now if k in before and before[k] != now[k])
    added = sorted(k for k in now if k not in before)
    removed = sorted(k for k in before if k not in now)
    if not (changed or added or removed):
        return
    known = {it.id for it in state.catalog.items()}
    kept = sorted(k for k in state.answers if k not in known)
    state.notice(
        "changed",
        {"changed": changed, "added": added, "removed": removed, "kept": kept},
    )
    history = list(_dict_list(record.data.get("version_history")))
    history.append({"at": dt.datetime.now(dt.UTC).isoformat(), "before": before})
    state.store.set_data(state.aid, "version_history", history)
    state.store.set_versions(state.aid, now)
    copy = checklist_copy(state.catalog)
    if copy is not None:  # a resume without the folder keeps the copy made with it
        state.store.set_data(state.aid, COPY_KEY, copy)


def _dict_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []
