"""Intervention status on a date, and statutory directions followed through their revisions.

Whether a notice or direction was **in force** on a day has three answers:

- **not in force**: not yet certainly taken (a step known only to the month
  counts from the month's end; undated steps cannot be placed and are left
  out), or certainly ended by then: by its own ``end``, by a later step that
  ``replaces`` it (a revised direction, a lifting, a revocation, a notice
  replacing a direction), or by a lifting or revocation that ended every
  notice and direction then in force (``ends_all``);
- **not known**: an end may have happened by then but not certainly (it is
  known only to the month or year), or the record cannot show that it still
  ran: no end is recorded and either the authority was judged requires
  improvement or better after the intervention's last recorded act, or no act
  of the authority's intervention is recorded for :data:`STALE_AFTER_YEARS`
  years. A :attr:`~childservices.InterventionKind.CONTINUES` step (a source
  saying it still ran) is an act, so it makes the answer known again;
- **in force** otherwise.

An answer is never "in force" when the record cannot show it.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence

import attrs

from childservices.data.intervention_links import enders, replaced_by as _replaced_by
from childservices.model import Grade, Inspection, Intervention, InterventionKind, NoJudgement

__all__ = [
    "STALE_AFTER_YEARS",
    "Direction",
    "InterventionStatus",
    "direction_chains",
    "directions",
    "enders",
    "in_force_on",
    "status_on",
    "step_status_on",
    "years_after",
]

_NOTICE = InterventionKind.IMPROVEMENT_NOTICE
_DIRECTIONS = (InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION)
_FORMAL = (_NOTICE, *_DIRECTIONS)

STALE_AFTER_YEARS = 3
"""After this many years with no recorded act of an authority's intervention, whether a
notice or direction with no recorded end still runs is not known."""


class InterventionStatus(enum.Enum):
    """The strongest formal intervention in force for an authority on a day."""

    NONE = "none"
    """No notice or direction certainly in force, and none whose status is not known."""
    IMPROVEMENT_NOTICE = "improvement_notice"
    """An improvement notice certainly in force (and no direction certainly in force)."""
    STATUTORY_DIRECTION = "statutory_direction"
    """A statutory direction certainly in force."""
    NOT_KNOWN = "not_known"
    """None certainly in force, but the record cannot say whether one still ran
    (see :func:`step_status_on`)."""


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _judged_improved(inspection: Inspection) -> bool:
    """Whether an inspection judged the authority requires improvement or better.

    A reformed inspection (no overall judgement) counts when every area it
    graded was requires improvement or better.
    """
    if isinstance(inspection.overall, Grade):
        return inspection.overall.rank >= 2
    if inspection.overall is NoJudgement.NOT_GIVEN and inspection.judgements:
        return all(j.grade.rank >= 2 for j in inspection.judgements)
    return False


def step_status_on(
    step: Intervention,
    steps: Sequence[Intervention],
    day: datetime.date,
    inspections: Sequence[Inspection] = (),
) -> bool | None:
    """Whether ``step`` itself was in force on ``day``: ``True``, ``False`` or ``None`` (not known).

    ``steps`` are the authority's intervention steps and ``inspections`` its
    inspections (for the rule on later judgements; see the module's rules). A
    direction replaced by a revised direction ends here; the direction as a
    whole runs on in its revision (see :func:`status_on`). A revision ends
    with anything that ended a direction it revised (a revocation that names
    the first direction ends every revision of it).
    """
    return _status((step,), steps, day, inspections, _revised(step, steps))


def _revised(step: Intervention, steps: Sequence[Intervention]) -> tuple[Intervention, ...]:
    """The directions a revised direction replaced, in turn back to the first (none for others)."""
    if step.kind not in _DIRECTIONS:
        return ()
    by_id = {s.id: s for s in steps}
    found: list[Intervention] = []
    seen = {step.id}
    current = by_id.get(step.replaces) if step.replaces else None
    while current is not None and current.kind in _DIRECTIONS and current.id not in seen:
        found.append(current)
        seen.add(current.id)
        current = by_id.get(current.replaces) if current.replaces else None
    return tuple(found)


def _bounding_enders(
    ends_of: Sequence[Intervention], members: set[str], steps: Sequence[Intervention]
) -> list[Intervention]:
    """The steps whose dates bound the end of ``ends_of``: what ends each of them (other than
    ``members``) and, through an undated step that replaced one, what ended that step in
    turn (a step replaced by an undated step that was itself replaced in 2010 had ended
    by 2010)."""
    found: list[Intervention] = []
    seen = set(members)
    todo = list(ends_of)
    while todo:
        for ender in enders(todo.pop(), steps):
            if ender.id in seen:
                continue
            seen.add(ender.id)
            found.append(ender)
            if ender.date is None:
                todo.append(ender)
    return found


def _status(
    chain: Sequence[Intervention],
    steps: Sequence[Intervention],
    day: datetime.date,
    inspections: Sequence[Inspection],
    revised: Sequence[Intervention] = (),
) -> bool | None:
    """The status of a step, or of a direction followed through its revisions (``chain``).

    ``revised``: the directions the chain's first step replaced; what ended
    them (other than the chain itself) ends the chain too.
    """
    last = chain[-1]
    # The direction began with its earliest dated step (a revision may be the only one dated).
    began = min(
        (member.date for member in chain if member.date is not None),
        key=lambda date: date.first_day(),
        default=None,
    )
    if began is None or not began.possibly_by(day):
        return False
    known = began.certainly_by(day)
    members = {member.id for member in (*chain, *revised)}
    boundaries = [e.date for e in _bounding_enders((*chain, *revised), members, steps)]
    boundaries.append(last.end)
    for boundary in boundaries:
        if boundary is None:
            continue
        if boundary.certainly_by(day):
            return False
        if boundary.possibly_by(day):
            known = False
    if not known:
        return None
    if last.end is None:
        # A later act vouches for the day only when it ends, revises or continues this
        # intervention (it shows the intervention ran until then); another, later
        # intervention of the authority says nothing about the years before it.
        acts = [
            s.date.last_day()
            for s in steps
            if s.date is not None
            and not s.date.certainly_before(began)
            and (s.date.first_day() <= day or s.replaces in members or s.ends_all)
        ]
        last_act = max(acts)
        if day > years_after(last_act, STALE_AFTER_YEARS):
            return None
        for inspection in inspections:
            published = inspection.published.last_day()
            if last_act < published <= day and _judged_improved(inspection):
                return None
    return True


def direction_chains(steps: Sequence[Intervention]) -> list[tuple[Intervention, ...]]:
    """Each direction followed through the revised directions that replace it, in turn.

    A direction that two revisions both name as replaced (a fork in the
    record) gives one chain for each, so that neither revision is lost.
    """
    by_id = {s.id: s for s in steps}
    replaced = _replaced_by(steps)
    chains: list[tuple[Intervention, ...]] = []
    for step in steps:
        if step.kind not in _DIRECTIONS:
            continue
        earlier = by_id.get(step.replaces) if step.replaces else None
        if earlier is not None and earlier.kind in _DIRECTIONS:
            continue  # a revision: part of the chain of the direction it replaces
        paths: list[tuple[Intervention, ...]] = [(step,)]
        while paths:
            path = paths.pop()
            seen = {member.id for member in path}
            revisions = [
                f
                for f in replaced.get(path[-1].id, ())
                if f.kind in _DIRECTIONS and f.id not in seen
            ]
            if not revisions:
                chains.append(path)
            paths.extend((*path, revision) for revision in reversed(revisions))
    return chains


def in_force_on(
    step: Intervention,
    steps: Sequence[Intervention],
    day: datetime.date,
    inspections: Sequence[Inspection] = (),
) -> bool:
    """Whether ``step`` was certainly in force on ``day`` (see :func:`step_status_on`)."""
    return step_status_on(step, steps, day, inspections) is True


def status_on(
    steps: Sequence[Intervention],
    day: datetime.date,
    inspections: Sequence[Inspection] = (),
) -> InterventionStatus:
    """The strongest notice or direction certainly in force on ``day`` among an authority's steps.

    A direction counts with its revisions, as one intervention: a revision
    known only to the month does not make it uncertain. The answer is
    :attr:`~InterventionStatus.NOT_KNOWN` when none is certainly in force
    but the status of one is not known. A notice certainly in force gives
    :attr:`~InterventionStatus.IMPROVEMENT_NOTICE` even when whether a
    direction still ran is not known: the answer never claims more than the
    record shows.
    """
    directions = [_status(chain, steps, day, inspections) for chain in direction_chains(steps)]
    notices = [step_status_on(s, steps, day, inspections) for s in steps if s.kind is _NOTICE]
    if True in directions:
        return InterventionStatus.STATUTORY_DIRECTION
    if True in notices:
        return InterventionStatus.IMPROVEMENT_NOTICE
    if None in directions or None in notices:
        return InterventionStatus.NOT_KNOWN
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
        """Whether the direction (in any revision) was certainly in force on ``day``.

        Only its own steps are looked at; an authority's whole record (other
        liftings, later judgements) is in
        :meth:`~childservices.AuthorityView.intervention_status_on`.
        """
        return _status((self.issued, *self.revisions), self.steps, day, ()) is True


def directions(steps: Sequence[Intervention]) -> tuple[Direction, ...]:
    """An authority's statutory directions, each followed through the steps that replace it.

    A direction is a chain of :func:`direction_chains` that begins with a statutory
    direction (one that replaces a notice counts: an escalation); its revocation is
    the last one recorded for any step of the chain.
    """
    replaced = _replaced_by(steps)
    found = []
    for chain in direction_chains(steps):
        issued = chain[0]
        if issued.kind is not InterventionKind.STATUTORY_DIRECTION:
            continue  # a revised direction whose original is not in the record
        revocations = [
            follower
            for member in chain
            for follower in replaced.get(member.id, ())
            if follower.kind is InterventionKind.DIRECTION_REVOKED
        ]
        found.append(
            Direction(
                authority=issued.authority,
                issued=issued,
                revisions=chain[1:],
                revoked=revocations[-1] if revocations else None,
            )
        )
    return tuple(found)
