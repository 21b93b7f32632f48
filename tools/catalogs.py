"""Keep the gettext catalogs in step with the code.

    python tools/catalogs.py update   # extract the .pot, update the id and en .po files
    python tools/catalogs.py check    # exit 1: stale template or untranslated message

English is the source language: the en catalog's translations are filled with the msgid itself.
Indonesian translations are written by hand in locales/id/LC_MESSAGES/pmi_ready.po.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "pmi_ready.pot"
LANGS = ("id", "en")
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]")


def po_path(lang: str) -> Path:
    return ROOT / "locales" / lang / "LC_MESSAGES" / "pmi_ready.po"


def extract() -> Catalog:
    cat = Catalog(project="pmi-ready", version="", msgid_bugs_address="", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "pmi_ready",
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        cat.add(
            message,
            None,
            [(f"pmi_ready/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    for message, where in help_texts():
        cat.add(message, None, [where])
    return cat


def help_texts() -> list[tuple[str, tuple[str, int]]]:
    """Every help text of the CLI (Typer's help= and docstrings), as `cli.lang` translates them
    when a command is built: build every command and read them."""
    import importlib
    import inspect

    import typer.main

    sys.path.insert(0, str(ROOT))
    from pmi_ready.cli import app
    from pmi_ready.cli.app import RootGroup
    from pmi_ready.cli.lang import command_texts

    out: list[tuple[str, tuple[str, int]]] = []

    def where(callback: object) -> tuple[str, int]:
        target = inspect.unwrap(callback) if callable(callback) else None
        try:
            file = Path(inspect.getsourcefile(target) or "")  # type: ignore[arg-type]
            line = inspect.getsourcelines(target)[1]  # type: ignore[arg-type]
            return file.resolve().relative_to(ROOT).as_posix(), line
        except (TypeError, OSError, ValueError):
            return "pmi_ready/cli/__init__.py", 1

    commands = [typer.main.get_command(app)]
    for module, attr, short in RootGroup.lazy_commands.values():
        target = getattr(importlib.import_module(module), attr)
        if not isinstance(target, typer.Typer):
            single = typer.Typer(add_completion=False)
            single.command()(target)
            target = single
        commands.append(typer.main.get_command(target))
        out.append((short, ("pmi_ready/cli/__init__.py", 1)))
    for command in commands:
        for text, callback in command_texts(command):
            out.append((text, where(callback)))
    return out


def dump(cat: Catalog, **kw: object) -> bytes:
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=True, **kw)  # type: ignore[arg-type]
    # drop the creation date so that an unchanged template is byte-for-byte the same
    return re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", buf.getvalue())


def load(path: Path, locale: str | None = None) -> Catalog:
    if not path.exists():
        return Catalog(locale=locale, project="pmi-ready")
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def update() -> None:
    template = extract()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(dump(template))
    for lang in LANGS:
        path = po_path(lang)
        old = load(path, lang)
        new = Catalog(locale=lang, project="pmi-ready", fuzzy=False)
        for msg in template:
            if not msg.id:
                continue
            prev = old.get(msg.id)
            string = msg.id if lang == "en" else (prev.string if prev and not prev.fuzzy else "")
            new.add(msg.id, string, msg.locations, auto_comments=msg.auto_comments)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(dump(new, ignore_obsolete=True))
        empty = [m.id for m in new if m.id and not m.string]
        if empty:
            print(f"{path.relative_to(ROOT)}: {len(empty)} messages still need a translation")


def problems() -> list[str]:
    out: list[str] = []
    template = extract()
    if (
        not POT.exists()
        or load(POT).__len__() != len(template)
        or {m.id for m in load(POT)} != {m.id for m in template}
    ):
        out.append("locales/pmi_ready.pot is stale: run 'python tools/catalogs.py update'")
    ids = {m.id for m in template if m.id}
    for lang in LANGS:
        cat = load(po_path(lang), lang)
        have = {m.id for m in cat if m.id}
        for missing in sorted(ids - have, key=str):
            out.append(f"{lang}: message not in the catalog: {missing!r}")
        for m in cat:
            if not m.id:
                continue
            if m.fuzzy:
                out.append(f"{lang}: fuzzy translation of {m.id!r}")
            if not m.string:
                out.append(f"{lang}: empty translation of {m.id!r}")
                continue
            pairs = (
                zip(m.id, m.string, strict=False) if isinstance(m.id, tuple) else [(m.id, m.string)]
            )
            for src, dst in pairs:
                if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(str(dst))):
                    out.append(f"{lang}: placeholders differ in {m.id!r}")
    return out


def main() -> int:
    cmd = sys.argv[1] if len(sys.argv) > 1 else "check"
    if cmd == "update":
        update()
        return 0
    found = problems()
    for p in found:
        print(p)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
