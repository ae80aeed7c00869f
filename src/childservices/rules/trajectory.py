"""Improvement trajectories: an authority's spells at each overall grade, and measures over them.

A **spell** runs from the publication of an inspection that set the rating
to the publication of the next one (or to the end of the authority, or to
the day the trajectory is cut at). Spells tile the timeline from the first
rating onwards with no gaps or overlaps, and the rating in a spell is what
:meth:`~childservices.AuthorityView.rating_on` answers for every day in it.

Comparing grades across the 2013 change of scale is an explicit choice:
measures that compare grades take ``adequate_as``, and without it an
'adequate' met against 'requires improvement' raises
:class:`~childservices.IncomparableGradesError`.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import attrs

from childservices.model import DeliveryModel, Framework, Grade, Inspection, Overall, Visit
from childservices.rules.asof import SIF_AND_LATER
from childservices.rules.carryover import always, rating_inspections, visits_with_predecessors
from childservices.rules.history import AuthorityHistory
from childservices.rules.intervention import InterventionStatus
from childservices.rules.ondate import delivery_on, intervention_status_on

if TYPE_CHECKING:
    import pendulum  # the type of the days handed out; imported by whatever makes them

__all__ = [
    "Movement",
    "Spell",
    "Trajectory",
    "build_spells",
    "compare",
    "trajectory_of",
    "visits_in",
]


@attrs.frozen(kw_only=True)
class Spell:
    """A period during which one inspection's overall judgement was the authority's rating.

    ``end`` is the first day of the next spell (exclusive), or ``None`` if the
    spell was still running when the trajectory was cut. ``delivery_models``
    and ``intervention_statuses`` are the distinct values in force at any
    time during the spell, in the order met (``None`` for a delivery model
    that is uncertain on a boundary day). ``visits`` are Ofsted's focused and
    monitoring visits placed in the spell (see :func:`visits_in`), in order:
    they never change its grade.
    """

    grade: Overall | None
    start: pendulum.Date
    end: pendulum.Date | None
    inspection: Inspection
    delivery_models: tuple[DeliveryModel | None, ...] = ()
    intervention_statuses: tuple[InterventionStatus, ...] = ()
    visits: tuple[Visit, ...] = ()

    def duration_days(self, until: pendulum.Date) -> int:
        """Days in the spell, counting an open spell up to ``until`` (exclusive)."""
        end = self.end if self.end is not None else until
        return max(0, (end - self.start).days)

    def contains(self, day: pendulum.Date) -> bool:
        """Whether ``day`` falls in the spell."""
        return self.start <= day and (self.end is None or day < self.end)


class Movement(enum.Enum):
    """How an authority's rating moved over a window."""

    IMPROVED = "improved"
    DECLINED = "declined"
    STAYED = "stayed"
    RECOVERED = "recovered"
    """Ended where it started after falling below it in between."""
    RELAPSED = "relapsed"
    """Ended where it started after rising above it in between."""


def compare(a: Grade, b: Grade, *, adequate_as: Grade | None = None) -> int:
    """-1, 0 or 1 as grade ``a`` is worse than, level with or better than ``b``.

    ``adequate_as`` says which later grade 'adequate' counts as (usually
    ``Grade.REQUIRES_IMPROVEMENT``); without it, adequate against requires
    improvement raises :class:`~childservices.IncomparableGradesError`.

    >>> from childservices import Grade
    >>> compare(Grade.GOOD, Grade.INADEQUATE)
    1
    >>> compare(Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT, adequate_as=Grade.REQUIRES_IMPROVEMENT)
    0
    """
    if adequate_as is not None:
        a = adequate_as if a is Grade.ADEQUATE else a
        b = adequate_as if b is Grade.ADEQUATE else b
    if a == b:
        return 0
    return 1 if a > b else -1


def _good_or_better(grade: Overall | None) -> bool:
    return isinstance(grade, Grade) and grade in (Grade.GOOD, Grade.OUTSTANDING)


@attrs.frozen(kw_only=True)
class Trajectory:
    """An authority's spells in order, cut at ``until`` (exclusive)."""

    authority: str
    spells: tuple[Spell, ...]
    until: pendulum.Date

    def spell_on(self, day: pendulum.Date) -> Spell | None:
        """The spell in force on ``day``, if any.

        >>> import childservices as cs, pendulum
        >>> trajectory = cs.load().authority("Sandwell").trajectory(until="2026-06-30")
        >>> trajectory.spell_on(pendulum.Date(2019, 6, 1)).inspection.id
        'sandwell-sif-2018-01-29'
        """
        for spell in self.spells:
            if spell.contains(day):
                return spell
        return None

    @property
    def visits(self) -> tuple[Visit, ...]:
        """The visits of every spell, in order (visits before the first rating are not in it)."""
        return tuple(visit for spell in self.spells for visit in spell.visits)

    @property
    def graded_spells(self) -> tuple[Spell, ...]:
        """The spells whose rating is a grade (not unknown, not 'no overall judgement')."""
        return tuple(s for s in self.spells if isinstance(s.grade, Grade))

    def first_inadequate(self) -> Spell | None:
        """The first spell at 'inadequate'.

        >>> import childservices as cs
        >>> str(cs.load().authority("Sandwell").trajectory(until="2026-06-30").first_inadequate().start)
        '2015-06-05'
        """
        return next((s for s in self.spells if s.grade is Grade.INADEQUATE), None)

    def time_to_good(self) -> int | None:
        """Days from the first inadequate rating to the first good or outstanding one after it.

        ``None`` when the authority was never inadequate, or has not reached
        good since.

        >>> import childservices as cs
        >>> cs.load().authority("Sunderland").trajectory(until="2026-06-30").time_to_good()
        2223
        """
        first = self.first_inadequate()
        if first is None:
            return None
        for spell in self.spells:
            if spell.start > first.start and _good_or_better(spell.grade):
                return (spell.start - first.start).days
        return None

    def time_inadequate(self) -> int:
        """Days spent rated inadequate (an open spell counted up to ``until``).

        >>> import childservices as cs
        >>> cs.load().authority("Sandwell").trajectory(until="2026-06-30").time_inadequate()
        2587
        """
        return sum(s.duration_days(self.until) for s in self.spells if s.grade is Grade.INADEQUATE)

    def grade_changes(self) -> int:
        """How many times the rating changed from one spell to the next.

        >>> import childservices as cs
        >>> cs.load().authority("Sandwell").trajectory(until="2026-06-30").grade_changes()
        2
        """
        return sum(
            1
            for first, second in zip(self.spells, self.spells[1:], strict=False)
            if first.grade != second.grade
        )

    def movement(
        self, start: pendulum.Date, end: pendulum.Date, *, adequate_as: Grade | None = None
    ) -> Movement | None:
        """How the rating moved between ``start`` and ``end``.

        ``None`` when there is no grade on either day (no rating yet, or a
        judgement that gives none). Grades in between are the ratings of the
        spells overlapping the window.

        >>> import childservices as cs, pendulum
        >>> trajectory = cs.load().authority("Sandwell").trajectory(until="2026-06-30")
        >>> trajectory.movement(pendulum.Date(2016, 1, 1), pendulum.Date(2024, 1, 1))
        <Movement.IMPROVED: 'improved'>
        """
        first, last = self.spell_on(start), self.spell_on(end)
        if first is None or last is None:
            return None
        if not isinstance(first.grade, Grade) or not isinstance(last.grade, Grade):
            return None
        overall = compare(last.grade, first.grade, adequate_as=adequate_as)
        if overall > 0:
            return Movement.IMPROVED
        if overall < 0:
            return Movement.DECLINED
        between = [
            s.grade
            for s in self.spells
            if isinstance(s.grade, Grade) and s.start < end and (s.end is None or s.end > start)
        ]
        moves = [compare(g, first.grade, adequate_as=adequate_as) for g in between]
        if any(m < 0 for m in moves):
            return Movement.RECOVERED
        if any(m > 0 for m in moves):
            return Movement.RELAPSED
        return Movement.STAYED

    def first_improvement_after(
        self, day: pendulum.Date, *, adequate_as: Grade | None = None
    ) -> tuple[Spell, int] | None:
        """The first spell starting after ``day`` rated better than the rating on ``day``.

        Returns the spell and the days from ``day`` to its start, or ``None``
        when there was no rating on ``day`` or no later improvement.

        >>> import childservices as cs, pendulum
        >>> trajectory = cs.load().authority("Sandwell").trajectory(until="2026-06-30")
        >>> spell, days = trajectory.first_improvement_after(pendulum.Date(2018, 4, 1))  # the trust's go-live
        >>> str(spell.start), spell.grade.value, days
        ('2022-07-05', 'requires_improvement', 1556)
        """
        current = self.spell_on(day)
        if current is None or not isinstance(current.grade, Grade):
            return None
        for spell in self.spells:
            if spell.start <= day or not isinstance(spell.grade, Grade):
                continue
            if compare(spell.grade, current.grade, adequate_as=adequate_as) > 0:
                return spell, (spell.start - day).days
        return None


def build_spells(
    inspections: Sequence[Inspection], *, end_of_life: pendulum.Date | None
) -> list[tuple[Inspection, pendulum.Date, pendulum.Date | None]]:
    """(inspection, start, end) for each rating-setting inspection in publication order.

    Inspections published the same day: the last one in the given order wins,
    as it does for as-of questions.
    """
    by_day: dict[pendulum.Date, Inspection] = {}
    for inspection in inspections:
        by_day[inspection.published.latest] = inspection
    days = sorted(by_day)
    if end_of_life is not None:
        days = [d for d in days if d < end_of_life]
    out = []
    for i, day in enumerate(days):
        end = days[i + 1] if i + 1 < len(days) else end_of_life
        out.append((by_day[day], day, end))
    return out


def visits_in(
    visits: Sequence[Visit], start: pendulum.Date, end: pendulum.Date | None
) -> tuple[Visit, ...]:
    """The visits placed in ``[start, end)`` (``end`` ``None``: open), in date order.

    A visit is placed at the last day its fieldwork could have begun (its
    publication's, when the fieldwork date is not known), as as-of questions
    place events given to the month or year.
    """
    placed = [v for v in visits if start <= v.date.latest and (end is None or v.date.latest < end)]
    return tuple(sorted(placed, key=lambda v: (v.date.sort_key(), v.id)))


def trajectory_of(
    history: AuthorityHistory,
    *,
    until: pendulum.Date,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    follow_predecessors: bool = True,
) -> Trajectory:
    """The authority's spells at each rating, cut at ``until`` (see
    :meth:`AuthorityView.trajectory <childservices.AuthorityView.trajectory>`).

    The spells are those of its rating inspections (carried over from a
    single predecessor with ``follow_predecessors``), ending at its last day;
    each holds the delivery models and intervention statuses in force during
    it and the visits (the authority's and its predecessors') placed in it.
    """
    record = history.record
    end_of_life = None if record.active_to is None else record.active_to.latest.add(days=1)
    visits = visits_with_predecessors(history)
    inspections = rating_inspections(
        history, frameworks, follows=always if follow_predecessors else None
    )
    spells = []
    for inspection, start, end in build_spells(inspections, end_of_life=end_of_life):
        if start >= until:
            break
        if end is not None and end > until:
            end = None
        spells.append(_spell(history, inspection, start, end, until, visits))
    return Trajectory(authority=history.id, spells=tuple(spells), until=until)


def _spell(
    history: AuthorityHistory,
    inspection: Inspection,
    start: pendulum.Date,
    end: pendulum.Date | None,
    cut: pendulum.Date,
    visits: tuple[Visit, ...],
) -> Spell:
    """One spell, with the delivery models and intervention statuses met on its change days."""
    stop = end or cut
    days = {start}
    for episode in history.deliveries:
        for boundary in (episode.start, episode.end):
            if boundary is not None:
                days.update(d for d in (boundary.earliest, boundary.latest) if start < d < stop)
        if episode.known_until is not None:  # from the next day, not known
            after = episode.known_until.latest.add(days=1)
            if start < after < stop:
                days.add(after)
    for step in history.interventions:
        for boundary in (step.date, step.end):
            if boundary is not None and start < boundary.latest < stop:
                days.add(boundary.latest)
    models: list[DeliveryModel | None] = []
    statuses: list[InterventionStatus] = []
    for day in sorted(days):
        delivery = delivery_on(history, day)
        model = None if delivery is None else delivery.model
        if model not in models:
            models.append(model)
        status = intervention_status_on(history, day)
        if status not in statuses:
            statuses.append(status)
    return Spell(
        grade=inspection.overall,
        start=start,
        end=end,
        inspection=inspection,
        delivery_models=tuple(models),
        intervention_statuses=tuple(statuses),
        visits=visits_in(visits, start, stop),
    )
