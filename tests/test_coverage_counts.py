"""The bundled dataset covers every source file: counts made from the files themselves.

These counts are made from file names and CSV rows in ../shared/sources,
independently of the report parser and the import tools.
"""

import csv
import datetime
import re
from collections import Counter
from pathlib import Path

import pytest

import childservices as cs

pytestmark = pytest.mark.shared

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}


def _report_files(shared: Path) -> list[Path]:
    files = sorted((shared / "sources" / "ofsted-reports").glob("*/*.pdf"))
    return [f for f in files if f.read_bytes()[:4] == b"%PDF"]


def _file_date(path: Path) -> datetime.date:
    match = re.search(r"- (\d{2}) ([a-z]+) (\d{4})\.pdf$", path.name)
    assert match, path
    return datetime.date(int(match[3]), _MONTHS[match[2]], int(match[1]))


def test_every_real_report_is_an_inspection_in_the_dataset(shared_dir: Path) -> None:
    files = _report_files(shared_dir)
    assert len(files) == 493  # 497 files, of which 4 are HTML saved as .pdf (sources/README.md)
    ds = cs.load()
    cited: Counter[tuple[str, str]] = Counter()
    for inspection in ds.records.inspections:
        for citation in inspection.citations:
            url = ds.source(citation.source).url or ""
            match = re.fullmatch(r"https://reports\.ofsted\.gov\.uk/provider/44/(\d+)", url)
            if match and citation.locator and citation.locator.endswith(".pdf"):
                cited[(match[1], citation.locator)] += 1
    missing = [f for f in files if (f.parent.name.split("_")[0], f.name) not in cited]
    assert missing == []


def test_report_years_match_the_file_names(shared_dir: Path) -> None:
    by_year_files = Counter(_file_date(f).year for f in _report_files(shared_dir))
    ds = cs.load()
    by_year_data: Counter[int] = Counter()
    for inspection in ds.records.inspections:
        if any(c.source.startswith("ofsted-report-") for c in inspection.citations):
            by_year_data[inspection.published.year] += 1
    # Surrey's separate safeguarding board review (a report of its own, August 2015) is
    # held as a judgement of Surrey's SIF inspection, not as an inspection.
    by_year_files[2015] -= 1
    assert by_year_data == by_year_files


def test_every_inspection_in_the_snapshots_has_its_report(shared_dir: Path) -> None:
    # The report PDFs now run to 20 August 2026, past the last snapshot (29 June 2026):
    # every inspection a snapshot lists has a report file of the same date, and the
    # dataset holds each once, citing both the snapshot's link and the report.
    listed: set[tuple[str, datetime.date]] = set()
    for path in sorted((shared_dir / "sources" / "ilacs-summary-snapshots").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row["publication_date"]
                for fmt in ("%d/%m/%Y", "%d/%m/%y"):
                    try:
                        listed.add((row["urn"], datetime.datetime.strptime(text, fmt).date()))
                        break
                    except ValueError:
                        continue
    assert len(listed) == 208
    files = {(f.parent.name.split("_")[0], _file_date(f)) for f in _report_files(shared_dir)}
    assert listed <= files
    ds = cs.load()
    snapshot_only = [
        i.id
        for i in ds.records.inspections
        if any(c.source.startswith("ofsted-file-") for c in i.citations)
        and not any(c.source.startswith("ofsted-report-") for c in i.citations)
    ]
    assert snapshot_only == []


def test_reformed_reports_carry_four_area_grades_and_no_overall(shared_dir: Path) -> None:
    # 11 report files of 2026 have no "Overall effectiveness" row on their first page
    # (counted with poppler's pdftotext, see tests/reports/test_shared_reports.py).
    ds = cs.load()
    reformed = [
        i
        for i in ds.records.inspections
        if any(c.source.startswith("ofsted-report-") for c in i.citations)
        and i.framework is cs.Framework.ILACS_2026
    ]
    assert len(reformed) == 11
    for inspection in reformed:
        assert inspection.overall is cs.NOT_GIVEN
        assert set(inspection.grades) == {
            cs.Area.IMPACT_OF_LEADERS,
            cs.Area.HELP_AND_PROTECTION,
            cs.Area.IN_CARE,
            cs.Area.CARE_LEAVERS,
        }
