"""What every command prints with: text safe for any terminal and locale, tables, and the coverage note.

Control characters in the data (a user's own text, a file name) are shown
escaped (``\\u001b``), characters the output's encoding cannot show are
written as escapes (``\\xa3``), and CSV cells are made inert for spreadsheets
(:mod:`childservices.records.cells`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import enum
import io
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from childservices.dataset import Dataset

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that would act on a terminal (escape sequences, carriage returns, bidi controls)."""


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\u001b``).

    Newlines and tabs are kept. The escape is JSON's, so a JSON string stays valid.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that writes :func:`printable` text, in whatever encoding the stream has
    (characters it cannot encode become backslash escapes rather than an error).

    A failure to write (a full disk) is an :class:`OSError` naming the stream by ``name``
    ("standard output"), so the user is told which output failed.
    """

    def __init__(self, stream: TextIO, name: str = "standard output") -> None:
        super().__init__()
        self._stream = stream
        self._name = name
        self._encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        """Write ``text`` with its control characters made visible."""
        safe = printable(text)
        try:
            safe.encode(self._encoding)
        except UnicodeEncodeError:
            safe = safe.encode(self._encoding, "backslashreplace").decode(self._encoding)
        except LookupError:  # an encoding Python does not know: keep to ASCII
            safe = safe.encode("ascii", "backslashreplace").decode("ascii")
        with self._naming_failures():
            self._stream.write(safe)
        return len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        with self._naming_failures():
            self._stream.flush()

    @contextlib.contextmanager
    def _naming_failures(self) -> Iterator[None]:
        """Give a failed write without a file name this stream's name (a reader gone away,
        ``BrokenPipeError``, is left as it is: the command line stops quietly on it)."""
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as exc:
            if exc.filename is None:
                exc.filename = self._name
            raise

    def isatty(self) -> bool:
        """Whether the stream underneath is a terminal."""
        return bool(getattr(self._stream, "isatty", lambda: False)())

    def writable(self) -> bool:
        """Always: the stream is for writing."""
        return True


def reader_gone() -> None:
    """Standard output's reader went away (``| head``): send what is left to nowhere, quietly."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def coverage_note(ds: Dataset, day: datetime.date) -> str | None:
    """A sentence saying the record may miss events after its newest report, if ``day`` is later."""
    newest = ds.index.reports_to  # not ds.coverage: that reads every table's sources
    if newest is None or day <= newest:
        return None
    return (
        f"the record holds reports published up to {newest}; later inspections "
        "may be missing ('childservices update' adds them)"
    )


# Tables ---------------------------------------------------------------------------

Rows = list[dict[str, Any]]
"""A table's rows: one mapping of column name to value per row (a missing column is unknown)."""


def cell_text(value: Any) -> str:
    """A value as a table cell shows it: an enum by its value, unknown as empty."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def emit(rows: Rows, columns: Sequence[str], fmt: str, out: TextIO) -> None:
    """Rows as an aligned table, CSV or JSON (values as text; empty or null for unknown)."""
    if fmt == "json":
        plain = [
            {c: (None if row.get(c) is None else cell_text(row[c])) for c in columns}
            for row in rows
        ]
        out.write(json.dumps(plain, ensure_ascii=False, indent=2) + "\n")
        return
    cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
    if fmt == "csv":
        from childservices.records.cells import inert

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([inert(cell) for cell in row] for row in cells)
        return
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    for line in [list(columns), *cells]:
        out.write("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() + "\n")
