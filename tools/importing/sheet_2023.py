"""The 2023 sheet ``LA_inspections_2009-2023``: one wide row per authority, a slot per inspection."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from importing.authorities import AuthorityResolver
from importing.ods import Cell, clean_header, read_ods_sheet
from importing.raw import RawInspection, cell_text, ilacs_kind
from importing.sheet_grades import GradeError, sheet_grade
from importing.workbooks import SHEET_2023, SOURCE_2023


@dataclass
class Slot:
    """One inspection's columns in the wide 2023 sheet."""

    framework: str
    kind: str
    date: str
    overall: str | None
    areas: list[tuple[str, str]]
    kind_column: str | None = None


# Column headers as the sheet has them (whitespace collapsed). The second
# table's ILACS headers lack the word "First"; they are matched by suffix.
SLOTS_2023 = [
    Slot(
        "slac",
        "standard",
        "Safeguarding & Looked After Children (SLAC) Inspection publication date",
        None,
        [
            ("safeguarding", "SLAC Safeguarding Overall effectiveness (OE)"),
            ("looked_after_children", "SLAC Looked After Children Overall Effectiveness (OE)"),
        ],
    ),
    Slot(
        "slac",
        "reinspection",
        "SLAC re-inspection of Safeguarding publication date",
        None,
        [("safeguarding", "SLAC re-inspection Safeguarding OE")],
    ),
    Slot(
        "slac",
        "reinspection",
        "SLAC re-inspection of services for Children Looked After publication date",
        None,
        [("looked_after_children", "SLAC re-inspection of services Children Looked After OE")],
    ),
    Slot(
        "cpi",
        "standard",
        "Child Protection Inspections (CPI) publication date",
        "CPI Overall Effectiveness (OE)",
        [],
    ),
    Slot(
        "cpi",
        "reinspection",
        "Child Protection Re-Inspection (CPRI) publication date",
        "CPRI Overall Effectiveness (OE)",
        [],
    ),
    Slot(
        "lac",
        "standard",
        "Targeted Looked After Children (TLAC) inspection publication date",
        "TLAC Overall Effectiveness (OE)",
        [],
    ),
    Slot(
        "sif",
        "standard",
        "Single Inspection of LA Children's Services (SIF) First SIF publication date",
        "First SIF Overall Judgement (OE)",
        [
            ("help_and_protection", "First SIF children who need help and protection"),
            (
                "looked_after_and_permanence",
                "First SIF children looked after and achieving permanence",
            ),
            ("adoption", "First SIF CLA Sub: Adoption Performance"),
            ("care_leavers", "First SIF CLA Sub: Experiences and progress of care leavers"),
            (
                "leadership_management_governance",
                "First SIF leadership, management and governance",
            ),
            ("lscb_review", "LSCB Overall Effectiveness"),
        ],
    ),
    Slot(
        "sif",
        "reinspection",
        "Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
        "SIF Re-inspection Overall Judgement (OE)",
        [
            ("help_and_protection", "SIF Re-inspection children who need help and protection"),
            (
                "looked_after_and_permanence",
                "SIF Re-inspection children looked after and achieving permanence",
            ),
            ("adoption", "SIF Re-inspection CLA Sub: Adoption Performance"),
            ("care_leavers", "SIF Re-inspection CLA Sub: Experiences and progress of care leavers"),
            (
                "leadership_management_governance",
                "SIF Re-inspection leadership, management and governance",
            ),
        ],
    ),
    Slot(
        "ilacs",
        "",
        "First ILACS framework publication date",
        "First ILACS framework overall effectiveness",
        [
            ("impact_of_leaders", "First ILACS framework impact of leaders"),
            (
                "help_and_protection",
                "First ILACS framework experiences and progress of children who need help and"
                " protection",
            ),
            (
                "in_care_and_care_leavers",
                "First ILACS framework experiences and progress of children in care and care"
                " leavers",
            ),
        ],
        kind_column="First ILACS framework inspection type",
    ),
    Slot(
        "ilacs",
        "",
        "Second ILACS framework publication date",
        "Second ILACS framework overall effectiveness",
        [
            ("impact_of_leaders", "Second ILACS framework impact of leaders"),
            (
                "help_and_protection",
                "Second ILACS framework experiences and progress of children who need help and"
                " protection",
            ),
            ("in_care", "Second ILACS framework experiences and progress of children in care"),
            ("care_leavers", "Second ILACS framework experiences and progress of care leavers"),
        ],
        kind_column="Second ILACS framework inspection type",
    ),
]


def _header_index(header: list[Cell]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        text = clean_header(cell.text)
        if text:
            index[text] = position
            # The second table says "ILACS framework ..." for the first ILACS.
            if text.startswith("ILACS framework"):
                index["First " + text] = position
    return index


def read_2023(path: Path, resolver: AuthorityResolver, problems: list[str]) -> list[RawInspection]:
    """Every inspection of both tables of the 2023 sheet."""
    rows = read_ods_sheet(path, SHEET_2023)
    out: list[RawInspection] = []
    header: dict[str, int] | None = None
    tables = 0
    for number in sorted(rows):
        cells = rows[number]
        first = clean_header(cells[0].text) if cells else ""
        if first == "Web link":
            header = _header_index(cells)
            tables += 1
            continue
        if header is None or first != "Ofsted Local Authority Webpage":
            continue

        cell = functools.partial(cell_text, cells, header)

        name = cell("Local authority name")
        link_number = cells[0].link.rstrip("/").rsplit("/", 1)[-1] if cells[0].link else ""
        scheme = "dfe" if len(link_number) == 3 else "ofsted_urn"
        for slot in SLOTS_2023:
            date_text = cell(slot.date)
            grades = [cell(column) for _, column in slot.areas]
            overall_text = cell(slot.overall) if slot.overall else ""
            if slot.date not in header:
                continue
            if not date_text:
                if overall_text.strip(" -") or any(g.strip(" -") for g in grades):
                    problems.append(
                        f"{SHEET_2023} row {number}: grades without a date ({slot.date})"
                    )
                continue
            published = dt.date.fromisoformat(date_text)
            authority = resolver.resolve(
                name,
                published,
                [(scheme, link_number)],
                prefer="name",
                where=f"{SHEET_2023} row {number}",
            )
            note: list[str] = []
            try:
                overall = sheet_grade(overall_text, slot.framework) if slot.overall else "not_given"
            except GradeError as error:
                problems.append(f"{SHEET_2023} row {number} {slot.overall}: {error}")
                overall = ""
            if slot.overall and overall_text.strip() == "-":
                note.append("overall cell holds '-' in the sheet")
            kind = slot.kind or ilacs_kind(cell(slot.kind_column or ""))
            judgements = _slot_judgements(slot, grades, cell, number, note, problems)
            out.append(
                RawInspection(
                    authority=authority,
                    framework=slot.framework,
                    kind=kind,
                    published=published,
                    start="",
                    overall=overall,
                    judgements=judgements,
                    source=SOURCE_2023,
                    locator=f"sheet {SHEET_2023}, row {number}, column '{slot.date}'",
                    note=note,
                )
            )
    if tables != 2:
        problems.append(f"{SHEET_2023}: expected two tables, found {tables}")
    return merge_same_day_reinspections(out)


def _slot_judgements(
    slot: Slot,
    grades: list[str],
    cell: Callable[[str], str],
    number: int,
    note: list[str],
    problems: list[str],
) -> list[tuple[str, str, str]]:
    """The area judgements of one slot of one row (``grades``: its area cells' text)."""
    judgements: list[tuple[str, str, str]] = []
    for (area, column), grade_text in zip(slot.areas, grades, strict=True):
        try:
            grade = sheet_grade(grade_text, slot.framework)
        except GradeError as error:
            problems.append(f"{SHEET_2023} row {number} {column}: {error}")
            continue
        if not grade:
            if grade_text.strip() == "-":
                note.append(f"'{column}' holds '-' in the sheet (not judged)")
            continue
        # The sheet covers reports published by 30 April 2023 and leaves
        # care leavers empty for inspections that began before the
        # January 2023 split (e.g. Bradford's, published 31 January 2023).
        no_care_leavers = not cell(slot.areas[-1][1])
        if slot.framework == "ilacs" and area == "in_care" and no_care_leavers:
            area = "in_care_and_care_leavers"
        judgements.append((area, grade, f"sheet {SHEET_2023}, row {number}, column '{column}'"))
    return judgements


def merge_same_day_reinspections(raws: list[RawInspection]) -> list[RawInspection]:
    """Join SLAC re-inspections of safeguarding and of looked after children.

    The sheet gives each its own publication date; when the two dates are the
    same day they are one inspection with two judgements.
    """
    out: list[RawInspection] = []
    by_key: dict[tuple[str, str, str, dt.date], RawInspection] = {}
    for raw in raws:
        key = (raw.authority, raw.framework, raw.kind, raw.published)
        if raw.framework == "slac" and raw.kind == "reinspection" and key in by_key:
            kept = by_key[key]
            kept.judgements.extend(raw.judgements)
            column = raw.locator.rsplit("column ", 1)[-1]
            kept.locator += f"; column {column}"
            kept.note.append(
                "safeguarding and looked after children re-inspections published the same day"
            )
            continue
        by_key[key] = raw
        out.append(raw)
    return out
