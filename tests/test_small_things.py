"""The small things bad input met: a closed pipe, a narrow locale, pypdf's log lines, control
characters, spreadsheet formulas, wrong argument types, pickling, file names that disagree
with their content. The user's facts here are made up (source "My notes")."""

from __future__ import annotations

import concurrent.futures
import io
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import childservices as cs
from childservices import ArgumentTypeError, ArgumentValueError, ChildServicesError, DatasetError
from childservices.cli import main, printable
from childservices.export import to_csv
from childservices.model import RecordSet, Source
from user_folder import NOTES


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "childservices", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=180,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _bad_folder(tmp_path: Path, name: str = "mine") -> Path:
    root = tmp_path / name
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "notes.csv").write_text(NOTES, encoding="utf-8")
    (root / "inspections").mkdir()
    (root / "inspections" / "visits.csv").write_text(
        "id,authority,framework,published,overall,source\n"
        + "".join(f"x-{n},sandwell,ilacs,2030-02-30,good,my-notes\n" for n in range(50)),
        encoding="utf-8",
    )
    return root


# A closed pipe keeps the failure's exit status ----------------------------------------


def test_validate_into_a_closed_pipe_still_fails(tmp_path: Path) -> None:
    root = _bad_folder(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-m", "childservices", "validate", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader goes away at once, like `| head -0`
    error = child.stderr.read().decode()
    assert child.wait(timeout=180) == 1
    assert "Traceback" not in error and "50 problems found" in error


# Output in any locale, control characters escaped ---------------------------------------


def test_output_to_an_ascii_stream_escapes_what_it_cannot_show(tmp_path: Path) -> None:
    root = _bad_folder(tmp_path, name="\u00a3notes")
    result = _cli("validate", str(root), env={"PYTHONIOENCODING": "ascii"})
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "\\xa3notes" in result.stdout


def test_control_characters_in_a_users_text_are_escaped(tmp_path: Path) -> None:
    aliases = tmp_path / "authority_aliases.csv"
    aliases.write_text(
        "authority,alias,source\nsandwell,Sandwell\x1b]0;pwned\x07\x1b[2J Borough,my-notes\n"
    )
    (tmp_path / "sources.csv").write_text(NOTES)
    result = _cli("--extra", str(tmp_path / "sources.csv"), "--extra", str(aliases), "show", "333")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Sandwell\\u001b]0;pwned\\u0007\\u001b[2J Borough" in result.stdout


def test_printable_keeps_lines_and_escapes_the_rest() -> None:
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("\x1b[31m\r\x9b\u202e") == "\\u001b[31m\\u000d\\u009b\\u202e"


def test_main_writes_through_the_safe_stream() -> None:
    out = io.StringIO()
    assert main(["show", "333"], out=out) == 0
    assert out.getvalue().startswith("Sandwell (sandwell)")


# pypdf's log lines are not shown -------------------------------------------------------


def test_read_report_does_not_show_pypdfs_log_lines(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    data = data[: data.rfind(b"startxref")] + b"startxref\n99999\n%%EOF\n"  # a wrong pointer
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data)
    result = _cli("read-report", str(path))
    assert result.returncode == 1
    assert "startxref" not in result.stderr and "Object Streams" not in result.stderr
    assert result.stderr.splitlines()[0] == "read 0 of 1 reports; 1 failed:"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_read_report_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    result = _cli("read-report", str(fifo))
    assert result.returncode == 1
    assert "is a FIFO (named pipe), not a regular file" in result.stderr


def test_read_report_warns_when_the_file_name_and_the_report_disagree(
    shared_dir: Path, tmp_path: Path
) -> None:
    pytest.importorskip("pypdf")
    # Sandwell's SIF report prints its publication date, 5 June 2015; the copy's name says 6 June.
    found = sorted((shared_dir / "sources" / "ofsted-reports").glob("*sandwell*/*05 june 2015.pdf"))
    assert found, "Sandwell's 2015 report is in ../shared"
    copy = tmp_path / "children's services inspection - 06 june 2015.pdf"
    shutil.copy(found[0], copy)
    result = _cli("read-report", str(copy), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert (
        "warning: the file name says published 2015-06-06 but the report says 2015-06-05"
        in result.stderr
    )


# Spreadsheet formulas are made inert -----------------------------------------------------


def test_a_formula_like_cell_is_inert_in_the_export_and_reads_back(tmp_path: Path) -> None:
    source = Source(
        id="formula",
        title='=HYPERLINK("http://example.org/x","click")',
        publisher="-2+3",
        url="https://example.org/formula",
    )
    records = RecordSet(sources=(source,))
    to_csv(records, tmp_path)
    line = (tmp_path / "sources" / "sources.csv").read_text().splitlines()[1]
    assert line.startswith("formula,\"'=HYPERLINK(") and ",'-2+3," in line
    from childservices.records.read import read_seed_folder

    assert read_seed_folder(tmp_path) == records


def test_a_formula_like_cell_is_inert_in_csv_output(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(NOTES)
    (tmp_path / "authorities.csv").write_text(
        "id,name,kind,region,active_from,active_to,source\n"
        "formula-town,@SUM(1+1),unitary,London,,,my-notes\n"
    )
    result = _cli(
        "--extra",
        str(tmp_path / "sources.csv"),
        "--extra",
        str(tmp_path / "authorities.csv"),
        "ratings",
        "--on",
        "2020-01-01",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    assert "formula-town,'@SUM(1+1)," in result.stdout


# Wrong argument types and values are the library's errors --------------------------------

ds = cs.load()
sandwell = ds.authority("sandwell")
CALLS: dict[str, tuple[Callable[[], Any], type[Exception]]] = {
    "load(extra=123)": (lambda: cs.load(extra=123), TypeError),  # type: ignore[arg-type]
    "load(extra=[1])": (lambda: cs.load(extra=[1]), TypeError),  # type: ignore[list-item]
    "load_seeds(None)": (lambda: cs.load_seeds(None), TypeError),  # type: ignore[arg-type]
    "authority(5)": (lambda: ds.authority(5), LookupError),  # type: ignore[arg-type]
    "authorities(kind='nope')": (lambda: ds.authorities(kind="nope"), ValueError),
    "authorities(kind=5)": (lambda: ds.authorities(kind=5), TypeError),  # type: ignore[arg-type]
    "authorities(region='nope')": (lambda: ds.authorities(region="nope"), ValueError),
    "run_by(5)": (lambda: ds.run_by(5, on="2020-01-01"), TypeError),  # type: ignore[arg-type]
    "run_by(['x'])": (lambda: ds.run_by(["x"], on="2020-01-01"), ValueError),  # type: ignore[list-item]
    "ratings_on(frameworks=5)": (
        lambda: ds.ratings_on("2020-01-01", frameworks=5),  # type: ignore[arg-type]
        TypeError,
    ),
    "panel(5)": (lambda: ds.panel(5), TypeError),  # type: ignore[arg-type]
    "shares_on(by='x')": (lambda: ds.shares_on("2020-01-01", by="x"), ValueError),
    "transitions(by='x')": (lambda: ds.transitions(by="x"), ValueError),
    "reached_good(horizons='x')": (
        lambda: ds.reached_good(
            judged_from="2014-01-01",
            judged_to="2020-01-01",
            horizons="x",  # type: ignore[arg-type]
        ),
        TypeError,
    ),
    "official_count(5)": (lambda: ds.official_count(5), TypeError),  # type: ignore[arg-type]
    "escalation(rules=5)": (
        lambda: ds.escalation(on="2020-01-01", rules=5),  # type: ignore[arg-type]
        TypeError,
    ),
    "source(5)": (lambda: ds.source(5), TypeError),  # type: ignore[arg-type]
    "source('nope')": (lambda: ds.source("nope"), KeyError),
    "inspection('nope')": (lambda: ds.inspection("nope"), KeyError),
    "lifecycle([])": (lambda: ds.lifecycle([]), TypeError),  # type: ignore[arg-type]
    "to_csv(5)": (lambda: ds.to_csv(5), TypeError),  # type: ignore[arg-type]
    "to_json(indent='x')": (lambda: ds.to_json(indent="x"), TypeError),  # type: ignore[arg-type]
    "rating_on(frameworks=5)": (
        lambda: sandwell.rating_on("2020-01-01", frameworks=5),  # type: ignore[arg-type]
        TypeError,
    ),
    "identifier('nope')": (lambda: sandwell.identifier("nope"), ValueError),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_wrong_argument_is_the_librarys_error(name: str) -> None:
    call, builtin = CALLS[name]
    with pytest.raises(ChildServicesError) as raised:
        call()
    assert isinstance(raised.value, builtin), type(raised.value)
    assert str(raised.value).strip()


def test_argument_errors_name_the_argument() -> None:
    with pytest.raises(ArgumentValueError, match=r"^kind: 'nope' is not one of: county, "):
        ds.authorities(kind="nope")
    with pytest.raises(ArgumentTypeError, match=r"^extra: expected a path or a list of paths"):
        cs.load(extra=123)  # type: ignore[arg-type]


def test_the_enums_values_are_still_accepted() -> None:
    def ids(views: tuple[cs.AuthorityView, ...]) -> list[str]:
        return [view.id for view in views]

    by_value = ids(ds.authorities(kind="london_borough", region="London"))
    assert by_value == ids(
        ds.authorities(kind=cs.AuthorityKind.LONDON_BOROUGH, region=cs.Region.LONDON)
    )
    assert len(by_value) >= 32  # the 32 London boroughs (and the City, counted as one here)
    by_value = ids(ds.run_by(["childrens_trust"], on="2020-01-01"))
    assert by_value and by_value == ids(
        ds.run_by([cs.DeliveryModel.CHILDRENS_TRUST], on="2020-01-01")
    )


# A dataset goes to another process -----------------------------------------------------------


def test_the_bundled_dataset_pickles_by_its_data_version() -> None:
    data = pickle.dumps(ds)
    assert len(data) < 1000
    assert pickle.loads(data) is cs.load()


def test_a_dataset_with_users_records_pickles_with_its_records(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(NOTES)
    mine = cs.load(extra=[tmp_path / "sources.csv"])
    again = pickle.loads(pickle.dumps(mine))
    assert again.records == mine.records and again.data_version == mine.data_version
    assert again.source("my-notes").title == "My notes"


def _rating(dataset: cs.Dataset, query: str) -> str:
    rating = dataset.authority(query).rating_on("2019-06-01")
    return "none" if rating is None else str(rating.value)


def test_datasets_go_to_a_process_pool(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(NOTES)
    mine = cs.load(extra=[tmp_path / "sources.csv"])
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        found = list(pool.map(_rating, [ds, mine], ["sandwell", "sandwell"]))
    # Sandwell's rating on 1 June 2019: inadequate (SIF inspection published 29 January 2018).
    assert found == ["inadequate", "inadequate"]


def test_a_pickled_bundled_dataset_of_another_version_is_refused() -> None:
    from childservices.loading import _unpickle_bundled

    with pytest.raises(DatasetError, match="install the same version"):
        _unpickle_bundled("seeds-0000000000000000")


# Facts taken from a file's name are checked against its content --------------------------------


def test_a_file_named_as_one_table_holding_another_says_so(tmp_path: Path) -> None:
    path = tmp_path / "sources.csv"
    path.write_text(
        "id,authority,framework,published,overall,source\n"
        "x,sandwell,ilacs,2030-01-07,good,my-notes\n"
    )
    with pytest.raises(DatasetError) as raised:
        cs.load(extra=[path])
    (problem,) = raised.value.problems
    assert "is read as table 'sources' (from its name or folder), but its columns are those of" in (
        problem.message
    )
    assert "'inspections'" in problem.message
