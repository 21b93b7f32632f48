"""The profile file (``kind: profile``): the fields asked first, which conditions refer to."""

from __future__ import annotations

from pmi_ready.checklists.validation.base import (
    COMMON_KEYS,
    ID_RE,
    VALUE_RE,
    Ctx,
    FileResult,
    at,
    key,
    msg,
    names,
)
from pmi_ready.checklists.yamlnodes import YMap, YNode
from pmi_ready.core import (
    N_,
    OTHER,
    Choice,
    FieldType,
    ProfileField,
    ProfileSpec,
    Text,
    fold_name,
)

_PROFILE_KEYS = (*COMMON_KEYS, "title", "fields")
_FIELD_KEYS = ("id", "type", "ask", "help", "required", "choices", "min", "max", "other")


def check_profile(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(root, _PROFILE_KEYS, ("id", "version", "reviewed", "fields"), msg(N_("the profile")))
    version = ctx.string(root.get("version"), key("version")) if "version" in root else None
    reviewed = ctx.date(root.get("reviewed"), key("reviewed")) if "reviewed" in root else None
    title = (
        ctx.text(root.get("title"), key("title"))
        if "title" in root
        else Text("Data diri", "About you")
    )
    fields: list[ProfileField] = []
    seen: set[str] = set()
    nodes = ctx.sequence(root.get("fields"), key("fields")) if "fields" in root else []
    for node in nodes:
        f = _check_field(node, ctx)
        if f is None:
            continue
        if f.id in seen:
            ctx.add(node, msg(N_("duplicate profile field '{field}'"), field=f.id))
            continue
        seen.add(f.id)
        fields.append(f)
    if "fields" in root and not nodes:
        ctx.add(root.get("fields"), N_("the profile has no fields"))
    if version and reviewed and title and res.doc_id:
        res.profile = ProfileSpec(
            res.doc_id, version, reviewed, title, tuple(fields), ctx.shown, res.parsed.sha256
        )


def _check_field(node: YNode, ctx: Ctx) -> ProfileField | None:
    m = ctx.mapping(node, msg(N_("a profile field")))
    if m is None:
        return None
    ctx.keys(m, _FIELD_KEYS, ("id", "type", "ask"), msg(N_("a profile field")))
    fid = ctx.string(m.get("id"), msg(N_("field id")), pattern=ID_RE) if "id" in m else None
    what = msg(N_("field '{field}'"), field=fid) if fid else msg(N_("a field"))
    ftype: FieldType | None = None
    if "type" in m:
        t = ctx.string(m.get("type"), at(what, "type"))
        if t is not None:
            try:
                ftype = FieldType(t)
            except ValueError:
                ctx.add(
                    m.get("type"),
                    msg(
                        N_("{what}: unknown type '{type}' (one of: {types})"),
                        what=what,
                        type=t,
                        types=names(x.value for x in FieldType),
                    ),
                )
    ask = ctx.text(m.get("ask"), at(what, "ask")) if "ask" in m else None
    help_ = ctx.text(m.get("help"), at(what, "help")) if "help" in m else None
    required = ctx.boolean(m.get("required"), at(what, "required")) if "required" in m else True
    lo = ctx.number(m.get("min"), at(what, "min")) if "min" in m else None
    hi = ctx.number(m.get("max"), at(what, "max")) if "max" in m else None
    choices: list[Choice] = []
    if ftype is FieldType.CHOICE:
        cnodes = ctx.sequence(m.get("choices"), at(what, "choices"))
        seen: set[str] = set()
        a_choice = msg(N_("{what}: a choice"), what=what)
        for cn in cnodes:
            cm = ctx.mapping(cn, a_choice)
            if cm is None:
                continue
            ctx.keys(cm, ("value", "label", "aliases"), ("value", "label"), a_choice)
            val = (
                ctx.string(
                    cm.get("value"), msg(N_("{what}: choice value"), what=what), pattern=VALUE_RE
                )
                if "value" in cm
                else None
            )
            label = (
                ctx.text(cm.get("label"), msg(N_("{what}: choice label"), what=what))
                if "label" in cm
                else None
            )
            aliases = _aliases(cm, ctx, msg(N_("{what}: choice '{value}'"), what=what, value=val))
            if val and val in seen:
                ctx.add(cn, msg(N_("{what}: duplicate choice '{value}'"), what=what, value=val))
            elif val and label:
                seen.add(val)
                choices.append(Choice(val, label, aliases))
        if not cnodes and "choices" in m:
            ctx.add(
                m.get("choices"),
                msg(N_("{what}: a choice field needs at least one choice"), what=what),
            )
        _check_names(choices, ctx, m, what)
    elif "choices" in m:
        ctx.add(m.get("choices"), msg(N_("{what}: only a 'choice' field has choices"), what=what))
    other = ctx.text(m.get("other"), at(what, "other")) if "other" in m else None
    if other is not None and ftype is FieldType.CHOICE and all(c.value != OTHER for c in choices):
        ctx.add(
            m.get("other"),
            msg(
                N_("{what}: 'other' needs a choice with the value '{value}'"),
                what=what,
                value=OTHER,
            ),
        )
    elif other is not None and ftype is not None and ftype is not FieldType.CHOICE:
        ctx.add(m.get("other"), msg(N_("{what}: only a 'choice' field has 'other'"), what=what))
    if fid is None or ftype is None or ask is None:
        return None
    return ProfileField(
        fid, ftype, ask, required, tuple(choices), help_, lo, hi, m.line, other=other
    )


def _aliases(cm: YMap, ctx: Ctx, what: str) -> tuple[str, ...]:
    """The other names of one choice: a list of non-empty strings."""
    if "aliases" not in cm:
        return ()
    out: list[str] = []
    for an in ctx.sequence(cm.get("aliases"), at(what, "aliases")):
        name = ctx.string(an, msg(N_("{what}: an alias"), what=what))
        if name is not None and fold_name(name):
            out.append(name)
        elif name is not None:
            ctx.add(an, msg(N_("{what}: an alias needs a letter or a digit"), what=what))
    return tuple(out)


def _check_names(choices: list[Choice], ctx: Ctx, m: YMap, what: str) -> None:
    """No name (value, label or alias) may mean two choices: a typed name has one meaning."""
    owner: dict[str, str] = {}
    for c in choices:
        for name in {fold_name(n) for n in c.names()}:
            if name and owner.setdefault(name, c.value) != c.value:
                ctx.add(
                    m.get("choices"),
                    msg(
                        N_("{what}: the name '{name}' means both '{first}' and '{second}'"),
                        what=what,
                        name=name,
                        first=owner[name],
                        second=c.value,
                    ),
                )
