"""The site's charts (issue 29): the small charts of key official figures on each
authority's page and the chart of ratings over time on the national page.

The points each chart draws are read back from its SVG (parsed as XML) and checked
against figures read apart from the charts' code: the seed files of observations, read
here with the ``csv`` module, and the counts of ratings asked of the public API. No
Sphinx: the chart modules of ``docs/_ext`` are imported directly.
"""

from __future__ import annotations

import csv
import datetime
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import childservices as cs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXT = ROOT / "docs" / "_ext"
TOLERANCE = 0.11
"""How far a drawn coordinate may be from its exact place: the SVG writes one decimal."""


def _import(name: str) -> ModuleType:
    sys.path.insert(0, str(EXT))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(EXT))


@pytest.fixture(scope="module")
def ds() -> cs.Dataset:
    return cs.load(updates=False)


@pytest.fixture(scope="module")
def sitecharts() -> ModuleType:
    return _import("sitecharts")


def _rows(folder: str) -> Iterator[dict[str, str]]:
    for path in sorted((SEEDS / folder).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


def _measure_names() -> dict[str, str]:
    return {row["id"]: row["name"] for row in _rows("measures")}


def _figures(authority: str, measure: str) -> dict[int, str]:
    """The seed rows' values of one authority's measure, by year (a number or a code)."""
    return {
        int(row["year"]): row["value"]
        for row in _rows("observations")
        if row["measure"] == measure
        and row["authority"] == authority
        and row["level"] == "local_authority"
    }


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _svgs(markup: str) -> list[ET.Element]:
    return [ET.fromstring(found) for found in re.findall(r"<svg .*?</svg>", markup)]


def _chart(charts: list[str], name: str) -> ET.Element:
    """The chart whose text alternative names the measure ``name``."""
    found = [
        svg
        for svg in _svgs("\n".join(charts))
        if svg.get("aria-label", "").startswith(f"Line chart of {name} for ")
    ]
    assert len(found) == 1, name
    return found[0]


def _vertices(d: str) -> list[list[tuple[float, float]]]:
    """A path's subpaths (each begun by ``M``), each a list of its points."""
    runs = []
    for subpath in d.split("M")[1:]:
        points = [p.split() for p in subpath.split("L")]
        runs.append([(float(x), float(y)) for x, y in points])
    return runs


def _affine(pairs: list[tuple[float, float]]) -> None:
    """Every ``(value, coordinate)`` pair lies on one line through the two far apart."""
    low = min(pairs)
    high = max(pairs)
    assert high[0] > low[0]
    slope = (high[1] - low[1]) / (high[0] - low[0])
    for value, coordinate in pairs:
        assert abs(low[1] + (value - low[0]) * slope - coordinate) < TOLERANCE, (value, coordinate)


def _runs(years: list[int]) -> list[int]:
    """The lengths of the runs of consecutive years."""
    lengths: list[int] = []
    for i, year in enumerate(years):
        if i and years[i - 1] == year - 1:
            lengths[-1] += 1
        else:
            lengths.append(1)
    return lengths


def _gap_in_the_middle() -> tuple[str, str]:
    """An authority and key measure whose seed rows have a year with no number between two
    years with one (searched in the seeds, not chosen by hand)."""
    sitecharts = _import("sitecharts")
    by_key: dict[tuple[str, str], dict[int, str]] = {}
    for row in _rows("observations"):
        if row["measure"] in sitecharts.KEY_MEASURES and row["level"] == "local_authority":
            by_key.setdefault((row["authority"], row["measure"]), {})[int(row["year"])] = row[
                "value"
            ]
    for key, figures in sorted(by_key.items()):
        numbers = [y for y, v in figures.items() if _number(v) is not None]
        if any(_number(v) is None and min(numbers) < y < max(numbers) for y, v in figures.items()):
            return key
    raise AssertionError("no key measure with a gap in the seeds")


CASES = [
    ("sandwell", "cla_rate_per_10000"),
    ("sandwell", "csc_net_expenditure_per_child"),
    ("kensington-and-chelsea", "agency_rate_fte"),
    ("isles-of-scilly", "cin_rate_per_10000"),
    ("isles-of-scilly", "rereferral_percent"),
    _gap_in_the_middle(),
]


@pytest.mark.parametrize(("authority", "measure"), CASES)
def test_a_small_chart_draws_the_published_figures_and_nothing_else(
    ds: cs.Dataset, sitecharts: ModuleType, authority: str, measure: str
) -> None:
    figures = _figures(authority, measure)
    published = {y: n for y, v in figures.items() if (n := _number(v)) is not None}
    svg = _chart(sitecharts.measure_charts(ds, ds.authority(authority)), _measure_names()[measure])
    dots = [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in svg.iter("circle")]
    years = sorted(published)
    assert len(dots) == len(years)
    # In year order, left to right, at evenly spaced years; heights in proportion to values.
    assert [x for x, _ in dots] == sorted(x for x, _ in dots)
    if len(set(years)) > 1:
        _affine([(float(year), x) for year, (x, _) in zip(years, dots, strict=True)])
    values = [published[year] for year in years]
    if len(set(values)) > 1:
        pairs = [(value, y) for value, (_, y) in zip(values, dots, strict=True)]
        _affine(pairs)
        assert max(pairs)[1] < min(pairs)[1], "a higher value is drawn higher"
    # The line is broken at every year with no number: one subpath per run of years.
    lines = [p for p in svg.iter("path") if p.get("fill") == "none"]
    subpaths = _vertices(lines[0].get("d", "")) if lines else []
    assert [len(run) for run in subpaths] == (
        _runs(years) if any(n > 1 for n in _runs(years)) else []
    )
    assert [point for run in subpaths for point in run] == (dots if subpaths else [])


def test_a_year_not_published_is_a_gap_not_a_zero(ds: cs.Dataset, sitecharts: ModuleType) -> None:
    authority, measure = _gap_in_the_middle()
    figures = _figures(authority, measure)
    svg = _chart(sitecharts.measure_charts(ds, ds.authority(authority)), _measure_names()[measure])
    label = svg.get("aria-label", "")
    line = next(p for p in svg.iter("path") if p.get("fill") == "none")
    assert len(_vertices(line.get("d", ""))) >= 2
    for year, value in figures.items():
        if _number(value) is None:
            assert f"{year}: not published (" in label and f", {value})" in label
    # No dot sits on the zero line unless a published value is the lowest.
    lowest = min(n for v in figures.values() if (n := _number(v)) is not None)
    bottom = max(float(c.get("cy", "")) for c in svg.iter("circle"))
    drawn_at_bottom = sum(1 for c in svg.iter("circle") if float(c.get("cy", "")) == bottom)
    assert drawn_at_bottom == sum(1 for v in figures.values() if _number(v) == lowest)


def _label_numbers(text: str) -> dict[int, float]:
    return {
        int(year): float(value.replace(",", ""))
        for year, value in re.findall(r"(\d{4}): (-?[\d,]+(?:\.\d+)?)%?[;.]", text)
    }


@pytest.mark.parametrize("authority", ["sandwell", "kensington-and-chelsea", "isles-of-scilly"])
def test_the_text_alternative_gives_every_value_and_names_the_first_and_last(
    ds: cs.Dataset, sitecharts: ModuleType, authority: str
) -> None:
    charts = sitecharts.measure_charts(ds, ds.authority(authority))
    names = _measure_names()
    for measure in sitecharts.KEY_MEASURES:
        figures = _figures(authority, measure)
        if not figures:
            continue
        label = _chart(charts, names[measure]).get("aria-label", "")
        published = {y: n for y, v in figures.items() if (n := _number(v)) is not None}
        before_summary = label.split(" First published value ")[0]
        assert _label_numbers(before_summary) == published, measure
        assert f", {min(figures)} to {max(figures)}." in label
        if not published:
            assert "No value was published" in label
            continue
        first, last = min(published), max(published)
        summary = re.search(
            r"First published value (-?[\d,.]+?)%? in (\d{4}); last (-?[\d,.]+?)%? in (\d{4})\.$",
            label,
        )
        assert summary is not None, label
        assert float(summary[1].replace(",", "")) == published[first]
        assert int(summary[2]) == first
        assert float(summary[3].replace(",", "")) == published[last]
        assert int(summary[4]) == last


def test_every_small_chart_is_an_image_with_a_label_and_no_id(
    ds: cs.Dataset, sitecharts: ModuleType
) -> None:
    drawn = 0
    for authority in ds.authorities():
        markup = "\n".join(sitecharts.measure_charts(ds, authority))
        assert " id=" not in markup, authority.id
        for svg in _svgs(markup):
            assert svg.get("role") == "img"
            assert authority.name in svg.get("aria-label", "")
            drawn += 1
    figures = {
        (row["authority"], row["measure"])
        for row in _rows("observations")
        if row["measure"] in sitecharts.KEY_MEASURES and row["level"] == "local_authority"
    }
    assert drawn == len(figures)


# The national chart of ratings over time.


def _days(day: datetime.date) -> list[datetime.date]:
    days = [datetime.date(year, 3, 31) for year in range(2014, day.year + 1)]
    return [d for d in days if d < day] + [day]


def _counts(ds: cs.Dataset, days: list[datetime.date]) -> dict[str, list[int]]:
    """How many authorities held each rating on each day, asked of the API."""
    wanted = {
        "outstanding": cs.Grade.OUTSTANDING,
        "good": cs.Grade.GOOD,
        "requires improvement to be good": cs.Grade.REQUIRES_IMPROVEMENT,
        "inadequate": cs.Grade.INADEQUATE,
        "no overall judgement": cs.NOT_GIVEN,
        "none recorded": None,
    }
    counts: dict[str, list[int]] = {name: [] for name in wanted}
    for day in days:
        ratings = ds.ratings_on(day)
        for name, grade in wanted.items():
            counts[name].append(sum(1 for r in ratings.values() if r is grade))
    return {name: found for name, found in counts.items() if any(found)}


@pytest.fixture(scope="module")
def grades_page(ds: cs.Dataset) -> str:
    nationalpages = _import("nationalpages")
    sitebuild = _import("sitebuild")
    return "\n".join(nationalpages.grades_over_time(ds, sitebuild.coverage_day(ds)))


def test_the_ratings_chart_draws_the_counts_of_each_day(ds: cs.Dataset, grades_page: str) -> None:
    sitebuild = _import("sitebuild")
    days = _days(sitebuild.coverage_day(ds))
    expected = _counts(ds, days)
    (svg,) = _svgs(grades_page)
    assert svg.get("role") == "img" and svg.get("aria-label")
    groups = {g.get("data-rating"): g for g in svg.iter("g")}
    assert set(groups) == set(expected)
    heights, places = [], []
    for name, group in groups.items():
        line = next(iter(group.iter("path")))
        (points,) = _vertices(line.get("d", ""))
        assert len(points) == len(days), name
        heights += [(float(c), y) for c, (_, y) in zip(expected[name], points, strict=True)]
        places += [(float(d.toordinal()), x) for d, (x, _) in zip(days, points, strict=True)]
        # Labelled directly: the rating's name and its last count at the line's end.
        (label,) = [" ".join(t.itertext()) for t in group.iter("text")]
        assert label == f"{name} {expected[name][-1]}"
    _affine(heights)
    _affine(places)
    assert max(heights)[1] < min(heights)[1], "a higher count is drawn higher"
    assert " id=" not in grades_page.split("```{table}")[0]


def test_the_ratings_chart_says_its_trend_in_words(ds: cs.Dataset, grades_page: str) -> None:
    sitebuild = _import("sitebuild")
    days = _days(sitebuild.coverage_day(ds))
    caption = re.search(r"<figcaption>(.*?)</figcaption>", grades_page, re.S)
    assert caption is not None
    for name, counts in _counts(ds, days).items():
        first, last = counts[0], counts[-1]
        verb = "rose" if last > first else "fell" if last < first else None
        said = f"{name} {verb} from {first} to {last}" if verb else f"{name} was {first}"
        assert said in caption[1], name
    assert f"From {days[0]} to {days[-1]}" in caption[1]
    # The chart comes before the table it draws, which stays on the page.
    assert grades_page.index("<svg ") < grades_page.index("```{table} Authorities at each")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratings_chart_is_told_apart_by_more_than_colour(grades_page: str) -> None:
    (svg,) = _svgs(grades_page)
    ground = next(svg.iter("rect")).get("fill")
    assert ground == "#fff"
    assert _contrast(svg.get("fill", ""), "#ffffff") >= 4.5
    styles = set()
    for group in svg.iter("g"):
        colour = group.get("stroke", "")
        # The names are written in the line's colour: text contrast, more than 3:1.
        assert _contrast(colour, "#ffffff") >= 4.5, group.get("data-rating")
        line, markers = list(group.iter("path"))[:2]
        shape = re.sub(r"[\d.\s-]+", "", markers.get("d", "").split("M")[1])
        styles.add((line.get("stroke-dasharray"), shape))
    assert len(styles) == len(list(svg.iter("g"))), "each line its own dash and marker"


def test_the_ratings_chart_scrolls_in_its_own_box_that_takes_the_focus(grades_page: str) -> None:
    """On a phone the chart keeps a readable size (CSS: at least 36rem wide) and scrolls
    sideways inside a box the keyboard can reach, not the page."""
    start = grades_page.index('<figure class="site-chart-wide">')
    box = re.search(r"<div ([^>]*)>\s*<svg", grades_page[start:])
    assert box is not None
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', box.group(1)))
    assert attributes["class"] == "site-chart-scroll"
    assert attributes["tabindex"] == "0" and attributes["role"] == "region"
    assert "ratings over time" in attributes["aria-label"]
    css = (Path(__file__).resolve().parent.parent / "docs" / "_static" / "site.css").read_text()
    assert re.search(r"\.site-chart-scroll svg \{[^}]*min-width: 36rem", css)
