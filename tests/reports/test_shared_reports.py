"""Every report in ../shared/sources/ofsted-reports, read for real.

The expected counts and values here were made without the parser: counts by
listing the files and reading the title line at the top of each report's
text (one shell loop over the text), values by reading the reports named in
the comments. Reading all 493 PDFs takes about four minutes on two cores the
first time; their text is then cached by content (tests/conftest.py), so later
runs take seconds. They are read once per test run, on every CPU.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import os
from collections import Counter
from pathlib import Path

import pytest

from childservices import NOT_GIVEN, Area, Framework, Grade, InspectionKind, ReportError
from childservices.reports import (
    ReportFacts,
    extract_text,
    published_from_file_name,
    read_report_facts,
)

pytestmark = [pytest.mark.shared, pytest.mark.slow]

RI = Grade.REQUIRES_IMPROVEMENT
D = datetime.date

HTML_FILES = {
    "80429_birmingham/children's services inspection - 19 october 2012.pdf",
    "80431_blackpool/children's services inspection - 13 july 2012.pdf",
    "80490_bromley/children's services inspection - 17 august 2012.pdf",
    "80543_rotherham/children's services inspection - 10 august 2012.pdf",
}

# Files per year of the date in their name (ls | count), 497 in all.
FILES_PER_YEAR = {
    2012: 4, 2013: 4, 2014: 36, 2015: 37, 2016: 40, 2017: 42, 2018: 39,
    2019: 56, 2020: 19, 2021: 8, 2022: 46, 2023: 43, 2024: 48, 2025: 45, 2026: 30,
}  # fmt: skip

# Reports per (year in the file name, framework), counted from each report's
# title: "Inspection of looked after children services" (lac), "[Re-]inspection
# of services for children in need of help and protection" or "Review of the
# effectiveness of the Local Safeguarding Children Board" (sif), anything else
# (ilacs: "Inspection of ... children's services"; ilacs_2026: such a report whose
# first page has no "Overall effectiveness" row, counted with poppler's pdftotext,
# not the library's reader: 11 of the 30 files of 2026).
REPORTS_PER_YEAR_AND_FRAMEWORK = {
    (2013, "lac"): 4,
    (2014, "sif"): 36,
    (2015, "sif"): 37,  # one of them Surrey's separate board review
    (2016, "sif"): 40,
    (2017, "sif"): 42,
    (2018, "sif"): 13,
    (2018, "ilacs"): 26,
    (2019, "ilacs"): 56,
    (2020, "ilacs"): 19,
    (2021, "ilacs"): 8,
    (2022, "ilacs"): 46,
    (2023, "ilacs"): 43,
    (2024, "ilacs"): 48,
    (2025, "ilacs"): 45,
    (2026, "ilacs"): 19,
    (2026, "ilacs_2026"): 11,
}
# ILACS reports whose table has separate 'children in care' and 'care leavers'
# rows ("progress of care leavers" on the first page), by year.
SPLIT_ILACS_PER_YEAR = {2023: 33, 2024: 48, 2025: 45, 2026: 30}
# Titles starting "Re-inspection" or "Reinspection" (16), and Lambeth's of 9 May
# 2018, whose title does not say so but whose summary begins "This is a re-inspection".
SIF_REINSPECTIONS = 17
# First SIF reports that state no grade for the safeguarding board (searched by hand
# for "Safeguarding Children Board" and "LSCB"): Surrey's board was reviewed in a
# report of its own (3 August 2015); Leicester's and Darlington's reports give none.
SIF_WITHOUT_BOARD_GRADE = {
    "80458_darlington/children's services inspection - 21 may 2018.pdf",
    "80482_leicester/children's services inspection - 04 september 2017.pdf",
    "80567_surrey/children's services inspection - 03 june 2015.pdf",
}


def _read(path: Path, cache: Path) -> ReportFacts | str:
    try:
        return read_report_facts(path, cache=cache)
    except ReportError as exc:
        return str(exc)


@pytest.fixture(scope="module")
def results(shared_dir: Path, report_text_cache: Path) -> dict[str, ReportFacts | str]:
    """Every report file, read: its facts or the error message, by '<folder>/<file>'.

    The PDFs' text is kept in the test cache (``.cache/report-text``), so only the
    first run pays for pypdf; the parser runs on every file every time.
    """
    files = sorted((shared_dir / "sources" / "ofsted-reports").glob("*/*.pdf"))
    caches = [report_text_cache] * len(files)
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        outcomes = list(pool.map(_read, files, caches, chunksize=4))
    return {
        f"{path.parent.name}/{path.name}": outcome
        for path, outcome in zip(files, outcomes, strict=True)
    }


def facts(results: dict[str, ReportFacts | str], key: str) -> ReportFacts:
    outcome = results[key]
    assert isinstance(outcome, ReportFacts), outcome
    return outcome


def test_every_pdf_parses_and_only_the_html_files_fail(
    results: dict[str, ReportFacts | str],
) -> None:
    assert len(results) == 497
    failed = {key: outcome for key, outcome in results.items() if isinstance(outcome, str)}
    assert set(failed) == HTML_FILES, failed
    for key, message in failed.items():
        assert "not a PDF (looks like HTML)" in message
        assert key.split("/")[1] in message  # the path is in the message


def test_counts_per_year_and_framework(results: dict[str, ReportFacts | str]) -> None:
    years = Counter(published_from_file_name(key).year for key in results)  # type: ignore[union-attr]
    assert dict(years) == FILES_PER_YEAR
    parsed = {key: value for key, value in results.items() if isinstance(value, ReportFacts)}
    counts = Counter(
        (published_from_file_name(key).year, value.framework.value)  # type: ignore[union-attr]
        for key, value in parsed.items()
    )
    assert dict(counts) == REPORTS_PER_YEAR_AND_FRAMEWORK
    split = Counter(
        published_from_file_name(key).year  # type: ignore[union-attr]
        for key, value in parsed.items()
        if Area.IN_CARE in value.grades
    )
    assert dict(split) == SPLIT_ILACS_PER_YEAR
    reinspections = [v for v in parsed.values() if v.kind is InspectionKind.REINSPECTION]
    assert len(reinspections) == SIF_REINSPECTIONS
    without_board = {
        key
        for key, value in parsed.items()
        if value.framework is Framework.SIF
        and value.kind is None
        and Area.LSCB_REVIEW not in value.grades
    }
    assert without_board == SIF_WITHOUT_BOARD_GRADE


# Reports that name no lead inspector: the two PDFs whose whole text (pdftotext) has
# neither "lead inspector" nor "reporting inspector".
WITHOUT_LEAD_INSPECTOR = {
    "80461_devon/children's services inspection - 13 may 2025.pdf",
    "80576_warwickshire/children's services inspection - 14 october 2025.pdf",
}


def test_every_report_has_its_core_facts(results: dict[str, ReportFacts | str]) -> None:
    for key, value in results.items():
        if isinstance(value, str):
            continue
        assert bool(value.lead_inspector) is (key not in WITHOUT_LEAD_INSPECTOR), key
        assert value.overall is not None or value.lscb_review_only, key
        listed = published_from_file_name(key)
        assert listed is not None
        if value.end is not None:  # published within a year of the fieldwork ending
            assert datetime.timedelta(0) < listed - value.end < datetime.timedelta(days=240), key


def test_bradford(results: dict[str, ReportFacts | str]) -> None:
    # 80449_bradford/children's services inspection - 23 may 2014.pdf, first page:
    # overall "requires improvement", help and protection requires improvement,
    # looked after good, adoption good, care leavers good, leadership good, LSCB good;
    # "Inspection date: 18 Feb 2014 - 12 March 2014"; lead inspector Lynn Radley.
    sif = facts(results, "80449_bradford/children's services inspection - 23 may 2014.pdf")
    assert sif.framework is Framework.SIF and sif.overall is RI
    assert dict(sif.grades) == {
        Area.HELP_AND_PROTECTION: RI,
        Area.LOOKED_AFTER_AND_PERMANENCE: Grade.GOOD,
        Area.ADOPTION: Grade.GOOD,
        Area.CARE_LEAVERS: Grade.GOOD,
        Area.LEADERSHIP_MANAGEMENT_GOVERNANCE: Grade.GOOD,
        Area.LSCB_REVIEW: Grade.GOOD,
    }
    assert (sif.start, sif.end) == (D(2014, 2, 18), D(2014, 3, 12))
    assert sif.lead_inspector == "Lynn Radley"
    # 80449_bradford/children's services inspection - 29 october 2018.pdf, first page:
    # overall inadequate; leaders requires improvement; help and protection
    # inadequate; children in care and care leavers requires improvement.
    ilacs = facts(results, "80449_bradford/children's services inspection - 29 october 2018.pdf")
    assert ilacs.framework is Framework.ILACS and ilacs.overall is Grade.INADEQUATE
    assert dict(ilacs.grades) == {
        Area.IMPACT_OF_LEADERS: RI,
        Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
        Area.IN_CARE_AND_CARE_LEAVERS: RI,
    }
    assert (ilacs.start, ilacs.end) == (D(2018, 9, 17), D(2018, 9, 28))
    assert ilacs.lead_inspector == "Neil Penswick"


def test_looked_after_children_2013(results: dict[str, ReportFacts | str]) -> None:
    # 80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf: overall
    # effectiveness "Grade 4 (inadequate)", capacity to improve "Grade 4 (inadequate)",
    # "Inspection dates: 8 - 12 July 2013", "Reporting inspector Gary Lamb HMI".
    norfolk = facts(
        results, "80418_norfolk/children's services inspection,  pdf - 16 august 2013.pdf"
    )
    assert norfolk.framework is Framework.LAC and norfolk.overall is Grade.INADEQUATE
    assert dict(norfolk.grades) == {Area.CAPACITY_TO_IMPROVE: Grade.INADEQUATE}
    assert (norfolk.start, norfolk.end, norfolk.published) == (
        D(2013, 7, 8),
        D(2013, 7, 12),
        D(2013, 8, 16),
    )
    assert norfolk.lead_inspector == "Gary Lamb"
    # 80476_kent/children's services inspection,  pdf - 23 august 2013.pdf: overall
    # "Grade 3 (Adequate)", capacity to improve "Grade 2 (Good)".
    kent = facts(results, "80476_kent/children's services inspection,  pdf - 23 august 2013.pdf")
    assert kent.overall is Grade.ADEQUATE
    assert dict(kent.grades) == {Area.CAPACITY_TO_IMPROVE: Grade.GOOD}


def test_split_ilacs_judgement(results: dict[str, ReportFacts | str]) -> None:
    # 80560_st helens/children's services inspection - 04 september 2023.pdf, first page:
    # leaders good; help and protection requires improvement; children in care good;
    # care leavers outstanding; overall good.
    st_helens = facts(
        results, "80560_st helens/children's services inspection - 04 september 2023.pdf"
    )
    assert st_helens.overall is Grade.GOOD
    assert dict(st_helens.grades) == {
        Area.IMPACT_OF_LEADERS: Grade.GOOD,
        Area.HELP_AND_PROTECTION: RI,
        Area.IN_CARE: Grade.GOOD,
        Area.CARE_LEAVERS: Grade.OUTSTANDING,
    }


def test_reinspection(results: dict[str, ReportFacts | str]) -> None:
    # 80418_norfolk/children's services inspection - 19 january 2018.pdf: titled
    # "Re-inspection of services for children in need of help and protection ...";
    # requires improvement overall, adoption outstanding, no board review.
    norfolk = facts(results, "80418_norfolk/children's services inspection - 19 january 2018.pdf")
    assert norfolk.kind is InspectionKind.REINSPECTION
    assert norfolk.overall is RI
    assert norfolk.grades[Area.ADOPTION] is Grade.OUTSTANDING
    assert Area.LSCB_REVIEW not in norfolk.grades
    assert norfolk.published == D(2018, 1, 19)


def test_oddities(results: dict[str, ReportFacts | str]) -> None:
    # 80567_surrey/children's services inspection - 03 august 2015.pdf: the board review
    # on its own; "The Local Safeguarding Children Board requires improvement".
    board = facts(results, "80567_surrey/children's services inspection - 03 august 2015.pdf")
    assert board.lscb_review_only and dict(board.grades) == {Area.LSCB_REVIEW: RI}
    # 80455_isles of scilly/children's services inspection - 27 june 2016.pdf: the three
    # looked after rows say "Not Judged"; overall good.
    scilly = facts(
        results, "80455_isles of scilly/children's services inspection - 27 june 2016.pdf"
    )
    assert scilly.overall is Grade.GOOD
    assert set(scilly.not_judged) == {
        Area.LOOKED_AFTER_AND_PERMANENCE,
        Area.ADOPTION,
        Area.CARE_LEAVERS,
    }
    # 80450_london corporation/children's services inspection - 20 september 2016.pdf:
    # "Inspection date: 28 July 2016" (one date); adoption "Not judged"; leadership outstanding.
    london = facts(
        results, "80450_london corporation/children's services inspection - 20 september 2016.pdf"
    )
    assert london.start is None and london.end is None
    assert london.not_judged == (Area.ADOPTION,)
    assert london.grades[Area.LEADERSHIP_MANAGEMENT_GOVERNANCE] is Grade.OUTSTANDING
    # 80581_wirral/children's services inspection - 20 september 2016.pdf: the leadership
    # row is numbered "1." instead of "3."; it is inadequate.
    wirral = facts(results, "80581_wirral/children's services inspection - 20 september 2016.pdf")
    assert wirral.grades[Area.LEADERSHIP_MANAGEMENT_GOVERNANCE] is Grade.INADEQUATE
    # 80451_wakefield/children's services inspection - 17 july 2018.pdf: the table lists
    # leaders third; every grade inadequate.
    wakefield = facts(results, "80451_wakefield/children's services inspection - 17 july 2018.pdf")
    assert set(wakefield.grades.values()) == {Grade.INADEQUATE}
    # 80512_redbridge/children's services inspection - 25 november 2016.pdf:
    # "Inspection dates: 12/09/2016 to 06/10/2016".
    redbridge = facts(
        results, "80512_redbridge/children's services inspection - 25 november 2016.pdf"
    )
    assert (redbridge.start, redbridge.end) == (D(2016, 9, 12), D(2016, 10, 6))
    # 80564_stoke-on-trent/children's services inspection - 25 november 2022.pdf: two
    # lead inspectors, Rebecca Quested and Matthew Reed.
    stoke = facts(
        results, "80564_stoke-on-trent/children's services inspection - 25 november 2022.pdf"
    )
    assert stoke.lead_inspector == "Rebecca Quested and Matthew Reed"
    # 80577_west berkshire/children's services inspection - 18 may 2015.pdf prints
    # "Report published: 13 May 2015", not the listing's 18 May.
    berkshire = facts(
        results, "80577_west berkshire/children's services inspection - 18 may 2015.pdf"
    )
    assert berkshire.published == D(2015, 5, 13)
    # 80555_somerset/children's services inspection - 27 march 2015.pdf: "The Local
    # Safeguarding Children is inadequate" (the word "Board" is missing).
    somerset = facts(results, "80555_somerset/children's services inspection - 27 march 2015.pdf")
    assert somerset.grades[Area.LSCB_REVIEW] is Grade.INADEQUATE


def test_fieldwork_in_two_parts(results: dict[str, ReportFacts | str]) -> None:
    # First pages: Devon (May 2025) "30 September to 11 October 2024 and 13 to 16 January
    # 2025"; Derbyshire (September 2019) "8 July 2019 to 12 July 2019 and 7 August 2019 to
    # 8 August 2019"; Sheffield (February 2014) "19 November-11 December 2013 and 28 - 30
    # January 2014"; South Tyneside (May 2023) "5 to 9 December 2022 and 14 to 15 February
    # 2023". The fieldwork ends with the second part.
    expected = {
        "80461_devon/children's services inspection - 13 may 2025.pdf": (
            D(2024, 9, 30),
            D(2025, 1, 16),
        ),
        "80460_derbyshire/children's services inspection - 19 september 2019.pdf": (
            D(2019, 7, 8),
            D(2019, 8, 8),
        ),
        "80551_sheffield/children's services inspection - 21 february 2014.pdf": (
            D(2013, 11, 19),
            D(2014, 1, 30),
        ),
        "80557_south tyneside/children's services inspection - 10 may 2023.pdf": (
            D(2022, 12, 5),
            D(2023, 2, 15),
        ),
    }
    for key, dates in expected.items():
        value = facts(results, key)
        assert (value.start, value.end) == dates, key


def test_reformed_framework_2026(results: dict[str, ReportFacts | str]) -> None:
    # 80573_trafford/children's services inspection - 03 august 2026.pdf, first page:
    # "Inspection dates: 8 June 2026 to 19 June 2026", lead inspector Leanne Cooper; the
    # table has four rows and no "Overall effectiveness": leaders inadequate, help and
    # protection inadequate, children in care good, care leavers requires improvement.
    trafford = facts(results, "80573_trafford/children's services inspection - 03 august 2026.pdf")
    assert trafford.framework is Framework.ILACS_2026
    assert trafford.overall is NOT_GIVEN
    assert dict(trafford.grades) == {
        Area.IMPACT_OF_LEADERS: Grade.INADEQUATE,
        Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
        Area.IN_CARE: Grade.GOOD,
        Area.CARE_LEAVERS: RI,
    }
    assert (trafford.start, trafford.end) == (D(2026, 6, 8), D(2026, 6, 19))
    assert trafford.lead_inspector == "Leanne Cooper"
    # 2637539_north northamptonshire/children's services inspection - 07 july 2026.pdf:
    # the leaders row reads "The impact of leaders on practice with children and
    # families" (no "social work"); outstanding, then good, good, good.
    north = facts(
        results,
        "2637539_north northamptonshire/children's services inspection - 07 july 2026.pdf",
    )
    assert north.framework is Framework.ILACS_2026
    assert north.grades[Area.IMPACT_OF_LEADERS] is Grade.OUTSTANDING
    # 80449_bradford/children's services inspection - 21 may 2026.pdf: titled "Inspection
    # of Bradford Children and Families Trust" (fieldwork January 2026, before the
    # reform): overall requires improvement; its care leavers row reads "The experiences
    # and progress of children care leavers": good.
    bradford = facts(results, "80449_bradford/children's services inspection - 21 may 2026.pdf")
    assert bradford.framework is Framework.ILACS and bradford.overall is RI
    assert bradford.grades[Area.CARE_LEAVERS] is Grade.GOOD
    assert (bradford.start, bradford.end) == (D(2026, 1, 12), D(2026, 1, 23))


def test_text_cache_is_keyed_by_the_files_content(shared_dir: Path, tmp_path: Path) -> None:
    original = shared_dir / "sources" / "ofsted-reports" / "80573_trafford"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes((original / "children's services inspection - 03 august 2026.pdf").read_bytes())
    cache = tmp_path / "cache"
    text = extract_text(pdf, pages=1, cache=cache)
    (entry,) = cache.iterdir()
    assert entry.read_text(encoding="utf-8") == text
    entry.write_text("what the cache holds", encoding="utf-8")
    assert extract_text(pdf, pages=1, cache=cache) == "what the cache holds"  # read, not pypdf
    pdf.write_bytes(pdf.read_bytes() + b"\n")  # another content: another entry
    assert extract_text(pdf, pages=1, cache=cache) == text
    assert len(list(cache.iterdir())) == 2
