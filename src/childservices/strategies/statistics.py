"""Strategies for the official statistics: measures of the vocabulary and their figures."""

from __future__ import annotations

from hypothesis import strategies as st

from childservices.model import (
    GeographicLevel,
    Measure,
    MeasureUnit,
    NotPublished,
    Observation,
    StatisticalRegion,
    YearEnd,
)
from childservices.model.measure import observation_id, place_key
from childservices.strategies.basics import _text, citations, ids

__all__ = ["measures", "observations"]

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
