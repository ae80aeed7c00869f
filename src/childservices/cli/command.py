"""What every command shares: the parser whose errors are one line, the call a command
receives, and the options several commands take (a day, an output format)."""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO, TypeAlias

from childservices.errors import InvalidDateError
from childservices.model import PartialDate, Precision

if TYPE_CHECKING:
    from childservices.dataset import Dataset


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it (``COLUMNS``, else the
    terminal of standard output, else 80), without importing :mod:`shutil`, which brings
    bz2 and lzma and costs more than a quick command's parsing."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    stream = sys.__stdout__
    try:
        return (stream and os.get_terminal_size(stream.fileno()).columns) or 80
    except (AttributeError, ValueError, OSError):
        return 80


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, of the width argparse gives it, made without :mod:`shutil`
    (argparse makes one for every option it adds, to check its metavar)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit status 2 (and whose help
    is formatted by :class:`Formatter`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

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


DAY_FORMS = (
    "YYYY-MM-DD (2024-03-31; also 2024-3-31 or 20240331), DD/MM/YYYY (31/03/2024) or 'today'"
)
"""The days a command takes, as its messages say."""

_NUMERIC_DAY = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"|(?P<cyear>\d{4})(?P<cmonth>\d{2})(?P<cday>\d{2})"
    r"|(?P<uday>\d{1,2})/(?P<umonth>\d{1,2})/(?P<uyear>\d{4})"
)


def day(text: str) -> datetime.date:
    """A day argument: ``today``, ``YYYY-MM-DD`` (also unpadded, or ``YYYYMMDD``) or
    ``DD/MM/YYYY``; anything else is a usage error saying what is accepted."""
    word = text.strip()
    if word.lower() == "today":
        return datetime.date.today()
    found = _NUMERIC_DAY.fullmatch(word) if len(word) <= 10 else None
    if found is not None:
        parts = [int(p) for p in found.groups() if p is not None]
        year, month, number = parts if found["uday"] is None else parts[::-1]
        try:
            return PartialDate(year, month, number).first_day()
        except InvalidDateError as exc:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a day ({exc}): give {DAY_FORMS}"
            ) from None
    raise argparse.ArgumentTypeError(_not_a_day(text, word))


def _not_a_day(text: str, word: str) -> str:
    """Why ``text`` is not a day: a year or a month (with its last day as an example), or not a date."""
    try:
        partial = PartialDate.parse(word)
    except InvalidDateError:
        return f"{text!r} is not a date: give {DAY_FORMS}"
    what = "a year" if partial.precision is Precision.YEAR else "a month"
    last = partial.last_day()
    return (
        f"{text!r} is {what}, not a single day: give {DAY_FORMS}, for example "
        f"{last.isoformat()} for its last day"
    )


def add_on(command: argparse.ArgumentParser) -> None:
    """The required ``--on DATE`` of the "on this day" tables."""
    command.add_argument(
        "--on",
        required=True,
        type=day,
        metavar="DATE",
        help="the day: YYYY-MM-DD, DD/MM/YYYY or today",
    )


def add_format(command: argparse.ArgumentParser) -> None:
    """The ``--format table|csv|json`` of the commands that print a table."""
    command.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="output as an aligned table (default), CSV or JSON",
    )
