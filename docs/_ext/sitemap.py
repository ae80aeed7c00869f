"""The site's national map: every authority in existence on the record's coverage date,
filled by its rating on that day, drawn to an inline SVG at build time (``national/map``).

The shapes are England's lower-tier districts (ONS, April 2023), projected onto a grid by
``tools/build_district_shapes.py`` into ``district_shapes.json`` beside this module. A
unitary, metropolitan district or London borough (codes E06, E08, E09) is an authority: it
is matched on the ONS codes the record holds for it (any it has had: Barnsley's and
Sheffield's changed in 2025, the map keeps the 2023 ones). A shire district (E07) belongs
to its county as ONS's LTLA23-UTLA23 lookup says (``district_county.csv``, cited in its
header). The districts of one authority are one path; borders its districts share cancel,
so the stroke draws the authority's outline only.

Each authority is a link to its page, named (its ``title`` and ``aria-label``) by its name
and rating; the legend names every rating with its count, and its swatches carry a
pattern as well as a colour; the table under the map lists every authority by rating.
"""

from __future__ import annotations

import csv
import datetime
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import sitemd as md
from authoritypage import grade_words
from sitemd import text

import childservices as cs
from childservices.plot import GRADE_COLOURS

HERE = Path(__file__).resolve().parent
SHAPES = HERE / "district_shapes.json"
LOOKUP = HERE / "district_county.csv"

NO_OVERALL = "no overall judgement"
NONE_RECORDED = "none recorded"

Rating = cs.Grade | cs.NoJudgement | None

CATEGORIES: tuple[tuple[str, str, str], ...] = (
    # (legend words, fill colour, pattern: "" for a plain fill)
    (str(cs.Grade.OUTSTANDING), GRADE_COLOURS[cs.Grade.OUTSTANDING], ""),
    (str(cs.Grade.GOOD), GRADE_COLOURS[cs.Grade.GOOD], ""),
    (str(cs.Grade.REQUIRES_IMPROVEMENT), GRADE_COLOURS[cs.Grade.REQUIRES_IMPROVEMENT], "dots"),
    (str(cs.Grade.ADEQUATE), GRADE_COLOURS[cs.Grade.ADEQUATE], "vertical"),
    (str(cs.Grade.INADEQUATE), GRADE_COLOURS[cs.Grade.INADEQUATE], "diagonal"),
    (NO_OVERALL, GRADE_COLOURS[cs.NOT_GIVEN], "horizontal"),
    (NONE_RECORDED, GRADE_COLOURS[None], "cross"),
)
"""Each rating the map shows: its words, the library's colour for it, and the pattern
drawn over the colour so that it does not rely on colour alone (outstanding is dark and
good light, both plain)."""

_PATTERNS = {
    "dots": '<circle cx="3" cy="3" r="1.1" fill="#5a3a00"/>',
    "vertical": '<path d="M3 0v6" stroke="#5a3a00" stroke-width="1"/>',
    "diagonal": '<path d="M-1 1l2-2M0 6l6-6M5 7l2-2" stroke="#fff" stroke-width="1.2"/>',
    "horizontal": '<path d="M0 3h6" stroke="#555" stroke-width="1"/>',
    "cross": '<path d="M0 0l6 6M6 0l-6 6" stroke="#999" stroke-width="0.7"/>',
}


class MapDataError(RuntimeError):
    """The map's shapes, the county lookup and the record do not fit together."""


def category(rating: Rating) -> str:
    """A rating's legend words: a grade's own, ``no overall judgement`` or ``none recorded``."""
    if rating is None:
        return NONE_RECORDED
    if isinstance(rating, cs.Grade):
        return str(rating)
    return NO_OVERALL


def read_lookup(path: Path = LOOKUP) -> dict[str, str]:
    """The county (E10 code) of each shire district (E07 code), from the cited lookup."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        found: dict[str, str] = {}
        for row in rows:
            if row["district"] in found:
                raise MapDataError(f"{path}: district {row['district']} is listed twice")
            found[row["district"]] = row["county"]
    return found


def read_shapes(path: Path = SHAPES) -> dict[str, object]:
    """The projected districts (see ``tools/build_district_shapes.py``)."""
    import json

    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def upper_tier(district: str, lookup: dict[str, str]) -> str:
    """The ONS code of the upper-tier area a district lies in: its county for a shire
    district, the district itself otherwise."""
    if district.startswith("E07"):
        if district not in lookup:
            raise MapDataError(f"{LOOKUP}: no county for shire district {district}")
        return lookup[district]
    return district


def districts_by_authority(
    authorities: Iterable[cs.AuthorityView], districts: Iterable[str], lookup: dict[str, str]
) -> tuple[dict[str, list[str]], list[str]]:
    """The districts of each authority (by id), matched on any ONS code the record holds
    for it, and the districts no authority holds."""
    by_code: dict[str, str] = {}
    for authority in authorities:
        for identifier in authority.identifiers:
            if identifier.scheme is cs.IdentifierScheme.ONS:
                other = by_code.setdefault(identifier.value, authority.id)
                if other != authority.id:
                    raise MapDataError(
                        f"ONS code {identifier.value} is held by both {other} and {authority.id}"
                    )
    found: dict[str, list[str]] = defaultdict(list)
    unmatched = []
    for district in sorted(districts):
        owner = by_code.get(upper_tier(district, lookup))
        if owner is None:
            unmatched.append(district)
        else:
            found[owner].append(district)
    return dict(found), unmatched


def outline(rings: Iterable[Sequence[int]]) -> list[list[tuple[int, int]]]:
    """The loops of the union of ``rings`` (flat ``[x0, y0, x1, y1, ...]`` lists): every
    edge two rings share is dropped (an even count of an edge changes no even-odd fill),
    and the edges left are walked into closed loops (each point keeps an even degree)."""
    counts: Counter[tuple[tuple[int, int], tuple[int, int]]] = Counter()
    for ring in rings:
        points = list(zip(ring[::2], ring[1::2], strict=True))
        for start, end in zip(points, points[1:] + points[:1], strict=True):
            if start != end:
                counts[(min(start, end), max(start, end))] += 1
    neighbours: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for (a, b), count in sorted(counts.items()):
        if count % 2:
            neighbours[a].append(b)
            neighbours[b].append(a)
    loops = []
    for first in sorted(neighbours):
        while neighbours[first]:
            loop, point = [first], first
            while True:
                following = neighbours[point].pop()
                neighbours[following].remove(point)
                if following == first:
                    break
                loop.append(following)
                point = following
            loops.append(loop)
    return loops


def path_data(loops: Iterable[Sequence[tuple[int, int]]]) -> str:
    """SVG path data for closed loops, each point after the first relative to the last."""
    parts = []
    for loop in loops:
        x, y = loop[0]
        steps = [f"M{x} {y}"]
        for nx, ny in loop[1:]:
            dx, dy = nx - x, ny - y
            steps.append(f"h{dx}" if dy == 0 else f"v{dy}" if dx == 0 else f"l{dx} {dy}")
            x, y = nx, ny
        parts.append("".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def _fill(name: str) -> str:
    for words, colour, pattern in CATEGORIES:
        if words == name:
            return f"url(#site-map-{pattern})" if pattern else colour
    raise MapDataError(f"no colour for the rating {name!r}")


def _defs() -> str:
    """The patterns: ``site-map-*`` scaled to the map's units (about 4 pixels a stripe on
    a desktop's map), ``site-key-*`` at the legend's pixel size."""
    patterns = [
        f'<pattern id="site-{use}-{pattern}" width="6" height="6" patternUnits="userSpaceOnUse"'
        f'{scale}><rect width="6" height="6" fill="{colour}"/>{_PATTERNS[pattern]}</pattern>'
        for use, scale in (("map", ' patternTransform="scale(2.5)"'), ("key", ""))
        for _words, colour, pattern in CATEGORIES
        if pattern
    ]
    style = (
        "<style>.site-map a:focus path,.site-map a:hover path{stroke:#000;stroke-width:3}</style>"
    )
    return f"<defs>{''.join(patterns)}</defs>{style}"


class Drawn:
    """The map of one day: each authority drawn with its rating's words, and the record's
    current authorities with no district on the map."""

    def __init__(self, ds: cs.Dataset, day: datetime.date) -> None:
        shapes = read_shapes()
        districts: dict[str, dict[str, list[list[int]]]] = shapes["districts"]  # type: ignore[assignment]
        self.width: int = shapes["width"]  # type: ignore[assignment]
        self.height: int = shapes["height"]  # type: ignore[assignment]
        current = [a for a in ds.authorities() if a.active_on(day) is True]
        owned, self.unmatched = districts_by_authority(current, districts, read_lookup())
        self.authorities = sorted((a for a in current if a.id in owned), key=lambda a: a.name)
        self.missing = sorted((a for a in current if a.id not in owned), key=lambda a: a.name)
        self.rating = {a.id: category(_rating(a, day)) for a in self.authorities}
        self.paths = {
            a.id: path_data(outline(r for d in owned[a.id] for r in districts[d]["rings"]))
            for a in self.authorities
        }

    def svg(self, day: datetime.date) -> str:
        """The map as one line of SVG (no blank line, which would end a raw HTML block)."""
        links = []
        for authority in self.authorities:
            label = html.escape(f"{authority.name}: {self.rating[authority.id]}")
            links.append(
                f'<a href="../authorities/{authority.id}.html" aria-label="{label}">'
                f"<title>{label}</title>"
                f'<path d="{self.paths[authority.id]}" fill="{_fill(self.rating[authority.id])}"/></a>'
            )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="site-map" '
            f'viewBox="0 0 {self.width} {self.height}" role="group" '
            f'aria-labelledby="site-map-title site-map-desc" '
            f'style="width:100%;max-width:560px;height:auto;display:block">'
            f'<title id="site-map-title">Map of England: each authority filled by its '
            f"rating on {day}</title>"
            f'<desc id="site-map-desc">{len(self.authorities)} authorities, each a link to '
            "its page; the legend names each rating with its count, and the table below "
            "the map lists every authority by its rating in text.</desc>"
            f"{_defs()}"
            f'<g stroke="#333" stroke-width="0.8" stroke-linejoin="round" '
            f'fill-rule="evenodd">{"".join(links)}</g></svg>'
        )

    def counts(self) -> dict[str, int]:
        """How many authorities the map fills with each rating's words."""
        found = Counter(self.rating.values())
        return {words: found[words] for words, _c, _p in CATEGORIES}


def _rating(authority: cs.AuthorityView, day: datetime.date) -> Rating:
    """The rating the index table shows: the one in force on ``day``, if any."""
    return authority.rating_on(day) if authority.rated_inspection_on(day) else None


def _legend(counts: dict[str, int]) -> str:
    items = []
    for words, colour, pattern in CATEGORIES:
        if words == str(cs.Grade.ADEQUATE) and not counts[words]:
            continue  # a pre-2013 judgement: no authority holds it as its rating today
        fill = f"url(#site-key-{pattern})" if pattern else colour
        items.append(
            '<li><svg width="28" height="18" aria-hidden="true" focusable="false" '
            'style="vertical-align:middle;margin-right:0.4em">'
            f'<rect x="1" y="1" width="26" height="16" fill="{fill}" stroke="#333"/></svg>'
            f"{html.escape(words)}: {counts[words]}</li>"
        )
    return (
        '<ul class="site-map-legend" aria-label="Legend: each rating, with how many '
        f'authorities hold it" style="list-style:none;padding-left:0">{"".join(items)}</ul>'
    )


def map_page(ds: cs.Dataset, day: datetime.date) -> list[str]:
    """The national page of the map, its legend and every authority by rating in text."""
    drawn = Drawn(ds, day)
    counts = drawn.counts()
    rows = []
    for words, _colour, _pattern in CATEGORIES:
        names = [
            md.page_link(a.name, "../authorities/" + a.id)
            for a in drawn.authorities
            if drawn.rating[a.id] == words
        ]
        if names or words != str(cs.Grade.ADEQUATE):
            rows.append([text(words), str(counts[words]), ", ".join(names) or "none"])
    missing = ", ".join(md.page_link(a.name, "../authorities/" + a.id) for a in drawn.missing)
    lines = [
        f"% Generated by docs/_ext/sitemap.py from the record {ds.data_version}: do not edit.",
        "",
        f"# Map of ratings on {text(day.isoformat())}",
        "",
        f"Every authority in existence on {text(day.isoformat())}, the record's coverage "
        f"date ({len(drawn.authorities)} drawn), filled by its rating that day: the overall "
        "judgement then in force, as in the table of {doc}`../authorities/index`. Each "
        "authority is a link to its page. The legend names each rating with its count; "
        "the ratings other than good and outstanding carry a pattern as well as a colour. "
        "Authorities abolished by reorganisation have no district today and are not drawn.",
        "",
        "```{raw} html",
        drawn.svg(day),
        _legend(counts),
        "```",
        "",
        "Boundaries: ONS local authority districts (April 2023), Open Government Licence "
        "v3.0; a shire district is drawn as part of its county as ONS's Lower Tier to Upper "
        "Tier Local Authority (April 2023) lookup says. Barnsley and Sheffield are drawn "
        "within their 2023 boundaries (the boundary between them moved on 1 April 2025).",
        "",
        "## Every authority by rating",
        "",
        *md.table(
            f"Authorities on the map by their rating on {day}",
            ["rating", "authorities", "which"],
            rows,
        ),
    ]
    if drawn.missing:
        lines += [f"Not drawn (no district on the map): {missing}.", ""]
    if drawn.unmatched:
        lines += [f"Districts no authority holds: {text(', '.join(drawn.unmatched))}.", ""]
    lines += [
        f"{grade_words(None).capitalize()} means no rating under the SIF or later "
        "frameworks is in force; no overall judgement means the latest inspection, under "
        "ILACS as reformed in 2026, gives none.",
        "",
    ]
    return lines
