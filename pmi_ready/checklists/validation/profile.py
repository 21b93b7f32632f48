"""The profile file (``kind: profile``): the fields asked first, which conditions refer to."""

from __future__ import annotations

from pmi_ready.checklists.validation.base import COMMON_KEYS, ID_RE, VALUE_RE, Ctx, FileResult
from pmi_ready.checklists.yamlnodes import YMap, YNode
from pmi_ready.core import OTHER, Choice, FieldType, ProfileField, ProfileSpec, Text, fold_name

_PROFILE_KEYS = (*COMMON_KEYS, "title", "fields")
_FIELD_KEYS = ("id", "type", "ask", "help", "required", "choices", "min", "max", "other")


def check_profile(root: YMap, ctx: Ctx, res: FileResult) -> None:
    ctx.keys(root, _PROFILE_KEYS, ("id", "version", "reviewed", "fields"), "the profile")
    version = ctx.string(root.get("version"), "version") if "version" in root else None
    reviewed = ctx.date(root.get("reviewed"), "reviewed") if "reviewed" in root else None
    title = (
        ctx.text(root.get("title"), "title") if "title" in root else Text("Data diri", "About you")
    )
    fields: list[ProfileField] = []
    seen: set[str] = set()
    nodes = ctx.sequence(root.get("fields"), "fields") if "fields" in root else []
    for node in nodes:
        f = _check_field(node, ctx)
        if f is None:
            continue
        if f.id in seen:
            ctx.add(node, f"duplicate profile field '{f.id}'")
            continue
        seen.add(f.id)
        fields.append(f)
    if "fields" in root and not nodes:
        ctx.add(root.get("fields"), "the profile has no fields")
    if version and reviewed and title and res.doc_id:
        res.profile = ProfileSpec(
            res.doc_id, version, reviewed, title, tuple(fields), ctx.shown, res.parsed.sha256
        )


def _check_field(node: YNode, ctx: Ctx) -> ProfileField | None:
    m = ctx.mapping(node, "a profile field")
    if m is None:
        return None
    ctx.keys(m, _FIELD_KEYS, ("id", "type", "ask"), "a profile field")
    fid = ctx.string(m.get("id"), "field id", pattern=ID_RE) if "id" in m else None
    what = f"field '{fid}'" if fid else "a field"
    ftype: FieldType | None = None
    if "type" in m:
        t = ctx.string(m.get("type"), f"{what}: type")
        if t is not None:
            try:
                ftype = FieldType(t)
            except ValueError:
                ctx.add(
                    m.get("type"),
                    f"{what}: unknown type '{t}' (one of: {', '.join(x.value for x in FieldType)})",
                )
    ask = ctx.text(m.get("ask"), f"{what}: ask") if "ask" in m else None
    help_ = ctx.text(m.get("help"), f"{what}: help") if "help" in m else None
    required = ctx.boolean(m.get("required"), f"{what}: required") if "required" in m else True
    lo = ctx.number(m.get("min"), f"{what}: min") if "min" in m else None
    hi = ctx.number(m.get("max"), f"{what}: max") if "max" in m else None
    choices: list[Choice] = []
    if ftype is FieldType.CHOICE:
        cnodes = ctx.sequence(m.get("choices"), f"{what}: choices")
        seen: set[str] = set()
        for cn in cnodes:
            cm = ctx.mapping(cn, f"{what}: a choice")
            if cm is None:
                continue
            ctx.keys(cm, ("value", "label", "aliases"), ("value", "label"), f"{what}: a choice")
            val = (
                ctx.string(cm.get("value"), f"{what}: choice value", pattern=VALUE_RE)
                if "value" in cm
                else None
            )
            label = ctx.text(cm.get("label"), f"{what}: choice label") if "label" in cm else None
            aliases = _aliases(cm, ctx, f"{what}: choice '{val}'")
            if val and val in seen:
                ctx.add(cn, f"{what}: duplicate choice '{val}'")
            elif val and label:
                seen.add(val)
                choices.append(Choice(val, label, aliases))
        if not cnodes and "choices" in m:
            ctx.add(m.get("choices"), f"{what}: a choice field needs at least one choice")
        _check_names(choices, ctx, m, what)
    elif "choices" in m:
        ctx.add(m.get("choices"), f"{what}: only a 'choice' field has choices")
    other = ctx.text(m.get("other"), f"{what}: other") if "other" in m else None
    if other is not None and ftype is FieldType.CHOICE and all(c.value != OTHER for c in choices):
        ctx.add(m.get("other"), f"{what}: 'other' needs a choice with the value '{OTHER}'")
    elif other is not None and ftype is not None and ftype is not FieldType.CHOICE:
        ctx.add(m.get("other"), f"{what}: only a 'choice' field has 'other'")
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
    for an in ctx.sequence(cm.get("aliases"), f"{what}: aliases"):
        name = ctx.string(an, f"{what}: an alias")
        if name is not None and fold_name(name):
            out.append(name)
        elif name is not None:
            ctx.add(an, f"{what}: an alias needs a letter or a digit")
    return tuple(out)


def _check_names(choices: list[Choice], ctx: Ctx, m: YMap, what: str) -> None:
    """No name (value, label or alias) may mean two choices: a typed name has one meaning."""
    owner: dict[str, str] = {}
    for c in choices:
        for name in {fold_name(n) for n in c.names()}:
            if name and owner.setdefault(name, c.value) != c.value:
                ctx.add(
                    m.get("choices"),
                    f"{what}: the name '{name}' means both '{owner[name]}' and '{c.value}'",
                )
