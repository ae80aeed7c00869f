"""Drop-in tables: Data to Insight's summary and history, Ofsted's "as at" sheet.

The checks against the originals (``../shared``) regenerate a table the
original publisher made and compare it cell by cell; every cell that differs
is listed here with the reason, and a listed difference that no longer
happens fails too, so the list stays true.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import childservices as cs
from childservices.errors import ChildServicesError
from childservices.layouts import (
    D2I_HISTORY,
    D2I_SUMMARY,
    INSPECTIONS,
    LAYOUTS,
    OFSTED_AS_AT,
    POST_REFORM_CELL,
    PRE_DATES_CELL,
    LayoutTable,
    Link,
    read_csv,
)

SNAPSHOT_DAY = "2026-06-29"
RULE_2025 = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")


@pytest.fixture(scope="module")
def summary() -> LayoutTable:
    return cs.load().summary_table(on=SNAPSHOT_DAY)


@pytest.fixture(scope="module")
def history() -> LayoutTable:
    return cs.load().history_table()


@pytest.fixture(scope="module")
def as_at() -> LayoutTable:
    return cs.load().as_at_table(RULE_2025)


# The shapes ------------------------------------------------------------------------


def test_summary_columns_are_the_snapshots(summary: LayoutTable) -> None:
    # The header of ../shared/sources/ilacs-summary-snapshots/2026-06-29.csv, line 1.
    header = [
        "urn",
        "la_code",
        "region_code",
        "ltla23cd",
        "stat_neighbours",
        "stat_neighbour_judgement",
        "local_authority",
        "inspection_link",
        "overall_effectiveness_grade",
        "inspection_framework",
        "inspector_name",
        "inspection_start_date",
        "inspection_end_date",
        "publication_date",
        "local_link_to_all_inspections",
        "impact_of_leaders_grade",
        "help_and_protection_grade",
        "in_care_grade",
        "care_leavers_grade",
        "inspectors_inspections_count",
    ]
    assert list(summary.columns) == header


def test_history_columns_are_the_tools(history: LayoutTable) -> None:
    # history_columns in ofsted_ilacs_scrape.py of the tool's public fork
    # (JT-39/ofsted-ilacs-scrape-tool), the header of its ofsted_csc_ilacs_history.csv.
    assert history.columns == (
        "urn",
        "local_authority",
        "inspection_link",
        "pdf_filename",
        "publication_date",
        "inspection_framework",
        "inspector_name",
        "inspection_start_date",
        "inspection_end_date",
        "overall_effectiveness_grade",
        "impact_of_leaders_grade",
        "help_and_protection_grade",
        "in_care_grade",
        "care_leavers_grade",
        "parser_version",
    )


def test_one_summary_row_per_authority_in_existence() -> None:
    ds = cs.load()
    # Northamptonshire was abolished on 31 March 2021; North and West Northamptonshire
    # began on 1 April 2021 (seeds/reorganisations).
    for day in ("2021-03-31", "2021-04-01", "2016-01-01", SNAPSHOT_DAY):
        table = ds.summary_table(on=day)
        names = [r["local_authority"] for r in table.records()]
        assert len(names) == len(set(names)) == len(ds.authorities(active_on=day))
    before = {r["local_authority"] for r in ds.summary_table(on="2021-03-31").records()}
    after = {r["local_authority"] for r in ds.summary_table(on="2021-04-01").records()}
    assert before - after == {"northamptonshire"}
    assert after - before == {"north northamptonshire", "west northamptonshire"}


def test_a_new_council_has_no_inspection_until_its_own() -> None:
    ds = cs.load()
    # North Northamptonshire (URN 2637539): its first report was published on 25
    # November 2022 (history CSV of the tool's fork; snapshot 2026-06-29 line 96).
    before = ds.summary_table(on="2022-06-01").row("2637539")
    assert before["local_authority"] == "north northamptonshire"
    assert before["overall_effectiveness_grade"] is None
    assert before["publication_date"] is None
    after = ds.summary_table(on="2022-12-01").row("2637539")
    assert after["publication_date"] == datetime.date(2022, 11, 25)
    assert after["overall_effectiveness_grade"] == "requires improvement"
    assert after["inspection_framework"] == "standard"


def test_a_council_that_kept_its_urn_keeps_its_reports() -> None:
    # Buckinghamshire's unitary council kept URN 80442 (seeds/authority_identifiers);
    # the folder export_data/inspection_reports/80442_buckinghamshire holds the county
    # council's report of 29 January 2018 (a SIF re-inspection, inadequate: Ofsted's 2023
    # sheet LA_inspections_2009-2023, row 23).
    row = cs.load().summary_table(on="2021-06-01").row("80442")
    assert row["publication_date"] == datetime.date(2018, 1, 29)
    assert row["overall_effectiveness_grade"] == "inadequate"
    assert row["inspection_framework"] == "sif reinspection"
    assert row["local_authority"] == "buckinghamshire"


def test_a_day_before_ilacs_reads_the_sif() -> None:
    # Sandwell's first SIF report, 5 June 2015: inadequate (Ofsted's 2023 sheet
    # LA_inspections_2009-2023, row 112).
    row = cs.load().summary_table(on="2016-01-01").row("80549")
    assert row["overall_effectiveness_grade"] == "inadequate"
    assert row["inspection_framework"] == "sif"
    assert row["publication_date"] == datetime.date(2015, 6, 5)
    assert row["impact_of_leaders_grade"] == PRE_DATES_CELL
    assert row["in_care_grade"] == PRE_DATES_CELL


def test_the_reform_is_not_a_grade(summary: LayoutTable) -> None:
    # Brent (URN 80489), published 17 June 2026 under the reformed framework: four
    # judgements, good, and no overall judgement (snapshot 2026-06-29, line 60).
    brent = summary.row("80489")
    assert brent["overall_effectiveness_grade"] == POST_REFORM_CELL
    assert [brent[c] for c in D2I_SUMMARY.columns[15:19]] == ["good"] * 4
    # Brent (DfE 304) is Barking and Dagenham's 7th neighbour (la-lookup.csv row 2):
    # its cell there is the same word.
    neighbours = summary.row("80486")["stat_neighbour_judgement"]
    assert "(304, 'not_reported_post_reform')" in str(neighbours)


def test_no_placeholder_passes_for_a_value(summary: LayoutTable, history: LayoutTable) -> None:
    for table in (summary, history):
        cells = Counter(cell for row in table.text_rows() for cell in row)
        for placeholder in ("data_unreadable", "nan", "None", "Unknown", "NaN"):
            assert cells[placeholder] == 0, placeholder
    counts = [r["inspectors_inspections_count"] for r in summary.records()]
    assert 0 not in counts
    # An unknown inspector is an empty count, a known one at least 1.
    for row in summary.records():
        assert (row["inspector_name"] is None) == (row["inspectors_inspections_count"] is None)


def test_inspector_counts_count_the_table(summary: LayoutTable) -> None:
    names = Counter(r["inspector_name"] for r in summary.records() if r["inspector_name"])
    for row in summary.records():
        if row["inspector_name"]:
            assert row["inspectors_inspections_count"] == names[row["inspector_name"]]


def test_history_has_every_inspection_from_2009(history: LayoutTable) -> None:
    ds = cs.load()
    expected = [
        i
        for i in ds.records.inspections
        if i.framework is not cs.Framework.JAR  # visits are records of their own, not inspections
    ]
    assert len(history) == len(expected)
    rows = history.records()
    frameworks = Counter(r["inspection_framework"] for r in rows)
    assert {"slac", "cpi", "lac", "sif", "standard", "short"} <= set(frameworks)
    # Sorted as the tool sorts it: by URN, newest report first.
    keyed = [(str(r["urn"] or ""), r["publication_date"]) for r in rows if r["urn"]]
    for (urn, day), (next_urn, next_day) in itertools.pairwise(keyed):
        assert urn < next_urn or (urn == next_urn and day >= next_day)
    assert all(r["parser_version"] == ds.data_version for r in rows)


def test_history_row_of_a_known_report(history: LayoutTable) -> None:
    # Blackpool, published 1 February 2023: the tool's history CSV row (JT-39 fork,
    # ofsted_csc_ilacs_history.csv): standard, Lisa Summers, 05/12/2022 to 16/12/2022,
    # requires improvement, requires improvement, requires improvement, good,
    # inspection_pre_dates_judgement.
    row = next(
        r
        for r in history.records()
        if r["urn"] == 80431 and r["publication_date"] == datetime.date(2023, 2, 1)
    )
    text = dict(
        zip(history.columns, history.text_rows()[history.records().index(row)], strict=True)
    )
    assert text["inspection_link"] == "https://files.ofsted.gov.uk/v1/file/50206631"
    assert text["pdf_filename"] == "children's services inspection - 01 february 2023.pdf"
    assert text["publication_date"] == "01/02/23"
    assert text["inspection_start_date"] == "05/12/2022"
    assert text["inspection_end_date"] == "16/12/2022"
    assert text["inspector_name"] == "Lisa Summers"
    assert [text[c] for c in D2I_HISTORY.columns[9:14]] == [
        "requires improvement",
        "requires improvement",
        "requires improvement",
        "good",
        PRE_DATES_CELL,
    ]


def test_as_at_for_a_day_ofsted_never_published() -> None:
    # 31 March 2022, reports by 30 June 2022: North and West Northamptonshire (from April
    # 2021) were first inspected in October 2022, so Ofsted counts them as not yet
    # inspected (rules.official); their rows have no judgement.
    table = cs.load().as_at_table(
        cs.CountingRule(inspected_by="2022-03-31", published_by="2022-06-30")
    )
    rows = {r["Local authority name"]: r for r in table.records()}
    assert rows["North Northamptonshire"]["Overall effectiveness"] is None
    assert rows["North Northamptonshire"]["Local authority area code"] == "E06000061"
    assert "Cumbria" in rows and "Cumberland" not in rows
    assert len(table) == len(cs.load().authorities(active_on="2022-03-31"))


# Output: CSV round trip, xlsx with typed dates ---------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_csv_round_trips(
    name: str, summary: LayoutTable, history: LayoutTable, as_at: LayoutTable
) -> None:
    tables = {"d2i-summary": summary, "d2i-history": history, "ofsted-as-at": as_at}
    table = tables[name] if name in tables else cs.load().inspections_table()
    back = read_csv(table.layout, io.StringIO(table.csv_text()))
    expected = tuple(tuple(c.url if isinstance(c, Link) else c for c in row) for row in table.rows)
    assert back.rows == expected
    assert back.csv_text() == table.csv_text()


def test_csv_file_round_trips(tmp_path: Path, summary: LayoutTable) -> None:
    path = tmp_path / "summary.csv"
    summary.to_csv(path)
    assert read_csv(D2I_SUMMARY, path) == summary
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_reading_a_wrong_csv_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ChildServicesError, match=r"other\.csv.*header"):
        read_csv(D2I_SUMMARY, path)
    path.write_text(",".join(D2I_SUMMARY.columns) + "\nabc" + "," * 19 + "\n", encoding="utf-8")
    with pytest.raises(ChildServicesError, match=r"other\.csv, line 2, column urn"):
        read_csv(D2I_SUMMARY, path)


def test_xlsx_opens_with_typed_dates(
    tmp_path: Path, summary: LayoutTable, as_at: LayoutTable
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "summary.xlsx"
    summary.to_xlsx(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "ofsted_cs_inspections_overview"  # the tool's sheet name
    header = [c.value for c in sheet[1]]
    assert header == list(D2I_SUMMARY.columns)
    column = {name: n for n, name in enumerate(header)}
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 153
    barnsley = rows[80426]  # snapshot line 2: published 27/10/23, from 11/09/2023
    published = barnsley[column["publication_date"]]
    assert published.value == datetime.datetime(2023, 10, 27)
    assert published.number_format == "dd/mm/yy"
    start = barnsley[column["inspection_start_date"]]
    assert start.value == datetime.datetime(2023, 9, 11)
    assert start.number_format == "dd/mm/yyyy"
    assert barnsley[column["la_code"]].value == 370
    assert barnsley[column["local_link_to_all_inspections"]].value.startswith("=HYPERLINK(")

    path = tmp_path / "as_at.xlsx"
    as_at.to_xlsx(path)
    sheet = openpyxl.load_workbook(path).active
    # Ofsted's layout: a title (row 1) and a note (row 2) above the header (row 3).
    assert [c.value for c in sheet[3]] == list(OFSTED_AS_AT.columns)
    link = sheet.cell(row=4, column=1)
    assert link.value == "Ofsted Local Authority Webpage"
    assert link.hyperlink.target == "https://reports.ofsted.gov.uk/provider/44/80486"
    assert sheet.cell(row=4, column=5).value == datetime.datetime(2023, 7, 10)


def test_export_command_writes_each_layout(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "childservices", "export", *args],
            capture_output=True,
            text=True,
            timeout=180,
        )

    out = tmp_path / "s.csv"
    result = run("--layout", "d2i-summary", "--on", SNAPSHOT_DAY, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert read_csv(D2I_SUMMARY, out) == cs.load().summary_table(on=SNAPSHOT_DAY)
    result = run(
        "--layout",
        "ofsted-as-at",
        "--on",
        "2025-03-31",
        "--published-by",
        "2025-06-30",
        "--out",
        "-",
    )
    assert result.returncode == 0, result.stderr
    assert (
        read_csv(OFSTED_AS_AT, io.StringIO(result.stdout)).rows
        == read_csv(OFSTED_AS_AT, io.StringIO(cs.load().as_at_table(RULE_2025).csv_text())).rows
    )
    xlsx = tmp_path / "h.xlsx"
    result = run("--layout", "d2i-history", "--format", "xlsx", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(xlsx)
    for args, says in (
        (("--layout", "d2i-summary", "--out", "-"), "needs --on"),
        (("--layout", "d2i-history", "--format", "json", "--out", "-"), "csv or xlsx"),
        (("--layout", "d2i-history", "--format", "xlsx", "--out", "-"), "needs a file"),
        (("--format", "xlsx", "--out", str(tmp_path / "x")), "xlsx is for --layout"),
    ):
        result = run(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert says in result.stderr


# Against the originals (../shared) ---------------------------------------------------

# Differences between the regenerated summary of 29 June 2026 and Data to Insight's
# snapshot of that day: (URN, column) -> (snapshot's cell, regenerated cell, reason).
_CORRECTION = "a correction on record (seeds/corrections) from reading the report: "
SUMMARY_DIFFERENCES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("80426", "ltla23cd"): (
        "E08000016",
        "E08000038",
        "Barnsley's GSS code changed on 1 April 2025 with its boundary (The Barnsley and "
        "Sheffield (Boundary Change) Order 2024); the tool's lookup still has the old code",
    ),
    ("80551", "ltla23cd"): ("E08000019", "E08000039", "Sheffield: as Barnsley, the same Order"),
    **{
        (urn, "ltla23cd"): (
            old,
            new,
            "the snapshot's ltla23cd is the lookup's ltla23cd, "
            "which keeps the former county council's E10 code for the unitary council; the "
            "record has the unitary council's code (the lookup's la_code_new)",
        )
        for urn, old, new in (
            ("80442", "E10000002", "E06000060"),  # Buckinghamshire, 2020
            ("2733690", "E10000006", "E06000063"),  # Cumberland, 2023 (Cumbria's code)
            ("2733698", "E10000006", "E06000064"),  # Westmorland and Furness, 2023
            ("2532283", "E10000009", "E06000059"),  # Dorset, 2019
            ("80530", "E10000023", "E06000065"),  # North Yorkshire, 2023
            ("80555", "E10000027", "E06000066"),  # Somerset, 2023
        )
    },
    ("80522", "region_code"): (
        "nan",
        "SE",
        "a fuller value: the lookup gives Medway no region code, but its region name "
        "(South East) is recorded",
    ),
    ("80489", "overall_effectiveness_grade"): (
        "nan",
        POST_REFORM_CELL,
        "Brent's report of 17 June 2026 is under the reformed framework, which gives no "
        "overall judgement: the snapshot wrote nan, the tool now writes not_reported_post_reform",
    ),
    ("80555", "overall_effectiveness_grade"): (
        "nan",
        POST_REFORM_CELL,
        "Somerset's report of 17 June 2026: as Brent's",
    ),
    ("80438", "inspection_framework"): (
        "None",
        "short",
        "a fuller value: the snapshot could not read Brighton and Hove's 2024 report; "
        "Ofsted's 2025 ILACS history gives a short inspection",
    ),
    ("80438", "inspection_start_date"): ("", "11/03/2024", "a fuller value, as above"),
    ("80438", "inspection_end_date"): ("", "15/03/2024", "a fuller value, as above"),
    ("80533", "inspection_framework"): (
        "None",
        "standard",
        "a fuller value: the snapshot could not read Nottingham's 2022 report; Ofsted's "
        "2025 ILACS history gives a standard inspection",
    ),
    ("80533", "inspection_start_date"): ("", "11/07/2022", "a fuller value, read from the report"),
    ("80533", "inspection_end_date"): ("", "22/07/2022", "a fuller value, read from the report"),
    ("80533", "care_leavers_grade"): (
        "inadequate",
        PRE_DATES_CELL,
        "a known error in the original: Nottingham's inspection of July 2022 came before "
        "care leavers were judged on their own; the tool, without the dates, shifted a grade "
        "into the column",
    ),
    ("80461", "inspection_end_date"): (
        "11/10/2024",
        "16/01/2025",
        _CORRECTION + "Devon's inspection was paused and ended on 16 January 2025",
    ),
    ("80557", "inspection_end_date"): (
        "09/12/2022",
        "15/02/2023",
        _CORRECTION + "South Tyneside's inspection resumed and ended on 15 February 2023",
    ),
    **{
        ("80560", column): (
            old,
            new,
            _CORRECTION + "the snapshot's St Helens grades are shifted between columns",
        )
        for column, old, new in (
            ("help_and_protection_grade", "good", "requires improvement"),
            ("in_care_grade", "requires improvement", "good"),
            ("care_leavers_grade", "good", "outstanding"),
        )
    },
    **{
        (urn, "inspector_name"): (
            "jenny -ellen scotland",
            "jenny-ellen scotland",
            "a known error in the original: its text extraction split the hyphenated name "
            "the report prints",
        )
        for urn in ("80506", "80514", "80552", "80579")  # Lambeth, Southwark, Shropshire, Wigan
    },
    ("80569", "inspector_name"): (
        "None",
        "andy waugh",
        "a fuller value: the tool could not read Tameside's lead inspector; the record reads "
        "the report",
    ),
    ("80569", "inspectors_inspections_count"): ("0", "3", "follows from the inspector known"),
    ("80532", "inspectors_inspections_count"): (
        "2",
        "3",
        "Andy Waugh (Northumberland) also leads Tameside's, now known",
    ),
    ("80533", "inspectors_inspections_count"): ("2", "3", "Andy Waugh (Nottingham): as above"),
    **{
        (urn, column): (
            old,
            "",
            "the record does not know the lead inspector either: an empty "
            "cell, not the text None and a count of 0",
        )
        for urn in ("80461", "80576")  # Devon, Warwickshire
        for column, old in (("inspector_name", "None"), ("inspectors_inspections_count", "0"))
    },
}

NEIGHBOUR_REASON = (
    "Brent (304) and Somerset (933) have no overall judgement (reformed framework): the "
    "snapshot wrote nan in their neighbours' lists, the table writes the same word as their "
    "own row"
)


@pytest.mark.shared
def test_summary_of_29_june_2026_against_the_snapshot(
    shared_dir: Path, summary: LayoutTable
) -> None:
    path = shared_dir / "sources" / "ilacs-summary-snapshots" / f"{SNAPSHOT_DAY}.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        snapshot = {row[0]: dict(zip(header, row, strict=True)) for row in reader}
    assert tuple(header) == summary.columns
    ours = {row[0]: dict(zip(summary.columns, row, strict=True)) for row in summary.text_rows()}
    assert set(ours) == set(snapshot)  # the same 153 authorities, by URN
    found: dict[tuple[str, str], tuple[str, str]] = {}
    neighbour_cells = 0
    for urn, theirs in snapshot.items():
        for column in summary.columns:
            if ours[urn][column] == theirs[column]:
                continue
            if column == "stat_neighbour_judgement":
                # NEIGHBOUR_REASON: the only change allowed in these lists.
                expected = re.sub(
                    r"\((304|933), nan\)", rf"(\1, '{POST_REFORM_CELL}')", theirs[column]
                )
                assert ours[urn][column] == expected, urn
                neighbour_cells += 1
                continue
            found[(urn, column)] = (theirs[column], ours[urn][column])
    assert found == {key: value[:2] for key, value in SUMMARY_DIFFERENCES.items()}
    # Every authority listing Brent or Somerset as a neighbour (the lookup's lists).
    assert (
        neighbour_cells
        == sum(
            1
            for row in snapshot.values()
            if re.search(r"\((304|933), nan\)", row["stat_neighbour_judgement"])
        )
        == 27
    )


@pytest.mark.shared
def test_the_listed_reasons_hold(shared_dir: Path) -> None:
    """The reasons that name a lookup column or a correction are checked against them."""
    lookup_path = shared_dir / "sources" / "la-lookup.csv"
    with lookup_path.open(encoding="utf-8-sig", newline="") as handle:
        lookup = {row["urn"]: row for row in csv.DictReader(handle)}
    for (urn, column), (old, new, reason) in SUMMARY_DIFFERENCES.items():
        if column == "ltla23cd" and "lookup's ltla23cd" in reason:
            assert lookup[urn]["ltla23cd"] == old
            assert lookup[urn]["la_code_new"] == new
    assert lookup["80522"]["region_code"] == "" and lookup["80522"]["region_name"] == "South East"
    corrections = (Path(__file__).parent.parent / "seeds" / "corrections").glob("*.csv")
    text = "".join(p.read_text(encoding="utf-8") for p in corrections)
    for inspection in (
        "devon-ilacs-2025-05-13",
        "south-tyneside-ilacs-2023-05-10",
        "st-helens-ilacs-2023-09-04",
    ):
        assert inspection in text


def _ods_sheet(path: Path, sheet: str) -> tuple[list[str], list[list[object]], list[str | None]]:
    """Header, rows (pandas + odfpy) and each row's web link formula (odfpy) of an ODS sheet."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    from odf import opendocument, table, text

    frame = pd.read_excel(path, sheet_name=sheet, header=2, engine="odf")
    rows = [
        [None if (isinstance(v, float) and pd.isna(v)) else v for v in record]
        for record in frame.itertuples(index=False)
    ]
    document = opendocument.load(str(path))
    links: list[str | None] = []
    for candidate in document.spreadsheet.getElementsByType(table.Table):
        if candidate.getAttribute("name") != sheet:
            continue
        for row in candidate.getElementsByType(table.TableRow)[3:]:
            cells = row.getElementsByType(table.TableCell)
            if not cells or not "".join(str(p) for p in cells[0].getElementsByType(text.P)):
                continue
            formula = cells[0].getAttribute("formula") or ""
            match = re.search(r'HYPERLINK\("([^"]+)"', formula)
            links.append(match.group(1) if match else None)
    return [str(c) for c in frame.columns], rows, links


# Differences between the regenerated "as at 31 March 2025" table and Ofsted's sheet.
AS_AT_LINK_REASON = (
    "a known error in the original: its web links end with the DfE number (the workbook's "
    "quirk, noted in ../shared/sources/README.md), and reports.ofsted.gov.uk/provider/44/ "
    "pages are by Ofsted URN; the table links by URN"
)


SHARED_LINKS = {"city-of-london": "206", "north-northamptonshire": "941"}


@pytest.mark.shared
def test_as_at_31_march_2025_against_ofsteds_sheet(shared_dir: Path, as_at: LayoutTable) -> None:
    path = shared_dir / "sources" / "official" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
    header, rows, links = _ods_sheet(path, "Inspections_as_at_31_March")
    assert tuple(header) == as_at.columns
    assert len(rows) == len(links) == len(as_at) == 153
    ours = {r["Local authority area code"]: r for r in as_at.records()}
    ds = cs.load()
    link_differences = 0
    for row, link in zip(rows, links, strict=True):
        theirs = dict(zip(header, row, strict=True))
        mine = ours[theirs["Local authority area code"]]
        for column in header[1:]:
            value = theirs[column]
            if isinstance(value, datetime.datetime):
                value = value.date()
            assert mine[column] == value, (theirs["Local authority name"], column)
        # Web link: the sheet's is keyed by DfE number (AS_AT_LINK_REASON), and two pairs
        # share one (../shared/sources/README.md): City of London has Islington's (206),
        # North Northamptonshire West Northamptonshire's (941).
        authority = ds.authority(theirs["Local authority area code"])
        dfe = SHARED_LINKS.get(authority.id, authority.identifier("dfe"))
        assert link == f"https://reports.ofsted.gov.uk/provider/44/{dfe}"
        assert isinstance(mine["Web link"], Link)
        assert mine["Web link"].url == (
            f"https://reports.ofsted.gov.uk/provider/44/{authority.identifier('ofsted_urn')}"
        )
        link_differences += mine["Web link"].url != link
    assert link_differences == 153


@pytest.mark.shared
def test_history_against_the_report_files(shared_dir: Path, history: LayoutTable) -> None:
    """Each authority's report PDFs are its history rows with a file name, and no more."""
    folders = shared_dir / "sources" / "ofsted-reports"
    listed: defaultdict[str, set[str]] = defaultdict(set)
    for row in history.records():
        if row["pdf_filename"]:
            listed[str(row["urn"])].add(str(row["pdf_filename"]))
    # Files that are not one inspection's report (seeds/KNOWN_ISSUES.md): four web pages
    # saved under a .pdf name, and Surrey's safeguarding board review of 3 August 2015,
    # whose grade belongs to the SIF inspection published before it (cited, not a row).
    not_rows = {
        ("80429", "children's services inspection - 19 october 2012.pdf"),
        ("80431", "children's services inspection - 13 july 2012.pdf"),
        ("80490", "children's services inspection - 17 august 2012.pdf"),
        ("80543", "children's services inspection - 10 august 2012.pdf"),
        ("80567", "children's services inspection - 03 august 2015.pdf"),
    }
    files = 0
    for folder in sorted(p for p in folders.iterdir() if p.is_dir()):
        urn = folder.name.partition("_")[0]
        pdfs = {p.name for p in folder.iterdir() if p.suffix == ".pdf"}
        files += len(pdfs)
        expected = {name for name in pdfs if (urn, name) not in not_rows}
        assert listed.get(urn, set()) == expected, folder.name
        # The folder's name is the tool's spelling of the authority, as the history writes it.
        names = {r["local_authority"] for r in history.records() if str(r["urn"]) == urn}
        assert names == {folder.name.partition("_")[2]}, folder.name
    assert files == 497
    assert sum(len(v) for v in listed.values()) == 497 - len(not_rows)


def test_the_wide_inspections_table() -> None:
    # Sandwell's SIF re-inspection report of 29 January 2018 (first page, read with
    # pdftotext): fieldwork 6 to 30 November 2017, lead inspector Karen Wareing, children
    # who need help and protection inadequate, care leavers requires improvement.
    table = cs.load().inspections_table()
    assert len(table) == len(cs.load().records.inspections)
    row = table.row("sandwell-sif-2018-01-29")
    assert (row["start"], row["end"]) == (datetime.date(2017, 11, 6), datetime.date(2017, 11, 30))
    assert row["lead_inspector"] == "Karen Wareing"
    assert row["help_and_protection"] == "inadequate"
    assert row["care_leavers"] == "requires_improvement"
    assert row["impact_of_leaders"] is None  # not an area of the SIF
    assert "https://reports.ofsted.gov.uk/provider/44/80549" in str(row["sources"])
    # A date known only to the year stays as the record has it, and the CSV reads back.
    assert cs.load().inspections_table().row("essex-jar-2008")["published"] == "2008"
    again = read_csv(INSPECTIONS, io.StringIO(table.csv_text()))
    assert again.rows == table.rows
