"""Placing text labels on bars: each label inside its bar when it fits, else beside it where
the row is free, else left out; measured as drawn, never clipped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from childservices.model import DeliveryEpisode, DeliveryModel

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_Run = tuple[float, float, DeliveryEpisode]
"""A bar's start and end (matplotlib date numbers) and the episode it draws."""

_PAD = 3.0
"""Pixels between a label and what is next to it."""


def _short_name(name: str) -> str:
    """A provider's name without a closing parenthesis (the councils it serves, on the row)."""
    return re.sub(r"\s*\([^()]*\)$", "", name).strip() or name


def _runs(bars: list[_Run]) -> list[_Run]:
    """Consecutive bars of one provider joined into one run (one label)."""
    runs: list[_Run] = []
    for x0, x1, episode in bars:
        if runs and runs[-1][2].provider == episode.provider:
            runs[-1] = (runs[-1][0], max(runs[-1][1], x1), runs[-1][2])
        else:
            runs.append((x0, x1, episode))
    return runs


def _label_bars(
    figure: Figure,
    ax: Axes,
    spans: dict[str, list[_Run]],
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
    for authority, bars in spans.items():
        runs = _runs(bars)
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
            if width + _PAD <= px1 - px0:
                text.set_color(inside_colour)
            elif px1 + width + _PAD <= after:
                text.set_x(x1)
                text.set_color("black")
            elif px0 - width - _PAD >= before:
                text.set_x(x0)
                text.set_text(f"{label} ")
                text.set_horizontalalignment("right")
                text.set_color("black")
            else:
                text.remove()
