"""Generate inspection seed rows from Ofsted's official-statistics workbooks.

Reads two ODS workbooks (Crown copyright, Open Government Licence v3.0) from
the shared sources folder and writes:

- ``seeds/sources/official.csv``: one source row per workbook;
- ``seeds/inspections/official_2023.csv`` and
  ``seeds/judgements/official_2023.csv`` from sheet ``LA_inspections_2009-2023``
  of "Children's social care data in England 2023" (both tables: the 152
  authorities of March 2023 and the four abolished ones lower down);
- ``seeds/inspections/official_2025.csv`` and
  ``seeds/judgements/official_2025.csv`` from sheet ``ILACS_inspection_history``
  of "Local authority inspection outcomes as at 31 March 2025";
- its own block in ``seeds/KNOWN_ISSUES.md`` under the heading
  "Inspections: official sheets and snapshots".

Inspection ids follow ``<authority>-<framework>-<published>``. When a report
PDF of the same authority exists within a few days of a sheet's publication
date, the report's date (from its file name) makes the id; failing that, for
ILACS inspections, the 2025 history's date does. A row whose own publication
date differs from the id's date leaves ``published`` empty and says why in
``note``.

The work is done by the modules of ``tools/importing/`` (the two sheets, their
grades, ids and rows), which also hold the helpers shared with
``import_snapshots.py`` and ``import_visits.py`` (the ODS reader, authority
resolution, report dates, the KNOWN_ISSUES writer); this script re-exports
them.

Run from the repository root::

    python tools/import_official.py [--sources ../shared/sources]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from childservices.records import TABLES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from importing.authorities import (
    SPECIAL_SLUGS,
    SUCCESSIONS,
    AuthorityResolver,
    apply_succession,
    normalise_name,
    slug,
)
from importing.known_issues import (
    KNOWN_ISSUES_HEADING,
    iter_problems,
    progress,
    report_problems,
    write_known_issues_block,
)
from importing.ods import ODS_NS, Cell, clean_header, read_ods_sheet
from importing.raw import ILACS_SPLIT_FROM, RawInspection, ilacs_kind
from importing.report_dates import (
    REPORT_NAME,
    SAME_INSPECTION_DAYS,
    WIDE_WINDOW_DAYS,
    WIDE_WINDOW_FRAMEWORKS,
    ReportIndex,
    nearest_date,
)
from importing.rows import build_rows, canonical_date, compare_sources, inspection_id
from importing.sheet_2023 import SLOTS_2023, Slot, merge_same_day_reinspections, read_2023
from importing.sheet_2025 import AREAS_2025, COLUMNS_2025, read_2025
from importing.sheet_grades import ADEQUATE_SCALE_FRAMEWORKS, GradeError, sheet_grade
from importing.workbooks import (
    OFFICIAL_SOURCES,
    SHEET_2023,
    SHEET_2025,
    SOURCE_2023,
    SOURCE_2025,
    WORKBOOK_2023,
    WORKBOOK_2025,
)
from seed_csv import write_csv

__all__ = [
    "ADEQUATE_SCALE_FRAMEWORKS",
    "AREAS_2025",
    "COLUMNS_2025",
    "DEFAULT_SOURCES",
    "ILACS_SPLIT_FROM",
    "INSPECTION_COLUMNS",
    "JUDGEMENT_COLUMNS",
    "KNOWN_ISSUES_HEADING",
    "ODS_NS",
    "OFFICIAL_SOURCES",
    "REPORT_NAME",
    "SAME_INSPECTION_DAYS",
    "SEEDS",
    "SHEET_2023",
    "SHEET_2025",
    "SLOTS_2023",
    "SOURCE_2023",
    "SOURCE_2025",
    "SOURCE_COLUMNS",
    "SPECIAL_SLUGS",
    "SUCCESSIONS",
    "WIDE_WINDOW_DAYS",
    "WIDE_WINDOW_FRAMEWORKS",
    "WORKBOOK_2023",
    "WORKBOOK_2025",
    "AuthorityResolver",
    "Cell",
    "GradeError",
    "RawInspection",
    "ReportIndex",
    "Slot",
    "apply_succession",
    "build_rows",
    "canonical_date",
    "clean_header",
    "compare_sources",
    "ilacs_kind",
    "inspection_id",
    "iter_problems",
    "main",
    "merge_same_day_reinspections",
    "nearest_date",
    "normalise_name",
    "progress",
    "read_2023",
    "read_2025",
    "read_ods_sheet",
    "sheet_grade",
    "slug",
    "sources_and_seeds",
    "write_known_issues_block",
]

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DEFAULT_SOURCES = REPO.parent / "shared" / "sources"

INSPECTION_COLUMNS = TABLES["inspections"].file_columns
JUDGEMENT_COLUMNS = TABLES["judgements"].file_columns
SOURCE_COLUMNS = TABLES["sources"].file_columns

Rows = tuple[list[dict[str, str]], list[dict[str, str]]]
"""Inspection rows and judgement rows."""


def sources_and_seeds(argv: Sequence[str] | None, doc: str | None) -> tuple[Path, Path]:
    """An import tool's command line (its description the first line of ``doc``): the shared
    sources folder to read (``--sources``) and the seeds folder to write (``--seeds``)."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument(
        "--sources", type=Path, default=DEFAULT_SOURCES, help="shared sources folder"
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="seeds folder to write")
    args = parser.parse_args(argv)
    return args.sources, args.seeds


def main(argv: Sequence[str] | None = None) -> int:
    """Read both workbooks and write the seed files."""
    sources, seeds = sources_and_seeds(argv, __doc__)
    problems: list[str] = []

    resolver = AuthorityResolver.load(seeds, sources)
    progress(
        "authority mapping: "
        + (
            "seeds/authority_identifiers (canonical)"
            if resolver.canonical
            else "fallback (la-lookup.csv and name slugs)"
        )
    )
    reports = ReportIndex.load(sources / "ofsted-reports", resolver, problems)
    progress(f"report PDFs indexed: {sum(len(v) for v in reports.dates.values())}")
    raw_2025, corrections, raw_2023 = _read_workbooks(sources, resolver, problems)

    history: dict[str, list[dt.date]] = {}
    for raw in raw_2025:
        history.setdefault(raw.authority, []).append(raw.published)

    issues_2023: list[str] = []
    issues_2025: list[str] = []
    rows_2025 = build_rows(raw_2025, reports, {}, issues_2025, "2025 ILACS history")
    rows_2023 = build_rows(raw_2023, reports, history, issues_2023, "2023 sheet")
    disagreements: list[str] = []
    compare_sources(rows_2023, rows_2025, ("2023 sheet", "2025 history"), disagreements)

    _write_seeds(seeds, rows_2023, rows_2025)
    lines = _known_issues(corrections, issues_2025 + issues_2023, disagreements)
    write_known_issues_block(seeds / "KNOWN_ISSUES.md", "tools/import_official.py", lines)
    progress("updated seeds/KNOWN_ISSUES.md")

    report_problems(problems + resolver.problems)
    return 0


def _read_workbooks(
    sources: Path, resolver: AuthorityResolver, problems: list[str]
) -> tuple[list[RawInspection], list[str], list[RawInspection]]:
    """The 2025 history's inspections and corrections, and the 2023 sheet's inspections."""
    path_2023 = sources / "official" / WORKBOOK_2023
    path_2025 = sources / "official" / WORKBOOK_2025
    progress(f"reading {path_2025.name} / {SHEET_2025}")
    raw_2025, corrections = read_2025(path_2025, resolver, problems)
    progress(f"  {len(raw_2025)} ILACS inspections")
    progress(f"reading {path_2023.name} / {SHEET_2023}")
    raw_2023 = read_2023(path_2023, resolver, problems)
    progress(f"  {len(raw_2023)} inspections")
    return raw_2025, corrections, raw_2023


def _write_seeds(seeds: Path, rows_2023: Rows, rows_2025: Rows) -> None:
    """Write the source rows and both sheets' inspection and judgement rows."""
    write_csv(seeds / "sources" / "official.csv", SOURCE_COLUMNS, OFFICIAL_SOURCES)
    counts = {
        "inspections/official_2023.csv": write_csv(
            seeds / "inspections" / "official_2023.csv", INSPECTION_COLUMNS, rows_2023[0]
        ),
        "judgements/official_2023.csv": write_csv(
            seeds / "judgements" / "official_2023.csv", JUDGEMENT_COLUMNS, rows_2023[1]
        ),
        "inspections/official_2025.csv": write_csv(
            seeds / "inspections" / "official_2025.csv", INSPECTION_COLUMNS, rows_2025[0]
        ),
        "judgements/official_2025.csv": write_csv(
            seeds / "judgements" / "official_2025.csv", JUDGEMENT_COLUMNS, rows_2025[1]
        ),
    }
    for name, count in counts.items():
        progress(f"wrote seeds/{name}: {count} rows")


def _known_issues(corrections: list[str], issues: list[str], disagreements: list[str]) -> list[str]:
    """This tool's block of KNOWN_ISSUES.md."""
    return [
        "### Official workbooks (tools/import_official.py)",
        "",
        "- The 2023 workbook (sheet `LA_inspections_2009-2023`) writes every middle grade as"
        " 'Requires improvement to be good', also for SLAC, CPI/CPRI and TLAC (2009-2013), whose"
        " scale had `adequate`: those rows are mapped back to `adequate` (`sheet_grade` in the"
        " script); SIF and ILACS rows get `requires_improvement`.",
        "- Before ILACS the 2023 sheet gives only publication dates; SLAC rows have no overall"
        " judgement (`not_given`), only the safeguarding and looked after children judgements."
        " Its web links are Ofsted report pages keyed sometimes by URN and sometimes by DfE"
        " number, so authorities are matched by name there.",
        "- Cells holding ' -' in the 2023 sheet are read as unknown (a row note says so).",
        "- The 2025 workbook's `ILACS_inspection_history` gives an 'Inspection date' (written to"
        " `start`) but no end date; its web links are keyed by DfE number, not Ofsted URN; its"
        " regions are Ofsted's eight (not used); authorities marked 'No longer exists' keep their"
        " own ids (`bournemouth`, `cumbria`, `northamptonshire`).",
        "- ILACS inspections before 1 January 2023 have one judgement for children in care and"
        " care leavers: where the care leavers cell is empty, the 'children in care' cell is"
        " written as `in_care_and_care_leavers`.",
        "- Inspections of Buckinghamshire before 1 April 2020 go to `buckinghamshire-county`;"
        " of North Yorkshire and Somerset before 1 April 2023 to `north-yorkshire-county` /"
        " `somerset-county`; Dorset's 2023-sheet row (the county) to `dorset-county`.",
        "- The 2025 workbook's Notes sheet records a correction, kept here for the record:",
        *[f"  - {c}" for c in corrections],
        "",
        "Publication dates that disagree with a report's file name or the 2025 history:",
        "",
        *(issues or ["- none"]),
        "",
        "Fields on which the 2023 sheet and the 2025 history disagree (each row keeps its own"
        " source's value; to be settled by reading the report and adding a correction):",
        "",
        *(disagreements or ["- none"]),
    ]


if __name__ == "__main__":
    sys.exit(main())
