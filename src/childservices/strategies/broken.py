"""Breaking one cross-record rule of a consistent record set, for
``record_sets(valid=False)``: each breakage adds or replaces a few records so that
:meth:`Dataset.from_records` must refuse the result."""

from __future__ import annotations

from collections.abc import Callable

import attrs
from hypothesis import strategies as st

from childservices.model import (
    Alias,
    Authority,
    Citation,
    DeliveryEpisode,
    DeliveryModel,
    Intervention,
    InterventionKind,
    PartialDate,
    Provider,
    ProviderKind,
    RecordSet,
    Reorganisation,
    Visit,
    VisitKind,
)
from childservices.strategies.delivery import lifecycles

_Cite = tuple[Citation, ...]
"""The citation every record a breakage adds carries (of the record set's first source)."""


def _unknown_authority(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """An alias of an authority that does not exist."""
    alias = Alias(authority="no-such-authority", alias="Nowhere", citations=cite)
    return attrs.evolve(records, authority_aliases=(*records.authority_aliases, alias))


def _visit_of_unknown_authority(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """A visit to an authority that does not exist."""
    visit = Visit(
        id="visit-of-nobody",
        authority="no-such-authority",
        kind=VisitKind.MONITORING,
        start=PartialDate(2024, 5, 1),
        citations=cite,
    )
    return attrs.evolve(records, visits=(*records.visits, visit))


def _unknown_source(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """An alias citing a source that does not exist."""
    alias = Alias(
        authority=first.id, alias="Elsewhere", citations=(Citation(source="no-such-source"),)
    )
    return attrs.evolve(records, authority_aliases=(*records.authority_aliases, alias))


def _duplicate_id(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """The first source twice."""
    return attrs.evolve(records, sources=(*records.sources, records.sources[0]))


def _delivery_overlap(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """Two open-ended in-house episodes of the same services, one starting while the other runs."""
    episodes = tuple(
        DeliveryEpisode(
            id=f"overlap-{n}",
            authority=first.id,
            model=DeliveryModel.IN_HOUSE,
            scope="overlapping services",
            start=PartialDate(2015 + n, 1, 1),
            citations=cite,
        )
        for n in range(2)
    )
    return attrs.evolve(records, delivery=(*records.delivery, *episodes))


def _revocation(records: RecordSet, first: Authority, cite: _Cite, *, cycle: bool) -> RecordSet:
    """A direction and its revocation: the revocation dated before the direction, or (with
    ``cycle``) each replacing the other."""
    steps = (
        Intervention(
            id="broken-direction",
            authority=first.id,
            kind=InterventionKind.STATUTORY_DIRECTION,
            date=PartialDate(2015, 6),
            replaces="broken-revocation" if cycle else None,
            citations=cite,
        ),
        Intervention(
            id="broken-revocation",
            authority=first.id,
            kind=InterventionKind.DIRECTION_REVOKED,
            date=PartialDate(2016 if cycle else 2014),
            replaces="broken-direction",
            citations=cite,
        ),
    )
    return attrs.evolve(records, interventions=(*records.interventions, *steps))


def _revocation_before_direction(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """A revocation dated before the direction it revokes."""
    return _revocation(records, first, cite, cycle=False)


def _replaces_cycle(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """A direction and a revocation each replacing the other."""
    return _revocation(records, first, cite, cycle=True)


def _reorganisation_cycle(records: RecordSet, first: Authority, cite: _Cite) -> RecordSet:
    """The first two authorities each succeeding the other (any link between them dropped)."""
    second = records.authorities[1]
    links = (
        Reorganisation(
            predecessor=second.id, successor=first.id, date=PartialDate(2020), citations=cite
        ),
        Reorganisation(
            predecessor=first.id, successor=second.id, date=PartialDate(2021), citations=cite
        ),
    )
    kept = tuple(
        r
        for r in records.reorganisations
        if (r.predecessor, r.successor) not in {(first.id, second.id), (second.id, first.id)}
    )
    return attrs.evolve(records, reorganisations=(*kept, *links))


def _lifecycle_order(
    draw: st.DrawFn, records: RecordSet, first: Authority, cite: _Cite
) -> RecordSet:
    """A new provider whose lifecycle with the first authority is out of order."""
    provider = Provider(
        id="broken-provider", name="Broken", kind=ProviderKind.CHILDRENS_TRUST, citations=cite
    )
    events = tuple(
        attrs.evolve(e, authority=first.id, citations=cite)
        for e in draw(lifecycles(valid=False, provider=provider.id))
    )
    return attrs.evolve(
        records,
        providers=(*records.providers, provider),
        lifecycle=(*records.lifecycle, *events),
    )


_BREAKAGES = (
    "unknown_authority",
    "visit_of_unknown_authority",
    "unknown_source",
    "duplicate_id",
    "delivery_overlap",
    "reorganisation_cycle",
    "lifecycle_order",
    "revocation_before_direction",
    "replaces_cycle",
)
"""Every way :func:`_break` may break a record set, in the order it chooses among them."""

_FIXED_BREAKAGES: dict[str, Callable[[RecordSet, Authority, _Cite], RecordSet]] = {
    "unknown_authority": _unknown_authority,
    "visit_of_unknown_authority": _visit_of_unknown_authority,
    "unknown_source": _unknown_source,
    "duplicate_id": _duplicate_id,
    "delivery_overlap": _delivery_overlap,
    "reorganisation_cycle": _reorganisation_cycle,
    "revocation_before_direction": _revocation_before_direction,
    "replaces_cycle": _replaces_cycle,
}
"""The breakages that draw nothing more, by name (``lifecycle_order`` draws a lifecycle)."""


def _break(draw: st.DrawFn, records: RecordSet) -> RecordSet:
    """``records`` with one cross-record rule broken (a cycle of reorganisations only where
    there are two authorities to link)."""
    first = records.authorities[0]
    cite = (Citation(source=records.sources[0].id),)
    choices = [b for b in _BREAKAGES if b != "reorganisation_cycle" or len(records.authorities) > 1]
    breakage = draw(st.sampled_from(choices))
    if breakage == "lifecycle_order":
        return _lifecycle_order(draw, records, first, cite)
    return _FIXED_BREAKAGES[breakage](records, first, cite)
