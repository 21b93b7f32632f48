"""What `records import` and `records sync` share: the ``--prefer`` option, and the report of
conflicts and of records refused (no consent), not brought back (deleted here) or with times in
the future."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import console, err_console, escape, problem_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmi_ready.core import Problem
    from pmi_ready.i18n import Translator
    from pmi_ready.records import Conflict, Preference
    from pmi_ready.store import Store

MAX_SHOWN = 20
VALUE_WIDTH = 60

PreferOption = Annotated[
    list[str] | None,
    typer.Option(
        "--prefer",
        metavar="SIDE[=ID]",
        help="How a conflict (the same field changed on both sides) is resolved: 'mine' keeps "
        "this database's value, 'theirs' takes the other one; 'theirs=ID' for one assessment "
        "only. Repeat it for several. Without it, conflicts are reported and left as they are.",
        show_default=False,
    ),
]


def parse_prefer(
    values: Sequence[str] | None, store: Store, also: Store | None = None
) -> Preference:
    """``--prefer`` as a `Preference` (an id may be a prefix of at least six characters, of an
    assessment in ``store``, or else in ``also``)."""
    from pmi_ready.core import N_, NotFoundError, UsageError
    from pmi_ready.records import Preference

    default = None
    by_id = {}
    for raw in values or ():
        side, eq, aid = raw.strip().partition("=")
        side = side.strip().lower()
        if side not in ("mine", "theirs") or (eq and not aid.strip()):
            raise UsageError(
                N_("--prefer: '{value}' is not mine, theirs, mine=ID or theirs=ID"),
                hint=N_("For example --prefer theirs, or --prefer theirs=1a2b3c4d."),
                value=raw,
            )
        if eq:
            try:
                by_id[store.resolve(aid)] = side
            except NotFoundError:
                if also is None:
                    raise
                by_id[also.resolve(aid)] = side
        else:
            default = side
    return Preference(default, by_id)  # type: ignore[arg-type]


def _where(tr: Translator, kind: str, name: str) -> str:
    _ = tr._
    words = {
        "profile": _("field '{name}'"),
        "answer": _("answer to '{name}'"),
        "note": _("note on '{name}'"),
        "data": _("stored data '{name}'"),
        "finished": _("finished"),
    }
    return words.get(kind, "{name}").format(name=name)


def _short(value: str) -> str:
    return value if len(value) <= VALUE_WIDTH else value[: VALUE_WIDTH - 1] + "…"


def report_conflicts(conflicts: Sequence[Conflict], tr: Translator, there: str) -> int:
    """Print each conflict (``there``: how the other side is named); the number unresolved."""
    _ = tr._
    err = err_console()
    for c in conflicts[:MAX_SHOWN]:
        if c.kept is None:
            kept = _("each side keeps its own")
        elif c.kept == "mine":
            kept = _("kept: here")
        else:
            kept = _("kept: {there}").format(there=there)
        line = _("Conflict in assessment {id}, {what}: here '{mine}', {there} '{theirs}' ({kept}).")
        text = line.format(
            id=c.record_id[:8],
            what=_where(tr, *c.key),
            mine=_short(c.mine),
            there=there,
            theirs=_short(c.theirs),
            kept=kept,
        )
        err.print(escape(text), soft_wrap=True, highlight=False)
    if len(conflicts) > MAX_SHOWN:
        more = _("… and {n} more conflicts.").format(n=tr.number(len(conflicts) - MAX_SHOWN))
        err.print(escape(more))
    open_ = sum(1 for c in conflicts if c.kept is None)
    if open_:
        text = tr.n_(
            "{n} conflict is not resolved: both sides keep their own value. Run the same "
            "command again with --prefer mine or --prefer theirs (or --prefer theirs=ID for one "
            "assessment) to decide.",
            "{n} conflicts are not resolved: both sides keep their own value. Run the same "
            "command again with --prefer mine or --prefer theirs (or --prefer theirs=ID for one "
            "assessment) to decide.",
            open_,
        )
        err.print(f"[yellow]{escape(text.format(n=tr.number(open_)))}[/]", soft_wrap=True)
    return open_


def report_left_out(
    tr: Translator,
    *,
    refused: Sequence[Problem],
    deleted: Sequence[Problem],
    clamped: Sequence[Problem],
) -> None:
    """Each record refused, not brought back or with its times set to now, and their counts."""
    err = err_console()
    for p in [*refused, *deleted, *clamped][:MAX_SHOWN]:
        err.print(escape(problem_line(p, tr._)), soft_wrap=True, highlight=False)
    out = console()
    if refused:
        text = tr.n_(
            "{n} assessment without the applicant's consent was not stored.",
            "{n} assessments without the applicant's consent were not stored.",
            len(refused),
        )
        out.print(escape(text.format(n=tr.number(len(refused)))))
    if deleted:
        text = tr.n_(
            "{n} assessment deleted on this computer was not brought back.",
            "{n} assessments deleted on this computer were not brought back.",
            len(deleted),
        )
        out.print(escape(text.format(n=tr.number(len(deleted)))))
    if clamped:
        text = tr.n_(
            "{n} assessment had times in the future (a computer with a wrong clock?); they "
            "were set to now.",
            "{n} assessments had times in the future (a computer with a wrong clock?); they "
            "were set to now.",
            len(clamped),
        )
        out.print(escape(text.format(n=tr.number(len(clamped)))))
