"""rating_on agrees with a brute-force reading of the rule over generated histories."""

import datetime

import attrs
from hypothesis import given, strategies as st

from childservices import ALL_FRAMEWORKS, SIF_AND_LATER, Dataset, strategies as st_cs
from childservices.model import Authority, AuthorityKind, Citation, Inspection, RecordSet, Source

CITE = (Citation(source="test"),)


def _dataset(history: tuple[Inspection, ...]) -> Dataset:
    return Dataset.from_records(
        RecordSet(
            sources=(Source(id="test", title="made up for tests"),),
            authorities=(
                Authority(
                    id="testshire", name="Testshire", kind=AuthorityKind.COUNTY, citations=CITE
                ),
            ),
            inspections=tuple(attrs.evolve(i, citations=CITE) for i in history),
        )
    )


def _brute_force(
    history: tuple[Inspection, ...], day: datetime.date, frameworks: frozenset
) -> object:
    """The rule as written: the latest graded inspection published on or before the day."""
    eligible = [
        i
        for i in history
        if i.framework in frameworks
        and i.published.latest <= day
    ]
    if not eligible:
        return None
    latest_day = max(i.published.latest for i in eligible)
    # Several published the same day: the one with the greatest id (the index's tie-break).
    chosen = max((i for i in eligible if i.published.latest == latest_day), key=lambda i: i.id)
    return chosen.overall


@given(st_cs.inspection_histories(), st_cs.days(), st.sampled_from([SIF_AND_LATER, ALL_FRAMEWORKS]))
def test_rating_on_matches_brute_force(
    history: tuple[Inspection, ...], day: datetime.date, frameworks: frozenset
) -> None:
    authority = _dataset(history).authority("testshire")
    assert authority.rating_on(day, frameworks=frameworks) == _brute_force(history, day, frameworks)
