"""Shared pieces of the CLI: the app factory, the one error handler, common options, consoles."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import typer
from typer.core import TyperGroup

from pmi_ready.core import EXIT_USER, N_, Msg, PmiReadyError, Problem, ProblemsError, localize

if TYPE_CHECKING:
    from rich.console import Console

    from pmi_ready.core import Catalog

EXIT_INTERNAL = 3


def new_app(**kwargs: Any) -> typer.Typer:
    return typer.Typer(
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        **kwargs,
    )


def _debug(ctx: Any) -> bool:
    obj = getattr(ctx, "obj", None)
    return bool(os.environ.get("PMI_READY_DEBUG")) or bool(
        isinstance(obj, dict) and obj.get("debug")
    )


class RootGroup(TyperGroup):
    """The root command: builds a subcommand only when it is used (see `lazy_commands`), and turns
    every error into one message on stderr and a documented exit code."""

    lazy_commands: ClassVar[dict[str, tuple[str, str, str]]] = {}
    _built: ClassVar[dict[tuple[str, str], Any]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return [
            *self.lazy_commands,
            *(n for n in super().list_commands(ctx) if n not in self.lazy_commands),
        ]

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **kw: Any,
    ) -> Any:
        """Chooses the language of the run first (`cli.lang`), then runs as Click does, with its
        usage errors translated."""
        from typer import Abort
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        from pmi_ready.cli import lang
        from pmi_ready.cli.completion import prepare_if_asked

        prepare_if_asked(prog_name)
        argv = list(sys.argv[1:] if args is None else args)
        standalone = standalone_mode
        _missing_streams()
        with lang.run_language(argv):
            lang.translate_command(self, lang.ui_translator())
            try:
                rv = super().main(argv, prog_name, complete_var, False, windows_expand_args, **kw)
                sys.stdout.flush()  # here, where a closed pipe is caught, not at the exit
            except BrokenPipeError:
                if not standalone:
                    raise
                _reader_gone()
                sys.exit(0)
            except SystemExit:
                # Click's own answer to a closed pipe while it prints (--help, usage) is exit 1
                # with stdout wrapped in its PacifyFlushWrapper: here that is the reader's choice
                from typer._click.utils import PacifyFlushWrapper

                if not standalone or not isinstance(sys.stdout, PacifyFlushWrapper):
                    raise
                _reader_gone()
                sys.exit(0)
            except NoArgsIsHelpError as e:
                if not standalone:
                    raise
                e.show()
                sys.exit(e.exit_code)
            except ClickException as e:
                if not standalone:
                    raise
                lang.show_click_error(e)
                sys.exit(e.exit_code)
            except PmiReadyError as e:  # the root's own options (an unknown --lang)
                if not standalone:
                    raise
                report_error(e)
                sys.exit(e.exit_code)
            except Abort:
                if not standalone:
                    raise
                sys.stderr.write(lang.ui_gettext()("Aborted!") + "\n")
                sys.exit(1)
        if not standalone:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        from pmi_ready.cli import lang

        key = (lang.ui_lang(), cmd_name)
        if key not in self._built:
            import importlib

            import typer.main

            module, attr, _ = self.lazy_commands[cmd_name]
            target = getattr(importlib.import_module(module), attr)
            if not isinstance(target, typer.Typer):
                single = typer.Typer(
                    rich_markup_mode=None,
                    pretty_exceptions_enable=False,
                    add_completion=False,
                    context_settings={"help_option_names": ["-h", "--help"]},
                )
                single.command(name=cmd_name)(target)
                target = single
            command = typer.main.get_command(target)
            command.name = cmd_name
            self._built[key] = lang.translate_command(command, lang.ui_translator())
        return self._built[key]

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list from the table, without importing every command."""
        from pmi_ready.cli.lang import ui_gettext

        _ = ui_gettext()
        rows = [(name, _(short)) for name, (_m, _a, short) in self.lazy_commands.items()]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        _tolerant_stdin()
        _utf8_output()
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()
            return result
        except BrokenPipeError:
            # `pmi-ready checklists show ID | head -1`: the reader has what it wanted
            _reader_gone()
            raise typer.Exit(0) from None
        except PmiReadyError as e:
            if _debug(ctx):
                raise
            report_error(e)
            raise typer.Exit(e.exit_code) from None
        except OSError as e:
            if _debug(ctx):
                raise
            error_line(os_error_message(e))
            raise typer.Exit(EXIT_USER) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception as e:  # the last resort: never a traceback unless asked for
            if _debug(ctx) or type(e).__module__.startswith(("click", "typer._click")):
                raise
            error_line(
                Msg(
                    N_(
                        "unexpected error ({error}). This is a bug in pmi-ready; run the same "
                        "command again with --debug after 'pmi-ready' and report what it prints."
                    ),
                    error=f"{type(e).__name__}: {e}",
                )
            )
            raise typer.Exit(EXIT_INTERNAL) from None


def _reader_gone() -> None:
    """Standard output is a pipe whose reader stopped reading (``| head``): like `records list`,
    end with exit code 0 and no message. What is still buffered goes nowhere, so Python's own
    flush at exit does not fail again."""
    import contextlib

    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class ClosedOutput(io.TextIOBase):
    """Standard output when the program was started with it closed (``>&-``): a command that
    prints stops with one clear message (exit 1) instead of a traceback; one that writes only a
    file (``-o FILE``) still works."""

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise PmiReadyError(
            N_("standard output is closed: nothing can be shown"),
            hint=N_("Run the command with its output open, or write to a file with -o FILE."),
        )


def _missing_streams() -> None:
    """A standard stream closed when the program started is ``None`` in Python: reading a closed
    standard input reads nothing (end of input: every prompt and ``--answers -`` then say so),
    output to a closed standard output is `ClosedOutput`, and to a closed standard error is
    dropped."""
    if sys.stdin is None:
        sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 (for the whole run)
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (the whole run)


def _tolerant_stdin() -> None:
    """Typed bytes that are not UTF-8 become U+FFFD (and the question is asked again) instead of
    ending the program with a decoding error."""
    import contextlib
    import io

    if isinstance(sys.stdin, io.TextIOWrapper):
        with contextlib.suppress(Exception):
            sys.stdin.reconfigure(errors="replace")


def _utf8_output() -> None:
    """Output redirected to a file or a pipe is UTF-8 whatever the system's code page (Windows
    uses cp1252 and the like for redirected output), so `checklists template > a.yaml` gives a
    file `assess --answers` reads, and a report with ✓ or 王 does not fail half-way. A terminal
    keeps its own encoding; a character it cannot show is replaced instead of ending the program."""
    import contextlib
    import io

    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue
        with contextlib.suppress(Exception):
            if stream.isatty():
                stream.reconfigure(errors="replace")
            elif (stream.encoding or "").lower().replace("-", "").replace("_", "") != "utf8":
                stream.reconfigure(encoding="utf-8")


def os_error_message(e: OSError) -> str:
    import errno

    where = f" ({e.filename})" if getattr(e, "filename", None) else ""
    if e.errno == errno.ENOSPC:
        return Msg(N_("the disk is full{where}; free some space and try again"), where=where)
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Msg(N_("permission denied{where}: choose a folder you can write to"), where=where)
    from pmi_ready.core import os_reason

    return Msg("{reason}{where}", reason=os_reason(e), where=where)


def error_line(message: str) -> None:
    """``Error: message`` in red on stderr, in the language of the run."""
    from pmi_ready.cli.lang import ui_gettext, ui_lang

    _ = ui_gettext()
    err_console().print(
        f"[bold red]{escape(_('Error:'))}[/] {escape(localize(message, _, ui_lang()))}",
        highlight=False,
    )


def report_error(e: PmiReadyError) -> None:
    from pmi_ready.cli.lang import ui_gettext, ui_lang

    _ = ui_gettext()
    console = err_console()
    if isinstance(e, ProblemsError):
        for p in e.problems:
            console.print(escape(problem_line(p, _)), highlight=False, soft_wrap=True)
    error_line(e.message)
    if e.hint:
        console.print(escape(localize(e.hint, _, ui_lang())), highlight=False, soft_wrap=True)


def problem_line(p: Problem, _: Callable[[str], str]) -> str:
    """``FILE:LINE: message`` in the language of ``_``."""
    from pmi_ready.cli.lang import ui_lang

    return f"{p.path}:{p.line}: {localize(p.message, _, ui_lang())}"


def plain_note(message: str) -> None:
    """A one-line notice on stderr without loading rich (for commands that draw nothing)."""
    from pmi_ready.core import for_terminal

    sys.stderr.write(for_terminal(message) + "\n")
    sys.stderr.flush()


def die(message: str, code: int = EXIT_USER) -> NoReturn:
    error_line(message)
    raise typer.Exit(code)


def escape(text: str) -> str:
    from rich.markup import escape as _escape

    return _escape(text)


def console(*, stderr: bool = False) -> Console:
    """A console made when needed, so NO_COLOR, the width and TTY detection are read each time.

    Everything it prints passes through `pmi_ready.core.for_terminal` (`SafeText`): a name, a
    note, a checklist's text or an imported value can never send an escape sequence, an OSC 8
    link, a C1 control or a bidi override to the terminal, whatever command prints it."""
    from rich.console import Console

    width = None  # a terminal: its width; rich reads COLUMNS when it is set
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        width = 80  # piped or redirected, without COLUMNS
    made = Console(stderr=stderr, highlight=False, width=width)
    from pmi_ready.cli.safe_console import SafeText

    made.push_render_hook(SafeText())
    made.on_broken_pipe = _pipe_closed  # type: ignore[method-assign]
    return made


def _pipe_closed() -> None:
    """rich's own answer to a closed pipe is exit code 1; `RootGroup` makes it 0 and quiet."""
    raise BrokenPipeError


def err_console() -> Console:
    return console(stderr=True)


def load(dirs: list[Path] | None, contacts: Path | None = None) -> Catalog:
    """The catalog of ``--checklists`` (built-in by default), with the ``--contacts`` file."""
    from pmi_ready.checklists import load_catalog

    return load_catalog(dirs or (), contacts=contacts)


def print_json(data: object) -> None:
    """``data`` as JSON on stdout. The characters a terminal could act on that JSON leaves as
    they are (C1 controls, bidi overrides, line separators) become JSON escapes (U+0085 is
    written ``\\u0085``), so the data is the same and the screen safe."""
    import json

    from pmi_ready.core import json_safe

    text = json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write(text + "\n")
