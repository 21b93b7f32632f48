"""The language of the interface for one run of `pmi-ready`: every message, prompt, `--help` text
and usage error in it.

`--lang` may stand at the root (``pmi-ready --lang en records list``) or on any command; the
entry point reads it from the command line before the commands are built (`scan`), so that their
help texts, written in English in the code, are translated when the command is built
(`translate_command`) and the words Typer and Click add (``Usage:``, ``Options``, ``[default:
…]``, usage errors) are translated as they are printed (`Formatter`, `click_message`). Without
``--lang``: ``PMI_READY_LANG``, then ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
(`pmi_ready.i18n.system_lang`); else Bahasa Indonesia.

The choice lives in a context variable for the length of one run (`RootGroup.main` sets and
resets it); the commands still make a `Translator` from it and pass it on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from typer._click.core import Context
from typer._click.formatting import HelpFormatter

if TYPE_CHECKING:
    from pmi_ready.i18n import Translator

_ARG: ContextVar[str | None] = ContextVar("pmi_ready_lang_arg", default=None)


def N_(message: str) -> str:
    """Marks a message for the catalogs (it is translated where it is printed)."""
    return message


def scan(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang X`` / ``--lang=X`` before ``--``, wherever it stands."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


@contextmanager
def run_language(args: Sequence[str]) -> Iterator[None]:
    """The ``--lang`` of the command line, for the length of one run."""
    token = _ARG.set(scan(args))
    try:
        yield
    finally:
        _ARG.reset(token)


def ui_lang() -> str:
    """``id`` or ``en``: the run's ``--lang`` when it names one, else the environment, else id."""
    from pmi_ready.i18n import DEFAULT_LANG, lang_code, system_lang

    arg = _ARG.get()
    return (lang_code(arg) if arg else None) or system_lang() or DEFAULT_LANG


def given_lang() -> str | None:
    """The ``--lang`` of the command line (root or command), when it names a language."""
    from pmi_ready.i18n import lang_code

    arg = _ARG.get()
    return lang_code(arg) if arg else None


def ui_translator(option: str | None = None) -> Translator:
    """The translator of this run; ``option`` (a command's own ``--lang``) is checked strictly."""
    from pmi_ready.i18n import choose_lang, translator

    return translator(choose_lang(option) if option else ui_lang())


def ui_gettext() -> Callable[[str], str]:
    return ui_translator()._


def check_lang(value: str | None) -> str | None:
    """The ``--lang`` option's callback: an unknown language is a usage error (exit 2)."""
    if value:
        from pmi_ready.core import UsageError
        from pmi_ready.i18n import lang_code

        if lang_code(value) is None:
            raise UsageError(
                N_("unknown language '{value}'; use 'id' or 'en'"),
                hint=N_("For a report in both languages: --report-lang both.")
                if value.strip().lower() == "both"
                else None,
                value=value,
            )
    return value


# --------------------------------------------------------------------------- help texts
LANG_HELP = N_("Language: id (Bahasa Indonesia, the default) or en. Also PMI_READY_LANG.")

# Words Typer and Click print around the help texts, marked for the catalogs.
CHROME = (
    N_("Usage: "),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("required"),
    N_("Aborted!"),
    N_("default: {default}"),
)
_METAVARS = {
    "str": N_("text"),
    "text": N_("text"),
    "int": N_("number"),
    "int range": N_("number"),
    "float": N_("number"),
    "float range": N_("number"),
    "file": N_("file"),
    "path": N_("path"),
    "directory": N_("folder"),
}
_USAGE_WORDS = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND": N_("COMMAND"),
    "[ARGS]...": N_("[ARGS]..."),
}


_TYPE_METAVARS = {
    "str": "TEXT",
    "text": "TEXT",
    "file": "FILE",
    "directory": "FOLDER",
    "path": "PATH",
}


def one_metavar_style(param: Any) -> None:
    """One style of metavar for every command (#19 item 6): a value to type in capitals, in the
    run's language (``FILE``, ``DATE``, ``N``), and a choice of words as the words themselves
    (``csv|xlsx|jsonl``), never Typer's ``<text>`` or ``<csv|xlsx|jsonl>``. A parameter that
    names its own metavar keeps it; an argument's is its name in capitals (``[PATH...]``)."""
    if param.metavar is not None or getattr(param, "is_flag", False):
        return
    kind = getattr(param.type, "name", "")
    if kind == "choice":
        choices = [getattr(c, "value", c) for c in param.type.choices]
        metavar = "|".join(str(c) for c in choices)
    elif getattr(param, "param_type_name", "") == "argument":
        metavar = (param.name or "").upper()
    elif kind.startswith(("int", "float")):  # "integer", "int range", "float"
        metavar = "N"
    else:
        metavar = _TYPE_METAVARS.get(kind, "TEXT")
    if getattr(param, "nargs", 1) != 1:
        metavar += "..."
    param.metavar = metavar


def command_texts(command: Any) -> Iterator[tuple[str, Any]]:
    """Every text of a built command and its subcommands that `translate_command` translates,
    with the function it belongs to (for the catalogs: `tools/catalogs.py`)."""
    for text in (command.help, command.short_help):
        if text:
            yield text, command.callback
    for param in command.params:
        one_metavar_style(param)
        if getattr(param, "help", None):
            yield param.help, command.callback
        if param.metavar and param.metavar.isupper():
            yield param.metavar, command.callback
    for sub in getattr(command, "commands", {}).values():
        yield from command_texts(sub)


def translate_command(command: Any, tr: Translator) -> Any:
    """Translate a built command (and its subcommands) in place, give it `--lang` when it has
    none, and have it print its help with the `Formatter`. Returns the command."""
    from typer.core import TyperOption

    _ = tr._
    if command.help:
        command.help = _(command.help)
    if command.short_help:
        command.short_help = _(command.short_help)
    for param in command.params:
        one_metavar_style(param)
        if getattr(param, "help", None):
            param.help = _(param.help)
        if param.metavar and param.metavar.isupper():
            param.metavar = _(param.metavar)
    if not any("--lang" in getattr(p, "opts", ()) for p in command.params):
        command.params.append(
            TyperOption(
                param_decls=["--lang"],
                metavar="id|en",
                help=_(LANG_HELP),
                expose_value=False,
                callback=lambda ctx, param, value: check_lang(value),
                show_default=False,
            )
        )
    command.context_class = PmiContext
    for sub in getattr(command, "commands", {}).values():
        translate_command(sub, tr)
    return command


class Formatter(HelpFormatter):
    """Click's help formatter, with its own words (and Typer's) in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        _ = ui_gettext()
        words = " ".join(_(_USAGE_WORDS[w]) if w in _USAGE_WORDS else w for w in args.split(" "))
        super().write_usage(prog, words, _("Usage: ") if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(ui_gettext()(name)):
            yield

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        _ = ui_gettext()
        super().write_dl(
            [(_metavars(term, _), _described(text, _)) for term, text in rows], col_max, col_spacing
        )


def _metavars(term: str, _: Callable[[str], str]) -> str:
    return re.sub(
        r"<([a-z ]+)>",
        lambda m: f"<{_(_METAVARS[m[1]])}>" if m[1] in _METAVARS else m[0],
        term,
    )


_EXTRA = re.compile(r"^(?P<text>.*?)(?:\s*\[(?P<extra>[^\[\]]*)\])?$", re.DOTALL)


def _described(text: str, _: Callable[[str], str]) -> str:
    """A help text and its ``[default: …; required]``, translated."""
    m = _EXTRA.match(text)
    if m is None or not m["extra"]:
        return _(text)
    parts = []
    for part in m["extra"].split("; "):
        if part.startswith("default: "):
            parts.append(_("default: {default}").format(default=part[len("default: ") :]))
        else:
            parts.append(_(part))
    main = _(m["text"])
    return f"{main}  [{'; '.join(parts)}]" if main else f"[{'; '.join(parts)}]"


class PmiContext(Context):
    formatter_class = Formatter


# --------------------------------------------------------------------------- usage errors
_CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)",
        N_("No such option: {name} (did you mean one of {options}?)"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (
        r"No such command (?P<name>'.*')\. Did you mean (?P<matches>.+)\?",
        N_("No such command {name}. Did you mean {matches}?"),
    ),
    (r"No such command (?P<name>'.*')\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Missing argument (?P<name>'.*')\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>'.*')\.", N_("Missing option {name}.")),
    (r"Option (?P<name>'.*') requires an argument\.", N_("Option {name} needs a value.")),
    (
        r"Option (?P<name>'.*') requires (?P<n>\d+) arguments\.",
        N_("Option {name} needs {n} values."),
    ),
    (r"Option (?P<name>'.*') does not take a value\.", N_("Option {name} takes no value.")),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)",
        N_("Too many arguments: {args}"),
    ),
    (
        r"Invalid value for (?P<name>.+?): (?P<problem>.+)",
        N_("Invalid value for {name}: {problem}"),
    ),
    (r"Invalid value: (?P<problem>.+)", N_("Invalid value: {problem}")),
    (r"(?P<value>'.*') is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (
        r"(?P<value>'.*') is not a valid (?:integer|int range|int)\.",
        N_("{value} is not a whole number."),
    ),
    (r"(?P<value>'.*') is not a valid (?:float|float range)\.", N_("{value} is not a number.")),
    (
        r"(?P<value>\S+) is not in the range (?P<range>.+)\.",
        N_("{value} is not in the range {range}."),
    ),
    (r"(?:File|Path|Directory) (?P<path>'.*') does not exist\.", N_("{path} does not exist.")),
    (r"(?:File|Path) (?P<path>'.*') is a directory\.", N_("{path} is a folder.")),
    (r"(?:Directory|Path) (?P<path>'.*') is a file\.", N_("{path} is a file.")),
)


def click_message(text: str, _: Callable[[str], str]) -> str:
    """A message of Click's (or Typer's) in the run's language, when it is one we know."""
    for pattern, msgid in _CLICK_MESSAGES:
        m = re.fullmatch(pattern, text, re.DOTALL)
        if m:
            values = {k: v for k, v in m.groupdict().items()}
            if "problem" in values:
                values["problem"] = click_message(values["problem"], _)
            return _(msgid).format(**values)
    return text


def show_click_error(error: Any) -> None:
    """A usage error as Click shows it (the usage line, where to get help, the error), in the
    language of the run."""
    import sys

    from typer._click.exceptions import UsageError

    _ = ui_gettext()
    ctx = getattr(error, "ctx", None) if isinstance(error, UsageError) else None
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            hint += "\n"
        sys.stderr.write(f"{ctx.get_usage()}\n{hint}\n")
    from pmi_ready.cli.app import error_line

    error_line(click_message(error.format_message(), _))
