"""Record a data version's release: write its manifest into the package.

    python tools/record_release.py                  # the working tree's bundle and seeds
    python tools/record_release.py --commit REV     # the bundle and seeds of a past commit
    python tools/record_release.py --check          # is the working tree's version recorded?

The manifest (``src/childservices/data/releases/<data version>.json``, see
:mod:`childservices.data.manifest`) holds each record's key and content hash,
the large tables by group, and the hand corrections of the seeds. It is built
from the bundle's own lines (read as plain columns, not through the library's
record types, so a bundle of an older library reads the same way) and
``seeds/corrections/*.csv``.

Running it again for a recorded version changes nothing; a different manifest
for a version already recorded is refused (a data version is a digest of the
seeds, so that means the hashing itself changed: record a new version instead).
The file is written whole or not at all.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from childservices.data.changes import RELEASES  # noqa: E402
from childservices.data.manifest import (  # noqa: E402
    Manifest,
    corrections_of,
    manifest_of,
    manifest_text,
    read_manifest,
    same_content,
)
from childservices.records.safe import write_text_atomically  # noqa: E402

DATA = Path("src/childservices/data")
CORRECTIONS = Path("seeds/corrections")
OUT = ROOT / DATA / RELEASES
_VERSION = re.compile(r'^DATA_VERSION = "([^"]+)"$', re.MULTILINE)


def plain_rows(table: dict[str, Any]) -> list[dict[str, Any]]:
    """A bundle table's records as plain mappings, from its column layout alone (a column
    that is a mapping holds nested records, ``counts`` of them per record)."""
    return _rows(table["columns"], table["n"])


def _rows(columns: dict[str, Any], n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [{} for _ in range(n)]
    for name, column in columns.items():
        if isinstance(column, dict):
            children = iter(_rows(column["columns"], sum(column["counts"])))
            values: list[Any] = [[next(children) for _ in range(c)] for c in column["counts"]]
        else:
            values = column
        for row, value in zip(rows, values, strict=True):
            row[name] = value
    return rows


def bundle_tables(data: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of the bundle in the folder ``data`` (and of its file apart), as rows."""
    tables: dict[str, list[dict[str, Any]]] = {}
    names = ["bundle.jsonl"]
    while names:
        lines = (data / names.pop()).read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        if header.get("apart"):
            names.append(header["apart"])
        for name, line in zip(header["tables"], lines[1:], strict=True):
            tables[name] = plain_rows(json.loads(line))
    return tables


def data_version(data: Path) -> str:
    """The ``DATA_VERSION`` written in the folder's ``version.py``."""
    found = _VERSION.search((data / "version.py").read_text(encoding="utf-8"))
    if found is None:
        raise SystemExit(f"no DATA_VERSION in {data / 'version.py'}")
    return found.group(1)


def seed_corrections(folder: Path) -> dict[str, str]:
    """The corrections of every CSV file in ``folder`` (``seeds/corrections``), hashed."""
    rows: list[dict[str, str]] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return corrections_of(rows)


def manifest_at(root: Path, *, released: datetime.date | None, note: str) -> Manifest:
    """The manifest of the bundle and corrections in the tree ``root``."""
    data = root / DATA
    return manifest_of(
        bundle_tables(data),
        data_version(data),
        released=released,
        note=note,
        corrections=seed_corrections(root / CORRECTIONS),
    )


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True).stdout


def manifest_of_commit(rev: str) -> Manifest:
    """The manifest of the bundle and corrections at a past commit, released on its day."""
    sha = _git("rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
    day = _git("show", "-s", "--format=%cs", sha).decode().strip()
    archive = _git("archive", "--format=tar", sha, str(DATA), str(CORRECTIONS))
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        note = f"built from the bundle and seeds/corrections of commit {sha}"
        return manifest_at(Path(folder), released=datetime.date.fromisoformat(day), note=note)


def latest_release(out: Path = OUT) -> str | None:
    """The data version of the newest release recorded in ``out``: the one no other
    follows (by release day, when several)."""
    releases = [
        read_manifest(path.read_text(encoding="utf-8"), where=str(path))
        for path in sorted(out.glob("*.json"))
    ]
    followed = {m.follows for m in releases}
    latest = sorted(
        (m for m in releases if m.data_version not in followed),
        key=lambda m: (m.released or datetime.date.min, m.data_version),
    )
    return latest[-1].data_version if latest else None


def record(manifest: Manifest, out: Path = OUT) -> str:
    """Write ``manifest`` into ``out`` unless recorded already (it then follows the newest
    release recorded there, unless it says what it follows); refuse a different one."""
    path = out / f"{manifest.data_version}.json"
    if path.exists():
        recorded = read_manifest(path.read_text(encoding="utf-8"), where=str(path))
        if same_content(recorded, manifest):
            return f"{path}: recorded already, unchanged"
        raise SystemExit(
            f"{path}: a different manifest is recorded for {manifest.data_version}: "
            "refused (a data version's manifest never changes; record a new version)"
        )
    if manifest.follows is None:
        manifest = attrs.evolve(manifest, follows=latest_release(out))
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, manifest_text(manifest))
    return f"{path}: written ({path.stat().st_size:,} bytes)"


def main(argv: list[str] | None = None) -> int:
    """Record the release of the working tree's data version (or a past commit's)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commit", help="record the data version of this past commit")
    parser.add_argument("--released", help="the release day (default today, or the commit's)")
    parser.add_argument("--note", default="", help="where the manifest was built from")
    parser.add_argument(
        "--follows", help="the data version it follows (default: the newest recorded release)"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the working tree's version is not recorded"
    )
    args = parser.parse_args(argv)
    if args.check:
        version = data_version(ROOT / DATA)
        recorded = (OUT / f"{version}.json").exists()
        print(f"{version}: {'recorded' if recorded else 'not recorded (not yet released)'}")
        return 0 if recorded else 1
    if args.commit:
        manifest = manifest_of_commit(args.commit)
    else:
        note = args.note or "built from the working tree's bundle and seeds/corrections"
        manifest = manifest_at(ROOT, released=datetime.date.today(), note=note)
    if args.released:
        manifest = attrs.evolve(manifest, released=datetime.date.fromisoformat(args.released))
    if args.follows:
        manifest = attrs.evolve(manifest, follows=args.follows)
    print(record(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
