"""The timeline figure of each authority's page, and the text alternative that says what
it shows.

The figure is :func:`childservices.plot.authority_timeline` up to the record's coverage
date, saved as a small PNG into ``docs/_generated/timelines/``. Drawing 163 figures costs
about half a minute of one core, so it is done for the HTML builders only (the doctest
builder reads no image), and skipped when the figures on disk were drawn from the same
record and library (a stamp file says which).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from authoritypage import grade_words
from sitemd import text

import childservices as cs

FOLDER = Path("_generated") / "timelines"
STAMP = "STAMP"
DPI = 80


def image_path(authority_id: str) -> str:
    """The figure's path as an authority's page (in ``docs/authorities/``) links it."""
    return f"../{FOLDER.as_posix()}/{authority_id}.png"


def figure_lines(authority: cs.AuthorityView, day: datetime.date) -> list[str]:
    """The figure with a short alternative text, and a caption saying what it shows."""
    undated = sum(1 for step in authority.interventions if step.date is None)
    alt = (
        f"Timeline of {authority.name}: its Ofsted ratings, visits, who ran its services and "
        "the DfE's interventions, over time, described in the caption"
    )
    if undated:
        alt += f"; it leaves off {undated} undated intervention steps, in the table below"
    return [
        "## Timeline",
        "",
        f"```{{figure}} {image_path(authority.id)}",
        f":alt: {' '.join(alt.split())}.",
        "",
        f"What the figure shows. {describe(authority, day)}",
        "```",
        "",
    ]


def describe(authority: cs.AuthorityView, day: datetime.date) -> str:
    """The figure's content in words: the rating spells, the visits, the delivery episodes
    and the dated intervention steps it draws (every framework, up to ``day``)."""
    spells = authority.trajectory(until=day, frameworks=cs.ALL_FRAMEWORKS).spells
    parts = []
    if spells:
        runs = "; ".join(f"{grade_words(s.grade)} from {s.start}" for s in spells)
        parts.append(f"Ofsted rating row: {runs}.")
    else:
        parts.append("Ofsted rating row: no rating recorded.")
    visits = [v for v in authority.visits_with_predecessors() if v.start is not None]
    parts.append(
        f"Visits row: {len(visits)} visit{'s' if len(visits) != 1 else ''}"
        + (f" (from {visits[0].start} to {visits[-1].start})." if visits else ".")
    )
    episodes = [f"{e.model.value.replace('_', ' ')} from {e.start}" for e in authority.deliveries]
    parts.append(
        "Delivery row: " + ("; ".join(episodes) if episodes else "in-house throughout") + "."
    )
    dated = [s for s in authority.interventions if s.date is not None]
    parts.append(
        f"Interventions row: {len(dated)} dated step{'s' if len(dated) != 1 else ''}"
        + (f", from {dated[0].date} to {dated[-1].date}." if dated else ".")
    )
    parts.append("Every fact is in the tables of this page, with its sources.")
    return text(" ".join(parts))


def draw_all(docs_dir: Path, ds: cs.Dataset, day: datetime.date) -> int:
    """Draw every authority's timeline unless the stamp says they are current; return how
    many were drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from childservices import plot

    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f"{ds.data_version} {cs.__version__} {day} dpi={DPI}\n"
    views = ds.authorities()
    stamp_path = folder / STAMP
    current = stamp_path.exists() and stamp_path.read_text(encoding="utf-8") == stamp
    if current and all((folder / f"{a.id}.png").exists() for a in views):
        return 0
    for authority in views:
        figure = plot.authority_timeline(authority, until=day)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        plt.close(figure)
        path = folder / f"{authority.id}.png"
        if not path.exists() or path.read_bytes() != buffer.getvalue():
            path.write_bytes(buffer.getvalue())
    stamp_path.write_text(stamp, encoding="utf-8")
    return len(views)
