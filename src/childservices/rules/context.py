"""Measures in context: a measure's years around a day, and its spread by grade on a day.

These describe; they do not show cause. A figure that rose after a trust went
live rose after it, not because of it: the authority's neighbours, the
national trend, the release's changes of definition and the reasons an
authority was judged or directed at all are all in the same years.

**The year of a day.** A measure's reporting year ``Y`` runs to the day its
years end (:class:`~childservices.model.measure.YearEnd`: 31 March for most,
30 September for the workforce census) in ``Y``. The year *containing* a day
(:func:`year_containing`) is the year of the first such end on or after the
day: under 31 March years, 1 April 2018 is in 2019 (April 2018 to March 2019)
and 31 March 2018 in 2018. Around an event, **year 0** is the year containing
its day, and offset ``k`` is year ``0 + k``; a count "at 31 March" of year 0
is the count at the first 31 March on or after the event.

**The year ended by a day** (:func:`year_ended_by`) is the latest year whose
last day is on or before the day: on 1 April 2025 it is 2025 (the year to 31
March 2025); on 30 March 2025 it is 2024. A distribution by grade on a day
pairs each authority's rating on the day with its figure for that year
unless another year is asked for. The pairing goes by the year a figure is
*for*, not by when it was published.

**The neighbours' median** of a year is the median of the published values
of the authority's statistical neighbours in one DfE grouping (the one in
force on the event's day, unless another is chosen) for that year: a
neighbour whose figure is suppressed or absent is left out, and how many had
a value is kept beside it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

import attrs

from childservices.errors import ArgumentValueError
from childservices.model import Measure, NeighbourGrouping, NotPublished, Observation, YearEnd
from childservices.rules.events import Event
from childservices.rules.publication import FiguresAsOf, PublicationStatus

__all__ = [
    "MAX_YEARS",
    "MeasureAround",
    "YearRow",
    "measure_around",
    "shown",
    "statuses_of",
    "year_containing",
    "year_ended_by",
]

MAX_YEARS = 20
"""The most years either side of a day that :func:`measure_around` reads."""


def year_containing(day: datetime.date, year_ends: YearEnd) -> int:
    """The reporting year containing ``day``: the year of the first year end on or after it.

    >>> year_containing(datetime.date(2018, 4, 1), YearEnd.MARCH_31)
    2019
    >>> year_containing(datetime.date(2018, 3, 31), YearEnd.MARCH_31)
    2018
    >>> year_containing(datetime.date(2018, 10, 1), YearEnd.SEPTEMBER_30)
    2019
    """
    return day.year if day <= year_ends.day(day.year) else day.year + 1


def year_ended_by(day: datetime.date, year_ends: YearEnd) -> int:
    """The latest reporting year that had ended on or before ``day``.

    >>> year_ended_by(datetime.date(2025, 3, 31), YearEnd.MARCH_31)
    2025
    >>> year_ended_by(datetime.date(2025, 3, 30), YearEnd.MARCH_31)
    2024
    """
    return day.year if day >= year_ends.day(day.year) else day.year - 1


def shown(
    value: float | NotPublished | None,
    publication: PublicationStatus | None = None,
    as_of: datetime.date | None = None,
) -> str:
    """A figure in words: the number, the release's reason for none, or that the files hold none;
    given its ``publication`` status on ``as_of``, a figure not yet published or of unknown
    publication says so instead.

    >>> shown(12.0), shown(NotPublished.SUPPRESSED), shown(None)
    ('12', 'not published (c)', 'no figure in the files')
    >>> day = datetime.date(2024, 11, 13)
    >>> shown(None, PublicationStatus.NOT_YET_PUBLISHED, day)
    'not yet published on 2024-11-13'
    >>> shown(None, PublicationStatus.NOT_KNOWN, day)
    'publication date not known on 2024-11-13'
    """
    if publication is PublicationStatus.NOT_YET_PUBLISHED:
        return "not yet published" + ("" if as_of is None else f" on {as_of}")
    if publication is PublicationStatus.NOT_KNOWN:
        return "publication date not known" + ("" if as_of is None else f" on {as_of}")
    if value is None:
        return "no figure in the files"
    if isinstance(value, NotPublished):
        return f"not published ({value.value})"
    return f"{value:g}"


@attrs.frozen(kw_only=True)
class YearRow:
    """One reporting year around a day: the authority's figure and its neighbours' median.

    ``offset`` is the year's distance from year 0 (the year containing the
    day); ``year`` the reporting year itself. ``value`` is the authority's
    number, the release's :class:`~childservices.model.measure.NotPublished`
    reason, or ``None`` where the files hold no figure of the authority for
    that year (a year outside the files, or one before the authority
    existed); ``observation`` is the figure read, with its citation.
    ``neighbour_median`` is the median of the neighbours' published values
    (``None`` where none had one), ``neighbours_with_value`` how many of the
    ``neighbours_listed`` had one.

    ``publication`` is, for an answer as of a day, the authority's figure's
    :class:`~childservices.rules.publication.PublicationStatus` on that day
    (``None`` without ``as_of``, or where the files hold no figure); a figure
    not certainly published then has ``value`` and ``observation`` ``None``.
    ``neighbours_not_known`` is how many neighbours' figures were left out of
    the median because their publication date is not known (0 without
    ``as_of``).
    """

    offset: int
    year: int
    value: float | NotPublished | None
    observation: Observation | None
    neighbour_median: float | None
    neighbours_with_value: int
    neighbours_listed: int
    publication: PublicationStatus | None = None
    neighbours_not_known: int = 0

    def text(self, as_of: datetime.date | None = None) -> str:
        """The authority's figure in words (:func:`shown`), with its publication on ``as_of``."""
        return shown(self.value, self.publication, as_of)

    @property
    def published(self) -> bool:
        """Whether the authority has a number for the year."""
        return isinstance(self.value, float)


@attrs.frozen(kw_only=True)
class MeasureAround:
    """A measure in the years around a day (an event's, or one asked for), for one authority
    and the median of its statistical neighbours. It describes; it does not show cause.

    ``event`` is the record's event (``None`` when a day was asked for);
    ``day`` the day the years are counted from and ``year_zero`` the reporting
    year containing it. ``year_zero_certain`` is ``False`` where the event's
    date is known only to the month or year and its possible days fall in
    different reporting years (``day`` is then its last possible day).
    ``grouping`` is the DfE neighbour grouping whose list gave the neighbours
    (``None``: no list, so no medians), ``grouping_in_force`` the one the
    record says was in force on ``day`` (``None``: not known); they differ
    only when another grouping was chosen. ``neighbours`` are the listed
    neighbours' ids, closest first. ``rows`` run from offset ``-years`` to
    ``+years``, every year shown, none dropped. ``as_of`` is the day whose
    published figures only were read (``None``: every figure in the files).
    """

    authority: str
    measure: Measure
    event: Event | None
    day: datetime.date
    year_zero: int
    year_zero_certain: bool
    grouping: NeighbourGrouping | None
    grouping_in_force: NeighbourGrouping | None
    neighbours: tuple[str, ...]
    rows: tuple[YearRow, ...]
    as_of: datetime.date | None = None

    def row(self, offset: int) -> YearRow:
        """The row of year ``year_zero + offset``."""
        for found in self.rows:
            if found.offset == offset:
                return found
        raise ArgumentValueError(
            f"offset: {offset!r} is outside {self.rows[0].offset}..{self.rows[-1].offset}"
        )

    def __repr__(self) -> str:
        what = str(self.event) if self.event is not None else f"day {self.day}"
        with_value = sum(1 for r in self.rows if r.published)
        return (
            f"<MeasureAround {self.measure.id} for {self.authority} around {what}: "
            f"year 0 = {self.year_zero}; {with_value} of {len(self.rows)} years with a figure"
            + ("" if self.as_of is None else f"; as of {self.as_of}")
            + ">"
        )

    def __str__(self) -> str:
        grouping = "none" if self.grouping is None else self.grouping.value
        if self.grouping is not None and self.grouping is not self.grouping_in_force:
            grouping += " (chosen; in force on the day: "
            grouping += (
                "not known)"
                if self.grouping_in_force is None
                else (f"{self.grouping_in_force.value})")
            )
        lines = [
            f"{self.measure.name}, {self.authority}, around "
            + (str(self.event) if self.event is not None else str(self.day)),
            f"year 0 = {self.year_zero}; neighbours: {grouping}"
            + ("" if self.as_of is None else f"; figures published by {self.as_of}"),
        ]
        for r in self.rows:
            median = "-" if r.neighbour_median is None else f"{r.neighbour_median:g}"
            unknown = (
                f", {r.neighbours_not_known} of unknown publication"
                if r.neighbours_not_known
                else ""
            )
            lines.append(
                f"{r.offset:+d} {r.year}: {r.text(self.as_of)}; neighbours' median {median} "
                f"({r.neighbours_with_value} of {r.neighbours_listed}{unknown})"
            )
        return "\n".join(lines)


def _median(values: Sequence[float]) -> float | None:
    import statistics  # imported when used: loading the record does not need it

    return float(statistics.median(values)) if values else None


_Key = tuple[str, int]


def statuses_of(known: FiguresAsOf) -> dict[_Key, PublicationStatus]:
    """Each figure's publication status in ``known``, by (authority id, year)."""
    found: dict[_Key, PublicationStatus] = {}
    for status, figures in (
        (PublicationStatus.PUBLISHED, known.published),
        (PublicationStatus.NOT_YET_PUBLISHED, known.not_yet_published),
        (PublicationStatus.NOT_KNOWN, known.not_known),
    ):
        for o in figures:
            found[(o.authority or "", o.year)] = status
    return found


def _row(
    offset: int,
    year: int,
    authority: str,
    figures: Mapping[_Key, Observation],
    neighbours: Sequence[str],
    statuses: Mapping[_Key, PublicationStatus] | None,
) -> YearRow:
    """The row of ``year``: with ``statuses`` (an as-of answer), only published figures count."""

    def status(key: _Key) -> PublicationStatus | None:
        if statuses is None or key not in figures:
            return None
        return statuses.get(key, PublicationStatus.NOT_KNOWN)

    own = figures.get((authority, year))
    publication = status((authority, year))
    if publication not in (None, PublicationStatus.PUBLISHED):
        own = None
    values: list[float] = []
    not_known = 0
    for n in neighbours:
        found = figures.get((n, year))
        state = status((n, year))
        if state is PublicationStatus.NOT_KNOWN:
            not_known += 1
        elif (
            found is not None
            and state in (None, PublicationStatus.PUBLISHED)
            and isinstance(found.value, float)
        ):
            values.append(found.value)
    return YearRow(
        offset=offset,
        year=year,
        value=None if own is None else own.value,
        observation=own,
        neighbour_median=_median(values),
        neighbours_with_value=len(values),
        neighbours_listed=len(neighbours),
        publication=publication,
        neighbours_not_known=not_known,
    )


def measure_around(
    *,
    authority: str,
    measure: Measure,
    event: Event | None,
    day: datetime.date,
    earliest: datetime.date | None = None,
    figures: Mapping[tuple[str, int], Observation],
    neighbours: Sequence[str],
    grouping: NeighbourGrouping | None,
    grouping_in_force: NeighbourGrouping | None,
    years: int = 3,
    known: FiguresAsOf | None = None,
) -> MeasureAround:
    """``measure`` for ``authority`` and the median of its ``neighbours`` (their ids, from
    ``grouping``) in the ``years`` either side of the year containing ``day``.

    ``figures`` are the measure's observations by (authority id, year);
    ``earliest`` is the first day the event could be (when its date is not
    known to the day); ``known``, for an answer as of a day, is ``figures``
    split by their publication on that day
    (:func:`~childservices.rules.publication.figures_as_of`; a figure in none
    of its groups counts as not known). See the module for the rules.
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 0 <= years <= MAX_YEARS:
        raise ArgumentValueError(
            f"years: expected a whole number from 0 to {MAX_YEARS}, got {years!r}"
        )
    zero = year_containing(day, measure.year_ends)
    certain = earliest is None or year_containing(earliest, measure.year_ends) == zero
    statuses = None if known is None else statuses_of(known)
    rows = tuple(
        _row(offset, zero + offset, authority, figures, neighbours, statuses)
        for offset in range(-years, years + 1)
    )
    return MeasureAround(
        authority=authority,
        measure=measure,
        event=event,
        day=day,
        year_zero=zero,
        year_zero_certain=certain,
        grouping=grouping,
        grouping_in_force=grouping_in_force,
        neighbours=tuple(neighbours),
        rows=rows,
        as_of=None if known is None else known.day,
    )
