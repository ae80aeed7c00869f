"""Ofsted's in-year sheet (the inspections and visits of one year), checked cell by cell
against both editions of Ofsted's workbook in ``../shared/sources/official/``: the 2025
edition's ``In-year_inspections`` (2024-25) and the 2024 edition's
``Inspections_in_year_2023-24``.

Rows are matched by authority, date and type (Ofsted's order within an authority follows
no rule: Blackburn with Darwen's newest row comes first, Doncaster's oldest). Every cell
that differs is listed here with its reason (docs/howto/spreadsheets.md explains each
kind): a new difference fails, and so does a listed one that no longer happens, so the
agreement cannot drop unseen.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any

import pytest

import childservices as cs
from childservices.errors import ArgumentValueError
from childservices.layouts import OFSTED_IN_YEAR, LayoutTable, Link, in_year
from ods_cells import assert_round_trips, empty, ours_and_theirs

EDITION_2025 = "sources/official/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
EDITION_2024 = "sources/official/LA_Inspection_Outcomes_as_at_March_2024.ods"
# The 2023 release's Cover sheet: "As at 31 March 2023, published by 30 April 2023"; the
# 2024 edition's Notes sheet: it also lists inspections before 1 April 2023 that the 2023
# release did not, their reports being published after its cut-off.
CUT_OFF_2023 = datetime.date(2023, 4, 30)
DATE = "Inspection/Visit date"
TYPE = "Inspection/Visit type"
NAME = "Local authority name"


@pytest.fixture(scope="module")
def year_2025() -> LayoutTable:
    return cs.load().in_year_table("2024-25")


@pytest.fixture(scope="module")
def year_2024() -> LayoutTable:
    return cs.load().in_year_table("2023-24", late_since=CUT_OFF_2023)


def test_the_layout_is_registered_and_round_trips(year_2025: LayoutTable) -> None:
    assert_round_trips(year_2025)
    assert year_2025.title == "Local authority in-year inspection activity 2024-25"


@pytest.mark.parametrize("text", ["2024-25", "2024-2025", "2024", 2024])
def test_a_year_is_named_as_ofsted_names_it(text: str | int) -> None:
    year = in_year(text)
    assert (year.first, year.last, year.name) == (
        datetime.date(2024, 4, 1),
        datetime.date(2025, 3, 31),
        "2024-25",
    )
    assert year.cut_off == datetime.date(2025, 6, 30)


@pytest.mark.parametrize("text", ["2024-26", "24-25", "last year"])
def test_a_year_not_so_named_is_refused(text: str) -> None:
    with pytest.raises(ArgumentValueError, match="year"):
        in_year(text)


def _compare(
    ours: list[dict[str, Any]], theirs: list[dict[str, Any]], columns: dict[str, str]
) -> tuple[dict[tuple[Any, ...], tuple[Any, Any]], int, int]:
    """Every cell of ``theirs`` against the row of ``ours`` with the same authority, date and
    type (``columns`` maps their column names to ours): the differences, the cells compared
    and the cells equal. A row of theirs the table does not have differs in every cell (one
    difference listed, ``row``); a row of the table's they do not have is listed too."""

    def key(row: dict[str, Any], name: str, date: str, kind: str) -> tuple[Any, ...]:
        return (row[name], row[date], row[kind])

    theirs_name = next(k for k, v in columns.items() if v == NAME)
    theirs_date = next(k for k, v in columns.items() if v == DATE)
    theirs_type = next(k for k, v in columns.items() if v == TYPE)
    mine = {key(r, NAME, DATE, TYPE): r for r in ours}
    assert len(mine) == len(ours)
    found: dict[tuple[Any, ...], tuple[Any, Any]] = {}
    cells = unequal = 0
    unmatched = [r for r in theirs if key(r, theirs_name, theirs_date, theirs_type) not in mine]
    spare = set(mine) - {key(r, theirs_name, theirs_date, theirs_type) for r in theirs}
    for row in theirs:
        k = key(row, theirs_name, theirs_date, theirs_type)
        other = mine.get(k)
        if other is None:
            # The same authority's only other row of the type on another day, or of
            # another type on the day.
            near = [m for m in spare if (m[0], m[2]) == (k[0], k[2])]
            alone = sum(1 for r in unmatched if (r[theirs_name], r[theirs_type]) == (k[0], k[2]))
            if len(near) != 1 or alone != 1:
                near = [m for m in spare if (m[0], m[1]) == (k[0], k[1])]
                alone = sum(
                    1 for r in unmatched if (r[theirs_name], r[theirs_date]) == (k[0], k[1])
                )
            if len(near) == 1 and alone == 1:
                other = mine[near[0]]
                spare.discard(near[0])
            else:
                found[(*k, "row")] = ("listed", None)
                cells += len(columns)
                unequal += len(columns)
                continue
        for column, own in columns.items():
            cells += 1
            a = other[own]
            if isinstance(a, Link):
                a = a.text
            if a != row[column]:
                found[(*k, column)] = (row[column], a)
                unequal += 1
    for k in spare:
        found[(*k, "row")] = (None, "listed")
    return found, cells, cells - unequal


# The 2025 edition: In-year_inspections (2024-25) -----------------------------------------

IN_YEAR_2025_DIFFERENCES: dict[tuple[Any, ...], tuple[Any, Any, str]] = {}


@pytest.mark.shared
def test_in_year_against_the_2025_edition(
    shared_dir: Path, tmp_path: Path, year_2025: LayoutTable
) -> None:
    ours, theirs = ours_and_theirs(
        year_2025, shared_dir / EDITION_2025, "In-year_inspections", tmp_path
    )
    assert ours.shape == theirs.shape == (112, 13)

    def records(frame: Any) -> list[dict[str, Any]]:
        return [{c: empty(v) for c, v in row.items()} for _, row in frame.iterrows()]

    columns = {c: c for c in OFSTED_IN_YEAR.columns}
    found, cells, equal = _compare(records(ours), records(theirs), columns)
    assert cells == theirs.size
    print(f"In-year inspections 2024-25, 2025 edition: {equal} of {cells} cells equal")
    assert found == {k: v[:2] for k, v in IN_YEAR_2025_DIFFERENCES.items()}
    assert equal >= 1456
    # The same authorities in the same order (rows within an authority aside).
    assert list(ours[NAME]) == sorted(theirs[NAME], key=str.casefold)


# The 2024 edition: Inspections_in_year_2023-24 -------------------------------------------

# The 2024 edition's columns (no area code, no publication date; shorter judgement names)
# and the table's column holding the same thing.
COLUMNS_2024 = {
    "Web link": "Web link",
    "Local authority name": NAME,
    "Region": "Region",
    "Inspection/Visit date": DATE,
    "Inspection/Visit type": TYPE,
    "Overall effectiveness": "Overall effectiveness",
    "Impact of leaders": OFSTED_IN_YEAR.columns[8],
    "Experiences and progress of children who need help and protection": (
        OFSTED_IN_YEAR.columns[9]
    ),
    "Experiences and progress of children in care": OFSTED_IN_YEAR.columns[10],
    "Experiences and progress of care leavers": OFSTED_IN_YEAR.columns[11],
    "Visit Theme": "Visit Theme",
}

_LATE_VISIT = (
    "a visit begun before 1 April 2023 that the 2024 edition lists as published after the "
    "2023 release's cut-off (its Notes sheet): the record holds no date for its letter, "
    "so the table cannot place it in the year's revision"
)
IN_YEAR_2024_DIFFERENCES: dict[tuple[Any, ...], tuple[Any, Any, str]] = {
    ("Bury", datetime.date(2023, 2, 28), "LA Monitoring visit", "row"): (
        "listed",
        None,
        _LATE_VISIT,
    ),
    ("Peterborough", datetime.date(2023, 3, 1), "ILACS Focused Visit", "row"): (
        "listed",
        None,
        _LATE_VISIT,
    ),
    (
        "Bournemouth, Christchurch & Poole",
        datetime.date(2023, 3, 21),
        "LA Monitoring visit",
        "row",
    ): ("listed", None, _LATE_VISIT),
    ("Wakefield", datetime.date(2023, 3, 28), "ILACS Focused Visit", "row"): (
        "listed",
        None,
        _LATE_VISIT,
    ),
    ("Warwickshire", datetime.date(2023, 3, 28), "ILACS Focused Visit", "row"): (
        "listed",
        None,
        _LATE_VISIT,
    ),
    ("Isles of Scilly", datetime.date(2023, 7, 10), "ILACS Short Inspection", DATE): (
        datetime.date(2023, 7, 10),
        datetime.date(2023, 7, 11),
        "the table is right: the 2024 edition dates the inspection 10 July 2023; the report "
        "(published 25 August 2023) says 11 to 13 July, as the 2025 edition and the record do",
    ),
    ("South Tyneside", datetime.date(2022, 12, 5), "ILACS Short Inspection", "row"): (
        None,
        "listed",
        "Ofsted is right: the report came on 10 May 2023, after the 2023 release's cut-off "
        "(30 April), but that release already listed the inspection, by its stated "
        "exception (its in-year sheet for 2022-23, row 84), so it was not late; the table's "
        "rule (published after the previous cut-off) cannot know the exception",
    ),
    (
        "Staffordshire",
        datetime.date(2023, 11, 6),
        "ILACS Short Inspection",
        "Experiences and progress of care leavers",
    ): (
        "Good",
        "Requires improvement to be good",
        "Ofsted's own correction: the 2025 edition's Notes sheet says the 2024 edition's "
        "'Good' was an inputting error and the report says requires improvement",
    ),
}


@pytest.mark.shared
def test_in_year_against_the_2024_edition(shared_dir: Path, year_2024: LayoutTable) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    frame = pd.read_excel(
        shared_dir / EDITION_2024,
        engine="odf",
        sheet_name="Inspections_in_year_2023-24",
        skiprows=2,
    )
    assert list(frame.columns) == list(COLUMNS_2024)
    theirs = [{c: empty(v) for c, v in row.items()} for _, row in frame.iterrows()]
    assert len(theirs) == 107
    found, cells, equal = _compare(year_2024.records(), theirs, COLUMNS_2024)
    added = sum(1 for v in found.values() if v == (None, "listed"))
    print(
        f"In-year inspections 2023-24, 2024 edition: {equal} of {cells} cells equal "
        f"({len(found)} listed differences; {added} rows the edition does not have)"
    )
    assert found == {k: v[:2] for k, v in IN_YEAR_2024_DIFFERENCES.items()}
    assert cells == 107 * 11
    assert equal >= 1120


# The 2023 release: LA_level_in_year_2022-23 ----------------------------------------------

RELEASE_2023 = "sources/official/Childrens_social_care_in_England_2023_underlying_data.ods"
# The 2023 release's Cover: "As at 31 March 2023, published by 30 April 2023".
CUT_OFF_2023_RELEASE = "2023-04-30"
# The 2024 edition's columns, the region's header "Ofsted region".
COLUMNS_2023 = {("Ofsted region" if c == "Region" else c): v for c, v in COLUMNS_2024.items()}
NAMES_2023 = {
    "Bournemouth, Christchurch and Poole": "Bournemouth, Christchurch & Poole",
    "Kingston Upon Hull": "Kingston upon Hull",
    "Southend on Sea": "Southend-on-Sea",
    "Telford and Wrekin": "Telford & Wrekin",
    "Somerset": "Somerset County Council",
}
_EARLIER_VISIT = (
    "a visit of March 2022 that the 2023 release lists as published after the 2022 "
    "release's cut-off (its revision of the year before): the record holds no date for its "
    "letter, so late_since cannot place it"
)
_LATER_VISIT = (
    "Ofsted is right: a visit of February or March 2023 whose letter came after the 2023 "
    "release's cut-off (the 2024 edition lists it as late); the record holds no date for "
    "the letter, so the table lists it by its fieldwork"
)
IN_YEAR_2023_DIFFERENCES: dict[tuple[Any, ...], tuple[Any, Any, str]] = {
    **{
        (name, datetime.date(2022, 3, day), kind, "row"): ("listed", None, _EARLIER_VISIT)
        for name, day, kind in (
            ("Kingston upon Hull", 29, "LA Monitoring visit"),
            ("Middlesbrough", 29, "LA Monitoring visit"),
            ("Southend-on-Sea", 22, "ILACS Focused Visit"),
            ("Trafford", 10, "LA Monitoring visit"),
            ("West Sussex", 30, "LA Monitoring visit"),
        )
    },
    **{
        (name, day, kind, "row"): (None, "listed", _LATER_VISIT)
        for name, day, kind in (
            (
                "Bournemouth, Christchurch & Poole",
                datetime.date(2023, 3, 21),
                "LA Monitoring visit",
            ),
            ("Bury", datetime.date(2023, 2, 28), "LA Monitoring visit"),
            ("Peterborough", datetime.date(2023, 3, 1), "ILACS Focused Visit"),
            ("Wakefield", datetime.date(2023, 3, 28), "ILACS Focused Visit"),
            ("Warwickshire", datetime.date(2023, 3, 28), "ILACS Focused Visit"),
        )
    },
    ("Cumbria", datetime.date(2022, 9, 21), "ILACS Standard Inspection", DATE): (
        datetime.date(2022, 9, 21),
        datetime.date(2022, 9, 20),
        "the 2023 release says 21 September 2022, the 2025 edition 20 September, which the "
        "record follows; no report of Cumbria's is in ../shared to decide",
    ),
    ("Merton", datetime.date(2022, 2, 28), "ILACS Standard Inspection", TYPE): (
        "ILACS Standard Inspection",
        "ILACS Short Inspection",
        "the 2025 edition says short, as the record does (the 2024 edition says standard too)",
    ),
    ("South Tyneside", datetime.date(2022, 12, 5), "ILACS Short Inspection", "row"): (
        "listed",
        None,
        "Ofsted is right by its stated exception (the release's note 4): the report came on "
        "10 May 2023, after the 30 April cut-off, and the release lists it; the table keeps "
        "to the cut-off",
    ),
}


@pytest.mark.shared
def test_in_year_against_the_2023_release(shared_dir: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from import_official import read_ods_sheet

    rows = read_ods_sheet(shared_dir / RELEASE_2023, "LA_level_in_year_2022-23")
    lines = [[c.text for c in rows[n]] for n in sorted(rows)]
    header = next(n for n, line in enumerate(lines) if line and line[0] == "Web link")
    assert lines[header] == list(COLUMNS_2023)
    theirs = []
    for line in lines[header + 1 :]:
        cells = (line + [""] * len(COLUMNS_2023))[: len(COLUMNS_2023)]
        row: dict[str, Any] = {c: v or None for c, v in zip(COLUMNS_2023, cells, strict=True)}
        row[DATE] = datetime.date.fromisoformat(row[DATE])
        row[NAME] = NAMES_2023.get(row[NAME], row[NAME])
        theirs.append(row)
    assert len(theirs) == 111
    table = cs.load().in_year_table(
        "2022-23", published_by=CUT_OFF_2023_RELEASE, late_since="2022-04-30"
    )
    found, cells, equal = _compare(table.records(), theirs, COLUMNS_2023)
    added = sum(1 for v in found.values() if v == (None, "listed"))
    print(
        f"In-year inspections 2022-23, 2023 release: {equal} of {cells} cells equal "
        f"({len(found)} listed differences; {added} rows the release does not have; "
        f"{len(NAMES_2023)} names spelt otherwise, matched)"
    )
    assert found == {k: v[:2] for k, v in IN_YEAR_2023_DIFFERENCES.items()}
    assert equal >= 1153
