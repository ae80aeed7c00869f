"""Getting the text out of an Ofsted report file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from childservices.errors import ReportError

__all__ = ["MAX_REPORT_BYTES", "MAX_REPORT_PAGES", "MAX_TEXT_BYTES", "check_pdf", "extract_text"]

_PDF_MAGIC = b"%PDF"

MAX_REPORT_BYTES = 64 * 1024 * 1024
"""The largest report file read (the largest of Ofsted's is a few megabytes)."""
MAX_REPORT_PAGES = 300
"""The most pages a report may have (the longest of the 493 in ../shared has 58); a PDF with
more is refused before any page is read."""
MAX_TEXT_BYTES = 16 * 1024 * 1024
"""The largest cache entry (a report's text) read back."""


def check_pdf(path: Path) -> None:
    """Raise :class:`ReportError` unless the file at ``path`` starts like a PDF.

    Some files Ofsted's listing calls PDFs are web pages saved under a
    ``.pdf`` name; they are reported as such rather than half-read. Only a
    regular file of at most :data:`MAX_REPORT_BYTES` is read: a FIFO or a
    device is refused, never waited on.
    """
    from childservices.records.files import open_regular

    try:
        with open_regular(path, limit=MAX_REPORT_BYTES) as handle:
            start = handle.read(1024)
    except OSError as exc:
        raise ReportError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if start.startswith(_PDF_MAGIC):
        return
    lowered = start.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        raise ReportError(
            f"{path}: not a PDF (looks like HTML): a web page saved under a .pdf name"
        )
    if not start:
        raise ReportError(f"{path}: not a PDF: the file is empty")
    raise ReportError(f"{path}: not a PDF: it does not start with '%PDF'")


def _read_bounded(path: Path, limit: int, digest: hashlib._Hash | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), read in chunks."""
    from childservices.records.files import open_regular

    chunks = []
    with open_regular(path, limit=limit, digest=digest) as handle:
        while chunk := handle.read(1 << 20):
            chunks.append(chunk)
    return b"".join(chunks)


def _cached(entry: Path) -> str | None:
    """The text kept in the cache entry ``entry``: only a regular file, bounded."""
    try:
        return _read_bounded(entry, MAX_TEXT_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # not cached yet, or a damaged entry (or not a file): read the PDF again


def extract_text(path: Path, *, pages: int | None = None, cache: Path | None = None) -> str:
    """The text of the PDF at ``path``, pages separated by form feeds.

    Only the first ``pages`` pages when given. Needs the optional dependency
    pypdf (the ``reports`` extra; without it :class:`~childservices.MissingExtraError`).
    ``cache`` is a folder in which to keep each
    text, keyed by the file's content, the pages read and pypdf's version, so
    that reading the same file again costs nothing; the folder is created if
    need be and is safe to delete at any time. Only regular files are read
    (the report and the cache entry alike), in bounded chunks; a report of
    more than :data:`MAX_REPORT_PAGES` pages is refused unread.
    """
    check_pdf(path)
    pypdf = _pypdf()
    hashed = hashlib.sha256()
    try:
        body = _read_bounded(path, MAX_REPORT_BYTES, hashed)
    except OSError as exc:
        raise ReportError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    entry = None
    if cache is not None:
        entry = cache / f"{hashed.hexdigest()}-{pages or 'all'}-pypdf{pypdf.__version__}.txt"
        kept = _cached(entry)
        if kept is not None:
            return kept
    text = _pdf_text(pypdf, body, path, pages)
    if entry is not None:
        _write_atomically(entry, text)
    return text


def _pdf_text(pypdf: ModuleType, body: bytes, path: Path, pages: int | None) -> str:
    """The text of the PDF ``body``: its first ``pages`` pages, or all of them."""
    import io

    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        count = _claimed_pages(reader)  # the page tree's own count: nothing walked yet
        if count <= MAX_REPORT_PAGES:
            count = len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise ReportError(f"{path}: the PDF could not be read: {exc}") from exc
    if count > MAX_REPORT_PAGES and (pages is None or pages > MAX_REPORT_PAGES):
        raise ReportError(
            f"{path}: has {count} pages, more than any report ({MAX_REPORT_PAGES}); not read"
        )
    try:
        chosen = reader.pages if pages is None else reader.pages[:pages]
        return "\n\f".join(page.extract_text() or "" for page in chosen)
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise ReportError(f"{path}: the PDF could not be read: {exc}") from exc


def _claimed_pages(reader: Any) -> int:
    """The number of pages the PDF's page tree says it has (0 when it says nothing)."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
    except Exception:  # a damaged tree: the pages are counted by walking it
        return 0
    return count if isinstance(count, int) else 0


def _pypdf() -> ModuleType:
    from childservices.extras import require

    return require("pypdf", feature="reading Ofsted report PDFs")


def _write_atomically(entry: Path, text: str) -> None:
    """Write a cache entry so that another process never reads half of it."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
