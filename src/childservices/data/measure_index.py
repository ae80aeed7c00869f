"""The lookups over the official statistics: the vocabulary, and figures by authority and measure.

Built on first use from the ``measures`` and ``observations`` tables (the
packaged observations are read only then), and shared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from childservices.model import GeographicLevel, Measure, Observation

if TYPE_CHECKING:
    from childservices.data.lazy import Tables

__all__ = ["Figures", "MeasureFigures", "build_figures"]


def _order(observation: Observation) -> tuple[str, int, str]:
    return (observation.measure, observation.year, observation.place)


@attrs.frozen(kw_only=True)
class MeasureFigures:
    """One measure's figures: every local authority's, and England's and the regions' apart.

    Each tuple is in order of year, then place; ``year`` is the year asked
    for, or ``None`` for every year.
    """

    measure: Measure
    year: int | None
    authorities: tuple[Observation, ...]
    """The local authorities' figures (each names the council that existed in its year)."""
    regions: tuple[Observation, ...]
    """The regions' figures (the nine regions, and Inner and Outer London)."""
    national: tuple[Observation, ...]
    """England's figure."""


@attrs.frozen(kw_only=True)
class Figures:
    """The vocabulary and the figures, looked up by measure and by authority."""

    measures: Mapping[str, Measure]
    """The vocabulary: each measure by id, in the order of the seeds."""
    by_authority: Mapping[str, tuple[Observation, ...]]
    """Each authority's figures, by measure, then year."""
    by_measure: Mapping[str, tuple[Observation, ...]]
    """Each measure's figures (every place), by year, then place."""

    def of_measure(self, measure: Measure, year: int | None) -> MeasureFigures:
        """A measure's figures in ``year`` (every year if ``None``), split by level."""
        found = [o for o in self.by_measure.get(measure.id, ()) if year is None or o.year == year]

        def level(kind: GeographicLevel) -> tuple[Observation, ...]:
            return tuple(o for o in found if o.level is kind)

        return MeasureFigures(
            measure=measure,
            year=year,
            authorities=level(GeographicLevel.LOCAL_AUTHORITY),
            regions=level(GeographicLevel.REGIONAL),
            national=level(GeographicLevel.NATIONAL),
        )


def build_figures(tables: Tables) -> Figures:
    """The lookups over a record's measures and observations."""
    by_authority: dict[str, list[Observation]] = defaultdict(list)
    by_measure: dict[str, list[Observation]] = defaultdict(list)
    for observation in sorted(tables.observations, key=_order):
        by_measure[observation.measure].append(observation)
        if observation.authority is not None:
            by_authority[observation.authority].append(observation)
    return Figures(
        measures=MappingProxyType({m.id: m for m in tables.measures}),
        by_authority=MappingProxyType({k: tuple(v) for k, v in by_authority.items()}),
        by_measure=MappingProxyType({k: tuple(v) for k, v in by_measure.items()}),
    )
