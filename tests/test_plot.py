"""The plotting module: figures render to PNG and hold the artists the docs promise."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from hypothesis import HealthCheck, given, settings  # noqa: E402

import childservices as cs  # noqa: E402
from childservices import plot, strategies as st_cs  # noqa: E402

UNTIL = "2026-06-30"


def _png(figure: object) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=60)  # type: ignore[attr-defined]
    data = buffer.getvalue()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return data


def _gids(ax: object, prefix: str) -> list[str]:
    found = []
    for artist in ax.get_children():  # type: ignore[attr-defined]
        gid = artist.get_gid()
        if gid and gid.startswith(prefix):
            found.append(gid)
    return found


def _legend_texts(figure: object) -> list[str]:
    return [t.get_text() for legend in figure.legends for t in legend.get_texts()]  # type: ignore[attr-defined]


def test_importing_the_library_or_the_module_does_not_import_matplotlib() -> None:
    code = (
        "import sys, childservices, childservices.plot; "
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_authority_timeline_shows_spells_delivery_and_interventions() -> None:
    sandwell = cs.load().authority("Sandwell")
    figure = plot.authority_timeline(sandwell, until=UNTIL)
    _png(figure)
    (ax,) = figure.axes
    assert ax.get_title() == "Sandwell: Ofsted ratings and visits, delivery and interventions"
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Ofsted rating",
        "Ofsted visits",
        "delivery model",
        "interventions",
    ]
    trajectory = sandwell.trajectory(until=UNTIL, frameworks=cs.ALL_FRAMEWORKS)
    assert _gids(ax, "spell ") == [f"spell {s.inspection.id}" for s in trajectory.spells]
    assert _gids(ax, "delivery ") == [
        "delivery in_house",
        *(f"delivery {e.id}" for e in sandwell.deliveries),
    ]
    dated = [s for s in sandwell.interventions if s.date is not None]
    assert sorted(_gids(ax, "intervention ")) == sorted(f"intervention {s.id}" for s in dated)
    legend = _legend_texts(figure)
    for label in ("inadequate", "good", "children's trust", "in house", "statutory direction"):
        assert label in legend


def test_authority_timeline_marks_visits_and_what_focused_letters_found() -> None:
    ds = cs.load(updates=False)
    halton = ds.authority("Halton")
    figure = plot.authority_timeline(halton, until=UNTIL)
    _png(figure)
    (ax,) = figure.axes
    # The DfE's page on Halton's notice (focused visit of October 2021, 2 areas for priority
    # action) and the 2023 workbook's in-year sheet, row 34 (focused visit, 2022-11-23).
    assert _gids(ax, "visit ") == [
        "visit halton-focused-visit-2021-10",
        "visit halton-focused-visit-2022-11-23",
    ]
    markers = {line.get_gid(): line.get_markerfacecolor() for line in ax.get_lines()}
    assert markers["visit halton-focused-visit-2021-10"] == "#c2334d"  # priority action named
    assert markers["visit halton-focused-visit-2022-11-23"] == "#ffffff"  # not known
    legend = _legend_texts(figure)
    assert "focused visit, priority action named" in legend
    assert "focused visit, findings not known" in legend


def test_visits_over_time_counts_each_visit_once_and_shades_the_gaps() -> None:
    ds = cs.load(updates=False)
    figure = plot.visits_over_time(ds)
    _png(figure)
    (ax,) = figure.axes
    heights: dict[str, float] = {}
    for patch in ax.patches:
        gid = patch.get_gid() or ""
        if gid.startswith("visits "):
            heights[gid] = patch.get_height()
    assert sum(heights.values()) == len(ds.records.visits)
    by_kind = {
        kind: sum(h for gid, h in heights.items() if gid.split()[1] == kind.value)
        for kind in cs.VisitKind
    }
    assert by_kind == {
        kind: sum(1 for v in ds.records.visits if v.kind is kind) for kind in cs.VisitKind
    }
    # The three in-year sheets run on without a break: the March 2024 workbook's
    # Inspections_in_year_2023-24 lists visits from 2023-02-28 (row 4) to 2024-03-21 (row 110),
    # between the 2023 workbook's and the 2025 workbook's (earliest 2024-04-03,
    # In-year_inspections row 68). Only the years before April 2022, with the three visits
    # from other sources (2019 and October 2021), are shaded.
    gaps = sorted(p.get_gid() for p in ax.patches if (p.get_gid() or "").startswith("gap "))
    assert gaps
    assert all(gid < "gap 2022-03-01" for gid in gaps), gaps


def test_authority_timeline_keeps_adequate_apart_and_follows_frameworks() -> None:
    ds = cs.load()
    kent = ds.authority("Kent")
    everything = _legend_texts(plot.authority_timeline(kent, until=UNTIL))
    assert "adequate" in everything
    later = plot.authority_timeline(kent, until=UNTIL, frameworks=cs.SIF_AND_LATER)
    assert "adequate" not in _legend_texts(later)
    spells = _gids(later.axes[0], "spell ")
    assert spells
    assert {ds.inspection(gid.split()[1]).framework for gid in spells} <= cs.SIF_AND_LATER


def test_national_grades_stacks_one_area_per_grade() -> None:
    days = cs.quarterly("2014-04-01", UNTIL)
    figure = plot.national_grades(cs.load(), days)
    _png(figure)
    (ax,) = figure.axes
    assert _gids(ax, "grade ") == [
        "grade inadequate",
        "grade requires_improvement",
        "grade good",
        "grade outstanding",
    ]
    assert ax.get_ylim() == (0.0, 100.0)
    assert _legend_texts(figure) == [
        "outstanding",
        "good",
        "requires improvement to be good",
        "inadequate",
    ]
    assert [t.get_text() for t in ax.texts] == ["ILACS"]


def test_national_grades_needs_days() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        plot.national_grades(cs.load(), [])


def test_adm_timeline_has_a_row_per_authority_and_a_bar_per_episode() -> None:
    ds = cs.load()
    figure = plot.adm_timeline(ds, until=UNTIL)
    _png(figure)
    (ax,) = figure.axes
    alternative = [e for e in ds.records.delivery if e.model.alternative]
    assert sorted(_gids(ax, "episode ")) == sorted(f"episode {e.id}" for e in alternative)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == len({e.authority for e in alternative})
    for name in ("Sunderland", "Sandwell", "Isle of Wight", "Doncaster"):
        assert name in rows
    assert set(_legend_texts(figure)) == {
        "children's trust",
        "council company",
        "multi council company",
        "partnership",
        "shared service",
    }


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(
    max_examples=10 if os.environ.get("CI") else 4,  # fewer in the README's run, as elsewhere
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st_cs.datasets(max_authorities=2))
def test_any_generated_authority_can_be_drawn(dataset: cs.Dataset) -> None:
    for authority in dataset:
        figure = plot.authority_timeline(authority, until="2027-12-31")
        _png(figure)
    if any(e.model.alternative for e in dataset.records.delivery):
        _png(plot.adm_timeline(dataset, until="2027-12-31"))
    else:
        with pytest.raises(ValueError, match="no alternative delivery model"):
            plot.adm_timeline(dataset)


def _drawn(figure: Any) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def test_delivery_model_labels_never_overlap_and_are_never_cut() -> None:
    figure = plot.adm_timeline(cs.load(), until="2026-08-20")
    renderer = _drawn(figure)
    ax = figure.axes[0]
    texts = [t for t in ax.texts if t.get_text().strip()]
    assert texts
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for n, (first, box) in enumerate(boxes):
        for second, other in boxes[n + 1 :]:
            assert not box.overlaps(other), (first, second)
    frame = figure.bbox
    for text in texts:
        assert text.get_clip_path() is None  # shown whole, never clipped to its bar
        box = text.get_window_extent(renderer)
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, text.get_text()
    shown = {t.get_text().strip() for t in texts}
    assert "Northamptonshire Children's Trust" in shown  # once cut to "Nor"
    assert {"Tri-borough children's services", "Bi-borough children's services"} <= shown


@pytest.mark.parametrize("name", ["Slough", "Sandwell", "Birmingham", "Halton"])
def test_timeline_markers_do_not_hide_each_other(name: str) -> None:
    figure = plot.authority_timeline(cs.load().authority(name), until="2026-08-20")
    _drawn(figure)
    ax = figure.axes[0]
    points = []
    for line in ax.get_lines():
        gid = line.get_gid() or ""
        if gid.startswith(("intervention ", "visit ")):
            x, y = line.get_xydata()[0]
            points.append((gid, ax.transData.transform((x, y))))
    assert len(points) >= 4
    size = 7 * figure.dpi / 72  # the markers' size in pixels
    for n, (first, a) in enumerate(points):
        for second, b in points[n + 1 :]:
            distance = float(((a - b) ** 2).sum() ** 0.5)
            assert distance >= size * 0.6, (first, second, distance)
