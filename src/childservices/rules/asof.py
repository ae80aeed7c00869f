"""As-of rules: what was in force on a given day.

An authority's **rating on a day** is the overall judgement of its latest
graded inspection whose report was published on or before that day. A
publication date known only to the month counts from the month's last day
(the conservative reading of :mod:`childservices.model.dates`).
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Collection, Sequence

from childservices.model import Framework, Inspection, PartialDate

__all__ = [
    "ALL_FRAMEWORKS",
    "SIF_AND_LATER",
    "counts_for_rating",
    "in_force",
    "latest_inspection",
    "publication_key",
]

SIF_AND_LATER: frozenset[Framework] = frozenset(
    {Framework.SIF, Framework.ILACS, Framework.ILACS_2026}
)
"""The frameworks whose overall judgement is an authority's rating by default."""

ALL_FRAMEWORKS: frozenset[Framework] = frozenset(Framework)
"""Every framework, including those before the SIF (their overall judgements are not
comparable with later ones: SLAC gave none, and their middle grade was 'adequate')."""


def publication_key(inspection: Inspection) -> datetime.date:
    """The day from which an inspection's report certainly was published."""
    return inspection.published.last_day()


def counts_for_rating(inspection: Inspection, frameworks: Collection[Framework]) -> bool:
    """Whether an inspection can set a rating: a graded kind under one of ``frameworks``."""
    kind = inspection.kind
    return inspection.framework in frameworks and (kind is None or kind.graded)


def latest_inspection(
    inspections: Sequence[Inspection],
    keys: Sequence[datetime.date],
    day: datetime.date,
    frameworks: Collection[Framework],
) -> Inspection | None:
    """The latest inspection published by ``day`` that can set a rating.

    ``inspections`` are sorted by :func:`publication_key` and ``keys`` are
    those keys, so the search is a bisection, not a scan.
    """
    index = bisect.bisect_right(keys, day)
    while index > 0:
        index -= 1
        candidate = inspections[index]
        if counts_for_rating(candidate, frameworks):
            return candidate
    return None


def in_force(day: datetime.date, start: PartialDate | None, end: PartialDate | None) -> bool | None:
    """Whether something that runs from ``start`` up to (not including) ``end`` was in force on ``day``.

    ``True`` when certainly, ``False`` when certainly not, ``None`` when the
    day falls in the uncertainty of a month- or year-precision boundary. An
    unknown ``start`` means "from before the dataset begins"; an unknown
    ``end`` means "still going".
    """
    started = (
        True
        if start is None
        else (True if start.last_day() <= day else (None if start.first_day() <= day else False))
    )
    if end is None:
        ended: bool | None = False
    elif end.last_day() <= day:
        ended = True
    elif end.first_day() <= day:
        ended = None
    else:
        ended = False
    if started is False or ended is True:
        return False
    if started is True and ended is False:
        return True
    return None
