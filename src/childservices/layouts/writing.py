"""Writing a drop-in table to a file: CSV, or an xlsx workbook of one sheet.

Every file is written whole or not at all: through a temporary file beside
it, moved into place when complete.
"""

from __future__ import annotations

import csv
import datetime
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from childservices.errors import ChildServicesError
from childservices.layouts.cells import Cell, Link

__all__ = ["write_csv", "write_csv_file", "write_xlsx"]


def write_csv(handle: TextIO, columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write the header and the rows (cells already written as text) as CSV to ``handle``."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)


def write_csv_file(
    path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """Write the header and the rows as a CSV file at ``path``, whole or not at all."""

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8", newline="") as handle:
            write_csv(handle, columns, rows)

    _write_whole(Path(path), write)


def write_xlsx(
    path: str | os.PathLike[str],
    *,
    sheet: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    date_formats: Mapping[str, str],
) -> None:
    """Write an xlsx workbook with one sheet: a bold header, dates typed, links linked.

    ``date_formats`` gives the ``strftime`` pattern of each date column. Needs
    openpyxl (``pip install 'childservices[update]'`` or ``[all]``).
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError as exc:
        raise ChildServicesError(
            "writing xlsx needs openpyxl: pip install 'childservices[update]' "
            f"(or 'childservices[all]') ({exc})"
        ) from None
    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet[:31]
    worksheet.append(list(columns))
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    formats = {
        n: _xlsx_format(date_formats[c])
        for n, c in enumerate(columns, start=1)
        if c in date_formats
    }
    for r, row in enumerate(rows, start=2):
        for n, value in enumerate(row, start=1):
            target = worksheet.cell(row=r, column=n)
            if isinstance(value, Link):
                target.value = value.text
                target.hyperlink = value.url
                target.style = "Hyperlink"
            elif isinstance(value, str) and value.startswith("="):
                target.value = value  # a formula, as the original writes it
            else:
                target.value = value
                if isinstance(value, datetime.date) and n in formats:
                    target.number_format = formats[n]
    _write_whole(Path(path), lambda target: book.save(os.fspath(target)))


def _write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file beside it: the file is whole or untouched."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _xlsx_format(pattern: str) -> str:
    return pattern.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy").replace("%y", "yy")
