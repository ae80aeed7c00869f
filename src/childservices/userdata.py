"""Where a user's own data lives: the update runs that ``childservices update`` writes.

The folder is ``$CHILDSERVICES_DATA_DIR`` when that is set, otherwise the
platform's place for a user's application data: ``$XDG_DATA_HOME/childservices``
(``~/.local/share/childservices``) on Linux and other Unix systems,
``~/Library/Application Support/childservices`` on macOS and
``%LOCALAPPDATA%\\childservices`` on Windows. Nothing is ever written into the
installed package.

Each update run is a folder ``updates/run-<UTC time>-<digest>/`` laid out like
the project's ``seeds/`` (``inspections/``, ``judgements/``, ``sources/``),
moved into place whole once written, so a run is either there completely or
not at all. Deleting a run folder (or the whole folder) takes its rows out of
the record; ``childservices update`` would then add them again.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# Only os here: loading the bundled dataset asks whether there are update runs, and
# that must not import pathlib (see tests/test_lazy_imports.py).

__all__ = ["RUN_PREFIX", "data_dir", "run_folders", "update_runs", "updates_dir"]

RUN_PREFIX = "run-"
"""The start of every update run folder's name (the rest sorts in time order)."""


def _data_dir() -> str:
    chosen = os.environ.get("CHILDSERVICES_DATA_DIR")
    if chosen:
        return chosen
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local")
        return os.path.join(base, "childservices")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Application Support", "childservices")
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    return os.path.join(base, "childservices")


def data_dir() -> Path:
    """The user's data folder for this library (it may not exist yet)."""
    from pathlib import Path

    return Path(_data_dir())


def updates_dir(root: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the update runs (under :func:`data_dir` by default)."""
    from pathlib import Path

    return Path(_data_dir() if root is None else root) / "updates"


def run_folders(root: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    """The update run folders (as text), oldest first; none when the folder does not exist."""
    folder = os.path.join(_data_dir() if root is None else os.fspath(root), "updates")
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return ()
    return tuple(
        os.path.join(folder, name)
        for name in sorted(names)
        if name.startswith(RUN_PREFIX) and os.path.isdir(os.path.join(folder, name))
    )


def update_runs(root: str | os.PathLike[str] | None = None) -> tuple[Path, ...]:
    """The update run folders, oldest first (see :func:`run_folders`)."""
    from pathlib import Path

    return tuple(Path(p) for p in run_folders(root))
