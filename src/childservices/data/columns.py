"""Tables as columns: how the bundle lays out each table's records.

A table of ``n`` records is ``{"n": n, "columns": {field: values}}``: each
field's ``n`` plain values (as the library's converter unstructures them) in
one list, in record order. A field that holds a tuple of records (an
inspection's citations and area judgements) is itself a table of all those
records, one record's after another, with ``"counts"`` saying how many belong
to each record: ``{"counts": [...], "columns": {...}}``.

Columns parse several times quicker than a list of objects (no field name
repeated per record) and let each field be read in one pass
(:mod:`childservices.data.fastbuild`). :func:`to_rows` turns them back into
one mapping per record, for the validating converter.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.model import PartialDate
from childservices.model.recordset import model_names

__all__ = ["field_types", "nested_record_type", "table_record_types", "to_columns", "to_rows"]


def field_types(cls: type) -> dict[str, Any]:
    """A record type's fields and their (resolved) types, in order."""
    attrs.resolve_types(cls, localns=model_names())
    return {f.name: f.type for f in attrs.fields(cls)}


def nested_record_type(kind: Any) -> type | None:
    """``R`` when a field of type ``kind`` holds a tuple of ``R`` records, else ``None``.

    Dates are records too, but are stored as text: they are plain values.
    """
    args = typing.get_args(kind)
    if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if isinstance(item, type) and attrs.has(item) and item is not PartialDate:
            return item
    return None


def table_record_types() -> dict[str, type]:
    """The record type of each table of a :class:`~childservices.model.RecordSet`, in order."""
    from childservices.model import RecordSet

    found: dict[str, type] = {}
    for name, kind in field_types(RecordSet).items():
        record_type = nested_record_type(kind)
        if record_type is None:
            raise InvalidRecordError(f"RecordSet.{name} is not a tuple of records")
        found[name] = record_type
    return found


def to_columns(rows: Sequence[Mapping[str, Any]], cls: type) -> dict[str, Any]:
    """The column layout of ``rows``, the plain records of type ``cls``."""
    return {"n": len(rows), "columns": _columns(rows, cls)}


def _columns(rows: Sequence[Mapping[str, Any]], cls: type) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for name, kind in field_types(cls).items():
        values = [row[name] for row in rows]
        child = nested_record_type(kind)
        if child is None:
            columns[name] = values
        else:
            children = [item for value in values for item in value]
            columns[name] = {
                "counts": [len(value) for value in values],
                "columns": _columns(children, child),
            }
    return columns


def to_rows(table: Any, cls: type) -> list[dict[str, Any]]:
    """The plain records of a table in columns, one mapping per record.

    Raises :class:`~childservices.errors.InvalidRecordError` (a :class:`ValueError`) naming the place when the layout is wrong (a
    column of the wrong length, counts that do not add up); the values
    themselves are left for the converter to check. Lengths are checked
    before anything is built, so a false count fails at once.
    """
    if not isinstance(table, dict) or set(table) != {"n", "columns"}:
        raise InvalidRecordError('expected a table laid out as {"n": count, "columns": {field: values}}')
    n = table["n"]
    if type(n) is not int or n < 0:
        raise InvalidRecordError(f"n: expected a count of records, got {n!r}")
    return _rows(table["columns"], cls, n, "columns")


def _rows(columns: Any, cls: type, n: int, path: str) -> list[dict[str, Any]]:
    if not isinstance(columns, dict) or not columns:
        raise InvalidRecordError(f"{path}: expected a mapping of field names to columns")
    types = field_types(cls)
    laid_out: list[tuple[str, Any]] = []
    for name, column in columns.items():
        where = f"{path}.{name}"
        child = nested_record_type(types.get(name))
        if child is None:
            if not isinstance(column, list) or len(column) != n:
                raise InvalidRecordError(f"{where}: expected a list of {n} values")
            laid_out.append((name, column))
            continue
        if not isinstance(column, dict) or set(column) != {"counts", "columns"}:
            raise InvalidRecordError(f'{where}: expected {{"counts": [...], "columns": {{...}}}}')
        counts = column["counts"]
        if (
            not isinstance(counts, list)
            or len(counts) != n
            or any(type(c) is not int or c < 0 for c in counts)
        ):
            raise InvalidRecordError(f"{where}.counts: expected {n} counts")
        children = iter(_rows(column["columns"], child, sum(counts), f"{where}.columns"))
        laid_out.append((name, [[next(children) for _ in range(c)] for c in counts]))
    rows: list[dict[str, Any]] = [{} for _ in range(n)]
    for name, values in laid_out:
        for row, value in zip(rows, values, strict=True):
            row[name] = value
    return rows
