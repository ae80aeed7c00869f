"""Import the DfE's official statistics into ``seeds/observations/``, one cited row per figure.

Usage::

    python tools/import_dfe_statistics.py [--sources ../shared/sources] [--seeds seeds]

The vocabulary (``seeds/measures/``, checked by hand) says which file,
column and breakdown each measure is read from; this tool reads the tidy
CSV files of ``dfe-statistics/`` with the standard ``csv`` module and writes
one seed file per statistics file. Every local authority row is placed on
the council of the record that existed on the last day of its year
(:mod:`importing.dfe_lineage`); a row that fits no council stops the
import. Joint returns (two councils in one row) are not imported, and are
listed. Rates the files do not hold (children in need per 10,000 children)
are computed as the release computes them, with their numerator and
denominator kept.

Spending on children's social care is read from MHCLG's revenue outturn
workbooks (RO3, 2023-24 and 2024-25, in the same folder) by
:mod:`importing.dfe_outturn`: a measure whose ``file`` names the workbooks
(``; ``-separated) and whose ``column`` is the workbooks' hidden column code.
Their councils are placed by ONS code, and every council of the record that
existed on the year's 31 March must have exactly one row. Spending per child
is computed from a total and the population file; all are written to
``ro3_revenue_outturn.csv``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from childservices.model import Authority, Identifier, Measure
from childservices.records import TABLES, read_files, seed_files
from importing.dfe_files import Row, Spec, breakdown_filter, observation_rows, read_rows
from importing.dfe_lineage import Lineage, LineageError
from importing.dfe_outturn import (
    WORKBOOKS,
    Sheet,
    outturn_rows,
    per_child_rows,
    population_by_place,
    read_sheet,
)
from seed_csv import write_csv

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_SOURCES = ROOT.parent / "shared" / "sources"
FOLDER = "dfe-statistics"
POPULATION = "ons_mid-year_population_estimates_2012_to_2024.csv"
POPULATION_SOURCE = "dfe-ons-child-population"
RATES = {"cin_rate_per_10000": "cin_at_31_march"}
"""Rates computed by the import: each from the count of another measure of the same row."""
PER_CHILD = {
    "csc_net_expenditure_per_child": "csc_net_expenditure",
    "csc_gross_expenditure_per_child": "csc_gross_expenditure",
}
"""Spending per child computed by the import: each from a total of the revenue outturn."""
OUTTURN_SEED = "ro3_revenue_outturn.csv"
"""The seed file of every figure read from (or computed from) the revenue outturn workbooks."""


def vocabulary(seeds: Path) -> tuple[Measure, ...]:
    """The measures of ``seeds/measures/``, read through the seed reader."""
    files = [f for f in seed_files(seeds) if f[0] in ("measures", "sources")]
    measures: tuple[Measure, ...] = read_files(files).measures
    return measures


def lineage(seeds: Path) -> Lineage:
    """The record's councils and identifiers, as the seeds give them."""
    files = [f for f in seed_files(seeds) if f[0] != "observations"]
    records = read_files(files)
    authorities: tuple[Authority, ...] = records.authorities
    identifiers: tuple[Identifier, ...] = records.authority_identifiers
    return Lineage.of(authorities, identifiers, records.reorganisations)


def spec(measure: Measure) -> Spec:
    """What the import needs of a measure."""
    return Spec(
        id=measure.id,
        file=measure.file,
        column=measure.column,
        breakdown=breakdown_filter(measure.breakdown or ""),
        year_ends=measure.year_ends,
        release=measure.release,
    )


def population(folder: Path) -> dict[tuple[str, str, str, str], Row]:
    """The ONS estimate of children aged 0 to 17 by year, level, region and DfE number."""
    found: dict[tuple[str, str, str, str], Row] = {}
    for row in read_rows(folder / POPULATION):
        cells = row.cells
        if cells["age_group"] != "Children aged 0 to 17 years":
            continue
        key = (
            cells["time_period"],
            cells["geographic_level"],
            cells["region_name"],
            cells["old_la_code"],
        )
        if key in found:
            raise LineageError(f"{POPULATION} row {row.number}: a second estimate for {key}")
        found[key] = row
    return found


def rate_rows(
    measure: Measure,
    counts: list[dict[str, str]],
    rows: dict[str, Row],
    people: dict[tuple[str, str, str, str], Row],
) -> list[dict[str, str]]:
    """A rate per 10,000 children from each count row and the estimate of the mid-year before
    its 31 March; not published where the count or the estimate is not."""
    out = []
    for count in counts:
        row = rows[count["locator"]]
        cells = row.cells
        key = (
            str(int(cells["time_period"]) - 1),
            cells["geographic_level"],
            cells["region_name"],
            cells["old_la_code"],
        )
        estimate = people.get(key)
        if estimate is None:
            raise LineageError(f"{count['locator']}: no population estimate for {key}")
        denominator = estimate.cells["population_estimate"].strip()
        numerator = count["value"]
        usable = all(_number(text) for text in (numerator, denominator)) and float(denominator) > 0
        value = f"{round(float(numerator) / float(denominator) * 10000, 1)!r}" if usable else "x"
        if not _number(numerator) and numerator:
            value = numerator
        out.append(
            {
                **count,
                "id": count["id"].replace(count["measure"], measure.id, 1),
                "measure": measure.id,
                "value": value,
                "numerator": numerator if _number(numerator) else "",
                "denominator": denominator if _number(denominator) else "",
                "locator": f"{count['locator']}; {POPULATION} row {estimate.number}",
                "source": measure.release,
                "note": "computed: see the measure's derived",
            }
        )
    return out


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def import_all(sources: Path, seeds: Path) -> tuple[dict[str, list[dict[str, str]]], list[str]]:
    """The observation rows of every measure, by statistics file, and the rows not imported."""
    folder = sources / FOLDER
    places = lineage(seeds)
    measures = vocabulary(seeds)
    files: dict[str, list[Row]] = {}
    out: dict[str, list[dict[str, str]]] = {}
    by_locator: dict[str, Row] = {}
    skipped: list[str] = []
    made: dict[str, list[dict[str, str]]] = {}
    for measure in measures:
        if measure.id in RATES or measure.id in PER_CHILD or measure.file.endswith(".ods"):
            continue
        rows = files.get(measure.file)
        if rows is None:
            rows = files[measure.file] = read_rows(folder / measure.file)
            by_locator.update((f"{measure.file} row {r.number}", r) for r in rows)
        made[measure.id] = list(observation_rows(spec(measure), rows, places, skipped))
        out.setdefault(measure.file, []).extend(made[measure.id])
    people = population(folder)
    for measure in measures:
        if measure.id in RATES:
            made[measure.id] = rate_rows(measure, made[RATES[measure.id]], by_locator, people)
            out.setdefault(measure.file, []).extend(made[measure.id])
    spending = outturn(measures, folder, places, people)
    if spending:
        out[OUTTURN_SEED] = spending
    _no_repeats(out)
    return out, skipped


def outturn(
    measures: tuple[Measure, ...],
    folder: Path,
    places: Lineage,
    people: dict[tuple[str, str, str, str], Row],
) -> list[dict[str, str]]:
    """The observation rows of the measures read from the revenue outturn workbooks (their
    ``file`` names the workbooks, ``; ``-separated), then of spending per child."""
    sheets: dict[str, Sheet] = {}
    made: dict[str, list[dict[str, str]]] = {}
    for measure in measures:
        if not measure.file.endswith(".ods") or measure.id in PER_CHILD:
            continue
        books = []
        for name in measure.file.split("; "):
            workbook = next((w for w in WORKBOOKS if w.file == name), None)
            if workbook is None:
                raise LineageError(f"measure {measure.id}: {name} is not a known workbook")
            if name not in sheets:
                sheets[name] = read_sheet(folder, workbook)
            books.append(sheets[name])
        made[measure.id] = outturn_rows(measure.id, measure.column, books, places)
    wanted = [m for m in measures if m.id in PER_CHILD]
    if wanted:
        years = {int(row["year"]) - 1 for m in wanted for row in made[PER_CHILD[m.id]]}
        by_place = population_by_place(people, places, years)
        for measure in wanted:
            totals = made[PER_CHILD[measure.id]]
            made[measure.id] = per_child_rows(measure.id, totals, by_place, POPULATION)
    return [row for rows in made.values() for row in rows]


def _no_repeats(out: dict[str, list[dict[str, str]]]) -> None:
    seen = Counter(row["id"] for rows in out.values() for row in rows)
    repeated = sorted(key for key, n in seen.items() if n > 1)
    if repeated:
        raise LineageError(f"figures counted twice: {', '.join(repeated[:10])}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args(argv)
    try:
        out, skipped = import_all(args.sources, args.seeds)
    except LineageError as exc:
        print(f"import_dfe_statistics: {exc}", file=sys.stderr)
        return 1
    columns = TABLES["observations"].file_columns
    target = args.seeds / "observations"
    for old in target.glob("*.csv"):
        old.unlink()
    for file, rows in sorted(out.items()):
        rows.sort(
            key=lambda r: (r["measure"], int(r["year"]), r["level"], r["region"], r["authority"])
        )
        count = write_csv(target / file, columns, rows)
        print(f"import_dfe_statistics: wrote {count} figures to {target / file}")
    for line in skipped:
        print(f"import_dfe_statistics: not imported: {line}")
    joint = sum("joint return" in line for line in skipped)
    print(
        f"import_dfe_statistics: not imported: {joint} rows of joint returns, "
        f"{len(skipped) - joint} rows of councils not in existence that year (no figure)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
