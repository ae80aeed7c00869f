"""Users' folders under hostile and careless layouts: special files, links, misplaced CSV files.

Only regular files are read, within a byte bound; links out of the folder are
refused unless asked for; every ``.csv`` file is read or reported with the
reason; ``load_seeds`` refuses a folder that is not a set of records. The
user's facts here are made up (a source "My notes", a 2026 inspection).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import childservices as cs
from childservices import DatasetError
from childservices.errors import FileRefusedError
from childservices.records.files import MAX_FILE_BYTES, open_regular
from user_folder import NOTES

HEADER = "id,authority,framework,published,overall,source,locator\n"
VISIT = "sandwell-ilacs-2026-09-07,sandwell,ilacs,2026-09-07,good,my-notes,\n"

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")


def _mine(tmp_path: Path) -> Path:
    root = tmp_path / "mine"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "notes.csv").write_text(NOTES, encoding="utf-8")
    return root


def _problems(call: object) -> list[str]:
    with pytest.raises(DatasetError) as raised:
        call()  # type: ignore[operator]
    return [str(p) for p in raised.value.problems]


def _bounded(code: str, *, seconds: float = 60, memory: int = 1 << 30) -> str:
    """Run ``code`` in a fresh interpreter with a time and memory limit; its output.

    A file that hangs the reader or makes it read forever fails the test instead of the machine.
    """

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=limit,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish within {seconds} s (hung on a special file?)")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


# Special files --------------------------------------------------------------------


@posix_only
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections").mkdir()
    os.mkfifo(root / "inspections" / "visits.csv")
    out = _bounded(
        f"""
        import childservices as cs
        try:
            cs.load(extra=[{str(root)!r}])
        except cs.DatasetError as exc:
            print(exc)
        """
    )
    assert "visits.csv: is a FIFO (named pipe), not a regular file: not read" in out


@posix_only
def test_a_fifo_named_directly_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "inspections.csv"
    os.mkfifo(fifo)
    out = _bounded(
        f"""
        import childservices as cs
        try:
            cs.load(extra={str(fifo)!r})
        except cs.DatasetError as exc:
            print(exc)
        """
    )
    assert "is a FIFO (named pipe)" in out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused_even_when_links_are_followed(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections").mkdir()
    (root / "inspections" / "zero.csv").symlink_to("/dev/zero")
    out = _bounded(
        f"""
        import childservices as cs
        for follow in (False, True):
            try:
                cs.load(extra=[{str(root)!r}], follow_links=follow)
            except cs.DatasetError as exc:
                print(follow, exc)
        """
    )
    assert "False" in out and "is a link to /dev/zero, outside" in out
    assert "True" in out and "zero.csv: is a device, not a regular file: not read" in out


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "inspections.csv"
    with big.open("wb") as handle:  # a sparse file: big on paper, no disk used
        handle.truncate(MAX_FILE_BYTES + 1)
    (problem,) = _problems(lambda: cs.load(extra=[big]))
    assert f"inspections.csv: is larger than {MAX_FILE_BYTES} bytes" in problem


def test_a_file_that_grows_past_the_bound_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "growing.csv"
    path.write_bytes(b"12345")
    with open_regular(path, limit=10) as handle:
        path.write_bytes(b"x" * 100)  # it grows after it was opened and its size checked
        with pytest.raises(FileRefusedError, match="more than 10 bytes"):
            handle.read()


def test_a_folder_named_like_a_file_is_refused(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections" / "visits.csv").mkdir(parents=True)
    (problem,) = _problems(lambda: cs.load(extra=[root]))
    assert problem.endswith("visits.csv: is a folder, not a regular file: not read")


# Links --------------------------------------------------------------------------


@posix_only
def test_a_link_out_of_the_folder_is_refused_and_its_content_not_shown(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("password=hunter2\n")
    root = _mine(tmp_path)
    (root / "inspections").mkdir()
    (root / "inspections" / "visits.csv").symlink_to(secret)
    problems = _problems(lambda: cs.load(extra=[root]))
    assert len(problems) == 1
    assert "is a link to" in problems[0] and "outside" in problems[0]
    assert "hunter2" not in problems[0]


@posix_only
def test_a_sources_folder_linked_from_elsewhere_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.csv").write_text(NOTES)
    root = tmp_path / "mine"
    root.mkdir()
    (root / "sources").symlink_to(elsewhere, target_is_directory=True)
    (root / "inspections").mkdir()
    (root / "inspections" / "visits.csv").write_text(HEADER + VISIT)
    problems = _problems(lambda: cs.load(extra=[root]))
    assert any("sources: is a link to" in p and "not followed" in p for p in problems)
    # Asked for explicitly, the link is followed.
    ds = cs.load(extra=[root], follow_links=True)
    assert ds.inspection("sandwell-ilacs-2026-09-07").overall is cs.Grade.GOOD


@posix_only
def test_a_link_inside_the_folder_is_read_once(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections").mkdir()
    (root / "inspections" / "visits.csv").write_text(HEADER + VISIT)
    (root / "inspections" / "same.csv").symlink_to(root / "inspections" / "visits.csv")
    ds = cs.load(extra=[root])
    assert len(ds.inspection("sandwell-ilacs-2026-09-07").citations) == 1


@posix_only
def test_a_link_loop_ends(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections").mkdir()
    (root / "inspections" / "loop").symlink_to(root, target_is_directory=True)
    (root / "inspections" / "visits.csv").write_text(HEADER + VISIT)
    assert cs.load(extra=[root]).inspection("sandwell-ilacs-2026-09-07")


# Every CSV file read or reported --------------------------------------------------


def test_a_table_file_at_the_top_of_the_folder_is_read(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections.csv").write_text(HEADER + VISIT)
    ds = cs.load(extra=[root])
    assert ds.inspection("sandwell-ilacs-2026-09-07").overall is cs.Grade.GOOD


def test_an_upper_case_extension_is_read(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections").mkdir()
    (root / "inspections" / "VISITS.CSV").write_text(HEADER + VISIT)
    ds = cs.load(extra=[root])
    assert ds.inspection("sandwell-ilacs-2026-09-07").overall is cs.Grade.GOOD


@pytest.mark.parametrize(
    ("place", "reason"),
    [
        ("inspections/2030/visits.csv", "sub-folder of the folder of table 'inspections'"),
        ("Inspections/visits.csv", "table folders are named in lower case ('inspections')"),
        ("my-visits/visits.csv", "its folder 'my-visits' is not a table"),
        ("new-inspections.csv", "not in a folder named after its table"),
        ("inspections/.visits.csv", "it is a hidden file"),
        ("Inspections.csv", "not in a folder named after its table"),
    ],
)
def test_a_csv_file_the_reader_does_not_read_is_reported(
    tmp_path: Path, place: str, reason: str
) -> None:
    root = _mine(tmp_path)
    path = root / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + VISIT)
    problems = _problems(lambda: cs.load(extra=[root]))
    assert problems == [f"{path}: is not read: {reason}"] or any(
        str(path) in p and reason in p for p in problems
    ), problems


def test_validate_does_not_say_ok_when_a_file_is_not_read(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "inspections" / "2030").mkdir(parents=True)
    (root / "inspections" / "2030" / "visits.csv").write_text(HEADER + VISIT)
    result = subprocess.run(
        [sys.executable, "-m", "childservices", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "is not read" in result.stdout and "ok:" not in result.stdout


# load_seeds needs a set of records ---------------------------------------------------


def test_load_seeds_refuses_an_empty_folder(tmp_path: Path) -> None:
    (problem,) = _problems(lambda: cs.load_seeds(tmp_path))
    assert "not a complete seeds folder: it has no authorities and no sources" in problem
    assert "no record files" in problem


def test_load_seeds_refuses_a_partial_folder_and_says_what_it_found(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (problem,) = _problems(lambda: cs.load_seeds(root))
    assert "it has no authorities" in problem and "sources (1 file)" in problem


def test_load_seeds_refuses_authorities_without_rows(tmp_path: Path) -> None:
    root = _mine(tmp_path)
    (root / "authorities").mkdir()
    (root / "authorities" / "none.csv").write_text(
        "id,name,kind,region,active_from,active_to,source,locator\n"
    )
    (problem,) = _problems(lambda: cs.load_seeds(root))
    assert "its authorities files hold no rows" in problem


def test_load_seeds_still_reads_a_complete_folder(tiny_seeds: Path) -> None:
    assert len(cs.load_seeds(tiny_seeds).records.authorities) > 0
