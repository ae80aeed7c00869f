"""One update at a time in a data folder: a lock held for the whole run, and a reset.

Two updates of the same data folder at once would each build on the runs
they saw and write a run of the same rows. :func:`data_lock` takes an
exclusive lock (``fcntl.flock``, or ``msvcrt.locking`` on Windows) on the file
:data:`LOCK_NAME` in the data folder for the whole update: a second update
waits for it (up to ``wait`` seconds), then sees the first one's run. The
operating system releases the lock when the process ends, however it ends, so
a killed update never leaves the folder locked. Folders a killed run was
writing (``updates/.partial-*``) are never read, and are removed by the next
update.

:func:`reset` removes every update run, for a data folder whose runs no
longer load (``childservices update --reset``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from childservices.update.results import UpdateError

__all__ = ["LOCK_NAME", "LOCK_WAIT", "data_lock", "remove_partial_runs", "repair_hint", "reset"]

LOCK_NAME = ".update.lock"
"""The lock file in the data folder (it holds the process id of the update holding it)."""
LOCK_WAIT = 600.0
"""How long (seconds) an update waits for another update of the same folder to end."""
_PARTIAL = ".partial-"


def repair_hint(root: Path) -> str:
    """The command that repairs the data folder ``root``, in words."""
    return (
        f"run 'childservices update --reset --data-dir {root}' to remove every update run "
        f"(then 'childservices update' adds them again), or delete {root / 'updates'}"
    )


def _try_lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; whether it was taken."""
    if sys.platform == "win32":  # pragma: no cover - not run on the project's machines
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """Who holds the lock, as the lock file says."""
    try:
        said = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "another process"
    return f"process {said}" if said.isdigit() else "another process"


@contextlib.contextmanager
def data_lock(root: Path, *, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the data folder's update lock, waiting up to ``wait`` seconds for it.

    Raises :class:`~childservices.update.UpdateError` naming the folder and the
    process holding the lock when it is not free in time.
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise UpdateError(
            f"the data folder {root}: cannot take the update lock: {exc.strerror or exc}"
        ) from None
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise UpdateError(
                    f"the data folder {root}: another update ({_holder(fd)}) is still running "
                    f"after {wait:g} s; try again when it has ended"
                )
            time.sleep(0.05)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def remove_partial_runs(root: Path) -> None:
    """Remove what killed updates left half-written (never read; call under the lock)."""
    folder = root / "updates"
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith(_PARTIAL):
                shutil.rmtree(entry, ignore_errors=True)


def reset(data_dir: str | os.PathLike[str] | None = None, *, wait: float = LOCK_WAIT) -> int:
    """Remove every update run from the data folder (under the lock); how many were removed.

    The record is then as released with the library; ``childservices update``
    adds the newer inspections again. The runs are first moved aside in one
    rename, so a reset that is interrupted leaves either every run or none.
    """
    from childservices.userdata import RUN_PREFIX, data_dir as default_data_dir

    root = default_data_dir() if data_dir is None else Path(data_dir)
    folder = root / "updates"
    if not folder.exists():
        return 0
    with data_lock(root, wait=wait):
        runs = [p for p in folder.iterdir() if p.name.startswith(RUN_PREFIX)]
        aside = root / f"{_PARTIAL}removed-{os.getpid()}"
        try:
            os.rename(folder, aside)
        except OSError as exc:
            raise UpdateError(
                f"the data folder {root}: cannot remove {folder}: {exc.strerror or exc}"
            ) from None
        shutil.rmtree(aside, ignore_errors=True)
    return len(runs)
