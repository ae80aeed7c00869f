"""Writing a drop-in table to a file: CSV, or an xlsx workbook of one sheet (ODS:
:mod:`~childservices.layouts.ods`).

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

import attrs

from childservices.errors import ChildServicesError
from childservices.layouts.cells import Cell, Link
from childservices.records.safe import write_atomically

__all__ = ["Sheet", "storable", "write_csv", "write_csv_file", "write_xlsx"]

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


@attrs.frozen(kw_only=True)
class Sheet:
    """One sheet of a workbook, ready to write: its name, the rows of text above the header
    (a title and notes, as Ofsted lays out its sheets), the header, the rows of typed cells.

    ``date_formats`` gives the ``strftime`` pattern each date column is shown
    in; ``formulas`` names the columns whose text is written as a formula (any
    other text is text, whatever it starts with). The header is on row
    ``len(above) + 1``.
    """

    name: str
    above: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    date_formats: Mapping[str, str]
    formulas: Collection[str] = frozenset()

    @property
    def header_row(self) -> int:
        """The row number of the header (1 for the first row)."""
        return len(self.above) + 1


def write_xlsx(path: str | os.PathLike[str], sheet: Sheet) -> None:
    """Write an xlsx workbook with one sheet: title and notes, a bold header, dates typed,
    links linked.

    Needs openpyxl (``pip install 'childservices[update]'`` or ``[all]``).
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
    worksheet.title = sheet.name[:31]
    for r, line in enumerate(sheet.above, start=1):
        worksheet.cell(row=r, column=1, value=storable(line)).data_type = "s"
        worksheet.cell(row=r, column=1).font = Font(bold=r == 1)
    for n, column in enumerate(sheet.columns, start=1):
        header = worksheet.cell(row=sheet.header_row, column=n, value=storable(column))
        header.data_type = "s"
        header.font = Font(bold=True)
    formats = {
        n: _xlsx_format(sheet.date_formats[c])
        for n, c in enumerate(sheet.columns, start=1)
        if c in sheet.date_formats
    }
    live = {n for n, c in enumerate(sheet.columns, start=1) if c in sheet.formulas}
    for r, row in enumerate(sheet.rows, start=sheet.header_row + 1):
        for n, value in enumerate(row, start=1):
            target = worksheet.cell(row=r, column=n)
            if isinstance(value, Link):
                target.value = storable(value.text)
                target.hyperlink = value.url
                target.style = "Hyperlink"
            elif isinstance(value, str):
                target.value = value if n in live else storable(value)
                if n not in live:
                    target.data_type = "s"  # text, even when it starts with "="
            else:
                target.value = value
                if isinstance(value, datetime.date) and n in formats:
                    target.number_format = formats[n]
    write_atomically(path, lambda target: book.save(os.fspath(target)), overwrite=True)


def storable(text: str) -> str:
    """``text`` with the control characters a workbook cannot hold written as ``\\xNN``."""
    return _UNSTORABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _xlsx_format(pattern: str) -> str:
    return pattern.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy").replace("%y", "yy")
