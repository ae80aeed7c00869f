"""Rules over Ofsted's visits: monitoring after an inadequate judgement, and priority actions
followed by the DfE.

Two questions analysts ask of the visits between graded inspections:

- **Monitoring** (:func:`monitoring_spells`): for each spell at 'inadequate'
  in an authority's :class:`~childservices.rules.trajectory.Trajectory`,
  the monitoring visits from the publication of the inadequate judgement to
  the publication of the next graded inspection, how many there were and
  how many days apart.
- **Priority actions** (:func:`priority_action_responses`): for each focused
  visit whose letter named areas for priority action, whether the DfE issued
  an improvement notice within a year, using the intervention record.

Counts are of the visits the record holds. It holds every visit in Ofsted's
in-year lists for 2022-23, 2023-24 and 2024-25 and a few from other sources (see the
coverage of visits in the data documentation), so a spell reaching outside
those years may have had more visits than it shows. Whether a focused visit
named priority actions is unknown for every visit from the workbooks; those
visits are left out of :func:`priority_action_responses`, never counted as
visits without priority actions.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from childservices.errors import ArgumentValueError
from childservices.model import (
    Grade,
    Inspection,
    Intervention,
    InterventionKind,
    Visit,
    VisitKind,
)

if TYPE_CHECKING:
    import pendulum

    from childservices.rules.trajectory import Trajectory

__all__ = [
    "NOTICE_WITHIN_DAYS",
    "MonitoringSpell",
    "PriorityActionResponse",
    "monitoring_spells",
    "priority_action_responses",
]

NOTICE_WITHIN_DAYS = 365
"""How long after a focused visit's letter a notice counts as following it: a year."""


@attrs.frozen(kw_only=True)
class MonitoringSpell:
    """The monitoring visits between an inadequate judgement and the next graded inspection.

    ``start`` is the day the inadequate judgement was published; ``end`` the
    day the next graded inspection was published (``next_inspection``), or
    the day the authority was abolished, or ``None`` when the authority was
    still inadequate when the trajectory was cut. ``visits`` are the
    monitoring visits placed in between, in order.
    """

    inadequate: Inspection
    start: pendulum.Date
    end: pendulum.Date | None
    next_inspection: Inspection | None
    visits: tuple[Visit, ...]

    @property
    def count(self) -> int:
        """How many monitoring visits the record holds in the spell."""
        return len(self.visits)

    @property
    def spacing_days(self) -> tuple[int, ...]:
        """Days between consecutive monitoring visits (by fieldwork start), in order."""
        days = [v.date.latest for v in self.visits]
        return tuple((later - earlier).days for earlier, later in itertools.pairwise(days))

    @property
    def days_to_first_visit(self) -> int | None:
        """Days from the inadequate judgement's publication to the first monitoring visit."""
        if not self.visits:
            return None
        return (self.visits[0].date.latest - self.start).days


def monitoring_spells(trajectory: Trajectory) -> tuple[MonitoringSpell, ...]:
    """Each spell at 'inadequate' with the monitoring visits in it.

    The spells are the trajectory's (its inspections and, for a council
    created by reorganisation, its single predecessor's before its own
    first one); the visits are those the trajectory placed in each spell.

    >>> import childservices as cs
    >>> trajectory = cs.load().authority("Bradford").trajectory(until="2026-06-30")
    >>> [(s.inadequate.id, s.count, s.spacing_days) for s in monitoring_spells(trajectory)]
    [('bradford-ilacs-2018-10-29', 1, ()), ('bradford-ilacs-2023-01-31', 5, (113, 111, 85, 265))]
    """
    found = []
    spells = trajectory.spells
    for position, spell in enumerate(spells):
        if spell.grade is not Grade.INADEQUATE:
            continue
        following = spells[position + 1] if position + 1 < len(spells) else None
        found.append(
            MonitoringSpell(
                inadequate=spell.inspection,
                start=spell.start,
                end=spell.end,
                next_inspection=None if following is None else following.inspection,
                visits=tuple(v for v in spell.visits if v.kind is VisitKind.MONITORING),
            )
        )
    return tuple(found)


@attrs.frozen(kw_only=True)
class PriorityActionResponse:
    """A focused visit whose letter named areas for priority action, and what the DfE did next.

    ``notice`` is the first step of the kinds asked for (improvement notices
    by default) dated within :data:`NOTICE_WITHIN_DAYS` after the letter's
    publication (its fieldwork start when the publication date is not
    known), or the step that may have been, for a date given only to the
    month or year. ``followed`` is ``True`` when such a step certainly came
    within the year; ``False`` when the year had passed by ``until`` with
    none recorded; ``None`` when the record cannot say (the year was not
    over by ``until``, or a step's date straddles the year's end). ``days``
    runs from the visit's clock day to the step's latest possible day.
    """

    visit: Visit
    notice: Intervention | None
    followed: bool | None
    days: int | None


def priority_action_responses(
    visits: Iterable[Visit],
    interventions: Sequence[Intervention],
    *,
    until: datetime.date,
    kinds: Collection[InterventionKind] = (InterventionKind.IMPROVEMENT_NOTICE,),
    within_days: int = NOTICE_WITHIN_DAYS,
) -> tuple[PriorityActionResponse, ...]:
    """For each focused visit that named areas for priority action, the DfE step that followed.

    ``visits`` and ``interventions`` are one authority's (for example
    :attr:`Trajectory.visits <childservices.rules.trajectory.Trajectory.visits>`
    or :attr:`AuthorityView.visits <childservices.AuthorityView.visits>`, and
    :attr:`AuthorityView.interventions <childservices.AuthorityView.interventions>`);
    steps of other authorities are not looked at. Visits whose findings are
    unknown, and monitoring visits, are left out. ``until`` is the day the
    record is read up to: a year not over by then cannot show that no step
    followed. A step already in force before the visit is not counted: only
    steps dated after the letter follow it.

    >>> import childservices as cs
    >>> halton = cs.load().authority("Halton")
    >>> [(r.visit.id, r.notice.id, r.followed) for r in priority_action_responses(
    ...     halton.visits, halton.interventions, until=datetime.date(2026, 6, 30))]
    [('halton-focused-visit-2021-10', 'halton-notice-2022-01', True)]
    """
    if within_days < 0:
        raise ArgumentValueError("within_days must not be negative")
    wanted = frozenset(kinds)
    steps = [s for s in interventions if s.kind in wanted and s.date is not None]
    found = []
    for visit in sorted(visits, key=lambda v: (v.date.sort_key(), v.id)):
        if visit.kind is not VisitKind.FOCUSED or visit.priority_action is not True:
            continue
        clock = visit.published if visit.published is not None else visit.date
        first, last = clock.first_day(), clock.last_day()
        latest_end = first + datetime.timedelta(days=within_days)
        widest_end = last + datetime.timedelta(days=within_days)
        certain: list[Intervention] = []
        possible: list[Intervention] = []
        for step in steps:
            assert step.date is not None
            early, late = step.date.first_day(), step.date.last_day()
            if early >= last and late <= latest_end:
                certain.append(step)
            elif late >= first and early <= widest_end:
                possible.append(step)
        notice: Intervention | None
        if certain:
            notice = min(certain, key=lambda s: (s.date.sort_key() if s.date else (), s.id))
            followed: bool | None = True
        elif possible:
            notice = min(possible, key=lambda s: (s.date.sort_key() if s.date else (), s.id))
            followed = None
        else:
            notice = None
            followed = None if until < widest_end else False
        days = None
        if notice is not None and notice.date is not None:
            days = (notice.date.last_day() - last).days
        found.append(
            PriorityActionResponse(visit=visit, notice=notice, followed=followed, days=days)
        )
    return tuple(found)
