"""Compile ``seeds/`` into the bundled dataset, ``src/childservices/data/bundle.jsonl``
with the tables kept apart in ``observations.jsonl``, and its data version,
``src/childservices/data/version.py`` (``DATA_VERSION``).

Usage: ``python tools/build_bundle.py`` (rebuild) or ``--check`` (exit 1 if
either file is stale). Every problem in the seeds is reported and nothing is
written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from childservices.data.bundle import (
    APART_NAME,
    BUNDLE_NAME,
    bundle_texts,
    data_version,
    seeds_digest,
    version_module_text,
)
from childservices.dataset import Dataset
from childservices.errors import DatasetError
from childservices.records import read_files, seed_files

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BUNDLE = ROOT / "src" / "childservices" / "data" / BUNDLE_NAME
VERSION = BUNDLE.with_name("version.py")


def compile_seeds(seeds: Path = SEEDS) -> str:
    """The bundle text the seeds give, after every check the loader makes."""
    return compile_all(seeds)[0]


def compile_all(seeds: Path = SEEDS) -> tuple[str, str, str]:
    """The bundle text, the text of the file apart and the ``data/version.py`` text the seeds
    give, after every check."""
    files = seed_files(seeds)
    records = read_files(files)
    version = seeds_digest([path for _, path in files], seeds)
    Dataset.from_records(records, data_version=version)
    main, apart = bundle_texts(records, version)
    return main, apart, version_module_text(data_version(records, version))


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
        text, apart, version = compile_all(args.seeds)
    except DatasetError as exc:
        print(f"build_bundle: {exc}", file=sys.stderr)
        return 1
    outputs = {
        args.out: text,
        args.out.with_name(APART_NAME): apart,
        args.out.with_name(VERSION.name): version,
    }
    if args.check:
        stale = [p for p, t in outputs.items() if _read(p) != t]
        for path in stale:
            print(
                f"build_bundle: {path} is stale; run python tools/build_bundle.py", file=sys.stderr
            )
        if stale:
            return 1
        print("build_bundle: bundle is up to date")
        return 0
    for path, content in outputs.items():
        path.write_text(content, encoding="utf-8")
        print(f"build_bundle: wrote {path} ({len(content)} bytes)")
    return 0


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


if __name__ == "__main__":
    raise SystemExit(main())
