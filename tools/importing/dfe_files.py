"""Reading the DfE's tidy statistics files into observation rows, one cited row per figure.

Each measure of ``seeds/measures/`` names its file, column and breakdown
(``column=value; column=value``: the filter that leaves one row per place
and year). A figure's numerator and denominator, where the release gives
them, are other columns of the same row or the same column of a partner row
(the "Total" row of the same group); :data:`PARTS` says which.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from childservices.model import GeographicLevel, NotPublished, StatisticalRegion, YearEnd
from childservices.model.measure import observation_id, place_key
from importing.dfe_lineage import JOINT_RETURNS, Lineage, LineageError, NotInExistence

__all__ = [
    "PARTS",
    "Part",
    "Row",
    "Spec",
    "breakdown_filter",
    "figure",
    "observation_rows",
    "read_rows",
]

LEVELS = {
    "National": GeographicLevel.NATIONAL,
    "Regional": GeographicLevel.REGIONAL,
    "Local authority": GeographicLevel.LOCAL_AUTHORITY,
}
SYMBOLS = {member.value for member in NotPublished}
WORDS = {"low": NotPublished.LOW.value}
"""Symbols some files write as words (the workforce file's ``low`` is the symbol ``k``)."""


@dataclass(frozen=True)
class Part:
    """Where a rate's numerator and denominator are: a column of the same row, or
    ``column@column=value`` (that column of the row of the same group whose ``column``
    has ``value``)."""

    numerator: str
    denominator: str


PARTS = {
    "rereferral_percent": Part("rereferral_count", "referral_count"),
    "cpp_second_or_later_percent": Part("CPP_subsequent", "CPP_start"),
    "cla_rate_per_10000": Part("children_count", "population_estimate"),
    "cla_starting_rate_per_10000": Part("children_count", "population_estimate"),
    "cla_ceasing_rate_per_10000": Part("children_count", "population_estimate"),
    "placements_three_or_more_percent": Part(
        "children_count", "children_count@placement_stability=Total children"
    ),
    "same_carer_two_years_percent": Part(
        "children_count", "children_count@placement_stability=Total children"
    ),
    "care_leavers_eet_17_18_percent": Part(
        "care_leaver_count", "care_leaver_count@breakdown=Total"
    ),
    "care_leavers_eet_19_21_percent": Part(
        "care_leaver_count", "care_leaver_count@breakdown=Total"
    ),
    "caseload_fte": Part("cases", "case_holders_fte"),
}
"""The numerator and denominator of each rate the release gives them for."""


@dataclass(frozen=True)
class Row:
    """One row of a file, with its number as a spreadsheet counts (the header is row 1)."""

    number: int
    cells: dict[str, str]


def read_rows(path: Path) -> list[Row]:
    """Every row of a tidy CSV file (a byte-order mark is dropped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [Row(n, row) for n, row in enumerate(csv.DictReader(handle), start=2)]


def breakdown_filter(breakdown: str) -> dict[str, str]:
    """``column=value; column=value`` as a mapping."""
    pairs = [part.split("=", 1) for part in breakdown.split("; ") if part]
    return {column.strip(): value for column, value in pairs}


def figure(text: str, where: str) -> str:
    """A cell as a seed value: a number as written, or a release's symbol; else an error."""
    cell = text.strip()
    if cell in SYMBOLS:
        return cell
    if cell in WORDS:
        return WORDS[cell]
    try:
        float(cell)
    except ValueError:
        raise LineageError(f"{where}: {text!r} is neither a number nor a symbol") from None
    return cell


def _part(text: str) -> str:
    """A numerator or denominator cell: its number, or empty when not published."""
    cell = text.strip()
    return "" if cell in SYMBOLS or cell in WORDS or not cell else cell


@dataclass(frozen=True)
class Spec:
    """What the import needs of one measure of the vocabulary."""

    id: str
    file: str
    column: str
    breakdown: dict[str, str]
    year_ends: YearEnd
    release: str


def _place(row: Row, spec: Spec, lineage: Lineage, where: str) -> tuple[str, str, str, str] | None:
    """The row's level, authority and region (seed values) and place key, or ``None`` for a
    joint return."""
    cells = row.cells
    level = LEVELS.get(cells["geographic_level"])
    if level is None:
        raise LineageError(f"{where}: geographic_level {cells['geographic_level']!r}")
    if level is GeographicLevel.NATIONAL:
        return level.value, "", "", place_key(level, None, None)
    if level is GeographicLevel.REGIONAL:
        region = StatisticalRegion(cells["region_name"])
        return level.value, "", region.value, place_key(level, None, region)
    codes = (cells["old_la_code"], cells["new_la_code"])
    if codes in JOINT_RETURNS:
        return None
    day = spec.year_ends.day(int(cells["time_period"]))
    authority = lineage.authority(*codes, day, where)
    return level.value, authority, "", authority


def _partner_key(row: Row) -> tuple[str, ...]:
    """A row's place and year: what a rate's row and its total's row share."""
    keep = ("time_period", "geographic_level", "region_name", "old_la_code", "new_la_code")
    return tuple(row.cells[k] for k in keep)


def observation_rows(
    spec: Spec, rows: list[Row], lineage: Lineage, skipped: list[str]
) -> Iterator[dict[str, str]]:
    """The observation seed rows of one measure from its file's rows; joint returns are
    named in ``skipped``."""
    part = PARTS.get(spec.id)
    partners: dict[tuple[str, ...], Row] = {}
    if part is not None and "@" in part.denominator:
        column, wanted = part.denominator.split("@", 1)[1].split("=", 1)
        filters = {**spec.breakdown, column: wanted}
        for row in rows:
            if all(row.cells.get(k) == v for k, v in filters.items()):
                partners[_partner_key(row)] = row
    for row in rows:
        if not all(row.cells.get(k) == v for k, v in spec.breakdown.items()):
            continue
        where = f"{spec.file} row {row.number}"
        try:
            place = _place(row, spec, lineage, where)
        except NotInExistence as exc:
            if figure(row.cells[spec.column], where) not in SYMBOLS:
                raise LineageError(f"{exc}, yet the row gives a figure") from None
            skipped.append(f"{exc} ({spec.id}: {row.cells[spec.column]}, no figure)")
            continue
        if place is None:
            skipped.append(f"{where} ({spec.id}): joint return of {row.cells['la_name']}")
            continue
        level, authority, region, key = place
        year = int(row.cells["time_period"])
        found = {
            "id": observation_id(spec.id, year, key),
            "measure": spec.id,
            "year": str(year),
            "level": level,
            "authority": authority,
            "region": region,
            "value": figure(row.cells[spec.column], f"{where}, {spec.column}"),
            "source": spec.release,
            "locator": where,
        }
        if part is not None:
            found["numerator"] = _part(row.cells[part.numerator])
            found.update(_denominator(part, row, partners, where))
        yield found


def _denominator(
    part: Part, row: Row, partners: dict[tuple[str, ...], Row], where: str
) -> dict[str, str]:
    if "@" not in part.denominator:
        return {"denominator": _part(row.cells[part.denominator])}
    column = part.denominator.split("@", 1)[0]
    partner = partners.get(_partner_key(row))
    if partner is None:
        raise LineageError(f"{where}: no row of the total ({part.denominator}) for this place")
    return {
        "denominator": _part(partner.cells[column]),
        "locator": f"{where}; denominator row {partner.number}",
    }
