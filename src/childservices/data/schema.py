"""The schema of the record: its tables, their keys and columns, and the references between them.

Each table is a folder of CSV files in ``seeds/`` and (but for ``judgements``
and ``corrections``) a tuple of records of a
:class:`~childservices.model.RecordSet`. ``seeds/README.md`` describes the
tables for people; this module is the machine's copy.

Every reference between tables (a column whose value is the id of a record of
another table, or of its own: an inspection's ``authority``, an intervention's
``replaces``) is declared here once, with its table, as a :class:`Reference`;
a cited table's ``source`` column names a record of ``sources`` too. The
rest is derived from these declarations: the seed reader's checks as rows are
read (:mod:`childservices.records.read`), the cross-record checks
(:mod:`childservices.data.checks`), the names of records in their problems
(:meth:`Table.label`, :attr:`Table.noun`) and the data dictionary of the docs.

>>> from childservices.data.schema import TABLES
>>> [(r.column, r.target) for r in TABLES["delivery"].references]
[('authority', 'authorities'), ('provider', 'providers')]
>>> TABLES["judgements"].references
(Reference(column='inspection', target='inspections', same_authority=False, own_check=False),)
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
    DeliveryFigure,
    Identifier,
    InsourcingEvent,
    Inspection,
    Intervention,
    LifecycleEvent,
    Measure,
    Observation,
    ProgrammeMembership,
    Provider,
    Publication,
    Reorganisation,
    Source,
    StatisticalNeighbour,
    Visit,
)

__all__ = ["CITATION_COLUMNS", "TABLES", "Reference", "Table"]

CITATION_COLUMNS = ("source", "locator")
"""The columns every cited table has: which source states the row's fact, and where."""

_NOTE = "note"


@attrs.frozen
class Reference:
    """A column whose value is the id of a record of the table ``target``.

    ``same_authority``: the record named must concern the same authority as
    the record naming it (a step replaces a step of the same authority's
    intervention). ``own_check``: the reference is resolved by a check of its
    own, which also asks what kind of record it names (a lifecycle event's
    ``intervention`` must name a direction or a decision:
    :func:`~childservices.data.intervention_checks.lifecycle_acts`), not by the
    checks of references in general.
    """

    column: str
    target: str
    same_authority: bool = attrs.field(default=False, kw_only=True)
    own_check: bool = attrs.field(default=False, kw_only=True)


def _noun_default(table: Table) -> str:
    return table.name


@attrs.frozen(kw_only=True)
class Table:
    """One table of the seed format.

    ``key`` names the columns that identify one record: rows with the same
    key are claims about the same record by different sources, and are
    merged. ``record_type`` is the model class a merged row becomes
    (``None`` for ``judgements``, which become part of an inspection, and
    ``corrections``, which change other rows). ``references`` are its
    columns that name records of other tables (a cited table's ``source``
    is not listed: every cited table has it). ``noun`` is what one of its
    records is called in messages ("no authority 'x'").
    """

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    record_type: type[Any] | None
    cited: bool = True
    references: tuple[Reference, ...] = ()
    noun: str = attrs.field(default=attrs.Factory(_noun_default, takes_self=True))

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

    def record_key(self, record: Any) -> str:
        """The key of one of this table's records as the seed format writes it: the values
        of its key columns (enumerations by value) joined by ``/``."""
        parts = (getattr(record, name) for name in self.key)
        return "/".join(str(getattr(part, "value", part)) for part in parts)

    def label(self, record: Any) -> str:
        """How problems name one of this table's records: ``"<table> <key>"``."""
        return f"{self.name} {self.record_key(record)}"


def _fields(cls: type[Any], *, without: tuple[str, ...] = ("citations",)) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls) if f.name not in without)


def _to(target: str, *columns: str) -> tuple[Reference, ...]:
    return tuple(Reference(column, target) for column in columns)


_AUTHORITY = _to("authorities", "authority")
_AUTHORITY_AND_PROVIDER = (*_AUTHORITY, *_to("providers", "provider"))


def _table(
    name: str,
    cls: type[Any],
    key: tuple[str, ...],
    noun: str,
    references: tuple[Reference, ...] = (),
) -> Table:
    return Table(
        name=name,
        key=key,
        columns=_fields(cls),
        record_type=cls,
        references=references,
        noun=noun,
    )


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
                noun="source",
            ),
            _table("authorities", Authority, ("id",), "authority"),
            _table(
                "authority_identifiers",
                Identifier,
                ("authority", "scheme", "value"),
                "identifier",
                _AUTHORITY,
            ),
            _table("authority_aliases", Alias, ("authority", "alias"), "alias", _AUTHORITY),
            _table(
                "reorganisations",
                Reorganisation,
                ("predecessor", "successor"),
                "reorganisation",
                _to("authorities", "predecessor", "successor"),
            ),
            _table(
                "statistical_neighbours",
                StatisticalNeighbour,
                ("grouping", "authority", "neighbour"),
                "statistical neighbour",
                _to("authorities", "authority", "neighbour"),
            ),
            Table(
                name="inspections",
                key=("id",),
                columns=_fields(Inspection, without=("citations", "judgements")),
                record_type=Inspection,
                references=_AUTHORITY,
                noun="inspection",
            ),
            Table(
                name="judgements",
                key=("inspection", "area"),
                columns=("inspection", "area", "grade"),
                record_type=None,
                references=_to("inspections", "inspection"),
                noun="judgement",
            ),
            _table("visits", Visit, ("id",), "visit", _AUTHORITY),
            _table(
                "interventions",
                Intervention,
                ("id",),
                "intervention",
                (
                    *_AUTHORITY,
                    Reference("replaces", "interventions", same_authority=True),
                    Reference("answers", "inspections", same_authority=True),
                ),
            ),
            _table("providers", Provider, ("id",), "provider"),
            _table(
                "delivery", DeliveryEpisode, ("id",), "delivery episode", _AUTHORITY_AND_PROVIDER
            ),
            _table(
                "lifecycle",
                LifecycleEvent,
                ("id",),
                "lifecycle event",
                (
                    *_AUTHORITY_AND_PROVIDER,
                    Reference("intervention", "interventions", same_authority=True, own_check=True),
                ),
            ),
            _table(
                "insourcing", InsourcingEvent, ("id",), "return in-house", _AUTHORITY_AND_PROVIDER
            ),
            _table(
                "delivery_figures",
                DeliveryFigure,
                ("id",),
                "delivery figure",
                (
                    *_AUTHORITY_AND_PROVIDER,
                    Reference("episode", "delivery", same_authority=True),
                    Reference("insourcing", "insourcing", same_authority=True),
                ),
            ),
            _table("programmes", ProgrammeMembership, ("id",), "programme place", _AUTHORITY),
            _table("measures", Measure, ("id",), "measure", _to("sources", "release")),
            _table(
                "observations",
                Observation,
                ("id",),
                "observation",
                (*_AUTHORITY, *_to("measures", "measure")),
            ),
            _table("publications", Publication, ("id",), "publication", _to("sources", "release")),
            Table(
                name="corrections",
                key=("table", "id", "field"),
                columns=("table", "id", "field", "value", "reason"),
                record_type=None,
                noun="correction",
            ),
        )
    }
)
"""Every table of the seed format, by name, in the order they are read."""
