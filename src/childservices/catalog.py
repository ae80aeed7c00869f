"""The catalog: a record's tables and indexes, and finding records in them.

A :class:`Catalog` finds things: an authority by any of its names or
identifiers, the authorities of a kind or region, a source, an inspection,
a visit, a provider's lifecycle, the lineages. It answers no question
about ratings or delivery itself: it hands each authority's history
(:class:`~childservices.AuthorityView`) to the rules
(:mod:`childservices.rules`). :class:`~childservices.Dataset` is a catalog
with the questions, drop-in tables and exports on top; writers that only
need to find records (layouts, figures, exports) take a catalog.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING, Self

import attrs

from childservices import _arguments
from childservices.authority_view import AuthorityView
from childservices.coverage import Coverage
from childservices.data.index import Index
from childservices.data.lazy import LazyRecords, Tables
from childservices.data.names import normalise_name, short_name
from childservices.errors import DatasetError, Problem, UnknownAuthorityError, UnknownRecordError
from childservices.model import (
    AuthorityKind,
    Inspection,
    PartialDate,
    RecordSet,
    Region,
    Source,
    TrustLifecycle,
    Visit,
    as_date,
    as_day,
)
from childservices.rules.asof import in_force

if TYPE_CHECKING:
    import pendulum

    from childservices.rules.lineage import Lineage

__all__ = ["Catalog"]


@attrs.frozen(kw_only=True, eq=False, init=False)
class Catalog:
    """A record's tables and their indexes, read-only: finds authorities and records.

    Get one from :func:`childservices.load` (a :class:`~childservices.Dataset`
    is a catalog) or build one from records: ``Catalog(tables=records)`` (or
    :meth:`Dataset.from_records <childservices.Dataset.from_records>`) checks
    every cross-record rule and indexes the records, raising
    :class:`~childservices.DatasetError` with every problem found. An index
    given with the tables must be the index of those tables, or the catalog
    is refused the same way: a catalog is only ever built checked.
    """

    tables: Tables = attrs.field(repr=False)
    """The tables: a :class:`~childservices.model.RecordSet`, or the bundled
    dataset's tables, each built when first used."""
    index: Index = attrs.field(repr=False)
    """Lookups over the tables (each built when first used)."""
    data_version: str | None = None
    """The bundle's version (a digest of the seeds it was built from), followed by
    ``+updates.<digest>`` when update runs are merged in."""
    updates: tuple[str, ...] = ()
    """The update runs (``childservices update``) merged into the record, oldest first."""

    def __init__(
        self,
        *,
        tables: Tables,
        index: Index | None = None,
        data_version: str | None = None,
        updates: tuple[str, ...] = (),
    ) -> None:
        """Check ``tables`` and index them (or check that ``index`` is theirs); see the class."""
        problems = _problems(tables, index)
        if problems:
            raise DatasetError(problems)
        self.__attrs_init__(
            tables=tables,
            index=Index(tables) if index is None else index,
            data_version=data_version,
            updates=updates,
        )

    @classmethod
    def _trusted(
        cls,
        *,
        tables: Tables,
        index: Index,
        data_version: str | None = None,
        updates: tuple[str, ...] = (),
    ) -> Self:
        """A catalog of records already checked, built without checking them again.

        For the library's own loaders only: the bundle (built and checked by
        ``tools/build_bundle.py``, and again in CI) and records the reader
        has just checked. Everyone else goes through the checking constructor.
        """
        made = cls.__new__(cls)
        made.__attrs_init__(tables=tables, index=index, data_version=data_version, updates=updates)
        return made

    @property
    def coverage(self) -> Coverage:
        """How current the record is: its newest report, each table's newest source, the updates in it.

        >>> import childservices as cs
        >>> str(cs.load(updates=False).coverage.reports_to)
        '2026-08-20'
        """
        return Coverage(
            reports_to=self.index.reports_to,
            sources_to=self.index.sources_to,
            updates=self.updates,
        )

    @property
    def records(self) -> RecordSet:
        """Every record, table by table (for the bundled dataset, every table is built)."""
        tables = self.tables
        return tables if isinstance(tables, RecordSet) else tables.record_set()

    # Authorities ----------------------------------------------------------

    def authority(self, query: str) -> AuthorityView:
        """The authority named by an id, name, alias, DfE number, ONS code or Ofsted URN.

        Names are matched ignoring case, punctuation and words such as
        'council'. Where an identifier or name was used by more than one
        authority over time (a county council and the unitary council that
        followed it), the current one wins. Unknown names raise
        :class:`~childservices.UnknownAuthorityError` with suggestions.
        """
        if not isinstance(query, str):
            # An UnknownAuthorityError (a LookupError), as for any name that matches nothing.
            error = UnknownAuthorityError(str(query))
            error.args = (
                f"no authority matches {query!r}: a {type(query).__name__} is not a name, id "
                f"or identifier (give it as text, such as {str(query)!r})",
            )
            raise error
        if not query.strip():
            raise UnknownAuthorityError(str(query))
        text = query.strip()
        index = self.index
        if text in index.authorities:
            return self._view(text)
        identifiers = index.identifiers.get(text.casefold())
        if identifiers:
            # Sorted with the open-ended (current) identifier last.
            return self._view(identifiers[-1].authority)
        candidates = index.names.get(normalise_name(text)) or index.names.get(short_name(text))
        if candidates:
            return self._view(self._prefer_current(candidates))
        raise UnknownAuthorityError(text, self._suggestions(text))

    def _suggestions(self, text: str) -> list[str]:
        """Names for a query that named no authority (at most five): those it begins or is a
        word of, then those it abbreviates ('Bucks', 'Herts'), then close spellings."""
        import difflib  # only a failed lookup needs it

        index = self.index
        folded = normalise_name(text)
        words = folded.split()
        keys = [
            key
            for key in index.names
            if folded and (key.startswith(folded) or all(word in key.split() for word in words))
        ]
        keys += [key for key in index.names if _abbreviates(folded, key)]
        keys += difflib.get_close_matches(folded, list(index.names), n=3, cutoff=0.75)
        names: list[str] = []
        for key in keys:
            for authority_id in index.names[key]:
                name = index.authorities[authority_id].name
                if name not in names:
                    names.append(name)
        return names[:5]

    def _prefer_current(self, candidates: tuple[str, ...]) -> str:
        current = [c for c in candidates if self.index.authorities[c].active_to is None]
        return (current or list(candidates))[0]

    def _view(self, authority_id: str) -> AuthorityView:
        return AuthorityView(record=self.index.authorities[authority_id], dataset=self)

    def authorities(
        self,
        *,
        kind: AuthorityKind | str | None = None,
        region: Region | str | None = None,
        active_on: str | datetime.date | PartialDate | None = None,
    ) -> tuple[AuthorityView, ...]:
        """Authorities, sorted by name, optionally of one kind, in one region, or in existence on a day.

        ``kind`` and ``region`` accept the enum or its value (``"unitary"``,
        ``"London"``).
        """
        kind_ = None if kind is None else _arguments.member("kind", kind, AuthorityKind)
        region_ = None if region is None else _arguments.member("region", region, Region)
        day = None if active_on is None else as_day(active_on)
        chosen = []
        for record in self.tables.authorities:
            if kind_ is not None and record.kind is not kind_:
                continue
            if region_ is not None and record.region is not region_:
                continue
            if (
                day is not None
                and in_force(day, record.active_from, _day_after(record.active_to)) is not True
            ):
                continue
            chosen.append(self._view(record.id))
        return tuple(sorted(chosen, key=lambda a: (a.name, a.id)))

    def lineages(self) -> tuple[Lineage, ...]:
        """Every lineage: authorities joined by reorganisation as one line of history, by id.

        See :mod:`childservices.rules.lineage` for when to count lineages
        rather than authorities.

        >>> import childservices as cs
        >>> [l.members for l in cs.load().lineages() if l.id == "northamptonshire"]
        [('north-northamptonshire', 'northamptonshire', 'west-northamptonshire')]
        """
        from childservices.rules.lineage import lineages

        return lineages(
            (a.id for a in self.tables.authorities),
            ((r.predecessor, r.successor) for r in self.tables.reorganisations),
        )

    @property
    def covered_until(self) -> pendulum.Date | None:
        """The data's coverage date: :attr:`coverage`'s ``reports_to``, the latest publication
        day of any inspection recorded.

        Analyses over years stop following authorities here (they are
        censored), rather than at today's date, so that months the data does
        not cover are not read as months in which nothing happened.
        """
        latest = self.index.reports_to
        return None if latest is None else as_date(latest)

    def __iter__(self) -> Iterator[AuthorityView]:
        """Every authority, sorted by name."""
        return iter(self.authorities())

    def __len__(self) -> int:
        """How many authorities the dataset holds (current and abolished)."""
        return len(self.tables.authorities)

    # Other records --------------------------------------------------------

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        try:
            return self.index.sources[_arguments.text("source_id", source_id)]
        except KeyError:
            raise UnknownRecordError(f"no source {source_id!r}") from None

    def inspection(self, inspection_id: str) -> Inspection:
        """The inspection with this id."""
        try:
            return self.index.inspections_by_id[_arguments.text("inspection_id", inspection_id)]
        except KeyError:
            raise UnknownRecordError(f"no inspection {inspection_id!r}") from None

    def visit(self, visit_id: str) -> Visit:
        """The visit (focused or monitoring) with this id."""
        try:
            return self.index.visits_by_id[visit_id]
        except KeyError:
            raise UnknownRecordError(f"no visit {visit_id!r}") from None

    def lifecycle(self, provider: str) -> TrustLifecycle:
        """The lifecycle of the provider (trust, company, partnership) with this id."""
        try:
            return self.index.lifecycles[_arguments.text("provider", provider)]
        except KeyError:
            raise UnknownRecordError(f"no lifecycle recorded for provider {provider!r}") from None

    @property
    def lifecycles(self) -> tuple[TrustLifecycle, ...]:
        """Every recorded provider lifecycle, by provider id."""
        return tuple(self.index.lifecycles[k] for k in sorted(self.index.lifecycles))


def _problems(tables: object, index: object) -> list[Problem]:
    """What is wrong with tables and an index given to the constructor (nothing: ``[]``)."""
    from childservices.data.checks import check_records  # only a catalog built by hand runs them

    if not isinstance(tables, RecordSet | LazyRecords):
        return [Problem(message=f"tables: expected a RecordSet, got {type(tables).__name__}")]
    if index is not None and not isinstance(index, Index):
        return [
            Problem(message=f"index: expected the Index of the tables, got {type(index).__name__}")
        ]
    problems = check_records(tables if isinstance(tables, RecordSet) else tables.record_set())
    if not problems and index is not None and index != Index(tables):
        problems.append(
            Problem(
                message="index: it is not the index of these tables (give the tables alone "
                "and the catalog indexes them)"
            )
        )
    return problems


def _day_after(end: PartialDate | None) -> PartialDate | None:
    """An authority's ``active_to`` is its last day; as a range end it is exclusive."""
    if end is None:
        return None
    if end.day is None:
        return end  # the month or year it ended in: uncertain either way
    return PartialDate.from_date(end.first_day() + datetime.timedelta(days=1))


def _abbreviates(query: str, key: str) -> bool:
    """Whether a one-word folded query shortens a word of a folded name the way county names
    are shortened: the word's first three letters, then the rest of the query's letters in
    order later in the name ('bucks' for 'buckinghamshire', 'notts' for 'nottinghamshire')."""
    if len(query) < 4 or " " in query:
        return False
    for start in (0, *(i + 1 for i, char in enumerate(key) if char == " ")):
        if key.startswith(query[:3], start):
            rest = iter(key[start + 3 :])
            if all(letter in rest for letter in query[3:]):
                return True
    return False
