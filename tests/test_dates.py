"""Partial dates: precision is kept, never invented."""

import datetime

import pendulum
import pytest
from hypothesis import given

from childservices import InvalidDateError, PartialDate, Precision, strategies as st_cs
from childservices.model import as_date, as_day


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


@given(st_cs.partial_dates())
def test_plain_days_are_the_pendulum_bounds(date: PartialDate) -> None:
    # first_day/last_day serve comparisons without pendulum; pendulum's own month end checks them.
    start = pendulum.Date(date.year, date.month or 1, date.day or 1)
    if date.day is not None:
        end = start
    elif date.month is not None:
        end = start.end_of("month")
    else:
        end = pendulum.Date(date.year, 12, 31)
    assert (date.first_day(), date.last_day()) == (start, end)
    assert type(date.first_day()) is datetime.date
    assert type(date.earliest) is pendulum.Date and type(date.latest) is pendulum.Date
    assert (date.earliest, date.latest) == (start, end)


def test_days_handed_out_are_pendulum_dates() -> None:
    assert type(as_date("2019-06-01")) is pendulum.Date
    assert type(as_date(datetime.date(2019, 6, 1))) is pendulum.Date
    assert as_day("2019-06-01") == datetime.date(2019, 6, 1)
    day = pendulum.Date(2019, 6, 1)
    assert as_date(day) is day and as_day(day) is day
    with pytest.raises(InvalidDateError, match="not a single day"):
        as_day("2019-06")


@given(st_cs.partial_dates())
def test_as_day_reads_text_as_partial_dates_do(date: PartialDate) -> None:
    # as_day reads "YYYY-MM-DD" without making a PartialDate; the answers must not differ.
    if date.precision is Precision.DAY:
        assert as_day(date.isoformat()) == date.first_day()
    else:
        with pytest.raises(InvalidDateError, match="not a single day"):
            as_day(date.isoformat())


@pytest.mark.parametrize(
    "text", ["2019-02-30", "2019-13-01", "1899-12-31", "2201-01-01", "2019-00-10"]
)
def test_as_day_refuses_what_partial_dates_refuse(text: str) -> None:
    with pytest.raises(InvalidDateError) as from_day:
        as_day(text)
    with pytest.raises(InvalidDateError) as from_parse:
        PartialDate.parse(text)
    # The day's message says what the date's says, after the forms a day may take.
    assert str(from_day.value).endswith(str(from_parse.value))
    assert "DD/MM/YYYY" in str(from_day.value)


def test_days_as_uk_users_write_them() -> None:
    assert as_day("31/03/2024") == datetime.date(2024, 3, 31)
    assert as_day("1/6/2019") == datetime.date(2019, 6, 1)
    with pytest.raises(InvalidDateError, match="DD/MM/YYYY") as caught:
        as_day("31/02/2024")
    assert "'31/02/2024'" in str(caught.value)
    # A year or month alone is not a day: the message says how to write one.
    with pytest.raises(InvalidDateError, match="for example 2019-12-31 or 31/12/2019"):
        as_day("2019")
