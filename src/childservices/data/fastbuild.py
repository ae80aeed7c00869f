"""A fast path from the packaged bundle's plain data to records, for trusted data only.

The packaged bundle is written by ``tools/build_bundle.py`` from records that
were validated when they were read from the seeds, and CI checks that it is
exactly what the seeds give. Structuring it again through the general
converter (type dispatch, validation, error collection) is most of the cost
of ``childservices.load()``. This module builds the same records directly:
each field is read by a small function chosen once per record type from its
annotation; objects are created without re-running their validators; equal
dates and area judgements are shared (the records are immutable).

It reads nothing but the exact plain form the converter writes: a record with
a missing or unexpected key, or a value it does not know, makes
:meth:`TrustedReader.table` (and :func:`build_trusted`) return ``None`` and
the caller falls back to the converter, which validates everything and
reports every problem. A test checks that both paths give equal record sets.
"""

from __future__ import annotations

import enum
import operator
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from childservices.model import Grade, NoJudgement, PartialDate, RecordSet

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


class _Readers:
    """Readers for the record types, made once per build."""

    def __init__(self) -> None:
        self.date = _date_reader()
        self.records: dict[type, Reader] = {}

    def for_type(self, kind: Any) -> Reader:
        args = typing.get_args(kind)
        if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
            present = [a for a in args if a is not type(None)]
            optional = len(present) != len(args)
            if set(present) == {Grade, NoJudgement}:
                overall: dict[Any, Any] = {g.value: g for g in Grade}
                overall[NoJudgement.NOT_GIVEN.value] = NoJudgement.NOT_GIVEN
                reader = _lookup(overall)
            elif len(present) == 1:
                reader = self.for_type(present[0])
            else:
                raise TypeError(f"no fast reader for {kind}")
            return _optional(reader) if optional else reader
        if kind is PartialDate:
            return self.date
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return _lookup({member.value: member for member in kind})
        if typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return _items(self.for_type(args[0]))
        if kind in (str, int, bool):
            return _plain(kind)
        if isinstance(kind, type) and attrs.has(kind):
            return self.for_record(kind)
        raise TypeError(f"no fast reader for {kind}")

    def for_record(self, cls: type) -> Reader:
        known = self.records.get(cls)
        if known is not None:
            return known
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        names = tuple(f.name for f in fields)
        # ``None`` stands for a plain string, checked inline (no call per field).
        steps = tuple((f.name, None if f.type is str else self.for_type(f.type)) for f in fields)
        count = len(steps)
        values_of = operator.itemgetter(*names) if count > 1 else _one(names)
        new = object.__new__
        assign = object.__setattr__
        # Small records of strings and enum values (citations, area judgements) repeat:
        # equal ones are shared. Their plain values are the key; a value equal to a
        # string is a string, so a hit needs no second check.
        shared: dict[tuple[Any, ...], Any] | None = (
            {} if count <= 2 and all(_stringlike(f.type) for f in fields) else None
        )

        def read(data: Any) -> Any:
            if type(data) is not dict or len(data) != count:
                raise _Unreadable(data)
            values = values_of(data)
            if shared is not None:
                found = shared.get(values)
                if found is not None:
                    return found
            record: Any = new(cls)
            for (name, reader), value in zip(steps, values, strict=True):
                if reader is None:
                    if type(value) is not str:
                        raise _Unreadable(value)
                    assign(record, name, value)
                else:
                    assign(record, name, reader(value))
            if shared is not None:
                shared[values] = record
            return record

        self.records[cls] = read
        return read


def _one(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Like ``operator.itemgetter(*names)``, but always a tuple (also for one name)."""

    def values_of(data: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(data[name] for name in names)

    return values_of


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
        self._types = {f.name: f.type for f in attrs.fields(_resolved(RecordSet))}
        self.names: tuple[str, ...] = tuple(self._types)
        """The tables it reads, in the record set's order."""

    def kind(self, name: str) -> Any:
        """The type of table ``name``: a tuple of its record type."""
        return self._types[name]

    def table(self, name: str, plain: Any) -> tuple[Any, ...] | None:
        """The records of table ``name``, or ``None`` if ``plain`` is not exactly readable."""
        kind = self._types.get(name)
        if kind is None:
            return None
        try:
            built: tuple[Any, ...] = self._readers.for_type(kind)(plain)
        except (_Unreadable, KeyError, TypeError, ValueError):
            return None
        return built


def build_trusted(data: Any) -> RecordSet | None:
    """The record set of the packaged bundle's plain tables, or ``None`` if not exactly readable.

    For data written by ``tools/build_bundle.py`` only: validators are not
    run again. ``None`` tells the caller to use the validating converter.
    """
    if type(data) is not dict:
        return None
    reader = TrustedReader()
    if not set(data) <= set(reader.names):
        return None
    tables = {}
    for name in reader.names:
        table = reader.table(name, data.get(name, []))
        if table is None:
            return None
        tables[name] = table
    return RecordSet(**tables)


def _resolved(cls: type) -> type:
    attrs.resolve_types(cls)
    return cls
