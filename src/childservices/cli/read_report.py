"""``read-report``: read Ofsted report PDFs into inspections, printed as a table (needs the
``reports`` extra). A file that cannot be read is listed on standard error; the rest are read."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from childservices.cli.command import Call, add_format
from childservices.cli.output import Rows, emit, printable, reader_gone
from childservices.errors import ChildServicesError, MissingExtraError

if TYPE_CHECKING:
    from childservices.cli.command import Commands
    from childservices.model import Inspection

COLUMNS = (
    "file",
    "id",
    "authority",
    "framework",
    "kind",
    "start",
    "end",
    "published",
    "overall",
    "judgements",
    "lead_inspector",
)
"""The columns of the table of reports read, in order (``start`` and ``end``: the fieldwork
dates the report prints; empty where it prints none)."""


def add_commands(commands: Commands) -> None:
    """Add ``read-report`` to the command line."""
    read = commands.add_parser(
        "read-report",
        help="read Ofsted report PDFs into inspections (needs the reports extra)",
    )
    read.add_argument("paths", nargs="+", metavar="PDF", help="a report file")
    add_format(read)
    read.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on standard error (default: when it is a terminal)",
    )
    read.set_defaults(handler=run_read_report)


def run_read_report(call: Call) -> int:
    """Read the reports named; exit status 1 if any could not be read."""
    args = call.args
    return read_reports(args.paths, args.format, args.progress, call.out, call.err)


def read_reports(
    paths: Sequence[str], fmt: str, progress: bool | None, out: TextIO, err: TextIO
) -> int:
    """Read each report in ``paths``, list the failures, and print what was read as ``fmt``."""
    show = progress if progress is not None else (len(paths) > 1 and sys.stderr.isatty())
    rows: Rows = []
    failures: list[tuple[str, str]] = []
    for n, name in enumerate(paths, start=1):
        row = _read_one(name, failures, err)
        if row is not None:
            rows.append(row)
        if show:
            _progress(n, len(paths), os.path.basename(name))
    _say_failures(len(rows), len(paths), failures, err)
    if not rows and fmt == "table":
        return 1  # nothing read: no empty table header
    try:
        emit(rows, COLUMNS, fmt, out)
        out.flush()
    except BrokenPipeError:
        reader_gone()
    return 1 if failures else 0


def _read_one(name: str, failures: list[tuple[str, str]], err: TextIO) -> dict[str, Any] | None:
    """The row of the report in file ``name``; or none, its failure added to ``failures``."""
    import warnings

    from childservices import load
    from childservices.errors import ReportDateWarning
    from childservices.records.files import open_regular
    from childservices.reports import published_from_file_name, read_report
    from childservices.reports.text import MAX_REPORT_BYTES

    try:
        # Only a regular file is read (a FIFO would hang the reader, a device never end).
        with open_regular(name, limit=MAX_REPORT_BYTES):
            pass
        with _quiet_pypdf(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ReportDateWarning)
            inspection = read_report(name, held=load().tables.inspections)
    except MissingExtraError:
        raise
    except (ChildServicesError, OSError, ValueError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        failures.append((name, message))
        return None
    for warning in caught:
        if isinstance(warning.message, ReportDateWarning):
            err.write(f"childservices: {_shown(name)}: warning: {_shown(str(warning.message))}\n")
    listed = published_from_file_name(os.path.basename(name))
    printed = inspection.published
    if listed is not None and str(printed) != listed.isoformat():
        err.write(
            f"childservices: {_shown(name)}: warning: the file name says published "
            f"{listed.isoformat()} but the report says {printed} (the id uses the "
            "file name's date, as the seed format does)\n"
        )
    return _row(name, inspection)


def _row(name: str, inspection: Inspection) -> dict[str, Any]:
    """An inspection read from file ``name``, as a row of the table."""
    return {
        "file": _shown(name),
        "id": inspection.id,
        "authority": inspection.authority,
        "framework": inspection.framework,
        "kind": inspection.kind,
        "start": inspection.start,
        "end": inspection.end,
        "published": inspection.published,
        "overall": inspection.overall,
        "judgements": ";".join(f"{j.area.value}={j.grade.value}" for j in inspection.judgements),
        "lead_inspector": inspection.lead_inspector,
    }


def _say_failures(read: int, total: int, failures: list[tuple[str, str]], err: TextIO) -> None:
    """How many reports were read, and why each failure failed, each on one line."""
    if failures:
        err.write(f"read {read} of {total} reports; {len(failures)} failed:\n")
        for name, message in failures:
            one_line = " ".join(message.split())
            where = "" if name in one_line else f"{_shown(name)}: "
            err.write(f"  {where}{one_line}\n")
    elif total > 1:
        err.write(f"read {read} of {total} reports\n")
    err.flush()


def _shown(name: str) -> str:
    """A file name on one line: its line breaks written as ``\\n`` (a name cannot forge a line)."""
    return name.replace("\n", "\\n")


def _progress(done: int, total: int, name: str) -> None:
    """Draw the progress bar on standard error: ``[####------] 3/10 file name``."""
    width = 30
    filled = width * done // total
    bar = "#" * filled + "-" * (width - filled)
    shown = (
        printable(name)[:40]
        .encode(sys.stderr.encoding or "utf-8", "replace")
        .decode(sys.stderr.encoding or "utf-8")
    )
    sys.stderr.write(f"\r[{bar}] {done}/{total} {shown:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Silence pypdf's log lines and warnings (about damaged PDFs it reads anyway) while reading."""
    import logging
    import warnings

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="pypdf")
            yield
    finally:
        logger.setLevel(level)
