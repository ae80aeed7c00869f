"""How current the record is, and ratings across the 2026 reform.

Expected values come from the reports named beside them (first pages read
with poppler's pdftotext), not from the library.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
import warnings

import pytest

import childservices as cs
from childservices.model import Citation, Inspection, Judgement, PartialDate
from childservices.rules.asof import gives_rating
from childservices.rules.official import CountingRule

RI = cs.Grade.REQUIRES_IMPROVEMENT
NEWEST_REPORT = datetime.date(2026, 8, 20)
"""The newest report in ../shared: Lancashire's, published 20 August 2026 (its file name)."""


def test_coverage_names_the_newest_report_and_no_updates() -> None:
    coverage = cs.load(updates=False).coverage
    assert coverage.reports_to == NEWEST_REPORT
    assert coverage.updates == ()
    assert coverage.sources_to["inspections"] == NEWEST_REPORT
    assert set(coverage.sources_to) >= {"inspections", "interventions", "delivery"}
    assert coverage.covers(NEWEST_REPORT) and not coverage.covers(datetime.date(2026, 8, 21))


def test_a_day_after_the_newest_report_warns_and_is_still_answered() -> None:
    ds = cs.load()
    with warnings.catch_warnings():
        warnings.simplefilter("error", cs.CoverageWarning)
        ds.ratings_on(NEWEST_REPORT)  # no warning up to the newest report
        ds.authority("Sandwell").rating_on(NEWEST_REPORT)
    for ask in (
        lambda: ds.ratings_on("2026-08-21"),
        lambda: ds.shares_on("2026-11-28"),
        lambda: ds.panel(["2026-01-01", "2026-09-01"]),
        lambda: ds.authority("Sandwell").rating_on("2026-12-01"),
        lambda: ds.authority("Sandwell").rated_inspection_on("2026-12-01"),
    ):
        with pytest.warns(cs.CoverageWarning, match="reports published up to 2026-08-20"):
            answer = ask()
        assert answer is not None


def test_the_command_line_says_how_current_the_record_is() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "childservices", *args],
            capture_output=True,
            text=True,
            timeout=180,
        )

    summary = run("summary")
    assert "reports to: 2026-08-20" in summary.stdout
    assert "update runs included: none" in summary.stdout
    later = run("ratings", "--on", "2026-09-01", "--format", "csv")
    assert later.returncode == 0
    assert "note: the record holds reports published up to 2026-08-20" in later.stderr
    assert "Warning" not in later.stderr  # the note, not Python's warning
    earlier = run("ratings", "--on", "2026-08-01", "--format", "csv")
    assert earlier.returncode == 0 and earlier.stderr == ""
    assert "Note: the record holds reports" in run("show", "Trafford").stdout


def test_rating_bases_across_the_reform() -> None:
    # Trafford's report of 3 August 2026 (reformed: no overall row): leaders inadequate,
    # help and protection inadequate, children in care good, care leavers requires
    # improvement. Its previous report (31 January 2023): overall requires improvement
    # to be good (the 2026 report also says "the previous inspection in 2022, when
    # services in Trafford were judged as requires improvement to be good").
    trafford = cs.load().authority("Trafford")
    day = "2026-08-20"
    assert trafford.rating_on(day) is cs.NOT_GIVEN
    assert trafford.rating_on(day, rating_basis=cs.RatingBasis.LATEST_OVERALL) is RI
    latest = trafford.rated_inspection_on(day, rating_basis=cs.RatingBasis.LATEST_OVERALL)
    assert latest is not None and latest.published == PartialDate.parse("2023-01-31")
    assert trafford.rating_on(day, rating_basis=cs.Area.IMPACT_OF_LEADERS) is cs.Grade.INADEQUATE
    assert trafford.rating_on(day, rating_basis=cs.Area.IN_CARE) is cs.Grade.GOOD
    grades = trafford.judgements_on(day)
    assert grades[cs.Area.CARE_LEAVERS] is RI
    assert grades[cs.Area.HELP_AND_PROTECTION] is cs.Grade.INADEQUATE
    # Before the reform the basis of the overall judgement changes nothing: Trafford's
    # 8 May 2019 report judged it inadequate overall.
    for basis in cs.RatingBasis:
        assert trafford.rating_on("2019-06-01", rating_basis=basis) is cs.Grade.INADEQUATE
    # ILACS began grading the impact of leaders in 2018: nothing before (Sandwell's 2015
    # and 2018 reports are SIF reports).
    sandwell = cs.load().authority("Sandwell")
    assert sandwell.rating_on("2018-06-01", rating_basis=cs.Area.IMPACT_OF_LEADERS) is None
    ratings = cs.load().ratings_on(day, rating_basis=cs.Area.IMPACT_OF_LEADERS)
    assert ratings["trafford"] is cs.Grade.INADEQUATE


def _inspection(judgements: tuple[Judgement, ...]) -> Inspection:
    return Inspection(
        id="x-ilacs-2020-01-01",
        authority="x",
        framework=cs.Framework.ILACS,
        published=PartialDate.parse("2020-01-01"),
        overall=cs.Grade.GOOD,
        judgements=judgements,
        citations=(Citation(source="s"),),
    )


def test_an_area_basis_skips_an_inspection_that_did_not_judge_the_area_alone() -> None:
    combined = _inspection((Judgement(area=cs.Area.IN_CARE_AND_CARE_LEAVERS, grade=RI),))
    assert not gives_rating(combined, cs.Area.CARE_LEAVERS)
    assert gives_rating(combined, cs.Area.IN_CARE_AND_CARE_LEAVERS)
    # An inspection whose area grades are all unknown is not skipped: its grade is unknown.
    unknown = _inspection(())
    assert gives_rating(unknown, cs.Area.CARE_LEAVERS)
    assert not gives_rating(unknown, cs.Area.ADOPTION)  # not an ILACS area


def test_official_count_after_the_reform() -> None:
    # Reformed reports whose fieldwork ended by 30 June 2026 and were published by 20
    # August 2026 (first pages): Brent and Somerset (to 1 May), North and West
    # Northamptonshire, Liverpool and Lancashire (to 22 May), Blackpool, Middlesbrough and
    # Trafford (to 19 June), South Tyneside (to 26 June). Portsmouth's ended 10 July.
    reformed = {
        "brent",
        "somerset",
        "north-northamptonshire",
        "west-northamptonshire",
        "liverpool",
        "lancashire",
        "blackpool",
        "middlesbrough",
        "trafford",
        "south-tyneside",
    }
    ds = cs.load()
    rule = CountingRule(inspected_by="2026-06-30", published_by="2026-08-20")
    count = ds.official_count(rule)
    assert set(count.not_given) == reformed
    assert sum(count.by_grade.values()) + len(count.not_given) == len(count.judgements)
    latest = ds.official_count(
        CountingRule(
            inspected_by="2026-06-30",
            published_by="2026-08-20",
            rating_basis=cs.RatingBasis.LATEST_OVERALL,
        )
    )
    assert latest.not_given == ()
    assert sum(latest.by_grade.values()) == len(count.judgements)
