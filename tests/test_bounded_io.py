"""Bounded I/O on the update path (issue 26, item 3).

Every network call goes to a server on 127.0.0.1 started here. Each case
failed before the fix: a feed dripping one byte at a time was read for as
long as it dripped (the timeout was each read's), a Content-Length that never
arrives was waited on, a redirect to another origin was followed, a FIFO was
waited on, and a report file or a cache entry was read whole whatever it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import io
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from childservices.errors import ReportError
from childservices.update import UpdateError, downloads
from childservices.update.downloads import fetch, read_file, report_bytes


def _within(seconds: float, call: Callable[[], object]) -> object:
    """``call()``'s result or error, failing the test if it has not ended in ``seconds``."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("result")


class _Server:
    """A loopback server whose answers are functions of the handler (run per request)."""

    def __init__(self, answer: Callable[[http.server.BaseHTTPRequestHandler], None]) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with contextlib.suppress(OSError):  # the client gave up: expected
                    answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Callable[[http.server.BaseHTTPRequestHandler], None]], _Server]]:
    servers: list[_Server] = []

    def start(answer: Callable[[http.server.BaseHTTPRequestHandler], None]) -> _Server:
        servers.append(_Server(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def _drip(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.end_headers()
    for _ in range(100):  # ten seconds, a byte each 0.1 s
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.1)


def test_the_deadline_is_the_whole_download_s(serve: Callable[..., _Server]) -> None:
    server = serve(_drip)
    started = time.monotonic()
    with pytest.raises(UpdateError, match="within the time allowed"):
        _within(5, lambda: fetch(f"{server.url}/feed.csv", timeout=1.0, what="the feed"))
    assert time.monotonic() - started < 2.5


def _promise(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(2 * 1024**3))
    handler.end_headers()
    handler.wfile.flush()
    time.sleep(10)


def test_a_content_length_over_the_cap_is_refused_before_reading(
    serve: Callable[..., _Server],
) -> None:
    server = serve(_promise)
    with pytest.raises(UpdateError, match=r"says it holds 2147483648 bytes.*refused"):
        _within(3, lambda: fetch(server.url, timeout=5.0, what="the feed"))


def test_a_content_length_that_never_arrives_ends_at_the_deadline(
    serve: Callable[..., _Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(downloads, "MAX_DOWNLOAD", 4 * 1024**3)
    server = serve(_promise)
    with pytest.raises(UpdateError, match="within the time allowed"):
        _within(3, lambda: fetch(server.url, timeout=1.0, what="the feed"))


def test_an_answer_without_a_length_is_capped(
    serve: Callable[..., _Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        for _ in range(1000):
            handler.wfile.write(b"y" * 4096)

    monkeypatch.setattr(downloads, "MAX_DOWNLOAD", 64 * 1024)
    server = serve(endless)
    with pytest.raises(UpdateError, match=r"larger than 65536 bytes; refused"):
        _within(5, lambda: fetch(server.url, timeout=5.0, what="the feed"))


def test_a_redirect_stays_on_the_feed_s_origin(serve: Callable[..., _Server]) -> None:
    def body(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "2")
        handler.end_headers()
        handler.wfile.write(b"ok")

    elsewhere = serve(body)

    def redirect(handler: http.server.BaseHTTPRequestHandler) -> None:
        if handler.path == "/here":
            body(handler)
            return
        target = "/here" if handler.path == "/same" else f"{elsewhere.url}/there"
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = serve(redirect)
    assert fetch(f"{server.url}/same", timeout=5.0, what="the feed") == b"ok"
    with pytest.raises(UpdateError, match=r"redirected to another site \(http://127\.0\.0\.1:"):
        fetch(f"{server.url}/away", timeout=5.0, what="the feed")


def test_a_fifo_feed_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.csv"
    os.mkfifo(fifo)
    with pytest.raises(UpdateError, match=r"the feed .*feed\.csv: cannot be read: is a FIFO"):
        _within(3, lambda: read_file(fifo, "the feed"))


def test_a_report_file_is_only_read_when_regular_and_bounded(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    os.mkfifo(folder / "111")
    with pytest.raises(UpdateError, match="is a FIFO"):
        _within(3, lambda: report_bytes("http://x/111", "1", _day(), folder, 1.0))
    big = folder / "222.pdf"
    with big.open("wb") as handle:  # sparse: over the cap, never read
        handle.truncate(downloads.MAX_DOWNLOAD + 1)
    with pytest.raises(UpdateError, match="larger than"):
        _within(3, lambda: report_bytes("http://x/222", "1", _day(), folder, 1.0))


def _day() -> object:
    import datetime

    return datetime.date(2024, 1, 1)


def test_a_cache_entry_that_is_a_fifo_or_a_device_is_not_read(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from childservices.reports.text import extract_text

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(buffer.getvalue())
    digest = hashlib.sha256(buffer.getvalue()).hexdigest()
    cache = tmp_path / "cache"
    cache.mkdir()
    os.mkfifo(cache / f"{digest}-all-pypdf{pypdf.__version__}.txt")
    os.symlink("/dev/zero", cache / f"{digest}-1-pypdf{pypdf.__version__}.txt")
    assert _within(5, lambda: extract_text(pdf, cache=cache)) == ""
    assert _within(5, lambda: extract_text(pdf, pages=1, cache=cache)) == ""


def test_a_report_of_too_many_pages_is_refused(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from childservices.reports.text import MAX_REPORT_PAGES, extract_text

    writer = pypdf.PdfWriter()
    for _ in range(MAX_REPORT_PAGES + 1):
        writer.add_blank_page(width=100, height=100)
    pdf = tmp_path / "report.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(ReportError, match=rf"has {MAX_REPORT_PAGES + 1} pages, more than"):
        extract_text(pdf)


def test_a_feed_that_expands_to_a_million_rows_is_refused(tmp_path: Path) -> None:
    # Failed before the fix: the million rows were each read (20 s) and each skipped.
    openpyxl = pytest.importorskip("openpyxl")
    from childservices.update import FEED_COLUMNS, read_feed
    from childservices.update.feed import MAX_FEED_ROWS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(FEED_COLUMNS))
    sheet.cell(row=1_000_000, column=1, value="x")
    path = tmp_path / "feed.xlsx"
    book.save(path)
    with pytest.raises(UpdateError, match=rf"feed\.xlsx: more than {MAX_FEED_ROWS} rows"):
        _within(10, lambda: read_feed(path))


def test_a_csv_feed_of_too_many_rows_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from childservices.update import FEED_COLUMNS, feed as feed_module, read_feed

    monkeypatch.setattr(feed_module, "MAX_FEED_ROWS", 5)
    path = tmp_path / "feed.csv"
    path.write_text(",".join(FEED_COLUMNS) + "\n" + "1,x\n" * 6, encoding="utf-8")
    with pytest.raises(UpdateError, match="more than 5 rows"):
        read_feed(path)
