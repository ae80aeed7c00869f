"""Intervention status on a date, and statutory directions followed through their revisions.

A step is **in force** on a day when it was certainly taken by that day
(a step known only to the month counts from the month's end) and neither its
own ``end`` nor a later step that ``replaces`` it (a lifting, revocation or
revised direction) has certainly happened by then. Steps with no known date
cannot be placed in time and are left out of as-of answers.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Sequence

import attrs

from childservices.model import Intervention, InterventionKind

__all__ = ["Direction", "InterventionStatus", "directions", "in_force_on", "status_on"]

_NOTICE = InterventionKind.IMPROVEMENT_NOTICE
_DIRECTIONS = (InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION)


class InterventionStatus(enum.Enum):
    """The strongest formal intervention in force for an authority on a day."""

    NONE = "none"
    IMPROVEMENT_NOTICE = "improvement_notice"
    STATUTORY_DIRECTION = "statutory_direction"


def _replaced_by(steps: Iterable[Intervention]) -> dict[str, list[Intervention]]:
    replaced: dict[str, list[Intervention]] = {}
    for step in steps:
        if step.replaces is not None:
            replaced.setdefault(step.replaces, []).append(step)
    return replaced


def in_force_on(step: Intervention, steps: Sequence[Intervention], day: datetime.date) -> bool:
    """Whether ``step`` (one of ``steps``, an authority's history) was in force on ``day``."""
    if step.date is None or not step.date.certainly_by(day):
        return False
    if step.end is not None and step.end.certainly_by(day):
        return False
    for later in _replaced_by(steps).get(step.id, ()):
        if later.date is not None and later.date.certainly_by(day):
            return False
    return True


def status_on(steps: Sequence[Intervention], day: datetime.date) -> InterventionStatus:
    """The strongest notice or direction in force on ``day`` among an authority's steps."""
    in_force = [
        s for s in steps if s.kind in (_NOTICE, *_DIRECTIONS) and in_force_on(s, steps, day)
    ]
    if any(s.kind in _DIRECTIONS for s in in_force):
        return InterventionStatus.STATUTORY_DIRECTION
    if in_force:
        return InterventionStatus.IMPROVEMENT_NOTICE
    return InterventionStatus.NONE


@attrs.frozen(kw_only=True)
class Direction:
    """A statutory direction (section 497A, Education Act 1996) with its revisions and revocation.

    ``issued`` is the first direction; ``revisions`` are the directions that
    replaced it in turn; ``revoked`` is the revocation, if recorded.
    """

    authority: str
    issued: Intervention
    revisions: tuple[Intervention, ...] = ()
    revoked: Intervention | None = None

    @property
    def steps(self) -> tuple[Intervention, ...]:
        """The direction, its revisions and its revocation, in order."""
        return (self.issued, *self.revisions, *((self.revoked,) if self.revoked else ()))

    def in_force_on(self, day: datetime.date) -> bool:
        """Whether the direction (in any revision) was in force on ``day``."""
        return any(in_force_on(step, self.steps, day) for step in (self.issued, *self.revisions))


def directions(steps: Sequence[Intervention]) -> tuple[Direction, ...]:
    """An authority's statutory directions, each followed through the steps that replace it."""
    replaced = _replaced_by(steps)
    found = []
    for step in steps:
        if step.kind is not InterventionKind.STATUTORY_DIRECTION or step.replaces is not None:
            continue
        revisions: list[Intervention] = []
        revoked = None
        current = step
        seen = {step.id}
        while True:
            followers = [f for f in replaced.get(current.id, ()) if f.id not in seen]
            revision = next((f for f in followers if f.kind in _DIRECTIONS), None)
            revocation = next(
                (f for f in followers if f.kind is InterventionKind.DIRECTION_REVOKED), None
            )
            if revocation is not None:
                revoked = revocation
            if revision is None:
                break
            revisions.append(revision)
            seen.add(revision.id)
            current = revision
        found.append(
            Direction(
                authority=step.authority,
                issued=step,
                revisions=tuple(revisions),
                revoked=revoked,
            )
        )
    return tuple(found)
