"""Ofsted's wide history from 2009 (``LA_inspections_2009-2023`` of "Children's social care
data in England 2023"), checked cell by cell against the sheet in
``../shared/sources/official/``: its first table (the 152 authorities of 31 March 2023)
and its second (the four abolished ones).

Rows are matched by name (the sheet's spelling mapped to the table's, each such name
cell listed as a difference). Every cell that differs is listed here with its reason
(docs/howto/spreadsheets.md explains each kind): a new difference fails, and so does a
listed one that no longer happens, so the agreement cannot drop unseen.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import pytest

import childservices as cs
from childservices.layouts import OFSTED_WIDE_HISTORY, LayoutTable, Link
from ods_cells import assert_round_trips

WORKBOOK = "sources/official/Childrens_social_care_in_England_2023_underlying_data.ods"
SHEET = "LA_inspections_2009-2023"
# The workbook's Cover: "As at 31 March 2023, published by 30 April 2023".
RULE = cs.CountingRule(inspected_by="2023-03-31", published_by="2023-04-30")
NAME = "Local authority name"
SIF_DATE = "Single Inspection of LA Children's Services (SIF)  First SIF publication date"
FIRST_ILACS = tuple(c for c in OFSTED_WIDE_HISTORY.columns if c.startswith("First ILACS"))


@pytest.fixture(scope="module")
def current() -> LayoutTable:
    return cs.load().wide_history_table(RULE)


@pytest.fixture(scope="module")
def abolished() -> LayoutTable:
    return cs.load().wide_history_table(RULE, abolished=True)


def test_the_layout_is_registered_and_round_trips(current: LayoutTable) -> None:
    assert_round_trips(current)


def test_adequate_is_written_in_todays_words(current: LayoutTable) -> None:
    # Every SLAC safeguarding grade of the record, adequate written as the sheet writes it.
    ds = cs.load()
    column = "SLAC Safeguarding Overall effectiveness (OE)"
    seen = set()
    for row in current.records():
        authority = ds.authority(str(row[NAME]).replace(" & ", " and "))
        slac = [
            i
            for i in authority.inspections
            if i.framework is cs.Framework.SLAC and i.kind is cs.InspectionKind.STANDARD
        ]
        if slac and cs.Area.SAFEGUARDING in slac[0].grades:
            grade = slac[0].grades[cs.Area.SAFEGUARDING]
            seen.add(grade)
            if grade is cs.Grade.ADEQUATE:
                assert row[column] == "Requires improvement to be good"
            else:
                assert str(row[column]).casefold() == grade.label.casefold()
    assert cs.Grade.ADEQUATE in seen and cs.Grade.REQUIRES_IMPROVEMENT not in seen


# The sheet's spellings of names the table (and Ofsted's 2025 release) spells otherwise.
NAMES_2023 = {
    "Bedford Borough": "Bedford",
    "Bournemouth, Christchurch and Poole": "Bournemouth, Christchurch & Poole",
    "Hammersmith and Fulham": "Hammersmith & Fulham",
    "Kingston Upon Hull": "Kingston upon Hull",
    "Richmond Upon Thames": "Richmond upon Thames",
    "Telford and Wrekin": "Telford & Wrekin",
}
# In the second table, the county council abolished in 2019.
NAMES_ABOLISHED = {"Dorset": "Dorset County Council"}
_SPELT = (
    "spelt otherwise: the table spells names as Ofsted's 2025 release does, which differs "
    "from the 2023 release's spelling here"
)
_REPORT_DATE = (
    "the table is right: the report's publication date as Ofsted's reports site lists it "
    "(the report file in ../shared); the sheet's date is one to seven days earlier"
)
_NOT_JUDGED = (
    "the sheet writes a dash (' -'; the tools' reader drops the space) where no grade was "
    "given; the table leaves the cell empty, as it "
    "leaves every grade the record does not hold"
)
_SOUTH_TYNESIDE = (
    "Ofsted's stated exception (the workbook's note 4): South Tyneside's report came on 10 "
    "May 2023, after the 30 April cut-off, and the sheet counts it; the table keeps to the "
    "cut-off (published_by='2023-05-10' lists it)"
)
_SOUTH_TYNESIDE_CELLS = {
    "First ILACS framework inspection type": "ILACS Short Inspection",
    "First ILACS framework publication date": datetime.date(2023, 5, 10),
    "First ILACS framework overall effectiveness": "Inadequate",
    "First ILACS framework impact of leaders": "Inadequate",
    "First ILACS framework experiences and progress of children who need help and "
    "protection": "Requires improvement to be good",
    "First ILACS framework experiences and progress of children in care and care "
    "leavers": "Inadequate",
}
WIDE_DIFFERENCES: dict[tuple[str, str], tuple[Any, Any, str]] = {
    **{(name, NAME): (name, ours, _SPELT) for name, ours in NAMES_2023.items()},
    ("Buckinghamshire", "LA Authority Type"): (
        "Shire County",
        "Unitary",
        "the table is right: Buckinghamshire Council, unitary since 1 April 2020 (it kept "
        "the county's Ofsted URN); the sheet keeps the county's type",
    ),
    ("City of London", " First SIF CLA Sub: Adoption Performance"): ("-", None, _NOT_JUDGED),
    ("Isles of Scilly", "SLAC Looked After Children Overall Effectiveness (OE)"): (
        "-",
        None,
        _NOT_JUDGED,
    ),
    ("Isles of Scilly", " First SIF children looked after and achieving permanence "): (
        "-",
        None,
        _NOT_JUDGED,
    ),
    ("Isles of Scilly", " First SIF CLA Sub: Adoption Performance"): ("-", None, _NOT_JUDGED),
    ("Isles of Scilly", " First SIF CLA Sub: Experiences and progress of care leavers"): (
        "-",
        None,
        _NOT_JUDGED,
    ),
    ("Hackney", SIF_DATE): (
        datetime.date(2016, 9, 20),
        datetime.date(2016, 9, 21),
        _REPORT_DATE,
    ),
    ("Kingston Upon Hull", SIF_DATE): (
        datetime.date(2015, 2, 3),
        datetime.date(2015, 2, 10),
        _REPORT_DATE,
    ),
    ("Manchester", SIF_DATE): (datetime.date(2014, 9, 1), datetime.date(2014, 9, 3), _REPORT_DATE),
    ("Norfolk", SIF_DATE): (datetime.date(2015, 10, 19), datetime.date(2015, 10, 20), _REPORT_DATE),
    ("Slough", SIF_DATE): (datetime.date(2014, 2, 11), datetime.date(2014, 2, 14), _REPORT_DATE),
    ("Stoke-on-Trent", SIF_DATE): (
        datetime.date(2015, 8, 10),
        datetime.date(2015, 8, 12),
        _REPORT_DATE,
    ),
    ("Merton", "First ILACS framework inspection type"): (
        "ILACS Standard Inspection",
        "ILACS Short Inspection",
        "the 2025 release says short, as the record does (so does the 2024 edition's "
        "difference, tests/test_layouts_ofsted_sheets.py)",
    ),
    ("Nottingham", "Second ILACS framework publication date"): (
        datetime.date(2022, 11, 5),
        datetime.date(2022, 9, 5),
        "the 2025 release has 5 September 2022, as the record (day and month swapped here)",
    ),
    **{
        ("South Tyneside", column): (value, None, _SOUTH_TYNESIDE)
        for column, value in _SOUTH_TYNESIDE_CELLS.items()
    },
}
ABOLISHED_DIFFERENCES: dict[tuple[str, str], tuple[Any, Any, str]] = {
    ("Dorset", NAME): (
        "Dorset",
        "Dorset County Council",
        "the record names the county council (abolished in 2019) so, and holds no alias for "
        "it from Ofsted's statistics; 'Dorset' is its successor's name",
    ),
    ("Northamptonshire", "Web link"): (
        "Ofsted Local Authority Webpage",
        None,
        "the record holds no Ofsted URN for Northamptonshire (abolished in 2021), so the "
        "table has no link",
    ),
}


@pytest.fixture(scope="module")
def sheet_tables(shared_dir: Path) -> tuple[list[list[Any]], list[list[Any]]]:
    """The sheet's two tables as rows of cells (text; a publication date as a day; an
    empty cell as None): the first under its header on row 5, to the blank row; the
    second under its own header, 38 columns. Read with the import tools' ODS reader
    (pandas' odf engine parses the whole workbook, about a minute)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from import_official import read_ods_sheet

    rows = read_ods_sheet(shared_dir / WORKBOOK, SHEET)
    lines = [[c.text for c in rows[n]] for n in sorted(rows)]
    headers = [n for n, line in enumerate(lines) if line and line[0] == "Web link"]
    assert headers[0] == 4 and len(headers) == 2  # the header on row 5, as the note says
    assert [" ".join(c.split()) for c in lines[headers[0]]] == [
        " ".join(c.split()) for c in OFSTED_WIDE_HISTORY.columns
    ]

    def table(start: int, width: int) -> list[list[Any]]:
        out = []
        for line in lines[start:]:
            if not line or line[0] != "Ofsted Local Authority Webpage":
                break
            cells = (line + [""] * width)[:width]
            out.append([_cell(OFSTED_WIDE_HISTORY.columns[n], v) for n, v in enumerate(cells)])
        return out

    return table(headers[0] + 1, 45), table(headers[1] + 1, 38)


def _cell(column: str, text: str) -> Any:
    if text == "":
        return None
    if column in OFSTED_WIDE_HISTORY.date_formats:
        return datetime.date.fromisoformat(text)
    return text


def _compare(
    ours: LayoutTable, theirs: Any, columns: list[str], names: dict[str, str]
) -> tuple[dict[tuple[str, str], tuple[Any, Any]], int]:
    """Each cell of ``theirs`` (its columns named by ``columns``, the table's) against the
    table's row of the same authority: the differences and the cells compared."""
    mine = {str(r[NAME]): r for r in ours.records()}
    found: dict[tuple[str, str], tuple[Any, Any]] = {}
    cells = 0
    for values in theirs:
        name = values[1]
        other = mine.pop(names.get(name, name), None)
        assert other is not None, name
        for column, value in zip(columns, values, strict=True):
            cells += 1
            cell = other[column]
            if isinstance(cell, Link):
                cell = cell.text
            if cell != value:
                found[(name, column)] = (value, cell)
    assert not mine, sorted(mine)
    return found, cells


@pytest.mark.shared
def test_the_first_table_cell_by_cell(
    sheet_tables: tuple[list[list[Any]], list[list[Any]]], tmp_path: Path, current: LayoutTable
) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    first, _ = sheet_tables
    path = tmp_path / "wide.ods"
    current.to_ods(path)
    # As a reader of Ofsted's sheet reads it: by name, the four rows above the header
    # skipped.
    ours = pd.read_excel(path, engine="odf", sheet_name=SHEET, skiprows=4)
    assert list(ours.columns) == list(OFSTED_WIDE_HISTORY.columns)
    assert ours.shape == (len(first), 45) == (152, 45)
    found, cells = _compare(current, first, list(OFSTED_WIDE_HISTORY.columns), NAMES_2023)
    equal = cells - len(found)
    print(f"Wide history 2009-2023, first table: {equal} of {cells} cells equal")
    assert found == {k: v[:2] for k, v in WIDE_DIFFERENCES.items()}
    assert equal >= 6814


@pytest.mark.shared
def test_the_second_table_cell_by_cell(
    sheet_tables: tuple[list[list[Any]], list[list[Any]]], abolished: LayoutTable
) -> None:
    _, second = sheet_tables
    columns = [c for c in OFSTED_WIDE_HISTORY.columns if not c.startswith("Second ILACS")]
    assert len(columns) == 38
    found, cells = _compare(abolished, second, columns, NAMES_ABOLISHED)
    equal = cells - len(found)
    print(f"Wide history 2009-2023, second table: {equal} of {cells} cells equal")
    assert cells == 4 * 38
    assert found == {k: v[:2] for k, v in ABOLISHED_DIFFERENCES.items()}
    assert equal >= 150
    names = [r[NAME] for r in abolished.records()]
    assert names == ["Bournemouth", "Dorset County Council", "Northamptonshire", "Poole"]
