"""Measures in context: a measure around the record's events, and by grade on a day.

Expected values are read straight from the DfE's files in ``../shared`` (and the
record's seed rows) with the ``csv`` module; only the record's answers come from
the library.
"""

from __future__ import annotations

import csv
import datetime
import statistics
from pathlib import Path

import pytest

import childservices as cs
from childservices.errors import ArgumentValueError, UnknownRecordError
from childservices.model import IdentifierScheme, NeighbourGrouping, NotPublished, YearEnd
from childservices.rules.context import year_containing, year_ended_by
from childservices.rules.events import EventKind

ROOT = Path(__file__).resolve().parent.parent
STABILITY = (
    "la_cla_placement_stability.csv",
    "children_percent",
    {
        "cla_group": "CLA on 31 March",
        "placement_stability": "With 3 or more placements during the year",
    },
)
AGENCY = ("csww_indicators_2017_to_2025.csv", "agency_rate_fte", {})


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


def _by_code(shared: Path, spec: tuple[str, str, dict[str, str]]) -> dict[tuple[str, int], str]:
    """(DfE number, year) -> the cell, for the local authority rows of a DfE file."""
    file, column, where = spec
    path = shared / "sources" / "dfe-statistics" / file
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            (row["old_la_code"], int(row["time_period"])): row[column]
            for row in csv.DictReader(handle)
            if row["geographic_level"] == "Local authority"
            and all(row[k] == v for k, v in where.items())
        }


def _neighbour_codes(shared: Path, code: str) -> list[str]:
    """The ten DfE numbers of an authority's 2021 statistical neighbours, as the file lists them."""
    path = (
        shared / "sources" / "dfe-statistics" / "New_Statistical_Neighbour_Groupings_April_2021.csv"
    )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            if row and row[0].strip() == code:
                return [row[5 + 2 * i].strip() for i in range(10)]
    raise AssertionError(f"no row for {code}")


def _number(cell: str | None) -> float | None:
    try:
        return None if cell is None else float(cell)
    except ValueError:
        return None


def _trust_day() -> datetime.date:
    """Sandwell Children's Trust's first day, from the record's delivery seed rows."""
    with (ROOT / "seeds" / "delivery" / "adm.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["id"] == "sandwell-sct" and r["start"]]
    return datetime.date.fromisoformat(row["start"])


def test_year_rules_at_their_edges() -> None:
    march, september = YearEnd.MARCH_31, YearEnd.SEPTEMBER_30
    assert year_containing(datetime.date(2018, 3, 31), march) == 2018
    assert year_containing(datetime.date(2018, 4, 1), march) == 2019
    assert year_containing(datetime.date(2018, 9, 30), september) == 2018
    assert year_containing(datetime.date(2018, 10, 1), september) == 2019
    assert year_ended_by(datetime.date(2018, 3, 31), march) == 2018
    assert year_ended_by(datetime.date(2018, 3, 30), march) == 2017
    assert year_ended_by(datetime.date(2018, 12, 31), september) == 2018


def test_sandwell_trust_is_an_event_on_its_first_day(ds: cs.Dataset) -> None:
    (event,) = ds.authority("Sandwell").events(kinds={EventKind.TRUST_GOES_LIVE})
    assert event.day == _trust_day()
    assert event.record == "sandwell-sct"
    assert event.citations  # the delivery episode's own sources


@pytest.mark.shared
def test_placement_stability_around_sandwells_trust(ds: cs.Dataset, shared_dir: Path) -> None:
    cells = _by_code(shared_dir, STABILITY)
    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    around = ds.measure_around(event, "placements_three_or_more_percent")
    # 1 April 2018 is after 31 March 2018: year 0 is the year ending 31 March 2019.
    day = _trust_day()
    zero = day.year + 1 if (day.month, day.day) > (3, 31) else day.year
    assert around.year_zero == zero
    assert [r.offset for r in around.rows] == [-3, -2, -1, 0, 1, 2, 3]
    for row in around.rows:
        cell = cells.get(("333", zero + row.offset))
        if cell is None:
            assert row.value is None and row.observation is None  # shown, not dropped
        else:
            assert row.value == _number(cell)
    assert sum(r.value is None for r in around.rows) >= 1  # the files start in 2021
    # No grouping was in force in April 2018 (the 2021 groupings start April 2021).
    assert around.grouping is None and around.grouping_in_force is None
    assert all(r.neighbour_median is None and r.neighbours_listed == 0 for r in around.rows)


@pytest.mark.shared
def test_a_neighbour_median_from_the_files(ds: cs.Dataset, shared_dir: Path) -> None:
    cells = _by_code(shared_dir, STABILITY)
    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    around = ds.measure_around(event, "placements_three_or_more_percent", grouping="dfe-2021")
    assert around.grouping is NeighbourGrouping.DFE_2021
    assert around.grouping_in_force is None
    codes = _neighbour_codes(shared_dir, "333")
    for row in around.rows:
        values = [v for c in codes if (v := _number(cells.get((c, row.year)))) is not None]
        assert row.neighbours_listed == 10
        assert row.neighbours_with_value == len(values)
        assert row.neighbour_median == (statistics.median(values) if values else None)
    assert around.row(2).neighbour_median is not None


@pytest.mark.shared
def test_agency_rate_around_a_day_with_the_grouping_in_force(
    ds: cs.Dataset, shared_dir: Path
) -> None:
    cells = _by_code(shared_dir, AGENCY)
    around = ds.measure_around("Sandwell", "agency_rate_fte", "2022-07-05")
    assert around.grouping is around.grouping_in_force is NeighbourGrouping.DFE_2021
    assert around.year_zero == 2022  # workforce years end on 30 September
    codes = _neighbour_codes(shared_dir, "333")
    for row in around.rows:
        assert row.value == _number(cells[("333", row.year)])
        values = [v for c in codes if (v := _number(cells.get((c, row.year)))) is not None]
        assert row.neighbour_median == statistics.median(values)


@pytest.mark.shared
def test_agency_rate_by_grade_from_the_files(ds: cs.Dataset, shared_dir: Path) -> None:
    cells = _by_code(shared_dir, AGENCY)
    day = datetime.date(2025, 9, 30)
    spread = ds.measure_by_grade("agency_rate_fte", day)
    assert spread.year == 2025
    ratings = ds.ratings_on(day)
    assert sum(len(g.authorities) for g in spread.groups) == len(ratings)
    for group in spread.groups:
        codes = [ds.authority(a).identifier(IdentifierScheme.DFE) for a in group.authorities]
        assert all(ratings[a] is group.rating for a in group.authorities)
        values = sorted(v for c in codes if (v := _number(cells.get((c or "", 2025)))) is not None)
        assert group.count == len(values)
        if values:
            assert group.median == statistics.median(values)
            assert (group.minimum, group.maximum) == (values[0], values[-1])
            assert group.lower_quartile is not None and group.upper_quartile is not None
            assert group.lower_quartile <= group.median <= group.upper_quartile


def test_every_year_is_shown_for_every_event(ds: cs.Dataset) -> None:
    for name in ("Sandwell", "Doncaster", "Reading", "Isle of Wight"):
        for event in ds.events(name):
            around = ds.measure_around(event, "rereferral_percent", years=2)
            assert [r.offset for r in around.rows] == [-2, -1, 0, 1, 2]
            assert [r.year for r in around.rows] == list(
                range(around.year_zero - 2, around.year_zero + 3)
            )
            for row in around.rows:
                assert row.neighbours_with_value <= row.neighbours_listed
                assert (row.neighbour_median is None) == (row.neighbours_with_value == 0)
                assert row.published == isinstance(row.value, float)


def test_a_date_known_only_to_the_year_can_straddle_year_zero(ds: cs.Dataset) -> None:
    (event,) = [e for e in ds.events("Sandwell") if e.record == "sandwell-recommendation-2016"]
    around = ds.measure_around(event, "referrals")
    assert around.day == datetime.date(2016, 12, 31)  # its last possible day
    assert around.year_zero == 2017 and not around.year_zero_certain
    (trust,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    assert ds.measure_around(trust, "referrals").year_zero_certain


def test_a_suppressed_figure_is_shown_as_the_release_gives_it(ds: cs.Dataset) -> None:
    found = next(
        o
        for o in ds.measure("placements_three_or_more_percent").authorities
        if isinstance(o.value, NotPublished)
    )
    day = YearEnd.MARCH_31.day(found.year)  # 31 March: in the year itself
    assert found.authority is not None
    around = ds.measure_around(found.authority, found.measure, day, years=0)
    assert around.row(0).value is found.value
    assert "not published" in str(around)


def test_bad_arguments_are_refused(ds: cs.Dataset) -> None:
    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    with pytest.raises(ArgumentValueError, match="day"):
        ds.measure_around(event, "referrals", "2019-01-01")
    with pytest.raises(ArgumentValueError, match="day"):
        ds.measure_around("Sandwell", "referrals")
    with pytest.raises(ArgumentValueError, match="years"):
        ds.measure_around(event, "referrals", years=-1)
    with pytest.raises(ArgumentValueError, match="grouping"):
        ds.measure_around(event, "referrals", grouping="dfe-1999")
    with pytest.raises(UnknownRecordError):
        ds.measure_around(event, "no-such-measure")
    with pytest.raises(ArgumentValueError, match="kinds"):
        ds.events("Sandwell", kinds={"a-party"})
    with pytest.raises(ArgumentValueError, match="offset"):
        ds.measure_around(event, "referrals").row(9)


def test_reprs_are_short(ds: cs.Dataset) -> None:
    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    text = repr(ds.measure_around(event, "referrals"))
    assert text.startswith("<MeasureAround referrals for sandwell") and "\n" not in text
    assert len(repr(ds.measure_by_grade("referrals", "2024-06-01"))) < 300


def test_frames_keep_every_year_and_every_authority(ds: cs.Dataset) -> None:
    pytest.importorskip("pandas")
    from childservices.export.context_frames import (
        AROUND_COLUMNS,
        BY_GRADE_COLUMNS,
        around_frame,
        by_grade_frame,
    )

    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    around = ds.measure_around(event, "placements_three_or_more_percent")
    frame = around_frame(around)
    assert tuple(frame.columns) == AROUND_COLUMNS
    assert list(frame["offset"]) == [-3, -2, -1, 0, 1, 2, 3]
    assert list(frame["no_figure"]) == [r.value is None for r in around.rows]
    spread = ds.measure_by_grade("agency_rate_fte", "2025-09-30")
    frame = by_grade_frame(spread)
    assert tuple(frame.columns) == BY_GRADE_COLUMNS
    assert len(frame) == sum(len(g.authorities) for g in spread.groups)
    counts = frame.groupby("group", sort=False)["value"].count()
    assert dict(counts) == {g.label: g.count for g in spread.groups}
    assert frame["not_published"].notna().sum() == sum(g.not_published for g in spread.groups)


def test_a_view_or_a_name_reads_the_same_years(ds: cs.Dataset) -> None:
    view = ds.authority("Sandwell")
    by_view = ds.measure_around(view, "referrals", "2020-01-01")
    by_name = ds.measure_around("sandwell", "referrals", "2020-01-01")
    assert by_view.rows == by_name.rows and by_view.event is None
