"""What every command shares: the parser whose errors are one line, the call a command
receives, and the options several commands take (a day, an output format)."""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TextIO, TypeAlias

from childservices.errors import InvalidDateError
from childservices.model import as_day

if TYPE_CHECKING:
    from childservices.dataset import Dataset


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Exit with status 2 and a one-line usage error that points at ``--help``."""
        self.exit(2, f"{self.prog}: {message} (try '{self.prog} --help')\n")


if TYPE_CHECKING:
    Commands: TypeAlias = argparse._SubParsersAction[Parser]
    """The command line's sub-commands, to which each command group adds its own."""


class Call(NamedTuple):
    """One run of a command: its parsed arguments, where it writes, and how it loads the record.

    ``out`` and ``err`` are the safe streams (see :class:`~childservices.cli.output.SafeStream`);
    ``load`` is :func:`childservices.load` unless a test replaced ``childservices.cli.load``.
    (A named tuple rather than an attrs class: it is made at every start of the command
    line, and attrs compiles its methods, which ``benchmarks/cli.py`` would see.)
    """

    args: argparse.Namespace
    out: TextIO
    err: TextIO
    load: Callable[..., Dataset]

    def dataset(self) -> Dataset:
        """The bundled record with the user's ``--extra`` records merged in."""
        return self.load(extra=self.args.extra or None, follow_links=self.args.follow_links)


Handler = Callable[[Call], int]
"""What runs a command: given the call, it writes the answer and returns the exit status."""


def day(text: str) -> datetime.date:
    """A day argument (``YYYY-MM-DD``); a malformed one is a usage error saying why."""
    try:
        return as_day(text)
    except InvalidDateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_on(command: argparse.ArgumentParser) -> None:
    """The required ``--on DATE`` of the "on this day" tables."""
    command.add_argument("--on", required=True, type=day, metavar="DATE", help="YYYY-MM-DD")


def add_format(command: argparse.ArgumentParser) -> None:
    """The ``--format table|csv|json`` of the commands that print a table."""
    command.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output as an aligned table (default), CSV or JSON",
    )
