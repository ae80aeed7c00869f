"""The DfE's official statistics: a vocabulary of measures, and one figure per place and year.

A :class:`Measure` is one thing the DfE (or MHCLG) publishes for every local
authority each year: children in need at 31 March, the re-referral rate, the
agency rate of social workers... with its definition in the release's own
words, its unit, and the file and column it is read from. An
:class:`Observation` is one published figure of one measure, for one
geography (England, a region or a local authority) in one reporting year
(the year ending 31 March: 2025 is April 2024 to March 2025). A figure the
release does not give is not a number but a :class:`NotPublished` reason,
the release's own code: suppressed ``c``, not applicable ``z``, low ``k``,
not available ``x``, low reliability ``u``.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.source import Citation
from childservices.model.validate import cited, non_empty, optional_non_empty, slug

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "GeographicLevel",
    "Measure",
    "MeasureUnit",
    "NotPublished",
    "Observation",
    "StatisticalRegion",
    "Value",
    "YearEnd",
    "observation_id",
    "place_key",
]

FIRST_YEAR = 2000
"""The earliest reporting year an observation may have."""
LAST_YEAR = 2100
"""The latest reporting year an observation may have."""


class MeasureUnit(enum.Enum):
    """What a measure's numbers count or express."""

    COUNT = "count"
    RATE_PER_10000 = "rate_per_10000"
    PERCENT = "percent"
    FTE = "fte"
    HEADCOUNT = "headcount"
    CASES_PER_FTE = "cases_per_fte"
    GBP_THOUSAND = "gbp_thousand"
    GBP_PER_CHILD = "gbp_per_child"


class NotPublished(enum.Enum):
    """Why a release gives no number for a figure: its own symbol, as the files write it."""

    SUPPRESSED = "c"
    """Suppressed to protect confidentiality (a small number)."""
    NOT_APPLICABLE = "z"
    """Not applicable: the figure does not exist for this place or year."""
    LOW = "k"
    """Low: rounds to zero but is not zero."""
    NOT_AVAILABLE = "x"
    """Not available: not collected or not returned."""
    LOW_RELIABILITY = "u"
    """Low reliability: withheld because the figure is not reliable (the files use it too,
    though the releases' lists of symbols do not always name it)."""


class GeographicLevel(enum.Enum):
    """Which kind of place a figure is for, as the files' ``geographic_level`` says."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL_AUTHORITY = "local_authority"


class StatisticalRegion(enum.Enum):
    """The regions of the DfE's statistics: the nine ONS regions and London's two halves,
    which the children's social care releases give as regions of their own."""

    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE_AND_THE_HUMBER = "Yorkshire and The Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST_OF_ENGLAND = "East of England"
    LONDON = "London"
    INNER_LONDON = "Inner London"
    OUTER_LONDON = "Outer London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class YearEnd(enum.Enum):
    """The day a measure's year ends: an observation of year ``Y`` is of the year ending on
    that day of ``Y`` (a count "at" that day is on it)."""

    MARCH_31 = "03-31"
    """The reporting year of the children in need and looked-after releases and the
    financial year: 2025 is April 2024 to 31 March 2025."""
    SEPTEMBER_30 = "09-30"
    """The workforce census year: 2025 is October 2024 to 30 September 2025."""

    def day(self, year: int) -> datetime.date:
        """The last day of ``year`` (a reporting year)."""
        month, day = self.value.split("-")
        return datetime.date(year, int(month), int(day))


Value = float | NotPublished
"""A figure: a number, or the release's reason for giving none."""


@attrs.frozen(kw_only=True)
class Measure:
    """One measure of the vocabulary: what a figure means and where it is read from.

    ``year_ends`` is the day each of its years ends (31 March for most; 30
    September for the workforce census).
    ``definition`` is the release's own wording where a release page states
    it (``citations`` name that page), or the meaning of the file's column,
    saying so. ``release`` is the source id of the statistics release;
    ``file`` and ``column`` where the figures are read from, and
    ``breakdown`` the filter on the file's other columns that picks one row
    per place and year (``column=value; column=value``), or ``None``.
    ``derived`` says how the library computes the figure when the file does
    not hold it (a rate from a count and a population), or is ``None``.
    """

    id: str = attrs.field(validator=slug)
    name: str = attrs.field(validator=non_empty)
    definition: str = attrs.field(validator=non_empty)
    unit: MeasureUnit
    year_ends: YearEnd
    release: str = attrs.field(validator=slug)
    file: str = attrs.field(validator=non_empty)
    column: str = attrs.field(validator=non_empty)
    breakdown: str | None = attrs.field(default=None, validator=optional_non_empty)
    derived: str | None = attrs.field(default=None, validator=optional_non_empty)
    citations: tuple[Citation, ...] = attrs.field(validator=cited)


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidRecordError(
            f"{attribute.name}: {value!r} is not a reporting year ({FIRST_YEAR}-{LAST_YEAR})"
        )


def _value(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, NotPublished):
        return
    if type(value) is not float or value != value or value in (float("inf"), float("-inf")):
        raise InvalidRecordError(f"{attribute.name}: {value!r} is not a finite number")


def _optional_number(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _value(instance, attribute, value)
        if isinstance(value, NotPublished):
            raise InvalidRecordError(f"{attribute.name}: {value!r} is not a number")


@attrs.frozen(kw_only=True)
class Observation:
    """One official figure: a measure's value for one place in one reporting year.

    ``year`` is the reporting year, named by its last day's year: 2025 is the
    year ending 31 March 2025 (a count "at 31 March" is on that day). The
    place is England (``level`` national), a region (``region``) or a local
    authority (``authority``, the record's id of the council that existed on
    31 March of ``year``). ``value`` is the number, or why the release gives
    none. ``numerator`` and ``denominator`` are the counts a rate or
    percentage is made of, where the release gives them. ``citations`` name
    the release and the file and row the figure was read from.
    """

    id: str = attrs.field(validator=slug)
    measure: str = attrs.field(validator=slug)
    year: int = attrs.field(validator=_year)
    level: GeographicLevel
    authority: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    region: StatisticalRegion | None = None
    value: Value = attrs.field(validator=_value)
    numerator: float | None = attrs.field(default=None, validator=_optional_number)
    denominator: float | None = attrs.field(default=None, validator=_optional_number)
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    def __attrs_post_init__(self) -> None:
        place = {
            GeographicLevel.NATIONAL: (self.authority is None, self.region is None),
            GeographicLevel.REGIONAL: (self.authority is None, self.region is not None),
            GeographicLevel.LOCAL_AUTHORITY: (self.authority is not None, self.region is None),
        }[self.level]
        if not all(place):
            raise InvalidRecordError(
                f"level {self.level.value}: a national figure has neither authority nor region, "
                "a regional one a region only, a local authority's an authority only"
            )
        expected = observation_id(self.measure, self.year, self.place)
        if self.id != expected:
            raise InvalidRecordError(f"id: {self.id!r} should be {expected!r} (measure.year.place)")

    @property
    def place(self) -> str:
        """The place's part of the id: the authority's id, the region's slug, or ``england``."""
        return place_key(self.level, self.authority, self.region)

    @property
    def published(self) -> bool:
        """Whether the release gives a number."""
        return not isinstance(self.value, NotPublished)


def place_key(
    level: GeographicLevel, authority: str | None, region: StatisticalRegion | None
) -> str:
    """How an observation's id names its place: an authority's id, a region's slug
    (``inner-london``), or ``england``."""
    if level is GeographicLevel.LOCAL_AUTHORITY and authority is not None:
        return authority
    if level is GeographicLevel.REGIONAL and region is not None:
        return region.value.lower().replace(" ", "-")
    return "england"


def observation_id(measure: str, year: int, place: str) -> str:
    """The id of a measure's observation for a place and year: ``measure.year.place``."""
    return f"{measure}.{year}.{place}"
