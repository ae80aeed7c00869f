"""Record files in the seed format: the tables, and reading them into records.

The names below are imported on first use, so that a module of this package
that needs none of them (:mod:`childservices.records.cells`, which the
command line uses for every table it prints) does not bring in the reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from childservices._lazy import lazy_names

if TYPE_CHECKING:
    from childservices.records.read import read_files, read_seed_folder, seed_files
    from childservices.records.tables import TABLES, Table

__all__ = ["TABLES", "Table", "read_files", "read_seed_folder", "seed_files"]

_LAZY = {
    "TABLES": "childservices.records.tables",
    "Table": "childservices.records.tables",
    "read_files": "childservices.records.read",
    "read_seed_folder": "childservices.records.read",
    "seed_files": "childservices.records.read",
}


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY)
