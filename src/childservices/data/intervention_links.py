"""Which step of an intervention ends which: ``replaces`` links, liftings of everything, new notices.

A step names the step it revises, lifts or revokes in ``replaces``
(:data:`ENDS` says which kinds each may name); a lifting or revocation with
``ends_all`` ends every notice and direction then in force; an improvement
notice is ended by the authority's next notice or direction. The
intervention rules (:mod:`childservices.rules.intervention`) and the
cross-record checks (:mod:`childservices.data.intervention_checks`) share
these links.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from childservices.model import Intervention, InterventionKind

__all__ = ["ENDS", "enders", "replaced_by"]

ENDS: dict[InterventionKind, frozenset[InterventionKind]] = {
    InterventionKind.NOTICE_LIFTED: frozenset(
        {InterventionKind.IMPROVEMENT_NOTICE, InterventionKind.MINISTERIAL_DECISION}
    ),
    InterventionKind.DIRECTION_REVOKED: frozenset(
        {InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION}
    ),
    InterventionKind.REVISED_DIRECTION: frozenset(
        {InterventionKind.STATUTORY_DIRECTION, InterventionKind.REVISED_DIRECTION}
    ),
}
"""The kinds of step each lifting, revocation or revision may replace (``replaces``).

A lifting ends a non-statutory intervention: an improvement notice, or a
ministerial decision to intervene without one (Leeds, 2009 to 2011, is
recorded so: seed 003 does not name the instrument). A revocation ends, and a
revised direction replaces, a statutory direction in one of its revisions.
Other kinds may replace a step of any kind (a direction that supersedes an
improvement notice, a notice that revises an earlier notice).
"""

_NOTICE = InterventionKind.IMPROVEMENT_NOTICE


def replaced_by(steps: Iterable[Intervention]) -> dict[str, list[Intervention]]:
    """The steps that replace each step, by the id of the step replaced.

    A :attr:`~childservices.InterventionKind.CONTINUES` step names a step in
    ``replaces`` to say it still ran: it replaces nothing.
    """
    replaced: dict[str, list[Intervention]] = {}
    for step in steps:
        if step.replaces is not None and step.kind is not InterventionKind.CONTINUES:
            replaced.setdefault(step.replaces, []).append(step)
    return replaced


def enders(step: Intervention, steps: Sequence[Intervention]) -> list[Intervention]:
    """The steps that end ``step``: those replacing it, later liftings that end everything,
    and, for an improvement notice, the authority's next notice or direction."""
    found = list(replaced_by(steps).get(step.id, ()))
    if step.date is None:
        return found
    found += [
        s
        for s in steps
        if s.ends_all
        and s.id != step.id
        and s.date is not None
        and not s.date.certainly_before(step.date)
    ]
    if step.kind is _NOTICE:
        found += [
            s
            for s in steps
            if s.kind in (_NOTICE, InterventionKind.STATUTORY_DIRECTION)
            and s.id != step.id
            and s.date is not None
            and s.date.certainly_after(step.date)
        ]
    return found
