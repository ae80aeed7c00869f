"""``childservices update`` against a real HTTP server on 127.0.0.1, serving real files.

The server (started here, on a free port of the loopback address, stopped
after each test) serves a summary snapshot from ../shared as the feed, with
its report links pointed at the server, and the report PDFs from ../shared
at paths like the links (``/v1/file/<number>``). The record the update
starts from is the bundled one without the inspections published after
:data:`CUT`; what the update writes must be exactly the rows the bundle
holds for the inspections the feed lists after it.
"""

from __future__ import annotations

import csv
import datetime
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import childservices as cs
from childservices.loading import merge_files
from childservices.reports.rows import file_name_for
from childservices.update import FEED_COLUMNS, UpdateError, read_feed, update
from childservices.userdata import update_runs

pytestmark = pytest.mark.shared

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = "2026-06-29.csv"
CUT = datetime.date(2026, 1, 31)
"""The copy of the record the update starts from holds nothing published after this day."""


class _Server:
    """A loopback HTTP server answering from a dictionary of paths (anything else: 404)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[int, bytes]] = {}
        self.asked: list[str] = []
        files, asked = self.files, self.asked

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                asked.append(self.path)
                status, body = files.get(self.path, (404, b"not here"))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def _feed_rows(shared: Path) -> list[dict[str, str]]:
    path = shared / "sources" / "ilacs-summary-snapshots" / SNAPSHOT
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _published(row: dict[str, str]) -> datetime.date:
    text = row["publication_date"]
    form = "%d/%m/%y" if len(text) == 8 else "%d/%m/%Y"
    return datetime.datetime.strptime(text, form).date()


def _csv(rows: list[dict[str, str]], columns: tuple[str, ...] = FEED_COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


@attrs.frozen
class Served:
    server: _Server
    feed_url: str
    rows: list[dict[str, str]]
    new: list[dict[str, str]]
    """The feed rows published after CUT: what the update should add."""


@pytest.fixture
def served(shared_dir: Path) -> Iterator[Served]:
    server = _Server()
    reports = shared_dir / "sources" / "ofsted-reports"
    rows = []
    for row in _feed_rows(shared_dir):
        number = row["inspection_link"].rstrip("/").rsplit("/", 1)[-1]
        (folder,) = reports.glob(f"{row['urn']}_*")
        pdf = folder / file_name_for(_published(row))
        server.files[f"/v1/file/{number}"] = (200, pdf.read_bytes())
        rows.append({**row, "inspection_link": f"{server.url}/v1/file/{number}"})
    server.files["/feed.csv"] = (200, _csv(rows))
    new = [r for r in rows if _published(r) > CUT]
    try:
        yield Served(server=server, feed_url=f"{server.url}/feed.csv", rows=rows, new=new)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def before_cut() -> cs.Dataset:
    """The bundled record without the inspections published after CUT."""
    records = cs.load(updates=False).records
    kept = tuple(i for i in records.inspections if i.published.last_day() <= CUT)
    return cs.Dataset.from_records(attrs.evolve(records, inspections=kept))


def _seed_rows(table: str, key: str, wanted: set[str]) -> list[dict[str, str]]:
    with (ROOT / "seeds" / table / "reports.csv").open(encoding="utf-8", newline="") as handle:
        return sorted(
            (row for row in csv.DictReader(handle) if row[key] in wanted),
            key=lambda r: tuple(r.values()),
        )


def _run_rows(run: Path, table: str) -> list[dict[str, str]]:
    """The run's rows in the columns of the seed file (a column the seed file leaves out,
    such as an inspection's ``response_searched``, must be empty in the run)."""
    with (ROOT / "seeds" / table / "reports.csv").open(encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    with (run / table / "update.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(not v for row in rows for k, v in row.items() if k not in columns)
    kept = [{k: row[k] for k in columns} for row in rows]
    return sorted(kept, key=lambda r: tuple(r.values()))


def test_update_adds_exactly_the_rows_the_bundle_holds(
    served: Served, before_cut: cs.Dataset, tmp_path: Path, report_text_cache: Path
) -> None:
    # The 29 June 2026 snapshot lists 16 inspections published after CUT (counted with csv).
    assert len(served.new) == 16
    result = update(
        feed=served.feed_url, data_dir=tmp_path, base=before_cut, cache=report_text_cache
    )
    assert result.skipped == ()
    assert result.new == len(served.new)
    assert result.run is not None and result.run.parent == tmp_path / "updates"
    added = set(result.added)
    assert len(added) == len(served.new)
    assert _run_rows(result.run, "inspections") == _seed_rows("inspections", "id", added)
    assert _run_rows(result.run, "judgements") == _seed_rows("judgements", "inspection", added)
    sources = {f"ofsted-report-{ident}" for ident in added}
    assert _run_rows(result.run, "sources") == _seed_rows("sources", "id", sources)
    # Every other inspection of the feed was already in the record: no report fetched for it.
    fetched = [p for p in served.server.asked if p.startswith("/v1/file/")]
    assert len(fetched) == len(served.new)

    # A second run against the record with the first run merged in changes nothing.
    merged = merge_files(update_runs(tmp_path), base=before_cut)
    again = update(feed=served.feed_url, data_dir=tmp_path, base=merged)
    assert again.run is None and again.added == () and again.new == 0
    assert len(update_runs(tmp_path)) == 1


def test_load_includes_the_runs_and_says_so(
    served: Served,
    before_cut: cs.Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    report_text_cache: Path,
) -> None:
    result = update(
        feed=served.feed_url, data_dir=tmp_path, base=before_cut, cache=report_text_cache
    )
    assert result.run is not None
    monkeypatch.setenv("CHILDSERVICES_DATA_DIR", str(tmp_path))
    pinned = cs.load(updates=False)
    updated = cs.load()
    assert updated.coverage.updates == (result.run.name,)
    assert pinned.coverage.updates == ()
    assert updated.data_version == f"{pinned.data_version}+updates.{updated.data_version[-16:]}"
    # The run's rows restate bundled inspections (same ids): nothing new, nothing changed.
    assert len(updated.records.inspections) == len(pinned.records.inspections)
    assert updated.authority("Brent").rating_on("2026-06-30") is cs.NOT_GIVEN


def _assert_nothing_written(folder: Path) -> None:
    runs = folder / "updates"
    assert not runs.exists() or [p.name for p in runs.iterdir()] == []


def test_feed_not_found(served: Served, before_cut: cs.Dataset, tmp_path: Path) -> None:
    with pytest.raises(UpdateError, match=r"the feed .*/missing\.csv: the server answered 404"):
        update(feed=f"{served.server.url}/missing.csv", data_dir=tmp_path, base=before_cut)
    _assert_nothing_written(tmp_path)


def test_network_error(before_cut: cs.Dataset, tmp_path: Path) -> None:
    server = _Server()
    url = server.url
    server.stop()  # nothing listens there any more: the connection is refused
    with pytest.raises(UpdateError, match="could not be fetched"):
        update(feed=f"{url}/feed.csv", data_dir=tmp_path, base=before_cut)
    _assert_nothing_written(tmp_path)


def test_feed_with_a_changed_header(served: Served, before_cut: cs.Dataset, tmp_path: Path) -> None:
    renamed = tuple("publication" if c == "publication_date" else c for c in FEED_COLUMNS)
    rows = [
        {("publication" if k == "publication_date" else k): v for k, v in row.items()}
        for row in served.rows
    ]
    served.server.files["/feed.csv"] = (200, _csv(rows, renamed))
    with pytest.raises(UpdateError) as caught:
        update(feed=served.feed_url, data_dir=tmp_path, base=before_cut)
    message = str(caught.value)
    assert "header has changed" in message and "missing publication_date" in message
    assert "\n" not in message
    _assert_nothing_written(tmp_path)


def _only_one_new(served: Served) -> dict[str, str]:
    """Keep one new inspection in the feed (and every old one); return it."""
    chosen = served.new[0]
    rows = [r for r in served.rows if r not in served.new or r is chosen]
    served.server.files["/feed.csv"] = (200, _csv(rows))
    return chosen


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda body: (404, b"gone"), "the server answered 404"),
        (lambda body: (200, body[: len(body) // 3]), "the PDF could not be read"),
        (
            lambda body: (200, b"<!DOCTYPE html><html><body>Sign in</body></html>"),
            "not a PDF (looks like HTML)",
        ),
    ],
    ids=["404", "truncated-pdf", "html-instead-of-pdf"],
)
def test_a_bad_report_is_listed_and_nothing_is_written(
    served: Served,
    before_cut: cs.Dataset,
    tmp_path: Path,
    damage: object,
    expected: str,
) -> None:
    chosen = _only_one_new(served)
    path = chosen["inspection_link"].removeprefix(served.server.url)
    _, body = served.server.files[path]
    served.server.files[path] = damage(body)  # type: ignore[operator]
    result = update(feed=served.feed_url, data_dir=tmp_path, base=before_cut)
    assert result.new == 1 and result.run is None and result.added == ()
    (skipped,) = result.skipped
    assert expected in skipped.reason
    assert "\n" not in str(skipped)
    _assert_nothing_written(tmp_path)


def test_a_feed_row_that_disagrees_with_its_report_is_reported_not_guessed(
    served: Served, before_cut: cs.Dataset, tmp_path: Path
) -> None:
    chosen = _only_one_new(served)
    flipped = "inadequate" if chosen["help_and_protection_grade"] != "inadequate" else "good"
    rows = [{**r, "help_and_protection_grade": flipped} if r is chosen else r for r in served.rows]
    rows = [r for r in rows if r not in served.new or r["urn"] == chosen["urn"]]
    served.server.files["/feed.csv"] = (200, _csv(rows))
    result = update(feed=served.feed_url, data_dir=tmp_path, base=before_cut)
    assert result.run is None
    (skipped,) = result.skipped
    assert "disagree" in skipped.reason and "help_and_protection" in skipped.reason
    _assert_nothing_written(tmp_path)


def test_offline_with_a_folder_of_reports_and_a_feed_file(
    served: Served,
    before_cut: cs.Dataset,
    tmp_path: Path,
    shared_dir: Path,
    report_text_cache: Path,
) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_bytes(served.server.files["/feed.csv"][1])
    reports = shared_dir / "sources" / "ofsted-reports"  # <urn>_<name>/<listing name>.pdf
    result = update(
        feed=feed,
        reports=reports,
        data_dir=tmp_path / "data",
        base=before_cut,
        cache=report_text_cache,
    )
    assert result.skipped == ()
    assert len(result.added) == len(served.new)
    assert not [p for p in served.server.asked if p.startswith("/v1/file/")]


def test_an_unreadable_feed_row_is_listed(shared_dir: Path, tmp_path: Path) -> None:
    rows = _feed_rows(shared_dir)[:3]
    rows[1] = {**rows[1], "publication_date": "sometime"}
    feed = tmp_path / "feed.csv"
    feed.write_bytes(_csv(rows))
    read, skipped = read_feed(feed)
    assert len(read) == 2
    (problem,) = skipped
    assert problem.what.startswith("feed line 3 (") and "publication_date" in problem.reason


def test_the_command(
    served: Served,
    before_cut: cs.Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    report_text_cache: Path,
) -> None:
    from childservices.cli import main

    def load(extra: object = None, updates: bool = True) -> cs.Dataset:
        # As cs.load() does with the user's data folder, here the test's copy of the record.
        runs = update_runs(tmp_path)
        return merge_files(runs, base=before_cut) if runs else before_cut

    monkeypatch.setattr("childservices.cli.load", load)
    command = ["update", "--feed", served.feed_url, "--data-dir", str(tmp_path)]
    command += ["--cache", str(report_text_cache)]
    out = io.StringIO()
    assert main(command, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"added {len(served.new)} inspection(s) in ")
    assert len(lines) == 1 + len(served.new)
    out = io.StringIO()
    assert main(command, out=out) == 0
    assert out.getvalue() == "0 inspection(s) newer than the record in the feed; none added\n"
