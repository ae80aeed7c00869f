"""The site's national map (issue 29, item 2): every authority in existence on the record's
coverage date drawn from ONS's district boundaries, filled by its rating, each a link to
its page.

The expected authorities and districts are worked out here from the boundaries
(``../shared/sources/la-district-boundaries.geojson`` where it is beside the checkout, and
the projected copy ``docs/_ext/district_shapes.json`` the docs build reads), the county
lookup (``docs/_ext/district_county.csv``, read with the ``csv`` module) and the record's
ONS codes, never from the map module's own grouping.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import childservices as cs

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "docs" / "_ext"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def ext() -> Iterator[Any]:
    """The docs extension's modules (``sitemap``, ``sitebuild``), imported from docs/_ext."""
    sys.path.insert(0, str(EXT))
    try:
        import sitebuild
        import sitemap

        yield type("Ext", (), {"sitemap": sitemap, "sitebuild": sitebuild})
    finally:
        sys.path.remove(str(EXT))


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load(updates=False)


@pytest.fixture(scope="module")
def day(ds: cs.Dataset) -> Any:
    return ds.coverage.reports_to


@pytest.fixture(scope="module")
def svg(ext: Any, ds: cs.Dataset, day: Any) -> str:
    return str(ext.sitemap.Drawn(ds, day).svg(day))


def _lookup() -> dict[str, list[str]]:
    """Each E07 district's counties as the cited lookup lists them."""
    found: dict[str, list[str]] = {}
    with (EXT / "district_county.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            found.setdefault(row["district"], []).append(row["county"])
    return found


def _shape_codes() -> set[str]:
    data = json.loads((EXT / "district_shapes.json").read_text(encoding="utf-8"))
    return set(data["districts"])


def _current_by_ons(ds: cs.Dataset, day: Any) -> dict[str, str]:
    """Every ONS code any authority in existence on ``day`` has held, to its id."""
    return {
        identifier.value: authority.id
        for authority in ds.authorities()
        if authority.active_on(day)
        for identifier in authority.identifiers
        if identifier.scheme is cs.IdentifierScheme.ONS
    }


def _links(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}a"))


def test_the_projected_shapes_are_englands_districts_in_the_geojson(shared_dir: Path) -> None:
    collection = json.loads(
        (shared_dir / "sources" / "la-district-boundaries.geojson").read_text(encoding="utf-8")
    )
    codes = [str(f["properties"]["LAD23CD"]) for f in collection["features"]]
    assert len(codes) == 361
    england = {c for c in codes if c[:3] in {"E06", "E07", "E08", "E09"}}
    assert len(england) == 296
    assert _shape_codes() == england
    check = [sys.executable, str(ROOT / "tools" / "build_district_shapes.py"), "--check"]
    assert subprocess.run(check, capture_output=True, check=False).returncode == 0


def test_every_shire_district_lies_in_exactly_one_county() -> None:
    lookup = _lookup()
    shire = {c for c in _shape_codes() if c.startswith("E07")}
    assert len(shire) == 164
    assert set(lookup) == shire
    assert all(len(counties) == 1 for counties in lookup.values())
    assert all(counties[0].startswith("E10") for counties in lookup.values())
    assert len({counties[0] for counties in lookup.values()}) == 21


def test_each_district_is_drawn_in_its_authority(ext: Any, ds: cs.Dataset, day: Any) -> None:
    lookup = _lookup()
    by_ons = _current_by_ons(ds, day)
    current = [a for a in ds.authorities() if a.active_on(day)]
    owned, unmatched = ext.sitemap.districts_by_authority(
        current, _shape_codes(), ext.sitemap.read_lookup()
    )
    assert unmatched == []
    for code in _shape_codes():
        expected = by_ons[lookup[code][0] if code.startswith("E07") else code]
        assert [a for a, districts in owned.items() if code in districts] == [expected]


def test_the_map_draws_every_current_authority_with_districts(
    ds: cs.Dataset, day: Any, svg: str
) -> None:
    lookup = _lookup()
    upper = {lookup[c][0] if c.startswith("E07") else c for c in _shape_codes()}
    by_ons = _current_by_ons(ds, day)
    expected = {by_ons[code] for code in upper if code in by_ons}
    current = {a.id for a in ds.authorities() if a.active_on(day)}
    assert len(current) == 153
    assert expected == current
    drawn = [link.get("href") for link in _links(svg)]
    assert len(drawn) == len(set(drawn)) == len(expected)
    assert {h.removeprefix("../authorities/").removesuffix(".html") for h in drawn} == expected


def test_each_link_names_the_authority_and_its_rating(ds: cs.Dataset, day: Any, svg: str) -> None:
    ratings = ds.ratings_on(day)
    for link in _links(svg):
        authority = ds.authority(link.get("href", "")[len("../authorities/") : -len(".html")])
        title = link.find(f"{SVG}title")
        assert title is not None
        assert title.text == link.get("aria-label")
        rating = ratings[authority.id]
        words = "no overall judgement" if isinstance(rating, cs.NoJudgement) else str(rating)
        assert title.text == f"{authority.name}: {words}"
        assert link.find(f"{SVG}path") is not None


def test_the_legend_counts_each_rating(ext: Any, ds: cs.Dataset, day: Any) -> None:
    counts = Counter(
        "no overall judgement" if isinstance(r, cs.NoJudgement) else str(r)
        for r in ds.ratings_on(day).values()
    )
    page = "\n".join(ext.sitemap.map_page(ds, day))
    legend = page[page.index('<ul class="site-map-legend"') :]
    for words, count in counts.items():
        assert f"{words}: {count}</li>" in legend
    assert "no overall judgement:" in legend
    assert "none recorded:" in legend


def test_the_svg_is_labelled_and_small(svg: str) -> None:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    labelled = root.get("aria-labelledby", "").split()
    texts = {e.get("id"): e.text or "" for e in root if e.get("id") in labelled}
    assert set(texts) == {"site-map-title", "site-map-desc"}
    assert "table below" in texts["site-map-desc"]
    assert len(svg.encode()) < 250_000
    assert "\n" not in svg


def test_shared_borders_cancel(ext: Any) -> None:
    left = [0, 0, 2, 0, 2, 2, 0, 2]
    right = [2, 0, 4, 0, 4, 2, 2, 2]
    loops = ext.sitemap.outline([left, right])
    assert len(loops) == 1
    edges = {frozenset(e) for e in zip(loops[0], loops[0][1:] + loops[0][:1], strict=True)}
    assert frozenset({(2, 0), (2, 2)}) not in edges
    assert len(edges) == 6


def test_the_site_writes_the_map_page_and_every_linked_page(ext: Any, tmp_path: Path) -> None:
    ext.sitebuild.generate(tmp_path, figures=False)
    page = (tmp_path / "national" / "map.md").read_text(encoding="utf-8")
    assert len(page.encode()) < 400_000
    assert "\nmap\n" in (tmp_path / "national" / "index.md").read_text(encoding="utf-8")
    svg = next(line for line in page.splitlines() if line.startswith("<svg"))
    for link in _links(svg):
        target = link.get("href", "").removeprefix("../").removesuffix(".html") + ".md"
        assert (tmp_path / target).is_file(), target


def test_bad_lookups_are_refused_by_name(ext: Any, tmp_path: Path) -> None:
    with pytest.raises(ext.sitemap.MapDataError, match="E07099999"):
        ext.sitemap.upper_tier("E07099999", {})
    doubled = tmp_path / "lookup.csv"
    doubled.write_text(
        "# a comment\ndistrict,district_name,county,county_name,row\n"
        "E07000032,Amber Valley,E10000007,Derbyshire,2\n"
        "E07000032,Amber Valley,E10000018,Leicestershire,3\n",
        encoding="utf-8",
    )
    with pytest.raises(ext.sitemap.MapDataError, match=r"lookup\.csv: district E07000032"):
        ext.sitemap.read_lookup(doubled)
