"""Ofsted judgements the seed documents state, checked against the bundled dataset.

Each expected value is what the seed document says (quoted in our words in
the comment above it), not a value read off the library. Each statement must
be held by an inspection that cites both the seed and an official source
(Ofsted's sheet or the report), so the two are seen to agree.

Seeds: 000 is Government Business, "GB Top 10 - Children's services" (May
2017); 001 is the County Councils Network, "Delivering Children's Services in
Challenging Times" (2015); 003 is Leeds City Council, "Children's Services
Update Report" (9 October 2013).

Seed 001 also says a joint area review judged Essex's children's social care
inadequate in 2008: no official source holds it, so that inspection
(framework ``jar``) cites the seed alone.
"""

from __future__ import annotations

import pytest

import childservices as cs
from childservices import Area, Framework, Grade, Inspection

OFFICIAL_SOURCES = ("ofsted-csc-data-england-2023", "ofsted-report-")


def _inspection(inspection_id: str) -> Inspection:
    return cs.load().inspection(inspection_id)


def _cites(inspection: Inspection, source: str) -> bool:
    return any(c.source == source for c in inspection.citations)


def _cites_official(inspection: Inspection) -> bool:
    return any(c.source.startswith(OFFICIAL_SOURCES) for c in inspection.citations)


# (inspection id, seed source, authority, framework, year the seed gives)
SEED_CITED = [
    ("leeds-slac-2010-01-07", "seed-003", "leeds", Framework.SLAC, 2009),
    ("leeds-slac-2011-10-10", "seed-003", "leeds", Framework.SLAC, 2011),
    ("leeds-sif-2015-03-27", "seed-000", "leeds", Framework.SIF, 2015),
    ("wolverhampton-slac-2011-07-22", "seed-000", "wolverhampton", Framework.SLAC, 2011),
    ("wolverhampton-sif-2017-03-31", "seed-000", "wolverhampton", Framework.SIF, 2017),
    ("isle-of-wight-cpi-2013-01-15", "seed-001", "isle-of-wight", Framework.CPI, 2012),
    ("isle-of-wight-sif-2014-11-19", "seed-001", "isle-of-wight", Framework.SIF, 2014),
    ("northamptonshire-cpi-2013-03-20", "seed-000", "northamptonshire", Framework.CPI, 2013),
    ("northamptonshire-lac-2013-08-23", "seed-000", "northamptonshire", Framework.LAC, 2013),
    ("northamptonshire-sif-2016-04-27", "seed-000", "northamptonshire", Framework.SIF, 2016),
]


@pytest.mark.parametrize(("inspection_id", "seed", "authority", "framework", "year"), SEED_CITED)
def test_seed_is_cited_beside_the_official_source(
    inspection_id: str, seed: str, authority: str, framework: Framework, year: int
) -> None:
    inspection = _inspection(inspection_id)
    assert inspection.authority == authority
    assert inspection.framework is framework
    assert _cites(inspection, seed)
    assert _cites_official(inspection)
    # The seed's year is the year the judgement was made: the report came out
    # that year or, for inspections at the end of a year, early the next.
    assert inspection.published.year in (year, year + 1)


def test_leeds_inadequate_in_2009() -> None:
    # Seed 003, paragraph 2.1: Ofsted judged Leeds inadequate in 2009, which
    # brought government intervention. The 2009-2012 framework gave no overall
    # grade; the inadequate judgement was for safeguarding (fieldwork late 2009,
    # report January 2010). Looked after children was adequate.
    inspection = _inspection("leeds-slac-2010-01-07")
    assert inspection.overall is cs.NOT_GIVEN
    assert inspection.grades[Area.SAFEGUARDING] is Grade.INADEQUATE
    assert Grade.INADEQUATE not in (
        grade for area, grade in inspection.grades.items() if area is not Area.SAFEGUARDING
    )


def test_leeds_improved_rating_by_2011() -> None:
    # Seed 003, paragraph 2.1: services had improved by 2011, with an improved
    # inspection rating. The 2011 re-inspection moved safeguarding up a grade.
    before = _inspection("leeds-slac-2010-01-07").grades[Area.SAFEGUARDING]
    after = _inspection("leeds-slac-2011-10-10").grades[Area.SAFEGUARDING]
    assert (before, after) == (Grade.INADEQUATE, Grade.ADEQUATE)


def test_leeds_good_with_outstanding_leadership_in_2015() -> None:
    # Seed 000, entry 1: in 2015 Leeds was rated good overall, with outstanding
    # leadership, management and governance.
    inspection = _inspection("leeds-sif-2015-03-27")
    assert inspection.overall is Grade.GOOD
    assert inspection.grades[Area.LEADERSHIP_MANAGEMENT_GOVERNANCE] is Grade.OUTSTANDING


def test_wolverhampton_adequate_in_2011_then_good_in_2017() -> None:
    # Seed 000, entry 2: the report of the end of March (2017) judged Wolverhampton
    # good, up from 'adequate' at the previous inspection in 2011. The 2011
    # framework had no overall grade: 'adequate' is its safeguarding judgement
    # (looked after children was judged good).
    ds = cs.load()
    earlier = _inspection("wolverhampton-slac-2011-07-22")
    assert earlier.overall is cs.NOT_GIVEN
    assert earlier.grades[Area.SAFEGUARDING] is Grade.ADEQUATE
    later = _inspection("wolverhampton-sif-2017-03-31")
    assert later.overall is Grade.GOOD
    assert str(later.published) == "2017-03-31"
    # "previous inspection": nothing graded came between the two.
    between = [
        i
        for i in ds.authority("wolverhampton").inspections
        if earlier.published.certainly_before(i.published)
        and i.published.certainly_before(later.published)
        and i.kind is not None
    ]
    assert between == []


def test_isle_of_wight_inadequate_in_2012_then_requires_improvement_in_late_2014() -> None:
    # Seed 001, 'Intervention and improvement': child protection services went from
    # inadequate (Ofsted, 2012) to requires improvement (late 2014).
    cpi = _inspection("isle-of-wight-cpi-2013-01-15")
    assert cpi.overall is Grade.INADEQUATE
    sif = _inspection("isle-of-wight-sif-2014-11-19")
    assert sif.grades[Area.HELP_AND_PROTECTION] is Grade.REQUIRES_IMPROVEMENT
    assert sif.overall is Grade.REQUIRES_IMPROVEMENT
    assert sif.published.year == 2014 and (sif.published.month or 0) >= 9


def test_isle_of_wight_rating_on_dates() -> None:
    view = cs.load().authority("isle-of-wight")
    assert view.rating_on("2013-06-01", frameworks=cs.ALL_FRAMEWORKS) is Grade.INADEQUATE
    assert view.rating_on("2015-01-01") is Grade.REQUIRES_IMPROVEMENT


def test_northamptonshire_inadequate_in_2013_then_requires_improvement_in_2016() -> None:
    # Seed 000, entry 10: the service moved from inadequate in 2013 to requires
    # improvement at the start of 2016. Both 2013 inspections were inadequate.
    for inspection_id in ("northamptonshire-cpi-2013-03-20", "northamptonshire-lac-2013-08-23"):
        assert _inspection(inspection_id).overall is Grade.INADEQUATE
    sif = _inspection("northamptonshire-sif-2016-04-27")
    assert sif.overall is Grade.REQUIRES_IMPROVEMENT
    view = cs.load().authority("northamptonshire")
    assert view.rating_on("2013-12-31", frameworks=cs.ALL_FRAMEWORKS) is Grade.INADEQUATE
    assert view.rating_on("2016-06-01") is Grade.REQUIRES_IMPROVEMENT


def test_northamptonshire_judgements_reachable_from_successors() -> None:
    ds = cs.load()
    for successor in ("north-northamptonshire", "west-northamptonshire"):
        ids = {i.id for i in ds.authority(successor).inspections_with_predecessors()}
        assert {"northamptonshire-cpi-2013-03-20", "northamptonshire-sif-2016-04-27"} <= ids


def test_essex_2008_joint_area_review() -> None:
    # Seed 001 (Essex case study): "When a Joint Area Review judged children's social care
    # in Essex as inadequate in 2008 ... Ministerial intervention followed swiftly."
    essex = cs.load().authority("essex")
    (jar,) = [i for i in essex.inspections if i.framework is cs.Framework.JAR]
    assert jar.published == cs.PartialDate(2008)
    assert jar.overall is cs.Grade.INADEQUATE
    assert [c.source for c in jar.citations] == ["seed-001"]
    # A joint area review is not a rating under the SIF-and-later default.
    assert essex.rating_on("2009-06-01") is None
    assert essex.rating_on("2009-06-01", frameworks=cs.ALL_FRAMEWORKS) is cs.Grade.INADEQUATE
