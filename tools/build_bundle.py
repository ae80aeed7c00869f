"""Compile ``seeds/`` into the bundled dataset, ``src/childservices/data/bundle.jsonl``.

Usage: ``python tools/build_bundle.py`` (rebuild) or ``--check`` (exit 1 if
the bundle is stale). Every problem in the seeds is reported and nothing is
written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from childservices.data.bundle import BUNDLE_NAME, bundle_text, seeds_digest
from childservices.dataset import Dataset
from childservices.errors import DatasetError
from childservices.records import read_files, seed_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BUNDLE = ROOT / "src" / "childservices" / "data" / BUNDLE_NAME


def compile_seeds(seeds: Path = SEEDS) -> str:
    """The bundle text the seeds give, after every check the loader makes."""
    files = seed_files(seeds)
    records = read_files(files)
    version = seeds_digest([path for _, path in files], seeds)
    Dataset.from_records(records, data_version=version)
    return bundle_text(records, version)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if the bundle is stale; write nothing"
    )
    parser.add_argument(
        "--seeds", type=Path, default=SEEDS, help="the seeds folder (default: seeds/)"
    )
    parser.add_argument("--out", type=Path, default=BUNDLE, help="where to write the bundle")
    args = parser.parse_args(argv)
    try:
        text = compile_seeds(args.seeds)
    except DatasetError as exc:
        print(f"build_bundle: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(
                f"build_bundle: {args.out} is stale; run python tools/build_bundle.py",
                file=sys.stderr,
            )
            return 1
        print("build_bundle: bundle is up to date")
        return 0
    args.out.write_text(text, encoding="utf-8")
    print(f"build_bundle: wrote {args.out} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
