"""Every alternative delivery model's episodes, one row per authority (:func:`adm_timeline`,
re-exported from :mod:`childservices.plot`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pendulum

from childservices.errors import ArgumentValueError
from childservices.model import DeliveryEpisode, DeliveryModel, PartialDate
from childservices.plot.drawing import _bar, _cut, _date_axis, _new_figure, _num
from childservices.plot.labels import _label_bars, _Run
from childservices.plot.palette import DELIVERY_COLOURS, _model_label
from childservices.plot.record_source import RecordSource

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["adm_timeline"]

_HEIGHT = 0.7
"""The height of a row's bars."""


def adm_timeline(
    dataset: RecordSource,
    *,
    until: str | datetime.date | PartialDate | None = None,
) -> Figure:
    """Every alternative delivery model's episodes, one row per authority.

    A bar runs from an episode's start to its end (or to ``until``, default
    today, while it runs), coloured by model and labelled with the provider.
    Where a source gives a start or end only to the month or year, the
    uncertain part is drawn paler: the arrangement certainly ran only over
    the solid part. Rows are in order of each authority's first alternative
    episode.
    """
    cut = _cut(until)
    names = {a.id: a.name for a in dataset.records.authorities}
    providers = {p.id: p.name for p in dataset.records.providers}
    episodes = [
        e for e in dataset.records.delivery if e.model.alternative and e.start.earliest < cut
    ]
    if not episodes:
        raise ArgumentValueError("the dataset records no alternative delivery model")
    first_start = _first_starts(episodes)
    order = sorted(first_start, key=lambda a: (first_start[a], names.get(a, a)))
    row = {authority: len(order) - 1 - i for i, authority in enumerate(order)}

    figure, ax = _new_figure(10, 1.2 + 0.32 * len(order))
    seen: list[DeliveryModel] = []
    spans: dict[str, list[_Run]] = {a: [] for a in order}
    for e in sorted(episodes, key=lambda e: e.start.sort_key()):
        spans[e.authority].append(_episode_bars(ax, e, row[e.authority] - _HEIGHT / 2, cut))
        if e.model not in seen:
            seen.append(e.model)
    ax.set_xlim(_num(min(first_start.values()).replace(month=1, day=1)), _num(cut))
    _label_bars(figure, ax, spans, row, providers)
    ax.set_yticks([row[a] for a in order], labels=[names.get(a, a) for a in order], fontsize=8)
    ax.set_ylim(-0.6, len(order) - 0.4)
    _date_axis(ax)
    ax.set_title("Alternative delivery models of children's services")
    from matplotlib.patches import Patch

    figure.legend(
        handles=[Patch(facecolor=DELIVERY_COLOURS[m], label=_model_label(m)) for m in seen],
        loc="outside lower center",
        ncols=len(seen),
        fontsize=8,
        frameon=False,
    )
    return figure


def _first_starts(episodes: list[DeliveryEpisode]) -> dict[str, pendulum.Date]:
    """Each authority's earliest possible start of an episode."""
    first_start: dict[str, pendulum.Date] = {}
    for e in episodes:
        day = e.start.earliest
        if e.authority not in first_start or day < first_start[e.authority]:
            first_start[e.authority] = day
    return first_start


def _episode_bars(ax: Axes, e: DeliveryEpisode, y: float, cut: pendulum.Date) -> _Run:
    """An episode's bars at height ``y``: solid where it certainly ran, paler over a start or
    end known only to the month or year; the run its label goes on."""
    colour = DELIVERY_COLOURS[e.model]
    certain_start = e.start.latest
    end_early = cut if e.end is None else min(e.end.earliest, cut)
    end_late = cut if e.end is None else min(e.end.latest, cut)
    if e.start.earliest < certain_start:
        ax.add_patch(_bar(e.start.earliest, certain_start, y, _HEIGHT, colour, alpha=0.35))
    ax.add_patch(
        _bar(
            certain_start,
            max(end_early, certain_start),
            y,
            _HEIGHT,
            colour,
            gid=f"episode {e.id}",
        )
    )
    if end_early < end_late:
        ax.add_patch(_bar(end_early, end_late, y, _HEIGHT, colour, alpha=0.35))
    solid = (_num(certain_start), _num(max(end_early, certain_start)))
    return _num(certain_start), _num(max(end_late, certain_start)), e, solid
