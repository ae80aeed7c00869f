"""Fetching what an update reads: the feed and the reports, from the web or from files.

Every answer is capped at :data:`MAX_DOWNLOAD` bytes and fetched within one
deadline; redirects stay on the address's origin; only regular files are read,
in bounded chunks. A report is read with
the library's own report reader, keeping the text read in a cache folder when
one is given.
"""

from __future__ import annotations

import http.client
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    "read_file",
    "report_bytes",
    "report_facts",
]

MAX_DOWNLOAD = 64 * 1024 * 1024
"""The largest feed or report file read (bytes); a larger answer is refused."""


_CHUNK = 1 << 20
"""Files and answers are read this many bytes at a time."""


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the same scheme, host and port as the address asked for."""

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if _origin(newurl) != _origin(req.full_url):
            raise UpdateError(
                f"{req.full_url}: redirected to another site ({_origin(newurl)}); not followed"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{port}"


def _read_before(answer: Any, deadline: float, what: str, url: str) -> bytes:
    """The answer's body, read in chunks, refused past :data:`MAX_DOWNLOAD` or the deadline."""
    declared = answer.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > MAX_DOWNLOAD:
        raise UpdateError(
            f"{what} {url}: says it holds {declared.strip()} bytes, more than "
            f"{MAX_DOWNLOAD}; refused"
        )
    sock = getattr(getattr(getattr(answer, "fp", None), "raw", None), "_sock", None)
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise UpdateError(
                f"{what} {url}: not received in full within the time allowed; refused"
            )
        if sock is not None:
            sock.settimeout(left)
        chunk = answer.read1(_CHUNK) if hasattr(answer, "read1") else answer.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_DOWNLOAD:
            raise UpdateError(f"{what} {url}: larger than {MAX_DOWNLOAD} bytes; refused")
        chunks.append(chunk)


def fetch(url: str, *, timeout: float, what: str) -> bytes:
    """The body at ``url`` (an http(s) address), or :class:`UpdateError` in one line.

    ``timeout`` is the whole download's deadline in seconds (connecting, waiting
    and every read together), not each read's; the body is capped at
    :data:`MAX_DOWNLOAD` bytes (a larger Content-Length is refused before
    reading); a redirect is followed only on the same origin.
    """
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_SameOrigin)
    try:
        with opener.open(url, timeout=timeout) as answer:
            return _read_before(answer, deadline, what, url)
    except UpdateError:
        raise
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"{what} {url}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", None) or exc
        if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
            reason = "no answer within the time allowed"
        raise UpdateError(f"{what} {url}: could not be fetched: {reason}") from None


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) address."""
    return text.startswith(("http://", "https://"))


def read_file(path: Path, what: str) -> bytes:
    """The bytes of the regular file ``path``, read in chunks, capped at :data:`MAX_DOWNLOAD`.

    A FIFO, a device or a folder is refused unread (the opener of users' folders,
    :func:`~childservices.records.files.open_regular`).
    """
    from childservices.records.files import open_regular

    chunks: list[bytes] = []
    try:
        with open_regular(path, limit=MAX_DOWNLOAD) as handle:
            while chunk := handle.read(_CHUNK):
                chunks.append(chunk)
    except OSError as exc:
        raise UpdateError(f"{what} {path}: cannot be read: {exc.strerror or exc}") from None
    return b"".join(chunks)


def feed_bytes(feed: str | os.PathLike[str], timeout: float) -> tuple[bytes, str]:
    """The feed's bytes, from its address or its file, and where they came from."""
    text = os.fspath(feed)
    if is_url(text):
        return fetch(text, timeout=timeout, what="the feed"), text
    return read_file(Path(text), "the feed"), text


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
        if os.path.lexists(path):
            return read_file(path, "the report")
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
