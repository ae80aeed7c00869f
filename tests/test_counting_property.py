"""Analyses over many authorities count each council once, on datasets shaped by reorganisation.

The datasets come from :func:`childservices.strategies.reorganised_datasets`:
councils merged, split, and continued as unitary councils, with lifetimes,
Ofsted URNs and judgements to match.
"""

from __future__ import annotations

import datetime
from collections import Counter

from hypothesis import given, strategies as st

import childservices as cs
from childservices import strategies as st_cs
from childservices.rules.asof import SIF_AND_LATER, counts_for_rating

DAYS = st_cs.days(datetime.date(2013, 1, 1), datetime.date(2027, 6, 30))


@given(st_cs.reorganised_record_sets())
def test_reorganised_record_sets_pass_every_check(records: cs.model.RecordSet) -> None:
    ds = cs.Dataset.from_records(records)
    authorities = {a.id: a for a in records.authorities}
    for link in records.reorganisations:
        successor, predecessor = authorities[link.successor], authorities[link.predecessor]
        assert successor.active_from == link.date
        assert predecessor.active_to is not None
        assert predecessor.active_to.latest.add(days=1) == link.date.earliest
    assert len(ds) == len(records.authorities)


@given(st_cs.reorganised_datasets())
def test_lineages_partition_the_authorities(ds: cs.Dataset) -> None:
    found = ds.lineages()
    members = [m for lineage in found for m in lineage.members]
    assert sorted(members) == sorted(a.id for a in ds)
    lineage_of = {m: lineage.id for lineage in found for m in lineage.members}
    for link in ds.records.reorganisations:
        assert lineage_of[link.predecessor] == lineage_of[link.successor]
    for authority in ds:
        assert authority.lineage.id == lineage_of[authority.id]
    assert len(found) <= len(ds)


@given(st_cs.reorganised_datasets(), DAYS)
def test_day_based_counts_are_authorities_in_existence(ds: cs.Dataset, day: datetime.date) -> None:
    existing = {a.id for a in ds.authorities(active_on=day)}
    ratings = ds.ratings_on(day)
    assert set(ratings) == existing
    graded = sum(isinstance(r, cs.Grade) for r in ratings.values())
    for by in (None, "kind", "region", "delivery_model"):
        shares = ds.shares_on(day, by=by)
        for group in shares.values():
            assert all(0 <= share <= 1 for share in group.values())
            assert abs(sum(group.values()) - 1) < 1e-9
        assert (not shares) == (graded == 0)
    rows = ds.panel([day])
    assert len(rows) == len({r.authority for r in rows}) <= len(existing)
    # A lineage in existence has at least one member in existence: never more lineages than councils.
    lineage_of = {m: lineage.id for lineage in ds.lineages() for m in lineage.members}
    assert len({lineage_of[a] for a in existing}) <= len(existing) <= len(ds)


@given(st_cs.reorganised_datasets())
def test_transitions_count_each_judgement_in_one_sequence(ds: cs.Dataset) -> None:
    counts = ds.transitions()
    total = sum(sum(c.values()) for c in counts.values())
    graded = Counter(
        i.authority
        for i in ds.records.inspections
        if counts_for_rating(i, SIF_AND_LATER) and i.graded
    )
    assert total == sum(max(0, n - 1) for n in graded.values())


@given(st_cs.reorganised_datasets(), st.sampled_from(["2020-01-01", "2024-06-30", "2027-06-30"]))
def test_improvements_after_changes_are_the_authoritys_own(ds: cs.Dataset, until: str) -> None:
    for authority in ds:
        own = {e.id for e in authority.deliveries} | {d.issued.id for d in authority.directions}
        for change in authority.improvements_after_changes(until=until):
            assert change.record in own


GROUPINGS = st.sampled_from([None, "delivery_model", "region", "era", "intervention"])
UNTIL = st.sampled_from(["2018-06-30", "2022-01-01", "2026-08-20"])


@given(st_cs.reorganised_datasets(), st.sampled_from(cs.Unit), GROUPINGS, UNTIL)
def test_time_to_good_counts_each_unit_once(
    ds: cs.Dataset, unit: cs.Unit, by: str | None, until: str
) -> None:
    results = ds.time_to_good(unit=unit, by=by, data_until=until)
    follow_ups = [f for result in results for f in result.follow_ups]
    lineages = ds.lineages()
    lineage_of = {m: lineage.id for lineage in lineages for m in lineage.members}
    # Each unit once, each entry judgement once, never more units than lineages (or authorities).
    assert len({f.unit for f in follow_ups}) == len(follow_ups)
    assert len({f.entry.id for f in follow_ups}) == len(follow_ups)
    if unit is cs.Unit.LINEAGE:
        assert len(follow_ups) <= len(lineages)
        assert len({lineage_of[f.entry.authority] for f in follow_ups}) == len(follow_ups)
    else:
        assert len(follow_ups) <= len(ds)
        # A successor never counts its predecessor's judgement as its own event.
        assert all(f.entry.authority == f.unit for f in follow_ups)
    for f in follow_ups:
        assert f.entry.authority in f.authorities
        assert f.start <= f.end <= f.observable_until
        assert (f.reached is None) != (f.censored is None)
        if f.reached is not None:
            assert f.reached.authority in f.authorities and f.reached.overall in (
                cs.Grade.GOOD,
                cs.Grade.OUTSTANDING,
            )


@given(st_cs.reorganised_datasets(), st.sampled_from(cs.Unit), GROUPINGS)
def test_survival_estimates_are_probabilities(
    ds: cs.Dataset, unit: cs.Unit, by: str | None
) -> None:
    for result in ds.time_to_good(unit=unit, by=by, data_until="2026-08-20"):
        km = result.estimate
        assert km.subjects == len(result.follow_ups) and km.events == result.reached
        previous = 1.0
        for step in km.steps:
            assert 0 <= step.survival <= previous
            previous = step.survival
            if step.lower is not None and step.upper is not None:
                assert 0 <= step.lower <= step.survival <= step.upper <= 1
        if km.median is not None and km.median_lower is not None:
            assert km.median_lower <= km.median
        if km.median is not None and km.median_upper is not None:
            assert km.median <= km.median_upper
        for years in (1, 2, 5, 10):
            assert 0 <= result.reached_within(years) <= result.followed_up(years)
            assert result.followed_up(years) <= len(result.follow_ups)


@given(st_cs.reorganised_datasets(), st.sampled_from(cs.Unit))
def test_reached_good_never_exceeds_lineages_or_followed_up(ds: cs.Dataset, unit: cs.Unit) -> None:
    rows = ds.reached_good(
        judged_from="2013-01-01",
        judged_to="2026-12-31",
        horizons=(1, 3, 5),
        data_until="2026-08-20",
        unit=unit,
    )
    counted = [u for row in rows for u in row.authorities]
    assert len(counted) == len(set(counted))
    assert len(counted) <= (len(ds.lineages()) if unit is cs.Unit.LINEAGE else len(ds))
    for row in rows:
        for years in (1, 3, 5):
            assert row.reached_good_within[years] <= row.followed_up[years] <= len(row.authorities)
            shares = (
                row.reached_good_within[years] / row.followed_up[years]
                if row.followed_up[years]
                else 0
            )
            assert 0 <= shares <= 1
