"""Panels and aggregates over every authority: ratings on dates, shares, transitions, survival.

Counting rules, stated once:

- **Share of authorities by grade** counts authorities in existence on the
  day whose rating is a grade. Authorities with no rating yet, an unknown
  one, or a judgement that gives none (:data:`~childservices.NOT_GIVEN`,
  ILACS as reformed in 2026) are left out of the denominator, so shares sum
  to 1 over the authorities counted.
- **Transitions** are between an authority's consecutive graded inspections
  under the chosen frameworks (its own inspections, not its predecessor's).
- **Reaching good** (:func:`survival`) counts units followed over years:
  lineages by default (a council with its predecessors and successors,
  once), each entering at one judgement of its own (see
  :mod:`childservices.rules.lineage` and :mod:`childservices.rules.survival`).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import attrs
import pendulum

from childservices.coverage import newest_publication
from childservices.model import (
    Area,
    DeliveryModel,
    Framework,
    Grade,
    Inspection,
    Overall,
    PartialDate,
    Visit,
    as_date,
)
from childservices.rules.asof import SIF_AND_LATER, RatingBasis, counts_for_rating
from childservices.rules.carryover import rating_inspections
from childservices.rules.delivery import DeliveryStatus, delivery_group
from childservices.rules.history import AuthorityHistory
from childservices.rules.intervention import STALE_AFTER_YEARS, InterventionStatus, years_after
from childservices.rules.lineage import Unit
from childservices.rules.ondate import active_on, delivery_on, intervention_status_on, rating_on

__all__ = [
    "PanelRow",
    "SurvivalRow",
    "delivery_group",
    "monthly",
    "panel",
    "quarterly",
    "shares",
    "survival",
    "transitions",
]


def _dates(start: pendulum.Date, end: pendulum.Date, months: int) -> tuple[pendulum.Date, ...]:
    first = pendulum.Date(start.year, start.month, 1)
    if first < start:
        first = first.add(months=1)
    out = []
    day = first
    while day <= end:
        out.append(day)
        day = day.add(months=months)
    return tuple(out)


def monthly(start: str | datetime.date, end: str | datetime.date) -> tuple[pendulum.Date, ...]:
    """The first day of every month from ``start`` to ``end`` (both included where they fall).

    >>> [str(d) for d in monthly("2024-01-15", "2024-04-01")]
    ['2024-02-01', '2024-03-01', '2024-04-01']
    """
    return _dates(as_date(start), as_date(end), 1)


def quarterly(start: str | datetime.date, end: str | datetime.date) -> tuple[pendulum.Date, ...]:
    """The first day of every third month from the first month-start on or after ``start``.

    >>> [str(d) for d in quarterly("2024-01-01", "2024-12-31")]
    ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']
    """
    return _dates(as_date(start), as_date(end), 3)


@attrs.frozen(kw_only=True)
class PanelRow:
    """One authority on one day: its rating, delivery model and intervention status, and the
    visits in the row's period.

    The row's period runs from its day to the next later day of the panel
    (exclusive): a monthly panel's row of 1 February holds the visits of
    February. ``visits`` are the ids of Ofsted's visits to the authority
    placed in that period (see :func:`~childservices.rules.trajectory.visits_in`),
    in order, or ``None`` on the panel's last day, whose period has no end.
    An empty tuple means no visit recorded: the record holds the visits of
    some years only (see the coverage of visits in the data documentation).

    ``delivery_model`` is ``None`` when the record cannot say who ran the
    services; ``delivery_status`` says why (see
    :class:`~childservices.rules.delivery.DeliveryStatus`): count
    :attr:`~childservices.rules.delivery.DeliveryStatus.NOT_KNOWN` rows apart,
    never as running under the episode's model nor as in-house.
    """

    authority: str
    day: pendulum.Date
    rating: Overall | None
    delivery_model: DeliveryModel | None
    intervention: InterventionStatus
    visits: tuple[str, ...] | None = None
    delivery_status: DeliveryStatus = DeliveryStatus.CERTAIN


def _change_days(
    authority: AuthorityHistory, frameworks: Collection[Framework]
) -> list[pendulum.Date]:
    """Every day on which the authority's existence, rating, delivery or intervention can change.

    Each as-of rule compares a boundary's earliest or latest possible day (or
    the day after an authority's last day) with the day asked about, so the
    answers are constant between consecutive days of this list.
    """
    days: set[pendulum.Date] = set()

    def add(*dates: PartialDate | None) -> None:
        for date in dates:
            if date is not None:
                days.update((date.earliest, date.latest, date.latest.add(days=1)))

    add(authority.record.active_from, authority.record.active_to)
    for inspection in rating_inspections(authority, frameworks):
        add(inspection.published)
    for inspection in authority.inspections:  # later judgements bear on interventions
        add(inspection.published)
    for episode in authority.deliveries:
        add(episode.start, episode.end, episode.known_until)
    for step in authority.interventions:
        add(step.date, step.end)
        if step.date is not None:  # an intervention with no act for years is not known
            stale = years_after(step.date.last_day(), STALE_AFTER_YEARS)
            days.update((as_date(stale), as_date(stale).add(days=1)))
    return sorted(days)


def panel(
    authorities: Iterable[AuthorityHistory],
    days: Sequence[datetime.date],
    *,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
) -> tuple[PanelRow, ...]:
    """A row for every authority in existence on each day, ordered by day then authority id.

    ``rating`` is read on ``rating_basis`` (see :class:`~childservices.RatingBasis`).

    Each authority's answers are worked out once for each stretch between
    the days on which they can change (see :func:`_change_days`), not once
    per day asked: the same answers as calling
    :func:`~childservices.rules.ondate.rating_on`,
    :func:`~childservices.rules.ondate.delivery_on` and
    :func:`~childservices.rules.ondate.intervention_status_on` day by day.
    ``authorities`` are histories (:mod:`childservices.rules.history`): a
    dataset, some of its authorities, or histories of your own records.
    ``visits`` are the authority's own visits in each row's period (see
    :class:`PanelRow`).
    """
    chosen = sorted(authorities, key=lambda a: a.id)
    asked = [as_date(raw) for raw in days]
    distinct = sorted(set(asked))
    next_day = dict(zip(distinct, [*distinct[1:], None], strict=True))
    by_authority: list[list[PanelRow | None]] = []
    for authority in chosen:
        changes = _change_days(authority, frameworks)
        visits = authority.visits
        placed = [v.date.latest for v in visits]
        answers: dict[int, _Answer | None] = {}
        rows: list[PanelRow | None] = []
        for day in asked:
            stretch = bisect.bisect_right(changes, day)
            if stretch not in answers:
                answers[stretch] = _answer(authority, day, frameworks, rating_basis)
            answer = answers[stretch]
            rows.append(
                None
                if answer is None
                else PanelRow(
                    authority=authority.id,
                    day=day,
                    rating=answer[0],
                    delivery_model=answer[1],
                    intervention=answer[2],
                    visits=_visits_between(visits, placed, day, next_day[day]),
                    delivery_status=answer[3],
                )
            )
        by_authority.append(rows)
    return tuple(
        row
        for index in range(len(asked))
        for rows in by_authority
        if (row := rows[index]) is not None
    )


_Answer = tuple[Overall | None, DeliveryModel | None, InterventionStatus, DeliveryStatus]


def _visits_between(
    visits: Sequence[Visit],
    placed: Sequence[pendulum.Date],
    start: pendulum.Date,
    end: pendulum.Date | None,
) -> tuple[str, ...] | None:
    """The ids of ``visits`` (in date order; ``placed`` their days) in ``[start, end)``."""
    if end is None:
        return None
    return tuple(v.id for v, day in zip(visits, placed, strict=True) if start <= day < end)


def _answer(
    authority: AuthorityHistory,
    day: pendulum.Date,
    frameworks: Collection[Framework],
    rating_basis: RatingBasis | Area,
) -> _Answer | None:
    if active_on(authority, day) is not True:
        return None
    delivery = delivery_on(authority, day)
    return (
        rating_on(authority, day, frameworks, rating_basis=rating_basis),
        None if delivery is None else delivery.model,
        intervention_status_on(authority, day),
        DeliveryStatus.CERTAIN if delivery is None else delivery.status,
    )


def shares(
    ratings: Mapping[str, Overall | None], group_of: Callable[[str], str] | None = None
) -> dict[str, dict[Grade, float]]:
    """The share of authorities at each grade, per group (one group ``"all"`` by default).

    Only ratings that are grades are counted (see the module's rules).

    >>> from childservices import Grade, NOT_GIVEN
    >>> shares({"a": Grade.GOOD, "b": Grade.INADEQUATE, "c": None, "d": NOT_GIVEN})
    {'all': {<Grade.GOOD: 'good'>: 0.5, <Grade.INADEQUATE: 'inadequate'>: 0.5}}
    """
    counts: dict[str, Counter[Grade]] = defaultdict(Counter)
    for authority, rating in ratings.items():
        if isinstance(rating, Grade):
            counts["all" if group_of is None else group_of(authority)][rating] += 1
    return {
        group: {grade: n / sum(counter.values()) for grade, n in counter.items()}
        for group, counter in sorted(counts.items())
    }


def transitions(
    authorities: Iterable[AuthorityHistory],
    *,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    group_of: Callable[[AuthorityHistory, Inspection, Inspection], str] | None = None,
) -> dict[str, Counter[tuple[Grade, Grade]]]:
    """Counts of (earlier grade, later grade) over consecutive graded inspections, per group.

    ``group_of(authority, earlier, later)`` names the group of a transition
    (for example the era, or the delivery model on the later publication
    date); by default everything is in ``"all"``.
    """
    found: dict[str, Counter[tuple[Grade, Grade]]] = defaultdict(Counter)
    for authority in authorities:
        graded = [i for i in authority.inspections if counts_for_rating(i, frameworks) and i.graded]
        for earlier, later in itertools.pairwise(graded):
            assert isinstance(earlier.overall, Grade) and isinstance(later.overall, Grade)
            group = "all" if group_of is None else group_of(authority, earlier, later)
            found[group][(earlier.overall, later.overall)] += 1
    return dict(found)


@attrs.frozen(kw_only=True)
class SurvivalRow:
    """Of the units judged inadequate in a period, how many reached good within each horizon.

    A view of :func:`~childservices.rules.survival.time_to_good` grouped by
    delivery model (:meth:`TimeToGood.followed_up
    <childservices.rules.survival.TimeToGood.followed_up>` and
    :meth:`~childservices.rules.survival.TimeToGood.reached_within`).
    """

    group: str
    authorities: tuple[str, ...]
    """The units counted, each once: lineage ids (an authority never reorganised is a lineage
    of its own id) or, with ``unit=Unit.AUTHORITY``, authority ids."""
    reached_good_within: Mapping[int, int]
    """Years -> how many of ``followed_up`` reached good or outstanding within that many years
    (never more than ``followed_up``)."""
    followed_up: Mapping[int, int]
    """Years -> how many could be followed that long: entered that long before the data's
    coverage date, not ended by abolition, and no judgement without an overall grade first."""


def survival(
    authorities: Iterable[AuthorityHistory],
    *,
    judged_from: str | datetime.date,
    judged_to: str | datetime.date,
    horizons: Sequence[int] = (1, 2, 3),
    data_until: str | datetime.date | None = None,
    unit: Unit = Unit.LINEAGE,
) -> tuple[SurvivalRow, ...]:
    """Of units first judged inadequate in a period, how many reached good within N years.

    A thin view of :func:`~childservices.rules.survival.time_to_good` with
    ``by="delivery_model"``: a unit (a lineage by default, counted once
    however it was reorganised) enters at its first inadequate judgement
    published between ``judged_from`` and ``judged_to``, and reaches good at
    its first later good or outstanding one. ``authorities``: histories (a
    dataset, or your own; see :mod:`childservices.rules.history`).
    ``data_until`` is the data's coverage date (default: the newest
    publication among their inspections, which for a whole dataset is
    :attr:`Dataset.covered_until <childservices.dataset.Dataset.covered_until>`).
    For the time to good itself, with censoring, use the Kaplan-Meier
    estimate of ``time_to_good``.
    """
    from childservices.rules.survival import time_to_good

    chosen = list(authorities)
    if data_until is None:
        newest = newest_publication(i for a in chosen for i in a.inspections)
        cut = None if newest is None else as_date(newest)
    else:
        cut = as_date(data_until)
    if cut is None:
        return ()
    results = time_to_good(
        chosen,
        until=cut,
        judged_from=judged_from,
        judged_to=judged_to,
        unit=unit,
        by="delivery_model",
    )
    return tuple(
        SurvivalRow(
            group=result.group,
            authorities=tuple(sorted(f.unit for f in result.follow_ups)),
            reached_good_within={y: result.reached_within(y) for y in horizons},
            followed_up={y: result.followed_up(y) for y in horizons},
        )
        for result in results
    )
