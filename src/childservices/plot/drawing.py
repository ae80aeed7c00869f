"""Drawing helpers every figure shares: matplotlib on demand, days as matplotlib numbers, a new
figure without :mod:`matplotlib.pyplot`, the year axis, bars, and markers stacked so that none
hides another."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pendulum

from childservices.model import PartialDate, as_date

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle


def _matplotlib() -> None:
    """Raise :class:`~childservices.MissingExtraError` unless matplotlib is installed."""
    from childservices.extras import require

    require("matplotlib", feature="drawing figures (childservices.plot)")


def _num(value: datetime.date) -> float:
    """A day as a matplotlib date number."""
    _matplotlib()
    import matplotlib.dates as mdates

    plain = datetime.date(value.year, value.month, value.day)
    return float(mdates.date2num(plain))  # type: ignore[no-untyped-call]


def _cut(until: str | datetime.date | PartialDate | None) -> pendulum.Date:
    """The last day a figure shows: ``until``, or today."""
    when = pendulum.today().date() if until is None else as_date(until)
    return pendulum.Date(when.year, when.month, when.day)


def _new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure of ``width`` by ``height`` inches with one set of axes, laid out to fit."""
    _matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def _date_axis(ax: Axes) -> None:
    """A date axis with a labelled tick and a faint grid line each year."""
    import matplotlib.dates as mdates

    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.YearLocator())  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", labelrotation=90, labelsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)


_LEVELS = (0.0, 0.22, -0.22, 0.11, -0.11, 0.33, -0.33)
"""Vertical offsets, within a row's band, for markers that would otherwise cover each other."""


def _stacked(positions: Sequence[float], near: float) -> list[float]:
    """For markers at ``positions`` (in order), an offset each: the first level at which no
    marker already placed lies within ``near``; the levels are used in turn beyond that."""
    placed: list[list[float]] = [[] for _ in _LEVELS]
    offsets = []
    for n, x in enumerate(positions):
        level = next(
            (i for i, xs in enumerate(placed) if all(abs(x - other) >= near for other in xs)),
            n % len(_LEVELS),
        )
        placed[level].append(x)
        offsets.append(_LEVELS[level])
    return offsets


def _span(start: datetime.date, end: datetime.date) -> tuple[float, float]:
    """(start, width) in matplotlib's date numbers."""
    first = _num(start)
    return first, _num(end) - first


def _bar(
    start: datetime.date,
    end: datetime.date,
    y: float,
    height: float,
    colour: str,
    *,
    alpha: float = 1.0,
    gid: str | None = None,
) -> Rectangle:
    """A bar from ``start`` to ``end`` at height ``y`` (date axis)."""
    from matplotlib.patches import Rectangle

    left, width = _span(start, end)
    bar = Rectangle(
        (left, y), width, height, facecolor=colour, alpha=alpha, edgecolor="white", linewidth=0.6
    )
    bar.set_gid(gid)
    return bar
