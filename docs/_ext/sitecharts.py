"""The small charts of each authority's page: a few key official figures over every year
the record holds, drawn as inline SVG sparklines (a few hundred bytes each, no image file).

Each chart is a figure with a caption naming the measure and its unit, and an SVG of
``role="img"`` whose label says every value it draws, first and last year named; the
table of figures under the charts stays the page's accessible equivalent. A year whose
figure was not published (or of which the record holds no row) is a gap in the line,
never a zero. Lines and text are drawn in the page's text colour (``currentColor``), so
they keep the theme's contrast in its light and dark modes. The charts carry no ``id``,
so a page holding several never repeats one. The national chart of ratings over time is
in :mod:`sitegradechart`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from sitevalues import NOT_PUBLISHED, plain_value, unit_words

import childservices as cs
from childservices.model import Measure, MeasureUnit, NotPublished, Observation

KEY_MEASURES = (
    "cla_rate_per_10000",
    "cin_rate_per_10000",
    "rereferral_percent",
    "agency_rate_fte",
    "csc_net_expenditure_per_child",
)
"""The measures drawn as small charts, in the order shown: children looked after and
children in need per 10,000 children, the re-referral rate, the agency rate of social
workers, and net spending on children's social care per child."""

SAID_BY_LABELS = frozenset({MeasureUnit.PERCENT, MeasureUnit.RATE_PER_10000})
"""Units a chart's caption leaves out: the labels' percent sign, or the measure's name,
says them."""

WIDTH, HEIGHT = 240, 80
"""A small chart's drawing box (its ``viewBox``); the page scales it to its column."""
LEFT, RIGHT, TOP, BOTTOM = 50.0, 232.0, 10.0, 58.0
"""The plot area inside the box: the value labels sit left of it, the years under it."""
YEAR_LINE = 76
"""The baseline of the year labels."""


def number(x: float) -> str:
    """A coordinate with one decimal, as short as it writes."""
    shown = f"{x:.1f}"
    return shown[:-2] if shown.endswith(".0") else shown


def raw_html(markup: Sequence[str]) -> list[str]:
    """Markup passed through to the HTML page as written (other builders leave it out)."""
    return ["```{raw} html", *markup, "```", ""]


def measure_charts(ds: cs.Dataset, authority: cs.AuthorityView) -> list[str]:
    """The Markdown lines of the page's small charts: one per key measure the record
    holds a figure of for ``authority``, none at all when it holds none."""
    figures = authority.measures()
    vocabulary = {m.id: m for m in ds.measures_vocabulary()}
    charts = []
    for measure_id in KEY_MEASURES:
        observations = [o for o in figures if o.measure == measure_id]
        if observations and measure_id in vocabulary:
            charts.append(sparkline(vocabulary[measure_id], observations, authority.name))
    if not charts:
        return []
    return [
        f"The small charts draw {len(charts)} of these figures over every year the record "
        "holds for the authority; a gap in a line is a year with no published figure. Each "
        "chart's text alternative gives every value it draws; the table gives the latest "
        "years with their sources.",
        "",
        *raw_html(['<div class="site-charts">', *charts, "</div>"]),
    ]


def series(observations: Sequence[Observation]) -> list[tuple[int, float | None]]:
    """Every year from the first figure to the last, each with its number, or ``None``
    where the release gave none or the record holds no row for the year."""
    by_year = {o.year: o.value for o in observations}
    first, last = min(by_year), max(by_year)
    points: list[tuple[int, float | None]] = []
    for year in range(first, last + 1):
        value = by_year.get(year)
        points.append((year, None if value is None or isinstance(value, NotPublished) else value))
    return points


def alt_text(measure: Measure, observations: Sequence[Observation], name: str) -> str:
    """What a chart draws, in words: every year's value (or why there is none), then the
    first and last published values with their years."""
    by_year = {o.year: o.value for o in observations}
    points = series(observations)
    said = []
    for year, _value in points:
        value = by_year.get(year)
        said.append(
            f"{year}: " + ("no figure in the record" if value is None else _words(value, measure))
        )
    first, last = points[0][0], points[-1][0]
    text = (
        f"Line chart of {measure.name} for {name}, {unit_words(measure.unit)}, {first} to "
        f"{last}. " + "; ".join(said) + "."
    )
    published = [(year, value) for year, value in points if value is not None]
    if published:
        (y0, v0), (y1, v1) = published[0], published[-1]
        text += (
            f" First published value {plain_value(v0, measure.unit)} in {y0}; last "
            f"{plain_value(v1, measure.unit)} in {y1}."
        )
    else:
        text += " No value was published: the chart draws no line."
    return text


def _words(value: float | NotPublished, measure: Measure) -> str:
    if isinstance(value, NotPublished):
        return f"not published ({NOT_PUBLISHED[value]}, {value.value})"
    return plain_value(value, measure.unit)


def sparkline(measure: Measure, observations: Sequence[Observation], name: str) -> str:
    """One small chart: a figure holding its caption and its SVG, on one line."""
    points = series(observations)
    caption = f"{measure.name}, {points[0][0]} to {points[-1][0]}"
    if measure.unit not in SAID_BY_LABELS:
        caption += f" ({unit_words(measure.unit)})"
    svg = sparkline_svg(points, measure, alt_text(measure, observations, name))
    return f'<figure class="site-chart"><figcaption>{escape(caption)}</figcaption>{svg}</figure>'


def sparkline_svg(points: Sequence[tuple[int, float | None]], measure: Measure, label: str) -> str:
    """The SVG of a small chart: the line (broken at every year with no number), a dot
    at every published value, the highest and lowest values at the left, the first and
    last years under it."""
    years = [year for year, _ in points]
    values = [value for _, value in points if value is not None]
    first, last = years[0], years[-1]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)

    def x(year: int) -> float:
        if last == first:
            return (LEFT + RIGHT) / 2
        return LEFT + (year - first) / (last - first) * (RIGHT - LEFT)

    def y(value: float) -> float:
        if high == low:
            return (TOP + BOTTOM) / 2
        return BOTTOM - (value - low) / (high - low) * (BOTTOM - TOP)

    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        'fill="currentColor" font-size="12">'
    ]
    if values:
        parts.append(_value_labels(low, high, measure, y))
    else:
        middle = f'x="{number((LEFT + RIGHT) / 2)}" y="{number((TOP + BOTTOM) / 2 + 4)}"'
        parts.append(f'<text {middle} text-anchor="middle">no figure published</text>')
    parts.append(_year_labels(first, last, x))
    path, dots = [], []
    previous: float | None = None
    for year, value in points:
        if value is not None:
            command = "M" if previous is None else "L"
            path.append(f"{command}{number(x(year))} {number(y(value))}")
            dots.append(f'<circle cx="{number(x(year))}" cy="{number(y(value))}" r="2.5"/>')
        previous = value
    if any(step.startswith("L") for step in path):
        parts.append(
            f'<path d="{"".join(path)}" fill="none" stroke="currentColor" stroke-width="2"/>'
        )
    parts += dots
    parts.append("</svg>")
    return "".join(parts)


def _value_labels(low: float, high: float, measure: Measure, y: Callable[[float], float]) -> str:
    """The highest and lowest values, left of dotted guides at their heights."""
    levels = [high] if high == low else [high, low]
    guides = "".join(f"M{number(LEFT)} {number(y(v))}H{number(RIGHT)}" for v in levels)
    parts = [
        f'<path d="{guides}" stroke="currentColor" stroke-opacity=".35" stroke-dasharray="2 3"/>'
    ]
    for value in levels:
        parts.append(
            f'<text x="{number(LEFT - 4)}" y="{number(y(value) + 4)}" text-anchor="end">'
            f"{escape(plain_value(value, measure.unit))}</text>"
        )
    return "".join(parts)


def _year_labels(first: int, last: int, x: Callable[[int], float]) -> str:
    """The first and last years under the plot (one, centred, for a single year)."""
    if first == last:
        return f'<text x="{number(x(first))}" y="{YEAR_LINE}" text-anchor="middle">{first}</text>'
    return (
        f'<text x="{number(LEFT)}" y="{YEAR_LINE}">{first}</text>'
        f'<text x="{number(RIGHT)}" y="{YEAR_LINE}" text-anchor="end">{last}</text>'
    )
