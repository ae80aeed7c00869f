"""Regenerate inspection seed rows from Ofsted's report files.

Reads every ``<urn>_<name>/*.pdf`` in the reports folder (by default
``../shared/sources/ofsted-reports`` beside the checkout) with
:mod:`childservices.reports` and writes, replacing them:

- ``seeds/inspections/reports.csv``: one row per report;
- ``seeds/judgements/reports.csv``: its area grades;
- ``seeds/sources/reports.csv``: one source per report, citing the
  authority's Ofsted reports page (``https://reports.ofsted.gov.uk/provider/44/<urn>``)
  with the report's date; the locator of every row is the report's file name.

Rules:

- the authority is the one whose Ofsted URN (the folder's prefix) is valid on
  the inspection's last day in ``seeds/authority_identifiers``; the name the
  report prints is only checked against it;
- the inspection id's date and the ``published`` column are the file name's
  date (Ofsted's listing date, which the seed format makes the report's date);
  where the report prints a different publication date (six SIF reports) the
  printed date is given in the row's note (and in KNOWN_ISSUES.md);
- a review of a Local Safeguarding Children Board published on its own (Surrey,
  August 2015) gives only a ``lscb_review`` judgement, attached to the
  authority's latest SIF inspection published before it;
- files that are not PDFs (web pages saved under a ``.pdf`` name) are listed
  and skipped; any real PDF that cannot be read makes the command fail.

Run from the repository root (needs pypdf; uses every CPU)::

    /tmp/venv/bin/python tools/import_reports.py [REPORTS] [--cache /tmp/report-text]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import datetime as dt
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from childservices.errors import ReportError  # noqa: E402
from childservices.model import Framework  # noqa: E402
from childservices.records import TABLES  # noqa: E402
from childservices.reports import (  # noqa: E402
    ReportFacts,
    authority_slug,
    check_pdf,
    inspection_id,
    published_from_file_name,
    read_report_facts,
)
from childservices.reports.rows import PROVIDER_PAGE, long_date, report_rows  # noqa: E402
from seed_csv import write_csv  # noqa: E402  (a sibling tool module)

DEFAULT_REPORTS = REPO.parent / "shared" / "sources" / "ofsted-reports"
SEEDS = REPO / "seeds"
OUTPUT = "reports.csv"
INSPECTION_COLUMNS = TABLES["inspections"].file_columns
JUDGEMENT_COLUMNS = TABLES["judgements"].file_columns
SOURCE_COLUMNS = TABLES["sources"].file_columns


@dataclass(frozen=True)
class Outcome:
    """What reading one report file gave: its facts, or why it could not be read."""

    path: Path
    facts: ReportFacts | None = None
    error: str | None = None
    not_pdf: bool = False


def read_one(path: Path, cache: Path | None = None) -> Outcome:
    """Read one report file; never raises for a bad report (the outcome says what was wrong)."""
    try:
        check_pdf(path)
    except ReportError as exc:
        return Outcome(path=path, error=str(exc), not_pdf=True)
    try:
        return Outcome(path=path, facts=read_report_facts(path, cache=cache))
    except ReportError as exc:
        return Outcome(path=path, error=str(exc))


def read_all(
    files: Sequence[Path], *, jobs: int, cache: Path | None, quiet: bool = False
) -> list[Outcome]:
    """Read every file on ``jobs`` processes, showing progress on stderr."""
    outcomes: list[Outcome] = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(read_one, path, cache) for path in files]
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            outcomes.append(future.result())
            if not quiet and (done % 25 == 0 or done == len(files)):
                print(f"read {done}/{len(files)} reports", file=sys.stderr)
    return sorted(outcomes, key=lambda o: (o.path.parent.name, o.path.name))


def report_files(folder: Path) -> list[Path]:
    """Every report file: ``<urn>_<name>/*.pdf``."""
    return sorted(folder.glob("*_*/*.pdf"))


def _iso(text: str) -> dt.date | None:
    text = text.strip()
    return dt.date.fromisoformat(text) if len(text) == 10 else None


def _read_csv_folder(folder: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


@dataclass(frozen=True)
class Authorities:
    """Authority ids by Ofsted URN (with validity dates), and their names."""

    by_urn: dict[str, list[tuple[str, dt.date | None, dt.date | None]]]
    names: dict[str, str]

    @classmethod
    def load(cls, seeds: Path) -> Authorities:
        by_urn: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = {}
        for row in _read_csv_folder(seeds / "authority_identifiers"):
            if row["scheme"] == "ofsted_urn":
                by_urn.setdefault(row["value"].strip(), []).append(
                    (row["authority"], _iso(row["valid_from"]), _iso(row["valid_to"]))
                )
        names = {row["id"]: row["name"] for row in _read_csv_folder(seeds / "authorities")}
        return cls(by_urn=by_urn, names=names)

    def for_urn(self, urn: str, on: dt.date) -> str | None:
        """The authority that held ``urn`` on ``on``."""
        for authority, start, end in self.by_urn.get(urn, []):
            if (start is None or start <= on) and (end is None or on <= end):
                return authority
        return None


@dataclass
class Rows:
    """The seed rows being built, and what went wrong or needs a note."""

    inspections: list[dict[str, str]]
    judgements: list[dict[str, str]]
    sources: list[dict[str, str]]
    failures: list[str]
    warnings: list[str]


def build_rows(outcomes: Iterable[Outcome], authorities: Authorities) -> Rows:
    """Seed rows for every report read; failures and warnings for the rest."""
    rows = Rows([], [], [], [], [])
    board_reviews: list[tuple[Outcome, str, dt.date]] = []
    sif_by_authority: dict[str, list[tuple[dt.date, str]]] = {}
    seen: dict[str, Path] = {}
    for outcome in outcomes:
        path, facts = outcome.path, outcome.facts
        if facts is None:
            continue
        urn = path.parent.name.split("_", 1)[0]
        listed = published_from_file_name(path.name)
        if listed is None:
            rows.failures.append(f"{path}: no date in the file name")
            continue
        published = listed
        on = facts.end or published
        authority = authorities.for_urn(urn, on)
        if authority is None:
            rows.failures.append(
                f"{path}: URN {urn} is no authority's on {on} in authority_identifiers"
            )
            continue
        derived = authority_slug(facts.authority_name, on)
        if derived != authority:
            rows.warnings.append(
                f"{path.parent.name}/{path.name}: printed name {facts.authority_name!r} "
                f"reads as {derived!r}; URN {urn} gives {authority!r} (used)"
            )
        if facts.lscb_review_only:
            board_reviews.append((outcome, authority, listed))
            continue
        ident = inspection_id(authority, facts.framework, listed)
        if ident in seen:
            rows.failures.append(f"{path}: makes the id {ident} again (also {seen[ident]})")
            continue
        seen[ident] = path
        made = report_rows(
            facts,
            authority=authority,
            authority_name=authorities.names.get(authority, facts.authority_name),
            urn=urn,
            listed=listed,
            file_name=path.name,
        )
        rows.inspections.append(made.inspection)
        rows.judgements.extend(made.judgements)
        rows.sources.append(made.source)
        if facts.framework is Framework.SIF:
            sif_by_authority.setdefault(authority, []).append((listed, ident))
    for outcome, authority, listed in board_reviews:
        _attach_board_review(rows, outcome, authority, listed, sif_by_authority, authorities)
    rows.inspections.sort(key=lambda r: r["id"])
    rows.judgements.sort(key=lambda r: (r["inspection"], r["area"], r["source"]))
    rows.sources.sort(key=lambda r: r["id"])
    return rows


def _judgement_rows(
    ident: str, facts: ReportFacts, source: str, locator: str
) -> list[dict[str, str]]:
    return [
        {
            "inspection": ident,
            "area": area.value,
            "grade": grade.value,
            "source": source,
            "locator": locator,
            "note": "",
        }
        for area, grade in facts.judgements
    ]


def _attach_board_review(
    rows: Rows,
    outcome: Outcome,
    authority: str,
    listed: dt.date,
    sif_by_authority: dict[str, list[tuple[dt.date, str]]],
    authorities: Authorities,
) -> None:
    """A board review published on its own joins the authority's SIF inspection before it."""
    path, facts = outcome.path, outcome.facts
    assert facts is not None
    earlier = sorted(entry for entry in sif_by_authority.get(authority, []) if entry[0] < listed)
    if not earlier:
        rows.failures.append(
            f"{path}: a separate board review, but no earlier SIF inspection of {authority}"
        )
        return
    ident = earlier[-1][1]
    source = f"ofsted-report-{authority}-lscb-review-{listed.isoformat()}"
    published = listed
    for row in _judgement_rows(ident, facts, source, path.name):
        row["note"] = (
            "the board review was published on its own, after the inspection report; "
            "attached to the authority's SIF inspection published before it"
        )
        rows.judgements.append(row)
    name = authorities.names.get(authority, facts.authority_name)
    rows.sources.append(
        {
            "id": source,
            "title": f"Ofsted review of the {name} Local Safeguarding Children Board, "
            f"published {long_date(published)}",
            "publisher": "Ofsted",
            "published": published.isoformat(),
            "url": PROVIDER_PAGE.format(urn=path.parent.name.split("_", 1)[0]),
        }
    )


def summarise(outcomes: Sequence[Outcome], rows: Rows) -> tuple[list[str], bool]:
    """Lines for stderr, and whether a real PDF failed."""
    lines = []
    frameworks = Counter(o.facts.framework.value for o in outcomes if o.facts)
    lines.append(
        f"{len(outcomes)} files: {sum(1 for o in outcomes if o.facts)} read "
        f"({', '.join(f'{k} {v}' for k, v in sorted(frameworks.items()))}); "
        f"{len(rows.inspections)} inspections, {len(rows.judgements)} judgements, "
        f"{len(rows.sources)} sources"
    )
    not_pdf = [o for o in outcomes if o.not_pdf]
    failed = [o for o in outcomes if o.error and not o.not_pdf]
    if not_pdf:
        lines.append(f"{len(not_pdf)} files are not PDFs (skipped):")
        lines.extend(f"  - {o.error}" for o in not_pdf)
    if failed or rows.failures:
        lines.append(f"{len(failed) + len(rows.failures)} PDFs could not be turned into rows:")
        lines.extend(f"  - {o.error}" for o in failed)
        lines.extend(f"  - {failure}" for failure in rows.failures)
    if rows.warnings:
        lines.append(f"{len(rows.warnings)} printed names that do not read as the URN's authority:")
        lines.extend(f"  - {warning}" for warning in rows.warnings)
    return lines, bool(failed or rows.failures)


def main(argv: Sequence[str] | None = None) -> int:
    """Read the reports, write the three seed files, report what could not be read."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="?", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache", type=Path, help="keep extracted text here (not in the repo)")
    args = parser.parse_args(argv)
    files = report_files(args.reports)
    if not files:
        print(f"no report files in {args.reports}", file=sys.stderr)
        return 2
    if args.cache is not None:
        args.cache.mkdir(parents=True, exist_ok=True)
    outcomes = read_all(files, jobs=args.jobs, cache=args.cache)
    rows = build_rows(outcomes, Authorities.load(args.seeds))
    lines, failed = summarise(outcomes, rows)
    if failed:
        print("\n".join(lines), file=sys.stderr)
        print("not writing the seed files: fix the parser or the data first", file=sys.stderr)
        return 1
    write_csv(args.seeds / "inspections" / OUTPUT, INSPECTION_COLUMNS, rows.inspections)
    write_csv(args.seeds / "judgements" / OUTPUT, JUDGEMENT_COLUMNS, rows.judgements)
    write_csv(args.seeds / "sources" / OUTPUT, SOURCE_COLUMNS, rows.sources)
    print("\n".join(lines), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
