"""The record as seed-format files: a folder of CSV files laid out like ``seeds/``, or JSON.

The rows are :mod:`childservices.records.rows`'; the files are written by
:mod:`childservices.records.safe` (never overwriting unasked, never through a
link, whole or not at all), every CSV cell made inert for spreadsheets.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Protocol

from childservices.errors import ArgumentTypeError
from childservices.model import RecordSet
from childservices.records.rows import columns, record_rows, table_rows
from childservices.records.safe import inert_cell, write_files

__all__ = [
    "EXPORT_FORMAT",
    "HasRecords",
    "records_of",
    "to_csv",
    "to_json",
    "write_json",
    "write_seed_folder",
]

EXPORT_FORMAT = 1
"""The version of the JSON export's layout (:data:`childservices.export.EXPORT_FORMAT`)."""


class HasRecords(Protocol):
    """What an export needs of a dataset: its records (a :class:`~childservices.Dataset` has them)."""

    @property
    def records(self) -> RecordSet:
        """Every record, table by table."""
        ...


def records_of(data: RecordSet | HasRecords) -> RecordSet:
    """The records of ``data``: a record set, or a dataset's records.

    Anything else is an :class:`~childservices.ArgumentTypeError`.
    """
    if isinstance(data, RecordSet):
        return data
    records = getattr(data, "records", None)
    if isinstance(records, RecordSet):
        return records
    raise ArgumentTypeError(f"expected a Dataset or a RecordSet, got {type(data).__name__}")


def _csv_text(table: str, rows: list[dict[str, str]]) -> str:
    """One table as CSV text, every cell made inert for spreadsheets
    (:func:`~childservices.records.safe.inert_cell`; the seed reader restores it)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(table), lineterminator="\n")
    writer.writeheader()
    writer.writerows({name: inert_cell(value) for name, value in row.items()} for row in rows)
    return buffer.getvalue()


def write_seed_folder(
    records: RecordSet, folder: str | os.PathLike[str], *, overwrite: bool = False
) -> list[Path]:
    """Write ``records`` as a seeds folder: ``<folder>/<table>/<table>.csv`` for every table.

    Returns the files written. The export is written safely (see
    :func:`~childservices.records.safe.write_files`): an existing file of the
    same name is replaced only with ``overwrite=True``; other record files
    already in the table folders (which :func:`~childservices.load_seeds`
    would read with the export) are refused; nothing is written through a
    link; a failure leaves nothing half-written.
    """
    texts = {
        f"{name}/{name}.csv": _csv_text(name, rows) for name, rows in table_rows(records).items()
    }
    return write_files(folder, texts, overwrite=overwrite, records=True)


def to_csv(
    data: RecordSet | HasRecords, folder: str | os.PathLike[str], *, overwrite: bool = False
) -> list[Path]:
    """Write a dataset as CSV files laid out like ``seeds/``; returns the files written.

    See :func:`write_seed_folder`: existing files are replaced only with ``overwrite=True``.
    """
    return write_seed_folder(records_of(data), _folder(folder), overwrite=overwrite)


def write_json(
    data: RecordSet | HasRecords,
    folder: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    indent: int | None = 1,
) -> Path:
    """Write :func:`to_json` as ``<folder>/childservices.json`` (safely: see
    :func:`~childservices.records.safe.write_files`)."""
    text = to_json(data, indent=indent)
    (path,) = write_files(_folder(folder), {"childservices.json": text}, overwrite=overwrite)
    return path


def _folder(folder: object) -> str | os.PathLike[str]:
    if not isinstance(folder, str | os.PathLike):
        raise ArgumentTypeError(f"folder: expected a path, got {type(folder).__name__}")
    return folder


def to_json(data: RecordSet | HasRecords, *, indent: int | None = None) -> str:
    """A dataset as JSON text: ``{"format", "data_version", "tables": {table: [row, ...]}}``.

    Rows have the CSV export's columns; values are text, whole numbers,
    ``true``/``false`` (the ``directed`` column) or ``null`` for unknown.
    """
    payload = {
        "format": EXPORT_FORMAT,
        "data_version": getattr(data, "data_version", None),
        "tables": {
            name: [{column: row.get(column) for column in columns(name)} for row in rows]
            for name, rows in record_rows(records_of(data)).items()
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=indent) + "\n"
