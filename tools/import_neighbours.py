"""Generate the statistical neighbour seed rows from the DfE's two groupings.

Reads ``../shared/sources/dfe-statistics/New_Statistical_Neighbour_Groupings_April_2021.csv``
(the 2021 groupings) and ``sn_model_2025_wide.csv`` (the 2025 model), one row per
authority with ten neighbours (DfE LA numbers) and each one's closeness, and writes:

- ``seeds/sources/dfe_neighbours.csv``: the two files as sources;
- ``seeds/statistical_neighbours/dfe_2021.csv`` and ``dfe_2025.csv``: one row per
  (grouping, authority, neighbour) with the rank and closeness the file gives, cited
  ``<file> row N, SNk`` (N the file's line number, header = 1).

Each DfE number is resolved to the authority that held it on the grouping's first
day in force (``seeds/authority_identifiers``; a number held by one authority only is
that authority's whenever it held it): in the 2021 file 815 is North Yorkshire County
Council and 933 Somerset County Council, which held those numbers in April 2021;
835, 836, 837 and 928 (the file's "Old SNs" section: Dorset, Poole and Bournemouth
before 2019, Northamptonshire) are the abolished councils.

The days each grouping was in force come from Data to Insight's daily summary
snapshots (``ilacs-summary-snapshots``), whose ``stat_neighbours`` column shows the
list in use: the 2021 groupings from April 2021 (the file's own date) to the last
snapshot whose lists are the 2021 file's (as sets: the snapshots order them
differently), the 2025 model from the first snapshot whose lists are the 2025 file's,
with no end known. The script finds both days and fails if the snapshots do not
switch exactly once.

Run from the repository root::

    python tools/import_neighbours.py
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_csv import write_csv

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared" / "sources"
DFE = SHARED / "dfe-statistics"
SEEDS = REPO_ROOT / "seeds"
REPOSITORY = "https://github.com/dfe-analytical-services/CSC_outcomes_and_enablers"

COLUMNS = (
    "grouping",
    "authority",
    "neighbour",
    "rank",
    "closeness",
    "in_force_from",
    "in_force_to",
    "source",
    "locator",
    "note",
)
SOURCE_COLUMNS = ("id", "title", "publisher", "published", "url")


class Grouping(NamedTuple):
    """One DfE file: its grouping id, source id, file name, date and column layout."""

    id: str
    source: str
    file: str
    published: str
    title: str
    first_neighbour_column: int


GROUPINGS = (
    Grouping(
        "dfe-2021",
        "dfe-sn-groupings-2021",
        "New_Statistical_Neighbour_Groupings_April_2021.csv",
        "2021-04",
        "New statistical neighbour groupings, April 2021 (each authority's ten children's "
        "services statistical neighbours and their closeness), as committed in the DfE's "
        "CSC_outcomes_and_enablers repository",
        5,
    ),
    Grouping(
        "dfe-2025",
        "dfe-sn-model-2025",
        "sn_model_2025_wide.csv",
        "2025",
        "Statistical neighbour model 2025, wide form (each authority's ten children's "
        "services statistical neighbours and their closeness), as committed in the DfE's "
        "CSC_outcomes_and_enablers repository (data-raw/)",
        4,
    ),
)


class FileRow(NamedTuple):
    """One authority's row of a grouping file."""

    line: int
    code: str
    name: str
    neighbours: tuple[tuple[str, str], ...]  # (DfE number, closeness as written)


def read_grouping(path: Path, first: int) -> list[FileRow]:
    """The file's authority rows (blank and heading lines skipped), with line numbers."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, cells in enumerate(csv.reader(handle), start=1):
            if line == 1 or not cells or not cells[0].strip():
                continue
            pairs = tuple(
                (cells[first + 2 * i].strip(), cells[first + 2 * i + 1].strip()) for i in range(10)
            )
            rows.append(FileRow(line, cells[0].strip(), cells[1].strip(), pairs))
    return rows


def dfe_holders(seeds: Path) -> dict[str, list[dict[str, str]]]:
    """Every authority that held each DfE number, with the dates it held it."""
    holders: dict[str, list[dict[str, str]]] = {}
    for path in sorted((seeds / "authority_identifiers").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["scheme"] == "dfe":
                    holders.setdefault(row["value"], []).append(row)
    return holders


def resolve(code: str, on: str, holders: dict[str, list[dict[str, str]]]) -> str:
    """The authority holding DfE number ``code`` on ``on`` (ISO, month or day precision)."""
    rows = {r["authority"]: r for r in holders.get(code, [])}
    if len(rows) == 1:
        return next(iter(rows))
    valid = [
        a
        for a, r in rows.items()
        if (not r["valid_from"] or r["valid_from"] <= on)
        and (not r["valid_to"] or on <= r["valid_to"])
    ]
    if len(valid) != 1:
        raise SystemExit(f"DfE number {code}: {len(valid)} authorities hold it on {on}")
    return valid[0]


def snapshot_lists(folder: Path) -> dict[str, dict[str, list[str]]]:
    """Each snapshot's lists: day -> DfE number -> neighbours' numbers, in order."""
    found = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            found[path.stem] = {
                r["la_code"].strip(): [c.strip() for c in r["stat_neighbours"].split(",") if c]
                for r in csv.DictReader(handle)
            }
    return found


def switch_days(
    snapshots: dict[str, dict[str, list[str]]], old: list[FileRow], new: list[FileRow]
) -> tuple[str, str]:
    """The last snapshot day with the old lists (as sets) and the first with the new ones."""
    old_sets = {r.code: {c for c, _ in r.neighbours} for r in old}
    new_lists = {r.code: [c for c, _ in r.neighbours] for r in new}

    def which(lists: dict[str, list[str]]) -> str | None:
        if all(new_lists.get(k) == v for k, v in lists.items()):
            return "new"
        shared = [k for k in lists if k in old_sets]
        if shared and all(old_sets[k] == set(lists[k]) for k in shared):
            return "old"
        return None

    kinds = [(day, which(lists)) for day, lists in sorted(snapshots.items())]
    if any(kind is None for _, kind in kinds):
        raise SystemExit(f"snapshots matching neither file: {[d for d, k in kinds if k is None]}")
    order = [kind for _, kind in kinds]
    if order != sorted(order, key=lambda k: k == "new") or "old" not in order or "new" not in order:
        raise SystemExit("the snapshots do not switch once from the 2021 lists to the 2025 model")
    last_old = max(day for day, kind in kinds if kind == "old")
    first_new = min(day for day, kind in kinds if kind == "new")
    return last_old, first_new


def neighbour_rows(
    grouping: Grouping,
    rows: Sequence[FileRow],
    period: tuple[str, str],
    holders: dict[str, list[dict[str, str]]],
) -> Iterator[dict[str, str]]:
    """One seed row per neighbour of each authority of the file."""
    on = period[0] if len(period[0]) == 10 else f"{period[0]}-01"
    for row in rows:
        authority = resolve(row.code, on, holders)
        for rank, (code, closeness) in enumerate(row.neighbours, start=1):
            yield {
                "grouping": grouping.id,
                "authority": authority,
                "neighbour": resolve(code, on, holders),
                "rank": str(rank),
                "closeness": closeness.lower(),
                "in_force_from": period[0],
                "in_force_to": period[1],
                "source": grouping.source,
                "locator": f"{grouping.file} row {row.line} ({row.name}), SN{rank} (DfE {code})",
                "note": "",
            }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dfe", type=Path, default=DFE)
    parser.add_argument("--snapshots", type=Path, default=SHARED / "ilacs-summary-snapshots")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)
    seeds: Path = args.seeds
    old, new = (read_grouping(args.dfe / g.file, g.first_neighbour_column) for g in GROUPINGS)
    last_old, first_new = switch_days(snapshot_lists(args.snapshots), old, new)
    holders = dfe_holders(seeds)
    periods = {"dfe-2021": (GROUPINGS[0].published, last_old), "dfe-2025": (first_new, "")}
    sources = [
        {
            "id": g.source,
            "title": f"{g.title} ({g.file})",
            "publisher": "Department for Education",
            "published": g.published,
            "url": REPOSITORY,
        }
        for g in GROUPINGS
    ]
    print(f"{write_csv(seeds / 'sources' / 'dfe_neighbours.csv', SOURCE_COLUMNS, sources):5d} rows")
    for grouping, rows in zip(GROUPINGS, (old, new), strict=True):
        path = seeds / "statistical_neighbours" / f"{grouping.id.replace('-', '_')}.csv"
        written = write_csv(
            path, COLUMNS, neighbour_rows(grouping, rows, periods[grouping.id], holders)
        )
        print(f"{written:5d} rows  {path.relative_to(seeds.parent)}")
    print(f"2021 groupings last in use {last_old}; 2025 model first in use {first_new}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
