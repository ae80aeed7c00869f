"""Properties of a measure around a day and by grade, on generated figures: every offset from
-years to +years is shown, missing years are kept, and medians are over published values only."""

from __future__ import annotations

import datetime
import functools
import statistics

from hypothesis import given, settings, strategies as st

import childservices as cs
from childservices.model import (
    Citation,
    GeographicLevel,
    Grade,
    Measure,
    NoJudgement,
    NotPublished,
    Observation,
)
from childservices.rules.by_grade import measure_by_grade
from childservices.rules.context import measure_around, year_containing

PLACES = [f"place-{n}" for n in range(8)]
CELLS = st.one_of(
    st.none(),
    st.floats(min_value=0, max_value=1000, allow_nan=False).map(lambda v: round(v, 1)),
    st.sampled_from(list(NotPublished)),
)


@functools.cache
def _measure(measure_id: str) -> Measure:
    return cs.load().measure_definition(measure_id)


def _observation(
    measure: Measure, place: str, year: int, value: float | NotPublished
) -> Observation:
    return Observation(
        id=f"{measure.id}.{year}.{place}",
        measure=measure.id,
        year=year,
        level=GeographicLevel.LOCAL_AUTHORITY,
        authority=place,
        value=value,
        citations=(Citation(source="made-up"),),
    )


@st.composite
def _figures(draw: st.DrawFn, measure: Measure) -> dict[tuple[str, int], Observation]:
    found = {}
    for place in PLACES:
        for year in range(2008, 2032):
            cell = draw(CELLS)
            if cell is not None:
                found[(place, year)] = _observation(measure, place, year, cell)
    return found


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    measure_id=st.sampled_from(["referrals", "agency_rate_fte"]),
    day=st.dates(datetime.date(2012, 1, 1), datetime.date(2027, 12, 31)),
    years=st.integers(0, 4),
    neighbours=st.lists(st.sampled_from(PLACES[1:]), unique=True, max_size=7),
)
def test_around_shows_every_year_and_medians_published_values(
    data: st.DataObject, measure_id: str, day: datetime.date, years: int, neighbours: list[str]
) -> None:
    measure = _measure(measure_id)
    figures = data.draw(_figures(measure))
    around = measure_around(
        authority=PLACES[0],
        measure=measure,
        event=None,
        day=day,
        figures=figures,
        neighbours=neighbours,
        grouping=None,
        grouping_in_force=None,
        years=years,
    )
    zero = year_containing(day, measure.year_ends)
    assert measure.year_ends.day(zero - 1) < day <= measure.year_ends.day(zero)
    assert [r.offset for r in around.rows] == list(range(-years, years + 1))
    assert [r.year for r in around.rows] == list(range(zero - years, zero + years + 1))
    for row in around.rows:
        own = figures.get((PLACES[0], row.year))
        assert row.value == (None if own is None else own.value)
        published = [
            o.value
            for n in neighbours
            if (o := figures.get((n, row.year))) is not None and isinstance(o.value, float)
        ]
        assert row.neighbours_with_value == len(published)
        assert row.neighbours_listed == len(neighbours)
        assert row.neighbour_median == (statistics.median(published) if published else None)


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    ratings=st.dictionaries(
        st.sampled_from(PLACES),
        st.sampled_from([*list(Grade), NoJudgement.NOT_GIVEN, None]),
    ),
)
def test_by_grade_puts_every_authority_in_one_group(
    data: st.DataObject, ratings: dict[str, Grade | NoJudgement | None]
) -> None:
    measure = _measure("referrals")
    figures = {
        place: o for (place, year), o in data.draw(_figures(measure)).items() if year == 2020
    }
    spread = measure_by_grade(
        measure=measure,
        day=datetime.date(2020, 6, 1),
        year=2020,
        year_rule="asked",
        ratings=ratings,
        figures=figures,
    )
    members = [a for g in spread.groups for a in g.authorities]
    assert sorted(members) == sorted(ratings)
    for group in spread.groups:
        assert group.authorities and all(ratings[a] is group.rating for a in group.authorities)
        numbers = [
            o.value
            for a in group.authorities
            if (o := figures.get(a)) is not None and isinstance(o.value, float)
        ]
        assert group.count == len(numbers)
        assert group.count + group.not_published + group.no_figure == len(group.authorities)
        assert group.median == (statistics.median(numbers) if numbers else None)
        if numbers:
            assert group.minimum is not None and group.maximum is not None
            assert group.lower_quartile is not None and group.upper_quartile is not None
            assert group.minimum <= group.lower_quartile <= group.median <= group.upper_quartile
            assert group.upper_quartile <= group.maximum
