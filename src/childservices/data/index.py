"""Read-only indexes over a record set, so that questions do not scan everything."""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from childservices.coverage import newest_publication, newest_sources
from childservices.data.lazy import Tables
from childservices.data.names import name_index
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
    NeighbourGrouping,
    PartialDate,
    ProgrammeMembership,
    Provider,
    Source,
    StatisticalNeighbour,
    TrustLifecycle,
    Visit,
)

if TYPE_CHECKING:
    from childservices.data.measure_index import Figures
    from childservices.model import DeliveryFigure

__all__ = ["Index", "build_index", "build_lifecycles"]

T = TypeVar("T")
Day = PartialDate | None


def _group(
    records: Iterable[T], key: Callable[[T], str], sort: Callable[[T], Any]
) -> Mapping[str, tuple[T, ...]]:
    groups: dict[str, list[T]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return MappingProxyType({k: tuple(sorted(v, key=sort)) for k, v in groups.items()})


class Index:
    """Lookups over a dataset's tables, each built when first used; every collection is read-only.

    A lookup reads only the tables it needs, so a question about ratings
    never builds the tables of sources or statistical neighbours. Each
    lookup is built once (under a lock) and then shared.
    """

    pieces: ClassVar[tuple[str, ...]] = (
        "authorities",
        "names",
        "identifiers",
        "identifiers_by_authority",
        "aliases_by_authority",
        "predecessors",
        "successors",
        "neighbours",
        "neighbour_periods",
        "inspections",
        "inspection_keys",
        "inspections_by_id",
        "visits",
        "visits_by_id",
        "interventions",
        "delivery",
        "insourcing",
        "delivery_figures",
        "programmes",
        "providers",
        "lifecycles",
        "sources",
        "sources_to",
    )
    """The names of the lookups (each a read-only mapping; :attr:`reports_to`, one date
    derived from the inspections, and :attr:`figures`, the official statistics' lookups,
    are built the same way but are not listed here)."""

    __slots__ = ("_built", "_lock", "_tables")
    _built: dict[str, Any]
    _lock: threading.RLock
    _tables: Tables

    def __init__(self, tables: Tables) -> None:
        init = object.__setattr__
        init(self, "_tables", tables)
        init(self, "_built", {})
        init(self, "_lock", threading.RLock())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("an Index is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("an Index is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Index):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.pieces)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Index: {len(self.authorities)} authorities>"

    def _piece(self, name: str, build: Callable[[Tables], T]) -> T:
        found: T | None = self._built.get(name)
        if found is None:
            with self._lock:
                found = self._built.get(name)
                if found is None:
                    found = self._built[name] = build(self._tables)
        return found

    @property
    def authorities(self) -> Mapping[str, Authority]:
        """Authority records by id."""
        return self._piece(
            "authorities", lambda t: MappingProxyType({a.id: a for a in t.authorities})
        )

    @property
    def names(self) -> Mapping[str, tuple[str, ...]]:
        """Authority ids by folded name, short name and alias."""
        return self._piece("names", name_index)

    @property
    def identifiers(self) -> Mapping[str, tuple[Identifier, ...]]:
        """Identifiers by case-folded value, the open-ended (current) one last."""
        return self._piece(
            "identifiers",
            lambda t: _group(
                t.authority_identifiers,
                lambda i: i.value.casefold(),
                lambda i: (i.valid_to is None, i.valid_to.sort_key() if i.valid_to else ()),
            ),
        )

    @property
    def identifiers_by_authority(self) -> Mapping[str, tuple[Identifier, ...]]:
        """Each authority's identifiers by scheme and validity."""
        return self._piece(
            "identifiers_by_authority",
            lambda t: _group(
                t.authority_identifiers,
                lambda i: i.authority,
                lambda i: (
                    i.scheme.value,
                    i.valid_from.sort_key() if i.valid_from else (),
                    i.value,
                ),
            ),
        )

    @property
    def aliases_by_authority(self) -> Mapping[str, tuple[Alias, ...]]:
        """Each authority's other names."""
        return self._piece(
            "aliases_by_authority",
            lambda t: _group(t.authority_aliases, lambda a: a.authority, lambda a: a.alias),
        )

    @property
    def predecessors(self) -> Mapping[str, tuple[str, ...]]:
        """The ids of the authorities each authority succeeded, in date order."""
        return self._piece("links", _links)[0]

    @property
    def successors(self) -> Mapping[str, tuple[str, ...]]:
        """The ids of the authorities that succeeded each authority, in date order."""
        return self._piece("links", _links)[1]

    @property
    def neighbours(self) -> Mapping[str, tuple[StatisticalNeighbour, ...]]:
        """Each authority's statistical neighbours in every grouping, closest first."""
        return self._piece(
            "neighbours",
            lambda t: _group(t.statistical_neighbours, lambda n: n.authority, lambda n: n.rank),
        )

    @property
    def neighbour_periods(self) -> Mapping[NeighbourGrouping, tuple[Day, Day]]:
        """Each grouping's first and last days in force, as its rows give them."""
        return self._piece(
            "neighbour_periods",
            lambda t: MappingProxyType(
                {n.grouping: (n.in_force_from, n.in_force_to) for n in t.statistical_neighbours}
            ),
        )

    @property
    def inspections(self) -> Mapping[str, tuple[Inspection, ...]]:
        """Each authority's inspections in publication order (by the day each certainly was
        published, :func:`~childservices.rules.asof.publication_key`, then id)."""
        return self._piece(
            "inspections",
            lambda t: _group(
                t.inspections, lambda i: i.authority, lambda i: (i.published.last_day(), i.id)
            ),
        )

    @property
    def inspection_keys(self) -> Mapping[str, tuple[datetime.date, ...]]:
        """The publication keys of :attr:`inspections`, for bisection."""
        return self._piece(
            "inspection_keys",
            lambda t: MappingProxyType(
                {k: tuple(i.published.last_day() for i in v) for k, v in self.inspections.items()}
            ),
        )

    @property
    def inspections_by_id(self) -> Mapping[str, Inspection]:
        """Inspections by id."""
        return self._piece(
            "inspections_by_id", lambda t: MappingProxyType({i.id: i for i in t.inspections})
        )

    @property
    def visits(self) -> Mapping[str, tuple[Visit, ...]]:
        """Each authority's visits in date order (fieldwork start, else publication)."""
        return self._piece(
            "visits",
            lambda t: _group(t.visits, lambda v: v.authority, lambda v: (v.date.sort_key(), v.id)),
        )

    @property
    def visits_by_id(self) -> Mapping[str, Visit]:
        """Visits by id."""
        return self._piece("visits_by_id", lambda t: MappingProxyType({v.id: v for v in t.visits}))

    @property
    def interventions(self) -> Mapping[str, tuple[Intervention, ...]]:
        """Each authority's intervention steps in date order (undated first)."""
        return self._piece(
            "interventions",
            lambda t: _group(
                t.interventions, lambda i: i.authority, lambda i: (_first_date_key(i.date), i.id)
            ),
        )

    @property
    def delivery(self) -> Mapping[str, tuple[DeliveryEpisode, ...]]:
        """Each authority's delivery episodes in order."""
        return self._piece(
            "delivery",
            lambda t: _group(
                t.delivery, lambda d: d.authority, lambda d: (d.start.sort_key(), d.id)
            ),
        )

    @property
    def insourcing(self) -> Mapping[str, tuple[InsourcingEvent, ...]]:
        """Each authority's insourcing events in order."""
        return self._piece(
            "insourcing",
            lambda t: _group(
                t.insourcing,
                lambda e: e.authority,
                lambda e: (_first_date_key(e.decision_date, e.return_date), e.id),
            ),
        )

    @property
    def delivery_figures(self) -> Mapping[str, tuple[DeliveryFigure, ...]]:
        """Each authority's figures of money and staff, by episode or return, kind and year."""
        return self._piece(
            "delivery_figures",
            lambda t: _group(
                t.delivery_figures,
                lambda f: f.authority,
                lambda f: (
                    f.episode or "",
                    f.insourcing or "",
                    f.kind.value,
                    f.financial_year or 0,
                    f.id,
                ),
            ),
        )

    @property
    def programmes(self) -> Mapping[str, tuple[ProgrammeMembership, ...]]:
        """Each authority's part in improvement programmes, in order."""
        return self._piece(
            "programmes",
            lambda t: _group(
                t.programmes,
                lambda p: p.authority,
                lambda p: (p.start.sort_key() if p.start else (), p.id),
            ),
        )

    @property
    def providers(self) -> Mapping[str, Provider]:
        """Providers by id."""
        return self._piece("providers", lambda t: MappingProxyType({p.id: p for p in t.providers}))

    @property
    def lifecycles(self) -> Mapping[str, TrustLifecycle]:
        """Each provider's lifecycle, by provider id."""
        return self._piece(
            "lifecycles", lambda t: MappingProxyType(build_lifecycles(t.lifecycle)[0])
        )

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id."""
        return self._piece("sources", lambda t: MappingProxyType({s.id: s for s in t.sources}))

    @property
    def reports_to(self) -> datetime.date | None:
        """The latest possible publication day of the newest inspection (see :mod:`~childservices.coverage`)."""
        return self._piece("reports_to", lambda t: (newest_publication(t.inspections),))[0]

    @property
    def figures(self) -> Figures:
        """The official statistics: the vocabulary, figures by authority and by measure."""
        return self._piece("figures", _figures)

    @property
    def sources_to(self) -> Mapping[str, datetime.date | None]:
        """For each citing table, the newest publication date of the sources its rows cite."""
        return self._piece(
            "sources_to", lambda t: MappingProxyType(newest_sources(t, self.sources))
        )


def _figures(tables: Tables) -> Figures:
    from childservices.data.measure_index import build_figures

    return build_figures(tables)


def _links(
    tables: Tables,
) -> tuple[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]]:
    """Predecessors and successors of each authority, from the reorganisations in date order."""
    predecessors: dict[str, list[str]] = defaultdict(list)
    successors: dict[str, list[str]] = defaultdict(list)
    for link in sorted(
        tables.reorganisations, key=lambda r: (r.date.sort_key(), r.predecessor, r.successor)
    ):
        predecessors[link.successor].append(link.predecessor)
        successors[link.predecessor].append(link.successor)
    return (
        MappingProxyType({k: tuple(v) for k, v in predecessors.items()}),
        MappingProxyType({k: tuple(v) for k, v in successors.items()}),
    )


def _first_date_key(*dates: PartialDate | None) -> tuple[Any, ...]:
    known = [d for d in dates if d is not None]
    return known[0].sort_key() if known else ()


def build_index(records: Tables) -> Index:
    """Indexes over a record set that has passed :func:`~childservices.data.checks.check_records`
    (each lookup is built on first use)."""
    return Index(records)


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
