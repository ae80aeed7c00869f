"""Sphinx extension: draw the documentation's figures from the bundled dataset before each build.

The figures are made by the public :mod:`childservices.plot` module into
``docs/_generated/figures/`` (not in git), so they show the data the docs are
built with and never go stale. A file is rewritten only when its picture
changed, so an unchanged dataset does not make Sphinx rebuild the pages.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import pagewrite

import childservices as cs
from childservices import plot

FOLDER = Path("_generated") / "figures"


def _figures(ds: cs.Dataset) -> dict[str, Callable[[], Any]]:
    """File name -> a function drawing the figure."""
    return {
        "sandwell-timeline.png": lambda: plot.authority_timeline(ds.authority("Sandwell")),
        "sunderland-timeline.png": lambda: plot.authority_timeline(ds.authority("Sunderland")),
        "isle-of-wight-timeline.png": lambda: plot.authority_timeline(
            ds.authority("Isle of Wight")
        ),
        "halton-timeline.png": lambda: plot.authority_timeline(ds.authority("Halton")),
        # Up to the record's newest report, on the basis that carries the series across
        # the 2026 reform (see "Ratings across the 2026 reform" on the domain page).
        "national-grades.png": lambda: plot.national_grades(
            ds,
            cs.quarterly("2014-04-01", ds.coverage.reports_to or datetime.date.today()),
            rating_basis=cs.RatingBasis.LATEST_OVERALL,
        ),
        "adm-timeline.png": lambda: plot.adm_timeline(ds),
        "visits-over-time.png": lambda: plot.visits_over_time(ds),
        # The how-to "Measures in context": these describe, they do not show cause.
        "sandwell-stability-around-trust.png": lambda: plot.measure_around_chart(
            ds.measure_around(
                ds.events("Sandwell", kinds={"trust_goes_live"})[0],
                "placements_three_or_more_percent",
                grouping="dfe-2021",
            ),
            name="Sandwell",
        ),
        "sandwell-rereferrals-around-trust.png": lambda: plot.measure_around_chart(
            ds.measure_around(
                ds.events("Sandwell", kinds={"trust_goes_live"})[0],
                "rereferral_percent",
                grouping="dfe-2021",
            ),
            name="Sandwell",
        ),
        "agency-rate-by-grade.png": lambda: plot.measure_by_grade_chart(
            ds.measure_by_grade("agency_rate_fte", "2025-09-30")
        ),
    }


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    # No software or date stamp, so the same picture gives the same bytes.
    figure.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    return buffer.getvalue()


def generate(docs_dir: Path) -> list[Path]:
    """Draw every figure into ``docs_dir/_generated/figures``; return the files."""
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    ds = cs.load(updates=False)
    for name, draw in _figures(ds).items():
        data = _png(draw())
        path = folder / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written


def setup(app: Any) -> dict[str, Any]:
    return pagewrite.setup_generator(app, generate)
