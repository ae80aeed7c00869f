"""Check the integrity of the bundled dataset and print counts of what was checked.

Usage: ``python tools/check_integrity.py`` (the packaged bundle) or
``--seeds FOLDER`` (a folder laid out like ``seeds/``). Runs every
cross-record check of :mod:`childservices.data.checks` (every reference
resolves, every fact has a source, chronology holds, no two delivery models
overlap, nothing dated outside its authority's lifetime, ...) and exits 1 if
any finds a problem. CI runs it before the tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from importlib import resources
from pathlib import Path

from childservices.coverage import newest_publication
from childservices.data.bundle import BUNDLE_NAME, read_bundle
from childservices.data.checks import run_checks
from childservices.data.measure_checks import figure_counts
from childservices.errors import DatasetError, Problem
from childservices.model import Intervention, RecordSet
from childservices.records import read_seed_folder
from childservices.rules.responses import ENDS_BEFORE, era_coverage, intervention_coverage


def _records(seeds: Path | None) -> tuple[RecordSet, str]:
    """The records, read with every record type's own validation."""
    if seeds is None:
        text = resources.files("childservices.data").joinpath(BUNDLE_NAME).read_text("utf-8")
        # text given: the validating converter (the tables apart from their packaged file)
        records, version = read_bundle(text)
        if read_bundle()[0] != records:  # the trusted fast path load() takes
            raise DatasetError(
                [Problem(file=BUNDLE_NAME, message="the fast path builds different records")]
            )
        return records, f"the bundled dataset ({version})"
    return read_seed_folder(seeds), str(seeds)


def main(argv: list[str] | None = None) -> int:
    """Run the checks, print one line per check, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, help="check a seeds folder instead of the bundle")
    args = parser.parse_args(argv)
    try:
        records, what = _records(args.seeds)
    except DatasetError as exc:
        print(f"cannot read the records: {exc}", file=sys.stderr)
        return 1
    print(f"Integrity of {what}: {records.count()} records, each validated by its type")
    failed = 0
    for result in run_checks(records):
        status = "ok" if result.ok else f"FAILED ({len(result.problems)} problems)"
        print(f"  {status:<6} {result.name}: {result.checked} {result.unit}")
        for problem in result.problems[:20]:
            print(f"         - {problem}")
        if len(result.problems) > 20:
            print(f"         ... and {len(result.problems) - 20} more")
        failed += not result.ok
    print("all checks passed" if not failed else f"{failed} checks failed")
    _print_intervention_coverage(records)
    _print_figures(records)
    return 1 if failed else 0


def _print_figures(records: RecordSet) -> None:
    """How many official figures each measure has in each year, and how many are numbers."""
    print("Official figures by measure and year (figures, of which numbers):")
    by_measure: dict[str, list[str]] = {}
    for (measure, year), (count, numbers) in figure_counts(records).items():
        by_measure.setdefault(measure, []).append(f"{year}: {count} ({numbers})")
    for measure, years in by_measure.items():
        print(f"  {measure}: {'; '.join(years)}")


def _print_intervention_coverage(records: RecordSet) -> None:
    """The intervention record's coverage figures (rules.responses), beside their targets."""
    by_authority: dict[str, list[Intervention]] = {}
    for step in records.interventions:
        by_authority.setdefault(step.authority, []).append(step)
    until = newest_publication(records.inspections) or dt.date.today()
    figures = intervention_coverage(records.inspections, by_authority, until=until)
    print("Coverage of the intervention record (measured, not checked; targets of issue 13):")
    print(
        f"  DfE response recorded for {figures.responded} of {figures.judgements} inadequate "
        f"SIF/ILACS judgements: {figures.response_share:.1%} (target 95%)"
    )
    print(
        f"  end recorded (or continuing per a source of the last 12 months) for {figures.ended} "
        f"of {figures.interventions} notices and directions begun before "
        f"{ENDS_BEFORE.isoformat()}: {figures.end_share:.1%} (target 90%)"
    )
    print(f"  without a recorded response: {', '.join(figures.without_response) or 'none'}")
    print(f"  without a recorded end: {', '.join(figures.without_end) or 'none'}")
    era = era_coverage(records.inspections, by_authority)
    print(
        f"  2009-2013 (child protection and looked after children inspections): of "
        f"{era.judgements} inadequate overall judgements, {era.responded} with the DfE's "
        f"response recorded, {len(era.searched)} searched for and not found: {era.share:.1%}"
    )
    print(f"    searched for, not found: {', '.join(era.searched) or 'none'}")
    print(f"    neither: {', '.join(era.missing) or 'none'}")
    _print_precision(records.interventions)


def _print_precision(steps: tuple[Intervention, ...]) -> None:
    """How precisely the intervention steps are dated (an id's most precise row counts)."""
    counts = {"day": 0, "month": 0, "year": 0, "undated": 0}
    for step in steps:
        if step.date is None:
            counts["undated"] += 1
        else:
            counts[step.date.precision.value] += 1
    listed = ", ".join(f"{name} {count}" for name, count in counts.items())
    print(f"Intervention steps by the precision of their date ({len(steps)}): {listed}")


if __name__ == "__main__":
    sys.exit(main())
