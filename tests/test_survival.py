"""Time to good as a survival analysis: the estimator against a worked example, then real councils."""

from __future__ import annotations

import io

import pendulum
import pytest

import childservices as cs
from childservices.cli import main
from childservices.rules.lineage import Unit
from childservices.rules.survival import Censoring, kaplan_meier

# The 6-MP group of Freireich et al. (1963), "The effect of 6-mercaptopurine on the duration
# of steroid-induced remissions in acute leukemia", Blood 21, 699-716: weeks in remission of
# 21 children, '+' censored. It is the worked example of the product-limit estimator in
# Klein and Moeschberger, Survival Analysis (2nd ed., 2003), section 4.2, and in Kleinbaum
# and Klein, Survival Analysis: A Self-Learning Text (3rd ed., 2012), chapter 2.
#   6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
SIX_MP = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
SIX_MP_EVENT = [
    True, True, True, False, True, False, True, False, False, True, True,
    False, False, False, True, True, False, False, False, False, False,
]  # fmt: skip

# Worked by hand. n at risk, d events; S = product of (n - d) / n; Greenwood's
# g = sum d / (n (n - d)); SE = S * sqrt(g); log-log 95% limits with z = 1.959964 and
# theta = exp(z * sqrt(g) / ln S): lower = S ** (1 / theta), upper = S ** theta.
#  t   n  d  S                          g                              SE      lower   upper
#  6  21  3  18/21           = 0.857143  3/378            = 0.0079365  0.0764  0.6197  0.9516
#  7  17  1  x 16/17         = 0.806723  + 1/272          = 0.0116130  0.0869  0.5631  0.9228
# 10  15  1  x 14/15         = 0.752941  + 1/210          = 0.0163749  0.0963  0.5032  0.8894
# 13  12  1  x 11/12         = 0.690196  + 1/132          = 0.0239506  0.1068  0.4316  0.8491
# 16  11  1  x 10/11         = 0.627451  + 1/110          = 0.0330415  0.1141  0.3675  0.8049
# 22   7  1  x 6/7           = 0.537815  + 1/42           = 0.0568511  0.1282  0.2678  0.7468
# 23   6  1  x 5/6           = 0.448179  + 1/30           = 0.0901844  0.1346  0.1881  0.6801
# (t = 6: theta = exp(1.959964 * 0.089087 / -0.154151) = 0.32215; lower = 0.857143 ** 3.10414.)
# The SEs are those of Klein and Moeschberger's table for this group. The median is 23 weeks
# (the first S <= 0.5); its lower limit is 13 weeks (the first lower bound <= 0.5: 0.4316,
# after 0.5032 at 10 weeks); the upper bound never falls to 0.5, so the upper limit is not
# reached.
WORKED = [
    (6, 21, 3, 0.857143, 0.0764, 0.6197, 0.9516),
    (7, 17, 1, 0.806723, 0.0869, 0.5631, 0.9228),
    (10, 15, 1, 0.752941, 0.0963, 0.5032, 0.8894),
    (13, 12, 1, 0.690196, 0.1068, 0.4316, 0.8491),
    (16, 11, 1, 0.627451, 0.1141, 0.3675, 0.8049),
    (22, 7, 1, 0.537815, 0.1282, 0.2678, 0.7468),
    (23, 6, 1, 0.448179, 0.1346, 0.1881, 0.6801),
]


def test_kaplan_meier_reproduces_the_six_mp_worked_example() -> None:
    km = kaplan_meier(SIX_MP, SIX_MP_EVENT)
    with_events = [s for s in km.steps if s.events]
    assert [(s.time, s.at_risk, s.events) for s in with_events] == [w[:3] for w in WORKED]
    for step, (*_, survival, std_err, lower, upper) in zip(with_events, WORKED, strict=True):
        assert step.survival == pytest.approx(survival, abs=5e-7)
        assert step.std_err == pytest.approx(std_err, abs=5e-5)
        assert step.lower == pytest.approx(lower, abs=5e-5)
        assert step.upper == pytest.approx(upper, abs=5e-5)
    assert (km.median, km.median_lower, km.median_upper) == (23, 13, None)
    assert km.subjects == 21 and km.events == 9
    # Censored times are steps too: at 9 weeks one unit leaves, S unchanged.
    nine = next(s for s in km.steps if s.time == 9)
    assert (nine.at_risk, nine.events, nine.censored) == (16, 0, 1)
    assert nine.survival == pytest.approx(0.806723, abs=5e-7)
    assert km.at_risk_at(8) == 16 and km.survival_at(12) == pytest.approx(0.752941, abs=5e-7)


def test_kaplan_meier_matches_a_published_log_log_interval() -> None:
    # The control group of the same trial: 1 1 2 2 3 4 4 5 5 8 8 8 8 11 11 12 12 15 17 22 23,
    # all relapses. G. Rodriguez, "The Gehan Survival Data" (Princeton, WWS 509),
    # http://data.princeton.edu/pop509/gehan.html, Stata's sts list (log-log intervals):
    # "Control 1 21 2 0 0.9048 0.0641 0.6700 0.97..". By hand: 19/21 = 0.904762,
    # SE = 0.904762 * sqrt(2 / 399) = 0.0641, upper = 0.9753.
    control = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]
    km = kaplan_meier(control, [True] * len(control))
    first = km.steps[0]
    assert (first.time, first.at_risk, first.events) == (1, 21, 2)
    assert round(first.survival, 4) == 0.9048
    assert round(first.std_err or 0, 4) == 0.0641
    assert round(first.lower or 0, 4) == 0.6700
    assert round(first.upper or 0, 4) == 0.9753
    # Everyone relapsed by 23 weeks: S = 0 there, and the interval is not defined.
    last = km.steps[-1]
    assert (last.time, last.survival, last.lower, last.upper) == (23, 0.0, None, None)


def test_kaplan_meier_edge_cases() -> None:
    nobody = kaplan_meier([], [])
    assert nobody.steps == () and nobody.median is None
    censored = kaplan_meier([3, 5], [False, False])
    assert [s.survival for s in censored.steps] == [1.0, 1.0]
    assert censored.median is None and censored.steps[0].lower is None
    # Exactly one half: the median is the first time S reaches 0.5 (no rounding error).
    assert kaplan_meier([1, 2], [True, False]).median == 1
    # An event and a censoring at the same time: the censored unit was at risk.
    tied = kaplan_meier([4, 4, 9], [True, False, True])
    assert (tied.steps[0].at_risk, tied.steps[0].survival) == (3, pytest.approx(2 / 3))
    assert tied.steps[1].at_risk == 1
    with pytest.raises(ValueError, match="2 times but 1"):
        kaplan_meier([1, 2], [True])
    with pytest.raises(ValueError, match="confidence"):
        kaplan_meier([1], [True], confidence=1.5)
    with pytest.raises(ValueError, match="at least 0"):
        kaplan_meier([-1], [True])


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


def _follow_up(ds: cs.Dataset, unit_id: str, unit: Unit = Unit.LINEAGE) -> cs.FollowUp:
    (everyone,) = ds.time_to_good(data_until="2026-08-20", unit=unit)
    return next(f for f in everyone.follow_ups if f.unit == unit_id)


def test_a_split_council_is_one_lineage_followed_once(ds: cs.Dataset) -> None:
    # Northamptonshire: ILACS inadequate published 29 July 2019 (Ofsted, "Children's social
    # care data in England 2023", sheet LA_inspections_2009-2023, row 165). Split into North
    # and West Northamptonshire on 1 April 2021 (SI 2020/156); both were judged requires
    # improvement on 25 November 2022 and inspected under the reformed framework, with no
    # overall grade, in reports of 7 July 2026 (ofsted-reports/2637539_north northamptonshire,
    # 2637548_west northamptonshire).
    lineage = _follow_up(ds, "northamptonshire")
    assert lineage.authorities == (
        "north-northamptonshire",
        "northamptonshire",
        "west-northamptonshire",
    )
    assert lineage.start == pendulum.Date(2019, 7, 29)
    assert lineage.reached is None and lineage.censored is Censoring.NO_OVERALL_GRADE
    assert lineage.end == pendulum.Date(2026, 7, 7)
    # Counted by authority, Northamptonshire is followed until it was abolished, and its
    # successors are never counted for its judgement.
    alone = _follow_up(ds, "northamptonshire", Unit.AUTHORITY)
    assert alone.censored is Censoring.ABOLISHED and alone.end == pendulum.Date(2021, 4, 1)
    (by_authority,) = ds.time_to_good(data_until="2026-08-20", unit=Unit.AUTHORITY)
    units = {f.unit for f in by_authority.follow_ups}
    assert not units & {"north-northamptonshire", "west-northamptonshire"}


def test_cumbria_reaches_good_through_a_successor(ds: cs.Dataset) -> None:
    # Cumbria: SIF inadequate published 13 May 2015 (2023 sheet, row 35); abolished on
    # 31 March 2023; Westmorland and Furness judged good in the report of 12 July 2024
    # (ofsted-reports/2733698_westmorland and furness), Cumberland good later that year.
    lineage = _follow_up(ds, "cumbria")
    assert lineage.start == pendulum.Date(2015, 5, 13)
    assert lineage.reached is not None
    assert lineage.reached.authority == "westmorland-and-furness"
    assert lineage.end == pendulum.Date(2024, 7, 12)


def test_reached_good_counts_each_lineage_once(ds: cs.Dataset) -> None:
    rows = ds.reached_good(judged_from="2014-01-01", judged_to="2019-12-31", horizons=(1, 3, 5, 10))
    units = [u for row in rows for u in row.authorities]
    assert len(units) == len(set(units))
    lineage_of = {m: lin.id for lin in ds.lineages() for m in lin.members}
    assert len(units) == len({lineage_of.get(u, u) for u in units})
    # None of the councils created in 2019-2023 is counted as judged inadequate in 2014-2019.
    assert not set(units) & {
        "cumberland",
        "westmorland-and-furness",
        "north-northamptonshire",
        "west-northamptonshire",
        "buckinghamshire",
        "somerset",
        "dorset",
        "bournemouth-christchurch-and-poole",
    }
    for row in rows:
        for years in (1, 3, 5, 10):
            assert row.reached_good_within[years] <= row.followed_up[years] <= len(row.authorities)


def test_time_to_good_refuses_a_starting_grade_already_good(ds: cs.Dataset) -> None:
    with pytest.raises(ValueError, match="already good"):
        ds.time_to_good(from_grade=cs.Grade.GOOD)
    with pytest.raises(ValueError, match="cannot group by"):
        ds.time_to_good(by="colour")


def test_cli_time_to_good(ds: cs.Dataset) -> None:
    out = io.StringIO()
    assert (
        main(["time-to-good", "--by", "era", "--until", "2026-08-20", "--format", "csv"], out=out)
        == 0
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "group,units,reached_good,censored,median_years,lower,upper"
    assert {line.split(",")[0] for line in lines[1:]} == {"sif", "ilacs"}
    out = io.StringIO()
    assert main(["time-to-good", "--show", "units", "--until", "2026-08-20"], out=out) == 0
    assert "northamptonshire-ilacs-2019-07-29" in out.getvalue()
    assert "censored: no_overall_grade" in out.getvalue()


def test_time_to_good_by_intervention_on_the_bundled_record(ds: cs.Dataset) -> None:
    # Grouping by intervention once failed with a KeyError whenever an answer on some day of
    # follow-up was "not known". Sandwell, judged inadequate in June 2015, was under the
    # statutory direction of 6 October 2016 (GOV.UK, "Direction issued to Sandwell
    # metropolitan council") during its follow-up.
    groups = {r.group: r for r in ds.time_to_good(by="intervention", data_until="2026-08-20")}
    assert set(groups) <= {
        "statutory_direction", "improvement_notice", "not_known", "none", "none recorded"
    }  # fmt: skip
    sandwell = next(f for r in groups.values() for f in r.follow_ups if f.unit == "sandwell")
    assert sandwell.group == "statutory_direction"
    everyone = ds.time_to_good(data_until="2026-08-20")[0]
    assert sum(len(r.follow_ups) for r in groups.values()) == len(everyone.follow_ups)
