"""Record files in the seed format: the tables, and reading them into records.

The names below are imported on first use, so that a module of this package
that needs none of them (:mod:`childservices.records.cells`, which the
command line uses for every table it prints) does not bring in the reader.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """Import a name's module when the name is first used (see ``_LAZY``)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, including those imported on first use."""
    return sorted(set(globals()) | set(_LAZY))
