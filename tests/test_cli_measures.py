"""``childservices measures``: the DfE's official figures from the command line (issue 24).

Expected values are read straight from the DfE's files in ``../shared`` and from
``seeds/publications/`` with the csv module, never from the code's output.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest

from cli_run import run_cli

REPO = Path(__file__).resolve().parent.parent
CLA_FILE = "cla_number_and_rate_per_10k_children.csv"
CLA_ON_31_MARCH = "Children looked after on 31 March each year"
STABILITY_FILE = "la_cla_placement_stability.csv"


def _file(shared: Path, name: str) -> list[dict[str, str]]:
    with (shared / "sources" / "dfe-statistics" / name).open(
        encoding="utf-8-sig", newline=""
    ) as handle:
        return list(csv.DictReader(handle))


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    status, out, err = run_cli(capsys, "measures", *argv)
    assert status == 0, err
    return out, err


# the vocabulary -------------------------------------------------------------------------


def test_with_no_measure_it_lists_the_vocabulary(capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = _run(capsys, "--format", "csv")
    rows = {row["id"]: row for row in _csv(out)}
    assert rows["cla_at_31_march"]["unit"] == "count"
    assert rows["agency_rate_fte"]["unit"] == "percent"
    # The looked-after file holds 2021 to 2025 (its time_period column).
    assert rows["cla_at_31_march"]["years"] == "2021-2025"


@pytest.mark.shared
def test_the_vocabulary_years_are_the_files_years(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    years = sorted({int(r["time_period"]) for r in _file(shared_dir, CLA_FILE)})
    out, _ = _run(capsys, "--format", "json")
    (row,) = [r for r in json.loads(out) if r["id"] == "cla_at_31_march"]
    assert row["years"] == f"{years[0]}-{years[-1]}"


# one measure ------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize("name", ["Sandwell", "Leeds", "Tower Hamlets", "Isle of Wight"])
def test_values_are_the_files(
    capsys: pytest.CaptureFixture[str], shared_dir: Path, name: str
) -> None:
    expected = {
        r["time_period"]: r["children_count"]
        for r in _file(shared_dir, CLA_FILE)
        if r["geographic_level"] == "Local authority"
        and r["la_name"] == name
        and r["population_type"] == CLA_ON_31_MARCH
    }
    assert len(expected) == 5
    words = name.split()  # several words, unquoted, as 'show' takes them
    out, _ = _run(
        capsys, "cla_at_31_march", "--authority", *words, "--year", "all", "--format", "csv"
    )
    rows = _csv(out)
    assert {r["name"] for r in rows} == {name}
    assert {r["year"]: r["value"] for r in rows} == expected
    assert all(r["unit"] == "count" for r in rows)
    assert all(f"{CLA_FILE} row " in r["source"] for r in rows)


@pytest.mark.shared
def test_the_default_year_is_the_latest_held_and_said(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    latest = max(int(r["time_period"]) for r in _file(shared_dir, CLA_FILE))
    out, err = _run(capsys, "cla_at_31_march", "--authority", "Sandwell", "--format", "csv")
    assert [r["year"] for r in _csv(out)] == [str(latest)]
    assert f"year {latest}: the latest year the record holds" in err


@pytest.mark.shared
def test_a_suppressed_cell_carries_the_release_reason(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    (cell,) = [
        r
        for r in _file(shared_dir, STABILITY_FILE)
        if r["geographic_level"] == "Local authority"
        and r["la_name"] == "Rutland"
        and r["time_period"] == "2025"
        and r["cla_group"] == "CLA on 31 March"
        and r["placement_stability"] == "With 3 or more placements during the year"
    ]
    assert cell["children_percent"] == "c"
    out, _ = _run(
        capsys,
        "placements_three_or_more_percent",
        "--authority",
        "Rutland",
        "--year",
        "2025",
        "--format",
        "json",
    )
    (row,) = json.loads(out)
    assert row["value"] is None
    assert row["reason"] == "suppressed (c)"


@pytest.mark.shared
def test_without_authority_regions_and_england_follow_apart(
    capsys: pytest.CaptureFixture[str], shared_dir: Path
) -> None:
    england = [
        r["children_count"]
        for r in _file(shared_dir, CLA_FILE)
        if r["geographic_level"] == "National"
        and r["time_period"] == "2025"
        and r["population_type"] == CLA_ON_31_MARCH
    ]
    out, _ = _run(capsys, "cla_at_31_march", "--year", "2025", "--format", "csv")
    rows = _csv(out)
    levels = [r["level"] for r in rows]
    assert levels == sorted(levels, key=["local_authority", "regional", "national"].index)
    assert [r["value"] for r in rows if r["level"] == "national"] == england
    assert levels.count("regional") >= 9


def test_the_three_formats_carry_the_same_rows(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("cin_at_31_march", "--authority", "Sandwell", "--authority", "Isle", "of", "Wight")
    argv += ("--year", "all", "--as-of", "2016-12-01")
    csv_rows = _csv(_run(capsys, *argv, "--format", "csv")[0])
    json_rows = json.loads(_run(capsys, *argv, "--format", "json")[0])
    table, err = _run(capsys, *argv, "--format", "table")
    assert csv_rows == [{k: v or "" for k, v in row.items()} for row in json_rows]
    lines = table.splitlines()[1:]
    assert len(lines) == len(csv_rows)
    for line, row in zip(lines, csv_rows, strict=True):
        cells = line.split()
        assert cells[:2] == [row["level"], row["place"]]
        assert row["year"] in cells and row["value"] in cells and row["publication"] in cells
    # 2016's edition has no publication date in the record: kept, marked, and said
    assert {r["publication"] for r in csv_rows if r["year"] == "2016"} == {"not_known"}
    assert "2 whose publication date the record does not know are kept" in err


# --as-of ----------------------------------------------------------------------------------


def _published(release: str, year: int) -> datetime.date:
    with (REPO / "seeds" / "publications" / "dfe.csv").open(encoding="utf-8") as handle:
        (row,) = [
            r for r in csv.DictReader(handle) if r["release"] == release and r["year"] == str(year)
        ]
    return datetime.date.fromisoformat(row["published"])


def test_as_of_before_publication_leaves_the_year_out(capsys: pytest.CaptureFixture[str]) -> None:
    published = _published("dfe-children-looked-after", 2024)
    argv = ("cla_at_31_march", "--authority", "Sandwell", "--year", "all", "--format", "csv")
    before, err = _run(capsys, *argv, "--as-of", (published - datetime.timedelta(1)).isoformat())
    on, _ = _run(capsys, *argv, "--as-of", published.isoformat())
    assert "2024" not in {r["year"] for r in _csv(before)}
    assert "not yet published that day are left out" in err
    assert {r["year"]: r["publication"] for r in _csv(on)}["2024"] == "published"


def test_as_of_chooses_the_latest_published_year(capsys: pytest.CaptureFixture[str]) -> None:
    published = _published("dfe-children-looked-after", 2024)
    day = (published - datetime.timedelta(1)).isoformat()
    out, err = _run(
        capsys, "cla_at_31_march", "--authority", "Sandwell", "--as-of", day, "--format", "csv"
    )
    assert [r["year"] for r in _csv(out)] == ["2023"]
    assert f"year 2023: the latest with figures published by {day}" in err


# mistakes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (("cla_at_31_marhc",), "argument MEASURE: no measure 'cla_at_31_marhc'; did you mean"),
        (("cla_at_31_march", "--year", "twenty"), "argument --year: 'twenty'"),
        (("cla_at_31_march", "--year", "1990"), "argument --year: the record holds no"),
        (("cla_at_31_march", "--as-of", "2024-02-30"), "argument --as-of: '2024-02-30'"),
        (("--year", "2024"), "need a MEASURE"),
    ],
)
def test_bad_input_exits_2_naming_the_argument(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], named: str
) -> None:
    status, out, err = run_cli(capsys, "measures", *argv)
    assert status == 2
    assert out == ""
    assert named in err


def test_an_authority_with_no_figure_that_year_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    out, err = _run(capsys, "cla_at_31_march", "--authority", "Northamptonshire", "--year", "2025")
    assert out.splitlines()[1:] == []
    assert "Northamptonshire: no figure of cla_at_31_march in the record for that year" in err


def test_as_of_before_every_publication_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with (REPO / "seeds" / "publications" / "dfe.csv").open(encoding="utf-8") as handle:
        years = [
            int(r["year"])
            for r in csv.DictReader(handle)
            if r["release"] == "dfe-children-looked-after"
        ]
    day = f"{min(years)}-01-01"  # before the first year held had even ended
    out, err = _run(capsys, "cla_at_31_march", "--authority", "Sandwell", "--as-of", day)
    assert out.splitlines()[1:] == []
    assert f"none of its figures had been published by {day}" in err
    assert "1 figure(s) not yet published that day are left out" in err
    assert "no figure of cla_at_31_march in the record" not in err  # it has one, not yet out
