"""Loading a dataset: the bundled one (once, cached) or a folder of seed files."""

from __future__ import annotations

import threading
from pathlib import Path

from childservices.data.bundle import read_bundle
from childservices.dataset import Dataset
from childservices.records import read_seed_folder

__all__ = ["load", "load_seeds"]

_lock = threading.Lock()
_cache: list[Dataset] = []


def load() -> Dataset:
    """The bundled dataset, checked and indexed. Loaded on first call, then shared.

    The dataset is immutable, so sharing it between callers and threads is
    safe; loading happens once even when several threads ask at once.
    """
    if _cache:
        return _cache[0]
    with _lock:
        if not _cache:
            records, version = read_bundle()
            _cache.append(Dataset.from_records(records, data_version=version))
    return _cache[0]


def load_seeds(folder: str | Path) -> Dataset:
    """A dataset read from a folder laid out like the project's ``seeds/``.

    Use it for your own records files, or to check seed edits before the
    bundle is rebuilt. Every problem in the files is raised together as a
    :class:`~childservices.DatasetError`.
    """
    return Dataset.from_records(read_seed_folder(Path(folder)))
