"""The tables of the seed format: their columns, keys and record types.

``seeds/README.md`` describes the same tables for people; this module is the
machine's copy, and the data dictionary in the docs is generated from it and
the record types.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

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
    Reorganisation,
    Source,
    StatisticalNeighbour,
    Visit,
)

__all__ = ["CITATION_COLUMNS", "TABLES", "Table"]

CITATION_COLUMNS = ("source", "locator")
"""The columns every cited table has: which source states the row's fact, and where."""

_NOTE = "note"


@attrs.frozen(kw_only=True)
class Table:
    """One table of the seed format.

    ``key`` names the columns that identify one record: rows with the same
    key are claims about the same record by different sources, and are
    merged. ``record_type`` is the model class a merged row becomes
    (``None`` for ``judgements``, which become part of an inspection, and
    ``corrections``, which change other rows).
    """

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    record_type: type[Any] | None
    cited: bool = True

    @property
    def file_columns(self) -> tuple[str, ...]:
        """The columns of a file of this table, in the order generators write them."""
        extra = (*CITATION_COLUMNS, _NOTE) if self.cited else ()
        return (*self.columns, *extra)

    @property
    def allowed_columns(self) -> frozenset[str]:
        """Every column a file of this table may have."""
        extra = (*CITATION_COLUMNS, _NOTE) if self.cited else (_NOTE,)
        return frozenset((*self.columns, *extra))

    @property
    def required_columns(self) -> frozenset[str]:
        """The columns a file of this table must have."""
        return frozenset((*self.key, "source") if self.cited else self.key)


def _fields(cls: type[Any], *, without: tuple[str, ...] = ("citations",)) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls) if f.name not in without)


def _table(name: str, cls: type[Any], key: tuple[str, ...]) -> Table:
    return Table(name=name, key=key, columns=_fields(cls), record_type=cls)


TABLES: Mapping[str, Table] = MappingProxyType(
    {
        table.name: table
        for table in (
            Table(
                name="sources",
                key=("id",),
                columns=_fields(Source, without=()),
                record_type=Source,
                cited=False,
            ),
            _table("authorities", Authority, ("id",)),
            _table("authority_identifiers", Identifier, ("authority", "scheme", "value")),
            _table("authority_aliases", Alias, ("authority", "alias")),
            _table("reorganisations", Reorganisation, ("predecessor", "successor")),
            _table("statistical_neighbours", StatisticalNeighbour, ("authority", "neighbour")),
            Table(
                name="inspections",
                key=("id",),
                columns=_fields(Inspection, without=("citations", "judgements")),
                record_type=Inspection,
            ),
            Table(
                name="judgements",
                key=("inspection", "area"),
                columns=("inspection", "area", "grade"),
                record_type=None,
            ),
            _table("visits", Visit, ("id",)),
            _table("interventions", Intervention, ("id",)),
            _table("providers", Provider, ("id",)),
            _table("delivery", DeliveryEpisode, ("id",)),
            _table("lifecycle", LifecycleEvent, ("id",)),
            _table("insourcing", InsourcingEvent, ("id",)),
            _table("programmes", ProgrammeMembership, ("id",)),
            Table(
                name="corrections",
                key=("table", "id", "field"),
                columns=("table", "id", "field", "value", "reason"),
                record_type=None,
            ),
        )
    }
)
"""Every table of the seed format, by name, in the order they are read."""
