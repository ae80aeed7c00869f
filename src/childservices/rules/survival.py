"""Time to good as a survival analysis: Kaplan-Meier estimates with censoring, in plain Python.

"How long do councils judged inadequate take to reach good?" Some have not
reached good by the end of the data, some were abolished first, and under
the framework reformed in April 2026 an inspection gives no overall grade
at all: for them the time to good is only known to be longer than the time
they were followed. Averaging the times of those that reached good, or
counting the rest as "never", both mislead; the Kaplan-Meier estimator uses
every council for as long as it was followed.

**Follow-up.** Each unit (a lineage by default, or an authority: see
:mod:`childservices.rules.lineage`) enters at its first judgement at the
starting grade (inadequate by default) published in the period asked about,
and is followed to the first later judgement that is good or outstanding
(the **event**). Follow-up stops without the event (it is **censored**) at
the first of:

- the data's coverage date (:attr:`Censoring.COVERAGE`);
- the end of the unit: an authority's abolition, or for a lineage the
  abolition of its last council (:attr:`Censoring.ABOLISHED`);
- a later judgement with no overall grade (:attr:`Censoring.NO_OVERALL_GRADE`:
  ILACS as reformed in 2026, whose reports give none, or an overall
  judgement the sources do not state): from then on whether the council is
  good cannot be seen.

Days are publication days (a date known to the month counts from its last
day, as for ratings). A judgement counts once: a successor's follow-up never
starts from its predecessor's judgement unless the two are one lineage, and
then the lineage is one unit.

**The estimator** is the product-limit estimate with Greenwood's variance and
log-log confidence intervals: see :mod:`childservices.rules.kaplan_meier`.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from childservices.errors import ArgumentValueError
from childservices.model import Framework, Grade, Inspection, as_date
from childservices.rules.asof import SIF_AND_LATER
from childservices.rules.carryover import rating_inspections
from childservices.rules.delivery import delivery_group
from childservices.rules.history import AuthorityHistory
from childservices.rules.intervention import InterventionStatus
from childservices.rules.kaplan_meier import KaplanMeier, KaplanMeierStep, kaplan_meier
from childservices.rules.lineage import Unit, lineages
from childservices.rules.ondate import active_on, intervention_status_on

if TYPE_CHECKING:
    import datetime

    import pendulum

__all__ = [
    "DAYS_PER_YEAR",
    "GROUPINGS",
    "Censoring",
    "FollowUp",
    "KaplanMeier",
    "KaplanMeierStep",
    "TimeToGood",
    "kaplan_meier",
    "time_to_good",
]

DAYS_PER_YEAR = 365.25
"""Days in a year, for times given in years (a Julian year: leap days averaged in)."""

GROUPINGS: tuple[str, ...] = ("delivery_model", "region", "era", "intervention")
"""The groupings :func:`time_to_good` knows (``by=``); ``None`` is one group, ``"all"``."""


# Time to good --------------------------------------------------------------------------


class Censoring(enum.Enum):
    """Why a unit's follow-up stopped before it reached good."""

    COVERAGE = "coverage"
    """Not good by the data's coverage date."""
    ABOLISHED = "abolished"
    """The authority was abolished first (for a lineage: its last council)."""
    NO_OVERALL_GRADE = "no_overall_grade"
    """A later judgement gave no overall grade (ILACS as reformed in 2026) or the sources do
    not state it: whether the council was good cannot be seen after it."""


@attrs.frozen(kw_only=True)
class FollowUp:
    """One unit followed from its entry judgement to good, or to the day it was censored."""

    unit: str
    """The authority's id, or the lineage's id (see :class:`~childservices.rules.lineage.Lineage`)."""
    authorities: tuple[str, ...]
    """The authorities whose judgements were followed (one, or every member of the lineage)."""
    group: str
    entry: Inspection
    """The judgement that started the follow-up (at the starting grade)."""
    start: pendulum.Date
    end: pendulum.Date
    """The day the unit reached good, or the day it was censored."""
    reached: Inspection | None
    """The first later judgement that was good or outstanding, if any by ``end``."""
    censored: Censoring | None
    observable_until: pendulum.Date
    """The last day the outcome could have been seen: the coverage date or the unit's end
    (the censoring day for a unit censored without reaching good)."""

    @property
    def days(self) -> int:
        """Days from entry to ``end``."""
        return (self.end - self.start).days

    @property
    def years(self) -> float:
        """:attr:`days` in years of :data:`DAYS_PER_YEAR` days."""
        return self.days / DAYS_PER_YEAR


@attrs.frozen(kw_only=True)
class TimeToGood:
    """Time to good for one group: its follow-ups and their Kaplan-Meier estimate (times in days).

    Its ``repr`` is a one-line summary (units, how many reached good, the median and its
    interval); the detail is an attribute away: ``follow_ups`` (each unit followed),
    ``estimate.steps`` (each step of the estimate).
    """

    group: str
    follow_ups: tuple[FollowUp, ...]
    estimate: KaplanMeier

    @property
    def reached(self) -> int:
        """How many units reached good within their follow-up."""
        return sum(f.reached is not None for f in self.follow_ups)

    def followed_up(self, years: int) -> int:
        """Units whose outcome could be seen for ``years`` years after entry.

        They entered at least that long before the coverage date, their unit
        was not ended within that time, and no judgement without an overall
        grade came before they reached good.
        """
        return sum(self._followed(f, years) for f in self.follow_ups)

    def reached_within(self, years: int) -> int:
        """Of :meth:`followed_up`, how many reached good within ``years`` years: never more."""
        return sum(
            self._followed(f, years) and f.reached is not None and f.end <= f.start.add(years=years)
            for f in self.follow_ups
        )

    @staticmethod
    def _followed(follow_up: FollowUp, years: int) -> bool:
        return follow_up.observable_until >= follow_up.start.add(years=years)

    def __repr__(self) -> str:
        """A short summary, as a data frame prints one: the detail is in the attributes."""
        median, lower, upper = self.median_years()

        def shown(years: float | None) -> str:
            return "not reached" if years is None else f"{years:.2f}"

        return (
            f"<TimeToGood group={self.group!r}: {len(self.follow_ups)} units, "
            f"{self.reached} reached good; median {shown(median)} years "
            f"({self.estimate.confidence:.0%} CI {shown(lower)} to {shown(upper)}); "
            "detail in .follow_ups and .estimate.steps>"
        )

    def median_years(self) -> tuple[float | None, float | None, float | None]:
        """The median time to good and its confidence limits, in years (``None``: not reached)."""
        km = self.estimate
        return (
            _in_years(km.median),
            _in_years(km.median_lower),
            _in_years(km.median_upper),
        )


def _in_years(days: float | None) -> float | None:
    return None if days is None else days / DAYS_PER_YEAR


_GOOD = (Grade.GOOD, Grade.OUTSTANDING)
_STRENGTH = {
    InterventionStatus.NONE: 0,
    InterventionStatus.NOT_KNOWN: 1,
    InterventionStatus.IMPROVEMENT_NOTICE: 2,
    InterventionStatus.STATUTORY_DIRECTION: 3,
}
"""The order of the ``"intervention"`` groups: the strongest step certainly in force wins; "not
known" (the record cannot say whether one still ran) only when none was certainly in force."""
_DELIVERY_ORDER = ("trust", "not known", "partnership", "in-house")
"""The order of the ``"delivery_model"`` groups over a lineage's members: a trust wins; "not known"
(an episode past its ``known_until`` could have raised the group, see
:func:`~childservices.rules.delivery.delivery_group`) before a lower certain group."""


def time_to_good(
    authorities: Iterable[AuthorityHistory],
    *,
    until: str | datetime.date,
    from_grade: Grade = Grade.INADEQUATE,
    judged_from: str | datetime.date | None = None,
    judged_to: str | datetime.date | None = None,
    unit: Unit = Unit.LINEAGE,
    by: str | None = None,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    confidence: float = 0.95,
) -> tuple[TimeToGood, ...]:
    """Time from a judgement at ``from_grade`` to the first later good or outstanding one, by group.

    ``authorities``: the histories of every authority to consider (a
    dataset, some of its authorities, or your own: see
    :mod:`childservices.rules.history`); their predecessors among them make
    the lineages. ``until``: the data's coverage
    date. ``judged_from``/``judged_to``: the period in which the entry
    judgement was published (open by default). ``frameworks``: whose
    judgements count (SIF and later by default). ``by``: ``None`` (one group,
    ``"all"``), ``"delivery_model"`` (``"trust"`` if a trust or company ran
    services at any time during follow-up, else ``"partnership"`` if a
    partnership or shared service did, else ``"in-house"``; ``"not known"``
    when an episode past its ``known_until`` could have put it higher, see
    :mod:`childservices.rules.delivery`), ``"region"``
    (of the authority judged at entry), ``"era"`` (the framework of the entry
    judgement) or ``"intervention"`` (the strongest notice or direction
    certainly in force at any time during follow-up; ``"not_known"`` when
    none certainly was but the record cannot say whether one still ran;
    ``"none recorded"`` for authorities with no intervention history in the
    dataset, which is not the same as none). The groups defined by what happened during follow-up describe the
    record; they do not measure an effect (a trust set up years after entry
    puts the whole follow-up in ``"trust"``).
    """
    if from_grade in _GOOD:
        raise ArgumentValueError(
            f"{from_grade.value!r} is already good or better: choose a lower grade"
        )
    if by is not None and by not in GROUPINGS:
        raise ArgumentValueError(f"cannot group by {by!r}: use one of {', '.join(GROUPINGS)}")
    cut = as_date(until)
    first = None if judged_from is None else as_date(judged_from)
    last = None if judged_to is None else as_date(judged_to)
    views = {a.id: a for a in authorities}
    if unit is Unit.LINEAGE:
        links = {(p.id, a.id) for a in views.values() for p in a.predecessors}
        units = [(lineage.id, lineage.members) for lineage in lineages(views, links)]
    else:
        units = [(a, (a,)) for a in sorted(views)]
    found: dict[str, list[FollowUp]] = {}
    for unit_id, members in units:
        follow_up = _follow(
            unit_id,
            [views[m] for m in members],
            cut=cut,
            from_grade=from_grade,
            first=first,
            last=last,
            frameworks=frameworks,
            by=by,
            views=views,
        )
        if follow_up is not None:
            found.setdefault(follow_up.group, []).append(follow_up)
    return tuple(
        TimeToGood(
            group=group,
            follow_ups=tuple(items),
            estimate=kaplan_meier(
                [f.days for f in items],
                [f.reached is not None for f in items],
                confidence=confidence,
            ),
        )
        for group, items in sorted(found.items())
    )


def _follow(
    unit_id: str,
    members: Sequence[AuthorityHistory],
    *,
    cut: pendulum.Date,
    from_grade: Grade,
    first: pendulum.Date | None,
    last: pendulum.Date | None,
    frameworks: Collection[Framework],
    by: str | None,
    views: dict[str, AuthorityHistory],
) -> FollowUp | None:
    judgements = sorted(
        (i for member in members for i in rating_inspections(member, frameworks, follows=None)),
        key=lambda i: (i.published.latest, i.id),
    )
    entry = next(
        (
            i
            for i in judgements
            if i.overall is from_grade
            and (first is None or i.published.latest >= first)
            and (last is None or i.published.latest <= last)
            and i.published.latest < cut
        ),
        None,
    )
    if entry is None:
        return None
    start = entry.published.latest
    ends = [m.record.active_to for m in members]
    gone = (
        None
        if any(e is None for e in ends)
        else max(e.latest for e in ends if e is not None).add(days=1)
    )
    horizon = cut if gone is None or gone > cut else gone
    reached = None
    censored: Censoring | None = Censoring.COVERAGE if horizon == cut else Censoring.ABOLISHED
    end = horizon
    for judgement in judgements:
        day = judgement.published.latest
        if day <= start:
            continue
        if day > horizon:
            break
        if judgement.overall in _GOOD:
            reached, censored, end = judgement, None, day
            break
        if not isinstance(judgement.overall, Grade):
            censored, end = Censoring.NO_OVERALL_GRADE, day
            break
    group = _group(by, members, entry, start, end, views)
    return FollowUp(
        unit=unit_id,
        authorities=tuple(m.id for m in members),
        group=group,
        entry=entry,
        start=start,
        end=end,
        reached=reached,
        censored=censored,
        observable_until=end if censored is not None else horizon,
    )


def _group(
    by: str | None,
    members: Sequence[AuthorityHistory],
    entry: Inspection,
    start: pendulum.Date,
    end: pendulum.Date,
    views: dict[str, AuthorityHistory],
) -> str:
    if by is None:
        return "all"
    if by == "era":
        return entry.framework.value
    if by == "region":
        region = views[entry.authority].record.region
        return "unknown" if region is None else region.value
    if by == "delivery_model":
        found = {delivery_group(m, start, end) for m in members}
        return next(g for g in _DELIVERY_ORDER if g in found)
    return _intervention_group(members, start, end)


def _intervention_group(
    members: Sequence[AuthorityHistory], start: pendulum.Date, end: pendulum.Date
) -> str:
    if not any(m.interventions for m in members):
        return "none recorded"
    strongest = InterventionStatus.NONE
    for member in members:
        days = {start}
        for step in member.interventions:
            for boundary in (step.date, step.end):
                if boundary is not None and start <= boundary.latest < end:
                    days.add(boundary.latest)
        for day in days:
            if active_on(member, day) is False:
                continue
            status = intervention_status_on(member, day)
            if _STRENGTH[status] > _STRENGTH[strongest]:
                strongest = status
    return strongest.value
