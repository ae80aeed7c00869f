"""Partial dates: precision is kept, never invented."""

import datetime

import pendulum
import pytest
from hypothesis import given

from childservices import InvalidDateError, PartialDate, Precision
from childservices import strategies as st_cs
from childservices.model import as_date


def test_month_precision_spans_the_month() -> None:
    october = PartialDate.parse("2014-10")
    assert october.precision is Precision.MONTH
    assert october.earliest == pendulum.Date(2014, 10, 1)
    assert october.latest == pendulum.Date(2014, 10, 31)
    assert str(october) == "2014-10"


def test_year_precision_spans_the_year() -> None:
    year = PartialDate.parse("2017")
    assert (year.earliest, year.latest) == (pendulum.Date(2017, 1, 1), pendulum.Date(2017, 12, 31))


def test_february_in_a_leap_year() -> None:
    assert PartialDate(2016, 2).latest == pendulum.Date(2016, 2, 29)


def test_a_month_is_not_its_first_day() -> None:
    assert PartialDate(2014, 10) != PartialDate(2014, 10, 1)


def test_certainly_by_is_conservative() -> None:
    october = PartialDate(2014, 10)
    assert not october.certainly_by(datetime.date(2014, 10, 15))
    assert october.possibly_by(datetime.date(2014, 10, 15))
    assert october.certainly_by(datetime.date(2014, 10, 31))


@pytest.mark.parametrize("text", ["2014-13", "2014-02-30", "14-10-01", "2014/10/01", "", "9999"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidDateError):
        PartialDate.parse(text)


def test_as_of_questions_need_a_day() -> None:
    assert as_date("2019-06-01") == pendulum.Date(2019, 6, 1)
    with pytest.raises(InvalidDateError, match="not a single day"):
        as_date("2019-06")
    with pytest.raises(InvalidDateError):
        as_date(datetime.datetime(2019, 6, 1, 12, 0))


@given(st_cs.partial_dates())
def test_iso_text_round_trips(date: PartialDate) -> None:
    assert PartialDate.parse(date.isoformat()) == date
    assert date.earliest <= date.latest
