"""Units of analysis across reorganisations: authorities on a day, or lineages over years.

Local government reorganisation abolishes councils and creates others
(Northamptonshire split into North and West Northamptonshire in 2021;
Bournemouth, Poole and part of Dorset County merged into Bournemouth,
Christchurch and Poole in 2019; Somerset County Council continued as the
unitary Somerset Council in 2023). An analysis over many authorities must say
what it counts, or the same judgement is counted for a predecessor and again
for each of its successors:

- :attr:`Unit.AUTHORITY`: each authority on its own. For a question about a
  day (ratings, shares, panels, Ofsted's counts) these are the authorities
  in existence that day; over years, each authority's own judgements,
  followed until the authority was abolished.
- :attr:`Unit.LINEAGE`: a council with its predecessors and successors as one
  line of history (:class:`Lineage`), counted once however many councils it
  was split into or merged from.

Either way a judgement belongs to the authority inspected
(:attr:`Inspection.authority <childservices.model.inspection.Inspection.authority>`):
a successor never counts its predecessor's judgement as an event of its own.

Ofsted identifies each council it inspects by a unique reference number
(URN). A council that kept its predecessor's URN (Buckinghamshire in 2020,
North Yorkshire and Somerset in 2023: the county council continued as the
unitary council) continues the predecessor's record at Ofsted;
:func:`continues_record` says so from the identifiers.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

from childservices.model import Identifier, IdentifierScheme

__all__ = ["Lineage", "Unit", "continues_record", "lineages"]


class Unit(enum.Enum):
    """What an analysis over many authorities counts."""

    AUTHORITY = "authority"
    """Each authority on its own: those in existence on the day asked about, or,
    over years, each authority's own judgements until it was abolished."""
    LINEAGE = "lineage"
    """A council with its predecessors and successors as one line of history,
    counted once (see :class:`Lineage`)."""


@attrs.frozen(kw_only=True)
class Lineage:
    """Authorities joined by reorganisation, directly or through others: one line of history.

    ``id`` joins the ids of its earliest members (those with no predecessor)
    with ``+``: ``"northamptonshire"`` for Northamptonshire and North and West
    Northamptonshire, ``"bournemouth+dorset-county+poole"`` for the five
    authorities of the 2019 Dorset reorganisation. An authority never
    reorganised is a lineage of one, with its own id.
    """

    id: str
    members: tuple[str, ...]
    """The ids of every authority in the lineage, sorted."""


def lineages(authorities: Iterable[str], links: Iterable[tuple[str, str]]) -> tuple[Lineage, ...]:
    """The lineages of ``authorities`` joined by ``links`` (predecessor, successor), sorted by id.

    Links naming an authority not in ``authorities`` are ignored; every
    authority is in exactly one lineage.

    >>> [(l.id, l.members) for l in lineages(["a", "b", "c", "d"], [("a", "b"), ("a", "c")])]
    [('a', ('a', 'b', 'c')), ('d', ('d',))]
    """
    members = sorted(set(authorities))
    known = set(members)
    neighbours: dict[str, set[str]] = defaultdict(set)
    has_predecessor: set[str] = set()
    for predecessor, successor in links:
        if predecessor in known and successor in known:
            neighbours[predecessor].add(successor)
            neighbours[successor].add(predecessor)
            has_predecessor.add(successor)
    seen: set[str] = set()
    found = []
    for start in members:
        if start in seen:
            continue
        component = []
        stack = [start]
        seen.add(start)
        while stack:
            current = stack.pop()
            component.append(current)
            for other in neighbours[current]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        component.sort()
        roots = [m for m in component if m not in has_predecessor] or component[:1]
        found.append(Lineage(id="+".join(roots), members=tuple(component)))
    return tuple(sorted(found, key=lambda lineage: lineage.id))


def continues_record(
    successor: str,
    predecessors: Iterable[str],
    identifiers: Mapping[str, Iterable[Identifier]],
) -> bool:
    """Whether ``successor`` kept the Ofsted URN of one of its ``predecessors``.

    ``identifiers`` maps an authority id to its identifiers. Ofsted then
    lists both under one provider and its counts carry the predecessor's
    judgement on; a council given a new URN is counted by Ofsted from its own
    first inspection. ``False`` when no URN of either is recorded.
    """
    own = {
        i.value for i in identifiers.get(successor, ()) if i.scheme is IdentifierScheme.OFSTED_URN
    }
    return any(
        i.value in own
        for predecessor in predecessors
        for i in identifiers.get(predecessor, ())
        if i.scheme is IdentifierScheme.OFSTED_URN
    )
