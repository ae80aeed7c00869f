"""Generate the authority seed rows from Data to Insight's LA lookup.

The lookup (``la-lookup.csv``, from the Data to Insight ``ofsted-ilacs-scrape-tool``
repository) has one row per upper-tier authority: Ofsted URN, DfE LA number, ONS
code, ten statistical neighbours, names, region and ONS type. This script turns it
into cited seed rows, one fact per row, each citing ``la-lookup.csv row N`` (N is the
file's line number, the header being line 1):

- ``seeds/sources/authorities.csv``: the sources these generated rows cite;
- ``seeds/authorities/la_lookup.csv``;
- ``seeds/authority_identifiers/la_lookup.csv``;
- ``seeds/authority_aliases/la_lookup.csv`` and ``seeds/authority_aliases/ofsted.csv``
  (names as the scrape tool spells them in report folder names and snapshots; a name
  already given, ignoring case, by another alias file is not repeated);
- ``seeds/statistical_neighbours/la_lookup.csv`` (the DfE's 2025 model as the lookup
  carries it: grouping ``dfe-2025``; ``tools/import_neighbours.py`` writes the DfE's
  own files).

Decisions the script makes, all documented in ``seeds/KNOWN_ISSUES.md``:

- ``kind`` comes from the ONS code prefix (E06 unitary, E08 metropolitan district,
  E09 London borough, E10 county), not from the lookup's ``ons_la_type``, which is
  wrong for Cumberland, Westmorland and Furness and North Yorkshire and missing for
  Northamptonshire and Poole. Where ``la_code_new`` is empty the ``ltla23cd`` column
  gives the code.
- The lookup's URNs for Cumbria, Northamptonshire and Poole are not Ofsted's (the
  official 2023 workbook links Cumbria and Poole to other URNs); they are skipped.
- The DfE number and Ofsted URN of Buckinghamshire, North Yorkshire and Somerset were
  also those of the county councils they replaced; those rows are hand-curated with
  validity dates in ``seeds/authority_identifiers/reorganisations.csv``.

Dates of reorganisation (``active_from``/``active_to``) are not in the lookup: they
are hand corrections in ``seeds/corrections/authorities.csv``, with their sources.

Run from the repository root::

    python tools/import_authorities.py [path/to/la-lookup.csv]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from childservices.model import Region
from childservices.records import TABLES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_csv import write_csv

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOOKUP = REPO_ROOT.parent / "shared" / "sources" / "la-lookup.csv"
DEFAULT_REPORTS = REPO_ROOT.parent / "shared" / "sources" / "ofsted-reports"
DEFAULT_SNAPSHOTS = REPO_ROOT.parent / "shared" / "sources" / "ilacs-summary-snapshots"
SEEDS = REPO_ROOT / "seeds"

LOOKUP_SOURCE = "d2i-la-lookup"
REPORTS_SOURCE = "d2i-ofsted-report-folders"
SNAPSHOTS_SOURCE = "d2i-ilacs-summary-snapshots"
REPOSITORY_URL = "https://github.com/data-to-insight/ofsted-ilacs-scrape-tool"
PUBLISHER = "Data to Insight"

SOURCES: tuple[dict[str, str], ...] = (
    {
        "id": LOOKUP_SOURCE,
        "title": (
            "LA lookup (la-lookup.csv: Ofsted URN, DfE LA number, ONS code, statistical "
            "neighbours, region, ONS type) of the ofsted-ilacs-scrape-tool repository, "
            "as collected in March 2025"
        ),
        "publisher": PUBLISHER,
        "published": "2025-03",
        "url": REPOSITORY_URL,
    },
    {
        "id": REPORTS_SOURCE,
        "title": (
            "Ofsted children's services inspection reports collected by the "
            "ofsted-ilacs-scrape-tool repository (export_data/inspection_reports, "
            "folders named <urn>_<authority name>), as collected in March 2025"
        ),
        "publisher": PUBLISHER,
        "published": "2025-03",
        "url": REPOSITORY_URL,
    },
    {
        "id": SNAPSHOTS_SOURCE,
        "title": (
            "ILACS summary table of the ofsted-ilacs-scrape-tool repository, daily "
            "snapshots 10 March 2025 to 29 June 2026 (local_authority column)"
        ),
        "publisher": PUBLISHER,
        "published": "2026-06-29",
        "url": REPOSITORY_URL,
    },
)

KIND_BY_PREFIX: dict[str, str] = {
    "E06": "unitary",
    "E08": "metropolitan_district",
    "E09": "london_borough",
    "E10": "county",
}
KIND_BY_ONS_TYPE: dict[str, str] = {
    "County": "county",
    "Metropolitan District": "metropolitan_district",
    "London Borough": "london_borough",
    "Unitary Authority": "unitary",
}
REGIONS: frozenset[str] = frozenset(region.value for region in Region)
SPECIAL_AUTHORITIES: dict[str, str] = {
    "city-of-london": (
        "The City of London Corporation is a special case, not a London borough; "
        "kind follows its E09 code."
    ),
    "isles-of-scilly": (
        "The Council of the Isles of Scilly is a special case; kind follows its E06 code."
    ),
}
# URN column values that are not Ofsted's provider reference for the authority
# (see seeds/KNOWN_ISSUES.md, "Authorities").
REJECTED_URNS: dict[str, str] = {
    "cumbria": "135513",
    "northamptonshire": "121939",
    "poole": "137316",
}
# Authorities whose DfE number and Ofsted URN were also their predecessor's:
# hand-curated with validity dates in authority_identifiers/reorganisations.csv.
SHARED_WITH_PREDECESSOR: frozenset[str] = frozenset(
    {"buckinghamshire", "north-yorkshire", "somerset"}
)

AUTHORITY_COLUMNS = TABLES["authorities"].file_columns
IDENTIFIER_COLUMNS = TABLES["authority_identifiers"].file_columns
ALIAS_COLUMNS = ("authority", "alias", "source", "locator")
NEIGHBOUR_COLUMNS = ("grouping", "authority", "neighbour", "rank", "source", "locator")
# The lookup's stat_neighbours are the DfE's 2025 model, list for list and in order
# (checked by tests/test_neighbours.py): its rows cite the lookup beside the DfE's file.
LOOKUP_GROUPING = "dfe-2025"
SOURCE_COLUMNS = TABLES["sources"].file_columns

Row = dict[str, str]


class LookupRow(NamedTuple):
    """One lookup row with the line number it was read from."""

    line: int
    fields: Row

    @property
    def locator(self) -> str:
        return f"la-lookup.csv row {self.line}"


def slug(name: str) -> str:
    """Return the authority id for a lookup name.

    >>> slug("Bristol, City of")
    'bristol'
    >>> slug("St. Helens")
    'st-helens'
    >>> slug("Bournemouth, Christchurch and Poole")
    'bournemouth-christchurch-and-poole'
    """
    name = re.sub(r",\s*City of$", "", name.strip())
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", " and ")).strip("-")


def read_lookup(path: Path) -> list[LookupRow]:
    """Read the lookup, keeping each row's line number (header is line 1)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return [LookupRow(line, dict(row)) for line, row in enumerate(reader, start=2)]


def ons_code(row: LookupRow) -> tuple[str, str]:
    """Return the row's ONS code and the column it came from."""
    for column in ("la_code_new", "ltla23cd"):
        code = row.fields[column].strip()
        if code:
            return code, column
    raise ValueError(f"{row.locator}: no ONS code")


def kind_of(row: LookupRow) -> tuple[str, str]:
    """Return the authority kind (from the code prefix) and a note if the lookup differs."""
    code, column = ons_code(row)
    kind = KIND_BY_PREFIX[code[:3]]
    ons_type = row.fields["ons_la_type"].strip()
    if not ons_type:
        return kind, f"kind from the {code[:3]} prefix of {column}; lookup has no ons_la_type"
    if KIND_BY_ONS_TYPE[ons_type] != kind:
        return kind, f"kind from the {code[:3]} prefix of {code}; lookup says {ons_type}"
    return kind, ""


def region_of(row: LookupRow) -> str:
    """Return the ONS region name in the seed vocabulary."""
    region = row.fields["region_name"].strip()
    if region.lower() == "yorkshire and the humber":
        region = "Yorkshire and The Humber"
    if region not in REGIONS:
        raise ValueError(f"{row.locator}: unknown region {region!r}")
    return region


def split_list(value: str) -> list[str]:
    """Split the lookup's list cells: ``"301, 302"`` or ``"[Bristol]"``."""
    return [item.strip() for item in value.strip().strip("[]").split(",") if item.strip()]


def also_known_as(row: LookupRow) -> list[str]:
    """Split ``also_known_as``; parts that together spell the authority's name are rejoined.

    The cell is a bracketed, comma-separated list whose names may themselves contain
    a comma: ``[BCP, Bournemouth, Christchurch & Poole]``.
    """
    authority = slug(row.fields["local_authority_ons_name"])
    parts = split_list(row.fields["also_known_as"])
    names: list[str] = []
    index = 0
    while index < len(parts):
        if index + 1 < len(parts) and slug(f"{parts[index]} {parts[index + 1]}") == authority:
            names.append(f"{parts[index]}, {parts[index + 1]}")
            index += 2
        else:
            names.append(parts[index])
            index += 1
    return names


def authority_rows(rows: Iterable[LookupRow]) -> Iterator[Row]:
    for row in rows:
        name = row.fields["local_authority_ons_name"].strip()
        authority = slug(name)
        kind, note = kind_of(row)
        notes = [text for text in (note, SPECIAL_AUTHORITIES.get(authority, "")) if text]
        yield {
            "id": authority,
            "name": name,
            "kind": kind,
            "region": region_of(row),
            "active_from": "",
            "active_to": "",
            "source": LOOKUP_SOURCE,
            "locator": row.locator,
            "note": "; ".join(notes),
        }


def identifier_rows(rows: Iterable[LookupRow]) -> Iterator[Row]:
    for row in rows:
        authority = slug(row.fields["local_authority_ons_name"])
        code, column = ons_code(row)
        values = [("dfe", row.fields["la_code"].strip(), "la_code")]
        values.append(("ons", code, column))
        values.append(("ofsted_urn", row.fields["urn"].strip(), "urn"))
        for scheme, value, from_column in values:
            if scheme == "ofsted_urn" and REJECTED_URNS.get(authority) == value:
                continue
            if scheme != "ons" and authority in SHARED_WITH_PREDECESSOR:
                continue
            yield {
                "authority": authority,
                "scheme": scheme,
                "value": value,
                "valid_from": "",
                "valid_to": "",
                "source": LOOKUP_SOURCE,
                "locator": f"{row.locator}, {from_column}",
                "note": "",
            }


def alias_rows(rows: Sequence[LookupRow]) -> Iterator[Row]:
    """Aliases from ``also_known_as`` and the ONS upper-tier name ``utla23nm``.

    A ``utla23nm`` that is another authority's name is skipped: the lookup gives
    Cumberland and Westmorland and Furness the old county's name, Cumbria.
    """
    names = {row.fields["local_authority_ons_name"].strip().casefold() for row in rows}
    for row in rows:
        name = row.fields["local_authority_ons_name"].strip()
        authority = slug(name)
        seen = {name.casefold()}
        candidates = [(alias, "also_known_as") for alias in also_known_as(row)]
        utla = row.fields["utla23nm"].strip()
        if utla.casefold() not in names:
            candidates.append((utla, "utla23nm"))
        for alias, column in candidates:
            if not alias or alias.casefold() in seen:
                continue
            seen.add(alias.casefold())
            yield {
                "authority": authority,
                "alias": alias,
                "source": LOOKUP_SOURCE,
                "locator": f"{row.locator}, {column}",
            }


def neighbour_rows(rows: Sequence[LookupRow]) -> Iterator[Row]:
    by_dfe = {row.fields["la_code"].strip(): row for row in rows}
    for row in rows:
        authority = slug(row.fields["local_authority_ons_name"])
        for rank, dfe in enumerate(split_list(row.fields["stat_neighbours"]), start=1):
            neighbour = by_dfe[dfe]
            yield {
                "grouping": LOOKUP_GROUPING,
                "authority": authority,
                "neighbour": slug(neighbour.fields["local_authority_ons_name"]),
                "rank": str(rank),
                "source": LOOKUP_SOURCE,
                "locator": f"{row.locator}, stat_neighbours position {rank} (DfE {dfe})",
            }


def ofsted_alias_rows(
    rows: Sequence[LookupRow], reports: Path, snapshots: Path, known: Iterable[Row]
) -> Iterator[Row]:
    """Names as spelled in report folder names and in the snapshots' local_authority."""
    by_urn = {row.fields["urn"].strip(): row for row in rows}
    seen = {(row["authority"], row["alias"].casefold()) for row in known}
    for row in rows:
        seen.add(
            (
                slug(row.fields["local_authority_ons_name"]),
                row.fields["local_authority_ons_name"].strip().casefold(),
            )
        )
    found: list[tuple[str, str, str, str]] = []
    if reports.is_dir():
        for folder in sorted(path.name for path in reports.iterdir() if path.is_dir()):
            urn, _, alias = folder.partition("_")
            found.append((urn, alias, REPORTS_SOURCE, f"export_data/inspection_reports/{folder}"))
    if snapshots.is_dir():
        for snapshot in sorted(snapshots.glob("*.csv")):
            with snapshot.open(encoding="utf-8-sig", newline="") as handle:
                for line, record in enumerate(csv.DictReader(handle), start=2):
                    found.append(
                        (
                            record["urn"].strip(),
                            record["local_authority"].strip(),
                            SNAPSHOTS_SOURCE,
                            f"{snapshot.name} row {line}, local_authority",
                        )
                    )
    for urn, alias, source, locator in found:
        authority = slug(by_urn[urn].fields["local_authority_ons_name"])
        if not alias or (authority, alias.casefold()) in seen:
            continue
        seen.add((authority, alias.casefold()))
        yield {"authority": authority, "alias": alias, "source": source, "locator": locator}


def hand_aliases(folder: Path, generated: Iterable[str]) -> list[Row]:
    """Alias rows kept by hand in ``folder`` (every file this script does not write)."""
    rows: list[Row] = []
    for path in sorted(folder.glob("*.csv")):
        if path.name not in generated:
            with path.open(encoding="utf-8", newline="") as handle:
                rows.extend(csv.DictReader(handle))
    return rows


def check_unique(rows: Sequence[LookupRow]) -> None:
    """Fail loudly if two lookup rows would get the same id, DfE number or URN."""
    for column in ("local_authority_ons_name", "la_code", "urn"):
        values = [
            slug(r.fields[column]) if column.endswith("name") else r.fields[column] for r in rows
        ]
        duplicates = {value for value in values if values.count(value) > 1}
        if duplicates:
            raise ValueError(f"duplicate {column} in lookup: {sorted(duplicates)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lookup", nargs="?", type=Path, default=DEFAULT_LOOKUP)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--snapshots", type=Path, default=DEFAULT_SNAPSHOTS)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)

    rows = read_lookup(args.lookup)
    check_unique(rows)
    seeds: Path = args.seeds
    aliases = list(alias_rows(rows))
    counts = {
        "sources/authorities.csv": write_csv(
            seeds / "sources" / "authorities.csv", SOURCE_COLUMNS, SOURCES
        ),
        "authorities/la_lookup.csv": write_csv(
            seeds / "authorities" / "la_lookup.csv", AUTHORITY_COLUMNS, authority_rows(rows)
        ),
        "authority_identifiers/la_lookup.csv": write_csv(
            seeds / "authority_identifiers" / "la_lookup.csv",
            IDENTIFIER_COLUMNS,
            identifier_rows(rows),
        ),
        "authority_aliases/la_lookup.csv": write_csv(
            seeds / "authority_aliases" / "la_lookup.csv", ALIAS_COLUMNS, aliases
        ),
        "authority_aliases/ofsted.csv": write_csv(
            seeds / "authority_aliases" / "ofsted.csv",
            ALIAS_COLUMNS,
            ofsted_alias_rows(
                rows,
                args.reports,
                args.snapshots,
                aliases
                + hand_aliases(seeds / "authority_aliases", ("la_lookup.csv", "ofsted.csv")),
            ),
        ),
        "statistical_neighbours/la_lookup.csv": write_csv(
            seeds / "statistical_neighbours" / "la_lookup.csv",
            NEIGHBOUR_COLUMNS,
            neighbour_rows(rows),
        ),
    }
    for name, count in counts.items():
        print(f"{count:5d} rows  seeds/{name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
