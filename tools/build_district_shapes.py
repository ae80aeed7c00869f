"""Project England's lower-tier district boundaries onto the national map's pixel grid.

Reads ``../shared/sources/la-district-boundaries.geojson`` (ONS local authority districts,
April 2023 codes, WGS84; 361 features across the UK), keeps England's 296 districts
(codes E06, E07, E08 and E09: Scotland's, Wales's and Northern Ireland's are dropped),
projects each point simply (equirectangular: longitude scaled by cos 54 degrees), rounds
it to a grid of :data:`UNITS` units across (two to a pixel of a 500-pixel map), and drops
points that repeat the one before. Writes ``docs/_ext/district_shapes.json``: each
district's name and rings, as flat lists ``[x0, y0, x1, y1, ...]`` in grid units.

The docs build (``docs/_ext/sitemap.py``) reads that file, never ``../shared``: the docs
build in a copy with no ``../shared`` beside it. Shared borders of two districts round to
the same points on both sides, so the build can cancel them and stroke each authority's
outline only.

Run from the repository root::

    python tools/build_district_shapes.py          # write the file
    python tools/build_district_shapes.py --check  # fail if it differs from the geojson
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
GEOJSON = REPO_ROOT.parent / "shared" / "sources" / "la-district-boundaries.geojson"
OUTPUT = REPO_ROOT / "docs" / "_ext" / "district_shapes.json"

ENGLAND = ("E06", "E07", "E08", "E09")
"""The prefixes of England's district codes: unitaries, shire districts, metropolitan
districts, London boroughs (and the City of London)."""

UNITS = 1000
"""The map's width in grid units."""

X_SCALE = math.cos(math.radians(54))
"""Longitude's scale against latitude's at 54 degrees north (the middle of England)."""

MARGIN = 4
"""Grid units left empty around the map."""

SOURCE = (
    "ONS local authority districts (April 2023, LAD23), Open Government Licence v3.0, "
    "from ../shared/sources/la-district-boundaries.geojson; England only, projected "
    "equirectangular (x scaled by cos 54 degrees) and rounded by tools/build_district_shapes.py"
)


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise SystemExit(f"{GEOJSON}: unexpected geometry type {geometry['type']!r}")


def shapes(collection: dict[str, Any]) -> dict[str, Any]:
    """The districts of England on the grid, from the geojson's features."""
    england = [
        f for f in collection["features"] if str(f["properties"]["LAD23CD"]).startswith(ENGLAND)
    ]
    rings = {
        f["properties"]["LAD23CD"]: [r for p in _polygons(f["geometry"]) for r in p]
        for f in england
    }
    points = [pt for code_rings in rings.values() for ring in code_rings for pt in ring]
    west = min(p[0] for p in points)
    north = max(p[1] for p in points)
    east = max(p[0] for p in points)
    south = min(p[1] for p in points)
    scale = (UNITS - 2 * MARGIN) / ((east - west) * X_SCALE)
    height = round((north - south) * scale) + 2 * MARGIN

    def grid(lon: float, lat: float) -> tuple[int, int]:
        return (
            round((lon - west) * X_SCALE * scale) + MARGIN,
            round((north - lat) * scale) + MARGIN,
        )

    districts = {}
    for feature in sorted(england, key=lambda f: f["properties"]["LAD23CD"]):
        code = feature["properties"]["LAD23CD"]
        flat_rings = []
        for ring in rings[code]:
            kept: list[tuple[int, int]] = []
            for lon, lat in ring:
                point = grid(lon, lat)
                if not kept or kept[-1] != point:
                    kept.append(point)
            if len(kept) > 1 and kept[0] == kept[-1]:
                kept.pop()
            if len(kept) >= 3:
                flat_rings.append([c for point in kept for c in point])
        districts[code] = {"name": feature["properties"]["LAD23NM"], "rings": flat_rings}
    return {"source": SOURCE, "width": UNITS, "height": height, "districts": districts}


def render(data: dict[str, Any]) -> str:
    """The file's text: one district a line, so a change shows as a small diff."""
    lines = [
        "{",
        f'"source": {json.dumps(data["source"])},',
        f'"width": {data["width"]},',
        f'"height": {data["height"]},',
        '"districts": {',
    ]
    items = list(data["districts"].items())
    for number, (code, district) in enumerate(items):
        comma = "," if number < len(items) - 1 else ""
        lines.append(f"{json.dumps(code)}: {json.dumps(district, separators=(',', ':'))}{comma}")
    return "\n".join([*lines, "}", "}"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geojson", type=Path, default=GEOJSON)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render(shapes(json.loads(args.geojson.read_text(encoding="utf-8"))))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} differs from {args.geojson}: run the tool", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
