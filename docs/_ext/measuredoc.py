"""Sphinx extension: write the official statistics' reference pages before each build.

``docs/measures.md`` includes ``_generated/measures.md``: one section per
measure of the vocabulary (:meth:`childservices.Dataset.measures_vocabulary`),
each with every field its record holds (id, name, definition, unit, the day
its years end, release, file, column, ...), the release's title, address and
publication date where the record gives one, the years it has and how many
figures it has for local authorities, with a value or not published (by the
release's reason), and for England and the regions. ``docs/explanation/limits.md``
includes ``_generated/measure-lineage.md``: the years of figures of every
council that was reorganised, by release.

Nothing here names a measure or a field: a measure, or a field of
:class:`~childservices.model.measure.Measure`, added to the record appears
on the next build without an edit.
"""

from __future__ import annotations

import collections
import enum
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pagewrite

import childservices as cs
from childservices.model import Measure, NotPublished, Observation, YearEnd

FOLDER = Path("_generated")

LABELS = {
    "year_ends": "year ends",
    "release": "release",
    "file": "file",
    "column": "column",
    "breakdown": "rows",
    "derived": "derived",
    "citations": "definition from",
}
"""How the page names a field of a measure (others: the field's name with spaces)."""

SKIPPED = ("id", "name", "definition")
"""Fields the section shows in its heading and first paragraph."""

REASONS = {
    NotPublished.SUPPRESSED: "suppressed",
    NotPublished.NOT_APPLICABLE: "not applicable",
    NotPublished.LOW: "low",
    NotPublished.NOT_AVAILABLE: "not available",
    NotPublished.LOW_RELIABILITY: "low reliability",
}


def _cell(value: object) -> str:
    text = " ".join(str(value).split())
    return text.replace("|", "\\|")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    return pagewrite.pipe_table(header, rows, _cell)


def _year_end(value: YearEnd) -> str:
    day = value.day(2001)
    return f"{day.day} {day:%B}"


def _years(years: Iterable[int]) -> str:
    """Years as runs: ``2013-2019, 2021``."""
    ordered = sorted(set(years))
    if not ordered:
        return "none"
    runs: list[list[int]] = [[ordered[0], ordered[0]]]
    for year in ordered[1:]:
        if year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _release(ds: cs.Dataset, source_id: str) -> str:
    try:
        source = ds.source(source_id)
    except cs.UnknownRecordError:
        return f"`{source_id}` (not a source of the record)"
    parts = [f"{source.title} (`{source.id}`)"]
    if source.url:
        parts.append(f"<{source.url}>")
    parts.append(
        f"published {source.published}" if source.published else "publication date not recorded"
    )
    return "; ".join(parts)


def _value(ds: cs.Dataset, field: str, value: Any) -> str:
    if field == "release":
        return _release(ds, value)
    if isinstance(value, YearEnd):
        return _year_end(value)
    if isinstance(value, enum.Enum):
        return f"`{value.value}`"
    if field == "citations":
        return "; ".join(f"`{c.source}`" + (f", {c.locator}" if c.locator else "") for c in value)
    if field in ("file", "column", "breakdown"):
        return f"`{value}`"
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def _not_published(observations: Sequence[Observation]) -> str:
    reasons = collections.Counter(
        o.value for o in observations if isinstance(o.value, NotPublished)
    )
    if not reasons:
        return "none"
    return ", ".join(
        f"{n} {REASONS.get(r, r.name.lower())} (`{r.value}`)"
        for r, n in sorted(reasons.items(), key=lambda item: item[0].value)
    )


def _label(measure: Measure) -> str:
    """The page's target for a measure's section."""
    return "measure-" + measure.id.replace("_", "-")


def _counts(figures: Sequence[Observation]) -> tuple[int, int]:
    return len(figures), sum(o.published for o in figures)


def measure_section(ds: cs.Dataset, measure: Measure) -> list[str]:
    """One measure: its fields, then its figures counted."""
    found = ds.measure(measure.id)
    every = (*found.authorities, *found.regions, *found.national)
    rows: list[tuple[str, str]] = []
    for field in attrs.fields(Measure):
        value = getattr(measure, field.name)
        if field.name in SKIPPED or value is None or value == ():
            continue
        rows.append(
            (LABELS.get(field.name, field.name.replace("_", " ")), _value(ds, field.name, value))
        )
    authorities, published = _counts(found.authorities)
    per_year = collections.Counter(o.year for o in found.authorities)
    rows.extend(
        [
            ("years", _years(o.year for o in every)),
            (
                "local authority figures",
                f"{authorities} authority-years ({len(set(o.authority for o in found.authorities))}"
                f" authorities): {published} with a value",
            ),
            ("not published", _not_published(found.authorities)),
            (
                "authorities a year",
                "; ".join(f"{y}: {n}" for y, n in sorted(per_year.items())) or "none",
            ),
            (
                "England and the regions",
                f"{len(found.national)} national figures ({sum(o.published for o in found.national)}"
                f" with a value), {len(found.regions)} regional"
                f" ({sum(o.published for o in found.regions)} with a value)",
            ),
        ]
    )
    return [
        f"({_label(measure)})=",
        f"## `{measure.id}`: {measure.name}",
        "",
        measure.definition,
        "",
        *_table(["", ""], rows),
    ]


def measures_page(ds: cs.Dataset) -> list[str]:
    """The summary table of every measure, then a section for each."""
    vocabulary = ds.measures_vocabulary()
    summary = []
    for measure in vocabulary:
        found = ds.measure(measure.id)
        every = (*found.authorities, *found.regions, *found.national)
        authorities, published = _counts(found.authorities)
        summary.append(
            (
                f"{{ref}}`{measure.id} <{_label(measure)}>`",
                measure.name,
                f"`{measure.unit.value}`",
                _year_end(measure.year_ends),
                _years(o.year for o in every),
                f"{published} of {authorities}",
            )
        )
    releases = sorted({m.release for m in vocabulary})
    lines = [
        f"The record (data version `{ds.data_version}`) holds {len(vocabulary)} measures from"
        f" {len(releases)} releases. A figure's year is named by the year its last day falls"
        ' in ("year ends"): 2025 is the year ending 31 March 2025, or for the workforce'
        ' census 30 September 2025. "Authority-years with a value" counts the local'
        " authorities' figures that are numbers, of all their figures in the record; the rest"
        " are not published, each with the release's reason.",
        "",
        *_table(
            ["measure", "name", "unit", "year ends", "years", "authority-years with a value"],
            summary,
        ),
    ]
    for measure in vocabulary:
        lines.extend(measure_section(ds, measure))
    return lines


def lineage_page(ds: cs.Dataset) -> list[str]:
    """Every reorganised council's years of figures, by release."""
    vocabulary = ds.measures_vocabulary()
    releases = sorted({m.release for m in vocabulary})
    of_release = {m.id: m.release for m in vocabulary}
    councils: dict[str, None] = {}
    for step in sorted(ds.records.reorganisations, key=lambda r: (str(r.date), r.predecessor)):
        councils.setdefault(step.predecessor)
        councils.setdefault(step.successor)
    rows = []
    for authority_id in councils:
        view = ds.authority(authority_id)
        years: dict[str, set[int]] = collections.defaultdict(set)
        for observation in view.measures():
            years[of_release[observation.measure]].add(observation.year)
        if not years:
            continue
        rows.append(
            (
                view.name,
                "; ".join(
                    part
                    for part in (
                        f"from {view.active_from}" if view.active_from else "",
                        f"until {view.active_to}" if view.active_to else "",
                    )
                    if part
                ),
                *(_years(years[r]) if years[r] else "none" for r in releases),
            )
        )
    return [
        "The years with figures in the record of each council that a reorganisation abolished"
        " or created (councils abolished before the first year of any file have none and are"
        " left out), by release:",
        "",
        *_table(["council", "existed", *(f"`{r}`" for r in releases)], rows),
    ]


def not_published_page(ds: cs.Dataset) -> list[str]:
    """The local authorities' figures given no number, by the release's reason: how many, and
    the authorities and years they are of."""
    found: dict[NotPublished, dict[str, collections.Counter[int]]] = collections.defaultdict(
        lambda: collections.defaultdict(collections.Counter)
    )
    measures: dict[NotPublished, set[str]] = collections.defaultdict(set)
    for measure in ds.measures_vocabulary():
        for observation in ds.measure(measure.id).authorities:
            if isinstance(observation.value, NotPublished) and observation.authority:
                found[observation.value][observation.authority][observation.year] += 1
                measures[observation.value].add(measure.id)
    rows = []
    for reason in sorted(found, key=lambda r: -sum(sum(c.values()) for c in found[r].values())):
        places = sorted(found[reason].items(), key=lambda item: (-sum(item[1].values()), item[0]))
        rows.append(
            (
                f"{REASONS.get(reason, reason.name.lower())} (`{reason.value}`)",
                sum(sum(c.values()) for c in found[reason].values()),
                len(measures[reason]),
                "; ".join(
                    f"{ds.authority(a).name} ({_years(c)}: {sum(c.values())})" for a, c in places
                ),
            )
        )
    return [
        "The local authorities' figures that the files give no number for, by the release's"
        " reason, with the authorities, the years and how many figures:",
        "",
        *_table(["reason", "figures", "measures", "authorities (years: figures)"], rows),
    ]


PAGES = {
    "measures.md": measures_page,
    "measure-lineage.md": lineage_page,
    "measure-not-published.md": not_published_page,
}
"""File name -> the function computing its Markdown lines."""


def generate(docs_dir: Path) -> list[Path]:
    """Write every page into ``docs_dir/_generated``; return the files."""
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    ds = cs.load(updates=False)
    return pagewrite.write_pages(folder, PAGES, ds)


def setup(app: Any) -> dict[str, Any]:
    return pagewrite.setup_generator(app, generate)
