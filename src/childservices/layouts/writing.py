"""Writing a drop-in table to a file: CSV, or an xlsx workbook of one sheet.

Every file goes through the library's one safe writer
(:func:`childservices.records.safe.write_atomically`): whole or not at all,
never through a link. Text cells are inert but in the layout's formula
columns (the caller, :meth:`~childservices.layouts.LayoutTable.csv_rows`, makes
CSV cells inert; here xlsx text is written as text, never as a formula), and
characters a workbook cannot hold are written as ``\\xNN`` escapes.
"""

from __future__ import annotations

import csv
import datetime
import os
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from childservices.errors import ChildServicesError
from childservices.layouts.cells import Cell, Link
from childservices.records.safe import write_atomically

__all__ = ["write_csv", "write_csv_file", "write_xlsx"]

_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters that XML 1.0, and so an xlsx workbook, cannot hold."""


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

    write_atomically(path, write, overwrite=True)


def write_xlsx(
    path: str | os.PathLike[str],
    *,
    sheet: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    date_formats: Mapping[str, str],
    formulas: Collection[str] = frozenset(),
) -> None:
    """Write an xlsx workbook with one sheet: a bold header, dates typed, links linked.

    ``date_formats`` gives the ``strftime`` pattern of each date column;
    ``formulas`` names the columns whose text is written as a formula (any
    other text is a string, whatever it starts with). Needs
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
    live = {n for n, c in enumerate(columns, start=1) if c in formulas}
    for r, row in enumerate(rows, start=2):
        for n, value in enumerate(row, start=1):
            target = worksheet.cell(row=r, column=n)
            if isinstance(value, Link):
                target.value = _storable(value.text)
                target.hyperlink = value.url
                target.style = "Hyperlink"
            elif isinstance(value, str):
                target.value = value if n in live else _storable(value)
                if n not in live:
                    target.data_type = "s"  # text, even when it starts with "="
            else:
                target.value = value
                if isinstance(value, datetime.date) and n in formats:
                    target.number_format = formats[n]
    write_atomically(path, lambda target: book.save(os.fspath(target)), overwrite=True)


def _storable(text: str) -> str:
    """``text`` with the control characters a workbook cannot hold written as ``\\xNN``."""
    return _UNSTORABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _xlsx_format(pattern: str) -> str:
    return pattern.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy").replace("%y", "yy")
