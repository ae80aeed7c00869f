"""The report parser on made-up texts in each report shape (tests/fixtures/reports)."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from childservices import NOT_GIVEN, Area, Framework, Grade, InspectionKind, ReportError
from childservices.reports import (
    ReportFacts,
    authority_slug,
    check_pdf,
    inspection_from_facts,
    parse_report_text,
    published_from_file_name,
    states_all_on_first_pages,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reports"
D = datetime.date
RI = Grade.REQUIRES_IMPROVEMENT


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def parse(name: str) -> ReportFacts:
    return parse_report_text(fixture(name), where=name)


# --- each shape ---------------------------------------------------------------------------


def test_lac_2013() -> None:
    facts = parse("lac_2013.txt")
    assert facts.framework is Framework.LAC
    assert facts.authority_name == "Wessex County Council"
    assert (facts.start, facts.end, facts.published) == (
        D(2013, 6, 3),
        D(2013, 6, 7),
        D(2013, 7, 12),
    )
    assert facts.overall is Grade.ADEQUATE
    assert dict(facts.grades) == {Area.CAPACITY_TO_IMPROVE: Grade.GOOD}
    assert facts.lead_inspector == "Alex Example"
    assert facts.kind is None


def test_sif_with_board_review_later_in_the_report() -> None:
    facts = parse("sif.txt")
    assert facts.framework is Framework.SIF
    assert facts.kind is None  # a first SIF inspection does not call itself "standard"
    assert facts.authority_name == "Mercia Metropolitan Borough Council"
    assert (facts.start, facts.end) == (D(2015, 2, 10), D(2015, 3, 5))
    assert facts.published == D(2015, 4, 20)
    assert facts.overall is RI
    assert dict(facts.grades) == {
        Area.HELP_AND_PROTECTION: RI,
        Area.LOOKED_AFTER_AND_PERMANENCE: Grade.GOOD,
        Area.ADOPTION: Grade.OUTSTANDING,
        Area.CARE_LEAVERS: RI,
        Area.LEADERSHIP_MANAGEMENT_GOVERNANCE: Grade.GOOD,
        Area.LSCB_REVIEW: Grade.GOOD,
    }
    assert facts.lead_inspector == "Sam Placeholder"


def test_sif_reinspection() -> None:
    facts = parse("sif_reinspection.txt")
    assert facts.framework is Framework.SIF
    assert facts.kind is InspectionKind.REINSPECTION
    assert facts.authority_name == "Northumbria Council"
    assert (facts.start, facts.end) == (D(2017, 11, 6), D(2017, 11, 27))
    assert facts.overall is Grade.GOOD
    assert Area.LSCB_REVIEW not in facts.grades
    assert facts.grades[Area.LOOKED_AFTER_AND_PERMANENCE] is RI
    assert len(facts.grades) == 5
    assert facts.lead_inspector == "Robin Madeup"


def test_reinspection_said_only_in_the_summary() -> None:
    text = fixture("sif.txt").replace(
        "Filler sentence saying what the overall judgement means.",
        "Executive summary This is a re-inspection of children\u2019s services in Mercia.",
    )
    assert parse_report_text(text, where="summary").kind is InspectionKind.REINSPECTION


def test_sif_board_review_published_alone() -> None:
    facts = parse("sif_board_review.txt")
    assert facts.lscb_review_only
    assert facts.framework is Framework.SIF
    assert facts.authority_name == "Wessex"
    assert facts.overall is None
    assert dict(facts.grades) == {Area.LSCB_REVIEW: Grade.INADEQUATE}
    assert facts.published == D(2015, 7, 20)


def test_ilacs_2018_to_2022() -> None:
    facts = parse("ilacs_2019.txt")
    assert facts.framework is Framework.ILACS
    assert facts.kind is None  # short and standard inspections look alike
    assert facts.authority_name == "Anglia City Council"
    assert (facts.start, facts.end) == (D(2019, 2, 4), D(2019, 2, 15))
    assert facts.published is None  # ILACS reports print no publication date
    assert facts.overall is Grade.INADEQUATE
    assert dict(facts.grades) == {
        Area.IMPACT_OF_LEADERS: RI,
        Area.HELP_AND_PROTECTION: Grade.INADEQUATE,
        Area.IN_CARE_AND_CARE_LEAVERS: RI,
    }
    assert facts.lead_inspector == "Morgan Fictive"


def test_ilacs_2023_split_judgement() -> None:
    facts = parse("ilacs_2023.txt")
    assert facts.authority_name == "Deira"
    assert (facts.start, facts.end) == (D(2023, 9, 11), D(2023, 9, 22))
    assert facts.overall is Grade.GOOD
    assert dict(facts.grades) == {
        Area.IMPACT_OF_LEADERS: Grade.GOOD,
        Area.HELP_AND_PROTECTION: RI,
        Area.IN_CARE: Grade.GOOD,
        Area.CARE_LEAVERS: Grade.OUTSTANDING,
    }
    assert facts.lead_inspector == "Taylor Imaginary"


def test_reformed_2026_report_has_no_overall_judgement() -> None:
    facts = parse("ilacs_2026.txt")
    assert facts.framework is Framework.ILACS_2026
    assert facts.overall is NOT_GIVEN
    assert dict(facts.grades) == {
        Area.IMPACT_OF_LEADERS: RI,
        Area.HELP_AND_PROTECTION: Grade.GOOD,
        Area.IN_CARE: Grade.INADEQUATE,
        Area.CARE_LEAVERS: Grade.GOOD,
    }
    assert (facts.start, facts.end) == (D(2026, 5, 4), D(2026, 5, 15))
    assert facts.lead_inspector == "Robin Madeup"


def test_a_table_of_three_rows_without_an_overall_row_is_refused() -> None:
    # Only the reformed report (four area rows) has no overall row; a 2018-2022 table
    # that lost its overall row is damaged, not reformed.
    text = fixture("ilacs_2019.txt").replace("Overall effectiveness Inadequate", "")
    with pytest.raises(ReportError, match="expected the grade table to end with 'Overall"):
        parse_report_text(text, where="no overall")


def test_wordings_seen_in_2025_and_2026_reports() -> None:
    # "children care leavers" (Bedford, August 2025), "impact of leaders on practice"
    # (North Northamptonshire, July 2026), a title naming a trust (Bradford, May 2026).
    text = (
        fixture("ilacs_2023.txt")
        .replace("of care \nleavers", "of children care \nleavers")
        .replace("on social work \npractice", "on \npractice")
        .replace(
            "Deira local authority \nchildren\u2019s services", "Deira Children and Families Trust"
        )
    )
    facts = parse_report_text(text, where="wordings")
    assert facts.authority_name == "Deira Children and Families Trust"
    assert facts.grades[Area.CARE_LEAVERS] is Grade.OUTSTANDING
    assert facts.grades[Area.IMPACT_OF_LEADERS] is Grade.GOOD
    assert authority_slug("Bradford Children and Families Trust", D(2026, 1, 23)) == "bradford"


def test_fieldwork_in_two_parts_ends_with_the_second() -> None:
    # Devon's 2025 report: "30 September to 11 October 2024 and 13 to 16 January 2025".
    text = fixture("ilacs_2023.txt").replace(
        "11 to 22 September 2023", "30 September to 11 October 2024 and 13 to 16 January 2025"
    )
    facts = parse_report_text(text, where="paused")
    assert (facts.start, facts.end) == (D(2024, 9, 30), D(2025, 1, 16))
    backwards = fixture("ilacs_2023.txt").replace(
        "11 to 22 September 2023", "11 to 22 September 2023 and 1 to 2 March 2023"
    )
    with pytest.raises(ReportError, match="second part of the inspection starts before"):
        parse_report_text(backwards, where="backwards")


def test_only_ilacs_reports_state_everything_on_their_first_pages() -> None:
    assert states_all_on_first_pages(fixture("ilacs_2019.txt"))
    assert states_all_on_first_pages(fixture("ilacs_2023.txt"))
    assert states_all_on_first_pages(fixture("ilacs_2026.txt"))
    for name in ("lac_2013.txt", "sif.txt", "sif_reinspection.txt", "sif_board_review.txt"):
        assert not states_all_on_first_pages(fixture(name))


# --- layout variations seen in real reports -------------------------------------------------


def test_rows_in_another_order_and_dates_written_other_ways() -> None:
    text = fixture("ilacs_2019.txt")
    leaders = (
        "The impact of leaders on social work practice with children \nand families \n"
        "Requires improvement \nto be good \n"
    )
    moved = text.replace(leaders, "").replace(
        "Overall effectiveness", leaders + "Overall effectiveness"
    )
    moved = moved.replace("4 February 2019 to 15 February 2019", "04/02/2019 - 15/02/2019")
    facts = parse_report_text(moved, where="moved")
    assert facts.grades[Area.IMPACT_OF_LEADERS] is RI
    assert (facts.start, facts.end) == (D(2019, 2, 4), D(2019, 2, 15))


def test_dates_across_a_new_year_without_the_first_year() -> None:
    text = fixture("ilacs_2023.txt").replace(
        "11 to 22 September 2023", "27 December to 7 January 2024"
    )
    facts = parse_report_text(text, where="new year")
    assert (facts.start, facts.end) == (D(2023, 12, 27), D(2024, 1, 7))


def test_a_single_printed_date_is_not_taken_as_start_or_end() -> None:
    text = fixture("sif.txt").replace("10 Feb 2015 \u2013 5 March 2015", "5 March 2015")
    facts = parse_report_text(text, where="single")
    assert facts.start is None and facts.end is None


def test_not_judged_row_is_recorded_as_such() -> None:
    text = fixture("sif.txt").replace(
        "2.1 Adoption performance  Outstanding", "2.1 Adoption performance Not judged"
    )
    facts = parse_report_text(text, where="small authority")
    assert Area.ADOPTION not in facts.grades
    assert facts.not_judged == (Area.ADOPTION,)


def test_two_lead_inspectors() -> None:
    text = fixture("ilacs_2023.txt").replace(
        "Lead inspector: Taylor Imaginary, His Majesty\u2019s Inspector",
        "Lead inspectors: Taylor Imaginary, His Majesty\u2019s Inspector, and Lee Notreal, "
        "His Majesty\u2019s Inspector",
    )
    assert parse_report_text(text, where="two").lead_inspector == "Taylor Imaginary and Lee Notreal"


# --- malformed input ----------------------------------------------------------------------


def test_empty_text() -> None:
    with pytest.raises(ReportError, match=r"blank\.pdf: the report has no text"):
        parse_report_text(" \n\f \n", where="blank.pdf")


def test_unrecognised_framework() -> None:
    text = "Joint targeted area inspection of the response to something\nInspection dates: 1 to 5 May 2020\n"
    with pytest.raises(ReportError, match=r"jtai\.pdf: not a report shape this parser knows"):
        parse_report_text(text, where="jtai.pdf")


def test_unknown_grade_word_in_a_table() -> None:
    text = fixture("ilacs_2023.txt").replace("Outstanding \nOverall", "Excellent \nOverall")
    with pytest.raises(ReportError) as caught:
        parse_report_text(text, where="odd.pdf")
    message = str(caught.value)
    assert "odd.pdf" in message
    assert "The experiences and progress of care leavers" in message
    assert "found 'Excellent" in message


def test_unknown_overall_grade() -> None:
    text = fixture("ilacs_2019.txt").replace(
        "Overall effectiveness Inadequate", "Overall effectiveness Fair"
    )
    with pytest.raises(ReportError, match="Overall effectiveness"):
        parse_report_text(text, where="fair.pdf")


def test_grade_from_the_wrong_scale() -> None:
    text = fixture("sif_reinspection.txt").replace(
        "2.1 Adoption performance Good", "2.1 Adoption performance Adequate"
    )
    with pytest.raises(ReportError, match="'adequate' is not a grade after November 2013"):
        parse_report_text(text, where="scale.pdf")


def test_lac_grade_number_and_word_disagree() -> None:
    text = fixture("lac_2013.txt").replace("Grade 2 (Good)", "Grade 4 (Good)")
    with pytest.raises(ReportError, match="number and word disagree"):
        parse_report_text(text, where="lac.pdf")


def test_missing_inspection_dates() -> None:
    text = fixture("ilacs_2023.txt").replace("Inspection dates: 11 to 22 September 2023", "")
    with pytest.raises(ReportError, match=r"nodates\.pdf: no 'Inspection dates:' line"):
        parse_report_text(text, where="nodates.pdf")


def test_unreadable_inspection_dates() -> None:
    text = fixture("sif.txt").replace("10 Feb 2015 \u2013 5 March 2015", "early in 2015")
    with pytest.raises(
        ReportError, match=r"expected inspection dates like .* found 'early in 2015"
    ):
        parse_report_text(text, where="vague.pdf")


def test_dates_that_run_backwards() -> None:
    text = fixture("sif.txt").replace(
        "10 Feb 2015 \u2013 5 March 2015", "10 March 2015 \u2013 5 Feb 2015"
    )
    with pytest.raises(ReportError, match="run backwards"):
        parse_report_text(text, where="back.pdf")


def test_missing_table_row() -> None:
    text = fixture("sif.txt").replace("2.1 Adoption performance  Outstanding", "")
    with pytest.raises(ReportError, match="expected the judgement row 'Adoption performance'"):
        parse_report_text(text, where="row.pdf")


def test_missing_sif_overall_judgement() -> None:
    text = fixture("sif.txt").replace(
        "The overall judgement is that children\u2019s services require improvement", ""
    )
    with pytest.raises(ReportError, match="expected the overall judgement"):
        parse_report_text(text, where="overall.pdf")


def test_board_grades_that_disagree() -> None:
    text = fixture("sif.txt") + "\nThe Local Safeguarding Children Board is inadequate\n"
    with pytest.raises(ReportError, match="different grades"):
        parse_report_text(text, where="board.pdf")


def test_unreadable_lead_inspector() -> None:
    text = fixture("ilacs_2023.txt").replace("Taylor Imaginary,", "to be confirmed,")
    with pytest.raises(ReportError, match="lead inspector's name"):
        parse_report_text(text, where="lead.pdf")


# --- files and names ----------------------------------------------------------------------


def test_html_saved_as_pdf(tmp_path: Path) -> None:
    page = tmp_path / "children's services inspection - 19 october 2012.pdf"
    page.write_bytes(b'<!DOCTYPE html>\n<html lang="en"><head></head></html>')
    with pytest.raises(ReportError, match=r"not a PDF \(looks like HTML\)") as caught:
        check_pdf(page)
    assert str(page) in str(caught.value)


def test_other_non_pdfs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ReportError, match="empty"):
        check_pdf(empty)
    with pytest.raises(ReportError, match="cannot be read"):
        check_pdf(tmp_path / "missing.pdf")


def test_published_from_file_name() -> None:
    assert published_from_file_name("children's services inspection - 02 august 2013.pdf") == D(
        2013, 8, 2
    )
    assert published_from_file_name(
        "children's services inspection,  pdf - 23 august 2013.pdf"
    ) == D(2013, 8, 23)
    assert published_from_file_name("report.pdf") is None
    assert published_from_file_name("x - 31 february 2015.pdf") is None


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        # Printed names from real reports (the file they come from in a comment).
        (
            "City of Bradford Metropolitan District Council",
            D(2014, 3, 12),
            "bradford",
        ),  # 80449, 2014
        ("London Borough of Barking and Dagenham", D(2014, 5, 1), "barking-and-dagenham"),  # 80486
        ("Bristol City of", D(2018, 9, 21), "bristol"),  # 80441, October 2018
        ("Hull", D(2022, 11, 25), "kingston-upon-hull"),  # 80477, 2023
        ("St. Helens Metropolitan Borough Council", D(2015, 1, 1), "st-helens"),  # 80560
        ("the Royal Borough of Windsor and Maidenhead", D(2019, 1, 1), "windsor-and-maidenhead"),
        ("Council of the Isles of Scilly", D(2023, 1, 1), "isles-of-scilly"),
        ("City of London", D(2016, 7, 28), "city-of-london"),
        (
            "Bournemouth, Christchurch and Poole",
            D(2024, 1, 1),
            "bournemouth-christchurch-and-poole",
        ),
        ("Somerset County Council", D(2017, 11, 30), "somerset-county"),
        ("Somerset", D(2024, 3, 1), "somerset"),
        ("North Yorkshire County Council", D(2018, 6, 1), "north-yorkshire-county"),
        ("Telford & Wrekin Council", D(2016, 6, 1), "telford-and-wrekin"),
    ],
)
def test_authority_slug(name: str, on: datetime.date, expected: str) -> None:
    assert authority_slug(name, on) == expected


def test_inspection_from_facts() -> None:
    facts = parse("sif_reinspection.txt")
    inspection = inspection_from_facts(
        facts,
        file_name="children's services inspection - 16 january 2018.pdf",
        authority="northumbria",
    )
    # The id takes the file name's date; published is the date the report prints.
    assert inspection.id == "northumbria-sif-2018-01-16"
    assert inspection.published.isoformat() == "2018-01-15"
    assert inspection.kind is InspectionKind.REINSPECTION
    assert inspection.overall is Grade.GOOD
    assert inspection.grades[Area.ADOPTION] is Grade.GOOD
    assert inspection.citations[0].source == "ofsted-report-northumbria-sif-2018-01-16"
    assert inspection.citations[0].locator == "children's services inspection - 16 january 2018.pdf"


def test_inspection_from_facts_without_a_printed_date_uses_the_file_name() -> None:
    facts = parse("ilacs_2023.txt")
    inspection = inspection_from_facts(
        facts, file_name="children's services inspection - 03 november 2023.pdf"
    )
    assert inspection.id == "deira-ilacs-2023-11-03"
    assert inspection.published.isoformat() == "2023-11-03"
    with pytest.raises(ReportError, match="no publication date"):
        inspection_from_facts(facts, file_name="deira.pdf")


def test_facts_reject_an_area_of_another_framework() -> None:
    with pytest.raises(ValueError, match="not an area of 'ilacs'"):
        ReportFacts(
            authority_name="Deira",
            framework=Framework.ILACS,
            start=D(2023, 1, 1),
            end=D(2023, 1, 5),
            overall=Grade.GOOD,
            judgements=((Area.ADOPTION, Grade.GOOD),),
        )


def test_importing_the_reports_module_does_not_import_pypdf() -> None:
    code = "import sys, childservices.reports\nassert 'pypdf' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_fifo_or_a_wrong_argument_is_refused_at_once(tmp_path: Path) -> None:
    import os

    from childservices import ArgumentTypeError
    from childservices.reports import read_report

    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    with pytest.raises(ReportError, match="not a regular file"):
        read_report(fifo)  # refused, never waited on
    with pytest.raises(ArgumentTypeError, match="expected a report file's path"):
        read_report(None)  # type: ignore[arg-type]
