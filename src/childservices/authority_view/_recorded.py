"""What is recorded about one authority, read from a catalog's indexes: its record, its
identifiers and relations, and its histories (an
:class:`~childservices.rules.history.AuthorityHistory`).

:class:`~childservices.AuthorityView` adds the questions about it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Protocol, Self, overload

import attrs

from childservices import _arguments
from childservices.model import (
    Authority,
    AuthorityKind,
    DeliveryEpisode,
    Identifier,
    IdentifierScheme,
    InsourcingEvent,
    Inspection,
    Intervention,
    NeighbourGrouping,
    PartialDate,
    ProgrammeMembership,
    Region,
    Visit,
    as_day,
)
from childservices.rules.carryover import inspections_with_predecessors, visits_with_predecessors
from childservices.rules.intervention import Direction, directions
from childservices.rules.neighbours import grouping_on, neighbours_in

if TYPE_CHECKING:
    from childservices.authority_view._neighbours import NeighbourList
    from childservices.data.index import Index
    from childservices.model import DeliveryFigure, Observation
    from childservices.rules.lineage import Lineage
    from childservices.rules.publication import FiguresAsOf

__all__ = ["Indexed", "Recorded"]


class Indexed(Protocol):
    """What a view reads of the catalog it came from: its indexes.

    A :class:`~childservices.Catalog` (and so a :class:`~childservices.Dataset`)
    is one.
    """

    @property
    def index(self) -> Index:
        """The catalog's lookups over its tables."""


@attrs.frozen(kw_only=True, eq=False)
class Recorded:
    """An authority's record and everything recorded about it, from a catalog's indexes.

    The base of :class:`~childservices.AuthorityView`, where it is documented.
    """

    record: Authority
    dataset: Indexed = attrs.field(repr=False)
    """The catalog the authority was found in (a :class:`~childservices.Catalog`)."""

    # The record's own fields ---------------------------------------------

    @property
    def id(self) -> str:
        """The dataset's id for the authority (a slug of its name)."""
        return self.record.id

    @property
    def name(self) -> str:
        """The authority's name."""
        return self.record.name

    @property
    def kind(self) -> AuthorityKind:
        """County, metropolitan district, London borough, unitary or other."""
        return self.record.kind

    @property
    def region(self) -> Region | None:
        """The ONS region."""
        return self.record.region

    @property
    def active_from(self) -> PartialDate | None:
        """When the authority was created (``None`` if before the dataset begins)."""
        return self.record.active_from

    @property
    def active_to(self) -> PartialDate | None:
        """The authority's last day (``None`` while it exists)."""
        return self.record.active_to

    # Identifiers and relations -------------------------------------------

    @property
    def identifiers(self) -> tuple[Identifier, ...]:
        """Every identifier the authority has had, with validity dates."""
        return self.dataset.index.identifiers_by_authority.get(self.record.id, ())

    def identifier(self, scheme: IdentifierScheme | str) -> str | None:
        """The authority's current (or last) identifier in a scheme: ``"dfe"``, ``"ons"``, ``"ofsted_urn"``."""
        scheme_ = _arguments.member("scheme", scheme, IdentifierScheme)
        matching = [i for i in self.identifiers if i.scheme is scheme_]
        if not matching:
            return None
        current = [i for i in matching if i.valid_to is None]
        return (current or matching)[-1].value

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names the authority is known by."""
        return tuple(
            a.alias for a in self.dataset.index.aliases_by_authority.get(self.record.id, ())
        )

    @property
    def predecessors(self) -> tuple[Self, ...]:
        """Authorities whose area passed to this one at reorganisation."""
        return tuple(
            self._other(a) for a in self.dataset.index.predecessors.get(self.record.id, ())
        )

    @property
    def successors(self) -> tuple[Self, ...]:
        """Authorities that took over this one's area at reorganisation."""
        return tuple(self._other(a) for a in self.dataset.index.successors.get(self.record.id, ()))

    @property
    def lineage(self) -> Lineage:
        """The authority's lineage: it, its predecessors and successors, and theirs, as one line of history.

        >>> import childservices as cs
        >>> cs.load().authority("Cumberland").lineage.members
        ('cumberland', 'cumbria', 'westmorland-and-furness')
        """
        from childservices.rules.lineage import lineages

        members: set[str] = set()
        links: set[tuple[str, str]] = set()
        stack = [self.id]
        index = self.dataset.index
        while stack:
            current = stack.pop()
            if current in members:
                continue
            members.add(current)
            for predecessor in index.predecessors.get(current, ()):
                links.add((predecessor, current))
                stack.append(predecessor)
            for successor in index.successors.get(current, ()):
                links.add((current, successor))
                stack.append(successor)
        return lineages(members, links)[0]

    @property
    def statistical_neighbours(self) -> tuple[Self, ...]:
        """The authority's statistical neighbours in the newest DfE grouping the record
        holds (the 2025 model), closest first, whatever the day.

        For the list in force on a day, named, use :meth:`statistical_neighbours_on`.
        Councils abolished before 2025 (Cumbria, Northamptonshire, Poole...) have none
        here; the 2021 groupings list some of them.
        """
        rows = self.dataset.index.neighbours.get(self.record.id, ())
        newest = tuple(NeighbourGrouping)[-1]
        return tuple(self._other(n.neighbour) for n in neighbours_in(rows, newest))

    def statistical_neighbours_on(
        self, day: str | datetime.date | PartialDate
    ) -> NeighbourList[Self]:
        """The authority's statistical neighbours in the DfE grouping in force on ``day``,
        closest first, with that grouping named (``None`` where it is not known:
        :func:`~childservices.rules.neighbours.grouping_on`).

        >>> import childservices as cs
        >>> on = cs.load().authority("Sandwell").statistical_neighbours_on("2023-01-01")
        >>> on.grouping.value, [n.name for n in on][:2]
        ('dfe-2021', ['Wolverhampton', 'Walsall'])
        """
        from childservices.authority_view._neighbours import NeighbourList

        when = as_day(day)
        grouping = grouping_on(self.dataset.index.neighbour_periods, when)
        if grouping is None:
            return NeighbourList(day=when, grouping=None)
        rows = neighbours_in(self.dataset.index.neighbours.get(self.record.id, ()), grouping)
        return NeighbourList(
            day=when, grouping=grouping, items=tuple(self._other(n.neighbour) for n in rows)
        )

    def _other(self, authority_id: str) -> Self:
        """Another authority of the same catalog, as a view of the same kind."""
        return type(self)(record=self.dataset.index.authorities[authority_id], dataset=self.dataset)

    # History ---------------------------------------------------------------

    @property
    def inspections(self) -> tuple[Inspection, ...]:
        """The authority's own inspections, in order of publication."""
        return self.dataset.index.inspections.get(self.record.id, ())

    @property
    def inspection_keys(self) -> tuple[datetime.date, ...]:
        """The publication key of each of :attr:`inspections` (the last day it may have been
        published), for bisection."""
        return self.dataset.index.inspection_keys.get(self.record.id, ())

    def inspections_with_predecessors(self) -> tuple[Inspection, ...]:
        """Its inspections and those of every authority it succeeded, in order of publication."""
        return inspections_with_predecessors(self)

    @property
    def visits(self) -> tuple[Visit, ...]:
        """Ofsted's focused and monitoring visits to the authority, in date order.

        Visits give no grade: they never change :meth:`rating_on`. The record
        holds the visits of Ofsted's in-year lists for 2022-23, 2023-24 and
        2024-25 only (see the coverage of visits in the data documentation).

        >>> import childservices as cs  # in-year sheets: 2023 row 13; 2024 rows 38, 70, 103
        >>> [str(v.start) for v in cs.load().authority("Bradford").visits]  # 2025 rows 14, 13
        ['2022-07-27', '2023-07-18', '2023-11-08', '2024-02-27', '2024-05-22', '2025-02-11']
        """
        return self.dataset.index.visits.get(self.record.id, ())

    def visits_with_predecessors(self) -> tuple[Visit, ...]:
        """Its visits and those of every authority it succeeded, in date order."""
        return visits_with_predecessors(self)

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        """DfE interventions concerning the authority, in date order (undated steps first)."""
        return self.dataset.index.interventions.get(self.record.id, ())

    @property
    def directions(self) -> tuple[Direction, ...]:
        """Statutory directions concerning the authority, each with its revisions and revocation."""
        return directions(self.interventions)

    @property
    def deliveries(self) -> tuple[DeliveryEpisode, ...]:
        """Recorded episodes of who ran the authority's services, in order."""
        return self.dataset.index.delivery.get(self.record.id, ())

    @property
    def insourcing(self) -> tuple[InsourcingEvent, ...]:
        """Returns of the authority's services in-house."""
        return self.dataset.index.insourcing.get(self.record.id, ())

    @property
    def delivery_figures(self) -> tuple[DeliveryFigure, ...]:
        """What the sources state about the money and staff of the authority's delivery
        episodes and returns in-house (staff transferred, budgets, set-up grants, contract
        terms, savings), each cited; empty where none is recorded.

        >>> import childservices as cs
        >>> [f.shown for f in cs.load().authority("Slough").delivery_figures if f.kind is cs.FigureKind.SET_UP_GRANT]
        ['GBP 1,400,000']
        """
        return self.dataset.index.delivery_figures.get(self.record.id, ())

    @property
    def programmes(self) -> tuple[ProgrammeMembership, ...]:
        """The authority's part in improvement programmes."""
        return self.dataset.index.programmes.get(self.record.id, ())

    @overload
    def measures(self, *, as_of: None = None) -> tuple[Observation, ...]: ...

    @overload
    def measures(self, *, as_of: str | datetime.date | PartialDate) -> FiguresAsOf: ...

    def measures(
        self, *, as_of: str | datetime.date | PartialDate | None = None
    ) -> tuple[Observation, ...] | FiguresAsOf:
        """Every official figure of the authority, by measure, then year: each an
        :class:`~childservices.model.measure.Observation` with its ``measure`` (an id of
        the vocabulary), ``year``, ``value`` (a number, or why none was published),
        numerator and denominator, and citation. Only the authority's own figures:
        those of its predecessors are theirs (:attr:`predecessors`).

        With ``as_of`` a day, the figures as known that day: a
        :class:`~childservices.rules.publication.FiguresAsOf` that reads as the
        figures certainly published by then, and holds apart those not yet
        published and those whose publication date the record does not know
        (the rule is :mod:`childservices.rules.publication`). ``None``: every
        figure, whenever published.

        >>> import childservices as cs
        >>> figures = cs.load().authority("North Northamptonshire").measures()
        >>> min(o.year for o in figures if o.measure == "cin_at_31_march")
        2022
        >>> known = cs.load().authority("Sandwell").measures(as_of="2024-06-01")
        >>> [o.year for o in known if o.measure == "cla_at_31_march"]
        [2021, 2022, 2023]
        >>> [o.year for o in known.not_yet_published if o.measure == "cla_at_31_march"]
        [2024, 2025]
        >>> [o.year for o in known.not_known if o.measure == "cin_at_31_march"]
        [2024]
        """
        figures = self.dataset.index.figures
        found = figures.by_authority.get(self.record.id, ())
        if as_of is None:
            return found
        from childservices.rules.publication import figures_as_of

        return figures_as_of(found, figures.measures, figures.publications, as_day(as_of))
