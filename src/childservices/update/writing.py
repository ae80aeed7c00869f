"""Writing an update run: its rows in a temporary folder, checked with the record, then moved in.

A run whose rows do not load with the record is not written: every problem
found is listed as skipped, and nothing is left behind.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from childservices.errors import DatasetError
from childservices.update.results import Skipped

if TYPE_CHECKING:
    from childservices.dataset import Dataset
    from childservices.reports.rows import ReportRows

__all__ = ["write_run"]


def write_run(
    root: Path, made: Sequence[ReportRows], record: Dataset, skipped: list[Skipped]
) -> Path | None:
    """Write the rows as one run in the data folder ``root``; ``None`` if they do not load.

    The run's folder is named by the time and a digest of its rows; rows an
    earlier run already wrote (the same digest) are not written again. The
    run is written in a ``.partial-`` folder (never read) and renamed into
    place in one step, so a run killed while writing leaves the folder as it
    was. Call it holding the data folder's lock
    (:func:`~childservices.update.lock.data_lock`).
    """
    from childservices.loading import merge_files
    from childservices.records.tables import TABLES
    from childservices.records.write import write_rows
    from childservices.userdata import RUN_PREFIX, updates_dir

    folder = updates_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder))
    try:
        tables = {
            "inspections": [m.inspection for m in made],
            "judgements": [j for m in made for j in m.judgements],
            "sources": [m.source for m in made],
        }
        for table, table_rows in tables.items():
            write_rows(temporary / table / "update.csv", TABLES[table].file_columns, table_rows)
        try:
            merge_files([temporary], base=record)
        except DatasetError as exc:
            for problem in exc.problems:
                skipped.append(Skipped(what="the new rows", reason=str(problem)))
            return None
        digest = hashlib.sha256()
        for table in tables:
            digest.update((temporary / table / "update.csv").read_bytes())
        short = digest.hexdigest()[:12]
        same = sorted(folder.glob(f"{RUN_PREFIX}*-{short}"))
        if same:  # the rows of an earlier run, again: nothing changes
            skipped.append(
                Skipped(what="the new rows", reason=f"already written, in {same[0]}; not repeated")
            )
            return None
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        final = folder / f"{RUN_PREFIX}{stamp}-{short}"
        os.rename(temporary, final)
        return final
    finally:
        with contextlib.suppress(OSError):
            if temporary.exists():
                shutil.rmtree(temporary)
