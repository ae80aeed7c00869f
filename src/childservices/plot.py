"""Figures of the record: one authority's timeline, national grades over time, every alternative
delivery model, Ofsted's visits over time.

Needs the ``plot`` extra (``pip install 'childservices[plot]'``, in a checkout
``pip install '.[plot]'``, which installs matplotlib; without it a figure
raises :class:`~childservices.MissingExtraError`). matplotlib is imported only
when a figure is drawn, so
``import childservices`` never needs it. Every function returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`, so
drawing touches no global state; save it with ``figure.savefig("out.png")``
or show it in a notebook.

The colours are the same in every figure: greens for good and outstanding,
amber for requires improvement, a paler brown for 'adequate' (a different
judgement from requires improvement, never drawn alike), red for inadequate
and grey where a framework gives no overall judgement.

>>> import childservices as cs
>>> from childservices import plot
>>> plot.GRADE_COLOURS[cs.Grade.INADEQUATE]
'#c2334d'
>>> figure = plot.authority_timeline(cs.load().authority("Sandwell"))  # doctest: +SKIP
>>> figure.savefig("sandwell.png")  # doctest: +SKIP

The documentation's figures are drawn by these functions at build time (see
``docs/_ext/figures.py``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

import pendulum

from childservices.model import (
    NOT_GIVEN,
    Area,
    DeliveryEpisode,
    DeliveryModel,
    Framework,
    Grade,
    InterventionKind,
    NoJudgement,
    PartialDate,
    VisitKind,
    as_date,
)
from childservices.rules.asof import ALL_FRAMEWORKS, SIF_AND_LATER, RatingBasis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    from childservices.authority_view import AuthorityView
    from childservices.dataset import Dataset

__all__ = [
    "DELIVERY_COLOURS",
    "GRADE_COLOURS",
    "INTERVENTION_MARKERS",
    "VISIT_COLOURS",
    "VISIT_MARKERS",
    "adm_timeline",
    "authority_timeline",
    "national_grades",
    "visits_over_time",
]

GRADE_COLOURS: dict[Grade | NoJudgement | None, str] = {
    Grade.OUTSTANDING: "#1b7837",
    Grade.GOOD: "#7fbf7b",
    Grade.REQUIRES_IMPROVEMENT: "#f1a340",
    Grade.ADEQUATE: "#d8b98a",
    Grade.INADEQUATE: "#c2334d",
    NOT_GIVEN: "#bababa",
    None: "#ffffff",
}
"""The colour of each overall judgement; ``None`` (unknown) is white."""

DELIVERY_COLOURS: dict[DeliveryModel, str] = {
    DeliveryModel.IN_HOUSE: "#e8e8e8",
    DeliveryModel.CHILDRENS_TRUST: "#3b6ea8",
    DeliveryModel.COUNCIL_COMPANY: "#6a51a3",
    DeliveryModel.MULTI_COUNCIL_COMPANY: "#9e9ac8",
    DeliveryModel.PARTNERSHIP: "#35978f",
    DeliveryModel.SHARED_SERVICE: "#bf812d",
}
"""The colour of each delivery model."""

INTERVENTION_MARKERS: dict[InterventionKind, str] = {
    InterventionKind.IMPROVEMENT_NOTICE: "o",
    InterventionKind.NOTICE_LIFTED: "x",
    InterventionKind.STATUTORY_DIRECTION: "s",
    InterventionKind.REVISED_DIRECTION: "D",
    InterventionKind.DIRECTION_REVOKED: "X",
    InterventionKind.COMMISSIONER_APPOINTED: "^",
    InterventionKind.COMMISSIONER_RECOMMENDATION: "*",
    InterventionKind.MINISTERIAL_DECISION: "P",
    InterventionKind.CONTINUES: "|",
}
"""The marker of each intervention step (matplotlib marker codes)."""

VISIT_MARKERS: dict[VisitKind, str] = {
    VisitKind.FOCUSED: "v",
    VisitKind.MONITORING: "d",
}
"""The marker of each kind of visit (matplotlib marker codes)."""

VISIT_COLOURS: dict[VisitKind, str] = {
    VisitKind.FOCUSED: "#5e8fbf",
    VisitKind.MONITORING: "#8c6bb1",
}
"""The colour of each kind of visit."""

_PRIORITY_FILL: dict[bool | None, str] = {True: "#c2334d", False: "#7fbf7b", None: "#ffffff"}
"""A focused visit's marker fill: red where areas for priority action were named, green
where the letter named none, white where no source says."""


def _visit_fill(kind: VisitKind, priority_action: bool | None) -> str:
    """A visit marker's fill: a focused visit's says what its letter found."""
    return _PRIORITY_FILL[priority_action] if kind is VisitKind.FOCUSED else VISIT_COLOURS[kind]


def _visit_label(kind: VisitKind, priority_action: bool | None) -> str:
    if kind is not VisitKind.FOCUSED:
        return f"{kind.value} visit"
    found = {True: "priority action named", False: "no priority action", None: "findings not known"}
    return f"focused visit, {found[priority_action]}"


_FRAMEWORK_STARTS = (
    (datetime.date(2013, 11, 1), "SIF"),
    (datetime.date(2018, 1, 1), "ILACS"),
    (datetime.date(2026, 4, 1), "ILACS 2026"),
)
"""When the single inspection framework, ILACS and reformed ILACS began (for guide lines)."""


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
    when = pendulum.today().date() if until is None else as_date(until)
    return pendulum.Date(when.year, when.month, when.day)


def _grade_label(grade: Grade | NoJudgement | None) -> str:
    if grade is None:
        return "unknown"
    if isinstance(grade, NoJudgement):
        return "no overall judgement"
    return grade.label


def _model_label(model: DeliveryModel) -> str:
    return model.value.replace("_", " ").replace("childrens", "children's")


def _new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    _matplotlib()
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def _date_axis(ax: Axes) -> None:
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
    recommendations, ministerial decisions).
    ``frameworks`` defaults to every framework, so the 2009-2013 judgements
    show too ('adequate' in its own colour); pass
    :data:`~childservices.SIF_AND_LATER` for the rating as
    :meth:`~childservices.AuthorityView.rating_on` gives it by default.
    The axis runs from the first recorded fact to ``until`` (default: today).
    """
    _matplotlib()
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    cut = _cut(until)
    trajectory = authority.trajectory(until=cut, frameworks=frameworks)
    steps = [s for s in authority.interventions if s.date is not None and s.date.earliest < cut]
    episodes = [e for e in authority.deliveries if e.start.earliest < cut]
    visits = [v for v in authority.visits_with_predecessors() if v.date.latest < cut]
    starts = [s.start for s in trajectory.spells]
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

    figure, ax = _new_figure(10, 3.8)
    rows = {"rating": 3.0, "visits": 2.0, "delivery": 1.0, "interventions": 0.0}
    height = 0.7

    seen_grades: list[Grade | NoJudgement | None] = []
    for spell in trajectory.spells:
        end = min(spell.end or last, last)
        ax.broken_barh(
            [_span(spell.start, end)],
            (rows["rating"] - height / 2, height),
            facecolors=GRADE_COLOURS[spell.grade],
            edgecolors="#555555",
            linewidth=0.5,
            gid=f"spell {spell.inspection.id}",
        )
        if spell.grade not in seen_grades:
            seen_grades.append(spell.grade)

    # Markers closer than one marker's width (about 9 points on this axis) are stacked
    # within their row, so that none hides another.
    near = max(1, round((_num(last) - _num(first)) * 9 / 560))
    visit_offsets = _stacked([_num(v.date.latest) for v in visits], near)
    seen_visits: list[tuple[VisitKind, bool | None]] = []
    for visit, offset in zip(visits, visit_offsets, strict=True):
        ax.plot(
            [_num(visit.date.latest)],
            [rows["visits"] + offset],
            marker=VISIT_MARKERS[visit.kind],
            linestyle="none",
            markerfacecolor=_visit_fill(visit.kind, visit.priority_action),
            markeredgecolor=VISIT_COLOURS[visit.kind],
            markersize=7,
            gid=f"visit {visit.id}",
        )
        if (visit.kind, visit.priority_action) not in seen_visits:
            seen_visits.append((visit.kind, visit.priority_action))
    seen_visits.sort(key=lambda k: (list(VisitKind).index(k[0]), str(k[1])))

    ax.broken_barh(
        [_span(first, last)],
        (rows["delivery"] - height / 2, height),
        facecolors=DELIVERY_COLOURS[DeliveryModel.IN_HOUSE],
        gid="delivery in_house",
    )
    seen_models = [DeliveryModel.IN_HOUSE]
    for episode in episodes:
        start = max(episode.start.earliest, first)
        end = last if episode.end is None else min(episode.end.latest, last)
        ax.broken_barh(
            [_span(start, end)],
            (rows["delivery"] - height / 2, height),
            facecolors=DELIVERY_COLOURS[episode.model],
            gid=f"delivery {episode.id}",
        )
        if episode.model not in seen_models:
            seen_models.append(episode.model)

    seen_kinds: list[InterventionKind] = []
    step_offsets = _stacked([_num(s.date.latest) for s in steps if s.date is not None], near)
    for step, offset in zip(steps, step_offsets, strict=True):
        assert step.date is not None
        ax.plot(
            [_num(step.date.latest)],
            [rows["interventions"] + offset],
            marker=INTERVENTION_MARKERS[step.kind],
            linestyle="none",
            color="#222222",
            markersize=7,
            gid=f"intervention {step.id}",
        )
        if step.kind not in seen_kinds:
            seen_kinds.append(step.kind)

    ax.set_xlim(_num(first), _num(last))
    ax.set_ylim(-0.6, 3.6)
    ax.set_yticks(
        list(rows.values()),
        labels=["Ofsted rating", "Ofsted visits", "delivery model", "interventions"],
    )
    _date_axis(ax)
    ax.set_title(f"{authority.name}: Ofsted ratings and visits, delivery and interventions")
    handles: list[Any] = [
        Patch(facecolor=GRADE_COLOURS[g], edgecolor="#555555", label=_grade_label(g))
        for g in seen_grades
    ]
    handles += [
        Line2D(
            [],
            [],
            marker=VISIT_MARKERS[kind],
            linestyle="none",
            markerfacecolor=_visit_fill(kind, found),
            markeredgecolor=VISIT_COLOURS[kind],
            label=_visit_label(kind, found),
        )
        for kind, found in seen_visits
    ]
    handles += [Patch(facecolor=DELIVERY_COLOURS[m], label=_model_label(m)) for m in seen_models]
    handles += [
        Line2D(
            [],
            [],
            marker=INTERVENTION_MARKERS[k],
            linestyle="none",
            color="#222222",
            label=k.value.replace("_", " "),
        )
        for k in seen_kinds
    ]
    figure.legend(handles=handles, loc="outside right center", fontsize=8, frameon=False)
    return figure


_BASIS_NAMES = {
    RatingBasis.LATEST_OVERALL: "each authority's latest overall judgement, however old",
}


_STACK_ORDER = (
    Grade.INADEQUATE,
    Grade.ADEQUATE,
    Grade.REQUIRES_IMPROVEMENT,
    Grade.GOOD,
    Grade.OUTSTANDING,
)


def national_grades(
    dataset: Dataset,
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
        raise ValueError("national_grades needs at least one day")
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
    title = "Ofsted ratings of English local authorities' children's services"
    if rating_basis is not RatingBasis.OVERALL:
        title += "\n" + (
            _BASIS_NAMES[rating_basis]
            if isinstance(rating_basis, RatingBasis)
            else f"judgement: {rating_basis.value.replace('_', ' ')}"
        )
    ax.set_title(title, pad=14)
    handles, labels = ax.get_legend_handles_labels()
    figure.legend(
        handles[::-1], labels[::-1], loc="outside right center", fontsize=8, frameon=False
    )
    return figure


def adm_timeline(
    dataset: Dataset,
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
        raise ValueError("the dataset records no alternative delivery model")
    first_start: dict[str, pendulum.Date] = {}
    for e in episodes:
        day = e.start.earliest
        if e.authority not in first_start or day < first_start[e.authority]:
            first_start[e.authority] = day
    order = sorted(first_start, key=lambda a: (first_start[a], names.get(a, a)))
    row = {authority: len(order) - 1 - i for i, authority in enumerate(order)}

    figure, ax = _new_figure(10, 1.2 + 0.32 * len(order))
    height = 0.7
    seen: list[DeliveryModel] = []
    spans: dict[str, list[tuple[float, float, DeliveryEpisode]]] = {a: [] for a in order}
    for e in sorted(episodes, key=lambda e: e.start.sort_key()):
        y = row[e.authority] - height / 2
        colour = DELIVERY_COLOURS[e.model]
        certain_start = e.start.latest
        end_early = cut if e.end is None else min(e.end.earliest, cut)
        end_late = cut if e.end is None else min(e.end.latest, cut)
        if e.start.earliest < certain_start:
            ax.add_patch(_bar(e.start.earliest, certain_start, y, height, colour, alpha=0.35))
        ax.add_patch(
            _bar(
                certain_start,
                max(end_early, certain_start),
                y,
                height,
                colour,
                gid=f"episode {e.id}",
            )
        )
        if end_early < end_late:
            ax.add_patch(_bar(end_early, end_late, y, height, colour, alpha=0.35))
        spans[e.authority].append((_num(certain_start), _num(max(end_late, certain_start)), e))
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


def _short_name(name: str) -> str:
    """A provider's name without a closing parenthesis (the councils it serves, on the row)."""
    return re.sub(r"\s*\([^()]*\)$", "", name).strip() or name


def _label_bars(
    figure: Figure,
    ax: Axes,
    spans: dict[str, list[tuple[float, float, DeliveryEpisode]]],
    row: dict[str, int],
    providers: dict[str, str],
) -> None:
    """Label each run of a provider's bars in a row, where the label fits without covering another.

    Inside the run when it fits; else just after it, or just before it, where the row is
    free that far; else left out (the legend and the row say what the bar is). Labels
    are measured as drawn, never clipped.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    pad = 3.0  # pixels between a label and what is next to it
    for authority, bars in spans.items():
        runs: list[tuple[float, float, DeliveryEpisode]] = []
        for x0, x1, episode in bars:  # consecutive bars of one provider: one label
            if runs and runs[-1][2].provider == episode.provider:
                runs[-1] = (runs[-1][0], max(runs[-1][1], x1), runs[-1][2])
            else:
                runs.append((x0, x1, episode))
        taken: list[tuple[float, float]] = [
            (ax.transData.transform((x0, 0))[0], ax.transData.transform((x1, 0))[0])
            for x0, x1, _ in runs
        ]
        left_edge, right_edge = ax.get_window_extent(renderer).x0, ax.get_window_extent(renderer).x1
        for n, (x0, x1, episode) in enumerate(runs):
            label = _short_name(providers.get(episode.provider or "", ""))
            if not label:
                continue
            inside_colour = (
                "black" if episode.model is DeliveryModel.MULTI_COUNCIL_COMPANY else "white"
            )
            text = ax.text(x0, row[authority], f" {label}", fontsize=7, va="center", ha="left")
            width = text.get_window_extent(renderer).width
            px0, px1 = taken[n]
            after = taken[n + 1][0] if n + 1 < len(taken) else right_edge
            before = taken[n - 1][1] if n > 0 else left_edge
            if width + pad <= px1 - px0:
                text.set_color(inside_colour)
            elif px1 + width + pad <= after:
                text.set_x(x1)
                text.set_color("black")
            elif px0 - width - pad >= before:
                text.set_x(x0)
                text.set_text(f"{label} ")
                text.set_horizontalalignment("right")
                text.set_color("black")
            else:
                text.remove()


def visits_over_time(dataset: Dataset, *, gap_months: int = 6) -> Figure:
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
        raise ValueError("the dataset records no visit")
    counts: dict[tuple[int, int], dict[VisitKind, int]] = {}
    for visit in visits:
        day = visit.date.latest
        tally = counts.setdefault((day.year, day.month), dict.fromkeys(VisitKind, 0))
        tally[visit.kind] += 1
    first_year, first_month = min(counts)
    last_year, last_month = max(counts)
    months: list[pendulum.Date] = []
    day = pendulum.Date(first_year, first_month, 1)
    while (day.year, day.month) <= (last_year, last_month):
        months.append(day)
        day = day.add(months=1)
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
    ax.set_xlim(_num(months[0]), _num(months[-1].add(months=1)))
    ax.set_ylim(0, top * 1.1)
    ax.set_ylabel("visits begun in the month")
    _date_axis(ax)
    ax.set_title("Ofsted's focused and monitoring visits in the record")
    figure.legend(loc="outside right center", fontsize=8, frameon=False)
    return figure
