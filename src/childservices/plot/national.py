"""National figures: the share of authorities at each grade over time
(:func:`national_grades`) and Ofsted's visits per month (:func:`visits_over_time`), both
re-exported from :mod:`childservices.plot`."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import pendulum

from childservices.errors import ArgumentValueError
from childservices.model import Area, Framework, Grade, Visit, VisitKind, as_date
from childservices.plot.drawing import _date_axis, _new_figure, _num
from childservices.plot.palette import GRADE_COLOURS, VISIT_COLOURS
from childservices.plot.record_source import RecordSource
from childservices.rules.asof import SIF_AND_LATER, RatingBasis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["national_grades", "visits_over_time"]

_FRAMEWORK_STARTS = (
    (datetime.date(2013, 11, 1), "SIF"),
    (datetime.date(2018, 1, 1), "ILACS"),
    (datetime.date(2026, 4, 1), "ILACS 2026"),
)
"""When the single inspection framework, ILACS and reformed ILACS began (for guide lines)."""

_BASIS_NAMES = {
    RatingBasis.LATEST_OVERALL: "each authority's latest overall judgement, however old",
}
"""The words under the title for a rating basis other than the default."""

_STACK_ORDER = (
    Grade.INADEQUATE,
    Grade.ADEQUATE,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.GOOD,
    Grade.OUTSTANDING,
)
"""The grades from the bottom of the stack to the top."""


def national_grades(
    dataset: RecordSource,
    days: Sequence[str | datetime.date],
    *,
    frameworks: Collection[Framework] = SIF_AND_LATER,
    rating_basis: RatingBasis | Area = RatingBasis.OVERALL,
) -> Figure:
    """The share of authorities at each grade on each of ``days``, stacked.

    Each day's shares are :meth:`~childservices.Dataset.shares_on`: the
    authorities in existence that day whose rating (under ``frameworks``,
    by default the SIF and later, read on ``rating_basis``) is a grade;
    authorities not yet inspected under them, or whose rating is no grade
    (on the default basis, a latest inspection under the 2026 reform), are
    left out. The basis is named under the title when it is not the default. Use :func:`~childservices.quarterly` for regular days, for
    example ``quarterly("2014-01-01", "2026-06-30")``. Dashed lines mark
    the start of the SIF, ILACS and the 2026 reforms.
    """
    if not days:
        raise ArgumentValueError("national_grades needs at least one day")
    when = [as_date(d) for d in days]
    shares = [
        dataset.shares_on(day, frameworks=frameworks, rating_basis=rating_basis).get("all", {})
        for day in when
    ]
    grades = [g for g in _STACK_ORDER if any(s.get(g) for s in shares)]
    figure, ax = _new_figure(10, 4)
    x = [_num(d) for d in when]
    collections = ax.stackplot(
        x,
        *[[100 * s.get(g, 0.0) for s in shares] for g in grades],
        labels=[g.label for g in grades],
        colors=[GRADE_COLOURS[g] for g in grades],
        linewidth=0.3,
        edgecolor="white",
    )
    for grade, collection in zip(grades, collections, strict=True):
        collection.set_gid(f"grade {grade.value}")
    for start, name in _FRAMEWORK_STARTS:
        if x[0] < _num(start) < x[-1]:
            ax.axvline(_num(start), color="#333333", linestyle="--", linewidth=0.8)
            ax.text(_num(start), 101, name, fontsize=8, ha="center", va="bottom")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of authorities with a grade")
    _date_axis(ax)
    ax.set_title(_grades_title(rating_basis), pad=14)
    handles, labels = ax.get_legend_handles_labels()
    figure.legend(
        handles[::-1], labels[::-1], loc="outside right center", fontsize=8, frameon=False
    )
    return figure


def _grades_title(rating_basis: RatingBasis | Area) -> str:
    """The national figure's title, naming the basis under it when it is not the default."""
    title = "Ofsted ratings of English local authorities' children's services"
    if rating_basis is not RatingBasis.OVERALL:
        title += "\n" + (
            _BASIS_NAMES[rating_basis]
            if isinstance(rating_basis, RatingBasis)
            else f"judgement: {rating_basis.value.replace('_', ' ')}"
        )
    return title


def visits_over_time(dataset: RecordSource, *, gap_months: int = 6) -> Figure:
    """Ofsted's focused and monitoring visits in the record, per month of fieldwork, stacked by kind.

    A visit counts in the month its fieldwork began (its publication's month
    when that is not known; the last month it could be, for a date given
    only to the year). The record holds the visits of some years only (the
    in-year lists of Ofsted's workbooks, and a few from other sources), so a
    month without a bar is a month with no visit *recorded*: every run of at
    least ``gap_months`` such months between the first and last recorded
    visit is shaded grey (and, from a year long, labelled as not in the
    record).
    """
    visits = dataset.records.visits
    if not visits:
        raise ArgumentValueError("the dataset records no visit")
    counts = _monthly_counts(visits)
    months = _months(min(counts), max(counts))
    figure, ax = _new_figure(10, 3.6)
    bottoms = [0.0] * len(months)
    for kind in VisitKind:
        heights = [counts.get((m.year, m.month), {}).get(kind, 0) for m in months]
        left = [_num(m) for m in months]
        widths = [_num(m.add(months=1)) - _num(m) for m in months]
        bars = ax.bar(
            left,
            heights,
            width=[w * 0.9 for w in widths],
            bottom=bottoms,
            align="edge",
            color=VISIT_COLOURS[kind],
            label=f"{kind.value} visits",
        )
        for bar, month in zip(bars, months, strict=True):
            bar.set_gid(f"visits {kind.value} {month.year}-{month.month:02d}")
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    top = max(bottoms)
    _shade_gaps(ax, months, counts, gap_months, top)
    ax.set_xlim(_num(months[0]), _num(months[-1].add(months=1)))
    ax.set_ylim(0, top * 1.1)
    ax.set_ylabel("visits begun in the month")
    _date_axis(ax)
    ax.set_title("Ofsted's focused and monitoring visits in the record")
    figure.legend(loc="outside right center", fontsize=8, frameon=False)
    return figure


_Counts = dict[tuple[int, int], dict[VisitKind, int]]
"""Visits of each kind by (year, month); only months with a visit are keys."""


def _monthly_counts(visits: Sequence[Visit]) -> _Counts:
    """The visits of each kind begun in each month (the latest month a visit could be in)."""
    counts: _Counts = {}
    for visit in visits:
        day = visit.date.latest
        tally = counts.setdefault((day.year, day.month), dict.fromkeys(VisitKind, 0))
        tally[visit.kind] += 1
    return counts


def _months(first: tuple[int, int], last: tuple[int, int]) -> list[pendulum.Date]:
    """The first day of every month from ``first`` to ``last`` (year, month), both included."""
    months: list[pendulum.Date] = []
    day = pendulum.Date(first[0], first[1], 1)
    while (day.year, day.month) <= last:
        months.append(day)
        day = day.add(months=1)
    return months


def _shade_gaps(
    ax: Axes, months: list[pendulum.Date], counts: _Counts, gap_months: int, top: float
) -> None:
    """Shade every run of at least ``gap_months`` months with no visit recorded, and say under a
    run a year or more long that such visits are not in the record."""
    run: list[pendulum.Date] = []
    for gap in [*months, None]:
        if gap is not None and (gap.year, gap.month) not in counts:
            run.append(gap)
            continue
        if len(run) >= gap_months:
            start, end = run[0], run[-1].add(months=1)
            patch = ax.axvspan(_num(start), _num(end), color="#eeeeee", zorder=0)
            patch.set_gid(f"gap {start.isoformat()}")
        if len(run) >= max(gap_months, 12):
            ax.text(
                (_num(run[0]) + _num(run[-1].add(months=1))) / 2,
                top * 0.5,
                "no visits in the record\n(not in its sources)",
                ha="center",
                va="center",
                fontsize=8,
                color="#555555",
            )
        run = []
