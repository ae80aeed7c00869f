"""Figures of measures in context (re-exported from :mod:`childservices.plot`): a measure in the
years around an event with the neighbours' median (:func:`measure_around_chart`), and a
measure's spread by grade on a day (:func:`measure_by_grade_chart`).

They describe; they do not show cause. Every year of the window is on the
axis: a year with no number is marked along the bottom with why (the
release's symbol, "none" where the files hold no figure, or for an answer as
of a day "later" (not yet published) or "?" (publication date not known),
never left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from childservices.model import NotPublished
from childservices.plot.drawing import _new_figure
from childservices.plot.palette import GRADE_COLOURS
from childservices.rules.by_grade import MeasureByGrade
from childservices.rules.context import MeasureAround, YearRow
from childservices.rules.publication import PublicationStatus

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["measure_around_chart", "measure_by_grade_chart"]

_AUTHORITY = "#3b6ea8"
_NEIGHBOURS = "#555555"


def _why(row: YearRow) -> str:
    """The short label of a year with no number."""
    if row.publication is PublicationStatus.NOT_YET_PUBLISHED:
        return "later"
    if row.publication is PublicationStatus.NOT_KNOWN:
        return "?"
    return row.value.value if isinstance(row.value, NotPublished) else "none"


def measure_around_chart(around: MeasureAround, *, name: str | None = None) -> Figure:
    """A line for the authority's figure in each year of ``around`` (from
    :meth:`Dataset.measure_around <childservices.Dataset.measure_around>`), a dashed line for
    its neighbours' median, and a dotted line at year 0 (the year containing the day).

    ``name`` is the authority's name for the title (default: its id). A year
    with no number has a grey tick along the bottom, labelled with the
    release's symbol or "none"; a median drawn from fewer than all the
    listed neighbours is labelled with how many had a value.
    """
    figure, ax = _new_figure(7, 3.8)
    years = [r.year for r in around.rows]
    own = [r.value if isinstance(r.value, float) else None for r in around.rows]
    medians = [r.neighbour_median for r in around.rows]
    ax.plot(
        years,
        [float("nan") if v is None else v for v in own],
        marker="o",
        color=_AUTHORITY,
        label=name or around.authority,
        gid="authority",
    )
    if around.grouping is not None:
        in_force = around.grouping is around.grouping_in_force
        chosen = "" if in_force else "; chosen, not the list in force on the day"
        ax.plot(
            years,
            [float("nan") if v is None else v for v in medians],
            marker="s",
            linestyle="--",
            color=_NEIGHBOURS,
            gid="neighbours",
            label=f"neighbours' median ({around.grouping.title}{chosen})",
        )
        for r in around.rows:
            if r.neighbour_median is not None and r.neighbours_with_value < r.neighbours_listed:
                ax.annotate(
                    f"{r.neighbours_with_value}/{r.neighbours_listed}",
                    (r.year, r.neighbour_median),
                    textcoords="offset points",
                    xytext=(4, -10),
                    fontsize=7,
                    color=_NEIGHBOURS,
                )
    ax.axvline(around.year_zero, color="#999999", linestyle=":", linewidth=1)
    for r in around.rows:
        if not r.published:
            why = _why(r)
            ax.annotate(
                why,
                (r.year, 0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color="#777777",
                gid=f"missing {r.year}",
            )
    note = "reporting year (offset from year 0)"
    if not all(r.published for r in around.rows):
        note += (
            "\nalong the bottom, a year with no number: "
            "none = no figure in the files; c, z, k, x, u = the release's symbol"
        )
        if around.as_of is not None:
            note += f"; later = not yet published on {around.as_of}, ? = publication not known"
    ax.set_xlabel(note, fontsize=7, color="#555555")
    ax.set_xticks(
        years,
        labels=[f"{y}\n({r.offset:+d})" for y, r in zip(years, around.rows, strict=True)],
        fontsize=8,
    )
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylabel(around.measure.unit.value.replace("_", " "), fontsize=8)
    what = str(around.event) if around.event is not None else f"{around.day}"
    ax.set_title(f"{around.measure.name}\n{name or around.authority}, around {what}", fontsize=9)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    figure.legend(fontsize=7, frameon=False, loc="outside lower center", ncols=1)
    return figure


def measure_by_grade_chart(spread: MeasureByGrade) -> Figure:
    """A box for each rating group of ``spread`` (from :meth:`Dataset.measure_by_grade
    <childservices.Dataset.measure_by_grade>`; quartiles and median, whiskers to the lowest
    and highest), with every authority's value as a point over it, coloured by grade.

    Each group's label says how many of its authorities had a value; a
    group with none has no box.
    """
    figure, ax = _new_figure(7, 4)
    positions = list(range(1, len(spread.groups) + 1))
    for position, group in zip(positions, spread.groups, strict=True):
        colour = GRADE_COLOURS.get(group.rating, "#ffffff")
        numbers = [v for _, v in group.values]
        if numbers:
            ax.bxp(
                [
                    {
                        "med": group.median,
                        "q1": group.lower_quartile,
                        "q3": group.upper_quartile,
                        "whislo": group.minimum,
                        "whishi": group.maximum,
                        "fliers": [],
                    }
                ],
                positions=[position],
                widths=0.5,
                showfliers=False,
                patch_artist=True,
                boxprops={"facecolor": colour, "alpha": 0.5},
                medianprops={"color": "#222222"},
            )
            offsets = [((n * 0.618) % 1 - 0.5) * 0.3 for n in range(len(numbers))]
            ax.scatter(
                [position + o for o in offsets],
                numbers,
                s=9,
                color=colour,
                edgecolors="#444444",
                linewidths=0.4,
                zorder=3,
                gid=f"group {group.label}",
            )
    ax.set_xticks(
        positions,
        labels=[f"{g.label}\n{g.count} of {len(g.authorities)}" for g in spread.groups],
        fontsize=7,
    )
    ax.set_ylabel(spread.measure.unit.value.replace("_", " "), fontsize=8)
    title = f"{spread.measure.name}, {spread.year}\nby Ofsted rating on {spread.day}"
    if spread.as_of is not None:
        title += (
            f"; figures published by {spread.as_of} (left out: "
            f"{len(spread.not_yet_published)} not yet published, "
            f"{len(spread.not_known)} publication not known)"
        )
    ax.set_title(title, fontsize=9)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    return figure
