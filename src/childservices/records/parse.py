"""Reading one file of the seed format: its text, its header, its rows and their cells.

Files are opened with :func:`~childservices.records.files.open_regular`
(regular files only, at most :data:`~childservices.records.files.MAX_FILE_BYTES`
bytes) and parsed as they are read; each good row is handed on as it is
read, and a file stops being read after
:data:`~childservices.records.claims.MAX_PROBLEMS_PER_FILE` problems.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from childservices.data.schema import TABLES, Table
from childservices.errors import FileRefusedError, Problem
from childservices.records.cells import restore
from childservices.records.claims import Origin, Problems, Sink
from childservices.records.files import MAX_FILE_BYTES, MAX_LINE_CHARACTERS, open_regular

__all__ = ["CellCheck", "cell_checks", "json_tables", "key_text", "read_csv", "read_json_table"]


def key_text(table: Table, values: dict[str, str]) -> str:
    """A row's key as the seed format writes it: its key columns' cells joined by ``/``."""
    return "/".join(values[name] for name in table.key)


class _BadText(ValueError):
    """A file that is not CSV text: the reason, and the line it was found on."""


def _lines(handle: IO[bytes]) -> Iterator[str]:
    """The file's lines (with their ends), decoded as UTF-8 (a BOM is dropped) as they are read.

    Lines end at ``\n``, ``\r`` or ``\r\n``, as the :mod:`csv` module reads them.
    """
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARACTERS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARACTERS:
            raise _BadText(
                f"has a line longer than {MAX_LINE_CHARACTERS} characters (line {number})"
            )
        bad = _UNDECODED.search(line)
        if bad is not None:
            byte = ord(bad.group()) - 0xDC00
            raise _BadText(f"is not UTF-8 text (byte 0x{byte:02x} on line {number})")
        if "\x00" in line:
            raise _BadText(f"contains NUL bytes: not a CSV text file (line {number})")
        yield line


_UNDECODED = re.compile("[\udc80-\udcff]")
"""The characters ``surrogateescape`` puts in place of bytes that are not UTF-8."""


def read_csv(
    table: Table,
    path: Path,
    problems: Problems,
    digest: hashlib._Hash,
    checks: dict[str, CellCheck],
    sink: Sink,
    rejected: Sink | None = None,
) -> None:
    """Read one file, handing each row to ``sink`` as it is read.

    A row with a cell that is not a value of its column is not handed to ``sink``; it is
    handed to ``rejected`` (when given), so that its other checks (its references) are
    reported in the same run.
    """
    where = str(path)
    try:
        with open_regular(path, limit=MAX_FILE_BYTES, digest=digest) as handle:
            _parse_csv(table, where, _lines(handle), problems, sink, checks, rejected)
    except FileRefusedError as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
    except OSError as exc:
        problems.add(where, Problem(file=where, message=f"cannot be read: {exc.strerror or exc}"))


def json_tables(path: Path, problems: Problems, digest: hashlib._Hash) -> dict[str, Any] | None:
    """The ``tables`` of a file written by the library's JSON export (``export --format json``,
    :func:`~childservices.export.seeds.to_json`), or ``None`` with the problem recorded."""
    import json

    where = str(path)
    try:
        with open_regular(path, limit=MAX_FILE_BYTES, digest=digest) as handle:
            payload = json.load(handle)
    except FileRefusedError as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
        return None
    except OSError as exc:
        problems.add(where, Problem(file=where, message=f"cannot be read: {exc.strerror or exc}"))
        return None
    except (ValueError, RecursionError) as exc:
        problems.add(where, Problem(file=where, message=f"is not JSON: {exc}"))
        return None
    tables = payload.get("tables") if isinstance(payload, dict) else None
    if not isinstance(tables, dict):
        problems.add(
            where,
            Problem(
                file=where,
                message="is not the library's JSON export: it has no 'tables' object "
                "(export --format json writes one)",
            ),
        )
        return None
    for name in tables:
        if name not in TABLES:
            problems.add(where, Problem(file=where, field=str(name), message="is not a table"))
    return tables


def read_json_table(
    table: Table,
    path: Path,
    rows: object,
    problems: Problems,
    checks: dict[str, CellCheck],
    sink: Sink,
    rejected: Sink | None = None,
) -> None:
    """Read one table of the library's JSON export as :func:`read_csv` reads a file.

    Problems name the file and table, ``(table)``, and a line as if the table were a CSV
    file: line 1 the header, line ``n + 1`` the table's ``n``-th row.
    """
    where = f"{path} ({table.name})"
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        problems.add(where, Problem(file=where, message="is not a list of rows (objects)"))
        return
    if not rows:
        return
    header = list(dict.fromkeys(str(name) for row in rows for name in row))

    def lines() -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        body = ([_json_cell(row.get(name)) for name in header] for row in rows)
        for cells in itertools.chain([header], body):
            out.seek(0)
            out.truncate()
            writer.writerow(cells)
            yield out.getvalue()

    _parse_csv(table, where, lines(), problems, sink, checks, rejected)


def _json_cell(value: object) -> str:
    """A JSON value as the seed format's cell (as written to CSV: made inert)."""
    from childservices.records.cells import inert

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return inert(str(value))


def _parse_csv(
    table: Table,
    where: str,
    lines: Iterable[str],
    problems: Problems,
    sink: Sink,
    checks: dict[str, CellCheck] | None = None,
    rejected: Sink | None = None,
) -> None:
    """Parse one file's lines, handing each good row to ``sink`` (and each row with a bad
    cell to ``rejected``); stop at too many problems."""
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(where, Problem(file=where, record="line 1", message=f"bad CSV: {exc}"))
        return
    except _BadText as exc:
        problems.add(where, Problem(file=where, message=str(exc)))
        return
    if header is None:
        problems.add(where, Problem(file=where, message="is empty: a header row is needed"))
        return
    header = [name.strip() for name in header]
    if not _header_fits(table, where, header, problems):
        return
    required = sorted(table.required_columns)
    try:
        for cells in reader:
            if problems.full(where):
                return
            line = f"line {reader.line_num}"
            if len(cells) != len(header):
                if not any(cell.strip() for cell in cells):
                    continue
                problems.add(
                    where,
                    Problem(
                        file=where,
                        record=line,
                        message=f"has {len(cells)} cells; the header has {len(header)}",
                    ),
                )
                continue
            values = {}
            for name, cell in zip(header, cells, strict=True):
                text = cell.strip()
                if text:
                    values[name] = restore(text) if text[0] == "'" else text
            if not values:
                continue
            values.pop("note", None)
            absent = [name for name in required if name not in values]
            if absent:
                for name in absent:
                    problems.add(
                        where, Problem(file=where, record=line, field=name, message="is empty")
                    )
                continue
            if checks and not _cells_fit(table, where, reader.line_num, values, checks, problems):
                if rejected is not None:
                    rejected(Origin(where, reader.line_num), values)
                continue
            sink(Origin(where, reader.line_num), values)
    except csv.Error as exc:
        problems.add(
            where,
            Problem(file=where, record=f"line {reader.line_num}", message=f"bad CSV: {exc}"),
        )
    except _BadText as exc:
        problems.add(where, Problem(file=where, message=str(exc)))


class CellCheck:
    """Whether a cell's text makes a value of its column's type (an enum, a date, a number).

    Checked while a file is read, so a file of bad values stops being read
    after :data:`MAX_PROBLEMS_PER_FILE` of them instead of being read whole
    first. The values found good are remembered (up to a bound), so the
    usual repeated values cost one look-up.
    """

    def __init__(self, hint: Any) -> None:
        self.hint = hint
        self.good: set[str] = set()

    def __call__(self, text: str) -> str | None:
        """The problem with ``text``, or ``None``."""
        if text in self.good:
            return None
        from childservices.convert import converter

        try:
            converter.structure(text, self.hint)
        except (ValueError, TypeError) as exc:
            return str(exc) or f"{text!r} is not a value of this column"
        if len(self.good) < 10_000:
            self.good.add(text)
        return None


def cell_checks(table: Table) -> dict[str, CellCheck]:
    """A check for each column whose values are not plain text."""
    import types
    import typing

    from childservices.model import Judgement

    kind = Judgement if table.name == "judgements" else table.record_type
    if kind is None:
        return {}
    hints = typing.get_type_hints(kind)
    checks = {}
    for name in table.columns:
        hint = hints.get(name)
        if hint is None:
            continue
        args = set(typing.get_args(hint)) if isinstance(hint, types.UnionType) else {hint}
        args.discard(type(None))
        if args <= {str} or any(typing.get_origin(a) is tuple for a in args):
            continue
        checks[name] = CellCheck(hint)
    return checks


def _cells_fit(
    table: Table,
    where: str,
    line: int,
    values: dict[str, str],
    cells: dict[str, CellCheck],
    problems: Problems,
) -> bool:
    fits = True
    for name, check in cells.items():
        text = values.get(name)
        if text is None:
            continue
        message = check(text)
        if message is not None:
            problems.add(
                where,
                Problem(
                    file=f"{where}:{line}",
                    record=key_text(table, values),
                    field=name,
                    message=message,
                ),
            )
            fits = False
    return fits


def _header_fits(table: Table, where: str, header: list[str], problems: Problems) -> bool:
    """Whether the header names the table's columns; every problem with it otherwise.

    Linear in the number of columns, however many there are.
    """
    allowed = table.allowed_columns
    counts: dict[str, int] = {}
    for name in header:
        counts[name] = counts.get(name, 0) + 1
    unknown = [name for name in counts if name not in allowed]
    if unknown:
        # The table came from the file's name or folder: say so when the columns are another's.
        named = set(counts)
        others = [
            other.name
            for other in TABLES.values()
            if other.name != table.name
            and named <= other.allowed_columns
            and other.required_columns <= named
        ]
        if len(others) == 1:
            problems.add(
                where,
                Problem(
                    file=where,
                    record="line 1",
                    message=f"is read as table {table.name!r} (from its name or folder), but its "
                    f"columns are those of {others[0]!r}: rename the file or move it",
                ),
            )
            return False
    missing = sorted(table.required_columns - counts.keys())
    duplicated = sorted(name for name, count in counts.items() if count > 1)
    columns = ", ".join(sorted(allowed))
    for name in unknown:
        if problems.full(where):
            return False
        problems.add(
            where,
            Problem(
                file=where,
                record="line 1",
                field=name or "(empty)",
                message=f"is not a column of {table.name!r} (columns: {columns})",
            ),
        )
    for name in missing:
        problems.add(
            where,
            Problem(file=where, record="line 1", field=name, message="column is missing"),
        )
    for name in duplicated:
        problems.add(
            where,
            Problem(file=where, record="line 1", field=name, message="column appears twice"),
        )
    return not (unknown or missing or duplicated)
