"""A measure's spread by grade on a day: each authority's rating that day beside its figure.

It describes; it does not show cause (see :mod:`childservices.rules.context`).
Every authority in existence on the day is in one group: its rating on the day
by the record's rule (:meth:`~childservices.AuthorityView.rating_on`: by
default the overall judgement of the latest SIF or ILACS inspection published
by then, carried from a single predecessor), a group of its own for an
inspection that gave no overall judgement (the 2026 framework), and a group of
its own for "no rating" (not yet inspected under those frameworks, or grade not
known). Each authority's figure is its own for ``year`` (by default the year
ended by the day: :func:`~childservices.rules.context.year_ended_by`). An
authority with no number (suppressed, or no figure in the files for that year)
is counted in its group and left out of the statistics.

**As of a day.** Given ``as_of``, only figures certainly published by that day
count (:mod:`childservices.rules.publication`): an authority whose figure was
not yet published then, or whose figure's publication date the record does not
know, is taken out of the groups and listed apart
(:attr:`MeasureByGrade.not_yet_published`, :attr:`MeasureByGrade.not_known`),
never dropped silently. One with no figure in the files stays in its group as
"no figure".

The quartiles are :func:`statistics.quantiles` with ``method="inclusive"`` (the
median of each half, the usual box-plot reading); with one value every
statistic is that value, with none they are ``None``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from childservices.model import Grade, Measure, NoJudgement, NotPublished, Observation, Overall
from childservices.rules.publication import FiguresAsOf

__all__ = ["GradeGroup", "MeasureByGrade", "group_label", "measure_by_grade"]

_ORDER: tuple[Overall | None, ...] = (
    Grade.OUTSTANDING,
    Grade.GOOD,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.ADEQUATE,
    Grade.INADEQUATE,
    NoJudgement.NOT_GIVEN,
    None,
)


def group_label(rating: Overall | None) -> str:
    """A group's name in words: the grade, "no overall judgement", or "no rating".

    >>> group_label(Grade.REQUIRES_IMPROVEMENT), group_label(None)
    ('requires improvement to be good', 'no rating (not yet inspected, or not known)')
    """
    if rating is None:
        return "no rating (not yet inspected, or not known)"
    if rating is NoJudgement.NOT_GIVEN:
        return "no overall judgement"
    return str(rating)


@attrs.frozen(kw_only=True)
class GradeGroup:
    """The authorities with one rating on the day, and the spread of their figures.

    ``rating`` is the grade (or :data:`~childservices.NOT_GIVEN`, or ``None``
    for no rating); ``authorities`` every authority in the group;
    ``values`` the (authority, number) of those with a number, in authority
    order; ``missing`` the (authority, why) of the others, why being the
    release's :class:`~childservices.model.measure.NotPublished` reason or
    ``None`` where the files hold no figure of the authority for the year.
    The statistics are over ``values`` only.
    """

    rating: Overall | None
    authorities: tuple[str, ...]
    values: tuple[tuple[str, float], ...]
    missing: tuple[tuple[str, NotPublished | None], ...]
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    minimum: float | None
    maximum: float | None

    @property
    def label(self) -> str:
        """The group's name in words (:func:`group_label`)."""
        return group_label(self.rating)

    @property
    def count(self) -> int:
        """How many of the group's authorities have a number."""
        return len(self.values)

    @property
    def not_published(self) -> int:
        """How many have the release's reason for no number instead."""
        return sum(1 for _, why in self.missing if why is not None)

    @property
    def no_figure(self) -> int:
        """How many have no figure in the files for the year."""
        return sum(1 for _, why in self.missing if why is None)


@attrs.frozen(kw_only=True)
class MeasureByGrade:
    """A measure's figures grouped by each authority's rating on ``day``: a description, not
    a cause.

    ``year`` is the reporting year whose figures are paired with the day's
    ratings (``year_rule`` says how it was chosen); ``groups`` run from
    outstanding to inadequate, then no overall judgement, then no rating,
    leaving out a group with no authority. ``as_of`` is the day whose published
    figures only were read (``None``: every figure in the files);
    ``not_yet_published`` and ``not_known`` are the ids of the authorities
    left out of the groups because their figure was not yet published on it,
    or its publication date is not known (both empty without ``as_of``).
    """

    measure: Measure
    day: datetime.date
    year: int
    year_rule: str
    groups: tuple[GradeGroup, ...]
    as_of: datetime.date | None = None
    not_yet_published: tuple[str, ...] = ()
    not_known: tuple[str, ...] = ()

    def group(self, rating: Overall | None) -> GradeGroup | None:
        """The group of ``rating`` (``None``: the no-rating group), if any authority is in it."""
        return next((g for g in self.groups if g.rating is rating), None)

    def __repr__(self) -> str:
        counts = ", ".join(f"{g.label} {g.count}" for g in self.groups) or "no group"
        known = (
            ""
            if self.as_of is None
            else (
                f"; as of {self.as_of}: {len(self.not_yet_published)} not yet published, "
                f"{len(self.not_known)} publication not known"
            )
        )
        return f"<MeasureByGrade {self.measure.id} {self.year} on {self.day}: {counts}{known}>"

    def __str__(self) -> str:
        lines = [f"{self.measure.name}, {self.year} ({self.year_rule}), by rating on {self.day}"]
        for g in self.groups:
            spread = (
                "no values"
                if g.median is None
                else (f"median {g.median:g}, quartiles {g.lower_quartile:g}-{g.upper_quartile:g}")
            )
            lines.append(f"{g.label}: {g.count} of {len(g.authorities)} with a value; {spread}")
        if self.as_of is not None:
            lines.append(
                f"as of {self.as_of}, left out: {len(self.not_yet_published)} not yet published, "
                f"{len(self.not_known)} whose publication date is not known"
            )
        return "\n".join(lines)


def _group(
    rating: Overall | None, members: list[str], figures: Mapping[str, Observation]
) -> GradeGroup:
    import statistics  # imported when used: loading the record does not need it

    values: list[tuple[str, float]] = []
    missing: list[tuple[str, NotPublished | None]] = []
    for authority in members:
        found = figures.get(authority)
        if found is None:
            missing.append((authority, None))
        elif isinstance(found.value, float):
            values.append((authority, found.value))
        else:
            missing.append((authority, found.value))
    numbers = sorted(v for _, v in values)
    lower: float | None
    upper: float | None
    if len(numbers) >= 2:
        lower, _, upper = statistics.quantiles(numbers, n=4, method="inclusive")
    else:
        lower = upper = numbers[0] if numbers else None
    return GradeGroup(
        rating=rating,
        authorities=tuple(members),
        values=tuple(values),
        missing=tuple(missing),
        median=float(statistics.median(numbers)) if numbers else None,
        lower_quartile=lower,
        upper_quartile=upper,
        minimum=numbers[0] if numbers else None,
        maximum=numbers[-1] if numbers else None,
    )


def measure_by_grade(
    *,
    measure: Measure,
    day: datetime.date,
    year: int,
    year_rule: str,
    ratings: Mapping[str, Overall | None],
    figures: Mapping[str, Observation],
    known: FiguresAsOf | None = None,
) -> MeasureByGrade:
    """``measure``'s figures for ``year`` (``figures``: each authority's, by id) grouped by
    ``ratings`` (each authority in existence on ``day`` with its rating then).

    ``known``, for an answer as of a day, is ``figures`` split by their
    publication on that day (:func:`~childservices.rules.publication.figures_as_of`);
    a figure in none of its groups counts as not known."""
    later: set[str] = set()
    unknown: set[str] = set()
    if known is not None:
        published = {o.authority or "" for o in known.published}
        later = {a for o in known.not_yet_published if (a := o.authority or "") in ratings}
        unknown = {a for a in figures if a in ratings and a not in published and a not in later}
    members: dict[Overall | None, list[str]] = {}
    for authority in sorted(ratings):
        if authority not in later and authority not in unknown:
            members.setdefault(ratings[authority], []).append(authority)
    groups = tuple(_group(r, members[r], figures) for r in _ORDER if r in members)
    return MeasureByGrade(
        measure=measure,
        day=day,
        year=year,
        year_rule=year_rule,
        groups=groups,
        as_of=None if known is None else known.day,
        not_yet_published=tuple(sorted(later)),
        not_known=tuple(sorted(unknown)),
    )
