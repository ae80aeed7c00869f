"""Fuzz the update path offline: feeds and report folders of local files only.

Whatever the feed file holds (a mangled header, odd cells, rows of unknown
authorities or bad dates, bytes that are no CSV) and whatever the report
folder holds where a report should be (nothing, an empty file, bytes that
are no PDF, a PDF header with junk after it, a folder, a FIFO, a link to
``/dev/zero``), :func:`~childservices.update.update` either raises an
:class:`~childservices.update.UpdateError` naming the feed, or returns with
each row it could not use in ``skipped``; it never hangs, never reads a
device, and leaves a data folder that loads, where a second run adds
nothing. No network: every link is an address whose file is looked for only
in the local report folder.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import pytest
from fuzzing import budget, documented, fast
from hypothesis import event, given, strategies as st

import childservices as cs
from childservices.loading import merge_runs
from childservices.update import FEED_COLUMNS, update
from childservices.userdata import run_folders

pytest.importorskip("pypdf")

posix_only = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev"
)

BASE = cs.load(updates=False)
URNS = sorted(
    (i.value, i.authority)
    for i in BASE.records.authority_identifiers
    if i.scheme is cs.IdentifierScheme.OFSTED_URN
)
GRADE_WORDS = ["outstanding", "good", "requires_improvement", "inadequate", "", "nan", "Good", "?"]
REPORT_KINDS = ["missing", "empty", "junk", "pdf-header", "folder", "fifo", "dev-zero"]


@st.composite
def feed_row(draw: st.DrawFn, number: int) -> dict[str, str]:
    """A feed row: mostly well formed, for a known or unknown authority, any cell mangled."""
    urn, _ = draw(st.sampled_from(URNS))
    row = {column: "" for column in FEED_COLUMNS}
    row["urn"] = draw(st.sampled_from([urn, urn, urn, "", "x1", "99999999"]))
    row["local_authority"] = draw(st.text(max_size=30))
    row["inspection_link"] = draw(
        st.sampled_from(
            [
                f"https://files.ofsted.gov.uk/v1/file/{5000000 + number}",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "",
            ]
        )
    )
    day = draw(st.dates(min_value=BASE.coverage.reports_to or cs.PartialDate(2026, 1).first_day()))
    row["publication_date"] = draw(
        st.sampled_from([day.isoformat(), day.strftime("%d/%m/%Y"), "2026-02-30", "", "soon"])
    )
    for column in (
        "overall_effectiveness_grade",
        "impact_of_leaders_grade",
        "help_and_protection_grade",
        "in_care_grade",
        "care_leavers_grade",
    ):
        row[column] = draw(st.sampled_from(GRADE_WORDS))
    row["inspector_name"] = draw(st.text(max_size=20))
    if draw(st.booleans()):
        column = draw(st.sampled_from(FEED_COLUMNS))
        row[column] = draw(st.text(max_size=200))
    return row


@st.composite
def feed_text(draw: st.DrawFn) -> tuple[bytes, list[dict[str, str]]]:
    """A feed file's bytes and its rows (none when the bytes are no feed)."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=500)), []
    rows = [draw(feed_row(n)) for n in range(draw(st.integers(0, 6)))]
    header = list(FEED_COLUMNS)
    if draw(st.integers(0, 9)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(st.text(max_size=10))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(header)
    writer.writerows([row[c] for c in FEED_COLUMNS] for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return out.getvalue().encode(encoding, "surrogatepass"), rows


def _place_report(folder: Path, name: str, kind: str, junk: bytes) -> None:
    """Put a report of ``kind`` where the update looks for the report ``name``."""
    path = folder / name
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "junk":
        path.write_bytes(junk)
    elif kind == "pdf-header":
        (folder / f"{name}.pdf").write_bytes(b"%PDF-1.7\n" + junk)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")


@posix_only
@budget(150)
@given(feed=feed_text(), kinds=st.lists(st.sampled_from(REPORT_KINDS), max_size=6), data=st.data())
def test_any_feed_and_report_folder(
    feed: tuple[bytes, list[dict[str, str]]], kinds: list[str], data: st.DataObject
) -> None:
    body, rows = feed
    with tempfile.TemporaryDirectory(prefix="childservices-fuzz-update-") as tmp:
        root = Path(tmp)
        feed_path = root / "feed.csv"
        feed_path.write_bytes(body)
        reports = root / "reports"
        reports.mkdir()
        for row, kind in zip(rows, kinds, strict=False):
            name = row["inspection_link"].rstrip("/").rsplit("/", 1)[-1]
            if name and not (reports / name).exists():
                _place_report(reports, name, kind, data.draw(st.binary(max_size=300)))
        data_dir = root / "data"
        try:
            with fast():
                result = update(feed=feed_path, reports=reports, data_dir=data_dir, base=BASE)
        except cs.UpdateError as exc:
            event("refused")
            documented(exc, str(feed_path), "the data folder")
            return
        event(f"{len(result.added)} added, {len(result.skipped)} skipped")
        assert all(s.reason.strip() for s in result.skipped)
        # The data folder loads, and running the same update again adds nothing.
        merged = merge_runs(run_folders(data_dir), base=BASE)
        assert len(merged.updates) == (1 if result.run is not None else 0)
        with fast():
            again = update(feed=feed_path, reports=reports, data_dir=data_dir, base=BASE)
        assert again.added == () and again.run is None
