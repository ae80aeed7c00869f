"""The packaged bundle's tables, each read and built when it is first asked for.

A question about ratings needs three of the fourteen tables (authorities,
their reorganisations and inspections); reading and building the others
(sources, statistical neighbours, identifiers and their thousands of
citations) would be most of the cost of loading. :class:`LazyRecords` keeps
each table's JSON text until the table is first used, then builds its
records once, under a lock, so every caller and thread sees the same
objects.

A table is built by the trusted fast path
(:class:`~childservices.data.fastbuild.TrustedReader`); one that path cannot
read exactly goes through the validating converter instead, which raises a
:class:`~childservices.DatasetError` naming the bundle, table, record and
field of anything wrong.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from childservices.data.columns import to_rows
from childservices.data.fastbuild import TrustedReader
from childservices.errors import DatasetError, InvalidRecordError, Problem
from childservices.model import (
    Alias,
    Authority,
    DeliveryEpisode,
    Identifier,
    InsourcingEvent,
    Inspection,
    Intervention,
    LifecycleEvent,
    ProgrammeMembership,
    Provider,
    RecordSet,
    Reorganisation,
    Source,
    StatisticalNeighbour,
    Visit,
)

if TYPE_CHECKING:
    # Built, and their types imported, only when their tables are first used.
    from childservices.model import DeliveryFigure, Measure, Observation, Publication

__all__ = ["LazyRecords", "Tables", "parse_line", "structure", "structure_table"]

T = TypeVar("T")


def structure(plain: Any, kind: Any, *, where: str, path: str) -> Any:
    """``plain`` structured as ``kind`` by the library's converter, with full validation.

    Every problem is raised together as a :class:`~childservices.DatasetError`
    naming ``where`` and the place in the data (``path``, then the record's
    position and field).
    """
    import cattrs

    from childservices.convert import converter

    def describe(exc: BaseException, type_: type | None) -> str:
        if isinstance(exc, ValueError | TypeError) and str(exc):
            return str(exc)
        return cattrs.v.format_exception(exc, type_)

    try:
        return converter.structure(plain, kind)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path=path, format_exception=describe)
        raise DatasetError([Problem(file=where, message=m) for m in messages]) from None
    except (KeyError, ValueError, TypeError) as exc:
        raise DatasetError([Problem(file=where, message=f"{path}: {exc}")]) from None


def parse_line(text: str | bytes, *, where: str, line: int, part: str) -> Any:
    """One line's JSON (text, or UTF-8 bytes), or a :class:`~childservices.DatasetError`
    naming the line and its part."""
    record = f"line {line} ({part})"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(file=where, record=record, message=f"bad JSON: {exc.msg}")
    except UnicodeDecodeError:
        problem = Problem(file=where, record=record, message="bad JSON: not UTF-8")
    except RecursionError:
        problem = Problem(file=where, record=record, message="bad JSON: nested too deeply")
    raise DatasetError([problem])


def structure_table(
    plain: Any, record_type: type, *, where: str, line: int, table: str
) -> tuple[Any, ...]:
    """The records of ``table`` (line ``line`` of ``where``), from columns, through the
    validating converter.

    A wrong layout or any bad value raises a :class:`~childservices.DatasetError`
    naming the file, the line and table, and the record's position and field.
    """
    try:
        rows = to_rows(plain, record_type)
    except ValueError as exc:
        place = f"line {line} (table {table})"
        raise DatasetError([Problem(file=where, record=place, message=str(exc))]) from None
    kind: Any = tuple[record_type, ...]  # type: ignore[valid-type]
    records: tuple[Any, ...] = structure(rows, kind, where=where, path=f"$.{table}")
    return records


class _Table(Generic[T]):
    """A table of :class:`LazyRecords`, built on first access."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: LazyRecords, owner: type) -> tuple[T, ...]:
        return instance.table(self.name)


class LazyRecords:
    """The tables of a record set, each built from its JSON text on first use.

    It has the same table attributes as :class:`~childservices.model.RecordSet`;
    :meth:`record_set` builds every table and gives the record set itself.
    Read-only: its attributes cannot be set.
    """

    sources = _Table[Source]()
    authorities = _Table[Authority]()
    authority_identifiers = _Table[Identifier]()
    authority_aliases = _Table[Alias]()
    reorganisations = _Table[Reorganisation]()
    statistical_neighbours = _Table[StatisticalNeighbour]()
    inspections = _Table[Inspection]()
    visits = _Table[Visit]()
    interventions = _Table[Intervention]()
    providers = _Table[Provider]()
    delivery = _Table[DeliveryEpisode]()
    lifecycle = _Table[LifecycleEvent]()
    insourcing = _Table[InsourcingEvent]()
    delivery_figures: _Table[DeliveryFigure] = _Table()
    programmes = _Table[ProgrammeMembership]()
    measures: _Table[Measure] = _Table()
    observations: _Table[Observation] = _Table()
    publications: _Table[Publication] = _Table()

    __slots__ = ("_built", "_lock", "_pending", "_reader", "_record_set", "_where")
    _built: dict[str, tuple[Any, ...]]
    _lock: threading.Lock
    _pending: dict[str, tuple[int, str | bytes] | Callable[[], tuple[str, int, str | bytes]]]
    _reader: TrustedReader
    _record_set: list[RecordSet]
    _where: str

    def __init__(
        self,
        texts: Mapping[str, tuple[int, str | bytes]],
        *,
        where: str,
        deferred: Mapping[str, Callable[[], tuple[str, int, str | bytes]]] | None = None,
    ) -> None:
        """``texts`` maps each table to its line number in ``where`` and its JSON text (or
        its UTF-8 bytes);
        ``deferred`` each other table to a function giving its file, line and JSON text,
        called when the table is first used."""
        reader = TrustedReader()
        pending: dict[str, tuple[int, str | bytes] | Callable[[], tuple[str, int, str | bytes]]] = dict(texts)
        pending.update(deferred or {})
        if set(pending) != set(reader.names) or len(pending) != len(texts) + len(deferred or {}):
            raise InvalidRecordError(f"expected the tables {reader.names}, got {tuple(pending)}")
        init = object.__setattr__
        init(self, "_pending", pending)
        init(self, "_built", {})
        init(self, "_lock", threading.Lock())
        init(self, "_reader", reader)
        init(self, "_where", where)
        init(self, "_record_set", [])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def table(self, name: str) -> tuple[Any, ...]:
        """The records of table ``name``, built on the first call."""
        built: tuple[Any, ...] | None = self._built.get(name)
        if built is None:
            with self._lock:
                built = self._built.get(name)
                if built is None:
                    built = self._built[name] = self._build(name)
        return built

    @property
    def built(self) -> frozenset[str]:
        """The tables built so far."""
        with self._lock:
            return frozenset(self._built)

    def record_set(self) -> RecordSet:
        """Every table, as one record set (built once, then shared)."""
        if not self._record_set:
            tables = {name: self.table(name) for name in self._reader.names}
            with self._lock:
                if not self._record_set:
                    self._record_set.append(RecordSet(**tables))
        found: RecordSet = self._record_set[0]
        return found

    def _build(self, name: str) -> tuple[Any, ...]:
        pending = self._pending[name]
        where, line, text = pending() if callable(pending) else (self._where, *pending)
        plain = parse_line(text, where=where, line=line, part=f"table {name}")
        records = self._reader.table(name, plain)
        if records is None:
            record_type = self._reader.record_type(name)
            records = structure_table(plain, record_type, where=where, line=line, table=name)
        del self._pending[name]
        return records


Tables: TypeAlias = RecordSet | LazyRecords
"""A dataset's tables: a record set, or the bundled dataset's tables built on first use."""
