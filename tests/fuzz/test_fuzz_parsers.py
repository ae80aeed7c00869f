"""Fuzz the date and identifier parsers: PartialDate.parse, as_date, Dataset.authority."""

from __future__ import annotations

import datetime

import pytest
from fuzzing import budget, documented, fast
from hypothesis import example, given, strategies as st

import childservices as cs
from childservices import InvalidDateError, PartialDate, UnknownAuthorityError
from childservices.model import as_date

iso_like = st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,3}(-[0-9]{1,3})?)?\Z")
dates_text = st.one_of(
    iso_like, st.text(max_size=30), st.text(alphabet="0123456789- \n", max_size=14)
)


@budget(1000)
@given(dates_text)
@example("9999-12-31")
@example("0000")
@example("2019-02-29")
@example("\u0662\u0660\u0661\u0669-\u0660\u0666-\u0660\u0661")  # Arabic-Indic digits
@example("2019-06-01\x00")
def test_partial_date_parse(text: str) -> None:
    try:
        date = PartialDate.parse(text)
    except Exception as exc:
        documented(exc, repr(text)[:40])
        return
    assert date.isoformat() == text.strip()
    assert PartialDate.parse(date.isoformat()) == date
    assert date.earliest <= date.latest


@budget(100)
@given(st.one_of(st.integers(), st.floats(), st.binary(), st.none(), st.lists(st.integers())))
def test_partial_date_parse_refuses_other_types(value: object) -> None:
    with pytest.raises(InvalidDateError, match="expected an ISO date string"):
        PartialDate.parse(value)  # type: ignore[arg-type]


@budget(300)
@given(
    st.one_of(
        dates_text,
        st.dates(),
        st.datetimes(),
        st.integers(),
        st.none(),
        st.builds(PartialDate, st.integers(1900, 2200), st.none() | st.integers(1, 12)),
    )
)
def test_as_date(value: object) -> None:
    try:
        day = as_date(value)  # type: ignore[arg-type]
    except Exception as exc:
        documented(exc)
        assert repr(value)[:20] in str(exc) or str(value)[:10] in str(exc)
        return
    assert isinstance(day, datetime.date)


def test_huge_date_text_fails_fast() -> None:
    with fast(1.0), pytest.raises(InvalidDateError) as raised:
        PartialDate.parse("2019-" * 2_000_000)
    assert len(str(raised.value)) < 300


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


names = st.sampled_from(
    ["Sandwell", "sandwell", "333", "E08000028", "Hull", "BCP", "St Helens", "Bristol"]
)


@budget(300)
@given(
    st.one_of(
        st.text(max_size=40),
        names.map(lambda n: f"  {n.upper()}  "),
        names.flatmap(lambda n: st.integers(0, len(n)).map(lambda i: n[:i] + "#" + n[i:])),
    )
)
def test_authority_lookup(ds: cs.Dataset, query: str) -> None:
    try:
        view = ds.authority(query)
    except Exception as exc:
        documented(exc)
        assert isinstance(exc, UnknownAuthorityError) and isinstance(exc, LookupError)
        assert exc.query in (query.strip(), query)
        return
    assert ds.authority(view.id).id == view.id


@pytest.mark.parametrize(
    "query", ["x" * 1_000_000, "Sandwell " * 100_000, "\x00" * 10_000, "é" * 300_000]
)
def test_huge_authority_query_fails_fast(ds: cs.Dataset, query: str) -> None:
    with fast(5.0), pytest.raises(UnknownAuthorityError):
        ds.authority(query)


@pytest.mark.parametrize("query", [None, 333, b"Sandwell", ["Sandwell"]])
def test_authority_query_of_another_type(ds: cs.Dataset, query: object) -> None:
    with pytest.raises(UnknownAuthorityError):
        ds.authority(query)  # type: ignore[arg-type]
