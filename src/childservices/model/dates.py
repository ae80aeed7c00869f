"""Dates as the sources give them: to the day, the month or only the year.

A source that says "in October 2014" gives a :class:`PartialDate` of month
precision; the library never invents the day. As-of questions ("what was in
force on 1 June 2019?") need a full day; a :class:`PartialDate` answers them
through its :attr:`~PartialDate.earliest` and :attr:`~PartialDate.latest`
possible days:

- an event *has happened by* a day when even its latest possible day is on or
  before that day (:meth:`PartialDate.certainly_by`);
- it *may have happened by* a day when its earliest possible day is.

Queries in the library use the first, conservative reading unless they say
otherwise.
"""

from __future__ import annotations

import datetime
import enum
import re
from typing import TYPE_CHECKING, Self

import attrs

from childservices.errors import InvalidDateError

if TYPE_CHECKING:
    import pendulum

# pendulum is imported by the functions that hand out pendulum dates, not with
# the library: as-of questions compare plain ``datetime.date`` days, so loading
# the dataset and asking for ratings never pays for importing it.

__all__ = ["PartialDate", "Precision", "as_date", "as_day", "pendulum_date"]

# ASCII digits only: ``\d`` would also take other scripts' digits.
_ISO = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN = 60
"""How much of a bad input an error message repeats."""
_ONE_DAY = datetime.timedelta(days=1)
_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2200


def _shown(value: object) -> str:
    """A bad input as an error message shows it: its repr, cut short if long."""
    text = repr(value)
    return text if len(text) <= _SHOWN else f"{text[:_SHOWN]}... ({len(text)} characters)"


class Precision(enum.Enum):
    """How much of a date a source gives."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def _check_year(instance: PartialDate, attribute: attrs.Attribute[int], value: int) -> None:
    if not _EARLIEST_YEAR <= value <= _LATEST_YEAR:
        raise InvalidDateError(f"year {value} is outside {_EARLIEST_YEAR}-{_LATEST_YEAR}")


def _check_month(
    instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is not None and not 1 <= value <= 12:
        raise InvalidDateError(f"month {value} is not 1 to 12")


def _check_day(
    instance: PartialDate, attribute: attrs.Attribute[int | None], value: int | None
) -> None:
    if value is None:
        return
    if instance.month is None:
        raise InvalidDateError("a day needs a month")
    try:
        datetime.date(instance.year, instance.month, value)
    except ValueError as exc:
        raise InvalidDateError(f"{instance.year}-{instance.month:02d}-{value:02d}: {exc}") from None


def _strict_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidDateError(f"expected a whole number, got {value!r}")
    return value


def _strict_optional_int(value: object) -> int | None:
    return None if value is None else _strict_int(value)


@attrs.frozen(order=False)
class PartialDate:
    """A calendar date known to the day, the month or the year.

    ``PartialDate(2014, 10)`` is "October 2014". Equality is exact (October
    2014 is not 1 October 2014); use :attr:`earliest` and :attr:`latest`, or
    :meth:`sort_key`, to order dates of mixed precision.
    """

    year: int = attrs.field(converter=_strict_int, validator=_check_year)
    month: int | None = attrs.field(
        default=None, converter=_strict_optional_int, validator=_check_month
    )
    day: int | None = attrs.field(
        default=None, converter=_strict_optional_int, validator=_check_day
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if not isinstance(text, str):
            raise InvalidDateError(f"expected an ISO date string, got {_shown(text)}")
        match = _ISO.fullmatch(text.strip()) if len(text) <= 64 else None
        if match is None:
            raise InvalidDateError(
                f"{_shown(text)} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
            )
        month, day = match["month"], match["day"]
        try:
            return cls(
                int(match["year"]),
                None if month is None else int(month),
                None if day is None else int(day),
            )
        except InvalidDateError as exc:
            raise InvalidDateError(f"{exc} (in {_shown(text)})") from None

    @classmethod
    def from_date(cls, value: datetime.date) -> Self:
        """A day-precision date from a :class:`datetime.date` (or pendulum date)."""
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """Whether the source gave the day, only the month, or only the year."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def earliest(self) -> pendulum.Date:
        """The first day this date could be."""
        return pendulum_date(self.first_day())

    @property
    def latest(self) -> pendulum.Date:
        """The last day this date could be."""
        return pendulum_date(self.last_day())

    def first_day(self) -> datetime.date:
        """:attr:`earliest` as a plain :class:`datetime.date` (cheaper, for keys and comparisons)."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """:attr:`latest` as a plain :class:`datetime.date` (cheaper, for keys and comparisons)."""
        if self.day is not None:
            return datetime.date(self.year, self.month or 1, self.day)
        if self.month is not None and self.month < 12:
            return datetime.date(self.year, self.month + 1, 1) - _ONE_DAY
        return datetime.date(self.year, 12, 31)

    def certainly_by(self, day: datetime.date) -> bool:
        """True when this date is on or before ``day`` whatever its unknown part."""
        return self.last_day() <= day

    def possibly_by(self, day: datetime.date) -> bool:
        """True when this date could be on or before ``day``."""
        return self.first_day() <= day

    def certainly_before(self, other: PartialDate) -> bool:
        """True when this date is strictly before ``other`` whatever their unknown parts."""
        return self.last_day() < other.first_day()

    def certainly_after(self, other: PartialDate) -> bool:
        """True when this date is strictly after ``other`` whatever their unknown parts."""
        return self.first_day() > other.last_day()

    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        """A key that orders dates by their earliest, then latest, possible day."""
        return (self.first_day(), self.last_day())

    def isoformat(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the date is."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.isoformat()


_UK_DAY = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})")
"""A day written as UK users write it: ``31/03/2024`` (day first)."""

_DAY_FORMS = "a day as YYYY-MM-DD (2024-03-31) or DD/MM/YYYY (31/03/2024)"


def as_date(value: str | datetime.date | PartialDate) -> pendulum.Date:
    """A full day for an as-of question, as a pendulum date.

    Accepts ``"2019-06-01"`` or, as UK users write it, ``"01/06/2019"`` (day
    first), a :class:`datetime.date` (or pendulum date) or a day-precision
    :class:`PartialDate`. A vaguer date is refused with
    :class:`~childservices.InvalidDateError`: "in 2019" has no single answer.
    """
    return pendulum_date(as_day(value))


def as_day(value: str | datetime.date | PartialDate) -> datetime.date:
    """Like :func:`as_date`, but the day may be any :class:`datetime.date` (a pendulum one
    is returned as it is): what the library's own comparisons use, without importing pendulum.

    One rule for the latest (and earliest) day, whatever the form: a year
    from 1900 to 2200, so ``date.max`` is refused as ``"9999-12-31"`` is.
    """
    if type(value) is datetime.date:
        # the common case inside the library's own loops
        return value if _EARLIEST_YEAR <= value.year <= _LATEST_YEAR else _out_of_range(value)
    if isinstance(value, PartialDate):
        partial = value
    elif isinstance(value, datetime.datetime):
        raise InvalidDateError(f"expected a date, got a date and time {_shown(value)}")
    elif isinstance(value, datetime.date):
        return value if _EARLIEST_YEAR <= value.year <= _LATEST_YEAR else _out_of_range(value)
    elif isinstance(value, str):
        if _DAY.fullmatch(value):  # the common case: read at once, without a PartialDate
            year, month, day = int(value[:4]), int(value[5:7]), int(value[8:])
            if _EARLIEST_YEAR <= year <= _LATEST_YEAR and 1 <= month <= 12:
                try:
                    return datetime.date(year, month, day)
                except ValueError:
                    pass  # PartialDate.parse says what is wrong
        uk = _UK_DAY.fullmatch(value.strip()) if len(value) <= 64 else None
        if uk is not None:
            try:
                return PartialDate(int(uk["year"]), int(uk["month"]), int(uk["day"])).first_day()
            except InvalidDateError as exc:
                raise InvalidDateError(f"expected {_DAY_FORMS}: {_shown(value)}: {exc}") from None
        try:
            partial = PartialDate.parse(value)
        except InvalidDateError as exc:
            raise InvalidDateError(f"expected {_DAY_FORMS}: {exc}") from None
    else:
        raise InvalidDateError(f"expected {_DAY_FORMS}, got {_shown(value)}")
    if partial.precision is not Precision.DAY:
        what = "a year" if partial.precision is Precision.YEAR else "a month"
        example = partial.last_day()
        raise InvalidDateError(
            f"{partial} is {what}, not a single day: as-of questions need {_DAY_FORMS}, "
            f"for example {example.isoformat()} or {example:%d/%m/%Y} for its last day"
        )
    return partial.first_day()


def _out_of_range(day: datetime.date) -> datetime.date:
    """Refuse a day outside the years a date may have, as a string of it is refused."""
    raise InvalidDateError(
        f"{day.isoformat()}: year {day.year} is outside {_EARLIEST_YEAR}-{_LATEST_YEAR}"
    )


def pendulum_date(day: datetime.date) -> pendulum.Date:
    """``day`` as a :class:`pendulum.Date` (itself if it is one): the type the library hands out."""
    import pendulum

    if type(day) is pendulum.Date:
        return day
    return pendulum.Date(day.year, day.month, day.day)
