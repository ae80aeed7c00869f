"""What a rule needs of one authority: its history, and histories built from your own records.

Every rule that asks about one authority (its rating on a day, its
trajectory, its time to good, Ofsted's count of it) reads the same few
things: the authority's record (kind, region, the days it existed), its
identifiers, its inspections, Ofsted's visits, the DfE's interventions, who
ran its services, and the histories of the authorities it succeeded. That is
:class:`AuthorityHistory`. Rules take histories and days, never the dataset.

Two kinds of object are histories:

- :class:`~childservices.AuthorityView`, what
  :meth:`Dataset.authority <childservices.Dataset.authority>` and
  :meth:`Dataset.authorities <childservices.Dataset.authorities>` give;
- :class:`History`, a plain frozen record you build yourself: with
  :func:`histories` from a :class:`~childservices.model.RecordSet` (the
  bundled record's ``cs.load().records``, your own rows, or both), or one by
  one with :class:`History`.

So a rule runs on any subset of authorities, or on records that were never
loaded as a dataset::

    >>> import childservices as cs
    >>> from childservices.rules.history import histories
    >>> found = histories(cs.load().records)
    >>> london = [h for h in found.values() if h.record.region is cs.Region.LONDON]
    >>> len(london)
    33

:func:`histories` takes the records as they are: it runs none of the
cross-record checks of :meth:`Dataset.from_records
<childservices.Dataset.from_records>`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from childservices.errors import ArgumentValueError
from childservices.model import (
    Authority,
    DeliveryEpisode,
    Identifier,
    InsourcingEvent,
    Inspection,
    Intervention,
    PartialDate,
    ProgrammeMembership,
    RecordSet,
    Visit,
)
from childservices.rules.asof import publication_key

__all__ = ["AuthorityHistory", "History", "histories"]


class AuthorityHistory(Protocol):
    """One authority's record and everything recorded about it: what a rule reads.

    Each sequence is the authority's own (never its predecessors'), in the
    order the rules read it: inspections by publication (:attr:`inspection_keys`
    holds their publication keys, for bisection), visits by date,
    intervention steps by date with undated steps first, delivery episodes by
    start. ``predecessors`` are the histories of the authorities whose area
    passed to this one at reorganisation, in the order of the reorganisations.
    """

    @property
    def id(self) -> str:
        """The authority's id."""

    @property
    def record(self) -> Authority:
        """The authority's record: name, kind, region, first and last day."""

    @property
    def identifiers(self) -> Sequence[Identifier]:
        """Every identifier the authority has had (DfE number, ONS code, Ofsted URN)."""

    @property
    def inspections(self) -> Sequence[Inspection]:
        """Its inspections, in order of publication."""

    @property
    def inspection_keys(self) -> Sequence[datetime.date]:
        """The publication key (:func:`~childservices.rules.asof.publication_key`) of each inspection."""

    @property
    def visits(self) -> Sequence[Visit]:
        """Ofsted's focused and monitoring visits, in date order."""

    @property
    def interventions(self) -> Sequence[Intervention]:
        """The DfE's intervention steps, in date order (undated steps first)."""

    @property
    def deliveries(self) -> Sequence[DeliveryEpisode]:
        """Recorded episodes of who ran its services, in order of start."""

    @property
    def insourcing(self) -> Sequence[InsourcingEvent]:
        """Returns of its services in-house."""

    @property
    def programmes(self) -> Sequence[ProgrammeMembership]:
        """Its part in improvement programmes."""

    @property
    def predecessors(self) -> Sequence[AuthorityHistory]:
        """The histories of the authorities it succeeded directly."""


def _first_key(*dates: PartialDate | None) -> tuple[Any, ...]:
    known = [d for d in dates if d is not None]
    return known[0].sort_key() if known else ()


def _by_publication(records: Iterable[Inspection]) -> tuple[Inspection, ...]:
    return tuple(sorted(records, key=lambda i: (publication_key(i), i.id)))


def _by_visit_date(records: Iterable[Visit]) -> tuple[Visit, ...]:
    return tuple(sorted(records, key=lambda v: (v.date.sort_key(), v.id)))


def _by_step_date(records: Iterable[Intervention]) -> tuple[Intervention, ...]:
    return tuple(sorted(records, key=lambda i: (_first_key(i.date), i.id)))


def _by_start(records: Iterable[DeliveryEpisode]) -> tuple[DeliveryEpisode, ...]:
    return tuple(sorted(records, key=lambda d: (d.start.sort_key(), d.id)))


def _by_decision(records: Iterable[InsourcingEvent]) -> tuple[InsourcingEvent, ...]:
    return tuple(sorted(records, key=lambda e: (_first_key(e.decision_date, e.return_date), e.id)))


def _by_membership(records: Iterable[ProgrammeMembership]) -> tuple[ProgrammeMembership, ...]:
    return tuple(sorted(records, key=lambda p: (_first_key(p.start), p.id)))


def _by_scheme(records: Iterable[Identifier]) -> tuple[Identifier, ...]:
    return tuple(sorted(records, key=lambda i: (i.scheme.value, _first_key(i.valid_from), i.value)))


def _in_order(histories: Iterable[History]) -> tuple[History, ...]:
    return tuple(histories)


def _keys(history: History) -> tuple[datetime.date, ...]:
    return tuple(publication_key(i) for i in history.inspections)


@attrs.frozen(kw_only=True)
class History:
    """One authority's history built from records: an :class:`AuthorityHistory` of your own.

    Give the records in any order: each sequence is sorted as the rules read
    it. ``predecessors`` are the :class:`History` of each authority it
    succeeded. Rows naming another authority are not refused here (no
    cross-record check runs); they are yours to choose.

    >>> import datetime, childservices as cs
    >>> from childservices.rules.ondate import rating_on
    >>> sandwell = cs.load().authority("Sandwell")
    >>> mine = History(record=sandwell.record, inspections=reversed(sandwell.inspections))
    >>> rating_on(mine, datetime.date(2019, 6, 1))
    <Grade.INADEQUATE: 'inadequate'>
    """

    record: Authority
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_by_scheme)
    inspections: tuple[Inspection, ...] = attrs.field(default=(), converter=_by_publication)
    visits: tuple[Visit, ...] = attrs.field(default=(), converter=_by_visit_date)
    interventions: tuple[Intervention, ...] = attrs.field(default=(), converter=_by_step_date)
    deliveries: tuple[DeliveryEpisode, ...] = attrs.field(default=(), converter=_by_start)
    insourcing: tuple[InsourcingEvent, ...] = attrs.field(default=(), converter=_by_decision)
    programmes: tuple[ProgrammeMembership, ...] = attrs.field(default=(), converter=_by_membership)
    predecessors: tuple[History, ...] = attrs.field(default=(), converter=_in_order)
    inspection_keys: tuple[datetime.date, ...] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_keys, takes_self=True)
    )
    """The publication key of each inspection (worked out when the history is made)."""

    @property
    def id(self) -> str:
        """The authority's id."""
        return self.record.id


def histories(records: RecordSet) -> Mapping[str, History]:
    """Every authority's :class:`History` in ``records``, by authority id.

    Rows about an authority not among ``records.authorities`` are left out,
    and so are reorganisations naming one: to study a subset, either pick
    histories from the whole record's (their predecessors come with them),
    or give only the authorities you want. Predecessors are linked in the
    order of the reorganisations (by date). The records are not checked.

    >>> import childservices as cs
    >>> found = histories(cs.load().records)
    >>> [p.id for p in found["north-northamptonshire"].predecessors]
    ['northamptonshire']
    """
    known = {a.id: a for a in records.authorities}
    rows: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for table, field, column in _OWN_ROWS:
        for row in getattr(records, table):
            owner = getattr(row, column)
            if owner in known:
                rows[owner][field].append(row)
    links: dict[str, list[str]] = defaultdict(list)
    for link in sorted(
        records.reorganisations, key=lambda r: (r.date.sort_key(), r.predecessor, r.successor)
    ):
        if link.predecessor in known and link.successor in known:
            links[link.successor].append(link.predecessor)
    built: dict[str, History] = {}
    for authority_id in known:
        _build(authority_id, known, rows, links, built, ())
    return MappingProxyType({a.id: built[a.id] for a in records.authorities})


_OWN_ROWS = (
    ("authority_identifiers", "identifiers", "authority"),
    ("inspections", "inspections", "authority"),
    ("visits", "visits", "authority"),
    ("interventions", "interventions", "authority"),
    ("delivery", "deliveries", "authority"),
    ("insourcing", "insourcing", "authority"),
    ("programmes", "programmes", "authority"),
)
"""(table of a record set, field of a History, the column naming the authority)."""


def _build(
    authority_id: str,
    known: Mapping[str, Authority],
    rows: Mapping[str, Mapping[str, list[Any]]],
    links: Mapping[str, list[str]],
    built: dict[str, History],
    path: tuple[str, ...],
) -> History:
    """The history of one authority, its predecessors' built first (a cycle is refused)."""
    found = built.get(authority_id)
    if found is not None:
        return found
    if authority_id in path:
        cycle = " -> ".join((*path[path.index(authority_id) :], authority_id))
        raise ArgumentValueError(f"the reorganisations go round in a circle: {cycle}")
    predecessors = tuple(
        _build(p, known, rows, links, built, (*path, authority_id))
        for p in links.get(authority_id, ())
    )
    own = rows.get(authority_id, {})
    history = History(
        record=known[authority_id],
        predecessors=predecessors,
        **{field: own.get(field, ()) for _, field, _ in _OWN_ROWS},
    )
    built[authority_id] = history
    return history
