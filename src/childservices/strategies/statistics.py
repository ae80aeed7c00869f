"""Strategies for the official statistics: measures of the vocabulary, their figures, and
the releases' publications."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from childservices.model import (
    GeographicLevel,
    Measure,
    MeasureUnit,
    NotPublished,
    Observation,
    Publication,
    StatisticalRegion,
    YearEnd,
)
from childservices.model.measure import observation_id, place_key
from childservices.model.publication import publication_id
from childservices.strategies.basics import _text, citations, ids, partial_dates

__all__ = ["measures", "observations", "publications"]

_SLUG = r"[a-z][a-z0-9_]{0,15}"


def measures() -> st.SearchStrategy[Measure]:
    """Measures of the vocabulary, with made-up names, files and columns."""
    return st.builds(
        Measure,
        id=st.from_regex(_SLUG, fullmatch=True),
        name=_text(),
        definition=_text(),
        unit=st.sampled_from(MeasureUnit),
        year_ends=st.sampled_from(YearEnd),
        release=ids(),
        file=_text(),
        column=_text(),
        breakdown=st.none() | _text(),
        derived=st.none() | _text(),
        citations=citations(),
    )


def _numbers() -> st.SearchStrategy[float]:
    return st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def observations(draw: st.DrawFn, measure: str | None = None) -> Observation:
    """Figures of any place and year: a number or a reason for none, with or without a
    numerator and denominator (of ``measure`` if given)."""
    level = draw(st.sampled_from(GeographicLevel))
    authority = draw(ids()) if level is GeographicLevel.LOCAL_AUTHORITY else None
    region = draw(st.sampled_from(StatisticalRegion)) if level is GeographicLevel.REGIONAL else None
    measure_id = measure if measure is not None else draw(st.from_regex(_SLUG, fullmatch=True))
    year = draw(st.integers(min_value=2000, max_value=2100))
    return Observation(
        id=observation_id(measure_id, year, place_key(level, authority, region)),
        measure=measure_id,
        year=year,
        level=level,
        authority=authority,
        region=region,
        value=draw(_numbers() | st.sampled_from(NotPublished)),
        numerator=draw(st.none() | _numbers()),
        denominator=draw(st.none() | _numbers()),
        citations=draw(citations()),
    )


@st.composite
def publications(
    draw: st.DrawFn, release: str | None = None, year: int | None = None
) -> Publication:
    """Publications of a release's year (of ``release`` and ``year`` if given): a date to
    the day, month or year in the year or the two after it, or else a bound, or
    neither."""
    release_id = release if release is not None else draw(ids())
    year_ = year if year is not None else draw(st.integers(min_value=2000, max_value=2098))
    date = partial_dates(datetime.date(year_, 1, 1), datetime.date(year_ + 2, 12, 31))
    published = draw(st.none() | date)
    bound = draw(st.none() | date) if published is None else None
    return Publication(
        id=publication_id(release_id, year_),
        release=release_id,
        year=year_,
        published=published,
        no_later_than=bound,
        citations=draw(citations()),
    )
