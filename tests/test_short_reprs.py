"""A result prints a short summary, as a data frame does, with the detail an attribute away
(issue 27, item 8)."""

from __future__ import annotations

import childservices as cs


def test_an_official_count_prints_a_short_summary() -> None:
    count = cs.load().official_count(
        cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
    )
    text = repr(count)
    assert len(text) < 400 and "\n" not in text
    assert text.startswith("<OfficialCount inspected by 2025-03-31, published by 2025-06-30")
    for grade, n in count.by_grade.items():
        assert f"{grade.value} {n}" in text
    assert f"({len(count.judgements)} authorities)" in text
    assert str(count) == text


def test_a_time_to_good_result_prints_a_short_summary() -> None:
    result = cs.load().time_to_good(data_until="2026-08-20")[0]
    text = repr(result)
    median, lower, upper = result.median_years()
    assert len(text) < 400 and "\n" not in text
    assert f"{len(result.follow_ups)} units, {result.reached} reached good" in text
    assert f"median {median:.2f} years (95% CI {lower:.2f} to {upper:.2f})" in text
    assert ".follow_ups" in text and ".estimate.steps" in text
