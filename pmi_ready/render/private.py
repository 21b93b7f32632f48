"""The take-home copy of a report: the private questions (own choice, threats, violence) left out,
scored as before."""

from __future__ import annotations

from pmi_ready.core import Readiness


def leave_out_sensitive(readiness: Readiness) -> tuple[Readiness, int]:
    """A take-home copy: the questions marked ``sensitive`` (own choice, threats, violence) and
    their answers and red flags removed, the status kept as scored on every answer. Returns the
    copy and how many applicable questions it leaves out."""
    from dataclasses import replace

    hidden = {r.item.id for r in readiness.results if r.item.sensitive}
    if not hidden:
        return readiness, 0
    sections = tuple(
        replace(s, results=tuple(r for r in s.results if r.item.id not in hidden))
        for s in readiness.sections
    )
    copy = replace(
        readiness,
        sections=sections,
        red_flags=tuple(f for f in readiness.red_flags if f.code not in hidden),
        next_steps=tuple(r for r in readiness.next_steps if r.item.id not in hidden),
        answers={k: v for k, v in readiness.answers.items() if k not in hidden},
    )
    return copy, len(hidden)
