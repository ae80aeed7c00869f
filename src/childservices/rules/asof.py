"""As-of rules: what was in force on a given day.

An authority's **rating on a day** is the overall judgement of its latest
graded inspection whose report was published on or before that day. A
publication date known only to the month counts from the month's last day
(the conservative reading of :mod:`childservices.model.dates`).

Since the reform of 2026 an inspection may give no overall judgement, so a
rating can be taken on another **basis** (:class:`RatingBasis`, or one
judgement area): the latest overall judgement however old, or the grade of
one named judgement. No basis makes up an overall grade.
"""

from __future__ import annotations

import bisect
import datetime
import enum
from collections.abc import Collection, Sequence

from childservices.model import (
    FRAMEWORK_AREAS,
    NOT_GIVEN,
    Area,
    Framework,
    Grade,
    Inspection,
    Overall,
    PartialDate,
)

__all__ = [
    "ALL_FRAMEWORKS",
    "SIF_AND_LATER",
    "RatingBasis",
    "counts_for_rating",
    "gives_rating",
    "in_force",
    "latest_inspection",
    "publication_key",
    "rating_from",
]

SIF_AND_LATER: frozenset[Framework] = frozenset(
    {Framework.SIF, Framework.ILACS, Framework.ILACS_2026}
)
"""The frameworks whose overall judgement is an authority's rating by default."""

ALL_FRAMEWORKS: frozenset[Framework] = frozenset(Framework)
"""Every framework, including those before the SIF (their overall judgements are not
comparable with later ones: SLAC gave none, and their middle grade was 'adequate')."""


class RatingBasis(enum.Enum):
    """What an authority's rating on a day is read from, besides one judgement area.

    Pass an :class:`~childservices.Area` instead to rate authorities by one
    named judgement (for example :attr:`~childservices.Area.IMPACT_OF_LEADERS`,
    graded by ILACS before and after the 2026 reform).
    """

    OVERALL = "overall"
    """The overall judgement of the latest graded inspection: once that inspection is
    a reformed one (2026), the rating is :data:`~childservices.NOT_GIVEN`. The default."""
    LATEST_OVERALL = "latest_overall"
    """The latest overall judgement given, however old: an inspection that gives none
    (the reformed framework of 2026) does not replace it. Read the rating's date with
    it (:meth:`~childservices.AuthorityView.rated_inspection_on`)."""


def gives_rating(inspection: Inspection, basis: RatingBasis | Area) -> bool:
    """Whether ``inspection`` can set a rating on ``basis``.

    On :attr:`RatingBasis.LATEST_OVERALL` an inspection that gives no overall
    judgement cannot (one whose overall judgement is unknown can: it may have
    been a grade). On an area, an inspection that graded that area can, and so
    can one whose area grades are all unknown under a framework that grades
    it (so that an unknown grade is not skipped in favour of an older one);
    one that graded other areas but not this one cannot (the area was not
    judged on its own: before 2023 ILACS judged children in care and care
    leavers together).
    """
    if basis is RatingBasis.OVERALL:
        return True
    if basis is RatingBasis.LATEST_OVERALL:
        return inspection.overall is not NOT_GIVEN
    assert isinstance(basis, Area)
    if basis in inspection.grades:
        return True
    return not inspection.judgements and basis in FRAMEWORK_AREAS[inspection.framework]


def rating_from(inspection: Inspection, basis: RatingBasis | Area) -> Overall | None:
    """The rating ``inspection`` sets on ``basis`` (``None`` when it is unknown)."""
    if isinstance(basis, RatingBasis):
        return inspection.overall
    grade: Grade | None = inspection.grades.get(basis)
    return grade


def publication_key(inspection: Inspection) -> datetime.date:
    """The day from which an inspection's report certainly was published."""
    return inspection.published.last_day()


def counts_for_rating(inspection: Inspection, frameworks: Collection[Framework]) -> bool:
    """Whether an inspection can set a rating: one under one of ``frameworks``.

    Every kind of inspection can; visits (:class:`~childservices.model.visit.Visit`)
    are not inspections and never set one.
    """
    return inspection.framework in frameworks


def latest_inspection(
    inspections: Sequence[Inspection],
    keys: Sequence[datetime.date],
    day: datetime.date,
    frameworks: Collection[Framework],
    basis: RatingBasis | Area = RatingBasis.OVERALL,
) -> Inspection | None:
    """The latest inspection published by ``day`` that can set a rating on ``basis``.

    ``inspections`` are sorted by :func:`publication_key` and ``keys`` are
    those keys, so the search is a bisection, not a scan.
    """
    index = bisect.bisect_right(keys, day)
    while index > 0:
        index -= 1
        candidate = inspections[index]
        if counts_for_rating(candidate, frameworks) and gives_rating(candidate, basis):
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
