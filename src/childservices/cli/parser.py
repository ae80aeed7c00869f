"""The command line's parser, built from each command group's own sub-commands, and the
dispatch that runs a command and turns a user's mistake into one line and an exit status."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO, cast

from childservices.cli import (
    delivery,
    export,
    on_a_day,
    read_report,
    show,
    time_to_good,
    update,
    validate,
)
from childservices.cli.command import Call, Handler, Parser
from childservices.cli.output import SafeStream, reader_gone
from childservices.errors import ChildServicesError, CoverageWarning, DatasetError

if TYPE_CHECKING:
    from childservices.dataset import Dataset

GROUPS = (show, on_a_day, delivery, time_to_good, export, validate, update, read_report)
"""The command groups, in the order ``--help`` lists their commands."""


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


def build_parser() -> argparse.ArgumentParser:
    """The ``childservices`` parser: the global options, then every group's commands."""
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
    parser.set_defaults(handler=show.run_summary)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in GROUPS:
        group.add_commands(commands)
    return parser


def run(argv: Sequence[str] | None, *, out: TextIO | None, load: Callable[..., Dataset]) -> int:
    """Parse ``argv`` and run its command, writing to ``out`` (standard output by default)."""
    stream = cast(TextIO, SafeStream(out or sys.stdout))
    err = cast(TextIO, SafeStream(sys.stderr, "standard error"))
    args = build_parser().parse_args(argv)
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
