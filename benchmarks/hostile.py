"""Benchmark: the hostile files of the reliability issue, each refused within 2 s and 200 MB.

Run from the checkout (with the project and its ``update`` extra installed)::

    python benchmarks/hostile.py

It writes each hostile file itself, in a temporary folder, then times a
fresh interpreter refusing it and reads the interpreter's peak resident
memory (``ru_maxrss``):

- a PDF of 20,000 pages that all share one content stream (3 MB; read by
  ``read_report_facts``, as ``childservices read-report`` does), and one of
  50,000 pages;
- an xlsx feed whose sheet expands to a million rows (read by
  ``read_feed``, as ``childservices update --feed`` does).

Each must end in the library's error (``ReportError``, ``UpdateError``);
the figures are printed, and the script exits 1 if a case goes over its
target or is not refused.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0
TARGET_MIB = 200.0

CODE = """
import resource, sys
from pathlib import Path
import childservices as cs
kind, path = sys.argv[1:]
try:
    if kind == "pdf":
        from childservices.reports import read_report_facts
        read_report_facts(Path(path))
    else:
        from childservices.update import read_feed
        read_feed(path)
except (cs.ReportError, cs.UpdateError) as exc:
    print("refused:", str(exc)[-90:])
else:
    print("read")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def pdf_of_pages(path: Path, pages: int) -> None:
    """A PDF of ``pages`` pages sharing one content stream."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 100 Td (the same words on every page) Tj ET")
    shared = writer._add_object(stream)
    page[NameObject("/Contents")] = shared
    for _ in range(pages - 1):
        writer.add_page(page)
    with path.open("wb") as handle:
        writer.write(handle)


def feed_of_rows(path: Path, rows: int) -> None:
    """An xlsx feed of the right header whose sheet expands to ``rows`` rows: one row at the
    top and one at the bottom, every row between empty (a small file)."""
    from openpyxl import Workbook

    from childservices.update import FEED_COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append(list(FEED_COLUMNS))
    sheet.cell(row=2, column=1, value="x")
    sheet.cell(row=rows, column=1, value="x")
    book.save(path)


def measure(kind: str, path: Path) -> tuple[float, float, str]:
    """Seconds, peak MiB and the outcome of a fresh interpreter reading ``path``."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CODE, kind, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    outcome, peak = done.stdout.strip().rsplit("\n", 1)
    return seconds, int(peak) / 1024, outcome


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = []
        for pages in (20_000, 50_000):  # the issue's: 23 s and 380 MB, 61 s and 906 MB
            path = folder / f"pages-{pages}.pdf"
            pdf_of_pages(path, pages)
            cases.append((f"PDF of {pages:,} pages, one stream", "pdf", path))
        path = folder / "million.xlsx"
        feed_of_rows(path, 1_000_000)
        cases.append(("xlsx feed of 1,000,000 rows", "feed", path))  # the issue's: 20 s, 386 MB
        print(f"{'case':<36} {'MB file':>8} {'s':>6} {'MiB':>6}  outcome")
        for name, kind, path in cases:
            seconds, mib, outcome = measure(kind, path)
            size = path.stat().st_size / 1e6
            print(f"{name:<36} {size:>8.2f} {seconds:>6.2f} {mib:>6.0f}  {outcome}")
            over = seconds > TARGET_SECONDS or mib > TARGET_MIB
            failed = failed or over or not outcome.startswith("refused")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
