"""The chart of the national page of ratings over time: a line per rating of how many
authorities held it on each day of the page's table, drawn from that table's own numbers
as inline SVG, with the trend said in words in its caption.

The rating is never told by colour alone: each line has its own marker shape and dash,
and its name and last count written at its end. Every colour has a contrast of at least
4.5:1 against the chart's white ground (so the names written in it read as text, and the
lines pass the 3:1 asked of graphics); the chart brings its own white ground, so the
theme's dark mode does not change it. The table under it stays the accessible equivalent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from html import escape

import attrs
from sitecharts import number, raw_html

WIDTH, HEIGHT = 640, 340
"""The chart's drawing box (its ``viewBox``); the page scales it to its column."""
LEFT, RIGHT, TOP, BOTTOM = 44.0, 440.0, 16.0, 300.0
"""The plot area: counts left of it, years under it, the lines' names right of it."""
FONT = 15
"""The text's size in the drawing box (about 8 pixels on a phone, 15 on a wide screen)."""
LINE = 16.0
"""The height of a line of a name at the right; a name wraps at :data:`WRAP` characters."""
WRAP = 20
YEAR_SPACING = 44.0
"""The least distance between two years written under the plot (some are left out on a
crowded axis; every day drawn is in the table)."""
INK = "#1a1a1a"
"""The colour of the axes' text (17:1 on white)."""
GRID = "#d0d0d0"
"""The colour of the guide lines (decorative: the numbers are written beside them)."""


@attrs.frozen(kw_only=True)
class Style:
    """How one rating's line is drawn: its colour, its dash and its marker's shape."""

    colour: str
    dash: str
    marker: str


STYLES = (
    Style(colour="#00703c", dash="", marker="circle"),
    Style(colour="#1d70b8", dash="", marker="square"),
    Style(colour="#8a5a00", dash="7 3", marker="triangle"),
    Style(colour="#d4351c", dash="", marker="diamond"),
    Style(colour="#4c2c92", dash="2 3", marker="cross"),
    Style(colour="#505a5f", dash="4 4", marker="ring"),
)
"""The styles of the table's rating columns, in its order (outstanding, good, requires
improvement, inadequate, no overall judgement, none recorded)."""


@attrs.frozen(kw_only=True)
class Line:
    """One rating's counts, one per day of the table."""

    name: str
    counts: tuple[int, ...]
    style: Style


def lines_of(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Line]:
    """The lines the chart draws from the page's table (a day, a count per rating, the
    number of authorities): every rating column with a count above zero on some day."""
    lines = []
    for column, name in enumerate(header[1:-1], start=1):
        counts = tuple(int(row[column]) for row in rows)
        if any(counts):
            lines.append(Line(name=name, counts=counts, style=STYLES[(column - 1) % len(STYLES)]))
    return lines


def grades_chart(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """The Markdown lines of the chart, with the trend in words as its caption."""
    days = [datetime.date.fromisoformat(row[0]) for row in rows]
    lines = lines_of(header, rows)
    if not lines or len(days) < 2:
        return []
    label = (
        f"Line chart of how many authorities held each rating on each day from {days[0]} to "
        f"{days[-1]}, a line per rating; the caption says what it shows and the table below "
        "gives every count."
    )
    caption = "What the chart shows. " + trend(days, lines, [int(row[-1]) for row in rows])
    return raw_html(
        [
            '<figure class="site-chart-wide">',
            # On a phone the chart keeps a readable size and scrolls sideways in its own
            # box, which takes the focus so the keyboard can scroll it too.
            '<div class="site-chart-scroll" tabindex="0" role="region" '
            'aria-label="Chart of ratings over time (scrolls sideways on a narrow screen)">',
            chart_svg(days, lines, label),
            "</div>",
            f"<figcaption>{escape(caption)}</figcaption>",
            "</figure>",
        ]
    )


def trend(days: Sequence[datetime.date], lines: Sequence[Line], totals: Sequence[int]) -> str:
    """The chart in words: each rating's first and last count and its highest, and the
    most common rating on the last day."""
    said = []
    for line in lines:
        first, last = line.counts[0], line.counts[-1]
        if last > first:
            change = f"rose from {first} to {last}"
        elif last < first:
            change = f"fell from {first} to {last}"
        else:
            change = f"was {first} on both days"
        peak = max(line.counts)
        if peak not in (first, last):
            when = days[line.counts.index(peak)]
            change += f", highest {peak} (first on {when})"
        said.append(f"{line.name} {change}")
    top = max(lines, key=lambda line: line.counts[-1])
    return (
        f"From {days[0]} to {days[-1]}: " + "; ".join(said) + f". On {days[-1]} the most "
        f"common was {top.name}, {top.counts[-1]} of {totals[-1]} authorities."
    )


def chart_svg(days: Sequence[datetime.date], lines: Sequence[Line], label: str) -> str:
    """The chart's SVG: guides every 20 authorities, a year under each 31 March, and a
    line of markers per rating with its name and last count at its end."""
    start, end = days[0].toordinal(), days[-1].toordinal()
    top = max(20, -(-max(max(line.counts) for line in lines) // 20) * 20)

    def x(day: datetime.date) -> float:
        return LEFT + (day.toordinal() - start) / (end - start) * (RIGHT - LEFT)

    def y(count: float) -> float:
        return BOTTOM - count / top * (BOTTOM - TOP)

    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}" '
        f'font-size="{FONT}" fill="{INK}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    guides = "".join(
        f"M{number(LEFT)} {number(y(c))}H{number(RIGHT)}" for c in range(0, top + 1, 20)
    )
    parts.append(f'<path d="{guides}" stroke="{GRID}"/>')
    parts += [
        f'<text x="{number(LEFT - 6)}" y="{number(y(c) + 4)}" text-anchor="end">{c}</text>'
        for c in range(0, top + 1, 20)
    ]
    written = -YEAR_SPACING
    for day in days:
        if (day.month, day.day) == (3, 31) and x(day) - written >= YEAR_SPACING:
            written = x(day)
            parts.append(
                f'<text x="{number(written)}" y="{number(BOTTOM + 22)}" '
                f'text-anchor="middle">{day.year}</text>'
            )
    names = [wrap(f"{line.name} {line.counts[-1]}") for line in lines]
    ends = _spread([y(line.counts[-1]) for line in lines], [len(n) * LINE for n in names])
    for line, name, label_y in zip(lines, names, ends, strict=True):
        parts.append(_line_svg(line, days, (x, y), name, label_y))
    parts.append("</svg>")
    return "".join(parts)


def _line_svg(
    line: Line,
    days: Sequence[datetime.date],
    scales: tuple[Callable[[datetime.date], float], Callable[[float], float]],
    name: Sequence[str],
    label_y: float,
) -> str:
    """One rating's group: its line, its markers, a leader to its name, and the name
    (its lines centred on ``label_y``)."""
    x, y = scales
    points = [(x(day), y(count)) for day, count in zip(days, line.counts, strict=True)]
    path = "".join(
        f"{'M' if i == 0 else 'L'}{number(px)} {number(py)}" for i, (px, py) in enumerate(points)
    )
    style = line.style
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    markers = "".join(marker_path(style.marker, px, py) for px, py in points)
    last_x, last_y = points[-1]
    first = label_y + 5 - (len(name) - 1) * LINE / 2
    spans = "".join(
        f'<tspan x="{number(RIGHT + 14)}" y="{number(first + i * LINE)}">{escape(part)}</tspan>'
        for i, part in enumerate(name)
    )
    return (
        f'<g data-rating="{escape(line.name)}" stroke="{style.colour}" fill="none" '
        'stroke-width="2">'
        f'<path d="{path}"{dash}/>'
        f'<path d="{markers}" fill="{style.colour}" stroke-width="1.5"/>'
        f'<path d="M{number(last_x + 6)} {number(last_y)}L{number(RIGHT + 10)} {number(label_y)}" '
        'stroke-width="1"/>'
        f'<text fill="{style.colour}" stroke="none">{spans}</text></g>'
    )


def marker_path(shape: str, cx: float, cy: float) -> str:
    """A marker's outline centred on a point, as a path's commands."""
    at = f"M{number(cx)} {number(cy)}"
    if shape == "square":
        return f"M{number(cx - 3.5)} {number(cy - 3.5)}h7v7h-7z"
    if shape == "triangle":
        return f"M{number(cx)} {number(cy - 4.5)}l4.5 8h-9z"
    if shape == "diamond":
        return f"M{number(cx)} {number(cy - 4.5)}l4.5 4.5-4.5 4.5-4.5-4.5z"
    if shape == "cross":
        return f"{at}m-4-4l8 8m0-8l-8 8"
    if shape == "ring":
        return f"{at}m-3.5 0a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0m2 0a1.5 1.5 0 1 1 3 0a1.5 1.5 0 1 1-3 0z"
    return f"{at}m-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0z"


def wrap(name: str) -> list[str]:
    """A line's name in lines of at most :data:`WRAP` characters, broken between words."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _spread(ys: Sequence[float], heights: Sequence[float]) -> list[float]:
    """Where the lines' names are centred: each at its line's end, moved apart where two
    would overlap (a few units between them), kept inside the box."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [ys[i] for i in order]
    tall = [heights[i] for i in order]

    def gap(k: int) -> float:
        return (tall[k - 1] + tall[k]) / 2 + 2

    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap(k))
    placed[-1] = min(placed[-1], HEIGHT - 4 - tall[-1] / 2)
    for k in range(len(placed) - 2, -1, -1):
        placed[k] = min(placed[k], placed[k + 1] - gap(k + 1))
    result = [0.0] * len(ys)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result
