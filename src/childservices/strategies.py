"""Hypothesis strategies for the record types, for property tests of your own code.

Needs the ``test`` extra (``pip install childservices[test]``). Every
strategy generates values the library itself accepts; ``lifecycles(valid=False)``
generates event sequences that :class:`~childservices.TrustLifecycle` must
refuse. :func:`record_sets` and :func:`datasets` generate small consistent
datasets (``record_sets(valid=False)``: ones that break one cross-record rule).

>>> from hypothesis import given
>>> from childservices import strategies as st_cs
>>> @given(st_cs.grades())
... def test_grade_has_a_rank(grade):
...     assert 1 <= grade.rank <= 4
>>> test_grade_has_a_rank()
"""

from __future__ import annotations

import datetime
import itertools
from typing import TYPE_CHECKING, Any

import attrs
from hypothesis import strategies as st

from childservices.model import (
    FRAMEWORK_AREAS,
    FRAMEWORK_KINDS,
    NOT_GIVEN,
    Alias,
    Area,
    Authority,
    AuthorityKind,
    Citation,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    Identifier,
    IdentifierScheme,
    InsourcingEvent,
    Inspection,
    Intervention,
    InterventionKind,
    Judgement,
    LifecycleEvent,
    LifecycleEventKind,
    PartialDate,
    ProgrammeKind,
    ProgrammeMembership,
    Provider,
    ProviderKind,
    Recommendation,
    RecordSet,
    Region,
    Reorganisation,
    Source,
    StatisticalNeighbour,
)
from childservices.model.inspection import grade_fits_framework

if TYPE_CHECKING:
    from childservices.dataset import Dataset

__all__ = [
    "alias_records",
    "authorities",
    "citations",
    "datasets",
    "days",
    "delivery_episodes",
    "grades",
    "identifiers",
    "ids",
    "insourcing_events",
    "inspection_histories",
    "inspections",
    "interventions",
    "lifecycles",
    "partial_dates",
    "programme_memberships",
    "providers",
    "record_sets",
    "reorganisations",
    "sources",
    "statistical_neighbours",
]

_FIRST = datetime.date(2009, 1, 1)
_LAST = datetime.date(2027, 12, 31)


def ids() -> st.SearchStrategy[str]:
    """Record ids: lower-case slugs."""
    return st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)


def _text() -> st.SearchStrategy[str]:
    return st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
        min_size=1,
        max_size=20,
    )


def days(
    first: datetime.date = _FIRST, last: datetime.date = _LAST
) -> st.SearchStrategy[datetime.date]:
    """Calendar days within the dataset's span."""
    return st.dates(min_value=first, max_value=last)


def partial_dates(
    first: datetime.date = _FIRST, last: datetime.date = _LAST
) -> st.SearchStrategy[PartialDate]:
    """Dates to the day, month or year."""
    return st.builds(
        lambda day, precision: PartialDate(
            day.year,
            day.month if precision > 0 else None,
            day.day if precision > 1 else None,
        ),
        days(first, last),
        st.integers(0, 2),
    )


def grades() -> st.SearchStrategy[Grade]:
    """Any grade, including 'adequate'."""
    return st.sampled_from(Grade)


def citations() -> st.SearchStrategy[tuple[Citation, ...]]:
    """One to three distinct citations."""
    return st.lists(
        st.builds(Citation, source=ids(), locator=st.none() | _text()),
        min_size=1,
        max_size=3,
        unique=True,
    ).map(tuple)


def sources() -> st.SearchStrategy[Source]:
    """Sources with well-formed addresses or none."""
    return st.builds(
        Source,
        id=ids(),
        title=_text(),
        publisher=st.none() | _text(),
        published=st.none() | partial_dates(),
        url=st.none() | ids().map(lambda s: f"https://example.org/{s}"),
    )


def _ordered_pair(
    first: datetime.date = _FIRST,
) -> st.SearchStrategy[tuple[PartialDate, PartialDate | None]]:
    return st.tuples(partial_dates(first), st.none() | partial_dates(first)).filter(
        lambda pair: pair[1] is None or not pair[1].certainly_before(pair[0])
    )


def authorities() -> st.SearchStrategy[Authority]:
    """Authorities, some with a start and end."""
    return st.builds(
        lambda id_, name, kind, region, span, has_span, cites: Authority(
            id=id_,
            name=name,
            kind=kind,
            region=region,
            active_from=span[0] if has_span else None,
            active_to=span[1] if has_span else None,
            citations=cites,
        ),
        ids(),
        _text(),
        st.sampled_from(AuthorityKind),
        st.none() | st.sampled_from(Region),
        _ordered_pair(),
        st.booleans(),
        citations(),
    )


def identifiers() -> st.SearchStrategy[Identifier]:
    """Identifiers with validity dates in order."""
    return st.builds(
        lambda authority, scheme, value, span, cites: Identifier(
            authority=authority,
            scheme=scheme,
            value=value,
            valid_from=span[0],
            valid_to=span[1],
            citations=cites,
        ),
        ids(),
        st.sampled_from(IdentifierScheme),
        st.from_regex(r"[A-Z0-9]{3,9}", fullmatch=True),
        _ordered_pair(),
        citations(),
    )


def alias_records() -> st.SearchStrategy[Alias]:
    """Aliases of authorities."""
    return st.builds(Alias, authority=ids(), alias=_text(), citations=citations())


def reorganisations() -> st.SearchStrategy[Reorganisation]:
    """Links from a predecessor to a different successor."""
    return st.builds(
        lambda pair, date, cites: Reorganisation(
            predecessor=pair[0], successor=pair[1], date=date, citations=cites
        ),
        st.tuples(ids(), ids()).filter(lambda pair: pair[0] != pair[1]),
        partial_dates(),
        citations(),
    )


def statistical_neighbours() -> st.SearchStrategy[StatisticalNeighbour]:
    """Statistical neighbour links, rank 1 to 10."""
    return st.builds(
        StatisticalNeighbour,
        authority=ids(),
        neighbour=ids(),
        rank=st.integers(1, 10),
        citations=citations(),
    )


@st.composite
def inspections(
    draw: st.DrawFn,
    *,
    authority: str | None = None,
    framework: Framework | None = None,
    published: PartialDate | None = None,
) -> Inspection:
    """An inspection valid for its framework: kind, areas and grades on the framework's scale."""
    framework_ = framework or draw(st.sampled_from(Framework))
    kind = draw(
        st.none() | st.sampled_from(sorted(FRAMEWORK_KINDS[framework_], key=lambda k: k.value))
    )
    on_scale = [g for g in Grade if grade_fits_framework(g, framework_)]
    graded = kind is None or kind.graded
    if framework_ in (Framework.SLAC, Framework.ILACS_2026) or not graded:
        overall: Any = draw(st.sampled_from([NOT_GIVEN, None]))
    else:
        overall = draw(st.none() | st.sampled_from(on_scale))
    judgements: tuple[Judgement, ...] = ()
    if graded:
        areas = sorted(FRAMEWORK_AREAS[framework_], key=lambda a: a.value)
        chosen = (
            draw(st.lists(st.sampled_from(areas), unique=True, max_size=len(areas)))
            if areas
            else []
        )
        if Area.IN_CARE_AND_CARE_LEAVERS in chosen and Area.IN_CARE in chosen:
            chosen.remove(Area.IN_CARE)
        judgements = tuple(Judgement(area=a, grade=draw(st.sampled_from(on_scale))) for a in chosen)
    when = published or draw(partial_dates())
    start = end = None
    if when.precision.value == "day" and draw(st.booleans()):
        end_day = when.earliest.subtract(days=draw(st.integers(0, 60)))
        start_day = end_day.subtract(days=draw(st.integers(0, 20)))
        start, end = PartialDate.from_date(start_day), PartialDate.from_date(end_day)
    return Inspection(
        id=draw(ids()),
        authority=authority or draw(ids()),
        framework=framework_,
        kind=kind,
        start=start,
        end=end,
        published=when,
        overall=overall,
        judgements=judgements,
        lead_inspector=draw(st.none() | _text()),
        citations=draw(citations()),
    )


@st.composite
def inspection_histories(
    draw: st.DrawFn, *, authority: str = "testshire", max_size: int = 8
) -> tuple[Inspection, ...]:
    """One authority's inspections with distinct ids, in no particular order."""
    items = draw(st.lists(inspections(authority=authority), max_size=max_size))
    return tuple(attrs.evolve(item, id=f"{authority}-{n}") for n, item in enumerate(items))


def interventions() -> st.SearchStrategy[Intervention]:
    """Intervention steps with dates in order."""
    return st.builds(
        lambda id_, authority, kind, span, by, requires, outcome, cites: Intervention(
            id=id_,
            authority=authority,
            kind=kind,
            date=span[0],
            end=span[1],
            by=by,
            requires=requires,
            outcome=outcome,
            citations=cites,
        ),
        ids(),
        ids(),
        st.sampled_from(InterventionKind),
        _ordered_pair(),
        st.none() | _text(),
        st.none() | _text(),
        st.none() | st.sampled_from(Recommendation),
        citations(),
    )


def providers() -> st.SearchStrategy[Provider]:
    """Providers of services."""
    return st.builds(
        Provider, id=ids(), name=_text(), kind=st.sampled_from(ProviderKind), citations=citations()
    )


def delivery_episodes() -> st.SearchStrategy[DeliveryEpisode]:
    """Delivery episodes; in-house ones have no provider, the rest have one."""
    return st.builds(
        lambda id_, authority, model, provider, directed, scope, span, cites: DeliveryEpisode(
            id=id_,
            authority=authority,
            model=model,
            provider=None if model is DeliveryModel.IN_HOUSE else provider,
            directed=directed,
            scope=scope,
            start=span[0],
            end=span[1],
            citations=cites,
        ),
        ids(),
        ids(),
        st.sampled_from(DeliveryModel),
        ids(),
        st.none() | st.booleans(),
        st.none() | _text(),
        _ordered_pair(),
        citations(),
    )


def insourcing_events() -> st.SearchStrategy[InsourcingEvent]:
    """Insourcing events with the return on or after the decision."""
    return st.builds(
        lambda id_, authority, provider, span, staff, cost, saving, cites: InsourcingEvent(
            id=id_,
            authority=authority,
            provider=provider,
            decision_date=span[0],
            return_date=span[1],
            staff_transferred=staff,
            one_off_cost=cost,
            annual_saving=saving,
            citations=cites,
        ),
        ids(),
        ids(),
        ids(),
        _ordered_pair(),
        st.none() | st.integers(0, 5000),
        st.none() | st.integers(0, 10**8),
        st.none() | st.integers(0, 10**8),
        citations(),
    )


def programme_memberships() -> st.SearchStrategy[ProgrammeMembership]:
    """Programme memberships and grants."""
    return st.builds(
        ProgrammeMembership,
        id=ids(),
        programme=st.sampled_from(ProgrammeKind),
        authority=ids(),
        start=st.none() | partial_dates(),
        end=st.none() | partial_dates(),
        amount=st.none() | st.integers(0, 10**8),
        purpose=st.none() | _text(),
        citations=citations(),
    )


_VALID_PATHS = (
    (LifecycleEventKind.DIRECTION, LifecycleEventKind.SET_UP, LifecycleEventKind.GO_LIVE),
    (LifecycleEventKind.DECISION, LifecycleEventKind.GO_LIVE, LifecycleEventKind.CONTRACT_RENEWAL),
    (
        LifecycleEventKind.DECISION,
        LifecycleEventKind.SET_UP,
        LifecycleEventKind.GO_LIVE,
        LifecycleEventKind.REVIEW,
        LifecycleEventKind.INSOURCING_DECISION,
        LifecycleEventKind.RETURN_IN_HOUSE,
        LifecycleEventKind.WIND_UP,
    ),
    (LifecycleEventKind.GO_LIVE, LifecycleEventKind.RETURN_IN_HOUSE),
)


@st.composite
def lifecycles(
    draw: st.DrawFn, *, valid: bool = True, provider: str = "a-trust"
) -> tuple[LifecycleEvent, ...]:
    """The events of one provider's life for one authority.

    ``valid=True`` gives orders that can happen; ``valid=False`` breaks one
    rule: a later stage dated before an earlier one, a return with no
    go-live, a second go-live, or an event after the wind-up.
    """
    kinds = list(draw(st.sampled_from(_VALID_PATHS)))
    if not valid:
        breakage = draw(
            st.sampled_from(["reversed", "no_go_live", "second_go_live", "after_wind_up"])
        )
        if breakage == "reversed":
            kinds = [LifecycleEventKind.SET_UP, LifecycleEventKind.DIRECTION]
        elif breakage == "no_go_live":
            kinds = [k for k in kinds if k.stage < LifecycleEventKind.GO_LIVE.stage]
            kinds.append(LifecycleEventKind.RETURN_IN_HOUSE)
        elif breakage == "second_go_live":
            kinds.append(LifecycleEventKind.GO_LIVE)
        else:
            kinds = [
                LifecycleEventKind.GO_LIVE,
                LifecycleEventKind.WIND_UP,
                LifecycleEventKind.WIND_UP,
            ]
            kinds[-1] = LifecycleEventKind.REVIEW
    start = draw(days(datetime.date(2010, 1, 1), datetime.date(2015, 12, 31)))
    gaps = draw(st.lists(st.integers(1, 700), min_size=len(kinds), max_size=len(kinds)))
    dates = []
    current = start
    for gap in gaps:
        current = current + datetime.timedelta(days=gap)
        dates.append(PartialDate.from_date(current))
    return tuple(
        LifecycleEvent(
            id=f"{provider}-{n}",
            provider=provider,
            authority="testshire",
            event=kind,
            date=when,
            citations=(Citation(source="test"),),
        )
        for n, (kind, when) in enumerate(zip(kinds, dates, strict=True))
    )


# Small consistent datasets -------------------------------------------------------

_SCHEME_VALUES = {
    IdentifierScheme.DFE: "{}",
    IdentifierScheme.ONS: "E06{:06d}",
    IdentifierScheme.OFSTED_URN: "99{:03d}",
}
_BREAKAGES = (
    "unknown_authority",
    "unknown_source",
    "duplicate_id",
    "delivery_overlap",
    "reorganisation_cycle",
    "lifecycle_order",
    "revocation_before_direction",
    "replaces_cycle",
)


def _pool_citations(draw: st.DrawFn, pool: list[str]) -> tuple[Citation, ...]:
    """One or two distinct citations of sources in the pool."""
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    return tuple(Citation(source=s, locator=draw(st.none() | _text())) for s in chosen)


def _names() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Z][a-z]{2,9}(shire| Vale| Borough)?", fullmatch=True)


@st.composite
def record_sets(draw: st.DrawFn, *, max_authorities: int = 3, valid: bool = True) -> RecordSet:
    """A small record set that passes every check of :meth:`Dataset.from_records`.

    One to ``max_authorities`` authorities with identifiers, aliases,
    statistical neighbours and a chain of reorganisations; their inspection
    histories, interventions (some revising earlier ones), providers with
    valid lifecycles, delivery episodes that follow one another, insourcing
    and programmes; every record cites one of a few sources. Ids are unique
    and every reference resolves.

    ``valid=False`` breaks exactly one cross-record rule (a reference to an
    authority or source that does not exist, an id used twice, overlapping
    delivery episodes, a cycle of reorganisations, a lifecycle out of order,
    a revocation dated before the direction it revokes, or a cycle of
    ``replaces`` links): :meth:`Dataset.from_records` must refuse the result.
    """
    pool = [f"source-{n}" for n in range(draw(st.integers(1, 3)))]
    source_records = tuple(attrs.evolve(draw(sources()), id=source_id) for source_id in pool)
    names = draw(st.lists(_names(), min_size=1, max_size=max_authorities, unique_by=str.lower))
    authority_ids = [f"authority-{n}" for n in range(len(names))]
    authority_records = tuple(
        Authority(
            id=authority_id,
            name=name,
            kind=draw(st.sampled_from(AuthorityKind)),
            region=draw(st.none() | st.sampled_from(Region)),
            citations=_pool_citations(draw, pool),
        )
        for authority_id, name in zip(authority_ids, names, strict=True)
    )
    identifier_records = tuple(
        Identifier(
            authority=authority_id,
            scheme=scheme,
            value=make.format(900 + n if scheme is IdentifierScheme.DFE else n),
            citations=_pool_citations(draw, pool),
        )
        for n, authority_id in enumerate(authority_ids)
        for scheme, make in _SCHEME_VALUES.items()
        if draw(st.booleans())
    )
    aliases = tuple(
        Alias(
            authority=authority_id,
            alias=f"{name} Council",
            citations=_pool_citations(draw, pool),
        )
        for authority_id, name in zip(authority_ids, names, strict=True)
        if draw(st.booleans())
    )
    reorganisations_ = tuple(
        Reorganisation(
            predecessor=first,
            successor=second,
            date=draw(partial_dates()),
            citations=_pool_citations(draw, pool),
        )
        for first, second in itertools.pairwise(authority_ids)
        if draw(st.booleans())
    )
    neighbours = tuple(
        StatisticalNeighbour(
            authority=first,
            neighbour=second,
            rank=draw(st.integers(1, 10)),
            citations=_pool_citations(draw, pool),
        )
        for first in authority_ids
        for second in authority_ids
        if first != second and draw(st.booleans())
    )
    inspection_records: list[Inspection] = []
    intervention_records: list[Intervention] = []
    for authority_id in authority_ids:
        history = draw(inspection_histories(authority=authority_id, max_size=4))
        inspection_records.extend(
            attrs.evolve(i, citations=_pool_citations(draw, pool)) for i in history
        )
        steps = draw(st.lists(interventions(), max_size=3))
        previous: Intervention | None = None
        for n, step in enumerate(steps):
            replaces = None
            if previous is not None and draw(st.booleans()) and _may_replace(step, previous):
                replaces = previous.id
            if replaces is None and step.kind.ends_something:
                step = attrs.evolve(step, kind=InterventionKind.COMMISSIONER_APPOINTED)
            previous = attrs.evolve(
                step,
                id=f"{authority_id}-step-{n}",
                authority=authority_id,
                replaces=replaces,
                citations=_pool_citations(draw, pool),
            )
            intervention_records.append(previous)
    provider_records = tuple(
        attrs.evolve(draw(providers()), id=f"provider-{n}", citations=_pool_citations(draw, pool))
        for n in range(draw(st.integers(0, 2)))
    )
    provider_ids = [p.id for p in provider_records]
    lifecycle_records: list[LifecycleEvent] = []
    for provider_id in provider_ids:
        if draw(st.booleans()):
            authority_id = draw(st.sampled_from(authority_ids))
            lifecycle_records.extend(
                attrs.evolve(e, authority=authority_id, citations=_pool_citations(draw, pool))
                for e in draw(lifecycles(provider=provider_id))
            )
    delivery_records = []
    insourcing_records = []
    for authority_id in authority_ids:
        starts = sorted(draw(st.lists(days(), max_size=3, unique=True)))
        ends: list[datetime.date | None] = [*starts[1:], None] if starts else []
        if len(starts) > 0 and draw(st.booleans()):
            ends[-1] = draw(days(starts[-1]))
        for n, (start, end) in enumerate(zip(starts, ends, strict=True)):
            model = draw(st.sampled_from(DeliveryModel)) if provider_ids else DeliveryModel.IN_HOUSE
            delivery_records.append(
                DeliveryEpisode(
                    id=f"{authority_id}-delivery-{n}",
                    authority=authority_id,
                    model=model,
                    provider=None
                    if model is DeliveryModel.IN_HOUSE
                    else draw(st.sampled_from(provider_ids)),
                    directed=draw(st.none() | st.booleans()),
                    start=PartialDate.from_date(start),
                    end=None if end is None else PartialDate.from_date(end),
                    citations=_pool_citations(draw, pool),
                )
            )
        if len(provider_ids) > 0 and draw(st.booleans()):
            event = draw(insourcing_events())
            insourcing_records.append(
                attrs.evolve(
                    event,
                    id=f"{authority_id}-insourcing",
                    authority=authority_id,
                    provider=draw(st.sampled_from(provider_ids)),
                    citations=_pool_citations(draw, pool),
                )
            )
    programme_records = tuple(
        attrs.evolve(
            draw(programme_memberships()),
            id=f"programme-{n}",
            authority=draw(st.sampled_from(authority_ids)),
            citations=_pool_citations(draw, pool),
        )
        for n in range(draw(st.integers(0, 2)))
    )
    records = RecordSet(
        sources=source_records,
        authorities=authority_records,
        authority_identifiers=identifier_records,
        authority_aliases=aliases,
        reorganisations=reorganisations_,
        statistical_neighbours=neighbours,
        inspections=tuple(inspection_records),
        interventions=tuple(intervention_records),
        providers=provider_records,
        delivery=tuple(delivery_records),
        lifecycle=tuple(lifecycle_records),
        insourcing=tuple(insourcing_records),
        programmes=programme_records,
    )
    return records if valid else _break(draw, records)


def _may_replace(step: Intervention, earlier: Intervention) -> bool:
    """Whether ``step`` may replace ``earlier``: a kind it can end, and not dated before it."""
    from childservices.data.checks import ENDS

    allowed = ENDS.get(step.kind)
    if allowed is not None and earlier.kind not in allowed:
        return False
    return not (
        step.date is not None
        and earlier.date is not None
        and step.date.certainly_before(earlier.date)
    )


def _break(draw: st.DrawFn, records: RecordSet) -> RecordSet:
    """``records`` with one cross-record rule broken."""
    first = records.authorities[0]
    cite = (Citation(source=records.sources[0].id),)
    choices = [b for b in _BREAKAGES if b != "reorganisation_cycle" or len(records.authorities) > 1]
    breakage = draw(st.sampled_from(choices))
    if breakage == "unknown_authority":
        alias = Alias(authority="no-such-authority", alias="Nowhere", citations=cite)
        return attrs.evolve(records, authority_aliases=(*records.authority_aliases, alias))
    if breakage == "unknown_source":
        alias = Alias(
            authority=first.id, alias="Elsewhere", citations=(Citation(source="no-such-source"),)
        )
        return attrs.evolve(records, authority_aliases=(*records.authority_aliases, alias))
    if breakage == "duplicate_id":
        return attrs.evolve(records, sources=(*records.sources, records.sources[0]))
    if breakage == "delivery_overlap":
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
    if breakage in ("revocation_before_direction", "replaces_cycle"):
        cycle = breakage == "replaces_cycle"
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
    if breakage == "reorganisation_cycle":
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


def datasets(*, max_authorities: int = 3) -> st.SearchStrategy[Dataset]:
    """Small checked datasets (see :func:`record_sets`), ready for questions."""
    from childservices.dataset import Dataset

    return record_sets(max_authorities=max_authorities).map(Dataset.from_records)
