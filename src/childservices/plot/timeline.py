"""One authority's history on one time axis (:func:`authority_timeline`, re-exported from
:mod:`childservices.plot`): a row each for the Ofsted rating in force, Ofsted's visits, the
delivery model and the interventions."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import pendulum

from childservices.model import (
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    Intervention,
    InterventionKind,
    NoJudgement,
    PartialDate,
    Visit,
    VisitKind,
)
from childservices.plot.drawing import (
    _cut,
    _date_axis,
    _matplotlib,
    _new_figure,
    _num,
    _span,
    _stacked,
)
from childservices.plot.palette import (
    DELIVERY_COLOURS,
    GRADE_COLOURS,
    INTERVENTION_MARKERS,
    VISIT_COLOURS,
    VISIT_MARKERS,
    _grade_label,
    _model_label,
    _visit_fill,
    _visit_label,
)
from childservices.rules.asof import ALL_FRAMEWORKS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from childservices.authority_view import AuthorityView
    from childservices.rules.trajectory import Spell

__all__ = ["authority_timeline", "undated_note"]

_ROWS = {"rating": 3.0, "visits": 2.0, "delivery": 1.0, "interventions": 0.0}
"""The height of each row's centre on the figure's vertical axis, top to bottom."""

_ROW_LABELS = ["Ofsted rating", "Ofsted visits", "delivery model", "interventions"]
"""The rows' labels, in the order of :data:`_ROWS`."""

_HEIGHT = 0.7
"""The height of a row's bars."""


def authority_timeline(
    authority: AuthorityView,
    *,
    until: str | datetime.date | PartialDate | None = None,
    frameworks: Collection[Framework] = ALL_FRAMEWORKS,
) -> Figure:
    """One authority's history on one time axis.

    Four rows: the **Ofsted rating** in force (each spell of the
    authority's :meth:`~childservices.AuthorityView.trajectory` as a bar
    coloured by its grade, from the report's publication), Ofsted's
    **visits** (a marker at each focused or monitoring visit's fieldwork
    start, of the authority and its predecessors; a focused visit's marker is
    filled red where its letter named areas for priority action, green where
    it named none, white where no source says; visits give no grade and the
    record holds some years only), the **delivery model** (a band: in-house
    where no episode is recorded, each trust, company or partnership episode
    in its colour) and the **interventions** (a marker per dated step:
    notices, directions and their revisions and revocations, commissioners,
    recommendations, ministerial decisions). A step no source dates cannot be
    placed: a note under the axis names each one left off
    (:func:`undated_note`).
    ``frameworks`` defaults to every framework, so the 2009-2013 judgements
    show too ('adequate' in its own colour); pass
    :data:`~childservices.SIF_AND_LATER` for the rating as
    :meth:`~childservices.AuthorityView.rating_on` gives it by default.
    The axis runs from the first recorded fact to ``until`` (default: today).
    """
    _matplotlib()
    cut = _cut(until)
    spells = authority.trajectory(until=cut, frameworks=frameworks).spells
    steps = [s for s in authority.interventions if s.date is not None and s.date.earliest < cut]
    episodes = [e for e in authority.deliveries if e.start.earliest < cut]
    visits = [v for v in authority.visits_with_predecessors() if v.date.latest < cut]
    first, last = _extent(authority, spells, episodes, steps, visits, cut)

    figure, ax = _new_figure(10, 3.8)
    # Markers closer than one marker's width (about 9 points on this axis) are stacked
    # within their row, so that none hides another.
    near = max(1, round((_num(last) - _num(first)) * 9 / 560))
    handles = [
        *_rating_row(ax, spells, last),
        *_visit_row(ax, visits, near),
        *_delivery_row(ax, episodes, first, last),
        *_intervention_row(ax, steps, near),
    ]
    ax.set_xlim(_num(first), _num(last))
    ax.set_ylim(-0.6, 3.6)
    ax.set_yticks(list(_ROWS.values()), labels=_ROW_LABELS)
    _date_axis(ax)
    ax.set_title(f"{authority.name}: Ofsted ratings and visits, delivery and interventions")
    figure.legend(handles=handles, loc="outside right center", fontsize=8, frameon=False)
    undated = [s for s in authority.interventions if s.date is None]
    if undated:
        figure.supxlabel(undated_note(undated), fontsize=7, color="#444444", gid="undated")
    return figure


def undated_note(steps: Sequence[Intervention]) -> str:
    """The note under a timeline naming the intervention steps it leaves off because no
    source dates them (each step's kind and id), wrapped to the figure's width."""
    import textwrap

    named = ", ".join(f"{s.kind.value.replace('_', ' ')} ({s.id})" for s in steps)
    return "\n".join(textwrap.wrap(f"Not drawn, no date in the sources: {named}", width=150))


def _extent(
    authority: AuthorityView,
    spells: Sequence[Spell],
    episodes: Sequence[DeliveryEpisode],
    steps: Sequence[Intervention],
    visits: Sequence[Visit],
    cut: pendulum.Date,
) -> tuple[pendulum.Date, pendulum.Date]:
    """The axis's first and last day: from 1 January of the year of the first recorded fact
    (not before the authority existed) to ``cut`` (or the day after the authority ended)."""
    starts = [s.start for s in spells]
    starts += [e.start.earliest for e in episodes]
    starts += [s.date.earliest for s in steps if s.date is not None]
    starts += [v.date.earliest for v in visits]
    first = min(starts, default=pendulum.Date(2009, 1, 1))
    first = pendulum.Date(first.year, 1, 1)
    if authority.active_from is not None and authority.active_from.earliest > first:
        first = authority.active_from.earliest
    last = cut
    if authority.active_to is not None and authority.active_to.latest < cut:
        last = authority.active_to.latest.add(days=1)
    return first, last


def _rating_row(ax: Axes, spells: Sequence[Spell], last: pendulum.Date) -> list[Any]:
    """A bar per spell of the rating in force, coloured by its grade; the legend's entries."""
    from matplotlib.patches import Patch

    seen: list[Grade | NoJudgement | None] = []
    for spell in spells:
        end = min(spell.end or last, last)
        ax.broken_barh(
            [_span(spell.start, end)],
            (_ROWS["rating"] - _HEIGHT / 2, _HEIGHT),
            facecolors=GRADE_COLOURS[spell.grade],
            edgecolors="#555555",
            linewidth=0.5,
            gid=f"spell {spell.inspection.id}",
        )
        if spell.grade not in seen:
            seen.append(spell.grade)
    return [
        Patch(facecolor=GRADE_COLOURS[g], edgecolor="#555555", label=_grade_label(g)) for g in seen
    ]


def _visit_row(ax: Axes, visits: Sequence[Visit], near: float) -> list[Any]:
    """A marker per visit, filled by what a focused visit's letter found; the legend's entries
    (kinds in order, then findings)."""
    from matplotlib.lines import Line2D

    offsets = _stacked([_num(v.date.latest) for v in visits], near)
    seen: list[tuple[VisitKind, bool | None]] = []
    for visit, offset in zip(visits, offsets, strict=True):
        ax.plot(
            [_num(visit.date.latest)],
            [_ROWS["visits"] + offset],
            marker=VISIT_MARKERS[visit.kind],
            linestyle="none",
            markerfacecolor=_visit_fill(visit.kind, visit.priority_action),
            markeredgecolor=VISIT_COLOURS[visit.kind],
            markersize=7,
            gid=f"visit {visit.id}",
        )
        if (visit.kind, visit.priority_action) not in seen:
            seen.append((visit.kind, visit.priority_action))
    seen.sort(key=lambda k: (list(VisitKind).index(k[0]), str(k[1])))
    return [
        Line2D(
            [],
            [],
            marker=VISIT_MARKERS[kind],
            linestyle="none",
            markerfacecolor=_visit_fill(kind, found),
            markeredgecolor=VISIT_COLOURS[kind],
            label=_visit_label(kind, found),
        )
        for kind, found in seen
    ]


def _delivery_row(
    ax: Axes,
    episodes: Sequence[DeliveryEpisode],
    first: pendulum.Date,
    last: pendulum.Date,
) -> list[Any]:
    """An in-house band over the whole axis with each recorded episode over it in its model's
    colour; the legend's entries."""
    from matplotlib.patches import Patch

    ax.broken_barh(
        [_span(first, last)],
        (_ROWS["delivery"] - _HEIGHT / 2, _HEIGHT),
        facecolors=DELIVERY_COLOURS[DeliveryModel.IN_HOUSE],
        gid="delivery in_house",
    )
    seen = [DeliveryModel.IN_HOUSE]
    for episode in episodes:
        start = max(episode.start.earliest, first)
        end = last if episode.end is None else min(episode.end.latest, last)
        ax.broken_barh(
            [_span(start, end)],
            (_ROWS["delivery"] - _HEIGHT / 2, _HEIGHT),
            facecolors=DELIVERY_COLOURS[episode.model],
            gid=f"delivery {episode.id}",
        )
        if episode.model not in seen:
            seen.append(episode.model)
    return [Patch(facecolor=DELIVERY_COLOURS[m], label=_model_label(m)) for m in seen]


def _intervention_row(ax: Axes, steps: Sequence[Intervention], near: float) -> list[Any]:
    """A marker per dated intervention step; the legend's entries."""
    from matplotlib.lines import Line2D

    seen: list[InterventionKind] = []
    offsets = _stacked([_num(s.date.latest) for s in steps if s.date is not None], near)
    for step, offset in zip(steps, offsets, strict=True):
        assert step.date is not None
        ax.plot(
            [_num(step.date.latest)],
            [_ROWS["interventions"] + offset],
            marker=INTERVENTION_MARKERS[step.kind],
            linestyle="none",
            color="#222222",
            markersize=7,
            gid=f"intervention {step.id}",
        )
        if step.kind not in seen:
            seen.append(step.kind)
    return [
        Line2D(
            [],
            [],
            marker=INTERVENTION_MARKERS[k],
            linestyle="none",
            color="#222222",
            label=k.value.replace("_", " "),
        )
        for k in seen
    ]
