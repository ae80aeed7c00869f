"""Ofsted's other sheets: the ILACS inspection history, checked cell by cell against every
edition of Ofsted's workbook in ``../shared/sources/official/``.

Each check prints its agreement, and every cell that differs is listed here with its
reason (docs/howto/spreadsheets.md explains each kind): a new difference fails, and so
does a listed one that no longer happens, so the figure cannot drop unseen.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import childservices as cs
from childservices.layouts import LayoutTable, Link
from ods_cells import assert_round_trips, empty, ours_and_theirs

EDITION_2025 = "sources/official/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
EDITION_2024 = "sources/official/LA_Inspection_Outcomes_as_at_March_2024.ods"
# Each edition's Cover sheet: "Inspections as at 31 March <year>, with a report published
# by 30 June <year>".
RULE_2025 = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
RULE_2024 = cs.CountingRule(inspected_by="2024-03-31", published_by="2024-06-30")


@pytest.fixture(scope="module")
def history_2025() -> LayoutTable:
    return cs.load().ilacs_history_table(RULE_2025)


@pytest.fixture(scope="module")
def history_2024() -> LayoutTable:
    return cs.load().ilacs_history_table(RULE_2024)


def test_the_layout_is_registered_and_round_trips(history_2025: LayoutTable) -> None:
    assert_round_trips(history_2025)


# The 2025 edition: ILACS_inspection_history --------------------------------------------

HISTORY_2025_DIFFERENCES = {
    ("Northamptonshire", datetime.date(2019, 7, 29), "Web link"): (
        "Ofsted Local Authority Webpage",
        None,
        "the record holds no Ofsted URN for Northamptonshire (abolished in 2021), so the "
        "table has no link; Ofsted's links end with the DfE number (928), not a URN",
    ),
}


@pytest.mark.shared
def test_ilacs_history_against_the_2025_edition(
    shared_dir: Path, tmp_path: Path, history_2025: LayoutTable
) -> None:
    ours, theirs = ours_and_theirs(
        history_2025, shared_dir / EDITION_2025, "ILACS_inspection_history", tmp_path
    )
    assert ours.shape == theirs.shape == (271, 13)
    found = {}
    for (_, mine), (_, original) in zip(ours.iterrows(), theirs.iterrows(), strict=True):
        for column in theirs.columns:
            a, b = empty(mine[column]), empty(original[column])
            if a != b:
                key = (original["Local authority name"], empty(original["Publication date"]))
                found[(*key, column)] = (b, a)
    equal = theirs.size - len(found)
    print(f"ILACS history, 2025 edition: {equal} of {theirs.size} cells equal")
    assert found == {k: v[:2] for k, v in HISTORY_2025_DIFFERENCES.items()}
    statuses = theirs.groupby("Local authority status")["Local authority name"].unique()
    assert sorted(statuses["No longer exists"]) == ["Bournemouth", "Cumbria", "Northamptonshire"]


# The 2024 edition: ILACS_inspections_2018-2024, wide (two ILACS slots per authority) ----

# Names the 2024 edition spells otherwise than the 2025 edition (and the record).
NAMES_2024 = {
    "Bedford Borough": "Bedford",
    "Bournemouth, Christchurch and Poole": "Bournemouth, Christchurch & Poole",
    "Hammersmith and Fulham": "Hammersmith & Fulham",
    "Kingston Upon Hull": "Kingston upon Hull",
    "Richmond Upon Thames": "Richmond upon Thames",
    "Telford and Wrekin": "Telford & Wrekin",
}
REGION_2024 = "North East, Yorkshire and The Humber"
"""The 2024 edition's spelling of Ofsted's region ('The Humber'); the 2025 edition's, and
the table's, is 'North East, Yorkshire and the Humber'."""

HISTORY_2024_DIFFERENCES = {
    ("Northamptonshire", 0, "Web link"): (
        "Ofsted Local Authority Webpage",
        None,
        HISTORY_2025_DIFFERENCES[("Northamptonshire", datetime.date(2019, 7, 29), "Web link")][2],
    ),
    ("Merton", 1, "Inspection type"): (
        "ILACS Standard Inspection",
        "ILACS Short Inspection",
        "the 2024 edition says standard; the 2025 edition says short, as the record does",
    ),
    ("Nottingham", 2, "Publication date"): (
        datetime.date(2022, 11, 5),
        datetime.date(2022, 9, 5),
        "the 2024 edition has 5 November 2022; the 2025 edition 5 September 2022, as the "
        "record (day and month swapped in the 2024 edition)",
    ),
    ("Staffordshire", 2, "The experiences and progress of care leavers"): (
        "Good",
        "Requires improvement to be good",
        "Ofsted's own correction: the 2025 edition's Notes sheet says the 2024 edition's "
        "'Good' was an inputting error and the report says requires improvement",
    ),
}
_SLOT_COLUMNS = (
    "Publication date",
    "Inspection type",
    "Overall effectiveness",
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
)


@pytest.mark.shared
def test_ilacs_history_against_the_2024_edition(
    shared_dir: Path, history_2024: LayoutTable
) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    # The sheet's header is on row 4 (a title and two notes above it); a second table,
    # of the authorities that no longer exist, has its own header lower down.
    sheet = pd.read_excel(
        shared_dir / EDITION_2024,
        engine="odf",
        sheet_name="ILACS_inspections_2018-2024",
        skiprows=3,
        header=None,
    )
    rows = [[empty(v) for v in row] for row in sheet.itertuples(index=False)]
    headers = [n for n, row in enumerate(rows) if row[0] == "Web link"]
    assert len(headers) == 2
    ours: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in history_2024.records():
        ours[str(record["Local authority name"])].append(record)
    found: dict[tuple[str, int, str], tuple[Any, Any]] = {}
    cells = region_cells = authorities = 0
    for n, row in enumerate(rows):
        if row[0] != "Ofsted Local Authority Webpage":
            continue
        authorities += 1
        second_table = n > headers[1]
        name = NAMES_2024.get(row[1], row[1])
        mine = ours.pop(name, [])
        assert all(
            (r["Local authority status"] == "No longer exists") == second_table for r in mine
        )
        if mine:
            cells += 2
            link = mine[0]["Web link"]
            if (link.text if isinstance(link, Link) else None) != row[0]:
                found[(name, 0, "Web link")] = (row[0], link)
            region_cells += mine[0]["Ofsted region"] != row[2]
            assert mine[0]["Ofsted region"] == (
                "North East, Yorkshire and the Humber" if row[2] == REGION_2024 else row[2]
            )
        slots = 1 if second_table else 2
        assert len(mine) <= slots, name
        for slot in range(slots):
            theirs = row[3 + 7 * slot : 10 + 7 * slot]
            inspection = mine[slot] if slot < len(mine) else {}
            for column, value in zip(_SLOT_COLUMNS, theirs, strict=True):
                cells += 1
                if inspection.get(column) != value:
                    found[(name, slot + 1, column)] = (value, inspection.get(column))
    assert not ours  # every authority the table lists is in the sheet
    assert authorities == 156  # 153 in existence on 31 March 2024, 3 that no longer were
    assert region_cells == 27
    equal = cells - len(found) - region_cells
    print(
        f"ILACS history, 2024 edition: {equal} of {cells} cells equal "
        f"({region_cells} region cells spelt 'The Humber', {len(found)} listed differences)"
    )
    assert found == {k: v[:2] for k, v in HISTORY_2024_DIFFERENCES.items()}
