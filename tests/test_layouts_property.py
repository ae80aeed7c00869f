"""Drop-in tables on made-up datasets: councils merged, split and continued, any day."""

from __future__ import annotations

import datetime
import io

from hypothesis import given

import childservices as cs
from childservices import strategies as st_cs
from childservices.layouts import D2I_HISTORY, D2I_SUMMARY, OFSTED_AS_AT, Link, read_csv
from childservices.rules.asof import counts_for_rating

DAYS = st_cs.days(datetime.date(2013, 1, 1), datetime.date(2027, 6, 30))
PLACEHOLDERS = {"data_unreadable", "nan", "None", "Unknown"}


def _plain(rows: tuple[tuple[object, ...], ...]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(c.url if isinstance(c, Link) else c for c in row) for row in rows)


@given(st_cs.reorganised_datasets(), DAYS)
def test_summary_has_one_row_per_authority_and_nothing_later(
    ds: cs.Dataset, day: datetime.date
) -> None:
    table = ds.summary_table(on=day)
    existing = [a for a in ds if a.active_on(day) is True]
    assert len(table) == len(existing)
    for row in table.records():
        published = row["publication_date"]
        assert published is None or (isinstance(published, datetime.date) and published <= day)
        assert row["overall_effectiveness_grade"] not in PLACEHOLDERS
    assert read_csv(D2I_SUMMARY, io.StringIO(table.csv_text())).rows == _plain(table.rows)


@given(st_cs.reorganised_datasets())
def test_history_has_every_inspection_once(ds: cs.Dataset) -> None:
    table = ds.history_table()
    expected = [
        i
        for i in ds.records.inspections
        if counts_for_rating(i, frozenset(cs.Framework) - {cs.Framework.JAR})
    ]
    assert len(table) == len(expected)
    assert sorted(str(r["publication_date"]) for r in table.records()) == sorted(
        str(i.published.first_day()) for i in expected
    )
    assert read_csv(D2I_HISTORY, io.StringIO(table.csv_text())).rows == _plain(table.rows)


@given(st_cs.reorganised_datasets(), DAYS)
def test_as_at_rows_are_the_official_count(ds: cs.Dataset, day: datetime.date) -> None:
    rule = cs.CountingRule(inspected_by=day, published_by=day + datetime.timedelta(days=91))
    table = ds.as_at_table(rule)
    count = ds.official_count(rule)
    assert len(table) == len(count.judgements) + len(count.not_inspected)
    graded = sum(
        1
        for r in table.records()
        if r["Overall effectiveness"] not in (None, "No overall judgement under this framework")
    )
    assert graded == sum(count.by_grade.values())
    assert read_csv(OFSTED_AS_AT, io.StringIO(table.csv_text())).rows == _plain(table.rows)
