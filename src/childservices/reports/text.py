"""Getting the text out of an Ofsted report file."""

from __future__ import annotations

from pathlib import Path

from childservices.errors import ReportError

__all__ = ["check_pdf", "extract_text"]

_PDF_MAGIC = b"%PDF"


def check_pdf(path: Path) -> None:
    """Raise :class:`ReportError` unless the file at ``path`` starts like a PDF.

    Some files Ofsted's listing calls PDFs are web pages saved under a
    ``.pdf`` name; they are reported as such rather than half-read.
    """
    try:
        with path.open("rb") as handle:
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


def extract_text(path: Path, *, pages: int | None = None) -> str:
    """The text of the PDF at ``path``, pages separated by form feeds.

    Only the first ``pages`` pages when given. Needs the optional dependency
    pypdf (``pip install childservices[reports]``).
    """
    check_pdf(path)
    try:
        import pypdf
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ReportError(
            "reading Ofsted report PDFs needs pypdf: pip install childservices[reports]"
        ) from exc
    try:
        reader = pypdf.PdfReader(str(path))
        chosen = reader.pages if pages is None else reader.pages[:pages]
        return "\n\f".join(page.extract_text() or "" for page in chosen)
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise ReportError(f"{path}: the PDF could not be read: {exc}") from exc
