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

import attrs

from childservices.data.schema import TABLES
from childservices.errors import DatasetError, FileRefusedError, Problem

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
    walk = _Walk(base=base, real_root=base.resolve(), follow_links=follow_links)
    walk.seen_dirs.add(walk.real_root)
    stack: list[_Folder] = [_Folder(base, 0, table, None)]
    while stack:
        stack.extend(reversed(walk.folder(stack.pop())))
    if walk.problems:
        raise DatasetError(walk.problems)
    return sorted(walk.found, key=lambda item: (list(TABLES).index(item[0]), str(item[1])))


@attrs.frozen
class _Folder:
    """A folder to look into: as the user names it, how deep, the table it holds (if any), and
    why its files are not read (if they are not)."""

    path: Path
    depth: int
    table: str | None
    not_read: str | None


@attrs.define
class _Walk:
    """A walk through a user's folder: the record files found, and the problems."""

    base: Path
    real_root: Path
    follow_links: bool
    found: list[tuple[str, Path]] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)
    seen_dirs: set[Path] = attrs.Factory(set)
    seen_files: set[Path] = attrs.Factory(set)
    entries: int = 0

    def folder(self, folder: _Folder) -> list[_Folder]:
        """Look at a folder's entries (in order of name); return its sub-folders to look into."""
        try:
            children = sorted(os.scandir(folder.path), key=lambda e: e.name)
        except OSError as exc:
            self.problems.append(
                Problem(file=str(folder.path), message=f"cannot be read: {exc.strerror or exc}")
            )
            return []
        later: list[_Folder] = []
        for entry in children:
            self._count()
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_link, is_dir = False, False
            if is_link and self._leaves(entry, path, is_dir):
                continue
            if is_dir:
                sub = self._sub_folder(entry, path, folder)
                if sub is not None:
                    later.append(sub)
            else:
                self._file(entry, path, folder)
        return later

    def _count(self) -> None:
        """Count one more entry; stop the walk when there are too many."""
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            self.problems.append(
                Problem(
                    file=str(self.base),
                    message=f"holds more than {MAX_ENTRIES} files and folders: not read",
                )
            )
            raise DatasetError(self.problems)

    def _leaves(self, entry: os.DirEntry[str], path: Path, is_dir: bool) -> bool:
        """Whether a link leads out of the folder and is not followed (reported if it matters)."""
        target = path.resolve()
        if self.follow_links or _within(target, self.real_root):
            return False
        if is_dir or _is_csv(entry.name):
            self.problems.append(
                Problem(
                    file=str(path),
                    message=f"is a link to {target}, outside {self.base}: not followed "
                    "(follow_links=True, or --follow-links, follows it)",
                )
            )
        return True

    def _sub_folder(self, entry: os.DirEntry[str], path: Path, parent: _Folder) -> _Folder | None:
        """A sub-folder to look into (and why its files are not read), or ``None``."""
        if entry.name.startswith("."):
            return None
        if _is_csv(entry.name):
            self.problems.append(
                Problem(file=str(path), message="is a folder, not a regular file: not read")
            )
            return None
        real = path.resolve()
        if real in self.seen_dirs:
            return None
        self.seen_dirs.add(real)
        depth = parent.depth + 1
        if depth > _MAX_DEPTH:
            self.problems.append(
                Problem(
                    file=str(path), message=f"is nested deeper than {_MAX_DEPTH} folders: not read"
                )
            )
            return None
        if parent.not_read is not None:
            reason = parent.not_read
        elif parent.table is not None:
            reason = f"it is in a sub-folder of the folder of table {parent.table!r}"
        elif parent.depth == 0 and entry.name in TABLES:
            return _Folder(path, depth, entry.name, None)
        elif parent.depth == 0 and entry.name.casefold() in TABLES:
            reason = (
                f"its folder {entry.name!r} is not a table name: table folders are "
                f"named in lower case ({entry.name.casefold()!r})"
            )
        else:
            reason = f"its folder {entry.name!r} is not a table ({', '.join(TABLES)})"
        return _Folder(path, depth, None, reason)

    def _file(self, entry: os.DirEntry[str], path: Path, folder: _Folder) -> None:
        """Take a ``.csv`` file as its table's, or report why it is not read."""
        if not _is_csv(entry.name):
            return
        if entry.name.startswith("."):
            why: str | None = "it is a hidden file"
        elif folder.not_read is not None:
            why = folder.not_read
        elif folder.table is not None:
            why = None
        elif folder.depth == 0 and Path(entry.name).stem in TABLES:
            self._add(Path(entry.name).stem, path)
            return
        else:
            why = (
                "it is not in a folder named after its table, nor named <table>.csv "
                f"({', '.join(TABLES)})"
            )
        if why is not None:
            self.problems.append(Problem(file=str(path), message=f"is not read: {why}"))
            return
        assert folder.table is not None
        self._add(folder.table, path)

    def _add(self, table: str, path: Path) -> None:
        """Take a file as ``table``'s, once (a file reached twice through links is read once)."""
        real = path.resolve()
        if real not in self.seen_files:
            self.seen_files.add(real)
            self.found.append((table, path))


def record_files(
    paths: Iterable[PathLike], *, follow_links: bool = False
) -> list[tuple[str, Path]]:
    """The ``(table, file)`` pairs named by users' paths, or every problem found.

    A folder is read like ``seeds/`` (one sub-folder per table, see
    :func:`folder_files`), unless it is itself named after a table. A file's
    table is its folder's name if that is a table, else its own name without
    ``.csv`` (in any case); a ``.json`` file is read as the library's JSON export (every
    table in its ``tables``). A file named directly is read even when it is a
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
            elif path.suffix.casefold() == ".json":
                # The library's JSON export (export --format json): every table it holds.
                found.extend((name, path) for name in TABLES)
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
