"""One authority on one day: whether it existed, its rating and judgements, who ran its
services, and the interventions in force.

Each function takes an :class:`~childservices.rules.history.AuthorityHistory`
and a day (a :class:`datetime.date`; the methods of
:class:`~childservices.AuthorityView` of the same names also read text, and
warn about days after the record's newest report). The rules themselves are
in :mod:`~childservices.rules.asof` (what was in force),
:mod:`~childservices.rules.carryover` (a predecessor's rating) and
:mod:`~childservices.rules.intervention` (notices and directions).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from childservices.model import (
    Area,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    Intervention,
    InterventionKind,
    Overall,
    PartialDate,
    as_date,
)
from childservices.rules.asof import SIF_AND_LATER, RatingBasis, in_force, rating_from
from childservices.rules.carryover import rated_inspection_on
from childservices.rules.delivery import DeliveryStatus, episode_status
from childservices.rules.intervention import InterventionStatus, status_on, step_status_on

if TYPE_CHECKING:
    import pendulum  # the type of the days handed out; imported where they are made

    from childservices.rules.history import AuthorityHistory

__all__ = [
    "DeliveryOnDate",
    "active_on",
    "delivery_on",
    "intervention_status_on",
    "intervention_steps_on",
    "judgements_on",
    "rating_on",
]

_FORMAL_KINDS = frozenset(
    {
        InterventionKind.IMPROVEMENT_NOTICE,
        InterventionKind.STATUTORY_DIRECTION,
        InterventionKind.REVISED_DIRECTION,
    }
)


@attrs.frozen(kw_only=True)
class DeliveryOnDate:
    """Who ran an authority's children's services on one day.

    ``model`` is the delivery model; ``episode`` the recorded episode it
    comes from, or ``None`` when no episode covers the day and the statutory
    default (the council runs its own services) applies. ``model`` is
    ``None`` when the record cannot say, and :attr:`status` says why: the day
    falls inside the uncertainty of a month- or year-precision start or end
    (:attr:`~childservices.rules.delivery.DeliveryStatus.DATES_UNCERTAIN`),
    or after the last day the sources show an open episode running
    (:attr:`~childservices.rules.delivery.DeliveryStatus.NOT_KNOWN`, see
    :mod:`childservices.rules.delivery`); ``episode`` is then the episode
    that may or may not have been in force.
    """

    authority: str
    day: pendulum.Date
    model: DeliveryModel | None
    episode: DeliveryEpisode | None

    @property
    def provider(self) -> str | None:
        """The id of the provider running services, if any."""
        return (
            self.episode.provider if self.episode is not None and self.model is not None else None
        )

    @property
    def status(self) -> DeliveryStatus:
        """Whether the model is certain, or why it is not known (see the class)."""
        if self.model is not None or self.episode is None:
            return DeliveryStatus.CERTAIN
        found = episode_status(self.episode, self.day)
        return DeliveryStatus.DATES_UNCERTAIN if found is None else found

    @property
    def by_default(self) -> bool:
        """True when no recorded episode covers the day and in-house is the default."""
        return self.episode is None


def active_on(history: AuthorityHistory, day: datetime.date) -> bool | None:
    """Whether the authority existed on ``day`` (``None`` if its dates are too vague to say).

    Its ``active_to`` is its last day: the day after it, it no longer exists.
    """
    record = history.record
    end = record.active_to
    after = None
    if end is not None:
        after = (
            PartialDate.from_date(end.first_day() + datetime.timedelta(days=1))
            if end.day is not None
            else end
        )
    return in_force(day, record.active_from, after)


def rating_on(
    history: AuthorityHistory,
    day: datetime.date,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    *,
    rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
    follow_predecessors: bool = True,
) -> Overall | None:
    """The authority's rating on ``day`` on ``rating_basis`` (see
    :meth:`AuthorityView.rating_on <childservices.AuthorityView.rating_on>`).

    >>> import datetime, childservices as cs
    >>> rating_on(cs.load().authority("Sandwell"), datetime.date(2019, 6, 1))
    <Grade.INADEQUATE: 'inadequate'>
    """
    found = rated_inspection_on(
        history,
        day,
        frameworks,
        follow_predecessors=follow_predecessors,
        rating_basis=rating_basis,
    )
    return None if found is None else rating_from(found, rating_basis)


def judgements_on(
    history: AuthorityHistory,
    day: datetime.date,
    frameworks: Collection[Framework] = SIF_AND_LATER,
) -> Mapping[Area, Grade | None]:
    """Every judgement area's grade in force on ``day``, each from the latest inspection that
    graded it (see :meth:`AuthorityView.judgements_on <childservices.AuthorityView.judgements_on>`)."""
    found: dict[Area, Grade | None] = {}
    for area in Area:
        inspection = rated_inspection_on(history, day, frameworks, rating_basis=area)
        if inspection is not None:
            found[area] = inspection.grades.get(area)
    return MappingProxyType(found)


def delivery_on(history: AuthorityHistory, day: datetime.date) -> DeliveryOnDate | None:
    """Who ran the authority's children's services on ``day``; ``None`` if it did not exist then.

    The first recorded episode certainly in force; else one that may have
    been, or whose state is not known after the last day its sources show it
    running (``model`` ``None``, and :attr:`DeliveryOnDate.status` says
    which; the rule is in :mod:`~childservices.rules.delivery`); else the
    statutory default, in-house.

    >>> import datetime, childservices as cs
    >>> trafford = cs.load().authority("Trafford")  # an NHS partnership "until March 2018"
    >>> delivery_on(trafford, datetime.date(2017, 6, 1)).model
    <DeliveryModel.PARTNERSHIP: 'partnership'>
    >>> later = delivery_on(trafford, datetime.date(2019, 6, 1))
    >>> (later.model, later.status, later.episode.id)
    (None, <DeliveryStatus.NOT_KNOWN: 'not_known'>, 'trafford-pennine-care')
    """
    when = as_date(day)
    if active_on(history, when) is False:
        return None
    uncertain = None
    for episode in history.deliveries:
        state = episode_status(episode, when)
        if state is DeliveryStatus.CERTAIN:
            return DeliveryOnDate(
                authority=history.id, day=when, model=episode.model, episode=episode
            )
        if state is not None and uncertain is None:
            uncertain = episode
    if uncertain is not None:
        return DeliveryOnDate(authority=history.id, day=when, model=None, episode=uncertain)
    return DeliveryOnDate(
        authority=history.id, day=when, model=DeliveryModel.IN_HOUSE, episode=None
    )


def intervention_status_on(history: AuthorityHistory, day: datetime.date) -> InterventionStatus:
    """The strongest improvement notice or statutory direction certainly in force on ``day``
    (see :func:`~childservices.rules.intervention.status_on`)."""
    return status_on(history.interventions, day, history.inspections)


def intervention_steps_on(
    history: AuthorityHistory, day: datetime.date
) -> tuple[tuple[Intervention, bool | None], ...]:
    """Each improvement notice and direction begun by ``day``, with whether it was in force
    (see :func:`~childservices.rules.intervention.step_status_on`)."""
    steps = history.interventions
    return tuple(
        (step, step_status_on(step, steps, day, history.inspections))
        for step in steps
        if step.kind in _FORMAL_KINDS and step.date is not None and step.date.possibly_by(day)
    )
