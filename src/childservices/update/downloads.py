"""Fetching what an update reads: the feed and the reports, from the web or from files.

Every answer is capped at :data:`MAX_DOWNLOAD` bytes. A report is read with
the library's own report reader, keeping the text read in a cache folder when
one is given.
"""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

from childservices.errors import ReportError
from childservices.update.results import UpdateError

if TYPE_CHECKING:
    import datetime

    from childservices.reports import ReportFacts

__all__ = [
    "MAX_DOWNLOAD",
    "feed_bytes",
    "fetch",
    "glob_escape",
    "is_url",
    "report_bytes",
    "report_facts",
]

MAX_DOWNLOAD = 64 * 1024 * 1024
"""The largest feed or report file read (bytes); a larger answer is refused."""


def fetch(url: str, *, timeout: float, what: str) -> bytes:
    """The body at ``url`` (an http(s) address), or :class:`UpdateError` in one line."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            body: bytes = answer.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"{what} {url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise UpdateError(f"{what} {url}: could not be fetched: {reason}") from None
    if len(body) > MAX_DOWNLOAD:
        raise UpdateError(f"{what} {url}: larger than {MAX_DOWNLOAD} bytes; refused")
    return body


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) address."""
    return text.startswith(("http://", "https://"))


def feed_bytes(feed: str | os.PathLike[str], timeout: float) -> tuple[bytes, str]:
    """The feed's bytes, from its address or its file, and where they came from."""
    text = os.fspath(feed)
    if is_url(text):
        return fetch(text, timeout=timeout, what="the feed"), text
    path = Path(text)
    try:
        with path.open("rb") as handle:
            body = handle.read(MAX_DOWNLOAD + 1)
    except OSError as exc:
        raise UpdateError(f"the feed {path}: cannot be read: {exc.strerror or exc}") from None
    if len(body) > MAX_DOWNLOAD:
        raise UpdateError(f"the feed {path}: larger than {MAX_DOWNLOAD} bytes; refused")
    return body, str(path)


def report_bytes(
    link: str, urn: str, published: datetime.date, reports: Path | None, timeout: float
) -> bytes:
    """The report file a feed row links to: downloaded, or found in the folder ``reports``."""
    if reports is None:
        return fetch(link, timeout=timeout, what="the report")
    from childservices.reports.rows import file_name_for

    name = link.rstrip("/").rsplit("/", 1)[-1]
    candidates = [reports / name, reports / f"{name}.pdf"]
    candidates += sorted(reports.glob(f"{urn}_*/{glob_escape(file_name_for(published))}"))
    for path in candidates:
        if path.is_file():
            return path.read_bytes()
    raise UpdateError(
        f"no file for the report {link} in {reports} (looked for {name}, {name}.pdf and "
        f"{urn}_*/{file_name_for(published)})"
    )


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters made literal."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def report_facts(body: bytes, link: str, cache: Path | None) -> ReportFacts:
    """What the report in ``body`` states; an unreadable report is an :class:`UpdateError`."""
    from childservices.reports import read_report_facts

    with tempfile.TemporaryDirectory(prefix="childservices-report-") as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(body)
        try:
            return read_report_facts(path, cache=cache)
        except ReportError as exc:
            message = str(exc).replace(str(path), link)
            raise UpdateError(message) from None
