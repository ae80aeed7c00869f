"""The dataset's measures in context: the record's dated events, a measure around a day, and a
measure's spread by grade on a day.

They describe; they do not show cause. The rules are in
:mod:`childservices.rules.events`, :mod:`childservices.rules.context` and
:mod:`childservices.rules.by_grade`; :class:`~childservices.Dataset` has these
methods, which find the records and hand them over.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from childservices import _arguments
from childservices.authority_view import AuthorityView
from childservices.coverage import warn_if_after
from childservices.dataset._measures import Measures
from childservices.errors import ArgumentTypeError, ArgumentValueError
from childservices.model import (
    Area,
    Framework,
    NeighbourGrouping,
    PartialDate,
    as_day,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis
from childservices.rules.ondate import rating_on

if TYPE_CHECKING:
    from childservices.model import Measure, Observation

    # The rules of measures in context are imported when first asked for, so that loading
    # the record for its ratings does not pay for them.
    from childservices.rules.by_grade import MeasureByGrade
    from childservices.rules.context import MeasureAround
    from childservices.rules.events import Event, EventKind

__all__: list[str] = []

DateLike = str | datetime.date | PartialDate


class Context(Measures):
    """Measures beside the record's events and grades (a part of :class:`~childservices.Dataset`)."""

    __slots__ = ()

    def events(
        self, query: str | None = None, *, kinds: Collection[EventKind | str] | None = None
    ) -> tuple[Event, ...]:
        """The dated events of one authority (found by any name), or of every authority if
        ``query`` is ``None``: judgements, intervention steps, trusts going live, returns
        in-house (see :mod:`childservices.rules.events`), each citing its record; only
        ``kinds`` of them if given. In order of day.

        >>> import childservices as cs
        >>> [str(e) for e in cs.load().events("Doncaster", kinds={"return_in_house"})]
        ['return in house 2022-09-01 (doncaster-2022)']
        """
        from childservices.rules.events import EventKind, events_of

        wanted = None if kinds is None else _arguments.members("kinds", kinds, EventKind)
        views = self.authorities() if query is None else (self.authority(query),)
        found = [e for view in views for e in events_of(view, kinds=wanted)]
        return tuple(sorted(found, key=lambda e: (e.day, e.authority, e.record)))

    def measure_around(
        self,
        at: Event | str | AuthorityView,
        measure_id: str,
        day: DateLike | None = None,
        *,
        years: int = 3,
        grouping: NeighbourGrouping | str | None = None,
        as_of: DateLike | None = None,
    ) -> MeasureAround:
        """A measure for one authority and the median of its statistical neighbours, in the
        ``years`` either side of an event of the record (``at``, an :class:`~childservices.rules.events.Event`
        from :meth:`events`) or of ``day`` for the authority ``at`` (a name, as
        :meth:`authority` finds it, or a view).

        Year 0 is the reporting year containing the day; every year from
        ``-years`` to ``+years`` has a row, with the authority's number, the
        release's reason for none, or "no figure in the files"
        (:mod:`childservices.rules.context` gives the rules). The neighbours
        are the list of the DfE grouping in force on the day; where the record
        does not know one (before 30 April 2021, and from 31 March to 15 June
        2025) there are no medians unless ``grouping`` names a list to use,
        and the result says which was used and which was in force. It
        describes; it does not show cause.

        With ``as_of`` a day, only figures certainly published by then count
        (:mod:`childservices.rules.publication`): a year whose figure was not
        yet published, or whose publication date the record does not know,
        has no value and says so (:attr:`~childservices.rules.context.YearRow.publication`),
        and the medians are over published neighbours' figures only, with how
        many neighbours' figures are of unknown publication.

        >>> import childservices as cs
        >>> ds = cs.load()
        >>> around = ds.measure_around("Sandwell", "cla_rate_per_10000", "2022-07-05")
        >>> around.year_zero, around.grouping.value, [r.year for r in around.rows][:2]
        (2023, 'dfe-2021', [2020, 2021])
        >>> known = ds.measure_around("Sandwell", "cla_rate_per_10000", "2022-07-05",
        ...                           as_of="2021-11-01")
        >>> [r.text(known.as_of) for r in known.rows][1:3]
        ['publication date not known on 2021-11-01', 'not yet published on 2021-11-01']
        """
        from childservices.rules.context import measure_around
        from childservices.rules.neighbours import grouping_on, neighbours_in

        measure = self.measure_definition(measure_id)
        event, authority, when, earliest = self._around_what(at, day)
        in_force = grouping_on(self.index.neighbour_periods, when)
        chosen = (
            in_force
            if grouping is None
            else _arguments.member("grouping", grouping, NeighbourGrouping)
        )
        rows = self.index.neighbours.get(authority, ())
        listed = () if chosen is None else tuple(n.neighbour for n in neighbours_in(rows, chosen))
        local = self._local(measure)
        return measure_around(
            authority=authority,
            measure=measure,
            event=event,
            day=when,
            earliest=earliest,
            figures={(o.authority or "", o.year): o for o in local},
            neighbours=listed,
            grouping=chosen,
            grouping_in_force=in_force,
            years=years,
            known=None if as_of is None else self._as_of(local, as_of),
        )

    def _around_what(
        self, at: Event | str | AuthorityView, day: DateLike | None
    ) -> tuple[Event | None, str, datetime.date, datetime.date | None]:
        """(the event or ``None``, the authority's id, the day, the event's earliest day)."""
        from childservices.rules.events import Event

        if isinstance(at, Event):
            if day is not None:
                raise ArgumentValueError("day: give a day only with an authority, not an event")
            self.authority(at.authority)  # refuse an event of an authority not in this dataset
            return at, at.authority, at.day, at.date.first_day()
        if isinstance(at, AuthorityView):
            at = at.id
        if not isinstance(at, str):
            raise ArgumentTypeError(
                f"at: expected an Event or an authority's name, got {type(at).__name__}"
            )
        if day is None:
            raise ArgumentValueError("day: give the day to read the years around")
        return None, self.authority(at).id, as_day(day), None

    def _local(self, measure: Measure) -> tuple[Observation, ...]:
        """The measure's local authorities' figures, every year."""
        from childservices.model import GeographicLevel

        return tuple(
            o
            for o in self.index.figures.by_measure.get(measure.id, ())
            if o.level is GeographicLevel.LOCAL_AUTHORITY
        )

    def measure_by_grade(
        self,
        measure_id: str,
        day: DateLike,
        *,
        year: int | None = None,
        frameworks: Collection[Framework] = SIF_AND_LATER,
        rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
        as_of: DateLike | None = None,
    ) -> MeasureByGrade:
        """A measure's figures grouped by each authority's rating on ``day`` (count, median,
        quartiles, lowest and highest of each group), with "no overall judgement" and
        "no rating" (not yet inspected, or not known) as groups of their own.

        Every authority in existence on the day counts, with its rating as
        :meth:`ratings_on` gives it (``frameworks`` and ``rating_basis`` as
        there) and its own figure for ``year``: by default the latest year
        ended by the day (:func:`~childservices.rules.context.year_ended_by`).
        The rules are in :mod:`childservices.rules.by_grade`. It describes; it
        does not show cause.

        With ``as_of`` a day, only figures certainly published by then count;
        the authorities whose figure was not yet published, or whose
        publication date is not known, are listed apart in the result.

        >>> import childservices as cs
        >>> ds = cs.load()
        >>> spread = ds.measure_by_grade("agency_rate_fte", "2025-09-30")
        >>> spread.year, [g.label for g in spread.groups][:2]
        (2025, ['outstanding', 'good'])
        >>> early = ds.measure_by_grade("cla_rate_per_10000", "2024-11-13", as_of="2024-11-13")
        >>> early
        <MeasureByGrade cla_rate_per_10000 2024 on 2024-11-13: no group; as of 2024-11-13: 153 not yet published, 0 publication not known>
        """
        from childservices.rules.by_grade import measure_by_grade
        from childservices.rules.context import year_ended_by

        measure = self.measure_definition(measure_id)
        when = as_day(day)
        if frameworks is not SIF_AND_LATER and frameworks is not ALL_FRAMEWORKS:
            frameworks = _arguments.frameworks(frameworks)
        warn_if_after(self.index.reports_to, when, stacklevel=2)
        if year is None:
            paired = year_ended_by(when, measure.year_ends)
            last = measure.year_ends.day(paired)
            rule = f"the latest year ended by the day: years end on {last.day} {last:%B}"
        else:
            (paired,) = _arguments.whole_numbers("year", [year])
            rule = "the year asked for"
        ratings = {
            a.id: rating_on(a, when, frameworks, rating_basis=rating_basis)
            for a in self.authorities(active_on=when)
        }
        figures: Mapping[str, Observation] = {
            o.authority or "": o for o in self._local(measure) if o.year == paired
        }
        return measure_by_grade(
            measure=measure,
            day=when,
            year=paired,
            year_rule=rule,
            ratings=ratings,
            figures=figures,
            known=None if as_of is None else self._as_of(tuple(figures.values()), as_of),
        )
