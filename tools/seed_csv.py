"""Writing generated seed files: one helper shared by the ``tools/import_*.py`` steps."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> int:
    """Write ``rows`` (in the order given) under a header of ``columns``; return how many.

    A column a row lacks is written empty; a key that is not a column is an
    error (``ValueError``), so nothing is dropped unseen.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
