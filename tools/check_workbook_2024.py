"""Check the March 2024 workbook's inspection sheets against the record.

"Local authority inspection outcomes as at 31 March 2024" (Ofsted official
statistics) is a source of the record only for its 2023-24 visits
(``tools/import_visits.py``). Its three other tables say things the record
already holds from other sources, so they are checked here, not imported:

- ``Inspections_31_March_2024``: each authority's latest ILACS inspection as at
  31 March 2024 (reports published by 30 June 2024), by its first day of
  fieldwork, with its five grades;
- ``Inspections_in_year_2023-24``: the short and standard inspections of the
  year, by first day of fieldwork, with their grades (its visits are imported);
- ``ILACS_inspections_2018-2024``: each authority's first and second ILACS
  inspection, by publication date, with its type and grades.

For every row the record's ILACS inspection of the same authority is found
(by first day of fieldwork, or by publication date, within a few days), and
its type, overall grade and judgements are compared. The tool prints the
counts and every difference; it writes nothing. The explanation of the
differences is on the docs' data page ("Checked against the March 2024
workbook").

Run from the repository root::

    PYTHONPATH=src python tools/check_workbook_2024.py [--sources ../shared/sources]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import childservices as cs
from childservices.model import Area, Framework, Inspection

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importing.authorities import AuthorityResolver
from importing.known_issues import progress
from importing.ods import Cell, clean_header, read_ods_sheet
from importing.workbooks import WORKBOOK_2024

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"

AS_AT = "Inspections_31_March_2024"
IN_YEAR = "Inspections_in_year_2023-24"
HISTORY = "ILACS_inspections_2018-2024"
ROW_FIRST_CELL = "Ofsted Local Authority Webpage"
SAME_DAYS = 7
"""How far apart a sheet's date and the record's may be and still name one inspection."""

GRADES = {
    "Outstanding": "outstanding",
    "Good": "good",
    "Requires improvement to be good": "requires_improvement",
    "Inadequate": "inadequate",
}
KINDS = {"ILACS Standard Inspection": "standard", "ILACS Short Inspection": "short"}

# The five grade columns, in the sheets' order (the history's are prefixed "First ILACS" /
# "Second ILACS" and start lower case).
GRADE_COLUMNS = (
    ("overall effectiveness", None),
    ("impact of leaders", Area.IMPACT_OF_LEADERS),
    ("experiences and progress of children who need help and protection", Area.HELP_AND_PROTECTION),
    ("experiences and progress of children in care", Area.IN_CARE),
    ("experiences and progress of care leavers", Area.CARE_LEAVERS),
)


@dataclass(frozen=True)
class SheetInspection:
    """One inspection as a sheet row gives it."""

    where: str
    name: str
    day: dt.date
    by: str  # "start" or "published"
    kind: str | None
    grades: tuple[str, ...]  # in GRADE_COLUMNS order, "" where the cell is empty


def _rows(path: Path, sheet: str) -> Iterator[tuple[int, dict[str, str], list[Cell]]]:
    """Each data row of a sheet: its number, its cells by header, and its cells."""
    header: list[str] = []
    rows = read_ods_sheet(path, sheet)
    for number in sorted(rows):
        cells = rows[number]
        first = clean_header(cells[0].text)
        if first == "Web link":
            header = [clean_header(c.text).lower() for c in cells]
        elif first == ROW_FIRST_CELL and header:
            values = {
                h: (cells[i].text.strip() if i < len(cells) else "") for i, h in enumerate(header)
            }
            yield number, values, cells


def _grades(values: dict[str, str], prefix: str = "") -> tuple[str, ...]:
    return tuple(GRADES.get(values.get(f"{prefix}{column}", ""), "") for column, _ in GRADE_COLUMNS)


def read_sheets(path: Path) -> dict[str, list[SheetInspection]]:
    """The inspections of the three tables, by sheet."""
    found: dict[str, list[SheetInspection]] = {AS_AT: [], IN_YEAR: [], HISTORY: []}
    for number, values, _ in _rows(path, AS_AT):
        if not values["inspection date"][:1].isdigit():
            print(
                f"{AS_AT}, row {number}: {values['local authority name']}:"
                f" {values['inspection date']!r}"
            )
            continue
        found[AS_AT].append(
            SheetInspection(
                f"{AS_AT}, row {number}",
                values["local authority name"],
                dt.date.fromisoformat(values["inspection date"]),
                "start",
                None,
                _grades(values),
            )
        )
    for number, values, _ in _rows(path, IN_YEAR):
        kind = KINDS.get(values["inspection/visit type"])
        if kind is None:
            continue  # a visit: imported by tools/import_visits.py
        found[IN_YEAR].append(
            SheetInspection(
                f"{IN_YEAR}, row {number}",
                values["local authority name"],
                dt.date.fromisoformat(values["inspection/visit date"]),
                "start",
                kind,
                _grades(values),
            )
        )
    for number, values, _ in _rows(path, HISTORY):
        for slot in ("first", "second"):
            day = values.get(f"{slot} ilacs publication date", "")
            if not day:
                continue
            found[HISTORY].append(
                SheetInspection(
                    f"{HISTORY}, row {number} ({slot})",
                    values["local authority name"],
                    dt.date.fromisoformat(day),
                    "published",
                    KINDS.get(values.get(f"{slot} ilacs inspection type", "")),
                    _grades(values, f"{slot} ilacs "),
                )
            )
    return found


def _day(inspection: Inspection, by: str) -> dt.date | None:
    value = inspection.start if by == "start" else inspection.published
    return None if value is None or value.precision.value != "day" else value.latest


def record_grades(inspection: Inspection) -> tuple[str, ...]:
    """The record's grades in GRADE_COLUMNS order ("" where it holds none)."""
    by_area = {j.area: j.grade.value for j in inspection.judgements}
    if Area.IN_CARE_AND_CARE_LEAVERS in by_area:
        by_area.setdefault(Area.IN_CARE, by_area[Area.IN_CARE_AND_CARE_LEAVERS])
    overall = inspection.overall.value if inspection.overall is not None else ""
    return (overall, *(by_area.get(area, "") for _, area in GRADE_COLUMNS[1:] if area))


def compare(row: SheetInspection, ds: cs.Dataset, resolver: AuthorityResolver) -> tuple[str, str]:
    """A row's outcome (``agrees`` or what differs) and a line saying so."""
    authority = resolver.by_name(row.name, row.day)
    view = ds.authority(authority)
    candidates = [
        (abs((day - row.day).days), i)
        for i in view.inspections
        if i.framework is Framework.ILACS and (day := _day(i, row.by)) is not None
    ]
    near = sorted((gap, i.id, i) for gap, i in candidates if gap <= SAME_DAYS)
    if not near:
        return "missing", f"{row.where}: {authority} {row.by} {row.day}: no ILACS in the record"
    gap, _, found = near[0]
    problems = []
    if gap:
        problems.append(f"{row.by} {_day(found, row.by)} in the record, {row.day} in the sheet")
    if row.kind and found.kind is not None and found.kind.value != row.kind:
        problems.append(f"kind {found.kind.value} in the record, {row.kind} in the sheet")
    if row.kind and found.kind is None:
        problems.append(f"kind not stated in the record, {row.kind} in the sheet")
    mine = record_grades(found)
    for (column, _), theirs, ours in zip(GRADE_COLUMNS, row.grades, mine, strict=True):
        if theirs and theirs != ours:
            problems.append(f"{column}: {ours or 'none'} in the record, {theirs} in the sheet")
    if not problems:
        return "agrees", ""
    outcome = "date" if gap and len(problems) == 1 else "differs"
    return outcome, f"{row.where}: {found.id}: " + "; ".join(problems)


def as_at_latest(
    ds: cs.Dataset, resolver: AuthorityResolver, rows: list[SheetInspection]
) -> list[str]:
    """Rows of the as-at table that are not the record's latest ILACS as at 31 March 2024."""
    out = []
    for row in rows:
        view = ds.authority(resolver.by_name(row.name, row.day))
        latest = [
            i
            for i in view.inspections
            if i.framework is Framework.ILACS
            and i.start is not None
            and i.start.latest <= dt.date(2024, 3, 31)
            and i.published.latest <= dt.date(2024, 6, 30)
        ]
        if not latest:
            out.append(f"{row.where}: {view.id}: no ILACS by then in the record")
            continue
        last = max(latest, key=lambda i: i.start.latest if i.start else dt.date.min)
        day = _day(last, "start")
        if day is None or abs((day - row.day).days) > SAME_DAYS:
            out.append(
                f"{row.where}: {view.id}: the sheet's {row.day}, the record's latest {last.id}"
            )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print the counts and the differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    args = parser.parse_args(argv)
    sources: Path = args.sources
    resolver = AuthorityResolver.load(REPO / "seeds", sources)
    ds = cs.load(updates=False)
    found = read_sheets(sources / "official" / WORKBOOK_2024)
    for sheet, rows in found.items():
        outcomes: Counter[str] = Counter()
        lines = []
        for row in rows:
            outcome, line = compare(row, ds, resolver)
            outcomes[outcome] += 1
            if line:
                lines.append(line)
        summary = ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
        print(f"{sheet}: {len(rows)} inspections: {summary}")
        for line in lines:
            print(f"  - {line}")
    late = as_at_latest(ds, resolver, found[AS_AT])
    print(f"{AS_AT}: {len(found[AS_AT]) - len(late)} rows are the record's latest ILACS by then")
    for line in late:
        print(f"  - {line}")
    return 0


if __name__ == "__main__":
    progress("checking the March 2024 workbook against the bundled record")
    sys.exit(main())
