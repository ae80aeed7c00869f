"""The first improvement after a change: a new delivery model, or a statutory direction.

A **change of delivery model** is the start of a recorded delivery episode,
except an episode that continues a predecessor's arrangement from the day
the authority was created (North and West Northamptonshire's children's
trust from 1 April 2021 continues Northamptonshire's of November 2020: the
change is the predecessor's, counted once, there). A **direction** is the
first step of each chain of :func:`~childservices.rules.intervention.directions`.
Events with a date known only to the month or year are placed at their last
possible day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from childservices.model import DeliveryEpisode, Grade
from childservices.rules.history import AuthorityHistory
from childservices.rules.intervention import directions
from childservices.rules.trajectory import Spell, Trajectory

if TYPE_CHECKING:
    import pendulum  # the type of the days handed out; imported where they are made

__all__ = ["ImprovementAfter", "continues_predecessor_arrangement", "improvements_after_changes"]


@attrs.frozen(kw_only=True)
class ImprovementAfter:
    """The first rise in rating after an event (a change of delivery model or a direction).

    ``event`` is ``"direction"`` or ``"delivery:<model>"``; ``record`` is the
    id of the delivery episode or direction; ``days`` runs from the event to
    the start of the improved spell.
    """

    event: str
    record: str
    day: pendulum.Date
    improvement: Spell | None
    days: int | None


def continues_predecessor_arrangement(history: AuthorityHistory, episode: DeliveryEpisode) -> bool:
    """Whether ``episode`` carries on a predecessor's arrangement from the authority's first day."""
    first_day = history.record.active_from
    if first_day is None or episode.start != first_day:
        return False
    return any(
        earlier.model is episode.model
        and earlier.provider == episode.provider
        and (earlier.end is None or not earlier.end.certainly_before(episode.start))
        for predecessor in history.predecessors
        for earlier in predecessor.deliveries
    )


def improvements_after_changes(
    history: AuthorityHistory, trajectory: Trajectory, *, adequate_as: Grade | None = None
) -> tuple[ImprovementAfter, ...]:
    """For each change of delivery model and each statutory direction, the first improvement
    after it in ``trajectory`` (the authority's; see the module's rules).

    ``improvement`` is ``None`` when the rating had not improved by the
    trajectory's end; events on or after it are left out.
    """
    events: list[tuple[str, str, pendulum.Date]] = [
        (f"delivery:{e.model.value}", e.id, e.start.latest)
        for e in history.deliveries
        if not continues_predecessor_arrangement(history, e)
    ]
    events += [
        ("direction", d.issued.id, d.issued.date.latest)
        for d in directions(history.interventions)
        if d.issued.date is not None
    ]
    found = []
    for event, record, day in sorted(events, key=lambda e: (e[2], e[1])):
        if day >= trajectory.until:
            continue
        result = trajectory.first_improvement_after(day, adequate_as=adequate_as)
        found.append(
            ImprovementAfter(
                event=event,
                record=record,
                day=day,
                improvement=None if result is None else result[0],
                days=None if result is None else result[1],
            )
        )
    return tuple(found)
