"""A sample of intervention rows, each checked against what its source says.

Each entry gives the step's id, its kind and date as the source states them
(at the precision the source gives), and the address of that source; the
comment says, in our words, what the source says. The rows were read
against their sources on 28 November 2026 by a second reader (not the one
who recorded them); the sample spans 2012 to 2025 and every kind of step.
"""

from __future__ import annotations

import pytest

import childservices as cs

K = cs.InterventionKind

SAMPLE = [
    # GOV.UK, Cumbria notice page: a notice issued on 3 August 2012 after the safeguarding
    # and looked after children inspection.
    ("cumbria-notice-2012-08-03", K.IMPROVEMENT_NOTICE, "2012-08-03",
     "https://www.gov.uk/government/publications/improvement-notice-issued-to-cumbria-county-council"),
    # The same page: ministers issued a new notice on 7 January 2014.
    ("cumbria-notice-2014-01-07", K.IMPROVEMENT_NOTICE, "2014-01-07",
     "https://www.gov.uk/government/publications/improvement-notice-issued-to-cumbria-county-council"),
    # Bradford council committee item (2019): the DfE's notice to improve was issued in
    # December 2018, after the inspection of September 2018. (Third round, read by the lead.)
    ("bradford-improvement-notice", K.IMPROVEMENT_NOTICE, "2018-12",
     "https://bradford.moderngov.co.uk/mgAi.aspx?ID=11845"),
    # FE News' copy of the DfE's page for the Northamptonshire commissioner's report (14 May
    # 2019): the DfE issued a direction to the county council on 30 November 2018.
    ("northamptonshire-direction-2018-11", K.STATUTORY_DIRECTION, "2018-11-30",
     "https://www.fenews.co.uk/skills/independent-report-northamptonshire-childrens-services-commissioners-report/"),
    # GOV.UK, Cumbria direction page: the direction follows the report of 13 May 2015.
    ("cumbria-direction-2015-11-09", K.STATUTORY_DIRECTION, "2015-11-09",
     "https://www.gov.uk/government/publications/direction-issued-to-cumbria-county-council"),
    # Community Care, 5 April 2016: the minister brings in Eleanor Brazil as commissioner.
    ("dudley-commissioner-2016-04-05", K.COMMISSIONER_APPOINTED, "2016-04-05",
     "https://www.communitycare.co.uk/2016/04/05/dfe-troubleshooter-assess-whether-outsource-dudley-childrens-services/"),
    # GOV.UK, Dudley direction page: it closed; a direction of 5 August 2016 replaced it.
    ("dudley-direction-2016-08-05", K.REVISED_DIRECTION, "2016-08-05",
     "https://gov.uk/government/publications/direction-issued-to-dudley-metropolitan-borough-council"),
    # Slough cabinet minutes: ministerial agreement of 6 September 2016 to revoke the
    # second direction.
    ("slough-direction-revoked-2016-09-06", K.DIRECTION_REVOKED, "2016-09-06",
     "http://www.slough.gov.uk/moderngov/mgAi.aspx?ID=31761"),
    # Coventry council paper: the DfE took children's services out of intervention on 13
    # June 2017, ending the notice.
    ("coventry-notice-lifted-2017-06-13", K.NOTICE_LIFTED, "2017-06-13",
     "https://edemocracy.coventry.gov.uk/mgAi.aspx?ID=22699"),
    # GOV.UK, West Berkshire notice page: lifted on 7 July 2017.
    ("west-berkshire-notice-lifted-2017-07-07", K.NOTICE_LIFTED, "2017-07-07",
     "https://www.gov.uk/government/publications/improvement-notice-issued-to-west-berkshire-council"),
    # Community Care, 15 August 2017: the DfE told Gloucestershire the week before to improve.
    ("gloucestershire-notice-2017-08", K.IMPROVEMENT_NOTICE, "2017-08",
     "https://www.communitycare.co.uk/2017/08/15/improvement-notice-issued-inadequate-childrens-services/"),
    # Barnet council: Frankie Sulke appointed commissioner in August 2017.
    ("barnet-commissioner-2017-08", K.COMMISSIONER_APPOINTED, "2017-08",
     "https://www.barnet.gov.uk/citizen-home/children-young-people-and-families/key-strategic-documents-and-plans/Barnet-Children-s-Services-Improvement-Journey-.html"),
    # The same page: her report to ministers of 8 December 2017 (keep services).
    ("barnet-recommendation-2017-12-08", K.COMMISSIONER_RECOMMENDATION, "2017-12-08",
     "https://www.barnet.gov.uk/citizen-home/children-young-people-and-families/key-strategic-documents-and-plans/Barnet-Children-s-Services-Improvement-Journey-.html"),
    # LocalGov: the minister wrote to Barnet accepting the recommendation (January 2018).
    ("barnet-decision-2018-01", K.MINISTERIAL_DECISION, "2018-01",
     "https://www.localgov.co.uk/Essex-to-take-lead-over-Barnets-inadequate-childrens-services-/44617"),
    # Barnet committee papers: the statutory direction issued in June 2018.
    ("barnet-direction-2018-06", K.STATUTORY_DIRECTION, "2018-06",
     "http://barnet.moderngov.co.uk/ieListDocuments.aspx?CId=697&MId=9467&Ver=4"),
    # Community Care, 2 November 2018: a revised direction for Surrey to keep working with
    # its commissioner.
    ("surrey-direction-2018", K.REVISED_DIRECTION, "2018",
     "https://www.communitycare.co.uk/2018/11/02/inadequate-authority-gets-childrens-services-reprieve-dfe/"),
    # Public Sector Executive: Essex and Helen Lincoln handed the commissioner role (March 2019).
    ("blackpool-commissioner-2019-03", K.COMMISSIONER_APPOINTED, "2019-03",
     "http://www.publicsectorexecutive.com/Public-Sector-News/dfe-commissions-essex-cc-to-review-blackpool-councils-inadequate-childrens-services"),
    # Blackpool Gazette: the DfE published a statutory direction (March 2019).
    ("blackpool-direction-2019-03", K.STATUTORY_DIRECTION, "2019-03",
     "https://www.blackpoolgazette.co.uk/news/politics/why-essex-county-council-getting-involved-blackpools-failing-childrens-services-991737"),
    # GOV.UK, Stoke-on-Trent: co-operate with the DfE's commissioner, Eleanor Brazil (May 2019).
    ("stoke-on-trent-commissioner-2019-05", K.COMMISSIONER_APPOINTED, "2019-05",
     "https://www.gov.uk/government/publications/direction-issued-to-stoke-on-trent-city-council"),
    # Stoke-on-Trent council, 31 October 2019: a statutory direction issued with the report.
    ("stoke-on-trent-direction-2019-10-31", K.REVISED_DIRECTION, "2019-10-31",
     "https://www.stoke.gov.uk/news/article/510/city_council_will_continue_to_manage_children_s_services_while_further_review_is_carried_out"),
    # Middlesbrough council: the Secretary of State appointed Peter Dwyer in February 2020.
    ("middlesbrough-commissioner-2020-02", K.COMMISSIONER_APPOINTED, "2020-02",
     "https://moderngov.middlesbrough.gov.uk/mgAi.aspx?ID=2489"),
    # The same paper: his first report, April 2020, against moving quickly to another model.
    ("middlesbrough-recommendation-2020-04", K.COMMISSIONER_RECOMMENDATION, "2020-04",
     "https://moderngov.middlesbrough.gov.uk/mgAi.aspx?ID=2489"),
    # LocalGov: Middlesbrough keeps control of its services (June 2020).
    ("middlesbrough-decision-2020-06", K.MINISTERIAL_DECISION, "2020-06",
     "https://www.localgov.co.uk/Middlesbrough-to-keep-control-of-its-childrens-services/50575"),
    # GovWire copy of GOV.UK, published 16 March 2020: a direction to Hull.
    ("kingston-upon-hull-direction-2020-03", K.STATUTORY_DIRECTION, "2020-03",
     "http://www.govwire.co.uk/news/department-for-education/decision-direction-issued-to-kingston-upon-hull-city-council-20278"),
    # CYP Now: an improvement notice to East Riding (July 2020).
    ("east-riding-of-yorkshire-notice-2020-07", K.IMPROVEMENT_NOTICE, "2020-07",
     "https://www.cypnow.co.uk/news/article/dfe-appoints-adviser-to-help-turn-around-children-s-services-in-east-riding"),
    # Medway council: the minister's revised statutory direction of 29 January 2021.
    ("medway-direction-2021-01-29", K.REVISED_DIRECTION, "2021-01-29",
     "https://www.medway.gov.uk/info/200170/children_and_families/973/improving_children_s_services"),
    # GOV.UK, Halton notice page: issued after the focused visit of October 2021 (January 2022).
    ("halton-notice-2022-01", K.IMPROVEMENT_NOTICE, "2022-01",
     "https://gov.uk/government/publications/improvement-notice-issued-to-halton-borough-council"),
    # GOV.UK, Wakefield revised direction page: revoked on 13 January 2022.
    ("wakefield-direction-revoked-2022-01-13", K.DIRECTION_REVOKED, "2022-01-13",
     "https://gov.uk/government/publications/revised-direction-issued-to-wakefield-council"),
    # BCP council paper: the statutory direction notice received in March 2022.
    ("bournemouth-christchurch-and-poole-direction-2022-03", K.STATUTORY_DIRECTION, "2022-03",
     "https://democracy.bcpcouncil.gov.uk/mgAi.aspx?ID=11797"),
    # Social Work Today: Gloucestershire's notice lifted after a good inspection (April 2022).
    ("gloucestershire-notice-lifted-2022-04", K.NOTICE_LIFTED, "2022-04",
     "https://www.socialworktoday.co.uk/News/improvement-notice-lifted-after-significant-progress-in-council%E2%80%99s-children%E2%80%99s-services"),
    # Hull council news, 28 September 2023: no longer under an improvement notice.
    ("kingston-upon-hull-notice-lifted-2023-09", K.NOTICE_LIFTED, "2023-09",
     "https://news.hull.gov.uk/28/09/2023/hull-city-councils-childrens-services-continue-to-improve-as-government-lifts-improvement-notice/"),
    # GovWire copy of GOV.UK: an improvement notice to Cheshire East (July 2024).
    ("cheshire-east-notice-2024-07", K.IMPROVEMENT_NOTICE, "2024-07",
     "http://govwire.co.uk/news/department-for-education/decision-improvement-notice-issued-to-cheshire-east-council-july-2024-98360"),
    # LocalGov: the minister removes Blackpool's revised direction of July 2019 (June 2024).
    ("blackpool-direction-revoked-2024-06", K.DIRECTION_REVOKED, "2024-06",
     "https://www.localgov.co.uk/Government-acknowledges-Blackpool-childrens-services-improvements-/60539"),
    # GOV.UK, Halton revised direction (February 2025): it replaces the direction of 30
    # August 2024.
    ("halton-direction-2024-08-30", K.STATUTORY_DIRECTION, "2024-08-30",
     "https://gov.uk/government/publications/revised-direction-issued-to-halton-borough-council-february-2025"),
    # GovWire copy of GOV.UK: Stoke-on-Trent's direction revoked on 10 February 2025.
    ("stoke-on-trent-direction-revoked-2025-02-10", K.DIRECTION_REVOKED, "2025-02-10",
     "http://govwire.co.uk/news/department-for-education/independent-report-reports-on-children\u2019s-services-in-stoke-on-trent-city-council-118223"),
]  # fmt: skip


@pytest.mark.parametrize(("ident", "kind", "date", "url"), SAMPLE, ids=[s[0] for s in SAMPLE])
def test_the_row_says_what_its_source_says(
    ident: str, kind: cs.InterventionKind, date: str, url: str
) -> None:
    ds = cs.load()
    step = next(s for s in ds.records.interventions if s.id == ident)
    assert step.kind is kind
    assert step.date == cs.PartialDate.parse(date)
    assert url in {ds.source(c.source).url for c in step.citations}


def test_the_sample_spans_the_years_and_the_kinds() -> None:
    assert len(SAMPLE) >= 30
    assert {s[1] for s in SAMPLE} >= {
        K.IMPROVEMENT_NOTICE,
        K.NOTICE_LIFTED,
        K.STATUTORY_DIRECTION,
        K.REVISED_DIRECTION,
        K.DIRECTION_REVOKED,
        K.COMMISSIONER_APPOINTED,
        K.COMMISSIONER_RECOMMENDATION,
        K.MINISTERIAL_DECISION,
    }
    assert {int(s[2][:4]) for s in SAMPLE} >= set(range(2012, 2026)) - {2013, 2015}
