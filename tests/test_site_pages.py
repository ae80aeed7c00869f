"""The site's generated pages (issue 29): one page per authority the record holds, and
their content checked against the seed files, read here with the ``csv`` module.

The pages are written by the docs extension's writer (``docs/_ext/sitebuild.py``, which
needs no Sphinx) into a temporary folder; the built HTML is checked in ``tests/test_site_built.py``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXT = ROOT / "docs" / "_ext"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's pages, written by the extension into a fresh folder."""
    sys.path.insert(0, str(EXT))
    try:
        import sitebuild

        folder = tmp_path_factory.mktemp("site")
        sitebuild.generate(folder, figures=False)
    finally:
        sys.path.remove(str(EXT))
    return folder


def _rows(folder: str) -> Iterator[dict[str, str]]:
    for path in sorted((SEEDS / folder).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


def _page(site: Path, authority_id: str) -> str:
    return (site / "authorities" / f"{authority_id}.md").read_text(encoding="utf-8")


def _plain(markdown: str) -> str:
    """A page's text with Markdown's backslash escapes taken out."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_one_page_per_authority_in_the_seeds(site: Path) -> None:
    ids = {row["id"] for row in _rows("authorities")}
    pages = {p.stem for p in (site / "authorities").glob("*.md")} - {"index"}
    assert len(ids) > 150
    assert pages == ids


def test_the_index_links_every_page(site: Path) -> None:
    index = (site / "authorities" / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([a-z0-9-]+)\.md\)", index))
    assert linked == {row["id"] for row in _rows("authorities")}


def test_each_page_holds_every_identifier_for_search(site: Path) -> None:
    for row in _rows("authority_identifiers"):
        page = _page(site, row["authority"])
        assert f"single: {row['value']}; " in page, (row["authority"], row["value"])


def test_sandwell_every_inspection_with_its_date_grade_and_lead_inspector(site: Path) -> None:
    page = _plain(_page(site, "sandwell"))
    found = [
        r for r in _rows("inspections") if r.get("authority") == "sandwell" and r.get("published")
    ]
    assert {r["id"] for r in found} >= {"sandwell-sif-2015-06-05", "sandwell-ilacs-2025-12-02"}
    for row in found:
        assert f"### {row['published']}: {row['framework'].upper()}" in page, row["id"]
        if row["lead_inspector"]:
            assert f"Lead inspector: {row['lead_inspector']}" in page, row["id"]
    codes = {
        r["scheme"]: r["value"]
        for r in _rows("authority_identifiers")
        if r["authority"] == "sandwell"
    }
    for value in codes.values():
        assert value in page


def test_sandwell_interventions_each_with_its_source(site: Path) -> None:
    page = _plain(_page(site, "sandwell"))
    sources = {r["id"]: r for r in _rows("sources")}
    steps = [r for r in _rows("interventions") if r.get("authority") == "sandwell"]
    assert steps
    for row in steps:
        source = sources[row["source"]]
        assert (source.get("url") or source["title"]) in page, row["id"]
    section = page.split("## Interventions", 1)[1].split("\n## ", 1)[0]
    assert re.search(
        r"in force on 2\d{3}-\d\d-\d\d: \*\*(in force|not in force|not known|none|statutory direction|improvement notice)",
        section,
    )


def test_isle_of_wight_delivery_episodes_and_return_in_house(site: Path) -> None:
    page = _plain(_page(site, "isle-of-wight"))
    episodes = [r for r in _rows("delivery") if r["authority"] == "isle-of-wight"]
    starts = {r["start"] for r in episodes if r["start"]}
    assert starts
    section = page.split("## Who ran the services", 1)[1].split("\n## ", 1)[0]
    for start in starts:
        assert f"| {start} |" in section
    returns = [r for r in _rows("insourcing") if r["authority"] == "isle-of-wight"]
    assert returns
    assert "### Returned in-house" in section
    for row in returns:
        assert row["return_date"] in section


def test_northamptonshire_and_its_successors_link_both_ways(site: Path) -> None:
    changes = [r for r in _rows("reorganisations") if r.get("predecessor") == "northamptonshire"]
    successors = {r["successor"] for r in changes}
    assert successors == {"north-northamptonshire", "west-northamptonshire"}
    page = _page(site, "northamptonshire")
    for successor in successors:
        assert f"]({successor}.md)" in page
        assert "](northamptonshire.md)" in _page(site, successor)
    assert "did not exist on the record's coverage date" in _plain(page)


def test_no_page_links_to_a_page_that_is_not_written(site: Path) -> None:
    written = {p.relative_to(site).with_suffix("").as_posix() for p in site.rglob("*.md")}
    for path in site.rglob("*.md"):
        for target in re.findall(r"\]\(([^)<>]+)\.md\)", path.read_text(encoding="utf-8")):
            resolved = (path.parent / target).resolve().relative_to(site.resolve()).as_posix()
            assert resolved in written, (path.name, target)


def test_the_timeline_text_alternative_names_every_rating_spell() -> None:
    sys.path.insert(0, str(EXT))
    try:
        import sitetimelines

        import childservices as cs

        ds = cs.load(updates=False)
        words = _plain(sitetimelines.describe(ds.authority("sandwell"), ds.coverage.reports_to))
    finally:
        sys.path.remove(str(EXT))
    published = {
        r["published"]
        for r in _rows("inspections")
        if r.get("authority") == "sandwell" and r.get("published")
    }
    assert published
    for day in published:
        assert f"from {day}" in words
    starts = [r["start"] for r in _rows("delivery") if r["authority"] == "sandwell" and r["start"]]
    assert starts
    for start in starts:
        assert f"trust from {start}" in words
