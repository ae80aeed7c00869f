"""Read-only indexes over a record set, so that questions do not scan everything."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from childservices.errors import LifecycleError, Problem
from childservices.model import (
    Alias,
    Authority,
    DeliveryEpisode,
    Identifier,
    InsourcingEvent,
    Inspection,
    Intervention,
    LifecycleEvent,
    PartialDate,
    ProgrammeMembership,
    Provider,
    RecordSet,
    Source,
    StatisticalNeighbour,
    TrustLifecycle,
)
from childservices.rules.asof import publication_key

__all__ = ["Index", "build_index", "build_lifecycles", "normalise_name", "short_name"]

T = TypeVar("T")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DROP = (
    "council",
    "borough",
    "city of",
    "county",
    "metropolitan",
    "london borough of",
    "royal borough of",
)


def normalise_name(text: str) -> str:
    """A name folded for lookup: case, accents, '&', punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    folded = folded.replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def short_name(text: str) -> str:
    """A folded name without words such as 'council' and 'city of'."""
    folded = f" {normalise_name(text)} "
    for word in _DROP:
        folded = folded.replace(f" {word} ", " ")
    return " ".join(folded.split())


def _group(
    records: Iterable[T], key: Callable[[T], str], sort: Callable[[T], Any]
) -> Mapping[str, tuple[T, ...]]:
    groups: dict[str, list[T]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return MappingProxyType({k: tuple(sorted(v, key=sort)) for k, v in groups.items()})


@attrs.frozen(kw_only=True)
class Index:
    """Lookups built once from a record set; every collection is read-only."""

    authorities: Mapping[str, Authority]
    names: Mapping[str, tuple[str, ...]]
    identifiers: Mapping[str, tuple[Identifier, ...]]
    identifiers_by_authority: Mapping[str, tuple[Identifier, ...]]
    aliases_by_authority: Mapping[str, tuple[Alias, ...]]
    predecessors: Mapping[str, tuple[str, ...]]
    successors: Mapping[str, tuple[str, ...]]
    neighbours: Mapping[str, tuple[StatisticalNeighbour, ...]]
    inspections: Mapping[str, tuple[Inspection, ...]]
    inspection_keys: Mapping[str, tuple[datetime.date, ...]]
    inspections_by_id: Mapping[str, Inspection]
    interventions: Mapping[str, tuple[Intervention, ...]]
    delivery: Mapping[str, tuple[DeliveryEpisode, ...]]
    insourcing: Mapping[str, tuple[InsourcingEvent, ...]]
    programmes: Mapping[str, tuple[ProgrammeMembership, ...]]
    providers: Mapping[str, Provider]
    lifecycles: Mapping[str, TrustLifecycle]
    sources: Mapping[str, Source]


def _name_index(records: RecordSet) -> Mapping[str, tuple[str, ...]]:
    names: dict[str, list[str]] = defaultdict(list)

    def add(text: str, authority: str) -> None:
        for key in {normalise_name(text), short_name(text)}:
            if key and authority not in names[key]:
                names[key].append(authority)

    for authority in records.authorities:
        add(authority.id.replace("-", " "), authority.id)
        add(authority.name, authority.id)
    for alias in records.authority_aliases:
        add(alias.alias, alias.authority)
    return MappingProxyType({k: tuple(v) for k, v in names.items()})


def _first_date_key(*dates: PartialDate | None) -> tuple[Any, ...]:
    known = [d for d in dates if d is not None]
    return known[0].sort_key() if known else ()


def build_index(records: RecordSet) -> Index:
    """Indexes over a record set that has passed :func:`~childservices.data.checks.check_records`."""
    inspections = _group(
        records.inspections, lambda i: i.authority, lambda i: (publication_key(i), i.id)
    )
    predecessors: dict[str, list[str]] = defaultdict(list)
    successors: dict[str, list[str]] = defaultdict(list)
    for link in sorted(
        records.reorganisations, key=lambda r: (r.date.sort_key(), r.predecessor, r.successor)
    ):
        predecessors[link.successor].append(link.predecessor)
        successors[link.predecessor].append(link.successor)
    lifecycles, _ = build_lifecycles(records.lifecycle)
    return Index(
        authorities=MappingProxyType({a.id: a for a in records.authorities}),
        names=_name_index(records),
        identifiers=_group(
            records.authority_identifiers,
            lambda i: i.value.casefold(),
            lambda i: (i.valid_to is None, i.valid_to.sort_key() if i.valid_to else ()),
        ),
        identifiers_by_authority=_group(
            records.authority_identifiers,
            lambda i: i.authority,
            lambda i: (i.scheme.value, i.valid_from.sort_key() if i.valid_from else (), i.value),
        ),
        aliases_by_authority=_group(
            records.authority_aliases, lambda a: a.authority, lambda a: a.alias
        ),
        predecessors=MappingProxyType({k: tuple(v) for k, v in predecessors.items()}),
        successors=MappingProxyType({k: tuple(v) for k, v in successors.items()}),
        neighbours=_group(records.statistical_neighbours, lambda n: n.authority, lambda n: n.rank),
        inspections=inspections,
        inspection_keys=MappingProxyType(
            {k: tuple(publication_key(i) for i in v) for k, v in inspections.items()}
        ),
        inspections_by_id=MappingProxyType({i.id: i for i in records.inspections}),
        interventions=_group(
            records.interventions, lambda i: i.authority, lambda i: (_first_date_key(i.date), i.id)
        ),
        delivery=_group(
            records.delivery, lambda d: d.authority, lambda d: (d.start.sort_key(), d.id)
        ),
        insourcing=_group(
            records.insourcing,
            lambda e: e.authority,
            lambda e: (_first_date_key(e.decision_date, e.return_date), e.id),
        ),
        programmes=_group(
            records.programmes,
            lambda p: p.authority,
            lambda p: (p.start.sort_key() if p.start else (), p.id),
        ),
        providers=MappingProxyType({p.id: p for p in records.providers}),
        lifecycles=MappingProxyType(lifecycles),
        sources=MappingProxyType({s.id: s for s in records.sources}),
    )


def build_lifecycles(
    events: Iterable[LifecycleEvent],
) -> tuple[dict[str, TrustLifecycle], list[Problem]]:
    """Each provider's lifecycle from its events, and a problem for each provider whose order is invalid."""
    by_provider: dict[str, list[LifecycleEvent]] = defaultdict(list)
    for event in events:
        by_provider[event.provider].append(event)
    lifecycles: dict[str, TrustLifecycle] = {}
    problems = []
    for provider, group in sorted(by_provider.items()):
        try:
            lifecycles[provider] = TrustLifecycle(provider=provider, events=tuple(group))
        except LifecycleError as exc:
            problems.append(
                Problem(record=f"lifecycle of {provider}", field="event", message=str(exc))
            )
    return lifecycles, problems
