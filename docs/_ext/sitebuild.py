"""Write the site's pages: one per authority the record holds into ``docs/authorities/``
(with the index of them all) and the national pages into ``docs/national/``, from the
bundled record, with each authority's timeline figure. Plain Python (no Sphinx), so the
tests write the pages without building the docs; :mod:`sitepages` calls it before each
build. A page is rewritten only when its text changed, and a page of an authority no
longer in the record is removed.
"""

from __future__ import annotations

import datetime
import warnings
from pathlib import Path

import authoritypage
import nationalpages
import sitechanges
import sitemap
import sitetimelines
from pagewrite import write_page as _write

import childservices as cs

AUTHORITIES = "authorities"
NATIONAL = "national"


def coverage_day(ds: cs.Dataset) -> datetime.date:
    """The day the pages answer for: the record's coverage date (its newest report)."""
    day = ds.coverage.reports_to
    if day is None:
        raise RuntimeError("the record holds no report: no coverage date for the site")
    return day


def _clear_stale(folder: Path, keep: set[str]) -> None:
    for path in folder.glob("*.md"):
        if path.name not in keep:
            path.unlink()


def generate(docs_dir: Path, *, figures: bool = True) -> dict[str, int]:
    """Write every site page under ``docs_dir`` (with each authority's timeline figure,
    unless not ``figures``); return how many of each were written or drawn."""
    ds = cs.load(updates=False)
    day = coverage_day(ds)
    drawn = sitetimelines.draw_all(docs_dir, ds, day) if figures else 0
    authorities_dir = docs_dir / AUTHORITIES
    national_dir = docs_dir / NATIONAL
    authorities_dir.mkdir(exist_ok=True)
    national_dir.mkdir(exist_ok=True)
    views = ds.authorities()
    with warnings.catch_warnings():
        # The pages answer for the coverage date itself, never after it.
        warnings.simplefilter("ignore", cs.CoverageWarning)
        for authority in views:
            _write(
                authorities_dir / f"{authority.id}.md",
                authoritypage.page(ds, authority, day, figure=figures),
            )
        ids = [authority.id for authority in views]
        _write(authorities_dir / "index.md", nationalpages.authorities_index(ds, day, ids))
        national = {
            "index.md": nationalpages.national_index(ds, day),
            "grades.md": nationalpages.grades_over_time(ds, day),
            "interventions.md": nationalpages.interventions_now(ds, day),
            "delivery.md": nationalpages.delivery_now(ds, day),
            "map.md": sitemap.map_page(ds, day),
            "changes.md": sitechanges.page(ds, docs_dir.parent),
        }
        for name, lines in national.items():
            _write(national_dir / name, lines)
    _clear_stale(authorities_dir, {f"{i}.md" for i in ids} | {"index.md"})
    _clear_stale(national_dir, set(national))
    return {"authorities": len(ids), "national": len(national) + 1, "figures drawn": drawn}
