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
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
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


# --- An update that is safe to repeat and to run twice at once (issue 26, item 1) ---------

_CHILD = """
import datetime, os, sys, time
import attrs
import childservices as cs
import childservices.update.run as run
import childservices.update.writing as writing
from childservices.update import update

feed, data, cache, mode, marker = sys.argv[1:]
records = cs.load(updates=False).records
cut = datetime.date.fromisoformat({cut!r})
kept = tuple(i for i in records.inspections if i.published.last_day() <= cut)
base = cs.Dataset.from_records(attrs.evolve(records, inspections=kept))
real_write, real_rename = run.write_run, os.rename

def paused_write(*args, **kwargs):
    open(marker, "w").close()  # inside the lock, before writing: wait for the test
    while not os.path.exists(marker + ".go"):
        time.sleep(0.02)
    return real_write(*args, **kwargs)

def killed_rename(source, target):
    if os.path.basename(str(source)).startswith(".partial-"):
        open(marker, "w").close()  # the run is written, not yet moved into place
        time.sleep(600)
    return real_rename(source, target)

if mode == "pause":
    run.write_run = paused_write
elif mode == "kill":
    writing.os.rename = killed_rename
result = update(feed=feed, data_dir=data, base=base, cache=cache)
print("run" if result.run else "none", len(result.added), result.new)
"""


def _child(
    served: Served, data: Path, cache: Path, mode: str, marker: Path
) -> subprocess.Popen[str]:
    script = _CHILD.format(cut=CUT.isoformat())
    command = [sys.executable, "-c", script, served.feed_url, str(data), str(cache), mode]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [*command, str(marker)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(path: Path, process: subprocess.Popen[str], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_a_second_run_with_the_same_folder_builds_on_the_first(
    served: Served, before_cut: cs.Dataset, tmp_path: Path, report_text_cache: Path
) -> None:
    # Failed before the fix: the second run started from the same base, without the first
    # run's rows, and wrote a second run of the same inspections.
    first = update(
        feed=served.feed_url, data_dir=tmp_path, base=before_cut, cache=report_text_cache
    )
    assert first.run is not None and len(first.added) == len(served.new)
    again = update(
        feed=served.feed_url, data_dir=tmp_path, base=before_cut, cache=report_text_cache
    )
    assert again.run is None and again.added == () and again.new == 0
    assert update_runs(tmp_path) == (first.run,)
    # The record with the run still loads, and the command says nothing was added.
    assert len(merge_files(update_runs(tmp_path), base=before_cut).records.inspections) == len(
        before_cut.records.inspections
    ) + len(served.new)


def test_two_updates_at_once_write_one_run(
    served: Served, tmp_path: Path, report_text_cache: Path
) -> None:
    # Failed before the fix: no lock, so the second update, started while the first was
    # about to write, wrote a run of the same inspections too.
    data = tmp_path / "data"
    first = _child(served, data, report_text_cache, "pause", tmp_path / "first")
    _wait_for(tmp_path / "first", first)  # the first holds the lock, its run not yet written
    second = _child(served, data, report_text_cache, "none", tmp_path / "second")
    time.sleep(1.0)
    assert second.poll() is None  # waiting for the lock
    (tmp_path / "first.go").touch()
    out_first, err_first = first.communicate(timeout=120)
    out_second, err_second = second.communicate(timeout=120)
    assert first.returncode == 0, err_first
    assert second.returncode == 0, err_second
    assert out_first.split() == ["run", str(len(served.new)), str(len(served.new))]
    assert out_second.split() == ["none", "0", "0"]
    assert len(update_runs(data)) == 1


def test_a_killed_update_leaves_the_folder_as_it_was(
    served: Served, before_cut: cs.Dataset, tmp_path: Path, report_text_cache: Path
) -> None:
    data = tmp_path / "data"
    child = _child(served, data, report_text_cache, "kill", tmp_path / "written")
    _wait_for(tmp_path / "written", child)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert update_runs(data) == ()  # the half-made run is not a run
    (partial,) = (data / "updates").iterdir()
    assert partial.name.startswith(".partial-")
    # The next update is not locked out, removes what the killed one left (this part failed
    # before the fix: the half-made folder stayed for ever), and writes the run.
    result = update(feed=served.feed_url, data_dir=data, base=before_cut, cache=report_text_cache)
    assert result.run is not None and len(result.added) == len(served.new)
    assert [p.name for p in (data / "updates").iterdir()] == [result.run.name]


def test_a_damaged_data_folder_names_its_repair(
    served: Served,
    before_cut: cs.Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    report_text_cache: Path,
) -> None:
    from childservices.cli import main

    first = update(
        feed=served.feed_url, data_dir=tmp_path, base=before_cut, cache=report_text_cache
    )
    assert first.run is not None
    # A second run of other rows that contradict the first (what an older version could
    # leave): the folder no longer loads.
    twin = first.run.with_name(first.run.name.replace("run-", "run-z"))
    shutil.copytree(first.run, twin)
    path = twin / "inspections" / "update.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["lead_inspector"] = "Not The Same Inspector"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("CHILDSERVICES_DATA_DIR", str(tmp_path))
    repair = f"childservices update --reset --data-dir {tmp_path}"
    # Failed before the fix: the error said what was wrong, and nothing of how to get out.
    with pytest.raises(cs.DatasetError, match=re.escape(repair)):
        cs.load()
    with pytest.raises(UpdateError, match=re.escape(repair)):
        update(feed=served.feed_url, data_dir=tmp_path, base=before_cut)
    out = io.StringIO()
    assert main(["update", "--reset", "--data-dir", str(tmp_path)], out=out) == 0
    assert out.getvalue() == "removed 2 update run(s); the record is as released\n"
    assert update_runs(tmp_path) == ()
    assert cs.load().updates == ()
