"""A set of records, one tuple per table: what a bundle or a folder of seeds holds."""

from __future__ import annotations

import attrs

from childservices.model.authority import (
    Alias,
    Authority,
    Identifier,
    Reorganisation,
    StatisticalNeighbour,
)
from childservices.model.delivery import DeliveryEpisode, Provider
from childservices.model.delivery_figure import DeliveryFigure
from childservices.model.insourcing import InsourcingEvent
from childservices.model.inspection import Inspection
from childservices.model.intervention import Intervention
from childservices.model.lifecycle import LifecycleEvent
from childservices.model.measure import Measure, Observation
from childservices.model.programme import ProgrammeMembership
from childservices.model.publication import Publication
from childservices.model.source import Source
from childservices.model.visit import Visit

__all__ = ["RecordSet"]


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
