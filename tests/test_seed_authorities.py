"""Invariants of the authority seed rows, read directly from ``seeds/`` with csv.

These tests do not use the library: they check the seed files as a maintainer
would, after applying the hand corrections of ``seeds/corrections/``. Expected
numbers come from the sources, not from the generator's output.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
AUTHORITY_TABLES = (
    "authorities",
    "authority_identifiers",
    "authority_aliases",
    "reorganisations",
    "statistical_neighbours",
)
ENGLISH_REGIONS = {
    "London",
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "South East",
    "South West",
}
# "In England, 153 LAs are responsible for ... social care services for children"
# (Ofsted, Methodology report: Local authority inspection outcomes as at 31 March
# 2024, published 30 August 2024); DOMAIN.md: "153 exist today"; the 2025 workbook's
# sheet Inspections_as_at_31_March lists 153 authorities.
CURRENT_AUTHORITIES = 153

Row = dict[str, str]


def read_table(table: str) -> list[Row]:
    rows: list[Row] = []
    for path in sorted((SEEDS / table).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                rows.append({**row, "_file": f"{table}/{path.name}:{line}"})
    return rows


def authorities() -> dict[str, Row]:
    """Authority rows by id, with ``corrections`` for table ``authorities`` applied."""
    merged: dict[str, Row] = {}
    for row in read_table("authorities"):
        assert row["id"] not in merged, f"duplicate authority id {row['id']} ({row['_file']})"
        merged[row["id"]] = row
    for correction in read_table("corrections"):
        if correction["table"] == "authorities":
            assert correction["id"] in merged, f"correction of unknown id: {correction['_file']}"
            merged[correction["id"]][correction["field"]] = correction["value"]
    return merged


def active_on(row: Row, day: str, start: str, end: str) -> bool:
    """Whether ``row`` is in force on ``day`` (ISO strings compare in date order)."""
    return (not row[start] or row[start] <= day) and (not row[end] or day <= row[end])


def source_ids() -> set[str]:
    return {row["id"] for row in read_table("sources")}


def test_153_current_authorities_in_england() -> None:
    current = [row for row in authorities().values() if not row["active_to"]]
    assert len(current) == CURRENT_AUTHORITIES
    assert all(row["region"] in ENGLISH_REGIONS for row in current)


def test_every_current_authority_has_an_english_ons_code() -> None:
    current = {key for key, row in authorities().items() if not row["active_to"]}
    ons = {
        row["authority"]
        for row in read_table("authority_identifiers")
        if row["scheme"] == "ons" and row["value"].startswith("E")
    }
    assert current <= ons


def test_dfe_numbers_unique_among_authorities_active_on_2024_01_01() -> None:
    day = "2024-01-01"
    active = {
        key for key, row in authorities().items() if active_on(row, day, "active_from", "active_to")
    }
    numbers = Counter(
        row["value"]
        for row in read_table("authority_identifiers")
        if row["scheme"] == "dfe"
        and row["authority"] in active
        and active_on(row, day, "valid_from", "valid_to")
    )
    assert numbers, "no DfE numbers found"
    assert [value for value, count in numbers.items() if count > 1] == []
    assert len(numbers) == CURRENT_AUTHORITIES


def test_reorganisations_link_existing_authorities_on_the_right_days() -> None:
    known = authorities()
    for row in read_table("reorganisations"):
        predecessor, successor = known.get(row["predecessor"]), known.get(row["successor"])
        assert predecessor is not None, row["_file"]
        assert successor is not None, row["_file"]
        # The predecessor's last day is the day before the successor takes over.
        assert predecessor["active_to"] and predecessor["active_to"] < row["date"], row["_file"]
        if successor["active_from"]:
            assert successor["active_from"] == row["date"], row["_file"]


def test_every_abolished_authority_has_a_successor() -> None:
    successors = {row["predecessor"] for row in read_table("reorganisations")}
    abolished = {key for key, row in authorities().items() if row["active_to"]}
    assert abolished == successors


def test_the_reorganisations_named_in_the_domain_are_recorded() -> None:
    # DOMAIN.md: Dorset and Bournemouth, Christchurch and Poole in 2019, Buckinghamshire
    # 2020, North and West Northamptonshire 2021, Cumberland and Westmorland and Furness
    # 2023, North Yorkshire and Somerset becoming unitary in 2023.
    links = {
        (row["predecessor"], row["successor"], row["date"][:4])
        for row in read_table("reorganisations")
    }
    assert {
        ("dorset-county", "dorset", "2019"),
        ("poole", "bournemouth-christchurch-and-poole", "2019"),
        ("buckinghamshire-county", "buckinghamshire", "2020"),
        ("northamptonshire", "north-northamptonshire", "2021"),
        ("northamptonshire", "west-northamptonshire", "2021"),
        ("cumbria", "cumberland", "2023"),
        ("cumbria", "westmorland-and-furness", "2023"),
        ("north-yorkshire-county", "north-yorkshire", "2023"),
        ("somerset-county", "somerset", "2023"),
    } <= links


@pytest.mark.parametrize("table", AUTHORITY_TABLES)
def test_every_row_cites_a_known_source(table: str) -> None:
    known = source_ids()
    rows = read_table(table)
    assert rows, f"no rows in seeds/{table}"
    missing = [row["_file"] for row in rows if row.get("source") not in known]
    assert missing == []


def test_authority_corrections_cite_known_sources_and_give_reasons() -> None:
    known = source_ids()
    for row in read_table("corrections"):
        if row["table"] == "authorities":
            assert row["source"] in known, row["_file"]
            assert row["reason"].strip(), row["_file"]


def test_identifiers_and_links_name_known_authorities() -> None:
    known = authorities()
    for table, columns in (
        ("authority_identifiers", ("authority",)),
        ("authority_aliases", ("authority",)),
        ("statistical_neighbours", ("authority", "neighbour")),
    ):
        for row in read_table(table):
            for column in columns:
                assert row[column] in known, row["_file"]


def test_statistical_neighbours_are_ten_distinct_ranked_authorities() -> None:
    # One list per file, grouping and authority (la_lookup.csv repeats the 2025 model).
    by_authority: dict[tuple[str, str, str], list[Row]] = {}
    for row in read_table("statistical_neighbours"):
        key = (row["_file"].partition(":")[0], row["grouping"], row["authority"])
        by_authority.setdefault(key, []).append(row)
    for (_, _, authority), rows in by_authority.items():
        assert sorted(int(row["rank"]) for row in rows) == list(range(1, 11)), authority
        neighbours = [row["neighbour"] for row in rows]
        assert len(set(neighbours)) == 10, authority
        assert authority not in neighbours


def test_sandwell_identifiers_match_the_seed_readme() -> None:
    # seeds/README.md gives Sandwell's ONS code E08000028 and Ofsted URN 80549;
    # DOMAIN.md gives Barnsley's DfE number 370, ONS code E08000016 and URN 80426.
    values = {
        (row["authority"], row["scheme"], row["value"])
        for row in read_table("authority_identifiers")
    }
    assert {
        ("sandwell", "ons", "E08000028"),
        ("sandwell", "ofsted_urn", "80549"),
        ("barnsley", "dfe", "370"),
        ("barnsley", "ons", "E08000016"),
        ("barnsley", "ofsted_urn", "80426"),
    } <= values


def test_shared_identifiers_split_at_the_reorganisation() -> None:
    # The DfE number and Ofsted URN continued from county council to unitary council.
    rows = read_table("authority_identifiers")
    for county, unitary, day in (
        ("north-yorkshire-county", "north-yorkshire", "2023-04-01"),
        ("somerset-county", "somerset", "2023-04-01"),
        ("buckinghamshire-county", "buckinghamshire", "2020-04-01"),
    ):
        for scheme in ("dfe", "ofsted_urn"):
            old = [row for row in rows if row["authority"] == county and row["scheme"] == scheme]
            new = [row for row in rows if row["authority"] == unitary and row["scheme"] == scheme]
            assert len(old) == len(new) == 1, (county, scheme)
            assert old[0]["value"] == new[0]["value"]
            assert old[0]["valid_to"] < day == new[0]["valid_from"]
