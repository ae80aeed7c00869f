"""Generate visit seed rows from the in-year sheets of Ofsted's official workbooks.

Reads every focused visit and monitoring visit listed in:

- sheet ``LA_level_in_year_2022-23`` of "Children's social care data in
  England 2023" (type, fieldwork date and theme; no publication date);
- sheet ``Inspections_in_year_2023-24`` of "Local authority inspection
  outcomes as at 31 March 2024" (type, fieldwork date and theme; no
  publication date; it also lists 11 visits and inspections of before 1 April
  2023 whose reports came out after the 2023 release's cut-off);
- sheet ``In-year_inspections`` of "Local authority inspection outcomes as at
  31 March 2025" (type, fieldwork date, publication date and theme),

and writes ``seeds/visits/official.csv``: one row per visit, cited by
workbook (the source rows ``tools/import_official.py`` writes), sheet and
row. The sheets' short and standard inspections are not visits; they are
already in the inspection seeds from the workbooks' other sheets and are left
alone here. The workbooks do not say whether a focused visit found areas for
priority action, so ``priority_action`` is left empty (unknown).

Visit ids are ``<authority>-<kind>-visit-<fieldwork start>``. Authorities are
resolved as ``tools/import_official.py`` resolves them (name, ONS code and
the row's web link, with reorganisations applied by date). Any row that
cannot be read (an unknown visit type or theme, a missing date, an authority
whose name and codes disagree, two visits with one id) is reported with its
sheet and row, and nothing is written.

Run from the repository root (needs only the standard library)::

    python tools/import_visits.py [--sources ../shared/sources] [--seeds seeds]
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from childservices.records import TABLES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_official import (
    SOURCE_2023,
    SOURCE_2025,
    WORKBOOK_2023,
    WORKBOOK_2025,
    AuthorityResolver,
    Cell,
    clean_header,
    progress,
    read_ods_sheet,
    sources_and_seeds,
)
from importing.workbooks import SOURCE_2024, WORKBOOK_2024
from seed_csv import write_csv

VISIT_COLUMNS = TABLES["visits"].file_columns

IN_YEAR_2023 = "LA_level_in_year_2022-23"
IN_YEAR_2024 = "Inspections_in_year_2023-24"
IN_YEAR_2025 = "In-year_inspections"

# The sheets' "Inspection/Visit type" values: visits, and the inspections left alone.
VISIT_KINDS = {"ILACS Focused Visit": "focused", "LA Monitoring visit": "monitoring"}
NOT_VISITS = frozenset({"ILACS Short Inspection", "ILACS Standard Inspection"})

# The sheets' "Visit Theme" values.
THEMES = {
    "Front door": "front_door",
    "Children in need/subject to a plan": "children_in_need",
    "Vulnerable adolescents": "vulnerable_adolescents",
    "Children in care": "children_in_care",
    "Achieving permanence": "achieving_permanence",
    "Care leavers": "care_leavers",
}

HEADER_FIRST_CELL = "Web link"
ROW_FIRST_CELL = "Ofsted Local Authority Webpage"


@dataclass(frozen=True)
class InYearSheet:
    """One workbook's in-year sheet and the columns it has."""

    workbook: str
    sheet: str
    source: str
    published_column: str | None
    ons_column: str | None
    shared_links: frozenset[str] = frozenset()
    """Link numbers the sheet gives to two authorities: there the row's name decides."""


SHEETS = (
    InYearSheet(WORKBOOK_2023, IN_YEAR_2023, SOURCE_2023, None, None),
    # Its links are DfE numbers; North and West Northamptonshire both link to 941
    # (rows 58 and 60), as in the 2025 edition, and the sheet has no ONS column.
    InYearSheet(WORKBOOK_2024, IN_YEAR_2024, SOURCE_2024, None, None, frozenset({"941"})),
    InYearSheet(
        WORKBOOK_2025,
        IN_YEAR_2025,
        SOURCE_2025,
        "Publication date",
        "Local authority area code",
    ),
)

TYPE_COLUMN = "Inspection/Visit type"
DATE_COLUMN = "Inspection/Visit date"
NAME_COLUMN = "Local authority name"
THEME_COLUMN = "Visit Theme"


class SheetError(ValueError):
    """A row of an in-year sheet that cannot be read."""


def _day(text: str, where: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SheetError(f"{where}, column '{column}': {text!r} is not a date") from None


def _link_number(cell: Cell) -> str:
    """The number at the end of a row's web link (an Ofsted URN or a DfE number)."""
    return cell.link.rstrip("/").rsplit("/", 1)[-1] if cell.link else ""


def read_sheet(
    path: Path, spec: InYearSheet, resolver: AuthorityResolver, problems: list[str]
) -> list[dict[str, str]]:
    """The visit rows of one in-year sheet, in sheet order."""
    rows = read_ods_sheet(path, spec.sheet)
    header: dict[str, int] | None = None
    out: list[dict[str, str]] = []
    for number in sorted(rows):
        cells = rows[number]
        first = clean_header(cells[0].text) if cells else ""
        if first == HEADER_FIRST_CELL:
            header = {clean_header(c.text): i for i, c in enumerate(cells) if c.text}
            continue
        if first != ROW_FIRST_CELL:
            continue
        where = f"{spec.workbook}, sheet {spec.sheet}, row {number}"
        if header is None:
            problems.append(f"{where}: a visit row before the header row")
            continue

        def cell(column: str, cells: list[Cell] = cells, columns: dict[str, int] = header) -> str:
            position = columns.get(column)
            if position is None or position >= len(cells):
                return ""
            return cells[position].text.strip()

        kind_text = cell(TYPE_COLUMN)
        if kind_text in NOT_VISITS:
            continue
        try:
            kind = VISIT_KINDS.get(kind_text)
            if kind is None:
                raise SheetError(f"{where}: visit type {kind_text!r} is not one this tool knows")
            theme_text = cell(THEME_COLUMN)
            theme = THEMES.get(theme_text, "") if theme_text else ""
            if theme_text and not theme:
                raise SheetError(f"{where}: visit theme {theme_text!r} is not one this tool knows")
            start = _day(cell(DATE_COLUMN), where, DATE_COLUMN)
            published = (
                _day(cell(spec.published_column), where, spec.published_column)
                if spec.published_column
                else None
            )
        except SheetError as error:
            problems.append(str(error))
            continue
        codes: list[tuple[str, str]] = []
        if spec.ons_column:
            codes.append(("ons", cell(spec.ons_column)))
        link = _link_number(cells[0])
        if link and link not in spec.shared_links:
            codes.append(("ofsted_urn" if len(link) > 3 else "dfe", link))
        before = len(resolver.problems)
        authority = resolver.resolve(cell(NAME_COLUMN), start, codes, where=where)
        if len(resolver.problems) > before:
            continue  # reported by the resolver
        note = "" if published else "this sheet gives no publication date"
        out.append(
            {
                "id": f"{authority}-{kind}-visit-{start.isoformat()}",
                "authority": authority,
                "kind": kind,
                "start": start.isoformat(),
                "published": published.isoformat() if published else "",
                "theme": theme,
                "source": spec.source,
                "locator": f"sheet {spec.sheet}, row {number}",
                "note": note,
            }
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Read the three in-year sheets and write ``seeds/visits/official.csv``."""
    sources, seeds = sources_and_seeds(argv, __doc__)
    resolver = AuthorityResolver.load(seeds, sources)
    problems: list[str] = []
    rows: list[dict[str, str]] = []
    for spec in SHEETS:
        path = sources / "official" / spec.workbook
        progress(f"reading {path.name} / {spec.sheet}")
        found = read_sheet(path, spec, resolver, problems)
        progress(f"  {len(found)} visits")
        rows.extend(found)
    seen: dict[str, str] = {}
    for row in rows:
        if row["id"] in seen:
            problems.append(
                f"{row['locator']}: visit id {row['id']} is also {seen[row['id']]}; two visits"
                " of one kind to one authority starting the same day"
            )
        seen.setdefault(row["id"], row["locator"])
    problems.extend(resolver.problems)
    if problems:
        progress(f"could not read or resolve {len(problems)} rows; nothing written:")
        for problem in problems:
            progress(f"  - {problem}")
        return 1
    rows.sort(key=lambda r: r["id"])
    count = write_csv(seeds / "visits" / "official.csv", VISIT_COLUMNS, rows)
    progress(f"wrote seeds/visits/official.csv: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
