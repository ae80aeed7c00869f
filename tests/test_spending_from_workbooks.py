"""Spending on children's social care, read straight from MHCLG's revenue outturn workbooks
(pandas with odfpy, the ``test`` extra) and the population file (the csv module), found
equal through ``AuthorityView.measures()`` and ``Dataset.measure()``; the councils' figures
add up to the workbooks' class totals, and those to England's; the RSX summary gives the
same totals as RO3.

Reading four workbooks of 400 rows by 500 columns with odfpy takes a minute or more, so the
module is ``slow`` (CI runs it: ``pytest -m slow``).
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path
from typing import Any

import pytest

import childservices as cs
from childservices.model import NotPublished

pytestmark = [pytest.mark.shared, pytest.mark.slow]

pd = pytest.importorskip("pandas", reason="pandas (the test extra) reads the ODS workbooks")
pytest.importorskip("odf", reason="odfpy (the test extra) is pandas' ODS engine")

# year: (RO3 workbook, its data sheet, RSX workbook, its data sheet)
WORKBOOKS = {
    2024: (
        "RO3_2023-24_data_by_LA.ods",
        "RO3_LA_Data_2023-24",
        "RSX_2023-24_data_by_LA.ods",
        "RSX_LA_Data_2023-24",
    ),
    2025: (
        "RO3_LA_Data_2024-25_data_by_LA.ods",
        "RO3_LA_Data_202425",
        "RSX_LA_Data_2024-25_data_by_LA.ods",
        "RSX_LA_Data_202425",
    ),
}
COLUMNS = {
    "RO3-csctot-tot-exp": "csc_gross_expenditure",
    "RO3-csctot-net-cur-exp": "csc_net_expenditure",
    "RO3-csclkd-net-cur-exp": "csc_looked_after_net_expenditure",
    "RO3-cscsfg-net-cur-exp": "csc_safeguarding_net_expenditure",
    "RO3-cscfml-net-cur-exp": "csc_family_support_net_expenditure",
}
# councils by the workbooks' ONS code: a city, a trust's council, a council made in 2023,
# the two smallest, a council whose return is missing in both years, and one of 2025's
# code changes
COUNCILS = [
    "E08000035",  # Leeds
    "E08000028",  # Sandwell
    "E06000063",  # Cumberland (from 1 April 2023; no return for 2024-25)
    "E09000001",  # City of London
    "E06000053",  # Isles of Scilly
    "E08000025",  # Birmingham (no return in either year)
    "E08000016",  # Barnsley
    "E09000015",  # Harrow (2023-24: no looked-after figures, the workbook's note 3)
]
CHILDRENS_SERVICES = {"LB", "MD", "UA", "SC"}
COUNCIL = re.compile(r"E\d{4}")


def _cells(frame: Any) -> list[list[str]]:
    return [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]


def _sheet(path: Path, sheet: str, prefix: str) -> tuple[dict[str, int], list[list[str]]]:
    """The column of each hidden code (``RO3-...``) and every row, as text."""
    rows = _cells(pd.read_excel(path, sheet_name=sheet, header=None, dtype=str, engine="odf"))
    (codes,) = [row for row in rows if any(c.startswith(prefix) for c in row)]
    return {code: i for i, code in enumerate(codes) if code}, rows


@pytest.fixture(scope="module")
def workbooks(shared_dir: Path) -> dict[tuple[int, str], tuple[dict[str, int], list[list[str]]]]:
    folder = shared_dir / "sources" / "dfe-statistics"
    found = {}
    for year, (ro3, ro3_sheet, rsx, rsx_sheet) in WORKBOOKS.items():
        found[(year, "RO3")] = _sheet(folder / ro3, ro3_sheet, "RO3-")
        found[(year, "RSX")] = _sheet(folder / rsx, rsx_sheet, "RSX-")
    return found


def _expected(cell: str) -> float | NotPublished:
    return NotPublished.NOT_AVAILABLE if cell == "[x]" else float(cell)


def _children(shared_dir: Path) -> dict[tuple[int, str], float]:
    """The ONS estimate of children aged 0 to 17 by mid-year and ONS code (``E92000001`` for
    England), read with the csv module."""
    path = (
        shared_dir
        / "sources"
        / "dfe-statistics"
        / "ons_mid-year_population_estimates_2012_to_2024.csv"
    )
    found = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["age_group"] != "Children aged 0 to 17 years":
                continue
            if int(row["time_period"]) + 1 not in WORKBOOKS:  # the mid-years of the two years
                continue
            if row["geographic_level"] == "National":
                found[(int(row["time_period"]), "E92000001")] = float(row["population_estimate"])
            elif row["geographic_level"] == "Local authority":
                code = row["new_la_code"]
                found[(int(row["time_period"]), code)] = float(row["population_estimate"])
    return found


def test_spending_read_from_the_workbooks_is_found_equal(
    workbooks: dict[tuple[int, str], tuple[dict[str, int], list[list[str]]]], shared_dir: Path
) -> None:
    ds = cs.load()
    children = _children(shared_dir)
    compared = []
    for year in WORKBOOKS:
        codes, rows = workbooks[(year, "RO3")]
        by_code = {row[1]: row for row in rows if COUNCIL.fullmatch(row[0]) or row[0] == "Eng"}
        for ons in [*COUNCILS, "E92000001"]:
            row = by_code[ons]
            if ons == "E92000001":
                found = {
                    m: [o.value for o in ds.measure(m, year).national] for m in COLUMNS.values()
                }
            else:
                view = ds.authority(ons)
                found = {
                    m: [o.value for o in view.measures() if o.measure == m and o.year == year]
                    for m in COLUMNS.values()
                }
            for code, measure in COLUMNS.items():
                expected = _expected(row[codes[code]])
                assert found[measure] == [expected], (year, ons, measure)
                compared.append(expected)
            # per child: the net total in pounds over the mid-year estimate inside the year
            net = row[codes["RO3-csctot-net-cur-exp"]]
            observations = (
                ds.measure("csc_net_expenditure_per_child", year).national
                if ons == "E92000001"
                else ds.authority(ons).measures()
            )
            per_child = [
                o.value
                for o in observations
                if o.measure == "csc_net_expenditure_per_child" and o.year == year
            ]
            if net == "[x]":
                assert per_child == [NotPublished.NOT_AVAILABLE], (year, ons)
                continue
            # the estimate of the mid-year inside the financial year, by any of the council's
            # codes (the population file may use another code of the same council)
            held = {ons} if ons == "E92000001" else _codes(ds, ons)
            (key,) = [k for k in children if k[0] == year - 1 and k[1] in held]
            expected_per_child = float(round(float(net) * 1000 / children[key]))
            assert per_child == [expected_per_child], (year, ons)
            compared.append(expected_per_child)
    numbers = [v for v in compared if isinstance(v, float)]
    assert len(numbers) >= 40
    assert NotPublished.NOT_AVAILABLE in compared


def _codes(ds: cs.Dataset, ons: str) -> set[str]:
    """Every ONS code the record gives the council the workbook names by ``ons``."""
    return {i.value for i in ds.authority(ons).identifiers if i.scheme.value == "ons"}


def test_every_council_of_the_record_once_a_year(
    workbooks: dict[tuple[int, str], tuple[dict[str, int], list[list[str]]]],
) -> None:
    ds = cs.load()
    for year in WORKBOOKS:
        _, rows = workbooks[(year, "RO3")]
        councils = [r for r in rows if COUNCIL.fullmatch(r[0]) and r[4] in CHILDRENS_SERVICES]
        figures = ds.measure("csc_net_expenditure", year).authorities
        ids = [o.authority for o in figures]
        assert len(ids) == len(set(ids)) == len(councils) == 153, year
        assert {ds.authority(r[1]).id for r in councils} == set(ids), year


# Reconciliation. England's total in the workbooks is the release's estimate for every body
# that makes a return: it is the sum of the class totals (unitary authorities, shire
# districts, metropolitan districts, London boroughs, shire counties, police, parks, fire,
# combined and waste authorities) and the Greater London Authority's own figure, and a class
# total includes MHCLG's estimate for the returns not received. So the record's councils add
# up to England only through the classes: where every council of a class gave its return,
# their figures add up to the class total (within £0.5 thousand a council: each council's
# figure is rounded to the thousand, the class total is not), and the class totals plus the
# GLA add up to England's.
def _class_totals(rows: list[list[str]], column: int) -> dict[str, float]:
    return {
        r[4]: float(r[column])
        for r in rows
        if r[0] == "[Y]" and r[1] in {"E06", "E08", "E09", "E10"}
    }


@pytest.mark.parametrize("code", list(COLUMNS))
def test_councils_add_up_to_the_class_totals_and_those_to_england(
    workbooks: dict[tuple[int, str], tuple[dict[str, int], list[list[str]]]], code: str
) -> None:
    ds = cs.load()
    measure = COLUMNS[code]
    complete = 0
    for year in WORKBOOKS:
        codes, rows = workbooks[(year, "RO3")]
        column = codes[code]
        figures = {o.authority: o.value for o in ds.measure(measure, year).authorities}
        by_class: dict[str, list[float | NotPublished]] = {}
        for r in rows:
            if COUNCIL.fullmatch(r[0]) and r[4] in CHILDRENS_SERVICES:
                by_class.setdefault(r[4], []).append(figures[ds.authority(r[1]).id])
        totals = _class_totals(rows, column)
        for kind, values in by_class.items():
            if all(isinstance(v, float) for v in values):
                total = sum(v for v in values if isinstance(v, float))
                assert abs(total - totals[kind]) <= 0.5 * len(values), (year, kind)
                complete += 1
        every_class = [float(r[column]) for r in rows if r[0] == "[Y]"]
        (gla,) = {float(r[column]) for r in rows if r[0] == "E5100"}
        england = ds.measure(measure, year).national[0].value
        assert isinstance(england, float)
        assert abs(sum(every_class) + gla - england) <= 1, year
    assert complete >= 3  # shire counties both years; London boroughs in 2024-25


@pytest.mark.parametrize("year", list(WORKBOOKS))
def test_the_summary_gives_the_same_totals(
    workbooks: dict[tuple[int, str], tuple[dict[str, int], list[list[str]]]], year: int
) -> None:
    ro3_codes, ro3 = workbooks[(year, "RO3")]
    rsx_codes, rsx = workbooks[(year, "RSX")]
    summary = {r[1]: r for r in rsx if COUNCIL.fullmatch(r[0]) or r[0] == "Eng"}
    compared = 0
    for row in ro3:
        if not (COUNCIL.fullmatch(row[0]) or row[0] == "Eng"):
            continue
        for ro3_code, rsx_code in (
            ("RO3-csctot-tot-exp", "RSX-csc-tot-exp"),
            ("RO3-csctot-net-cur-exp", "RSX-csc-net-cur-exp"),
        ):
            ro3_cell, rsx_cell = row[ro3_codes[ro3_code]], summary[row[1]][rsx_codes[rsx_code]]
            if row[0] == "Eng":  # England's estimate differs in its last binary digits
                assert math.isclose(float(ro3_cell), float(rsx_cell), rel_tol=1e-12)
            else:
                assert ro3_cell == rsx_cell, row[:3]
            compared += 1
    assert compared > 800
