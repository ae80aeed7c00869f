"""A drop-in table's shape (:class:`Layout`) and its rows (:class:`LayoutTable`), read back from CSV."""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

import attrs

from childservices.errors import ArgumentValueError, ChildServicesError, UnknownRecordError
from childservices.layouts.cells import Cell, Link
from childservices.layouts.ods import write_ods
from childservices.layouts.writing import Sheet, write_csv, write_csv_file, write_xlsx
from childservices.records.cells import restore
from childservices.records.safe import inert_cell

__all__ = ["Layout", "LayoutTable", "read_csv"]


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


def _frozen_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _lines(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _check_header_row(layout: Layout, _: attrs.Attribute[int], value: int) -> None:
    if value not in (1, len(layout.notes) + 2):
        raise ArgumentValueError(
            f"layout {layout.name}: header row {value} leaves no room for a title row and "
            f"{len(layout.notes)} note rows above it (header row 1, or {len(layout.notes) + 2})"
        )


@attrs.frozen(kw_only=True)
class Layout:
    """The shape of a drop-in table: its columns, how its dates are written, its sheet name.

    ``date_formats`` maps each date column to the ``strftime`` pattern of the
    original (``%d/%m/%Y`` or ``%d/%m/%y``); ``integers`` names the columns
    holding whole numbers; ``formulas`` the columns whose cells the original
    writes as spreadsheet formulas (Data to Insight's link to an authority's
    report folder). Every other text cell is written inert (see
    :mod:`childservices.records.safe`), so a user's ``=HYPERLINK(...)`` never runs.

    ``header_row`` is the row of a workbook (xlsx, ODS) that holds the
    header: 1, or, for a sheet laid out as Ofsted lays out its official
    statistics, below a title row (the table's :attr:`~LayoutTable.title`) and
    one row for each of ``notes``, so that a reader that skips the rows above
    the header (``skiprows=2``, ``read_ods(..., skip = 2)``) reads the
    library's workbook as it reads the original. CSV files always have the
    header on their first line.
    """

    name: str
    columns: tuple[str, ...]
    date_formats: Mapping[str, str] = attrs.field(converter=_frozen_mapping)
    integers: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_set)
    formulas: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_set)
    sheet: str
    description: str
    notes: tuple[str, ...] = attrs.field(default=(), converter=_lines)
    header_row: int = attrs.field(default=1, validator=_check_header_row)

    def rows_above(self, title: str, notes: tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The text of the workbook rows above the header: ``title`` (else the description),
        then ``notes`` (else the layout's own); nothing when the header is on row 1."""
        if self.header_row == 1:
            return ()
        return (title or self.description[0].upper() + self.description[1:], *(notes or self.notes))


@attrs.frozen(kw_only=True, eq=True)
class LayoutTable:
    """A drop-in table: a layout and its rows (typed cells, in the layout's column order).

    ``title`` is the title row a workbook of the layout carries above its
    header (Ofsted's sheets: "Local authority inspection judgements as at 31
    March 2025"); empty, the layout's description is used. ``notes``, when
    given, are this table's note rows in place of the layout's (as many).
    """

    layout: Layout
    rows: tuple[tuple[Cell, ...], ...]
    title: str = ""
    notes: tuple[str, ...] | None = attrs.field(default=None)

    @notes.validator
    def _check_notes(
        self, _: attrs.Attribute[tuple[str, ...] | None], value: tuple[str, ...] | None
    ) -> None:
        if value is not None and len(value) != len(self.layout.notes):
            raise ArgumentValueError(
                f"layout {self.layout.name} has {len(self.layout.notes)} note rows, "
                f"not {len(value)}"
            )

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return self.layout.columns

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Cell]]:
        """Every row as a mapping from column name to cell."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def row(self, key: str) -> dict[str, Cell]:
        """The first row whose first cell, written as text, is ``key`` (a URN, an area code)."""
        for row in self.rows:
            if _text(self.layout, self.columns[0], row[0]) == key:
                return dict(zip(self.columns, row, strict=True))
        raise UnknownRecordError(f"no row of {self.layout.name} with {self.columns[0]} {key!r}")

    def text_rows(self) -> list[list[str]]:
        """Every row as the original writes it: dates in its formats, ``""`` where not known."""
        return [
            [_text(self.layout, c, v) for c, v in zip(self.columns, row, strict=True)]
            for row in self.rows
        ]

    def as_text(self, links: Iterable[str] = ()) -> LayoutTable:
        """The table with every cell its text, as :meth:`text_rows` writes it (an unknown
        cell stays empty): Data to Insight's xlsx writes every cell as text. Each column of
        ``links`` holds its address as a link (clickable in a workbook)."""
        linked = set(links)
        rows = tuple(
            tuple(
                (Link(url=text, text=text) if column in linked else text) if text else None
                for column, text in zip(self.columns, row, strict=True)
            )
            for row in self.text_rows()
        )
        return attrs.evolve(self, rows=rows)

    def csv_rows(self) -> list[list[str]]:
        """Every row as its CSV file holds it: :meth:`text_rows`, each text cell inert
        (an apostrophe before text a spreadsheet would run) but in the formula columns."""
        live = [c in self.layout.formulas for c in self.columns]
        return [
            [text if keep else inert_cell(text) for text, keep in zip(row, live, strict=True)]
            for row in self.text_rows()
        ]

    def to_csv(self, out: str | os.PathLike[str] | TextIO) -> None:
        """Write the table as CSV (a file name, or an open text stream)."""
        if isinstance(out, str | os.PathLike):
            write_csv_file(out, self.columns, self.csv_rows())
        else:
            write_csv(out, self.columns, self.csv_rows())

    def csv_text(self) -> str:
        """The table as CSV text."""
        buffer = io.StringIO()
        write_csv(buffer, self.columns, self.csv_rows())
        return buffer.getvalue()

    def sheet(self) -> Sheet:
        """The table as one sheet of a workbook: its name, the rows above the header, the
        header, the rows and how dates are shown."""
        return Sheet(
            name=self.layout.sheet,
            above=self.layout.rows_above(self.title, self.notes),
            columns=self.columns,
            rows=self.rows,
            date_formats=self.layout.date_formats,
            formulas=self.layout.formulas,
        )

    def to_xlsx(self, path: str | os.PathLike[str]) -> None:
        """Write the table as an xlsx workbook with one sheet: dates typed, links linked.

        The header is on the layout's :attr:`~Layout.header_row`, under the
        title and notes where the original has them (Ofsted's sheets: row 3).
        Needs openpyxl (``pip install 'childservices[update]'`` or ``[all]``).
        """
        write_xlsx(path, self.sheet())

    def to_ods(self, path: str | os.PathLike[str]) -> None:
        """Write the table as an OpenDocument spreadsheet (``.ods``) with one sheet.

        Laid out as :meth:`to_xlsx` lays out the workbook: the sheet's name,
        the title and notes above the header where the original has them,
        dates as date cells shown in the original's format, links as links,
        text never a formula. Needs odfpy (``pip install 'childservices[ods]'``
        or ``[all]``); without it, :class:`~childservices.MissingExtraError`.
        """
        write_ods(path, self.sheet())


def _text(layout: Layout, column: str, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Link):
        return value.url
    if isinstance(value, datetime.date):
        return value.strftime(layout.date_formats.get(column, "%Y-%m-%d"))
    return str(value)


def read_csv(layout: Layout, source: str | os.PathLike[str] | TextIO) -> LayoutTable:
    """Read a table of ``layout`` back from CSV, typing its cells as the layout says.

    The header must be the layout's columns, in order. A date cell that does
    not fit the column's format is kept as text (a date the record gives only
    to the month or year is written as ``2014-10``). A link cell comes back as
    its address.
    """
    if isinstance(source, str | os.PathLike):
        with Path(source).open(encoding="utf-8", newline="") as handle:
            return read_csv(layout, handle)
    name = getattr(source, "name", "<stream>")
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None or tuple(header) != layout.columns:
        raise ChildServicesError(
            f"{name}: the header is not the {layout.name} layout's columns: {header!r}"
        )
    rows = []
    for line, cells in enumerate(reader, start=2):
        if len(cells) != len(layout.columns):
            raise ChildServicesError(
                f"{name}, line {line}: {len(cells)} cells, expected {len(layout.columns)}"
            )
        rows.append(
            tuple(
                _parse(layout, c, v, name, line) for c, v in zip(layout.columns, cells, strict=True)
            )
        )
    return LayoutTable(layout=layout, rows=tuple(rows))


def _parse(layout: Layout, column: str, text: str, name: str, line: int) -> Cell:
    if text == "":
        return None
    if column in layout.date_formats:
        try:
            return datetime.datetime.strptime(text, layout.date_formats[column]).date()
        except ValueError:
            return text
    if column in layout.integers:
        try:
            return int(text)
        except ValueError:
            raise ChildServicesError(
                f"{name}, line {line}, column {column}: {text!r} is not a whole number"
            ) from None
    return text if column in layout.formulas else restore(text)
