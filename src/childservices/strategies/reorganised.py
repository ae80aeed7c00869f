"""Record sets shaped by local government reorganisation: councils merged, split and continued,
with lifetimes, Ofsted URNs and inspections to match (:func:`reorganised_record_sets`,
re-exported from :mod:`childservices.strategies`)."""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from hypothesis import strategies as st

from childservices.model import (
    FRAMEWORK_KINDS,
    NOT_GIVEN,
    Authority,
    AuthorityKind,
    Citation,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    Identifier,
    IdentifierScheme,
    Inspection,
    Intervention,
    InterventionKind,
    PartialDate,
    Provider,
    ProviderKind,
    RecordSet,
    Region,
    Reorganisation,
    Source,
)
from childservices.model.inspection import grade_fits_framework
from childservices.strategies.basics import days

__all__ = ["reorganised_record_sets"]

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
"""The frameworks of generated inspections, weighted towards the SIF and ILACS."""

_Lifetimes = dict[str, list[datetime.date | None]]
"""Each council's first and last day (``None``: before the record starts, or still existing)."""


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
    lifetimes: _Lifetimes = {}
    continued: dict[str, str] = {}
    for n in range(draw(st.integers(1, max_founding))):
        lifetimes[f"council-{n}"] = [None, None]
    links: list[Reorganisation] = []
    day = datetime.date(2013, 6, 1)
    for _ in range(draw(st.integers(0, max_reorganisations))):
        day = day + datetime.timedelta(days=draw(st.integers(200, 1500)))
        if day > datetime.date(2025, 12, 31):
            break
        links += _reorganise(draw, lifetimes, continued, day, cite)
    provider = Provider(
        id="a-trust", name="A Trust", kind=ProviderKind.CHILDRENS_TRUST, citations=cite
    )
    urns = _urns(lifetimes, continued)
    councils = [
        _council(draw, authority_id, lifetime, urns[authority_id], cite, provider)
        for authority_id, lifetime in lifetimes.items()
    ]
    delivery = tuple(c.trust for c in councils if c.trust is not None)
    return RecordSet(
        sources=(source,),
        authorities=tuple(c.authority for c in councils),
        authority_identifiers=tuple(c.urn for c in councils),
        reorganisations=tuple(links),
        inspections=tuple(i for c in councils for i in c.inspections),
        interventions=tuple(c.direction for c in councils if c.direction is not None),
        providers=(provider,) if delivery else (),
        delivery=delivery,
    )


def _reorganise(
    draw: st.DrawFn,
    lifetimes: _Lifetimes,
    continued: dict[str, str],
    day: datetime.date,
    cite: tuple[Citation, ...],
) -> list[Reorganisation]:
    """One reorganisation on ``day``: its links. The predecessors' lifetimes end on the eve of
    ``day`` and the successors' begin on it (added to ``lifetimes``); a continuing council is
    noted in ``continued`` (successor -> predecessor)."""
    alive = sorted(a for a, (_, end) in lifetimes.items() if end is None)
    kind, predecessors, successors = _shape(draw, alive)
    links = []
    created = []
    for indexes in successors:
        new_id = f"council-{len(lifetimes)}"
        lifetimes[new_id] = [day, None]
        created.append(new_id)
        links += [
            Reorganisation(
                predecessor=predecessors[index],
                successor=new_id,
                date=PartialDate.from_date(day),
                citations=cite,
            )
            for index in indexes
        ]
    for predecessor in predecessors:
        lifetimes[predecessor][1] = day - datetime.timedelta(days=1)
    if kind == "continuation":
        continued[created[0]] = predecessors[0]
    return links


def _shape(draw: st.DrawFn, alive: list[str]) -> tuple[str, list[str], list[list[int]]]:
    """The kind of a reorganisation of councils ``alive``, its predecessors, and for each
    successor the indexes of the predecessors it takes over (a merge needs two councils)."""
    kind = draw(st.sampled_from(_REORGANISATION_KINDS))
    if kind in ("merge", "split_and_merge") and len(alive) < 2:
        kind = "split"
    if kind == "split":
        return kind, [draw(st.sampled_from(alive))], [[0] for _ in range(draw(st.integers(2, 3)))]
    if kind == "continuation":
        return kind, [draw(st.sampled_from(alive))], [[0]]
    predecessors = draw(
        st.lists(st.sampled_from(alive), min_size=2, max_size=min(3, len(alive)), unique=True)
    )
    successors = [list(range(len(predecessors)))]
    if kind == "split_and_merge":
        successors.append([0])
    return kind, predecessors, successors


def _urns(lifetimes: _Lifetimes, continued: dict[str, str]) -> dict[str, str]:
    """Each council's Ofsted URN: a new one each, but a continuing council keeps its
    predecessor's."""
    urns: dict[str, str] = {}
    for n, authority_id in enumerate(lifetimes):
        urns[authority_id] = (
            urns[continued[authority_id]] if authority_id in continued else f"{80000 + n}"
        )
    return urns


class _Council(NamedTuple):
    """One generated council's records."""

    authority: Authority
    urn: Identifier
    inspections: list[Inspection]
    trust: DeliveryEpisode | None
    direction: Intervention | None


def _council(
    draw: st.DrawFn,
    authority_id: str,
    lifetime: list[datetime.date | None],
    urn: str,
    cite: tuple[Citation, ...],
    provider: Provider,
) -> _Council:
    """A council over its lifetime, its Ofsted URN valid over the same days, and within its
    lifetime up to four inspections, perhaps a children's trust (ending the day after the
    council does) and perhaps a statutory direction."""
    start, end = lifetime
    active_from = None if start is None else PartialDate.from_date(start)
    active_to = None if end is None else PartialDate.from_date(end)
    authority = Authority(
        id=authority_id,
        name=f"Council {authority_id.split('-')[1]}",
        kind=draw(st.sampled_from(AuthorityKind)),
        region=draw(st.sampled_from(Region)),
        active_from=active_from,
        active_to=active_to,
        citations=cite,
    )
    identifier = Identifier(
        authority=authority_id,
        scheme=IdentifierScheme.OFSTED_URN,
        value=urn,
        valid_from=active_from,
        valid_to=active_to,
        citations=cite,
    )
    first = start or datetime.date(2013, 11, 1)
    last = end or datetime.date(2026, 8, 31)
    inspections = draw(_graded_history(authority_id, first, last, cite, max_size=4))
    trust = direction = None
    if draw(st.booleans()):
        went_live = draw(days(first, last))
        trust = DeliveryEpisode(
            id=f"{authority_id}-trust",
            authority=authority_id,
            model=DeliveryModel.CHILDRENS_TRUST,
            provider=provider.id,
            start=PartialDate.from_date(went_live),
            end=None if end is None else PartialDate.from_date(end + datetime.timedelta(days=1)),
            citations=cite,
        )
    if draw(st.booleans()):
        direction = Intervention(
            id=f"{authority_id}-direction",
            authority=authority_id,
            kind=InterventionKind.STATUTORY_DIRECTION,
            date=PartialDate.from_date(draw(days(first, last))),
            citations=cite,
        )
    return _Council(authority, identifier, inspections, trust, direction)


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
