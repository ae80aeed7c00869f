"""How complete the intervention record is, measured from the record itself.

Two figures, each with its rule:

- **Responses**: of the inadequate overall judgements under the SIF and
  ILACS, the share with the DfE's response recorded: an improvement notice,
  a statutory direction (or revision) or a commissioner of the authority
  dated from :data:`RESPONSE_WINDOW_DAYS` days before to as many after the
  report's publication, or a notice or direction certainly in force on the
  day the report was published. The DfE responds to every inadequate
  judgement with a notice or a direction, so a judgement without one is a
  gap in the record, not a fact.
- **Ends**: of the interventions (an improvement notice, or a direction
  with its revisions) begun before :data:`ENDS_BEFORE`, the share whose end
  is recorded (a lifting, revocation, replacement, an ``end``, a lifting of
  everything, or a later notice or direction superseding a notice), or that
  a source dated within the year before the record's newest report says
  continues (a :attr:`~childservices.InterventionKind.CONTINUES` step).

A notice, direction or commissioner whose source ties it to the judgement
(its ``answers`` names the inspection) is the response however it is dated.
For the inadequate overall judgements of 2012-2013 (the child protection and
looked after children inspections; the 2009-2012 safeguarding and looked
after children inspections give no overall judgement)
:func:`era_coverage` counts a judgement as covered when its response is
recorded or the record says it was searched for and not found
(``response_searched``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

import attrs

from childservices.model import Framework, Grade, Inspection, Intervention, InterventionKind
from childservices.rules.intervention import (
    InterventionStatus,
    direction_chains,
    enders,
    status_on,
    years_after,
)

__all__ = [
    "ENDS_BEFORE",
    "ERA_FRAMEWORKS",
    "RESPONSE_WINDOW_DAYS",
    "EraCoverage",
    "InterventionCoverage",
    "era_coverage",
    "intervention_coverage",
]

RESPONSE_WINDOW_DAYS = 366
"""How far before or after an inadequate report a notice, direction or commissioner counts
as the DfE's response to it."""

ERA_FRAMEWORKS = (Framework.CPI, Framework.LAC)
"""The frameworks of 2009-2013 that gave an overall judgement."""

ENDS_BEFORE = datetime.date(2024, 1, 1)
"""Interventions begun before this day are expected to have a recorded end by now."""

_CERTAIN = (InterventionStatus.IMPROVEMENT_NOTICE, InterventionStatus.STATUTORY_DIRECTION)
_RESPONSES = (
    InterventionKind.IMPROVEMENT_NOTICE,
    InterventionKind.STATUTORY_DIRECTION,
    InterventionKind.REVISED_DIRECTION,
    InterventionKind.COMMISSIONER_APPOINTED,
)


@attrs.frozen(kw_only=True)
class InterventionCoverage:
    """The two coverage figures and what is missing from each (ids, sorted)."""

    judgements: int
    """Inadequate overall judgements under the SIF and ILACS."""
    responded: int
    """Of those, judgements with the DfE's response recorded."""
    without_response: tuple[str, ...]
    interventions: int
    """Notices and directions (with their revisions) begun before :data:`ENDS_BEFORE`."""
    ended: int
    """Of those, interventions whose end is recorded, or that a recent source says continue."""
    without_end: tuple[str, ...]

    @property
    def response_share(self) -> float:
        """``responded / judgements`` (1 when there are none)."""
        return self.responded / self.judgements if self.judgements else 1.0

    @property
    def end_share(self) -> float:
        """``ended / interventions`` (1 when there are none)."""
        return self.ended / self.interventions if self.interventions else 1.0


@attrs.frozen(kw_only=True)
class EraCoverage:
    """The inadequate overall judgements of 2009-2013 and what the record says of the response."""

    judgements: int
    responded: int
    """Judgements with the DfE's response recorded."""
    searched: tuple[str, ...]
    """Judgements with no response recorded, searched for and not found (ids, sorted)."""
    missing: tuple[str, ...]
    """Judgements with neither (ids, sorted)."""

    @property
    def share(self) -> float:
        """Judgements with a response or a recorded search, of all (1 when there are none)."""
        if not self.judgements:
            return 1.0
        return (self.responded + len(self.searched)) / self.judgements


def _responded(inspection: Inspection, steps: Sequence[Intervention]) -> bool:
    published = inspection.published.last_day()
    window = datetime.timedelta(days=RESPONSE_WINDOW_DAYS)
    for step in steps:
        if step.kind in _RESPONSES and step.answers == inspection.id:
            return True
        if step.kind not in _RESPONSES or step.date is None:
            continue
        if (
            published - window <= step.date.last_day()
            and step.date.first_day() <= published + window
        ):
            return True
    return status_on(steps, published) in _CERTAIN


def _ended(
    chain: Sequence[Intervention], steps: Sequence[Intervention], until: datetime.date
) -> bool:
    members = {m.id for m in chain}
    if chain[-1].end is not None:
        return True
    if any(e.date is not None for m in chain for e in enders(m, steps) if e.id not in members):
        return True
    recent = years_after(until, -1)
    return any(
        s.kind is InterventionKind.CONTINUES
        and s.replaces in members
        and s.date is not None
        and s.date.last_day() >= recent
        for s in steps
    )


def intervention_coverage(
    inspections: Iterable[Inspection],
    interventions: Mapping[str, Sequence[Intervention]],
    *,
    until: datetime.date,
) -> InterventionCoverage:
    """The coverage figures of a record: ``interventions`` are each authority's steps.

    ``until`` is the record's newest report (a ``continues`` source counts when
    dated within the year before it).
    """
    judged = [
        i
        for i in inspections
        if i.framework in (Framework.SIF, Framework.ILACS) and i.overall is Grade.INADEQUATE
    ]
    missing = sorted(i.id for i in judged if not _responded(i, interventions.get(i.authority, ())))
    begun: list[tuple[str, bool]] = []
    for steps in interventions.values():
        chains: list[tuple[Intervention, ...]] = [
            (s,) for s in steps if s.kind is InterventionKind.IMPROVEMENT_NOTICE
        ]
        chains += direction_chains(steps)
        for chain in chains:
            first = chain[0]
            if first.date is None or first.date.first_day() >= ENDS_BEFORE:
                continue
            begun.append((first.id, _ended(chain, steps, until)))
    open_ = sorted(ident for ident, ended in begun if not ended)
    return InterventionCoverage(
        judgements=len(judged),
        responded=len(judged) - len(missing),
        without_response=tuple(missing),
        interventions=len(begun),
        ended=len(begun) - len(open_),
        without_end=tuple(open_),
    )


def era_coverage(
    inspections: Iterable[Inspection], interventions: Mapping[str, Sequence[Intervention]]
) -> EraCoverage:
    """The DfE's responses to the inadequate overall judgements of :data:`ERA_FRAMEWORKS`."""
    judged = [
        i for i in inspections if i.framework in ERA_FRAMEWORKS and i.overall is Grade.INADEQUATE
    ]
    responded = [i for i in judged if _responded(i, interventions.get(i.authority, ()))]
    answered = {i.id for i in responded}
    searched = sorted(i.id for i in judged if i.id not in answered and i.response_searched)
    missing = sorted(
        i.id for i in judged if i.id not in answered and i.response_searched is None
    )
    return EraCoverage(
        judgements=len(judged),
        responded=len(responded),
        searched=tuple(searched),
        missing=tuple(missing),
    )
