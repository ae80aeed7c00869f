"""Writing rows in the seed format (the maintainer tools and ``childservices update`` share it)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

__all__ = ["write_rows"]


def write_rows(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> int:
    """Write ``rows`` (in the order given) under a header of ``columns``; return how many.

    A column a row lacks is written empty; a key that is not a column is an
    error (``ValueError``), so nothing is dropped unseen. The folder is made
    if need be.
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
