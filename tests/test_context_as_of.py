"""Measures in context as of a day: only figures published by then count.

The publication dates are read from ``seeds/publications/dfe.csv`` and the figures from
``seeds/observations/*.csv`` with the ``csv`` module; only the answers come from the
library.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

import childservices as cs
from childservices.errors import InvalidDateError
from childservices.export.context_frames import (
    AROUND_AS_OF_COLUMNS,
    AROUND_COLUMNS,
    BY_GRADE_AS_OF_COLUMNS,
    BY_GRADE_COLUMNS,
    around_frame,
    by_grade_frame,
)
from childservices.rules.publication import PublicationStatus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CLA = "cla_rate_per_10000"
CLA_RELEASE = "dfe-children-looked-after"
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


def _publication(release: str, year: int) -> tuple[str, str]:
    """(published, no_later_than) of an edition, as the seed row has them."""
    with (SEEDS / "publications" / "dfe.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["release"] == release and int(row["year"]) == year:
                return row["published"], row["no_later_than"]
    raise AssertionError(f"no publication row for {release} {year}")


def _figures(file: str, measure: str, year: int) -> dict[str, str]:
    """Each local authority's value of ``measure`` for ``year`` in a seed file."""
    with (SEEDS / "observations" / file).open(newline="", encoding="utf-8") as f:
        return {
            row["authority"]: row["value"]
            for row in csv.DictReader(f)
            if row["measure"] == measure
            and int(row["year"]) == year
            and row["level"] == "local_authority"
        }


def _cla(year: int) -> dict[str, str]:
    return _figures("cla_number_and_rate_per_10k_children.csv", CLA, year)


def test_a_year_not_yet_published_has_no_value_and_says_so(ds: cs.Dataset) -> None:
    published, _ = _publication(CLA_RELEASE, 2024)
    day = datetime.date.fromisoformat(published)  # 14 November 2024 in the seed row
    before = ds.measure_around("Sandwell", CLA, day, as_of=day - ONE_DAY)
    row = next(r for r in before.rows if r.year == 2024)
    assert row.publication is PublicationStatus.NOT_YET_PUBLISHED
    assert row.value is None and row.observation is None
    assert row.text(before.as_of) == f"not yet published on {day - ONE_DAY}"
    assert f"2024: not yet published on {day - ONE_DAY}" in str(before)
    assert f"as of {day - ONE_DAY}" in repr(before)
    assert row.neighbours_with_value == 0  # no neighbour's 2024 figure was out either

    expected = float(_cla(2024)["sandwell"])
    plain = ds.measure_around("Sandwell", CLA, day)
    assert next(r for r in plain.rows if r.year == 2024).value == expected
    on_the_day = ds.measure_around("Sandwell", CLA, day, as_of=day)
    known = next(r for r in on_the_day.rows if r.year == 2024)
    assert known.publication is PublicationStatus.PUBLISHED
    assert known.value == expected


def test_a_year_whose_publication_date_is_not_known_says_so(ds: cs.Dataset) -> None:
    published, bound = _publication(CLA_RELEASE, 2021)
    assert published == "" and bound  # the 2021 edition: only "no later than" a day
    day = datetime.date.fromisoformat(bound) - ONE_DAY
    around = ds.measure_around("Sandwell", CLA, day, as_of=day)
    row = next(r for r in around.rows if r.year == 2021)
    assert row.publication is PublicationStatus.NOT_KNOWN
    assert row.value is None
    assert row.text(around.as_of) == f"publication date not known on {day}"
    figures = _cla(2021)
    assert around.neighbours, "Sandwell has neighbours in force in 2021"
    assert row.neighbours_not_known == sum(1 for n in around.neighbours if n in figures)
    assert row.neighbours_not_known > 0 and row.neighbour_median is None
    assert "of unknown publication" in str(around)


def test_once_every_year_is_out_the_answer_is_the_plain_one(ds: cs.Dataset) -> None:
    plain = ds.measure_around("Sandwell", CLA, "2022-07-05")
    late = ds.measure_around("Sandwell", CLA, "2022-07-05", as_of="2026-06-01")
    assert late.as_of == datetime.date(2026, 6, 1)
    for a, b in zip(plain.rows, late.rows, strict=True):
        assert (a.year, a.value, a.neighbour_median, a.neighbours_with_value) == (
            b.year,
            b.value,
            b.neighbour_median,
            b.neighbours_with_value,
        )
        assert b.neighbours_not_known == 0
        held = "sandwell" in _cla(b.year)
        assert b.publication is (PublicationStatus.PUBLISHED if held else None)


def test_without_as_of_nothing_changes(ds: cs.Dataset) -> None:
    around = ds.measure_around("Sandwell", CLA, "2022-07-05")
    assert around.as_of is None
    assert all(r.publication is None and r.neighbours_not_known == 0 for r in around.rows)
    assert "as of" not in repr(around) and "published by" not in str(around)
    assert list(around_frame(around).columns) == list(AROUND_COLUMNS)
    spread = ds.measure_by_grade(CLA, "2024-12-01")
    assert spread.as_of is None and spread.not_yet_published == spread.not_known == ()
    assert "as of" not in repr(spread) and "as of" not in str(spread)
    assert list(by_grade_frame(spread).columns) == list(BY_GRADE_COLUMNS)


def test_by_grade_before_publication_puts_every_figure_apart(ds: cs.Dataset) -> None:
    published, _ = _publication(CLA_RELEASE, 2024)
    day = datetime.date.fromisoformat(published) - ONE_DAY
    spread = ds.measure_by_grade(CLA, day, year=2024, as_of=day)
    active = {a.id for a in ds.authorities(active_on=day)}
    assert spread.as_of == day
    assert spread.groups == ()
    assert set(spread.not_yet_published) == set(_cla(2024)) & active
    assert spread.not_known == ()
    assert f"{len(spread.not_yet_published)} not yet published" in repr(spread)
    frame = by_grade_frame(spread)
    assert list(frame.columns) == list(BY_GRADE_COLUMNS + BY_GRADE_AS_OF_COLUMNS)
    assert set(frame["publication"]) == {"not_yet_published"}
    assert len(frame) == len(spread.not_yet_published)


def test_by_grade_on_the_publication_day_counts_every_figure(ds: cs.Dataset) -> None:
    published, _ = _publication(CLA_RELEASE, 2024)
    day = datetime.date.fromisoformat(published)
    known = ds.measure_by_grade(CLA, day, year=2024, as_of=day)
    plain = ds.measure_by_grade(CLA, day, year=2024)
    assert known.not_yet_published == known.not_known == ()
    assert [(g.label, g.values, g.median) for g in known.groups] == [
        (g.label, g.values, g.median) for g in plain.groups
    ]
    values = _cla(2024)
    for group in known.groups:
        for authority, value in group.values:
            assert value == float(values[authority])


def test_by_grade_lists_figures_of_unknown_publication_apart(ds: cs.Dataset) -> None:
    published, bound = _publication("dfe-social-work-workforce", 2025)
    assert published == bound == ""  # the 2025 workforce edition is not dated in the record
    day = datetime.date(2025, 10, 1)
    spread = ds.measure_by_grade("agency_rate_fte", day, year=2025, as_of=day)
    figures = _figures("csww_indicators_2017_to_2025.csv", "agency_rate_fte", 2025)
    active = {a.id for a in ds.authorities(active_on=day)}
    assert set(spread.not_known) == set(figures) & active
    assert spread.not_yet_published == ()
    # those left in the groups have no figure in the files at all
    for group in spread.groups:
        assert group.values == ()
        assert all(why is None for _, why in group.missing)
    assert "whose publication date is not known" in str(spread)


def test_around_frame_carries_the_publication(ds: cs.Dataset) -> None:
    _, bound = _publication(CLA_RELEASE, 2021)
    day = datetime.date.fromisoformat(bound) - ONE_DAY
    frame = around_frame(ds.measure_around("Sandwell", CLA, day, as_of=day))
    assert list(frame.columns) == list(AROUND_COLUMNS + AROUND_AS_OF_COLUMNS)
    by_year = frame.set_index("year")
    assert by_year.loc[2021, "publication"] == "not_known"
    assert not by_year.loc[2021, "no_figure"]
    assert by_year.loc[2021, "as_of"] == day.isoformat()


def test_a_bad_as_of_is_refused(ds: cs.Dataset) -> None:
    with pytest.raises(InvalidDateError):
        ds.measure_around("Sandwell", CLA, "2022-07-05", as_of="July")
    with pytest.raises(InvalidDateError):
        ds.measure_by_grade(CLA, "2024-12-01", as_of="July")
