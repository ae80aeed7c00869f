"""A set of records, one tuple per table: what a bundle or a folder of seeds holds."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import attrs

from childservices.errors import InvalidRecordError, UnknownRecordError
from childservices.model.authority import (
    Alias,
    Authority,
    Identifier,
    Reorganisation,
    StatisticalNeighbour,
)
from childservices.model.delivery import DeliveryEpisode, Provider
from childservices.model.insourcing import InsourcingEvent
from childservices.model.inspection import Inspection
from childservices.model.intervention import Intervention
from childservices.model.later import later_name
from childservices.model.lifecycle import LifecycleEvent
from childservices.model.programme import ProgrammeMembership
from childservices.model.source import Source
from childservices.model.visit import Visit

if TYPE_CHECKING:
    # Named by the statistics' tables, resolved by :func:`table_type` when first needed.
    from childservices.model.delivery_figure import DeliveryFigure
    from childservices.model.measure import Measure, Observation
    from childservices.model.publication import Publication

__all__ = ["RecordSet", "model_names", "table_type"]


@attrs.frozen(kw_only=True)
class RecordSet:
    """Every record of a dataset, table by table, before cross-checks and indexes.

    The field names are the table names used by ``seeds/`` and by exports.
    """

    sources: tuple[Source, ...] = ()
    authorities: tuple[Authority, ...] = ()
    authority_identifiers: tuple[Identifier, ...] = ()
    authority_aliases: tuple[Alias, ...] = ()
    reorganisations: tuple[Reorganisation, ...] = ()
    statistical_neighbours: tuple[StatisticalNeighbour, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    visits: tuple[Visit, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    providers: tuple[Provider, ...] = ()
    delivery: tuple[DeliveryEpisode, ...] = ()
    lifecycle: tuple[LifecycleEvent, ...] = ()
    insourcing: tuple[InsourcingEvent, ...] = ()
    delivery_figures: tuple[DeliveryFigure, ...] = ()
    programmes: tuple[ProgrammeMembership, ...] = ()
    measures: tuple[Measure, ...] = ()
    observations: tuple[Observation, ...] = ()
    publications: tuple[Publication, ...] = ()

    def count(self) -> int:
        """How many records in all."""
        return sum(len(getattr(self, f.name)) for f in attrs.fields(RecordSet))


_TUPLE_OF = re.compile(r"tuple\[(\w+), \.\.\.\]")
"""How the record set's fields are annotated: a tuple of one record type."""


class _ModelNames(dict[str, Any]):
    """The model's names for resolving one table's annotation: each imported when first
    looked up (the package imports some record types only when first named)."""

    def __missing__(self, key: str) -> Any:
        found = later_name(key)
        if found is None:
            # A KeyError (as a mapping must): a name that is not one of them is then looked
            # up among the module's globals and the builtins.
            raise UnknownRecordError(key)
        return found


def model_names() -> dict[str, Any]:
    """A namespace of the model's names for resolving annotations (``localns`` of
    :func:`attrs.resolve_types`): each name imported when first looked up."""
    return _ModelNames()


def table_type(name: str) -> Any:
    """The (resolved) type of the record set's table ``name``, ``tuple[R, ...]``: only that
    table's record type is imported."""
    field = attrs.fields_dict(RecordSet)[name]
    if not isinstance(field.type, str):
        return field.type
    found = _TUPLE_OF.fullmatch(field.type)
    if found is None:
        raise InvalidRecordError(f"RecordSet.{name} is not a tuple of records: {field.type}")
    record_type = globals().get(found.group(1)) or _ModelNames()[found.group(1)]
    return tuple[record_type, ...]  # type: ignore[valid-type]
