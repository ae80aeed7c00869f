"""The lookups over the official statistics: the vocabulary, figures by authority and measure,
and the releases' publications.

Built on first use from the ``measures``, ``observations`` and
``publications`` tables (the packaged observations are read only then), and
shared.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from childservices.model import GeographicLevel, Measure, Observation, Publication

if TYPE_CHECKING:
    from childservices.data.lazy import Tables

__all__ = ["Figures", "MeasureFigures", "build_figures"]


def _order(observation: Observation) -> tuple[str, int, str]:
    return (observation.measure, observation.year, observation.place)


@attrs.frozen(kw_only=True)
class MeasureFigures:
    """One measure's figures: every local authority's, and England's and the regions' apart.

    Each tuple is in order of year, then place; ``year`` is the year asked
    for, or ``None`` for every year. ``as_of`` is the day asked about, or
    ``None`` (every figure, whenever published): with a day, the three
    tuples hold only the figures published by then, and
    :attr:`not_yet_published` and :attr:`not_known` the others (the rule is
    :mod:`childservices.rules.publication`).
    """

    measure: Measure
    year: int | None
    authorities: tuple[Observation, ...]
    """The local authorities' figures (each names the council that existed in its year)."""
    regions: tuple[Observation, ...]
    """The regions' figures (the nine regions, and Inner and Outer London)."""
    national: tuple[Observation, ...]
    """England's figure."""
    as_of: datetime.date | None = None
    """The day asked about, or ``None`` for every figure."""
    not_yet_published: tuple[Observation, ...] = ()
    """With :attr:`as_of`: the figures (every level) certainly not yet published that day."""
    not_known: tuple[Observation, ...] = ()
    """With :attr:`as_of`: the figures (every level) whose publication by that day the
    record cannot show: neither counted among the published ones nor dropped."""


@attrs.frozen(kw_only=True)
class Figures:
    """The vocabulary and the figures, looked up by measure and by authority."""

    measures: Mapping[str, Measure]
    """The vocabulary: each measure by id, in the order of the seeds."""
    by_authority: Mapping[str, tuple[Observation, ...]]
    """Each authority's figures, by measure, then year."""
    by_measure: Mapping[str, tuple[Observation, ...]]
    """Each measure's figures (every place), by year, then place."""
    publications: Mapping[str, Publication]
    """Each release's publication of a reporting year, by id (``release.year``)."""

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
        publications=MappingProxyType({p.id: p for p in tables.publications}),
    )
