"""A fast path from the packaged bundle's plain data to records, for trusted data only.

The packaged bundle is written by ``tools/build_bundle.py`` from records that
were validated when they were read from the seeds, and CI checks that it is
exactly what the seeds give. Structuring it again through the general
converter (type dispatch, validation, error collection) is most of the cost
of ``childservices.load()``. This module builds the same records directly
from the bundle's columns (:mod:`childservices.data.columns`): each column is
read in one pass by a small function chosen once per field from its
annotation; objects are created without re-running their validators; equal
dates, citations and area judgements are shared (the records are immutable).

It reads nothing but the exact layout and plain values the bundle is written
with: a missing or unexpected column, one of the wrong length, or a value it
does not know, makes
:meth:`TrustedReader.table` (and :func:`build_trusted`) return ``None`` and
the caller falls back to the converter, which validates everything and
reports every problem. A test checks that both paths give equal record sets.
"""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from childservices.data.columns import field_types, nested_record_type
from childservices.errors import ArgumentTypeError, InvalidRecordError
from childservices.model import Grade, NoJudgement, PartialDate, RecordSet
from childservices.model.recordset import table_type

__all__ = ["TrustedReader", "build_trusted"]

Reader = Callable[[Any], Any]


class _Unreadable(Exception):
    """The data is not in the exact form the fast path reads."""


def _date_reader() -> Reader:
    known: dict[str, PartialDate] = {}

    def read(text: Any) -> PartialDate:
        date = known.get(text)
        if date is None:
            date = known[text] = PartialDate.parse(text)
        return date

    return read


def _lookup(table: dict[Any, Any]) -> Reader:
    def read(value: Any) -> Any:
        try:
            return table[value]
        except (KeyError, TypeError):
            raise _Unreadable(value) from None

    return read


def _optional(inner: Reader) -> Reader:
    def read(value: Any) -> Any:
        return None if value is None else inner(value)

    return read


def _items(inner: Reader) -> Reader:
    def read(values: Any) -> tuple[Any, ...]:
        if not isinstance(values, list):
            raise _Unreadable(values)
        return tuple(map(inner, values))

    return read


def _plain(kind: type) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise _Unreadable(value)
        return value

    return read


def _figure_reader(symbols: Mapping[str, Any]) -> Reader:
    """A reader of figures: a float as written, or a release's symbol for none."""

    def read(value: Any) -> Any:
        if type(value) is float:
            return value
        found = symbols.get(value) if type(value) is str else None
        if found is None:
            raise _Unreadable(value)
        return found

    return read


def _is_figure(kinds: list[Any]) -> bool:
    """Whether a union's members are a figure's: a float, or why none was published."""
    if float not in kinds or len(kinds) != 2:
        return False
    from childservices.model.measure import NotPublished

    return NotPublished in kinds


class _Readers:
    """Readers for the record types, made once per build."""

    def __init__(self) -> None:
        self.date = _date_reader()
        self.tables: dict[type, TableReader] = {}

    def for_type(self, kind: Any) -> Reader:
        args = typing.get_args(kind)
        if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
            present = [a for a in args if a is not type(None)]
            optional = len(present) != len(args)
            if set(present) == {Grade, NoJudgement}:
                overall: dict[Any, Any] = {g.value: g for g in Grade}
                overall[NoJudgement.NOT_GIVEN.value] = NoJudgement.NOT_GIVEN
                reader = _lookup(overall)
            elif _is_figure(present):
                from childservices.model.measure import NotPublished

                reader = _figure_reader({member.value: member for member in NotPublished})
            elif len(present) == 1:
                reader = self.for_type(present[0])
            else:
                raise ArgumentTypeError(f"no fast reader for {kind}")
            return _optional(reader) if optional else reader
        if kind is PartialDate:
            return self.date
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return _lookup({member.value: member for member in kind})
        if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return _items(self.for_type(args[0]))
        if kind in (str, int, bool, float):
            return _plain(kind)
        raise ArgumentTypeError(f"no fast reader for {kind}")

    def for_table(self, cls: type) -> TableReader:
        """A reader of ``cls`` records laid out in columns (:mod:`childservices.data.columns`)."""
        known = self.tables.get(cls)
        if known is not None:
            return known
        fields = field_types(cls)
        # Per field: its slot's setter, and a reader of its column. ``None`` stands for
        # a column of plain strings, checked in one pass.
        plan: list[tuple[str, Callable[[Any, Any], None], Reader | None, TableReader | None]] = []
        for name, kind in fields.items():
            child = nested_record_type(kind)
            reader = None if kind is str or child is not None else self.for_type(kind)
            plan.append(
                (name, _setter(cls, name), reader, None if child is None else self.for_table(child))
            )
        setters = tuple(step[1] for step in plan)
        new = object.__new__
        # Small records of strings and enum values (citations, area judgements) repeat:
        # equal ones are shared.
        share = len(plan) <= 2 and all(_stringlike(kind) for kind in fields.values())

        def read(columns: Any, n: int) -> list[Any]:
            if type(columns) is not dict or len(columns) != len(plan):
                raise _Unreadable(columns)
            values: list[Any] = []
            for name, _, reader, nested in plan:
                column = columns[name]
                if nested is not None:
                    values.append(_split(column, n, nested))
                    continue
                if type(column) is not list or len(column) != n:
                    raise _Unreadable(name)
                if reader is None:
                    if not all(type(value) is str for value in column):
                        raise _Unreadable(name)
                    values.append(column)
                else:
                    values.append(list(map(reader, column)))
            made: dict[tuple[Any, ...], Any] = {}
            records = []
            for row in zip(*values, strict=True):
                record = made.get(row) if share else None
                if record is None:
                    record = new(cls)
                    for assign, value in zip(setters, row, strict=True):
                        assign(record, value)
                    if share:
                        made[row] = record
                records.append(record)
            return records

        self.tables[cls] = read
        return read


TableReader = Callable[[Any, int], list[Any]]
"""Reads ``n`` records from their columns."""


def _split(column: Any, n: int, read: TableReader) -> list[tuple[Any, ...]]:
    """The tuples of records of a nested column: all its records, cut by ``counts``."""
    if type(column) is not dict or len(column) != 2:
        raise _Unreadable(column)
    counts = column["counts"]
    if type(counts) is not list or len(counts) != n:
        raise _Unreadable(counts)
    if not all(type(count) is int and count >= 0 for count in counts):
        raise _Unreadable(counts)
    children = read(column["columns"], sum(counts))
    tuples = []
    start = 0
    for count in counts:
        tuples.append(tuple(children[start : start + count]))
        start += count
    return tuples


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """A function setting field ``name`` of a new ``cls`` record, past its frozen ``__setattr__``:
    the slot's own descriptor where there is one (quicker than ``object.__setattr__``)."""
    slot = getattr(cls, name, None)
    if isinstance(slot, types.MemberDescriptorType):
        setter: Callable[[Any, Any], None] = slot.__set__
        return setter

    def assign(record: Any, value: Any) -> None:
        object.__setattr__(record, name, value)

    return assign


def _stringlike(kind: Any) -> bool:
    """Whether a field's plain values are strings (or ``None``): text, optional text, enums."""
    args = typing.get_args(kind)
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return all(a is type(None) or _stringlike(a) for a in args)
    return kind is str or (
        isinstance(kind, type)
        and issubclass(kind, enum.Enum)
        and all(type(m.value) is str for m in kind)
    )


class TrustedReader:
    """Builds the packaged bundle's tables from their plain data, one table at a time.

    Equal dates and small records met in one table are shared with the
    tables built after it. Not for concurrent use: callers build one table
    at a time (:class:`~childservices.data.lazy.LazyRecords` holds a lock).
    """

    def __init__(self) -> None:
        self._readers = _Readers()
        self._types: dict[str, type] = {}
        self.names: tuple[str, ...] = tuple(f.name for f in attrs.fields(RecordSet))
        """The tables it reads, in the record set's order."""

    def record_type(self, name: str) -> type:
        """The type of the records of table ``name`` (only that table's type is imported)."""
        found = self._types.get(name)
        if found is None:
            found = nested_record_type(table_type(name))
            if found is None:
                raise InvalidRecordError(f"RecordSet.{name} is not a tuple of records")
            self._types[name] = found
        return found

    def table(self, name: str, plain: Any) -> tuple[Any, ...] | None:
        """The records of table ``name`` from its columns, or ``None`` if not exactly readable."""
        if name not in self.names:
            return None
        try:
            if type(plain) is not dict or len(plain) != 2:
                raise _Unreadable(plain)
            n = plain["n"]
            if type(n) is not int or n < 0:
                raise _Unreadable(n)
            read = self._readers.for_table(self.record_type(name))
            return tuple(read(plain["columns"], n))
        except (_Unreadable, KeyError, TypeError, ValueError):
            return None


def build_trusted(data: Any) -> RecordSet | None:
    """The record set of the packaged bundle's tables (a mapping of table names to tables in
    columns), or ``None`` if not exactly readable.

    For data written by ``tools/build_bundle.py`` only: validators are not
    run again. ``None`` tells the caller to use the validating converter.
    """
    if type(data) is not dict:
        return None
    reader = TrustedReader()
    if set(data) != set(reader.names):
        return None
    tables = {}
    for name in reader.names:
        table = reader.table(name, data[name])
        if table is None:
            return None
        tables[name] = table
    return RecordSet(**tables)
