"""``CoverageWarning`` once per place in the caller's code, not once per day asked (issue 27,
item 9: it flooded a user's property tests)."""

from __future__ import annotations

import datetime
import warnings

import pytest

import childservices as cs


def _ask_many_days(ds: cs.Dataset, action: str) -> list[warnings.WarningMessage]:
    start = ds.covered_until
    assert start is not None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter(action)
        for n in range(1, 41):  # forty later days, asked from one line of code
            ds.ratings_on(start + datetime.timedelta(days=n))
    return [w for w in caught if issubclass(w.category, cs.CoverageWarning)]


def test_many_later_days_asked_from_one_place_warn_once() -> None:
    # Failed before: forty warnings, one per day (the message named the day asked).
    ds = cs.load()
    found = _ask_many_days(ds, "default")
    assert len(found) == 1
    assert f"reports published up to {ds.covered_until}" in str(found[0].message)
    assert found[0].filename == __file__


def test_every_warning_is_still_there_for_those_who_ask() -> None:
    assert len(_ask_many_days(cs.load(), "always")) == 40


def test_pytest_warns_still_sees_it_after_it_was_shown() -> None:
    ds = cs.load()
    _ask_many_days(ds, "default")
    day = ds.covered_until
    assert day is not None
    with pytest.warns(cs.CoverageWarning, match="answers for later days may miss"):
        ds.ratings_on(day + datetime.timedelta(days=1))
