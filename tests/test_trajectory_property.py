"""Trajectories, panels and shares agree with rating_on over generated histories."""

import datetime
import itertools

import attrs
import pendulum
from hypothesis import given, strategies as st

from childservices import Dataset, Grade, strategies as st_cs
from childservices.model import Authority, AuthorityKind, Citation, Inspection, RecordSet, Source
from childservices.rules.aggregate import shares

CITE = (Citation(source="test"),)
UNTIL = pendulum.Date(2028, 1, 1)


def _dataset(*histories: tuple[Inspection, ...]) -> Dataset:
    authorities = {i.authority for history in histories for i in history} | {"testshire"}
    return Dataset.from_records(
        RecordSet(
            sources=(Source(id="test", title="made up for tests"),),
            authorities=tuple(
                Authority(id=a, name=a.title(), kind=AuthorityKind.COUNTY, citations=CITE)
                for a in sorted(authorities)
            ),
            inspections=tuple(
                attrs.evolve(i, citations=CITE) for history in histories for i in history
            ),
        )
    )


@given(st_cs.inspection_histories(), st.lists(st_cs.days(), min_size=1, max_size=10))
def test_spells_tile_the_timeline_and_match_rating_on(
    history: tuple[Inspection, ...], days: list[datetime.date]
) -> None:
    authority = _dataset(history).authority("testshire")
    trajectory = authority.trajectory(until=UNTIL)
    spells = trajectory.spells
    for first, second in itertools.pairwise(spells):
        assert first.end == second.start  # no gap, no overlap
    if spells:
        assert spells[-1].end is None
    for day in days:
        spell = trajectory.spell_on(pendulum.Date(day.year, day.month, day.day))
        expected = authority.rating_on(day)
        if spell is None:
            assert expected is None
            assert not spells or day < spells[0].start
        else:
            assert spell.grade == expected


def _brute_time_to_good(history: tuple[Inspection, ...]) -> int | None:
    """Days from the first inadequate rating to the next good or better, by walking every day."""
    ds = _dataset(history)
    authority = ds.authority("testshire")
    keys = sorted({i.published.latest for i in history})
    first_bad = None
    for day in keys:
        rating = authority.rating_on(day)
        if first_bad is None and rating is Grade.INADEQUATE:
            first_bad = day
        elif first_bad is not None and rating in (Grade.GOOD, Grade.OUTSTANDING):
            return (day - first_bad).days
    return None


@given(st_cs.inspection_histories())
def test_time_to_good_matches_brute_force(history: tuple[Inspection, ...]) -> None:
    measured = _dataset(history).authority("testshire").trajectory(until=UNTIL).time_to_good()
    assert measured is None or measured >= 0
    assert measured == _brute_time_to_good(history)


@given(
    st_cs.inspection_histories(authority="testshire", max_size=4),
    st_cs.inspection_histories(authority="otherton", max_size=4),
    st.lists(st_cs.days(), min_size=1, max_size=4),
)
def test_panel_cells_equal_rating_on_and_shares_sum_to_one(
    first: tuple[Inspection, ...], second: tuple[Inspection, ...], days: list[datetime.date]
) -> None:
    ds = _dataset(first, second)
    for row in ds.panel(days):
        assert row.rating == ds.authority(row.authority).rating_on(row.day)
    for day in days:
        for group in shares(ds.ratings_on(day)).values():
            assert abs(sum(group.values()) - 1) < 1e-9


@given(st_cs.datasets(), st.lists(st_cs.days(), min_size=1, max_size=6))
def test_panel_matches_day_by_day_answers_on_whole_datasets(
    ds: Dataset, days: list[datetime.date]
) -> None:
    rows = ds.panel(days)
    expected = []
    for raw in days:
        day = pendulum.Date(raw.year, raw.month, raw.day)
        for authority in sorted(ds.authorities(), key=lambda a: a.id):
            if authority.active_on(day) is not True:
                continue
            delivery = authority.delivery_on(day)
            expected.append(
                (
                    authority.id,
                    day,
                    authority.rating_on(day),
                    None if delivery is None else delivery.model,
                    authority.intervention_status_on(day),
                )
            )
    got = [(r.authority, r.day, r.rating, r.delivery_model, r.intervention) for r in rows]
    assert got == expected
