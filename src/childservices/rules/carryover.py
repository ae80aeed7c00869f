"""Carrying a rating over from a predecessor, written once.

A council created by reorganisation has no inspection of its own at first.
Until its own first one it **carries over** the record of its predecessor
when it has exactly one (Cumbria's two successors each carry Cumbria's
rating; a council formed from several, such as Bournemouth, Christchurch and
Poole, carries none). Predecessors' inspections published on or after the
successor's own first one are not carried: from then on its own record
speaks. The rule applies link by link, so a successor of a successor carries
the record of the first.

Who carries over is a choice, made by a ``follows`` test on the successor's
history:

- :func:`always`: every council with a single predecessor, as
  :meth:`~childservices.AuthorityView.rating_on` reads ratings;
- :func:`keeps_predecessor_urn`: only a council that kept its predecessor's
  Ofsted URN (Buckinghamshire, North Yorkshire, Somerset), as Ofsted lists
  and counts councils (see :mod:`childservices.rules.official`);
- ``None``: no carry-over, the council's own inspections only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from childservices.model import Area, Framework, Inspection, PartialDate, Visit
from childservices.rules.asof import (
    SIF_AND_LATER,
    RatingBasis,
    counts_for_rating,
    latest_inspection,
    publication_key,
)
from childservices.rules.lineage import continues_record

if TYPE_CHECKING:
    from childservices.rules.history import AuthorityHistory

__all__ = [
    "Follows",
    "always",
    "carried_inspections",
    "inspections_with_predecessors",
    "keeps_predecessor_urn",
    "rated_inspection_on",
    "rating_inspections",
    "visits_with_predecessors",
    "with_predecessors",
]

Follows = Callable[["AuthorityHistory"], bool]
"""A test of a successor's history: whether it carries its single predecessor's record."""


def always(history: AuthorityHistory) -> bool:
    """Every council with a single predecessor carries its record (the default of ratings)."""
    return True


def keeps_predecessor_urn(history: AuthorityHistory) -> bool:
    """Whether the council kept the Ofsted URN of a predecessor (see
    :func:`~childservices.rules.lineage.continues_record`): Ofsted then lists the two as one."""
    predecessors = history.predecessors
    identifiers = {h.id: h.identifiers for h in (history, *predecessors)}
    return continues_record(history.id, [p.id for p in predecessors], identifiers)


def carried_inspections(
    history: AuthorityHistory,
    own: Callable[[AuthorityHistory], tuple[Inspection, ...]],
    follows: Follows | None,
) -> tuple[Inspection, ...]:
    """``own(history)`` after the single predecessor's, carried over as ``follows`` says.

    ``own`` picks an authority's own inspections that count (in publication
    order); the predecessor's are picked the same way, link by link, and only
    those published before the authority's own first one are kept.

    >>> import childservices as cs
    >>> north = cs.load().authority("North Northamptonshire")
    >>> [i.id for i in carried_inspections(north, lambda h: tuple(h.inspections), always)][-3:]
    ['northamptonshire-ilacs-2019-07-29', 'north-northamptonshire-ilacs-2022-11-25', 'north-northamptonshire-ilacs_2026-2026-07-07']
    >>> [i.id for i in carried_inspections(north, lambda h: tuple(h.inspections), keeps_predecessor_urn)][:1]
    ['north-northamptonshire-ilacs-2022-11-25']
    """
    mine = own(history)
    predecessors = history.predecessors
    if follows is None or len(predecessors) != 1 or not follows(history):
        return mine
    earlier = carried_inspections(predecessors[0], own, follows)
    if mine:
        first = publication_key(mine[0])
        earlier = tuple(i for i in earlier if publication_key(i) < first)
    return earlier + mine


def rating_inspections(
    history: AuthorityHistory,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    *,
    follows: Follows | None = always,
) -> tuple[Inspection, ...]:
    """The inspections that set the authority's rating, in publication order, carried over
    from a single predecessor as ``follows`` says (see the module's rule)."""

    def own(h: AuthorityHistory) -> tuple[Inspection, ...]:
        return tuple(i for i in h.inspections if counts_for_rating(i, frameworks))

    return carried_inspections(history, own, follows)


def rated_inspection_on(
    history: AuthorityHistory,
    day: datetime.date,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    *,
    follow_predecessors: bool = True,
    rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
) -> Inspection | None:
    """The inspection whose judgement was the authority's rating on ``day``.

    The latest inspection under ``frameworks`` published by ``day`` that can
    set a rating on ``rating_basis``; before the authority's own first one,
    with ``follow_predecessors``, its single predecessor's (as
    :func:`rating_inspections` with :func:`always`). ``None`` after the
    authority's last day.
    """
    end = history.record.active_to
    if end is not None and end.certainly_before(PartialDate.from_date(day)):
        return None
    found = latest_inspection(
        history.inspections, history.inspection_keys, day, frameworks, rating_basis
    )
    if found is not None or not follow_predecessors:
        return found
    seen = {history.id}
    predecessors = history.predecessors
    while len(predecessors) == 1 and predecessors[0].id not in seen:
        current = predecessors[0]
        seen.add(current.id)
        found = latest_inspection(
            current.inspections, current.inspection_keys, day, frameworks, rating_basis
        )
        if found is not None:
            return found
        predecessors = current.predecessors
    return None


def with_predecessors(history: AuthorityHistory) -> tuple[AuthorityHistory, ...]:
    """The authority and every authority it succeeded, directly or not (each once).

    Not a carry-over: every predecessor, however many, as the record of
    inspections and visits under the authority's area.
    """
    seen: dict[str, AuthorityHistory] = {}
    stack = [history]
    while stack:
        current = stack.pop()
        if current.id in seen:
            continue
        seen[current.id] = current
        stack.extend(current.predecessors)
    return tuple(seen.values())


def inspections_with_predecessors(history: AuthorityHistory) -> tuple[Inspection, ...]:
    """Its inspections and those of every authority it succeeded, in order of publication."""
    collected = [i for h in with_predecessors(history) for i in h.inspections]
    return tuple(sorted(collected, key=lambda i: (i.published.last_day(), i.id)))


def visits_with_predecessors(history: AuthorityHistory) -> tuple[Visit, ...]:
    """Its visits and those of every authority it succeeded, in date order."""
    collected = [v for h in with_predecessors(history) for v in h.visits]
    return tuple(sorted(collected, key=lambda v: (v.date.sort_key(), v.id)))
