"""Dates in a report's text: the fieldwork dates after "Inspection dates:", and the publication date."""

from __future__ import annotations

import datetime
import re

from childservices.errors import ReportError
from childservices.reports.parse._scan import quote, skip_space

__all__ = ["DATES_MARKER", "inspection_dates", "publication_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMERIC = r"\d{1,2}/\d{1,2}/\d{4}"
_DATE = re.compile(
    rf"(?P<day>{_DAY}) (?P<month>{_MONTH}) (?P<year>\d{{4}})|(?P<numeric>{_NUMERIC})", re.I
)
DATES_MARKER = re.compile(r"Inspection dates?\s?:?", re.I)
_TO = r" ?(?:-|to|until) ?"
_DATES = re.compile(
    rf"(?P<d1>{_DAY})(?: (?P<m1>{_MONTH}))?(?: (?P<y1>\d{{4}}))?{_TO}"
    rf"(?P<d2>{_DAY}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}})"
    rf"|(?P<n1>{_NUMERIC}){_TO}(?P<n2>{_NUMERIC})"
    rf"|(?P<single>{_DAY} {_MONTH} \d{{4}}|{_NUMERIC})(?!{_TO}\d)",
    re.I,
)
_PUBLISHED = re.compile(
    rf"(?:Report published|Published)\s?:? (?P<date>{_DAY} {_MONTH} \d{{4}}|{_NUMERIC})", re.I
)


def _day(day: str, month: str, year: str, where: str) -> datetime.date:
    try:
        number = int(month) if month.isdigit() else _MONTHS[month.lower()[:3]]
        return datetime.date(int(year), number, int(re.sub(r"\D", "", day)))
    except ValueError as exc:
        raise ReportError(f"{where}: {day} {month} {year} is not a date: {exc}") from None


def _parse_date(text: str, where: str) -> datetime.date:
    """A date written ``3 June 2015`` or, in a few SIF reports, ``03/06/2015`` (day first)."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ReportError(f"{where}: expected a date like '3 June 2015', found {quote(text)}")
    if match["numeric"]:
        day, month, year = match["numeric"].split("/")
        return _day(day, month, year, where)
    return _day(match["day"], match["month"], match["year"], where)


def inspection_dates(
    head: str, where: str
) -> tuple[datetime.date | None, datetime.date | None, int]:
    """The fieldwork dates after "Inspection dates:", and where they end in the text.

    A start written without its month or year ("9 to 20 May 2022") takes them
    from the end date; a start month after the end month means the previous
    year. Fieldwork in two parts ("30 September to 11 October 2024 and 13 to
    16 January 2025", Devon 2025, an inspection paused and resumed) runs from
    the first part's start to the second part's end. A report that prints a
    single date (City of London, 2016) does not say whether it is the first
    day, the last or the only one: both dates are then ``None``.
    """
    marker = DATES_MARKER.search(head)
    if marker is None:
        raise ReportError(f"{where}: no 'Inspection dates:' line on the first page")
    match = _DATES.match(head, skip_space(head, marker.end()))
    if match is None:
        found = head[marker.end() : marker.end() + 50]
        raise ReportError(
            f"{where}: expected inspection dates like '9 to 20 May 2022' after "
            f"'Inspection dates:', found {quote(found)}"
        )
    if match["single"]:
        _parse_date(match["single"], where)  # checked, but it is not known which day it is
        return None, None, match.end()
    start, end = _date_range(match, where)
    second_part = _SECOND_PART.match(head, match.end())
    if second_part is not None:
        resumed = _DATES.match(head, second_part.end())
        if resumed is None or resumed["single"]:
            raise ReportError(
                f"{where}: expected a second range of inspection dates after "
                f"{match[0]!r} and, found {quote(head[second_part.end() : second_part.end() + 50])}"
            )
        resumed_start, end = _date_range(resumed, where)
        if resumed_start <= start:
            raise ReportError(f"{where}: the second part of the inspection starts before the first")
        match = resumed
    if start > end:
        raise ReportError(f"{where}: inspection dates run backwards: {match[0]!r}")
    return start, end, match.end()


_SECOND_PART = re.compile(r" and (?=\d)")


def _date_range(match: re.Match[str], where: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a range matched by ``_DATES``."""
    if match["n1"]:
        return _parse_date(match["n1"], where), _parse_date(match["n2"], where)
    end = _day(match["d2"], match["m2"], match["y2"], where)
    start_month = match["m1"] or match["m2"]
    start_year = match["y1"]
    if start_year is None:
        month_number = _MONTHS[start_month.lower()[:3]]
        start_year = str(end.year - 1 if month_number > end.month else end.year)
    start = _day(match["d1"], start_month, start_year, where)
    if start > end:
        raise ReportError(f"{where}: inspection dates run backwards: {match[0]!r}")
    return start, end


def publication_date(head: str, where: str) -> datetime.date | None:
    """The publication date the first page prints ("Report published: ..."), if any."""
    match = _PUBLISHED.search(head)
    return None if match is None else _parse_date(match["date"], where)
