"""Placing text labels on bars: each label inside its bar when it fits, else beside it where
the row is free, else left out; measured as drawn, never clipped."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from childservices.model import DeliveryEpisode, DeliveryModel

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

_Run = tuple[float, float, DeliveryEpisode, tuple[float, float]]
"""A bar's start and end (matplotlib date numbers), the episode it draws, and the part of it
drawn solid (where the episode certainly ran)."""

_HANGING = frozenset({"a", "and", "for", "in", "of", "the", "to"})
"""Words a shortened label does not end on."""

_PAD = 3.0
"""Pixels between a label and what is next to it."""


def _short_name(name: str) -> str:
    """A provider's name without a closing parenthesis (the councils it serves, on the row)."""
    return re.sub(r"\s*\([^()]*\)$", "", name).strip() or name


def _runs(
    bars: list[_Run],
) -> list[tuple[float, float, DeliveryEpisode, list[tuple[float, float]]]]:
    """Consecutive bars of one provider joined into one run (one label), with each bar's
    solid part (a label inside the run stays inside one of them)."""
    runs: list[tuple[float, float, DeliveryEpisode, list[tuple[float, float]]]] = []
    for x0, x1, episode, solid in bars:
        if runs and runs[-1][2].provider == episode.provider:
            last = runs[-1]
            runs[-1] = (last[0], max(last[1], x1), last[2], [*last[3], solid])
        else:
            runs.append((x0, x1, episode, [solid]))
    return runs


def _shortened(label: str, fits: Callable[[str], bool]) -> str | None:
    """``label`` cut after a whole word, with an ellipsis, to the longest that ``fits``; none
    when not even its first two words do. It never ends on a word that leads into the
    next ("for", "of")."""
    words = label.split()
    for n in range(len(words) - 1, 1, -1):
        if words[n - 1].casefold() in _HANGING:
            continue
        text = " " + " ".join(words[:n]) + "\u2026"
        if fits(text):
            return text
    return None


def _label_bars(
    figure: Figure,
    ax: Axes,
    spans: dict[str, list[_Run]],
    row: dict[str, int],
    providers: dict[str, str],
) -> None:
    """Label each run of a provider's bars in a row, where the label fits without covering another.

    Inside the run when it fits within one bar's solid part (never across two episodes
    or over a paler, uncertain stretch); else just after the run, or just before it,
    where the row is free that far; else inside, cut after a whole word with an
    ellipsis; else left out (the legend and the row say what the bar is). Labels are
    measured as drawn, never clipped.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    box = ax.get_window_extent(renderer)
    for authority, bars in spans.items():
        runs = _runs(bars)
        taken = [(_px(ax, x0), _px(ax, x1)) for x0, x1, _, _ in runs]
        for n, (x0, x1, episode, solids) in enumerate(runs):
            label = _short_name(providers.get(episode.provider or "", ""))
            if not label:
                continue
            after = taken[n + 1][0] if n + 1 < len(taken) else box.x1
            before = taken[n - 1][1] if n > 0 else box.x0
            s0, s1 = max(solids, key=lambda s: _px(ax, s[1]) - _px(ax, s[0]))
            text = ax.text(s0, row[authority], f" {label}", fontsize=7, va="center", ha="left")
            inside = "black" if episode.model is DeliveryModel.MULTI_COUNCIL_COMPANY else "white"

            def fits(words: str, room: float, text: Text = text) -> bool:
                text.set_text(words)
                return float(text.get_window_extent(renderer).width) + _PAD <= room

            if fits(f" {label}", _px(ax, s1) - _px(ax, s0)):
                text.set_color(inside)
            elif fits(f" {label}", after - taken[n][1]):
                text.set_x(x1)
                text.set_color("black")
            elif fits(f"{label} ", taken[n][0] - before):
                text.set_x(x0)
                text.set_horizontalalignment("right")
                text.set_color("black")
            else:
                short = _shortened(label, partial(fits, room=_px(ax, s1) - _px(ax, s0)))
                if short is None:
                    text.remove()
                else:
                    text.set_text(short)
                    text.set_color(inside)


def _px(ax: Axes, x: float) -> float:
    """A date number's position on the figure, in pixels."""
    return float(ax.transData.transform((x, 0))[0])
