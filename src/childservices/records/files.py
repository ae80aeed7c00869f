"""Finding and opening users' record files safely.

A user's folder may hold anything: special files (FIFOs, devices, sockets),
links to places outside it, files too big to be records, CSV files in places
the seed format does not read. The functions here decide, before anything is
parsed, which files are read and which are refused, and say why:

- only regular files are opened (a FIFO or a device is refused, never read,
  so nothing hangs or reads forever), and a file is read to at most
  :data:`MAX_FILE_BYTES` bytes, whatever its size claims to be;
- a link that leads out of the folder named is refused unless
  ``follow_links=True`` is given;
- every ``.csv`` file (the extension in any case) in the folder is either
  read, as the table its place names, or reported as not read with the
  reason; folders whose names start with a dot (``.git``) are not looked
  into.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from childservices.errors import DatasetError, FileRefusedError, Problem
from childservices.records.tables import TABLES

if TYPE_CHECKING:
    import hashlib
    from collections.abc import Iterable

__all__ = [
    "MAX_ENTRIES",
    "MAX_FILE_BYTES",
    "MAX_LINE_CHARACTERS",
    "folder_files",
    "open_regular",
    "record_files",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The most bytes one record file may hold (64 MiB); a bigger file is refused unread."""
MAX_LINE_CHARACTERS = 1024 * 1024
"""The longest line a record file may have (a million characters)."""
MAX_ENTRIES = 100_000
"""The most files and folders looked at in one folder given by a user."""
_MAX_DEPTH = 32

PathLike = str | os.PathLike[str]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class _Bounded(io.RawIOBase):
    """The bytes of an open file, refused beyond ``limit`` bytes; fed to ``digest`` as read."""

    def __init__(self, fd: int, limit: int, digest: hashlib._Hash | None) -> None:
        super().__init__()
        self._fd = fd
        self._limit = limit
        self._digest = digest
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = os.read(self._fd, len(buffer))
        self.count += len(data)
        if self.count > self._limit:
            raise FileRefusedError(f"holds more than {self._limit} bytes: not read")
        if self._digest is not None:
            self._digest.update(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self._fd)
            finally:
                super().close()


def open_regular(
    path: PathLike,
    *,
    limit: int = MAX_FILE_BYTES,
    digest: hashlib._Hash | None = None,
) -> io.BufferedReader:
    """Open a regular file for reading, refusing anything else, bounded to ``limit`` bytes.

    Raises :class:`OSError` (:class:`~childservices.errors.FileRefusedError` for a file refused on purpose)
    for a FIFO, device, socket or folder (checked on the opened file, so it
    cannot be swapped in between), for a file whose size is over ``limit``
    (before reading it), and while reading, as soon as more than ``limit``
    bytes have come (a file that grows, or lies about its size). The bytes
    read are fed to ``digest`` when given.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise FileRefusedError(f"is {_kind(mode)}, not a regular file: not read")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefusedError(f"is {_kind(info.st_mode)}, not a regular file: not read")
        if info.st_size > limit:
            raise FileRefusedError(f"is larger than {limit} bytes ({info.st_size} bytes): not read")
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return io.BufferedReader(_Bounded(fd, limit, digest))


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _is_csv(name: str) -> bool:
    return name.casefold().endswith(".csv")


def _holds_csv(folder: Path) -> bool:
    """Whether a folder holds a ``.csv`` file of its own (not in a sub-folder)."""
    try:
        return any(_is_csv(entry.name) and not entry.is_dir() for entry in os.scandir(folder))
    except OSError:
        return False


def folder_files(
    root: PathLike, *, follow_links: bool = False, table: str | None = None
) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs of a user's folder, or every problem found.

    Without ``table``, the folder is laid out like ``seeds/``: each table is
    a sub-folder named after it, holding ``*.csv`` files; a ``<table>.csv``
    at the top of the folder is read as that table too. With ``table``, the
    folder itself holds that table's ``*.csv`` files. Any other ``.csv`` file
    in the folder or below (in a folder that names no table, in a sub-folder
    of a table's folder, a hidden file) is a problem saying why it is not
    read, so no file of records is silently left out. Links that lead out of
    the folder are refused unless ``follow_links``.
    """
    base = Path(root)
    if not base.is_dir():
        raise DatasetError([Problem(file=str(base), message="is not a folder")])
    real_root = base.resolve()
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    seen_dirs = {real_root}
    seen_files: set[Path] = set()
    entries = 0
    # (folder as the user names it, depth, the table it holds or None, why it is not read)
    stack: list[tuple[Path, int, str | None, str | None]] = [(base, 0, table, None)]
    while stack:
        folder, depth, folder_table, not_read = stack.pop()
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(file=str(folder), message=f"cannot be read: {exc.strerror or exc}")
            )
            continue
        later: list[tuple[Path, int, str | None, str | None]] = []
        for entry in children:
            entries += 1
            if entries > MAX_ENTRIES:
                problems.append(
                    Problem(
                        file=str(base),
                        message=f"holds more than {MAX_ENTRIES} files and folders: not read",
                    )
                )
                raise DatasetError(problems)
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_link, is_dir = False, False
            if is_link:
                target = path.resolve()
                if not follow_links and not _within(target, real_root):
                    if is_dir or _is_csv(entry.name):
                        problems.append(
                            Problem(
                                file=str(path),
                                message=f"is a link to {target}, outside {base}: not followed "
                                "(follow_links=True, or --follow-links, follows it)",
                            )
                        )
                    continue
            if is_dir:
                if entry.name.startswith("."):
                    continue
                if _is_csv(entry.name):
                    problems.append(
                        Problem(file=str(path), message="is a folder, not a regular file: not read")
                    )
                    continue
                real = path.resolve()
                if real in seen_dirs:
                    continue
                seen_dirs.add(real)
                if depth + 1 > _MAX_DEPTH:
                    problems.append(
                        Problem(
                            file=str(path),
                            message=f"is nested deeper than {_MAX_DEPTH} folders: not read",
                        )
                    )
                    continue
                if not_read is not None:
                    reason = not_read
                elif folder_table is not None:
                    reason = f"it is in a sub-folder of the folder of table {folder_table!r}"
                elif depth == 0 and entry.name in TABLES:
                    later.append((path, depth + 1, entry.name, None))
                    continue
                elif depth == 0 and entry.name.casefold() in TABLES:
                    reason = (
                        f"its folder {entry.name!r} is not a table name: table folders are "
                        f"named in lower case ({entry.name.casefold()!r})"
                    )
                else:
                    reason = f"its folder {entry.name!r} is not a table ({', '.join(TABLES)})"
                later.append((path, depth + 1, None, reason))
                continue
            if not _is_csv(entry.name):
                continue
            if entry.name.startswith("."):
                why: str | None = "it is a hidden file"
            elif not_read is not None:
                why = not_read
            elif folder_table is not None:
                why = None
            elif depth == 0 and Path(entry.name).stem in TABLES:
                folder_table_here = Path(entry.name).stem
                real = path.resolve()
                if real not in seen_files:
                    seen_files.add(real)
                    found.append((folder_table_here, path))
                continue
            else:
                why = (
                    "it is not in a folder named after its table, nor named <table>.csv "
                    f"({', '.join(TABLES)})"
                )
            if why is not None:
                problems.append(Problem(file=str(path), message=f"is not read: {why}"))
                continue
            assert folder_table is not None
            real = path.resolve()
            if real not in seen_files:
                seen_files.add(real)
                found.append((folder_table, path))
        stack.extend(reversed(later))
    if problems:
        raise DatasetError(problems)
    return sorted(found, key=lambda item: (list(TABLES).index(item[0]), str(item[1])))


def record_files(
    paths: Iterable[PathLike], *, follow_links: bool = False
) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs named by users' paths, or every problem found.

    A folder is read like ``seeds/`` (one sub-folder per table, see
    :func:`folder_files`), unless it is itself named after a table. A file's
    table is its folder's name if that is a table, else its own name without
    ``.csv`` (in any case). A file named directly is read even when it is a
    link (you named it); links inside a folder that lead out of it are
    refused unless ``follow_links``.
    """
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            try:
                if path.name in TABLES and _holds_csv(path):
                    files = folder_files(path, follow_links=follow_links, table=path.name)
                else:
                    files = folder_files(path, follow_links=follow_links)
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
        elif path.exists() or path.is_symlink():
            if path.parent.name in TABLES:
                found.append((path.parent.name, path))
            elif path.stem in TABLES and path.suffix.casefold() == ".csv":
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
