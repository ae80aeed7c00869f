"""Hypothesis strategies for the record types, for property tests of your own code.

Needs the ``test`` extra (``pip install 'childservices[test]'``, or
``'.[test]'`` in a checkout). Every
strategy generates values the library itself accepts; ``lifecycles(valid=False)``
generates event sequences that :class:`~childservices.TrustLifecycle` must
refuse. :func:`record_sets` and :func:`datasets` generate small consistent
datasets (``record_sets(valid=False)``: ones that break one cross-record rule);
:func:`reorganised_record_sets` and :func:`reorganised_datasets` generate
datasets shaped by local government reorganisation (merges, splits, a county
council continuing as a unitary council), for analyses that must count each
council once.

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
    Visit,
    VisitKind,
    VisitTheme,
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
    "reorganised_datasets",
    "reorganised_record_sets",
    "sources",
    "statistical_neighbours",
    "visits",
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
    if framework_ in (Framework.SLAC, Framework.ILACS_2026):
        overall: Any = draw(st.sampled_from([NOT_GIVEN, None]))
    else:
        overall = draw(st.none() | st.sampled_from(on_scale))
    areas = sorted(FRAMEWORK_AREAS[framework_], key=lambda a: a.value)
    chosen = (
        draw(st.lists(st.sampled_from(areas), unique=True, max_size=len(areas))) if areas else []
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


@st.composite
def visits(
    draw: st.DrawFn,
    *,
    authority: str | None = None,
    kind: VisitKind | None = None,
    first: datetime.date = _FIRST,
    last: datetime.date = _LAST,
) -> Visit:
    """A visit: fieldwork dates (to the day, month or year), a publication not before them, a
    theme, and for a focused visit whether priority actions were named (often unknown).

    Every date falls between ``first`` and ``last``.
    """
    kind_ = kind or draw(st.sampled_from(VisitKind))
    start = draw(st.none() | partial_dates(first, last))
    end = None
    if start is not None and start.precision.value == "day" and draw(st.booleans()):
        later = start.last_day() + datetime.timedelta(days=draw(st.integers(0, 3)))
        end = PartialDate.from_date(min(later, last))
    published = None
    if start is None or draw(st.booleans()):
        fieldwork = end or start
        after = first if fieldwork is None else min(fieldwork.last_day(), last)
        published = draw(partial_dates(max(first, after), last))
    priority = draw(st.none() | st.booleans()) if kind_ is VisitKind.FOCUSED else None
    return Visit(
        id=draw(ids()),
        authority=authority or draw(ids()),
        kind=kind_,
        start=start,
        end=end,
        published=published,
        theme=draw(st.none() | st.sampled_from(VisitTheme)),
        priority_action=priority,
        citations=draw(citations()),
    )


def interventions() -> st.SearchStrategy[Intervention]:
    """Intervention steps with dates in order (any kind but 'continues', which names another)."""
    return st.builds(
        lambda id_, authority, kind, span, by, requires, outcome, cites, flags: Intervention(
            id=id_,
            authority=authority,
            kind=kind,
            date=span[0],
            end=span[1],
            by=by,
            requires=requires,
            outcome=outcome,
            ends_all=flags[0] and kind.ends_something,
            end_searched=span[0] if flags[1] and span[1] is None else None,
            # A made-up appointment need not rest on a notice or direction (the check of
            # that rule has its own tests); the record says so, as the rule asks.
            exception="a made-up appointment"
            if kind is InterventionKind.COMMISSIONER_APPOINTED
            else None,
            citations=cites,
        ),
        ids(),
        ids(),
        st.sampled_from([k for k in InterventionKind if k is not InterventionKind.CONTINUES]),
        _ordered_pair(),
        st.none() | _text(),
        st.none() | _text(),
        st.none() | st.sampled_from(Recommendation),
        citations(),
        st.tuples(st.booleans(), st.booleans()),
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
    "visit_of_unknown_authority",
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
    visit_records: list[Visit] = []
    intervention_records: list[Intervention] = []
    for authority_id in authority_ids:
        history = draw(inspection_histories(authority=authority_id, max_size=4))
        inspection_records.extend(
            attrs.evolve(i, citations=_pool_citations(draw, pool)) for i in history
        )
        visit_records.extend(
            attrs.evolve(
                visit, id=f"{authority_id}-visit-{n}", citations=_pool_citations(draw, pool)
            )
            for n, visit in enumerate(
                draw(st.lists(visits(authority=authority_id), max_size=3))
            )
        )
        steps = draw(st.lists(interventions(), max_size=3))
        previous: Intervention | None = None
        for n, step in enumerate(steps):
            replaces = None
            if previous is not None and draw(st.booleans()) and _may_replace(step, previous):
                replaces = previous.id
            kind = step.kind
            continues = attrs.evolve(
                step, kind=InterventionKind.COMMISSIONER_APPOINTED, ends_all=False
            )
            if (
                previous is not None
                and replaces is None
                and _may_replace(continues, previous)  # not dated before what it names
                and draw(st.booleans())
            ):
                # a source saying the earlier step still ran
                kind, replaces = InterventionKind.CONTINUES, previous.id
            if replaces is None and kind.ends_something:
                kind = InterventionKind.COMMISSIONER_APPOINTED
            previous = attrs.evolve(
                step,
                id=f"{authority_id}-step-{n}",
                authority=authority_id,
                kind=kind,
                ends_all=step.ends_all and kind.ends_something,
                exception="a made-up appointment"
                if kind is InterventionKind.COMMISSIONER_APPOINTED
                else None,
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
            for lifecycle_event in draw(lifecycles(provider=provider_id)):
                act = None
                if lifecycle_event.event is LifecycleEventKind.DIRECTION:
                    # One act, one record: the direction is an intervention the event names.
                    act = f"{lifecycle_event.id}-act"
                    intervention_records.append(
                        Intervention(
                            id=act,
                            authority=authority_id,
                            kind=InterventionKind.MINISTERIAL_DECISION,
                            date=lifecycle_event.date,
                            citations=_pool_citations(draw, pool),
                        )
                    )
                lifecycle_records.append(
                    attrs.evolve(
                        lifecycle_event,
                        authority=authority_id,
                        intervention=act,
                        citations=_pool_citations(draw, pool),
                    )
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
        visits=tuple(visit_records),
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
    if breakage == "visit_of_unknown_authority":
        visit = Visit(
            id="visit-of-nobody",
            authority="no-such-authority",
            kind=VisitKind.MONITORING,
            start=PartialDate(2024, 5, 1),
            citations=cite,
        )
        return attrs.evolve(records, visits=(*records.visits, visit))
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


# Datasets shaped by reorganisation ------------------------------------------------

_REORGANISATION_KINDS = ("merge", "split", "continuation", "split_and_merge")
"""Merge: several councils into one (Bournemouth and Poole, 2019). Split: one into
several (Northamptonshire, 2021). Continuation: a county council continuing as the
unitary council, keeping its Ofsted URN (Somerset, 2023). Split and merge: one
predecessor's area passing partly to a merged council and partly to another
(Dorset County, 2019)."""

_REORGANISATION_FRAMEWORKS = (
    Framework.SIF,
    Framework.SIF,
    Framework.ILACS,
    Framework.ILACS,
    Framework.ILACS,
    Framework.ILACS_2026,
    Framework.LAC,
)


@st.composite
def _graded_history(
    draw: st.DrawFn,
    authority: str,
    first: datetime.date,
    last: datetime.date,
    cite: tuple[Citation, ...],
    max_size: int,
) -> list[Inspection]:
    """Inspections of one authority published between ``first`` and ``last``, mostly graded."""
    if last < first:
        return []
    found = []
    published = sorted(draw(st.lists(days(first, last), max_size=max_size, unique=True)))
    for n, day in enumerate(published):
        framework = draw(st.sampled_from(_REORGANISATION_FRAMEWORKS))
        kinds = sorted(FRAMEWORK_KINDS[framework], key=lambda k: k.value)
        kind = draw(st.sampled_from(kinds))
        on_scale = [g for g in Grade if grade_fits_framework(g, framework)]
        overall: Any
        if framework is Framework.ILACS_2026:
            overall = NOT_GIVEN
        else:
            # Now and then the sources do not give the overall judgement (unknown).
            overall = None if draw(st.integers(0, 9)) == 0 else draw(st.sampled_from(on_scale))
        found.append(
            Inspection(
                id=f"{authority}-inspection-{n}",
                authority=authority,
                framework=framework,
                kind=kind,
                published=PartialDate.from_date(day),
                overall=overall,
                citations=cite,
            )
        )
    return found


@st.composite
def reorganised_record_sets(
    draw: st.DrawFn, *, max_founding: int = 4, max_reorganisations: int = 3
) -> RecordSet:
    """A record set in which councils are merged, split and continued, with lifetimes to match.

    One to ``max_founding`` councils exist from the start; up to
    ``max_reorganisations`` reorganisations then each abolish councils still
    in existence (their last day is the eve of the change) and create their
    successors on the day: a **merge** (several into one), a **split** (one
    into several), a **continuation** (a county council becoming the unitary
    council, keeping its Ofsted URN, as Somerset did in 2023) or a **split and
    merge** (one council's area passing partly to a council merged from
    several, as Dorset County's did in 2019). Every council has an Ofsted URN,
    graded inspections (and the occasional reformed inspection that gives no
    overall judgement) within its lifetime, and perhaps a delivery episode
    and an intervention.
    """
    cite = (Citation(source="source-0"),)
    source = Source(id="source-0", title="A generated source")
    lifetimes: dict[str, list[datetime.date | None]] = {}
    continued: dict[str, str] = {}
    founding = draw(st.integers(1, max_founding))
    for n in range(founding):
        lifetimes[f"council-{n}"] = [None, None]
    links: list[Reorganisation] = []
    day = datetime.date(2013, 6, 1)
    for _ in range(draw(st.integers(0, max_reorganisations))):
        day = day + datetime.timedelta(days=draw(st.integers(200, 1500)))
        if day > datetime.date(2025, 12, 31):
            break
        alive = sorted(a for a, (_, end) in lifetimes.items() if end is None)
        kind = draw(st.sampled_from(_REORGANISATION_KINDS))
        if kind in ("merge", "split_and_merge") and len(alive) < 2:
            kind = "split"
        if kind == "split":
            predecessors = [draw(st.sampled_from(alive))]
            successors = [[0] for _ in range(draw(st.integers(2, 3)))]
        elif kind == "continuation":
            predecessors = [draw(st.sampled_from(alive))]
            successors = [[0]]
        else:
            predecessors = draw(
                st.lists(
                    st.sampled_from(alive), min_size=2, max_size=min(3, len(alive)), unique=True
                )
            )
            successors = [list(range(len(predecessors)))]
            if kind == "split_and_merge":
                successors.append([0])
        created = []
        for indexes in successors:
            new_id = f"council-{len(lifetimes)}"
            lifetimes[new_id] = [day, None]
            created.append(new_id)
            for index in indexes:
                links.append(
                    Reorganisation(
                        predecessor=predecessors[index],
                        successor=new_id,
                        date=PartialDate.from_date(day),
                        citations=cite,
                    )
                )
        for predecessor in predecessors:
            lifetimes[predecessor][1] = day - datetime.timedelta(days=1)
        if kind == "continuation":
            continued[created[0]] = predecessors[0]
    urns: dict[str, str] = {}
    for n, authority_id in enumerate(lifetimes):
        urns[authority_id] = (
            urns[continued[authority_id]] if authority_id in continued else f"{80000 + n}"
        )
    authority_records = []
    identifier_records = []
    inspection_records: list[Inspection] = []
    delivery_records = []
    intervention_records = []
    provider = Provider(
        id="a-trust", name="A Trust", kind=ProviderKind.CHILDRENS_TRUST, citations=cite
    )
    for authority_id, (start, end) in lifetimes.items():
        authority_records.append(
            Authority(
                id=authority_id,
                name=f"Council {authority_id.split('-')[1]}",
                kind=draw(st.sampled_from(AuthorityKind)),
                region=draw(st.sampled_from(Region)),
                active_from=None if start is None else PartialDate.from_date(start),
                active_to=None if end is None else PartialDate.from_date(end),
                citations=cite,
            )
        )
        identifier_records.append(
            Identifier(
                authority=authority_id,
                scheme=IdentifierScheme.OFSTED_URN,
                value=urns[authority_id],
                valid_from=None if start is None else PartialDate.from_date(start),
                valid_to=None if end is None else PartialDate.from_date(end),
                citations=cite,
            )
        )
        first = start or datetime.date(2013, 11, 1)
        last = end or datetime.date(2026, 8, 31)
        inspection_records.extend(
            draw(_graded_history(authority_id, first, last, cite, max_size=4))
        )
        if draw(st.booleans()):
            went_live = draw(days(first, last))
            delivery_records.append(
                DeliveryEpisode(
                    id=f"{authority_id}-trust",
                    authority=authority_id,
                    model=DeliveryModel.CHILDRENS_TRUST,
                    provider=provider.id,
                    start=PartialDate.from_date(went_live),
                    end=None
                    if end is None
                    else PartialDate.from_date(end + datetime.timedelta(days=1)),
                    citations=cite,
                )
            )
        if draw(st.booleans()):
            issued = draw(days(first, last))
            intervention_records.append(
                Intervention(
                    id=f"{authority_id}-direction",
                    authority=authority_id,
                    kind=InterventionKind.STATUTORY_DIRECTION,
                    date=PartialDate.from_date(issued),
                    citations=cite,
                )
            )
    return RecordSet(
        sources=(source,),
        authorities=tuple(authority_records),
        authority_identifiers=tuple(identifier_records),
        reorganisations=tuple(links),
        inspections=tuple(inspection_records),
        interventions=tuple(intervention_records),
        providers=(provider,) if delivery_records else (),
        delivery=tuple(delivery_records),
    )


def reorganised_datasets(
    *, max_founding: int = 4, max_reorganisations: int = 3
) -> st.SearchStrategy[Dataset]:
    """Checked datasets shaped by reorganisation (see :func:`reorganised_record_sets`)."""
    from childservices.dataset import Dataset

    return reorganised_record_sets(
        max_founding=max_founding, max_reorganisations=max_reorganisations
    ).map(Dataset.from_records)
