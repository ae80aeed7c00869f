"""How long ``childservices update`` takes for 60 new reports, and how much of it is reading PDFs.

A loopback HTTP server (127.0.0.1, a free port, stopped at the end) serves
the 29 June 2026 summary snapshot from ../shared as the feed, its links
pointed at the server, and the report PDFs from ../shared. The record the
update starts from is the bundled one without the inspections of the 60
newest feed rows, so the update downloads, reads, checks and writes 60
reports. No text cache is used: every PDF is read. Then the same 60 PDFs
are read alone (:func:`childservices.reports.read_report_facts`), one after
the other, to show what share of the update that is. Figures from one run:
compare the ratios, not the absolute times, across machines.

Run from the repository root, with ../shared beside it::

    python benchmarks/update.py
"""

from __future__ import annotations

import csv
import datetime
import http.server
import io
import sys
import tempfile
import threading
import time
from pathlib import Path

import attrs

import childservices as cs
from childservices.reports import read_report_facts
from childservices.reports.rows import file_name_for
from childservices.update import FEED_COLUMNS, SAME_INSPECTION_DAYS, update

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "sources"
REPORTS = 60


def published(row: dict[str, str]) -> datetime.date:
    text = row["publication_date"]
    return datetime.datetime.strptime(text, "%d/%m/%y" if len(text) == 8 else "%d/%m/%Y").date()


def main() -> int:
    snapshot = SHARED / "ilacs-summary-snapshots" / "2026-06-29.csv"
    if not snapshot.exists():
        print(f"needs {snapshot}", file=sys.stderr)
        return 2
    with snapshot.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        pdfs = []
        served = []
        for row in rows:
            number = row["inspection_link"].rstrip("/").rsplit("/", 1)[-1]
            (folder,) = (SHARED / "ofsted-reports").glob(f"{row['urn']}_*")
            pdf = folder / file_name_for(published(row))
            files[f"/v1/file/{number}"] = pdf.read_bytes()
            served.append({**row, "inspection_link": f"{url}/v1/file/{number}"})
            pdfs.append((published(row), pdf))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(FEED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(served)
        files["/feed.csv"] = buffer.getvalue().encode()

        newest = sorted(pdfs, key=lambda p: p[0])[-REPORTS:]
        records = cs.load(updates=False).records
        by_urn = {
            i.value: i.authority
            for i in records.authority_identifiers
            if i.scheme is cs.IdentifierScheme.OFSTED_URN
        }
        drop = {(by_urn[pdf.parent.name.split("_")[0]], day) for day, pdf in newest}
        window = datetime.timedelta(days=SAME_INSPECTION_DAYS)
        kept = tuple(
            i
            for i in records.inspections
            if not any(
                i.authority == authority and i.published.last_day() >= day - window
                for authority, day in drop
            )
        )
        base = cs.Dataset.from_records(attrs.evolve(records, inspections=kept))

        with tempfile.TemporaryDirectory() as data:
            start = time.perf_counter()
            result = update(feed=f"{url}/feed.csv", data_dir=data, base=base)
            whole = time.perf_counter() - start
        start = time.perf_counter()
        for _, pdf in newest:
            read_report_facts(pdf)
        reading = time.perf_counter() - start
    finally:
        server.shutdown()
        server.server_close()

    added = len(result.added)
    print(
        f"childservices update, {added} new reports over loopback HTTP ({len(result.skipped)} skipped):"
    )
    print(f"  whole update     {whole:7.2f} s   {1000 * whole / max(added, 1):7.0f} ms per report")
    print(f"  reading the PDFs {reading:7.2f} s   {1000 * reading / REPORTS:7.0f} ms per report")
    print(f"  reading / whole  {reading / whole:7.2f}")
    return 0 if added == REPORTS else 1


if __name__ == "__main__":
    raise SystemExit(main())
