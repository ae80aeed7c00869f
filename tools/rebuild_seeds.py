"""Rebuild every generated seed row from ../shared/sources, then the bundle.

Usage: ``python tools/rebuild_seeds.py [--shared ../shared]``. Runs, in order,
the authority import (la-lookup.csv), the official workbooks, the visits in
the workbooks' in-year sheets, the summary snapshots (their ids depend on the
workbooks' rows), the report PDFs, the official statistics (the DfE's
files and MHCLG's revenue outturn workbooks, placed on the councils the
earlier steps wrote), and finally ``build_bundle.py``, which checks every row and every hand
correction. Each step prints its own progress and what it could not read;
the first step that fails stops the rebuild. Hand-written files (corrections,
reorganisations, seed documents, interventions, delivery) are never touched.
Needs the ``maintainer`` and ``reports`` extras.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def steps(shared: Path) -> list[list[str]]:
    """The commands of a rebuild, in order."""
    sources = shared / "sources"
    seeds = str(ROOT / "seeds")
    return [
        ["import_authorities.py", str(sources / "la-lookup.csv"), "--seeds", seeds],
        ["import_official.py", "--sources", str(sources), "--seeds", seeds],
        ["import_visits.py", "--sources", str(sources), "--seeds", seeds],
        ["import_snapshots.py", "--sources", str(sources), "--seeds", seeds],
        ["import_reports.py", str(sources / "ofsted-reports"), "--seeds", seeds],
        ["import_dfe_statistics.py", "--sources", str(sources), "--seeds", seeds],
        ["build_bundle.py"],
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    if not (args.shared / "sources").is_dir():
        print(f"rebuild_seeds: no sources folder in {args.shared}", file=sys.stderr)
        return 2
    for script, *rest in steps(args.shared):
        print(f"rebuild_seeds: {script}", file=sys.stderr, flush=True)
        status = subprocess.run([sys.executable, str(ROOT / "tools" / script), *rest]).returncode
        if status != 0:
            print(f"rebuild_seeds: {script} failed (exit {status}); stopped", file=sys.stderr)
            return status
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
