"""``validate``: check a user's own record files (seed format) and list every problem, with
its file, line or record, and field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from childservices.cli.command import Call
from childservices.cli.output import reader_gone
from childservices.errors import DatasetError

if TYPE_CHECKING:
    from childservices.cli.command import Commands
    from childservices.dataset import Dataset


def add_commands(commands: Commands) -> None:
    """Add ``validate`` to the command line."""
    validate = commands.add_parser(
        "validate",
        help="check your own records files (seed format); list every problem",
        description="Read your record files (a seeds-style folder, or CSV files named "
        "<table>.csv or kept in a folder named after their table, or the library's own JSON "
        "export) together with the bundled dataset, run every check, and list each problem with "
        "file, line or record, and field. Where an authority's id goes, its exact name or alias "
        "is read as its id, with a note (a name of two authorities is a problem).",
    )
    validate.add_argument(
        "paths", nargs="+", metavar="FILE", help="a CSV file, a folder, or a JSON export"
    )
    validate.add_argument(
        "--alone",
        action="store_true",
        help="check the files on their own, without the bundled dataset",
    )
    validate.set_defaults(handler=run_validate)


def run_validate(call: Call) -> int:
    """Check the files named (``validate``); exit status 1 if any has a problem."""
    args = call.args
    return validate(args.paths, args.alone, args.follow_links, call.load, call.out, call.err)


def validate(
    paths: Sequence[str],
    alone: bool,
    follow_links: bool,
    load: Callable[[], Dataset],
    out: TextIO,
    err: TextIO,
) -> int:
    """Read ``paths`` with the bundled record (``load()``) or ``alone``; print ok or each problem."""
    notes: list[str] = []
    try:
        from childservices.records.files import record_files
        from childservices.records.read import check_files

        files = record_files(paths, follow_links=follow_links)
        records = check_files(files, base=None if alone else load().records, notes=notes)
    except DatasetError as exc:
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        # Said first on standard error, so it is said even when the reader of the list goes away.
        err.write(f"childservices: {count} {noun} found\n")
        err.flush()
        try:
            for note in notes:
                out.write(f"note: {note}\n")
            for problem in exc.problems:
                out.write(f"{problem}\n")
            out.flush()
        except BrokenPipeError:
            reader_gone()
        return 1
    base = "on their own" if alone else "with the bundled dataset"
    for note in notes:
        out.write(f"note: {note}\n")
    out.write(f"ok: {len(paths)} path(s) read and checked {base}; {records.count()} records\n")
    return 0
