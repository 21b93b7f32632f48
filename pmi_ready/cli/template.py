"""`pmi-ready checklists template`: a ready-to-run answers file for `assess --answers`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from pmi_ready.cli.app import ChecklistDirs, LangOption, load

if TYPE_CHECKING:
    from pmi_ready.i18n import Translator
    from pmi_ready.model import Catalog, ProfileField


def template(
    destination: Annotated[
        str | None,
        typer.Option("--destination", metavar="CC", help="The destination, e.g. TW or HK."),
    ] = None,
    job: Annotated[
        str | None, typer.Option("--job", metavar="JOB", help="The job, e.g. housekeeper.")
    ] = None,
    checklists: ChecklistDirs = None,
    lang: LangOption = None,
) -> None:
    """Print an answers file (YAML) for 'pmi-ready assess --answers FILE'."""
    import sys

    from pmi_ready.i18n import choose_lang, translator

    tr = translator(choose_lang(lang))
    catalog = load(checklists)
    given = {"destination": destination, "job": job}
    sys.stdout.write(render_template(catalog, tr, {k: v for k, v in given.items() if v}))


def _value_for(f: ProfileField, given: dict[str, str]) -> str | None:
    from pmi_ready.errors import NotFoundError
    from pmi_ready.model import FieldType

    if f.id in given:
        raw = given[f.id]
        for c in f.choices:
            if raw.casefold() == c.value.casefold():
                return c.value
        allowed = ", ".join(c.value for c in f.choices)
        raise NotFoundError(f"no {f.id} '{raw}'; choose one of: {allowed}")
    if f.id == "consent":
        return "no"
    if f.type is FieldType.CHOICE:
        return f.choices[0].value if f.required and f.choices else None
    if f.type is FieldType.AGE:
        return "25" if f.required else None
    if f.type is FieldType.NUMBER:
        return f"{f.min:g}" if f.required and f.min is not None else None
    if f.type is FieldType.YES_NO:
        return "no" if f.required else None
    return None


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_template(catalog: Catalog, tr: Translator, given: dict[str, str]) -> str:
    from pmi_ready.cli.walk_ui import answer_word, level_word
    from pmi_ready.conditions import applicable
    from pmi_ready.model import FieldType

    _ = tr._
    L = tr.lang
    lines = [
        "# " + _("pmi-ready answers file. Run it with: pmi-ready assess --answers FILE"),
        "# "
        + _(
            "Answers: yes, no, unsure, or na where the comment allows it; leave a "
            "question empty if it is not answered yet."
        ),
        "# "
        + _(
            "The questions below fit this profile. If you change destination, job, route, "
            "marital status or age, print the template again with the new values."
        ),
        "profile:",
    ]
    profile: dict[str, str] = {}
    for f in catalog.profile.fields:
        value = _value_for(f, given)
        if f.type is FieldType.CHOICE:
            allowed = ", ".join(c.value for c in f.choices)
            note = _("one of: {values}").format(values=allowed)
        elif f.type is FieldType.AGE:
            note = _("years, or date of birth YYYY-MM-DD")
        elif f.type is FieldType.YES_NO:
            note = _("yes or no")
        elif f.type is FieldType.NUMBER:
            note = _("a number")
        else:
            note = _("text, may be left empty")
        if f.id == "consent":
            note = _("ask the applicant; only 'yes' keeps the data on this computer")
        elif not f.required:
            note += "; " + _("optional")
        shown = "" if value is None else f" {_yaml_value(f.type, value)}"
        lines.append(f"  {f.id}:{shown}  # {_comment(f.ask.get(L))} — {_comment(note)}")
        if value is not None:
            profile[f.id] = value
    lines.append("answers:")
    current = None
    for checklist, item in applicable(catalog.checklists, profile):
        if checklist.id != current:
            current = checklist.id
            lines.append(f"  # --- {_comment(checklist.title.get(L))}")
        ready = _("ready: {answer}").format(answer=answer_word(item.ready_when.value, tr))
        w_na, w_flag = _("na allowed"), _("red flag")
        extra = f"; {w_na}" if item.allow_na else ""
        flag = f"; {w_flag}" if item.red_flag else ""
        lines.append(
            f"  # {_comment(item.ask.get(L))} ({level_word(item.level, tr)}{flag}; {ready}{extra})"
        )
        lines.append(f"  {item.id}:")
    return "\n".join(lines) + "\n"


def _yaml_value(kind: object, value: str) -> str:
    from pmi_ready.model import FieldType

    if kind in (FieldType.AGE, FieldType.NUMBER, FieldType.YES_NO):
        return value
    return json.dumps(value, ensure_ascii=False)
