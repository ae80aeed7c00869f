"""The figures of measures in context: every year of the window on the axis, missing years
marked with why, the neighbours' median drawn only where there is a list."""

from __future__ import annotations

import io

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import childservices as cs  # noqa: E402
from childservices import plot  # noqa: E402


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load()


def _png(figure: object) -> None:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=50)  # type: ignore[attr-defined]
    assert buffer.getvalue().startswith(b"\x89PNG")


def _gids(ax: object) -> list[str]:
    return [a.get_gid() for a in ax.get_children() if a.get_gid()]  # type: ignore[attr-defined]


def test_around_chart_marks_every_year_without_a_number(ds: cs.Dataset) -> None:
    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    around = ds.measure_around(event, "placements_three_or_more_percent", grouping="dfe-2021")
    figure = plot.measure_around_chart(around, name="Sandwell")
    _png(figure)
    (ax,) = figure.axes
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == [
        str(r.year) for r in around.rows
    ]
    missing = [f"missing {r.year}" for r in around.rows if not r.published]
    assert missing and [g for g in _gids(ax) if g.startswith("missing")] == missing
    assert {"authority", "neighbours"} <= set(_gids(ax))
    assert "not the list in force" in figure.legends[0].get_texts()[1].get_text()


def test_around_chart_without_a_grouping_draws_no_median(ds: cs.Dataset) -> None:
    (event,) = ds.events("Sandwell", kinds={"trust_goes_live"})
    figure = plot.measure_around_chart(ds.measure_around(event, "referrals"))
    assert "neighbours" not in _gids(figure.axes[0])


def test_by_grade_chart_has_a_labelled_group_each(ds: cs.Dataset) -> None:
    spread = ds.measure_by_grade("agency_rate_fte", "2025-09-30")
    figure = plot.measure_by_grade_chart(spread)
    _png(figure)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == [f"{g.label}\n{g.count} of {len(g.authorities)}" for g in spread.groups]
    assert [g for g in _gids(figure.axes[0]) if g.startswith("group")] == [
        f"group {g.label}" for g in spread.groups if g.values
    ]
