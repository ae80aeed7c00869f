"""The 2025 sheet ``ILACS_inspection_history``: one row per ILACS inspection."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from importing.authorities import AuthorityResolver
from importing.ods import clean_header, read_ods_sheet
from importing.raw import ILACS_SPLIT_FROM, RawInspection, cell_text, ilacs_kind
from importing.sheet_grades import GradeError, sheet_grade
from importing.workbooks import SHEET_2025, SOURCE_2025

COLUMNS_2025 = {
    "name": "Local authority name",
    "ons": "Local authority area code",
    "status": "Local authority status",
    "region": "Ofsted region",
    "start": "Inspection date",
    "published": "Publication date",
    "type": "Inspection type",
    "overall": "Overall effectiveness",
}
AREAS_2025 = [
    (
        "impact_of_leaders",
        "The impact of leaders on social work practice with children and families",
    ),
    (
        "help_and_protection",
        "The experiences and progress of children who need help and protection",
    ),
    ("in_care", "The experiences and progress of children in care"),
    ("care_leavers", "The experiences and progress of care leavers"),
]


def read_2025(
    path: Path, resolver: AuthorityResolver, problems: list[str]
) -> tuple[list[RawInspection], list[str]]:
    """Every ILACS inspection of the 2025 history, and the Notes sheet's corrections."""
    rows = read_ods_sheet(path, SHEET_2025)
    out: list[RawInspection] = []
    header: dict[str, int] | None = None
    for number in sorted(rows):
        cells = rows[number]
        first = clean_header(cells[0].text) if cells else ""
        if first == "Web link":
            header = {clean_header(c.text): i for i, c in enumerate(cells) if c.text}
            continue
        if header is None or first != "Ofsted Local Authority Webpage":
            continue

        cell = functools.partial(cell_text, cells, header)

        where = f"{SHEET_2025} row {number}"
        published = dt.date.fromisoformat(cell(COLUMNS_2025["published"]))
        dfe = cells[0].link.rstrip("/").rsplit("/", 1)[-1] if cells[0].link else ""
        name = cell(COLUMNS_2025["name"])
        authority = resolver.resolve(
            name, published, [("ons", cell(COLUMNS_2025["ons"]))], where=where
        )
        dfe_authority = resolver.by_code("dfe", dfe, published) if dfe else None
        note: list[str] = []
        if dfe_authority and dfe_authority != authority:
            problems.append(
                f"{where}: web link keyed by DfE number {dfe} points to {dfe_authority}, row is {authority}"
            )
        status = cell(COLUMNS_2025["status"])
        if status and status != "Current":
            note.append(f"sheet status '{status}'")
        care_leavers = cell(AREAS_2025[3][1])
        judgements: list[tuple[str, str, str]] = []
        start_text = cell(COLUMNS_2025["start"])
        start = dt.date.fromisoformat(start_text) if start_text else None
        for area, column in AREAS_2025:
            text = cell(column)
            try:
                grade = sheet_grade(text, "ilacs")
            except GradeError as error:
                problems.append(f"{where} {column}: {error}")
                continue
            if not grade:
                continue
            if area == "in_care" and not care_leavers:
                split_date = start or published
                if split_date < ILACS_SPLIT_FROM:
                    area = "in_care_and_care_leavers"
                else:
                    problems.append(f"{where}: care leavers empty for an inspection from 2023")
            judgements.append((area, grade, f"sheet {SHEET_2025}, row {number}, column '{column}'"))
        try:
            overall = sheet_grade(cell(COLUMNS_2025["overall"]), "ilacs")
        except GradeError as error:
            problems.append(f"{where}: {error}")
            overall = ""
        out.append(
            RawInspection(
                authority=authority,
                framework="ilacs",
                kind=ilacs_kind(cell(COLUMNS_2025["type"])),
                published=published,
                start=start.isoformat() if start else "",
                overall=overall,
                judgements=judgements,
                source=SOURCE_2025,
                locator=f"sheet {SHEET_2025}, row {number}",
                note=note,
            )
        )
    notes = read_ods_sheet(path, "Notes")
    corrections = [
        f"Notes sheet, row {number}: {' '.join(cells[0].text.split())}"
        for number, cells in sorted(notes.items())
        if cells and "Staffordshire" in cells[0].text
    ]
    return out, corrections
