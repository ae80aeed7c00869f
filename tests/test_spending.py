"""Spending on children's social care in the record (MHCLG's revenue outturn, 2023-24 and
2024-25): every council once a year, spending per child made of the record's own total and
the population file's estimate (read with the csv module), each year cited to its own
release. The figures themselves are read from the workbooks in
``tests/test_spending_from_workbooks.py`` (slow: odfpy)."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import attrs
import pytest

import childservices as cs
from childservices.data.measure_checks import figures_cite_their_release
from childservices.model import NotPublished, Observation, PartialDate

TOTALS = {
    "csc_net_expenditure_per_child": "csc_net_expenditure",
    "csc_gross_expenditure_per_child": "csc_gross_expenditure",
}
RELEASES = {2024: "mhclg-outturn-2023-24", 2025: "mhclg-outturn-2024-25"}


def _existed(view: cs.AuthorityView, day: datetime.date) -> bool:
    start, end = view.active_from, view.active_to
    return (start is None or start.first_day() <= day) and (end is None or day <= end.last_day())


def test_every_council_that_existed_has_one_figure_a_year() -> None:
    ds = cs.load()
    for year in RELEASES:
        day = datetime.date(year, 3, 31)
        councils = {a.id for a in ds.authorities() if _existed(a, day)}
        for measure in (*TOTALS, *TOTALS.values()):
            figures = ds.measure(measure, year)
            ids = [o.authority for o in figures.authorities]
            assert len(ids) == len(set(ids)) and set(ids) == councils, (measure, year)
            assert len(figures.national) == 1 and not figures.regions
            assert {c.source for o in figures.authorities for c in o.citations} == {RELEASES[year]}


def _every_place(ds: cs.Dataset, measure: str, year: int) -> tuple[Observation, ...]:
    figures = ds.measure(measure, year)
    return (*figures.authorities, *figures.national)


@pytest.mark.shared
def test_per_child_is_the_total_over_the_mid_year_estimate(shared_dir: Path) -> None:
    path = shared_dir / "sources/dfe-statistics/ons_mid-year_population_estimates_2012_to_2024.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        estimates = {
            (int(row["time_period"]), row["new_la_code"] or "england"): float(
                row["population_estimate"]
            )
            for row in csv.DictReader(handle)
            if row["age_group"] == "Children aged 0 to 17 years"
            and row["geographic_level"] in ("National", "Local authority")
            and int(row["time_period"]) + 1 in RELEASES  # the mid-years of the two years
        }
    ds = cs.load()
    checked = 0
    for per_child, total in TOTALS.items():
        for year in RELEASES:
            totals = {o.place: o.value for o in _every_place(ds, total, year)}
            for o in _every_place(ds, per_child, year):
                if totals[o.place] is NotPublished.NOT_AVAILABLE:
                    assert o.value is NotPublished.NOT_AVAILABLE, o.id
                    continue
                codes = (
                    {"england"}
                    if o.place == "england"
                    else {
                        i.value
                        for i in ds.authority(o.place).identifiers
                        if i.scheme.value == "ons"
                    }
                )
                (children,) = [v for (y, c), v in estimates.items() if y == year - 1 and c in codes]
                spent = totals[o.place]
                assert isinstance(spent, float)
                assert (o.numerator, o.denominator) == (spent, children), o.id
                assert o.value == float(round(spent * 1000 / children)), o.id
                checked += 1
    assert checked >= 4 * 140


def test_a_figure_may_cite_an_earlier_release_of_its_series_only() -> None:
    records = cs.load().records
    figure = next(o for o in records.observations if o.id == "csc_net_expenditure.2024.leeds")
    assert figure.citations[0].source == "mhclg-outturn-2023-24"
    assert not figures_cite_their_release(attrs.evolve(records, observations=(figure,)))
    # the same figure cited to a release published after its measure's release is refused
    later = next(s for s in records.sources if s.id == "mhclg-outturn-2024-25")
    newer = attrs.evolve(
        later, id="mhclg-outturn-2025-26", published=PartialDate.parse("2026-12-03")
    )
    cited = attrs.evolve(
        figure, citations=(attrs.evolve(figure.citations[0], source="mhclg-outturn-2025-26"),)
    )
    problems = figures_cite_their_release(
        attrs.evolve(records, observations=(cited,), sources=(*records.sources, newer))
    )
    assert [p.field for p in problems] == ["source"]
