"""Small consistent record sets: every table filled, ids unique, every reference resolving
(:func:`record_sets`, re-exported from :mod:`childservices.strategies`).

:func:`record_sets` draws its tables one family at a time, in a fixed order,
with the helpers below; each helper takes the pool of source ids the records
cite and the ids of the records already drawn that its records name.
"""

from __future__ import annotations

import datetime
import itertools

import attrs
from hypothesis import strategies as st

from childservices.model import (
    Alias,
    Authority,
    AuthorityKind,
    DeliveryEpisode,
    DeliveryModel,
    Identifier,
    IdentifierScheme,
    InsourcingEvent,
    Inspection,
    Intervention,
    InterventionKind,
    LifecycleEvent,
    LifecycleEventKind,
    NeighbourGrouping,
    PartialDate,
    ProgrammeMembership,
    Provider,
    RecordSet,
    Region,
    Reorganisation,
    StatisticalNeighbour,
    Visit,
)
from childservices.strategies.basics import _pool_citations, days, partial_dates, sources
from childservices.strategies.broken import _break
from childservices.strategies.delivery import (
    insourcing_events,
    lifecycles,
    programme_memberships,
    providers,
)
from childservices.strategies.intervention_steps import _intervention_chain
from childservices.strategies.ofsted import inspection_histories, visits

__all__ = ["record_sets"]

_SCHEME_VALUES = {
    IdentifierScheme.DFE: "{}",
    IdentifierScheme.ONS: "E06{:06d}",
    IdentifierScheme.OFSTED_URN: "99{:03d}",
}
"""How the n-th authority's identifier in each scheme is written."""


@st.composite
def record_sets(draw: st.DrawFn, *, max_authorities: int = 3, valid: bool = True) -> RecordSet:
    """A small record set that passes every check of :meth:`Dataset.from_records`.

    One to ``max_authorities`` authorities with identifiers, aliases,
    statistical neighbours and a chain of reorganisations; their inspection
    histories, interventions (some revising earlier ones), providers with
    valid lifecycles, delivery episodes that follow one another, insourcing
    and programmes, and Ofsted's visits to each; every record cites one of a
    few sources. Ids are unique and every reference resolves.

    ``valid=False`` breaks exactly one cross-record rule (a reference to an
    authority or source that does not exist, from an alias or a visit, an id
    used twice, overlapping delivery episodes, a cycle of reorganisations, a
    lifecycle out of order, a revocation dated before the direction it
    revokes, or a cycle of ``replaces`` links): :meth:`Dataset.from_records`
    must refuse the result.
    """
    pool = [f"source-{n}" for n in range(draw(st.integers(1, 3)))]
    source_records = tuple(attrs.evolve(draw(sources()), id=source_id) for source_id in pool)
    authority_records = _authorities(draw, pool, max_authorities)
    identifier_records, aliases, links = _council_records(draw, pool, authority_records)
    neighbours = _neighbours(draw, pool, authority_records)
    inspected, visited, steps = _ofsted_and_interventions(draw, pool, authority_records)
    provider_records = tuple(
        attrs.evolve(draw(providers()), id=f"provider-{n}", citations=_pool_citations(draw, pool))
        for n in range(draw(st.integers(0, 2)))
    )
    lifecycle_records, acts = _lifecycles(draw, pool, authority_records, provider_records)
    delivery_records, insourcing_records = _delivery(
        draw, pool, authority_records, provider_records
    )
    records = RecordSet(
        sources=source_records,
        authorities=authority_records,
        authority_identifiers=identifier_records,
        authority_aliases=aliases,
        reorganisations=links,
        statistical_neighbours=neighbours,
        inspections=inspected,
        visits=visited,
        interventions=(*steps, *acts),
        providers=provider_records,
        delivery=delivery_records,
        lifecycle=lifecycle_records,
        insourcing=insourcing_records,
        programmes=_programmes(draw, pool, authority_records),
    )
    return records if valid else _break(draw, records)


def _names() -> st.SearchStrategy[str]:
    """Place-like names of authorities ('Ashshire', 'Brook Vale')."""
    return st.from_regex(r"[A-Z][a-z]{2,9}(shire| Vale| Borough)?", fullmatch=True)


def _authorities(draw: st.DrawFn, pool: list[str], max_authorities: int) -> tuple[Authority, ...]:
    """One to ``max_authorities`` authorities with distinct names, ``authority-0`` onwards."""
    names = draw(st.lists(_names(), min_size=1, max_size=max_authorities, unique_by=str.lower))
    return tuple(
        Authority(
            id=f"authority-{n}",
            name=name,
            kind=draw(st.sampled_from(AuthorityKind)),
            region=draw(st.none() | st.sampled_from(Region)),
            citations=_pool_citations(draw, pool),
        )
        for n, name in enumerate(names)
    )


def _council_records(
    draw: st.DrawFn, pool: list[str], authorities: tuple[Authority, ...]
) -> tuple[tuple[Identifier, ...], tuple[Alias, ...], tuple[Reorganisation, ...]]:
    """Some of the authorities' identifiers and aliases, and reorganisations in which each
    authority perhaps succeeds the one before it."""
    identifier_records = tuple(
        Identifier(
            authority=authority.id,
            scheme=scheme,
            value=make.format(900 + n if scheme is IdentifierScheme.DFE else n),
            citations=_pool_citations(draw, pool),
        )
        for n, authority in enumerate(authorities)
        for scheme, make in _SCHEME_VALUES.items()
        if draw(st.booleans())
    )
    aliases = tuple(
        Alias(
            authority=authority.id,
            alias=f"{authority.name} Council",
            citations=_pool_citations(draw, pool),
        )
        for authority in authorities
        if draw(st.booleans())
    )
    links = tuple(
        Reorganisation(
            predecessor=first.id,
            successor=second.id,
            date=draw(partial_dates()),
            citations=_pool_citations(draw, pool),
        )
        for first, second in itertools.pairwise(authorities)
        if draw(st.booleans())
    )
    return identifier_records, aliases, links


def _neighbours(
    draw: st.DrawFn, pool: list[str], authorities: tuple[Authority, ...]
) -> tuple[StatisticalNeighbour, ...]:
    """Some of the links from each authority to each other one as a statistical neighbour."""
    return tuple(
        StatisticalNeighbour(
            grouping=draw(st.sampled_from(NeighbourGrouping)),
            authority=first.id,
            neighbour=second.id,
            rank=draw(st.integers(1, 10)),
            citations=_pool_citations(draw, pool),
        )
        for first in authorities
        for second in authorities
        if first.id != second.id and draw(st.booleans())
    )


def _ofsted_and_interventions(
    draw: st.DrawFn, pool: list[str], authorities: tuple[Authority, ...]
) -> tuple[tuple[Inspection, ...], tuple[Visit, ...], tuple[Intervention, ...]]:
    """Each authority's inspections (up to four), visits (up to three) and intervention steps."""
    inspection_records: list[Inspection] = []
    visit_records: list[Visit] = []
    intervention_records: list[Intervention] = []
    for authority in authorities:
        history = draw(inspection_histories(authority=authority.id, max_size=4))
        inspection_records.extend(
            attrs.evolve(i, citations=_pool_citations(draw, pool)) for i in history
        )
        visit_records.extend(
            attrs.evolve(
                visit, id=f"{authority.id}-visit-{n}", citations=_pool_citations(draw, pool)
            )
            for n, visit in enumerate(draw(st.lists(visits(authority=authority.id), max_size=3)))
        )
        intervention_records.extend(_intervention_chain(draw, pool, authority.id))
    return tuple(inspection_records), tuple(visit_records), tuple(intervention_records)


def _lifecycles(
    draw: st.DrawFn,
    pool: list[str],
    authorities: tuple[Authority, ...],
    provider_records: tuple[Provider, ...],
) -> tuple[tuple[LifecycleEvent, ...], tuple[Intervention, ...]]:
    """Valid lifecycles of some providers, each with one authority, and the interventions
    their direction events name (one act, one record)."""
    events: list[LifecycleEvent] = []
    acts: list[Intervention] = []
    for provider in provider_records:
        if not draw(st.booleans()):
            continue
        authority = draw(st.sampled_from([a.id for a in authorities]))
        for event in draw(lifecycles(provider=provider.id)):
            act = None
            if event.event is LifecycleEventKind.DIRECTION:
                act = f"{event.id}-act"
                acts.append(
                    Intervention(
                        id=act,
                        authority=authority,
                        kind=InterventionKind.MINISTERIAL_DECISION,
                        date=event.date,
                        citations=_pool_citations(draw, pool),
                    )
                )
            events.append(
                attrs.evolve(
                    event,
                    authority=authority,
                    intervention=act,
                    citations=_pool_citations(draw, pool),
                )
            )
    return tuple(events), tuple(acts)


def _delivery(
    draw: st.DrawFn,
    pool: list[str],
    authorities: tuple[Authority, ...],
    provider_records: tuple[Provider, ...],
) -> tuple[tuple[DeliveryEpisode, ...], tuple[InsourcingEvent, ...]]:
    """Each authority's delivery episodes, one after another, and perhaps an insourcing."""
    provider_ids = [p.id for p in provider_records]
    delivery_records: list[DeliveryEpisode] = []
    insourcing_records: list[InsourcingEvent] = []
    for authority in authorities:
        delivery_records.extend(_episodes(draw, pool, authority.id, provider_ids))
        if len(provider_ids) > 0 and draw(st.booleans()):
            event = draw(insourcing_events())
            insourcing_records.append(
                attrs.evolve(
                    event,
                    id=f"{authority.id}-insourcing",
                    authority=authority.id,
                    provider=draw(st.sampled_from(provider_ids)),
                    citations=_pool_citations(draw, pool),
                )
            )
    return tuple(delivery_records), tuple(insourcing_records)


def _episodes(
    draw: st.DrawFn, pool: list[str], authority: str, provider_ids: list[str]
) -> list[DeliveryEpisode]:
    """Up to three episodes of one authority, each ending when the next starts (the last
    perhaps ended, or open and known only until a later day); in-house only when there is no
    provider."""
    starts = sorted(draw(st.lists(days(), max_size=3, unique=True)))
    ends: list[datetime.date | None] = [*starts[1:], None] if starts else []
    known_until: datetime.date | None = None
    if len(starts) > 0 and draw(st.booleans()):
        ends[-1] = draw(days(starts[-1]))
    elif len(starts) > 0 and draw(st.booleans()):
        known_until = draw(days(starts[-1]))
    episodes = []
    for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
        model = draw(st.sampled_from(DeliveryModel)) if provider_ids else DeliveryModel.IN_HOUSE
        episodes.append(
            DeliveryEpisode(
                id=f"{authority}-delivery-{n}",
                authority=authority,
                model=model,
                provider=None
                if model is DeliveryModel.IN_HOUSE
                else draw(st.sampled_from(provider_ids)),
                directed=draw(st.none() | st.booleans()),
                start=PartialDate.from_date(start),
                end=None if end is None else PartialDate.from_date(end),
                known_until=None
                if end is not None or known_until is None
                else PartialDate.from_date(known_until),
                citations=_pool_citations(draw, pool),
            )
        )
    return episodes


def _programmes(
    draw: st.DrawFn, pool: list[str], authorities: tuple[Authority, ...]
) -> tuple[ProgrammeMembership, ...]:
    """Up to two programme memberships of the authorities."""
    return tuple(
        attrs.evolve(
            draw(programme_memberships()),
            id=f"programme-{n}",
            authority=draw(st.sampled_from([a.id for a in authorities])),
            citations=_pool_citations(draw, pool),
        )
        for n in range(draw(st.integers(0, 2)))
    )
