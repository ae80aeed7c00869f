"""The fourth round's new and changed intervention rows, each against what its source says.

Each entry gives the step's id, its kind and its date at the precision the
source gives (``None`` when the source gives none), and the address of the
source; the comment says, in our words, what the stored page says. The
values were written from the pages read on 6 December 2026 (issue 25), not
from the record; the last nine entries are rows dated again from their
sources (item 4 of the issue). The last tests check the 2009-2013 coverage rule on the
bundled record: every inadequate child protection or looked after children
judgement has a recorded response or a recorded search.
"""

from __future__ import annotations

import pytest

import childservices as cs
from childservices.model import Framework, Grade
from childservices.rules.responses import ERA_FRAMEWORKS, era_coverage

K = cs.InterventionKind
HANSARD_2008 = (
    "https://hansard.parliament.uk/Commons/2008-12-11/debates/08121164000064/SocialServicesChildren"
)

SAMPLE: list[tuple[str, cs.InterventionKind, str | None, str]] = [
    # Hansard, 11 December 2008: ministers used their powers of direction on North East
    # Lincolnshire in 2005 and Stoke-on-Trent in 2007.
    ("north-east-lincolnshire-direction-2005", K.STATUTORY_DIRECTION, "2005", HANSARD_2008),
    ("stoke-on-trent-direction-2007", K.STATUTORY_DIRECTION, "2007", HANSARD_2008),
    # The same answer: notices to Salford and Leicester in the five years before; no year.
    ("salford-notice-by-2008", K.IMPROVEMENT_NOTICE, None, HANSARD_2008),
    ("leicester-notice-by-2008", K.IMPROVEMENT_NOTICE, None, HANSARD_2008),
    # Care Appointments: Surrey received an improvement notice in 2008 after a poor joint
    # area review.
    ("surrey-notice-2008", K.IMPROVEMENT_NOTICE, "2008",
     "https://careappointments.com/care-news/england/84056/government-lifts-surrey-childrens-services-improvement-notice"),
    # Community Care, 3 November 2010: Loughton's letter ends the intervention and lifts the
    # notice; the letter's day is not given, so the report's month.
    ("surrey-notice-lifted-2010-11", K.NOTICE_LIFTED, "2010-11",
     "https://www.communitycare.co.uk/2010/11/03/ofsted-recognises-improvement-at-surrey-as-intervention-ends/"),
    # Rochdale council page: notice April 2013, revised notice April 2014, lifted after a
    # review in June 2014 (the letter's month not given: the year).
    ("rochdale-notice-2013-04", K.IMPROVEMENT_NOTICE, "2013-04",
     "https://www.rochdale.gov.uk/directory-record/79/childrens-social-care-services"),
    ("rochdale-notice-2014-04", K.IMPROVEMENT_NOTICE, "2014-04",
     "https://www.rochdale.gov.uk/directory-record/79/childrens-social-care-services"),
    ("rochdale-notice-lifted-2014", K.NOTICE_LIFTED, "2014",
     "https://www.rochdale.gov.uk/directory-record/79/childrens-social-care-services"),
    # The Child Protection Company: a notice imposed on Salford in 2010, lifted after the
    # November 2012 inspection (undated page).
    ("salford-notice-2010", K.IMPROVEMENT_NOTICE, "2010",
     "https://www.childprotectioncompany.com/CPC/news/child-protection-news/child-protection-department-improvement-notice-lifted/"),
    ("salford-notice-lifted", K.NOTICE_LIFTED, None,
     "https://www.childprotectioncompany.com/CPC/news/child-protection-news/child-protection-department-improvement-notice-lifted/"),
    # A Cambridgeshire councillor, 15 April 2013: the council is under a Notice to Improve
    # after its inspection of the previous October (issue date not given).
    ("cambridgeshire-notice-by-2013-04", K.IMPROVEMENT_NOTICE, None,
     "https://lornadupre.mycouncillor.org.uk/2013/04/15/childrens-services-under-notice-to-improve/"),
    # Hansard (2010): the minister decides Calderdale should be issued a notice after the
    # report of 26 February (2010).
    ("calderdale-notice-2010", K.IMPROVEMENT_NOTICE, "2010",
     "https://hansard.parliament.uk/debates/GetDebateAsText/1004072000007"),
    # Blackpool Gazette: the notice was placed on the council in November 2012.
    ("blackpool-notice-2012-11", K.IMPROVEMENT_NOTICE, "2012-11",
     "https://www.blackpoolgazette.co.uk/news/failing-child-protection-services-back-track-2576965"),
    # Community Care, 10 July 2015: Timpson wrote to lift it.
    ("blackpool-notice-lifted-2015-07", K.NOTICE_LIFTED, "2015-07",
     "https://www.communitycare.co.uk/2015/07/10/blackpool-turns-around-childrens-services/"),
    # Mid Devon Star (undated): the notice handed to Devon after the inadequate rating is
    # lifted by the minister's letter.
    ("devon-notice-2013", K.IMPROVEMENT_NOTICE, None,
     "http://www.middevonstar.co.uk/news/devon_news/14338006.Children_s_Services_at_Devon_County_Council_has_formal_improvement_notice_lifted/"),
    ("devon-notice-lifted", K.NOTICE_LIFTED, None,
     "http://www.middevonstar.co.uk/news/devon_news/14338006.Children_s_Services_at_Devon_County_Council_has_formal_improvement_notice_lifted/"),
    # Herefordshire council page: the statutory direction was issued on 21 September 2022
    # and Eleanor Brazil appointed with it (no day of her own: the month).
    ("herefordshire-direction-2022", K.STATUTORY_DIRECTION, "2022-09-21",
     "https://www.herefordshire.gov.uk/social-care-support/childrens-services-improvements"),
    ("herefordshire-commissioner-2022", K.COMMISSIONER_APPOINTED, "2022-09",
     "https://www.herefordshire.gov.uk/social-care-support/childrens-services-improvements"),
    # Hereford Times: the commissioner's report was published on Wednesday 1 March (2023).
    ("herefordshire-recommendation-2023", K.COMMISSIONER_RECOMMENDATION, "2023-03-01",
     "https://www.herefordtimes.com/news/23355324.herefordshire-need-help-fix-childrens-services/"),
    # Newham council, Wednesday 21 September 2022: the report published today marks the end
    # of the DfE's intervention.
    ("newham-notice-lifted-2022-09", K.NOTICE_LIFTED, "2022-09-21",
     "https://www.newham.gov.uk/news/article/920/newham-s-children-s-services-rated-good-with-outstanding-leadership-by-ofsted-in-three-year-turnaround"),
    # The Northern Echo (undated): a DfE letter marks the formal end of the DfE's
    # intervention in Darlington.
    ("darlington-intervention-ended", K.NOTICE_LIFTED, None,
     "https://www.thenorthernecho.co.uk/news/17765151.once-failing-darlington-childrens-services-win-government-praise-improvements/"),
    # Rows dated again from their sources (item 4, read on 6 December 2026).
    # Huddersfield Examiner, 27 January 2017: Greening brought Eleanor Brazil in as
    # commissioner "last month" (December 2016).
    ("kirklees-commissioner-2016", K.COMMISSIONER_APPOINTED, "2016-12",
     "http://www.examiner.co.uk/news/west-yorkshire-news/eleanor-brazil-ill-spent-time-12511992"),
    # The DfE's page for the Northamptonshire commissioner's report (FE News' copy): the
    # report recommending a delivery model apart from the councils, published 14 May 2019.
    ("northamptonshire-recommendation-2019", K.COMMISSIONER_RECOMMENDATION, "2019-05-14",
     "https://www.fenews.co.uk/skills/independent-report-northamptonshire-childrens-services-commissioners-report/"),
    # Community Care, 28 August 2015: the notice to West Berkshire was issued the day before.
    ("west-berkshire-notice-2015", K.IMPROVEMENT_NOTICE, "2015-08-27",
     "https://www.communitycare.co.uk/2015/08/28/minister-instructs-council-work-consultancy-improve-childrens-services/"),
    # The MJ: Bromley's lead member recalls that in the week of the June 2016 Ofsted report
    # the DfE had decided Frankie Sulke would oversee the services.
    ("bromley-commissioner-2016", K.COMMISSIONER_APPOINTED, "2016-06",
     "https://themj.co.uk/rebuilding-bromley-youth"),
    # Community Care, 13 September 2017: a new direction tells Reading to plan an alternative
    # delivery model after the commissioner's report of that week.
    ("reading-decision-2017", K.MINISTERIAL_DECISION, "2017-09",
     "https://www.communitycare.co.uk/2017/09/13/council-progresses-plans-move-childrens-services-company/"),
    # CYP Now, 19 September 2017: the DfE orders Worcestershire to find another way of
    # delivering its children's services.
    ("worcestershire-decision-2017", K.MINISTERIAL_DECISION, "2017-09",
     "https://www.cypnow.co.uk/news/article/dfe-orders-council-to-consider-alternative-delivery-of-children-s-services"),
    # The DfE's collection page: its change log adds the Havering notice of March 2024.
    ("havering-notice-2024", K.IMPROVEMENT_NOTICE, "2024-03",
     "http://www.education.gov.uk/childrenandyoungpeople/safeguardingchildren/a00223342/improving-childrens-care-doncaster"),
    # Community Care, 17 December 2008: the minister confirms action is being taken in
    # Essex, among others judged inadequate (the year; no month).
    ("essex-intervention-2008", K.MINISTERIAL_DECISION, "2008",
     "https://www.communitycare.co.uk/2008/12/17/ed-balls-sends-in-experts-to-inadequate-childrens-services/"),
    # GOV.UK, 27 March 2015: the minister appoints Dave Hill's review team to advise him;
    # the direction that followed its advice was published on 6 November 2015 (the year).
    ("somerset-county-recommendation-hill-review", K.COMMISSIONER_RECOMMENDATION, "2015",
     "https://gov.uk/government/publications/somerset-county-council-advisers-appointed"),
]  # fmt: skip

_IDS = [s[0] for s in SAMPLE]


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


@pytest.mark.parametrize(("ident", "kind", "date", "url"), SAMPLE, ids=_IDS)
def test_the_row_says_what_its_source_says(
    ds: cs.Dataset, ident: str, kind: cs.InterventionKind, date: str | None, url: str
) -> None:
    step = next(s for s in ds.records.interventions if s.id == ident)
    assert step.kind is kind
    assert step.date == (None if date is None else cs.PartialDate.parse(date))
    assert url in {ds.source(c.source).url for c in step.citations}


def test_the_sample_is_large_enough() -> None:
    assert len(set(_IDS)) >= 15


def test_the_rows_dated_again_are_more_precise_than_a_year(ds: cs.Dataset) -> None:
    """Item 4: every row dated again carries a month or a day, except two that had none (a year)."""
    steps = {s.id: s for s in ds.records.interventions}
    start = _IDS.index("kirklees-commissioner-2016")
    again = _IDS[start:]
    assert len(again) == 9
    for ident in again:
        date = steps[ident].date
        assert date is not None, ident
        if ident not in ("essex-intervention-2008", "somerset-county-recommendation-hill-review"):
            assert date.precision is not cs.Precision.YEAR, ident


def test_liftings_that_end_the_whole_intervention(ds: cs.Dataset) -> None:
    """The evidence rule: a source saying the whole intervention ended sets ``ends_all``."""
    steps = {s.id: s for s in ds.records.interventions}
    for ident in ("newham-notice-lifted-2022-09", "surrey-notice-lifted-2010-11",
                  "wirral-notice-lifted-2019", "leeds-intervention-ended-2011"):  # fmt: skip
        assert steps[ident].ends_all, ident


def test_a_campaign_groups_article_is_not_a_source(ds: cs.Dataset) -> None:
    """The evidence rule: Harrow's 'continues' from a campaign group's article is not kept."""
    assert not [s for s in ds.records.interventions if s.kind is K.CONTINUES and s.authority == "harrow"]


def test_every_2009_2013_inadequate_judgement_is_answered_or_searched(ds: cs.Dataset) -> None:
    steps: dict[str, list[cs.Intervention]] = {}
    for step in ds.records.interventions:
        steps.setdefault(step.authority, []).append(step)
    figures = era_coverage(ds.records.inspections, steps)
    judged = [
        i
        for i in ds.records.inspections
        if i.framework in (Framework.CPI, Framework.LAC) and i.overall is Grade.INADEQUATE
    ]
    assert ERA_FRAMEWORKS == (Framework.CPI, Framework.LAC)
    assert figures.judgements == len(judged) == 22
    assert figures.missing == ()
    assert figures.share == 1.0
    assert figures.responded + len(figures.searched) == 22


def test_an_undated_notice_tied_to_its_judgement_counts(ds: cs.Dataset) -> None:
    devon = [s for s in ds.records.interventions if s.authority == "devon"]
    figures = era_coverage([i for i in ds.records.inspections if i.authority == "devon"],
                           {"devon": devon})  # fmt: skip
    assert figures.judgements == 1
    assert figures.responded == 1


def test_response_searched_only_on_an_inadequate_judgement() -> None:
    with pytest.raises(cs.InvalidRecordError):
        cs.Inspection(
            id="x-cpi-2013-01-01",
            authority="x",
            framework=Framework.CPI,
            published=cs.PartialDate.parse("2013-01-01"),
            overall=Grade.ADEQUATE,
            response_searched=cs.PartialDate.parse("2026-12-06"),
            citations=(cs.Citation(source="s"),),
        )
