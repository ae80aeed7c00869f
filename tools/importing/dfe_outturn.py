"""Reading MHCLG's revenue outturn workbooks (RO3) into observation rows: spending on
children's social care, one cited row per figure.

Each workbook holds one financial year (2023-24 is the record's year 2024, ending 31 March
2024) in one sheet: a row per body that makes a revenue outturn return (councils of every
tier, fire, police, parks, waste and combined authorities), then England, then totals by
class. A hidden row gives each column a stable code (``RO3-csctot-net-cur-exp``: total
children's social care, net current expenditure); a measure of the vocabulary names that
code as its column and the workbooks as its file (``file; file``). Only the rows of the
classes that hold children's services (London boroughs, metropolitan districts, unitary
authorities, shire counties) are councils of the record; each is placed by its ONS code on
the council that existed on 31 March of the year, and every council of the record that
existed then must have exactly one row. Figures are in £ thousand as written; a cell
``[x]`` (the return was not received in time) is the symbol ``x``.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from childservices.model import GeographicLevel, NotPublished, YearEnd
from childservices.model.measure import observation_id, place_key
from importing.dfe_files import Row
from importing.dfe_lineage import Lineage, LineageError, NotInExistence
from importing.ods import read_ods_sheet

__all__ = [
    "CHILDRENS_SERVICES",
    "WORKBOOKS",
    "Sheet",
    "Workbook",
    "column_letter",
    "outturn_rows",
    "per_child_rows",
    "read_sheet",
]


@dataclass(frozen=True)
class Workbook:
    """One revenue outturn workbook: its file, data sheet, the record's year and its release
    (a source id)."""

    file: str
    sheet: str
    year: int
    release: str


WORKBOOKS = (
    Workbook("RO3_2023-24_data_by_LA.ods", "RO3_LA_Data_2023-24", 2024, "mhclg-outturn-2023-24"),
    Workbook(
        "RO3_LA_Data_2024-25_data_by_LA.ods", "RO3_LA_Data_202425", 2025, "mhclg-outturn-2024-25"
    ),
)
CHILDRENS_SERVICES = {"LB", "MD", "UA", "SC"}
"""The workbooks' classes of councils that hold children's services: London boroughs (with
the City of London), metropolitan districts, unitary authorities (with the Isles of Scilly)
and shire counties. Shire districts and the other bodies (fire, police, parks, waste,
combined authorities, the GLA) hold none."""
SYMBOLS = {"[x]": NotPublished.NOT_AVAILABLE.value, "[z]": NotPublished.NOT_APPLICABLE.value}
REASONS = {
    NotPublished.NOT_AVAILABLE.value: "[x] in the workbook: data not received in time for "
    "publication (note M: the revenue outturn return was not received)",
    NotPublished.NOT_APPLICABLE.value: "[z] in the workbook: this data item is not collected",
}
"""The workbooks' own words for each symbol (their Notes sheet)."""
NOTES = {
    (2024, "harrow", "RO3-csclkd"): "the workbook's note 3: Harrow did not provide any figures "
    "for looked-after children's services (the release calls it a simple omission)",
    (2024, "richmond-upon-thames", "RO3-csclkd"): "the workbook's note 3: Richmond upon Thames "
    "provided totals for looked-after children's services but none of their sub-categories",
    (2024, "southwark", "RO3-csclkd"): "the workbook's note 3: Southwark's net current "
    "expenditure on looked-after children nets off about £40 million more than in 2022-23",
}
"""Notes of the workbooks on one council's figures of a line (by year, council, code prefix)."""
CODE = re.compile(r"E\d{4}")


@dataclass(frozen=True)
class Sheet:
    """A workbook's data sheet: its rows by number and the column of each code."""

    workbook: Workbook
    rows: dict[int, list[str]]
    columns: dict[str, int]


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet names it (0 is A, 26 is AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(folder: Path, workbook: Workbook) -> Sheet:
    """The data sheet of a workbook, with its hidden row of column codes."""
    rows = {
        n: [cell.text for cell in cells]
        for n, cells in read_ods_sheet(folder / workbook.file, workbook.sheet).items()
    }
    coded = [n for n, cells in rows.items() if any(t.startswith("RO3-") for t in cells)]
    if len(coded) != 1:
        raise LineageError(f"{workbook.file}: {len(coded)} rows of column codes, not one")
    codes = rows[coded[0]]
    columns = {code: i for i, code in enumerate(codes) if code}
    if len(columns) != sum(bool(code) for code in codes):
        raise LineageError(f"{workbook.file} row {coded[0]}: a column code written twice")
    return Sheet(workbook, rows, columns)


def _figure(text: str, where: str) -> str:
    cell = text.strip()
    if cell in SYMBOLS:
        return SYMBOLS[cell]
    try:
        float(cell)
    except ValueError:
        raise LineageError(f"{where}: {text!r} is neither a number nor a symbol") from None
    return cell


def _places(sheet: Sheet, lineage: Lineage) -> list[tuple[int, str, str]]:
    """(row, level, authority) of England and each council of the record in a sheet; every
    council that existed on the year's last day exactly once."""
    day = YearEnd.MARCH_31.day(sheet.workbook.year)
    found = []
    for number, cells in sorted(sheet.rows.items()):
        if len(cells) < 5:
            continue
        where = f"{sheet.workbook.file} row {number}"
        if cells[0] == "Eng" and cells[1] == "E92000001":
            found.append((number, GeographicLevel.NATIONAL.value, ""))
        elif CODE.fullmatch(cells[0]) and cells[4] in CHILDRENS_SERVICES:
            authority = lineage.authority_by_ons(cells[1], day, f"{where} ({cells[2]})")
            found.append((number, GeographicLevel.LOCAL_AUTHORITY.value, authority))
    counts = Counter(authority for _, _, authority in found)
    twice = sorted(a for a, n in counts.items() if n > 1)
    existing = {
        a.id
        for a in lineage.authorities.values()
        if (a.active_from is None or a.active_from.first_day() <= day)
        and (a.active_to is None or day <= a.active_to.last_day())
    }
    missing = sorted(existing - set(counts))
    if twice or missing or counts[""] != 1:
        raise LineageError(
            f"{sheet.workbook.file}: councils in two rows {twice}, councils of the record "
            f"with no row {missing}, England rows {counts['']}"
        )
    return found


def outturn_rows(
    measure: str, column: str, sheets: list[Sheet], lineage: Lineage
) -> list[dict[str, str]]:
    """The observation seed rows of one measure from its column in each workbook's sheet."""
    out = []
    for sheet in sheets:
        workbook = sheet.workbook
        index = sheet.columns.get(column)
        if index is None:
            raise LineageError(f"{workbook.file}: no column coded {column!r}")
        for number, level, authority in _places(sheet, lineage):
            cells = sheet.rows[number]
            where = (
                f"{workbook.file}, sheet {workbook.sheet}, row {number}, "
                f"column {column_letter(index)} ({column})"
            )
            value = _figure(cells[index] if index < len(cells) else "", where)
            key = place_key(GeographicLevel(level), authority or None, None)
            notes = [REASONS.get(value, "")]
            notes.extend(
                note
                for (year, council, prefix), note in NOTES.items()
                if (year, council) == (workbook.year, authority) and column.startswith(f"{prefix}-")
            )
            if level == GeographicLevel.NATIONAL.value:
                notes.append(
                    "England's total is the release's estimate: it includes bodies of every "
                    "class and an estimate for those whose return was not received"
                )
            out.append(
                {
                    "id": observation_id(measure, workbook.year, key),
                    "measure": measure,
                    "year": str(workbook.year),
                    "level": level,
                    "authority": authority,
                    "region": "",
                    "value": value,
                    "source": workbook.release,
                    "locator": where,
                    "note": "; ".join(n for n in notes if n),
                }
            )
    return out


def population_by_place(
    people: dict[tuple[str, str, str, str], Row], lineage: Lineage, years: set[int]
) -> dict[tuple[int, str], Row]:
    """The ONS estimate of children aged 0 to 17 of each of ``years`` (mid-years) by place key
    (``england`` or a council's id: the council that existed on the 31 March after)."""
    found: dict[tuple[int, str], Row] = {}
    for (period, level, _, dfe), row in people.items():
        year = int(period)
        if year not in years:
            continue
        if level == "National":
            found[(year, "england")] = row
        elif level == "Local authority":
            day = datetime.date(year + 1, 3, 31)
            where = f"population row {row.number}"
            try:
                authority = lineage.authority(dfe, row.cells["new_la_code"], day, where)
            except NotInExistence:
                continue
            found[(year, authority)] = row
    return found


def per_child_rows(
    measure: str,
    totals: list[dict[str, str]],
    people: dict[tuple[int, str], Row],
    population_file: str,
) -> list[dict[str, str]]:
    """Spending per child in pounds: each total (£ thousand) times 1,000 over the estimate of
    children aged 0 to 17 at the mid-year inside its financial year (30 June 2023 for
    2023-24), rounded to the nearest pound; not published where the total is not."""
    out = []
    for total in totals:
        year = int(total["year"])
        place = total["id"].split(".", 2)[2]
        estimate = people.get((year - 1, place))
        if estimate is None:
            raise LineageError(f"{total['locator']}: no population estimate for {place} {year - 1}")
        children = estimate.cells["population_estimate"].strip()
        spent = total["value"]
        published = spent not in {member.value for member in NotPublished}
        value = str(round(float(spent) * 1000 / float(children))) if published else spent
        out.append(
            {
                **total,
                "id": observation_id(measure, year, place),
                "measure": measure,
                "value": value,
                "numerator": spent if published else "",
                "denominator": children,
                "locator": f"{total['locator']}; {population_file} row {estimate.number}",
                "note": "; ".join(
                    n for n in ("computed: see the measure's derived", total["note"]) if n
                ),
            }
        )
    return out
