"""Loading a dataset: the bundled one (once, cached), with users' own records, or a seeds folder."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from childservices.data.bundle import packaged_tables
from childservices.data.index import Index
from childservices.dataset import Dataset
from childservices.errors import DatasetError, Problem

if TYPE_CHECKING:
    from pathlib import Path

# The seed reader, the exporter, cattrs, csv, pathlib, tempfile and hashlib are imported
# by the functions that need them (users' files, seed folders), not with the
# library: loading the bundled dataset does not use them.

__all__ = ["load", "load_seeds", "merge_files", "record_files"]

_lock = threading.Lock()
_cache: list[Dataset] = []
_updated: dict[tuple[str, ...], Dataset] = {}
"""The bundled dataset with the update runs merged in, for the last set of runs seen."""

PathLike = str | os.PathLike[str]

_BUNDLED = "<bundled dataset>"


def _bundled() -> Dataset:
    if _cache:
        return _cache[0]
    with _lock:
        if not _cache:
            # Exactly the records tools/build_bundle.py built from the seeds and checked (CI
            # fails when the bundle is stale; tools/check_integrity.py checks it again): each
            # table is built when first used, without running the cross-record checks again.
            tables, version = packaged_tables()
            _cache.append(Dataset(tables=tables, index=Index(tables), data_version=version))
    return _cache[0]


def _with_updates() -> Dataset:
    """The bundled dataset with the update runs in the user's data folder merged in."""
    from childservices.userdata import run_folders

    runs = run_folders()
    if not runs:
        return _bundled()
    found = _updated.get(runs)
    if found is not None:
        return found
    bundled = _bundled()  # before taking the lock, which _bundled() takes too
    with _lock:
        found = _updated.get(runs)
        if found is None:
            import os.path

            import attrs

            merged = merge_files(runs, base=bundled)
            found = attrs.evolve(
                merged,
                data_version=f"{bundled.data_version}+updates.{_runs_digest(runs)}",
                updates=tuple(os.path.basename(r) for r in runs),
            )
            _updated.clear()
            _updated[runs] = found
    return found


def _runs_digest(runs: tuple[str, ...]) -> str:
    import hashlib
    import os.path

    return hashlib.sha256("\n".join(os.path.basename(r) for r in runs).encode()).hexdigest()[:16]


def load(extra: PathLike | Iterable[PathLike] | None = None, *, updates: bool = True) -> Dataset:
    """The bundled dataset, checked and indexed; with ``extra``, your own records merged in.

    The bundled dataset is loaded on the first call, then shared: it is
    immutable, so sharing it between callers and threads is safe, and
    loading happens once even when several threads ask at once.

    ``updates``: whether the update runs that ``childservices update`` wrote
    in your data folder (:mod:`childservices.userdata`) are merged in (the
    default, when there are any); ``load(updates=False)`` is the record
    exactly as released with this version of the library. ``ds.coverage``
    and ``ds.data_version`` say which updates are in.

    ``extra`` names record files in the seed format (``seeds/README.md``):
    folders laid out like ``seeds/``, or CSV files whose table is the name of
    their folder (``mine/inspections/visits.csv``) or their own name
    (``inspections.csv``). They are read by the same reader and checked by
    the same checks as the bundled records. Rows about a bundled record
    (same key) merge with it when they agree and add their citations; a
    different value for a field the bundle gives is a conflict, reported,
    never silently taken (a row in your own ``corrections/`` settles one on
    purpose, with its reason). Every problem is raised together as one
    :class:`~childservices.DatasetError` naming file, line or record and
    field; then nothing is loaded and the bundled dataset is unchanged.
    """
    bundled = _with_updates() if updates else _bundled()
    if extra is None:
        return bundled
    paths = [extra] if isinstance(extra, str | os.PathLike) else list(extra)
    if not paths:
        return bundled
    return merge_files(paths, base=bundled)


def load_seeds(folder: str | Path) -> Dataset:
    """A dataset read from a folder laid out like the project's ``seeds/`` (without the bundle).

    Use it for a complete set of records of your own (an export, for
    example), or to check seed edits before the bundle is rebuilt. Every
    problem in the files is raised together as a
    :class:`~childservices.DatasetError`.
    """
    from pathlib import Path

    from childservices.records import read_seed_folder

    return Dataset.from_records(read_seed_folder(Path(folder)))


def record_files(paths: Iterable[PathLike]) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs named by users' paths, or every problem found.

    A folder is read like ``seeds/`` (one sub-folder per table), unless it is
    itself named after a table and holds ``*.csv`` files. A file's table is
    its folder's name if that is a table, else its own name without
    ``.csv``.
    """
    from pathlib import Path

    from childservices.records.read import seed_files
    from childservices.records.tables import TABLES

    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            if path.name in TABLES and any(path.glob("*.csv")):
                found.extend((path.name, p) for p in sorted(path.glob("*.csv")))
                continue
            try:
                files = seed_files(path)
            except DatasetError as exc:
                problems.extend(exc.problems)
                continue
            if not files:
                problems.append(
                    Problem(
                        file=str(path),
                        message="holds no seed-format tables (sub-folders named after tables, "
                        "holding *.csv files)",
                    )
                )
            found.extend(files)
        elif path.is_file():
            if path.parent.name in TABLES:
                found.append((path.parent.name, path))
            elif path.stem in TABLES and path.suffix.lower() == ".csv":
                found.append((path.stem, path))
            else:
                problems.append(
                    Problem(
                        file=str(path),
                        message="cannot tell which table this is: name the file <table>.csv "
                        f"or put it in a folder named after its table ({', '.join(TABLES)})",
                    )
                )
        else:
            problems.append(Problem(file=str(path), message="does not exist"))
    if problems:
        raise DatasetError(problems)
    return found


def merge_files(paths: Iterable[PathLike], *, base: Dataset | None = None) -> Dataset:
    """The records of ``base`` (none: only the files) and users' files, read and checked together.

    See :func:`load`; ``load(extra=paths)`` is ``merge_files(paths, base=load())``.
    """
    import tempfile
    from pathlib import Path

    import attrs

    from childservices.export import write_seed_folder
    from childservices.records.read import read_files, seed_files

    files = record_files(paths)
    with tempfile.TemporaryDirectory(prefix="childservices-") as tmp:
        all_files = list(files)
        if base is not None:
            root = Path(tmp) / "bundled"
            same = _sources_restated(files, base)
            records = base.records
            if same:
                kept = tuple(s for s in records.sources if s.id not in same)
                records = attrs.evolve(records, sources=kept)
            write_seed_folder(records, root)
            all_files = seed_files(root) + all_files
        try:
            records = read_files(all_files)
            version = _version(base, files)
            merged = Dataset.from_records(records, data_version=version)
            return attrs.evolve(merged, updates=base.updates) if base is not None else merged
        except DatasetError as exc:
            prefix = str(Path(tmp) / "bundled")
            origins = _origins(files)
            raise DatasetError(
                _place(_rename(problem, prefix), origins) for problem in exc.problems
            ) from None


def _sources_restated(files: list[tuple[str, Path]], base: Dataset) -> set[str]:
    """The bundled sources that the users' files restate identically.

    Sources are not merged like cited rows (an id appears once), so an
    identical restatement stands in for the bundled row; a different one is
    left to the reader, which reports the repeated id.
    """
    import csv

    import cattrs

    from childservices.convert import converter
    from childservices.model import Source

    same: set[str] = set()
    for table_name, path in files:
        if table_name != "sources":
            continue
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    values = {
                        k.strip(): v.strip()
                        for k, v in row.items()
                        if isinstance(k, str) and isinstance(v, str) and v.strip() and k != "note"
                    }
                    known = base.index.sources.get(values.get("id", ""))
                    if known is not None and converter.structure(values, Source) == known:
                        same.add(known.id)
        except (OSError, UnicodeDecodeError, csv.Error, ValueError, cattrs.BaseValidationError):
            continue
    return same


def _version(base: Dataset | None, files: list[tuple[str, Path]]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for _, path in files:
        digest.update(str(path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    own = f"extra-{digest.hexdigest()[:16]}"
    if base is None:
        return own
    return f"{base.data_version}+{own}"


def _rename(problem: Problem, prefix: str) -> Problem:
    """Name the bundled records' temporary files as the bundled dataset."""

    def fix(text: str | None) -> str | None:
        return None if text is None else text.replace(prefix, _BUNDLED)

    return Problem(
        message=fix(problem.message) or "",
        file=fix(problem.file),
        record=problem.record,
        field=problem.field,
    )


def _origins(files: list[tuple[str, Path]]) -> dict[tuple[str, str], str]:
    """Where each record of the users' files first appears: ``(table, key) -> "file:line"``."""
    import csv

    from childservices.records.tables import TABLES

    origins: dict[tuple[str, str], str] = {}
    for table_name, path in files:
        table = TABLES[table_name]
        target = "inspections" if table_name == "judgements" else table_name
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                for row in reader:
                    if table_name == "judgements":
                        key = (row.get("inspection") or "").strip()
                    else:
                        key = "/".join((row.get(k) or "").strip() for k in table.key)
                    origins.setdefault((target, key), f"{path}:{reader.line_num}")
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    return origins


def _place(problem: Problem, origins: dict[tuple[str, str], str]) -> Problem:
    """Give a cross-record problem about a user's record the file and line it came from."""
    if problem.file is not None or problem.record is None or " " not in problem.record:
        return problem
    table, key = problem.record.split(" ", 1)
    origin = origins.get((table, key))
    if origin is None:
        return problem
    return Problem(message=problem.message, file=origin, record=problem.record, field=problem.field)
