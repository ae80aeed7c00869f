"""Delivery episodes on a day, and delivery groups over a window.

**When an episode is in force.** An episode with a recorded ``end`` runs
from its ``start`` up to (not including) its end, as every as-of rule reads
dates (:func:`~childservices.rules.asof.in_force`: a day inside a month- or
year-precision boundary is uncertain). An episode with no end runs on only
as far as its sources show:

- with no ``known_until``, its sources show it still running when the record
  was made (the maintainers' check of every open episode), so it is in force
  on every later day;
- with ``known_until`` (the last day, month or year through which a source
  shows the arrangement running or contracted to run, when no source gives
  its actual end), it is certainly in force through the last day of that
  date, and from the next day its state is **not known**
  (:attr:`DeliveryStatus.NOT_KNOWN`): the record cannot say whether it still
  ran or whether the council had taken the services back, and never counts
  it as either. Trafford's NHS partnership is the case: an agreement "until
  March 2018" whose end no source gives.

This is the delivery side of the interventions' three values
(:class:`~childservices.rules.intervention.InterventionStatus`): certain, not
in force, or not known, and "not known" is counted apart, never as running.

**Delivery groups.** Analyses over years
(:func:`~childservices.rules.survival.time_to_good` by delivery model,
:func:`~childservices.rules.aggregate.survival`) put each authority in one of
three groups by the recorded delivery episodes that overlap the window:
``"trust"`` (a children's trust or a council-owned or multi-council company,
at any time in the window), else ``"partnership"`` (a partnership or shared
service), else ``"in-house"``; ``"not known"`` when an episode past its
``known_until`` might have put the authority in a higher group than the
episodes certainly in the window do.
"""

from __future__ import annotations

import datetime
import enum
from typing import TYPE_CHECKING

from childservices.model import DeliveryEpisode, DeliveryModel, PartialDate
from childservices.rules.asof import in_force

if TYPE_CHECKING:
    import pendulum

    from childservices.rules.history import AuthorityHistory

__all__ = ["COMPANY_MODELS", "DeliveryStatus", "delivery_group", "episode_status"]

COMPANY_MODELS: frozenset[DeliveryModel] = frozenset(
    {
        DeliveryModel.CHILDRENS_TRUST,
        DeliveryModel.COUNCIL_COMPANY,
        DeliveryModel.MULTI_COUNCIL_COMPANY,
    }
)
"""The not-for-profit company models: what the sector counts as "trusts"."""
_PARTNERSHIPS = frozenset({DeliveryModel.PARTNERSHIP, DeliveryModel.SHARED_SERVICE})


class DeliveryStatus(enum.Enum):
    """How sure the record is of who ran an authority's services on a day."""

    CERTAIN = "certain"
    """Known: an episode certainly in force, or none recorded (the council, by default)."""
    DATES_UNCERTAIN = "dates_uncertain"
    """The day falls inside a month- or year-precision start or end: it may or may not have run."""
    NOT_KNOWN = "not_known"
    """An episode with no recorded end, after the last day its sources show it running."""


def episode_status(episode: DeliveryEpisode, day: datetime.date) -> DeliveryStatus | None:
    """The episode's status on ``day`` by the module's rule; ``None`` when certainly not in force.

    >>> import datetime, childservices as cs
    >>> (trafford,) = cs.load().authority("Trafford").deliveries  # known until March 2018
    >>> episode_status(trafford, datetime.date(2017, 6, 1))
    <DeliveryStatus.CERTAIN: 'certain'>
    >>> episode_status(trafford, datetime.date(2018, 4, 1))
    <DeliveryStatus.NOT_KNOWN: 'not_known'>
    """
    state = in_force(day, episode.start, episode.end)
    if state is False:
        return None
    if state is None:
        return DeliveryStatus.DATES_UNCERTAIN
    known = episode.known_until
    if known is not None and known.last_day() < day:
        return DeliveryStatus.NOT_KNOWN
    return DeliveryStatus.CERTAIN


def delivery_group(authority: AuthorityHistory, start: pendulum.Date, end: pendulum.Date) -> str:
    """'trust' if a trust or company ran services at any time in the window, else 'partnership'
    if a partnership or shared service did, else 'in-house'; 'not known' if an episode past its
    ``known_until`` could have raised the group (see the module's rule)."""
    certain: set[DeliveryModel] = set()
    unknown: set[DeliveryModel] = set()
    for episode in authority.deliveries:
        if not _overlaps(episode.start.earliest, episode.end, start, end):
            continue
        known = episode.known_until
        if known is None or known.last_day() >= start:
            certain.add(episode.model)
        if known is not None and known.last_day() < end:
            unknown.add(episode.model)
    group = _group(certain)
    if _RANK[_group(certain | unknown)] > _RANK[group]:
        return "not known"
    return group


_RANK = {"in-house": 0, "partnership": 1, "trust": 2}


def _group(models: set[DeliveryModel]) -> str:
    if models & COMPANY_MODELS:
        return "trust"
    if models & _PARTNERSHIPS:
        return "partnership"
    return "in-house"


def _overlaps(
    start: pendulum.Date,
    end: PartialDate | None,
    window_start: pendulum.Date,
    window_end: pendulum.Date,
) -> bool:
    return start <= window_end and (end is None or end.latest >= window_start)
