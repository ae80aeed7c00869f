"""The command line's parser, built from each command group's own sub-commands, and the
dispatch that runs a command and turns a user's mistake into one line and an exit status."""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO, cast

from childservices.cli.command import Call, Handler, Parser
from childservices.cli.output import SafeStream, reader_gone
from childservices.errors import ChildServicesError, CoverageWarning, DatasetError

if TYPE_CHECKING:
    from types import ModuleType

    from childservices.dataset import Dataset

GROUPS: dict[str, tuple[str, ...]] = {
    "show": ("summary", "show"),
    "on_a_day": ("ratings", "trusts", "interventions"),
    "delivery": ("delivery",),
    "measures": ("measures",),
    "time_to_good": ("time-to-good",),
    "export": ("export",),
    "validate": ("validate",),
    "update": ("update",),
    "read_report": ("read-report",),
}
"""The command groups (modules of :mod:`childservices.cli`) and the commands each adds, in the
order ``--help`` lists them. A run imports only the group of the command it runs (see
:func:`build_parser`)."""

_GLOBAL_VALUES = ("--extra",)
"""The global options that take a value (the next word, or after ``=``)."""


class _Version(argparse.Action):
    """``--version``: the installed package's version, read from its metadata only when asked
    (reading metadata costs more than the quick commands' whole answer)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from childservices._version import installed_version

        sys.stdout.write(f"{parser.prog} {installed_version()}\n")
        parser.exit()


def group(name: str) -> ModuleType:
    """The command group module ``name`` (a key of :data:`GROUPS`), imported on first use."""
    return importlib.import_module(f"childservices.cli.{name}")


def _summary(call: Call) -> int:
    """``childservices`` with no command: the summary (the ``show`` group's)."""
    return int(group("show").run_summary(call))


def command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, read past the global options; ``None`` when there is none
    or it is not plain (help asked for before it, an option not known): then every group's
    commands are built."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if any(word in commands for commands in GROUPS.values()) else None
        name = word.split("=", 1)[0]
        takes_value = [o for o in _GLOBAL_VALUES if len(name) > 2 and o.startswith(name)]
        if takes_value and "=" not in word:
            next(words, None)
        elif not takes_value and name not in ("--follow-links",):
            return None  # --help, --version or a mistake: the whole parser says what to do
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``childservices`` parser: the global options, then the groups' commands.

    Given the arguments of a run whose command is plain (:func:`command_word`), only that
    command's group is imported and built in full; the other commands are named, so that
    a misspelt one is still offered, but not built (their modules are not imported).
    """
    word = None if argv is None else command_word(argv)
    parser = Parser(
        prog="childservices",
        description="Answers from the childservices dataset of English children's services.",
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="show program's version number and exit"
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="PATH",
        help="your own records (a seeds-style folder or <table>.csv) merged into the bundled "
        "dataset for this command; may be repeated",
    )
    parser.add_argument(
        "--follow-links",
        action="store_true",
        help="follow links in your record folders that lead out of them (refused by default)",
    )
    # With no command, the command line describes the dataset.
    parser.set_defaults(handler=_summary)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, words in GROUPS.items():
        if word is None or word in words:
            group(name).add_commands(commands)
        else:
            for other in words:
                commands.add_parser(other)
    return parser


def run(argv: Sequence[str] | None, *, out: TextIO | None, load: Callable[..., Dataset]) -> int:
    """Parse ``argv`` and run its command, writing to ``out`` (standard output by default)."""
    stream = cast(TextIO, SafeStream(out or sys.stdout))
    err = cast(TextIO, SafeStream(sys.stderr, "standard error"))
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    with warnings.catch_warnings():
        # The commands say themselves when a day is after the record's newest report.
        warnings.simplefilter("ignore", CoverageWarning)
        return dispatch(args.handler, Call(args=args, out=stream, err=err, load=load))


def dispatch(handler: Handler, call: Call) -> int:
    """Run one command; a user's mistake is a line on standard error and exit status 1."""
    err = call.err
    try:
        return handler(call)
    except DatasetError as exc:
        count = len(exc.problems)
        err.write(f"childservices: {count} problem(s) in the records:\n")
        for problem in exc.problems:
            err.write(f"  {problem}\n")
        return 1
    except ChildServicesError as exc:
        err.write(f"childservices: {exc}\n")
        return 1
    except BrokenPipeError:
        # The reader went away (for example `| head`) after everything that could fail had
        # succeeded: stop quietly.
        reader_gone()
        return 0
    except OSError as exc:
        err.write(f"childservices: {exc.filename or ''}: {exc.strerror or exc}\n")
        return 1
