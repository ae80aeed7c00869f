"""Which DfE statistical neighbour grouping was in force on a day, and an authority's list in it.

The record holds two DfE groupings (:class:`~childservices.model.NeighbourGrouping`),
each row carrying the first and last days the sources show its grouping in force
(:attr:`~childservices.model.StatisticalNeighbour.in_force_from` and ``in_force_to``).
A grouping is in force on ``day`` when ``day`` is on or after the *last* day its
``in_force_from`` could be (a month-precision April 2021 counts from 30 April 2021)
and, if ``in_force_to`` is known, on or before the *first* day that could be. On any
other day (before the first grouping, in the weeks of 2025 between Data to Insight's
last snapshot with the 2021 lists and its first with the 2025 model) the grouping is
not known: the answer is ``None``, never a guess. If two groupings could both be in
force on a day, that too is not known.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from childservices.model import NeighbourGrouping, PartialDate, StatisticalNeighbour

__all__ = ["grouping_on", "neighbours_in"]

Period = tuple[PartialDate | None, PartialDate | None]


def _in_force(period: Period, day: datetime.date) -> bool:
    start, end = period
    if start is None or day < start.latest:
        return False
    return end is None or day <= end.earliest


def grouping_on(
    periods: Mapping[NeighbourGrouping, Period], day: datetime.date
) -> NeighbourGrouping | None:
    """The one grouping in force on ``day`` by ``periods`` (each grouping's first and last
    days in force), or ``None`` where none or more than one could be.

    >>> from childservices.model import PartialDate as D
    >>> periods = {
    ...     NeighbourGrouping.DFE_2021: (D(2021, 4), D(2025, 3, 30)),
    ...     NeighbourGrouping.DFE_2025: (D(2025, 6, 16), None),
    ... }
    >>> [grouping_on(periods, datetime.date(*d)) for d in ((2021, 4, 1), (2022, 1, 1))]
    [None, <NeighbourGrouping.DFE_2021: 'dfe-2021'>]
    >>> grouping_on(periods, datetime.date(2025, 5, 1)) is None
    True
    >>> grouping_on(periods, datetime.date(2026, 1, 1)).value
    'dfe-2025'
    """
    found = [grouping for grouping, period in periods.items() if _in_force(period, day)]
    return found[0] if len(found) == 1 else None


def neighbours_in(
    rows: Iterable[StatisticalNeighbour], grouping: NeighbourGrouping
) -> tuple[StatisticalNeighbour, ...]:
    """An authority's neighbours in ``grouping`` (from all its ``rows``), closest first."""
    return tuple(sorted((n for n in rows if n.grouping is grouping), key=lambda n: n.rank))
