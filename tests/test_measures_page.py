"""The measures reference page (``docs/_ext/measuredoc.py``) is written from the record: it
lists every measure of the seed vocabulary, and its counts of figures agree with the seed rows,
read here with the ``csv`` module."""

from __future__ import annotations

import collections
import csv
import importlib
import re
import sys
from pathlib import Path
from types import ModuleType

import childservices as cs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SYMBOLS = {"c", "z", "k", "x", "u"}


def _extension() -> ModuleType:
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        return importlib.import_module("measuredoc")
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))


def _rows(folder: str) -> list[dict[str, str]]:
    rows = []
    for path in sorted((SEEDS / folder).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


def _page() -> str:
    return "\n".join(_extension().measures_page(cs.load()))


def test_the_page_has_a_section_for_every_measure_of_the_seeds() -> None:
    page = _page()
    ids = [row["id"] for row in _rows("measures")]
    assert ids
    headings = re.findall(r"^## `([a-z0-9_]+)`: ", page, re.M)
    assert sorted(headings) == sorted(ids) and len(set(headings)) == len(headings)
    for row in _rows("measures"):
        assert f"## `{row['id']}`: {row['name']}\n\n{row['definition']}\n" in page


def test_the_counts_agree_with_the_seed_rows() -> None:
    page = _page()
    total: collections.Counter[str] = collections.Counter()
    published: collections.Counter[str] = collections.Counter()
    reasons: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    years: dict[str, set[int]] = collections.defaultdict(set)
    for row in _rows("observations"):
        years[row["measure"]].add(int(row["year"]))
        if row["level"] != "local_authority":
            continue
        total[row["measure"]] += 1
        if row["value"] in SYMBOLS:
            reasons[row["measure"]][row["value"]] += 1
        else:
            published[row["measure"]] += 1
    assert total
    for measure, count in total.items():
        label = measure.replace("_", "-")
        summary = re.search(
            rf"^\| {{ref}}`{measure} <measure-{label}>` \|.*\| (.*) \|$", page, re.M
        )
        assert summary is not None, measure
        assert summary.group(1) == f"{published[measure]} of {count}"
        section = page.split(f"## `{measure}`: ")[1].split("\n## ")[0]
        assert f"| local authority figures | {count} authority-years" in section
        for symbol, n in reasons[measure].items():
            assert re.search(rf"\b{n} [a-z ]+ \(`{symbol}`\)", section), (measure, symbol)
        if not reasons[measure]:
            assert "| not published | none |" in section
        first, last = min(years[measure]), max(years[measure])
        if len(years[measure]) == last - first + 1:
            assert f"| years | {first}-{last} |" in section


def test_every_reorganised_council_with_figures_is_in_the_lineage_table() -> None:
    page = "\n".join(_extension().lineage_page(cs.load()))
    ds = cs.load()
    with_figures = {row["authority"] for row in _rows("observations") if row["authority"]}
    for row in _rows("reorganisations"):
        for authority in (row["predecessor"], row["successor"]):
            name = ds.authority(authority).name
            assert (f"\n| {name} |" in page) == (authority in with_figures), name


def test_the_figures_not_published_agree_with_the_seed_rows() -> None:
    page = "\n".join(_extension().not_published_page(cs.load()))
    counts = collections.Counter(
        row["value"]
        for row in _rows("observations")
        if row["level"] == "local_authority" and row["value"] in SYMBOLS
    )
    assert counts
    for symbol, n in counts.items():
        assert re.search(rf"^\| [a-z ]+ \(`{symbol}`\) \| {n} \|", page, re.M), symbol
    assert len(re.findall(r"^\| [a-z ]+ \(`[a-z]`\) \|", page, re.M)) == len(counts)
