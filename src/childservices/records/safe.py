"""Writing files safely: what every writer of the library promises, in one place.

- **Inert cells.** A spreadsheet runs a cell that starts with ``=``, ``+``,
  ``-`` or ``@`` as a formula; :func:`inert_cell` puts an apostrophe before
  such text, so a CSV file the library writes runs nothing when opened (the
  seed reader takes the apostrophe away again:
  :func:`childservices.records.cells.restore`).
- **No overwriting unasked.** A file that exists is replaced only with
  ``overwrite=True`` (``--force`` on the command line); otherwise
  :class:`~childservices.ExportError` names it and nothing is written.
- **Never through a link.** A link where a file (or, for a set of files, a
  sub-folder) goes is an error even with ``overwrite``: the link is not
  followed and what it points to is left alone. A folder you name yourself
  may be a link.
- **Whole or not at all.** Everything is written to a temporary file or
  folder beside its place and then moved into place, so a failure (a full
  disk, a name taken by a folder) leaves nothing half-written; the error
  names the file.

:func:`write_files` writes a set of files (an export folder);
:func:`write_text_atomically` and :func:`write_atomically` write one file
(the second hands a temporary path to a writer such as a workbook's
``save``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from childservices.data.schema import TABLES
from childservices.errors import ExportError
from childservices.records.cells import inert

__all__ = ["inert_cell", "write_atomically", "write_files", "write_text_atomically"]

_LINK = "is a link: an export never writes through a link"


def inert_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet will not run as a formula (an apostrophe before it).

    A number (``-5``, ``+1.5``) is left as it is. See
    :func:`childservices.records.cells.inert`.

    >>> inert_cell("=1+1"), inert_cell("-5"), inert_cell("plain")
    ("'=1+1", '-5', 'plain')
    """
    return inert(text)


def write_text_atomically(
    path: str | os.PathLike[str], text: str, *, overwrite: bool = False
) -> Path:
    """Write ``text`` (UTF-8, line ends as given) to ``path``, whole or not at all.

    See :func:`write_atomically` for what is refused.
    """
    return write_atomically(
        path, lambda temporary: _write_text(temporary, text), overwrite=overwrite
    )


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="")


def write_atomically(
    path: str | os.PathLike[str], write: Callable[[Path], None], *, overwrite: bool = False
) -> Path:
    """Have ``write`` write a temporary file beside ``path``, then move it into place.

    Returns the path written. Raises :class:`~childservices.ExportError` when
    ``path`` exists and ``overwrite`` is not given, when it is a link (even
    with ``overwrite``) or something other than a file, and when the disk
    refuses (the temporary file is then removed). The folder must exist. An
    error raised by ``write`` itself is raised as it is, after the temporary
    file is removed.
    """
    target = Path(path)
    if target.is_symlink():
        raise ExportError(target, _LINK)
    if target.exists():
        if not target.is_file():
            raise ExportError(target, "is in the way: a file of the export goes there")
        if not overwrite:
            raise ExportError(
                target,
                "already exists: pass overwrite=True (--force on the command line) to replace it",
            )
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{_short(target.name)}.", suffix=".tmp", dir=target.parent
        )
        os.close(handle)
    except OSError as exc:
        raise ExportError(target, f"cannot be written: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        _let_go(exc)
        temporary.unlink(missing_ok=True)
        if isinstance(exc, ExportError):
            raise
        raise ExportError(target, f"cannot be written: {exc.strerror or exc}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


_NAME_BYTES = 200
"""The most bytes of a file's name a temporary name repeats: with the dot, random letters and
``.tmp`` it stays under the 255 bytes a name may have on common file systems."""


def _short(name: str) -> str:
    """The start of ``name``, at most :data:`_NAME_BYTES` bytes in UTF-8 (whole characters)."""
    data = name.encode("utf-8", "surrogateescape")
    if len(data) <= _NAME_BYTES:
        return name
    return data[:_NAME_BYTES].decode("utf-8", "ignore")


def _let_go(exc: BaseException) -> None:
    """Release what the failed writer's frames still hold, quietly.

    A writer that failed half-way (a workbook's zip archive on a full disk)
    leaves an open file in its frames; when it is collected it tries to
    finish, fails again and Python prints "Exception ignored" with a
    traceback. The failure is already reported, naming the file: the frames
    are cleared here, with such second failures not printed.
    """
    import sys
    import traceback

    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        traceback.clear_frames(exc.__traceback__)
    finally:
        sys.unraisablehook = hook


def write_files(
    folder: str | os.PathLike[str],
    texts: dict[str, str],
    *,
    overwrite: bool = False,
    records: bool = False,
) -> list[Path]:
    """Write ``texts`` (relative name, ``/``-separated -> text) under ``folder``, all or nothing.

    - A file that already exists is replaced only with ``overwrite``;
      otherwise nothing is written and :class:`~childservices.ExportError`
      names it.
    - Nothing is written through a link: a link inside ``folder``, where a
      file or sub-folder of the export goes, is an error even with
      ``overwrite`` (``folder`` itself may be a link: you named it).
    - Every file is first written to a temporary folder beside or inside
      ``folder`` and then moved into place, so a failure (a full disk, a name
      that is taken by a folder) leaves nothing half-written: the temporary
      folder is removed and the error names the file.
    - With ``records``, other ``.csv`` files in the table folders (or named
      ``<table>.csv`` at the top), which :func:`~childservices.load_seeds`
      would read together with the export, are refused too.
    """
    root = Path(folder)
    targets = {name: root.joinpath(*name.split("/")) for name in texts}
    existing = _check_targets(root, targets, records)
    if existing and not overwrite:
        more = f" (and {len(existing) - 1} more files of the export)" if len(existing) > 1 else ""
        raise ExportError(
            existing[0],
            f"already exists{more}: pass overwrite=True (--force on the command line) "
            "to replace the export's files",
        )
    fresh = not root.exists() or (
        root.is_dir() and not root.is_symlink() and not any(root.iterdir())
    )
    temporary = _temporary_folder(root, fresh)
    try:
        _write_into(temporary, texts, targets)
        if fresh:
            try:
                os.replace(temporary, root)
                return list(targets.values())
            except OSError:
                # An empty folder that cannot be replaced (Windows; a mount point): move
                # the files into it one by one.
                pass
        _move_into_place(temporary, targets)
        return list(targets.values())
    finally:
        if temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)


def _temporary_folder(root: Path, fresh: bool) -> Path:
    """A new temporary folder beside ``root`` (when it is new or empty) or inside it."""
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        if root.exists() and not root.is_dir():
            raise ExportError(root, "is not a folder")
        place = root.parent if fresh else root
        return Path(tempfile.mkdtemp(prefix=".childservices-export-", dir=place))
    except OSError as exc:
        if isinstance(exc, ExportError):
            raise
        raise ExportError(
            getattr(exc, "filename", None) or root, exc.strerror or str(exc)
        ) from None


def _write_into(temporary: Path, texts: dict[str, str], targets: dict[str, Path]) -> None:
    """Write every text into the temporary folder; an error names the file's real place."""
    for name, text in texts.items():
        path = temporary.joinpath(*name.split("/"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_text(path, text)
        except OSError as exc:
            raise ExportError(targets[name], f"cannot be written: {exc.strerror or exc}") from None


def _move_into_place(temporary: Path, targets: dict[str, Path]) -> None:
    """Move each written file from the temporary folder to its place, never through a link."""
    for name, target in targets.items():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.parent.is_symlink():
                raise ExportError(target.parent, _LINK)
            os.replace(temporary.joinpath(*name.split("/")), target)
        except OSError as exc:
            if isinstance(exc, ExportError):
                raise
            raise ExportError(target, f"cannot be written: {exc.strerror or exc}") from None


def _check_targets(root: Path, targets: dict[str, Path], records: bool) -> list[Path]:
    """The export's files that exist already; an error for a link, or a record file in the way."""
    if not root.exists():
        if root.is_symlink():
            raise ExportError(root, "is a link to nothing: not written through")
        return []
    if not root.is_dir():
        raise ExportError(root, "is not a folder")
    existing = []
    for target in targets.values():
        part = root
        for name in target.relative_to(root).parts:
            part = part / name
            if part.is_symlink():
                raise ExportError(part, _LINK)
        if target.exists():
            if not target.is_file():
                raise ExportError(target, "is in the way: a file of the export goes there")
            existing.append(target)
        elif target.parent != root and target.parent.exists() and not target.parent.is_dir():
            raise ExportError(target.parent, "is in the way: a folder of the export goes there")
    if records:
        _refuse_other_record_files(root, set(targets.values()))
    return existing


def _refuse_other_record_files(root: Path, ours: set[Path]) -> None:
    """Refuse a record file that :func:`~childservices.load_seeds` would read with the export."""
    for name in TABLES:
        places = [root / f"{name}.csv"]
        if (root / name).is_dir():
            places.extend(p for p in (root / name).iterdir() if p.name.casefold().endswith(".csv"))
        for place in places:
            if (place.exists() or place.is_symlink()) and place not in ours:
                raise ExportError(
                    place,
                    "is a record file that load_seeds would read together with the export: "
                    "export to an empty folder, or move it away",
                )
