"""The seed documents' figures page (``docs/explanation/seed-figures.md``) against the DfE's
files: every example on the page is run again with its ``figure`` and ``population`` read
straight from the CSV files in ``../shared`` with the ``csv`` module, not from the record, and
must print the same; the figures its prose quotes by file row are read from those rows."""

from __future__ import annotations

import csv
import doctest
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "explanation" / "seed-figures.md"

# Where each measure the page uses is in the files: (file, column, rows of one breakdown).
COLUMNS = {
    "agency_rate_fte": ("csww_indicators_2017_to_2025.csv", "agency_rate_fte", {}),
    "agency_workers_fte": ("csww_indicators_2017_to_2025.csv", "agency_fte", {}),
    "vacancy_rate_fte": ("csww_indicators_2017_to_2025.csv", "vacancy_rate_fte", {}),
    "turnover_rate_fte": ("csww_indicators_2017_to_2025.csv", "turnover_rate_fte", {}),
    "caseload_fte": ("csww_indicators_2017_to_2025.csv", "caseload_fte", {}),
    "cpp_at_31_march": ("d5_cpps_at31march_by_duration_2013_to_2025.csv", "CPP_At31", {}),
    "referrals": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "referral_count",
        {},
    ),
    "rereferral_percent": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "rereferral_percent",
        {},
    ),
    "cla_at_31_march": (
        "cla_number_and_rate_per_10k_children.csv",
        "children_count",
        {"population_type": "Children looked after on 31 March each year"},
    ),
}
# The record's names that the files write otherwise: (la_name, new_la_code).
FILE_NAMES = {"North Yorkshire County Council": ("North Yorkshire", "E10000023")}
# Figures the prose quotes by row of the workforce file: (row, column, how the page writes it).
PROSE = [
    (1044, "turnover_rate_headcount", "{}% for Northamptonshire in 2019"),
    (396, "turnover_rate_fte", "{}% (FTE) at 30 September\n2023 (row 396)"),
    (328, "turnover_rate_fte", "against {}% for England"),
    (233, "turnover_rate_fte", "{}% at 30 September 2024\n(row 233)"),
]


@cache
def _rows(folder: Path, file: str) -> tuple[dict[str, str], ...]:
    with (folder / file).open(encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


def _number(cell: str) -> float | str:
    try:
        return float(cell)
    except ValueError:
        return cell  # a symbol: the page shows none, so it would not match


def _readers(folder: Path) -> dict[str, object]:
    def figure(place: str, measure: str, year: int) -> float | str:
        file, column, where = COLUMNS[measure]
        name, code = FILE_NAMES.get(place, (place, None))
        found = []
        for row in _rows(folder, file):
            if int(row["time_period"]) != year or any(row[k] != v for k, v in where.items()):
                continue
            level = row["geographic_level"]
            if (
                (place == "England" and level == "National")
                or (level == "Regional" and row["region_name"] == place)
                or (
                    level == "Local authority"
                    and row["la_name"] == name
                    and code in (None, row["new_la_code"])
                )
            ):
                found.append(row[column])
        assert len(found) == 1, (place, measure, year, found)
        return _number(found[0])

    def population(place: str, year: int) -> float | str:
        file = "ons_mid-year_population_estimates_2012_to_2024.csv"
        (cell,) = [
            row["population_estimate"]
            for row in _rows(folder, file)
            if row["la_name"] == place
            and int(row["time_period"]) == year - 1
            and row["age_group"] == "Children aged 0 to 17 years"
        ]
        return _number(cell)

    return {"figure": figure, "population": population}


def _examples() -> list[doctest.Example]:
    text = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"^( *)```\{doctest\}\n(.*?)^\1```", text, re.S | re.M)
    parser = doctest.DocTestParser()
    examples = []
    for _, block in blocks:
        examples.extend(parser.get_examples(textwrap.dedent(block)))
    return examples


def test_every_example_prints_the_same_from_the_files(shared_dir: Path) -> None:
    folder = shared_dir / "sources" / "dfe-statistics"
    readers = _readers(folder)
    kept = [
        e for e in _examples() if not re.match(r"def (figure|population)\(|import |ds = ", e.source)
    ]
    checked = [e for e in kept if "figure(" in e.source or "population(" in e.source]
    assert len(checked) >= 12
    test = doctest.DocTest(kept, dict(readers), "seed-figures.md", str(PAGE), 0, None)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    results: list[str] = []
    runner.run(test, out=results.append)
    assert runner.failures == 0, "".join(results)


def test_the_figures_quoted_by_row_are_the_files(shared_dir: Path) -> None:
    rows = _rows(shared_dir / "sources" / "dfe-statistics", "csww_indicators_2017_to_2025.csv")
    page = PAGE.read_text(encoding="utf-8")
    for number, column, written in PROSE:
        value = rows[number - 2][column]  # row 1 is the header
        assert written.format(value) in page, (number, column, value)
