"""Strategies for the building blocks every record shares: ids, days, dates, grades, citations
and sources (re-exported from :mod:`childservices.strategies`)."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from childservices.model import Citation, Grade, PartialDate, Source

__all__ = ["citations", "days", "grades", "ids", "partial_dates", "sources"]

_FIRST = datetime.date(2009, 1, 1)
"""The first day a generated date may fall on."""
_LAST = datetime.date(2027, 12, 31)
"""The last day a generated date may fall on."""


def ids() -> st.SearchStrategy[str]:
    """Record ids: lower-case slugs."""
    return st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)


def _text() -> st.SearchStrategy[str]:
    """Short free text (names, locators, purposes): no surrogates, controls or spaces."""
    return st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
        min_size=1,
        max_size=20,
    )


def days(
    first: datetime.date = _FIRST, last: datetime.date = _LAST
) -> st.SearchStrategy[datetime.date]:
    """Calendar days within the dataset's span."""
    return st.dates(min_value=first, max_value=last)


def partial_dates(
    first: datetime.date = _FIRST, last: datetime.date = _LAST
) -> st.SearchStrategy[PartialDate]:
    """Dates to the day, month or year."""
    return st.builds(
        lambda day, precision: PartialDate(
            day.year,
            day.month if precision > 0 else None,
            day.day if precision > 1 else None,
        ),
        days(first, last),
        st.integers(0, 2),
    )


def _ordered_pair(
    first: datetime.date = _FIRST,
) -> st.SearchStrategy[tuple[PartialDate, PartialDate | None]]:
    """A start and an optional end that is not certainly before it."""
    return st.tuples(partial_dates(first), st.none() | partial_dates(first)).filter(
        lambda pair: pair[1] is None or not pair[1].certainly_before(pair[0])
    )


def _pool_citations(draw: st.DrawFn, pool: list[str]) -> tuple[Citation, ...]:
    """One or two distinct citations of sources in the pool."""
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    return tuple(Citation(source=s, locator=draw(st.none() | _text())) for s in chosen)


def grades() -> st.SearchStrategy[Grade]:
    """Any grade, including 'adequate'."""
    return st.sampled_from(Grade)


def citations() -> st.SearchStrategy[tuple[Citation, ...]]:
    """One to three distinct citations."""
    return st.lists(
        st.builds(Citation, source=ids(), locator=st.none() | _text()),
        min_size=1,
        max_size=3,
        unique=True,
    ).map(tuple)


def sources() -> st.SearchStrategy[Source]:
    """Sources with well-formed addresses or none."""
    return st.builds(
        Source,
        id=ids(),
        title=_text(),
        publisher=st.none() | _text(),
        published=st.none() | partial_dates(),
        url=st.none() | ids().map(lambda s: f"https://example.org/{s}"),
    )
