"""Loading a dataset: the bundled one (once, cached), with users' own records, or a seeds folder."""

from __future__ import annotations

import copyreg
import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from childservices.data.bundle import packaged_tables
from childservices.data.index import Index
from childservices.dataset import Dataset
from childservices.errors import DatasetError, Problem

if TYPE_CHECKING:
    from pathlib import Path

# The seed reader, the exporter, cattrs, csv and pathlib are imported
# by the functions that need them (users' files, seed folders), not with the
# library: loading the bundled dataset does not use them.

__all__ = ["load", "load_seeds", "merge_files", "merge_runs", "record_files"]

_lock = threading.Lock()
_cache: list[Dataset] = []
_updated: dict[tuple[str, ...], Dataset] = {}
"""The bundled dataset with the update runs merged in, for the last set of runs seen."""

PathLike = str | os.PathLike[str]


def _bundled() -> Dataset:
    if _cache:
        return _cache[0]
    with _lock:
        if not _cache:
            # Exactly the records tools/build_bundle.py built from the seeds and checked (CI
            # fails when the bundle is stale; tools/check_integrity.py checks it again): each
            # table is built when first used, without running the cross-record checks again.
            tables, version = packaged_tables()
            _cache.append(
                Dataset._trusted(
                    tables=tables, index=Index(tables), data_version=_bundled_version(version)
                )
            )
    return _cache[0]


def _bundled_version(header: str) -> str:
    """The bundled record's :data:`~childservices.DATA_VERSION`, after checking that it was
    written with the bundle (its digest is the bundle header's ``seeds-`` digest)."""
    from childservices.data.version import DATA_VERSION

    if DATA_VERSION.rpartition(".")[2] != header.removeprefix("seeds-"):
        raise DatasetError(
            [
                Problem(
                    file="childservices/data/version.py",
                    message=f"DATA_VERSION {DATA_VERSION} was not written with the bundle "
                    f"({header}): rebuild both with python tools/build_bundle.py",
                )
            ]
        )
    return DATA_VERSION


def _reduce(dataset: Dataset) -> tuple[Any, ...]:
    """Pickling a dataset: the one :func:`load` shares goes by its data version (the other
    process loads its own, and refuses a different version); any other goes with its records
    (:meth:`Dataset.__reduce__ <childservices.Dataset.__reduce__>`)."""
    if dataset is load():
        return (_unpickle_bundled, (dataset.data_version,))
    return dataset.__reduce__()


def _unpickle_bundled(data_version: str | None) -> Dataset:
    """The dataset :func:`load` shares, if it is the version that was pickled."""
    ds = load()
    if ds.data_version != data_version:
        raise DatasetError(
            [
                Problem(
                    message=f"the pickled dataset is the bundled dataset {data_version}, but "
                    f"this installation has {ds.data_version}: install the same version"
                )
            ]
        )
    return ds


copyreg.pickle(Dataset, _reduce)


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
            found = merge_runs(runs, base=bundled)
            _updated.clear()
            _updated[runs] = found
    return found


def merge_runs(runs: Iterable[PathLike], *, base: Dataset) -> Dataset:
    """``base`` with the update runs ``runs`` merged in, named in its ``updates``.

    Runs already in ``base.updates`` (by folder name) are not merged again.
    Runs that do not load with ``base`` raise a
    :class:`~childservices.DatasetError` that names the data folder and the
    command that repairs it (``childservices update --reset``), never a dead end.
    """
    import os.path

    new = [os.fspath(r) for r in runs if os.path.basename(os.fspath(r)) not in base.updates]
    if not new:
        return base
    try:
        merged = merge_files(new, base=base)
    except DatasetError as exc:
        raise DatasetError([*exc.problems, _repair(new[0])]) from None
    names = (*base.updates, *(os.path.basename(r) for r in new))
    prior = base.data_version or ""
    return Dataset._trusted(
        tables=merged.tables,
        index=merged.index,
        data_version=f"{prior.partition('+updates.')[0]}+updates.{_runs_digest(names)}",
        updates=names,
    )


def _repair(run: str) -> Problem:
    """The problem that says how to repair the data folder holding ``run``."""
    import os.path

    root = os.path.dirname(os.path.dirname(run))
    return Problem(
        file=os.path.dirname(run),
        message="these update runs do not load with the record: run "
        f"'childservices update --reset --data-dir {root}' to remove them (then "
        "'childservices update' adds their inspections again), or delete this folder",
    )


def _runs_digest(runs: Iterable[str]) -> str:
    import hashlib
    import os.path

    return hashlib.sha256("\n".join(os.path.basename(r) for r in runs).encode()).hexdigest()[:16]


def load(
    extra: PathLike | Iterable[PathLike] | None = None,
    *,
    updates: bool = True,
    follow_links: bool = False,
) -> Dataset:
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
    the same checks as the bundled records, on the merged record. Rows about a
    bundled record (same key) merge with it when they agree and add their
    citations; a different value for a field the bundle gives, or a row that
    contradicts a bundled fact (ending a direction before it was made, say),
    is reported, never silently taken (a row in your own ``corrections/``
    settles one on purpose, with its reason). Every problem is raised
    together as one :class:`~childservices.DatasetError` naming file, line or
    record and field; then nothing is loaded and the bundled dataset is
    unchanged. Only regular files are read; links in your folders that lead
    out of them are refused unless ``follow_links`` (see
    :mod:`childservices.records.files`).
    """
    bundled = _with_updates() if updates else _bundled()
    if extra is None:
        return bundled
    paths = _paths("extra", extra)
    if not paths:
        return bundled
    return merge_files(paths, base=bundled, follow_links=follow_links)


def _paths(name: str, value: object) -> list[PathLike]:
    """A path or paths given by a caller, or an :class:`~childservices.ArgumentTypeError`."""
    from childservices.errors import ArgumentTypeError, ArgumentValueError

    if isinstance(value, str | os.PathLike):
        value = [value]
    if isinstance(value, bytes) or not isinstance(value, Iterable):
        raise ArgumentTypeError(
            f"{name}: expected a path or a list of paths, got {type(value).__name__}"
        )
    paths = list(value)
    for item in paths:
        if not isinstance(item, str | os.PathLike):
            raise ArgumentTypeError(
                f"{name}: expected paths (str or os.PathLike), got {type(item).__name__} {item!r}"
            )
        if os.fspath(item) in ("", b""):
            raise ArgumentValueError(
                f"{name}: an empty path names no file (it would read the current folder)"
            )
    return paths


def load_seeds(folder: str | Path, *, follow_links: bool = False) -> Dataset:
    """A dataset read from a folder laid out like the project's ``seeds/`` (without the bundle).

    Use it for a complete set of records of your own (an export, for
    example), or to check seed edits before the bundle is rebuilt. A folder
    without authorities or without sources is not a set of records and is
    refused, saying what it holds. Every problem in the files is raised
    together as a :class:`~childservices.DatasetError`.
    """
    from pathlib import Path

    from childservices.errors import ArgumentTypeError
    from childservices.records.files import folder_files
    from childservices.records.read import _read

    if not isinstance(folder, str | os.PathLike):
        raise ArgumentTypeError(f"folder: expected a path, got {type(folder).__name__}")
    root = Path(folder)
    files = folder_files(root, follow_links=follow_links)
    _complete(str(root), files)
    records, _ = _read(files, check=True)
    empty = [name for name in ("authorities", "sources") if not getattr(records, name)]
    if empty:
        raise DatasetError(
            [
                Problem(
                    file=str(root),
                    message=f"is not a complete seeds folder: its {' and '.join(empty)} "
                    f"files hold no rows ({records.count()} records in all)",
                )
            ]
        )
    return Dataset._trusted(tables=records, index=Index(records))


def _complete(root: str, files: list[tuple[str, Path]]) -> None:
    """Refuse a seeds folder without authorities or sources, saying what it holds."""
    tables: dict[str, int] = {}
    for table, _ in files:
        tables[table] = tables.get(table, 0) + 1
    missing = [name for name in ("authorities", "sources") if name not in tables]
    if not missing:
        return
    held = ", ".join(f"{name} ({count} file{'s' * (count > 1)})" for name, count in tables.items())
    raise DatasetError(
        [
            Problem(
                file=root,
                message=f"is not a complete seeds folder: it has no {' and no '.join(missing)} "
                f"(sub-folders named after their tables holding *.csv files); "
                f"it holds {held or 'no record files'}",
            )
        ]
    )


def record_files(
    paths: Iterable[PathLike], *, follow_links: bool = False
) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs named by users' paths, or every problem found.

    A folder is read like ``seeds/`` (one sub-folder per table), unless it is
    itself named after a table and holds ``*.csv`` files. A file's table is
    its folder's name if that is a table, else its own name without
    ``.csv``. See :func:`childservices.records.files.record_files`.
    """
    from childservices.records.files import record_files as find

    return find(_paths("paths", paths), follow_links=follow_links)


def merge_files(
    paths: Iterable[PathLike], *, base: Dataset | None = None, follow_links: bool = False
) -> Dataset:
    """The records of ``base`` (none: only the files) and users' files, read and checked together.

    See :func:`load`; ``load(extra=paths)`` is ``merge_files(paths, base=load())``.
    """
    from childservices.errors import ArgumentTypeError
    from childservices.records.read import _read

    if base is not None and not isinstance(base, Dataset):
        raise ArgumentTypeError(f"base: expected a Dataset, got {type(base).__name__}")
    files = record_files(paths, follow_links=follow_links)
    records, digest = _read(files, base=None if base is None else base.records, check=True)
    own = f"extra-{digest[:16]}"
    version = own if base is None else f"{base.data_version}+{own}"
    updates = () if base is None else base.updates
    return Dataset._trusted(
        tables=records, index=Index(records), data_version=version, updates=updates
    )
