"""Bad input costs bounded work: a file stops being read after 100 problems of any kind.

These count problems and lines read, never time (benchmarks/bad_input.py
measures time and memory). The rows are made up.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

import childservices as cs
import childservices.records.parse as parse
from childservices import DatasetError
from childservices.records.read import MAX_CITATIONS_PER_RECORD, MAX_PROBLEMS_PER_FILE

INSPECTIONS = "id,authority,framework,published,overall,source,locator\n"
ROWS = 20_000


@pytest.fixture
def lines_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines of each file the reader took."""
    counts: list[int] = []
    real = parse._lines

    def counting(handle: IO[bytes]) -> Iterator[str]:
        counts.append(0)
        for line in real(handle):
            counts[-1] += 1
            yield line

    monkeypatch.setattr(parse, "_lines", counting)
    return counts


def _problems(path: Path) -> list[cs.Problem]:
    with pytest.raises(DatasetError) as raised:
        cs.load(extra=[path])
    return list(raised.value.problems)


def _stopped(problems: list[cs.Problem], path: Path) -> None:
    assert len(problems) <= MAX_PROBLEMS_PER_FILE + 1, len(problems)
    assert problems[-1].file == str(path)
    assert problems[-1].message.startswith("reading stopped")


@pytest.mark.parametrize(
    ("name", "header", "row"),
    [
        ("bad values", INSPECTIONS, "x-{n},sandwell,ilacs,2019-02-30,excellent,seed-001,\n"),
        ("unknown authority", INSPECTIONS, "x-{n},nowhere-{n},ilacs,2019-02-01,good,seed-001,\n"),
        ("unknown source", INSPECTIONS, "x-{n},sandwell,ilacs,2019-02-01,good,no-such-{n},\n"),
        (
            "repeated source",
            "id,title,publisher,published,url\n",
            "same,Title {n},Someone,2020,https://example.org/{n}\n",
        ),
        ("wrong shape", INSPECTIONS, "x-{n},sandwell\n"),
    ],
)
def test_a_file_of_bad_rows_stops_being_read(
    tmp_path: Path, lines_read: list[int], name: str, header: str, row: str
) -> None:
    table = "sources" if header.startswith("id,title") else "inspections"
    path = tmp_path / f"{table}.csv"
    path.write_text(header + "".join(row.format(n=n) for n in range(ROWS)))
    problems = _problems(path)
    _stopped(problems, path)
    assert lines_read == [MAX_PROBLEMS_PER_FILE + 1] or max(lines_read) < 3 * MAX_PROBLEMS_PER_FILE


def test_a_header_of_forty_thousand_columns_gives_a_hundred_problems(tmp_path: Path) -> None:
    path = tmp_path / "inspections.csv"
    path.write_text(",".join(f"c{n}" for n in range(40_000)) + "\n")
    problems = _problems(path)
    _stopped(problems, path)
    assert problems[0].field == "c0" and "is not a column of 'inspections'" in problems[0].message


def test_rows_of_one_record_cited_past_the_bound_stop(tmp_path: Path) -> None:
    path = tmp_path / "inspections.csv"
    path.write_text(
        INSPECTIONS
        + "".join(
            f"sandwell-sif-2015-06-05,sandwell,sif,2015-06-05,inadequate,"
            f"ofsted-report-sandwell-sif-2015-06-05,page {n}\n"
            for n in range(ROWS)
        )
    )
    problems = _problems(path)
    _stopped(problems, path)
    assert f"is cited more than {MAX_CITATIONS_PER_RECORD} times" in problems[0].message


def test_a_file_of_disagreeing_records_stops(tmp_path: Path, lines_read: list[int]) -> None:
    path = tmp_path / "inspections.csv"
    path.write_text(
        INSPECTIONS
        + "".join(
            f"x-{n},sandwell,ilacs,2019-02-01,{grade},seed-001,\n"
            for n in range(ROWS)
            for grade in ("good", "outstanding")
        )
    )
    problems = _problems(path)
    assert any("more than 100 of its fields disagree" in p.message for p in problems)
    assert max(lines_read) < 5 * MAX_PROBLEMS_PER_FILE
