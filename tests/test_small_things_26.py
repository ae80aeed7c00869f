"""The smaller items of issue 26 (item 8 of the issue), each failing before its fix."""

from __future__ import annotations

import datetime
import errno
import gc
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import childservices as cs
from childservices.model import as_day
from childservices.records import safe


@pytest.mark.parametrize("extra", ["", [""], ["mine.csv", ""]])
def test_an_empty_extra_path_is_refused(extra: object) -> None:
    # Failed before the fix: load(extra='') read the current folder.
    with pytest.raises(cs.ArgumentValueError, match="an empty path names no file"):
        cs.load(extra=extra)  # type: ignore[arg-type]


# One rule for the latest day ----------------------------------------------------------


@pytest.mark.parametrize("day", [datetime.date.max, "9999-12-31", datetime.date.min, "0001-01-01"])
def test_the_latest_day_is_one_rule_for_dates_and_strings(day: object) -> None:
    # Failed before: date.max got an answer while "9999-12-31" was refused.
    with pytest.raises(cs.InvalidDateError, match="outside 1900-2200"):
        cs.load().authority("sandwell").rating_on(day)  # type: ignore[arg-type]


def test_the_last_accepted_day_is_accepted_in_both_forms() -> None:
    assert as_day(datetime.date(2200, 12, 31)) == as_day("2200-12-31")


# File names with line breaks ----------------------------------------------------------


def test_a_file_name_with_a_newline_cannot_forge_an_ok_line(tmp_path: Path) -> None:
    # Failed before: validate printed the name's second line as a line of its own.
    root = tmp_path / "x\nok: 1 path(s) read and checked"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "mine.csv").write_text("id,title\nbad,\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(cs.__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-m", "childservices", "validate", str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    lines = [*done.stdout.splitlines(), *done.stderr.splitlines()]
    assert lines and not any(line.startswith("ok:") for line in lines)
    assert any("x\\nok: 1 path(s)" in line for line in lines)


# Full disks and long names --------------------------------------------------------------


class _Full(io.RawIOBase):
    """A file on a full disk: every write fails with ENOSPC."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def tell(self) -> int:
        return 0


def test_a_full_disk_names_the_workbook_and_prints_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Failed before: the error named the file, but the half-written zip archive printed
    # "Exception ignored in: <function ZipFile.__del__>" with a traceback when collected.
    excel = pytest.importorskip("openpyxl.writer.excel")
    from childservices.layouts.writing import Sheet, write_xlsx

    monkeypatch.setattr(excel, "ZipFile", lambda name, *a, **k: zipfile.ZipFile(_Full(), *a, **k))
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    target = tmp_path / "ratings.xlsx"
    with pytest.raises(cs.ExportError) as raised:
        sheet = Sheet(name="s", above=(), columns=("a",), rows=(("x",),), date_formats={})
        write_xlsx(target, sheet)
    message = str(raised.value)
    del raised  # the error and what it holds are let go, as the command line does
    gc.collect()
    assert str(target) in message and "No space left" in message
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_names_the_file_of_a_text_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safe, "_write_text", full)
    target = tmp_path / "mine.csv"
    with pytest.raises(cs.ExportError, match="No space left") as raised:
        safe.write_text_atomically(target, "a\n")
    assert raised.value.path == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_legal_long_name_is_written(tmp_path: Path) -> None:
    # Failed before: a 249-byte name failed, its temporary file's name being over 255 bytes.
    name = "a" * 245 + ".csv"
    assert len(name.encode()) == 249
    written = safe.write_text_atomically(tmp_path / name, "a\n")
    assert written.read_text(encoding="utf-8") == "a\n"
    multibyte = "é" * 123 + ".csv"  # 250 bytes: the temporary name is cut on a whole character
    assert safe.write_text_atomically(tmp_path / multibyte, "b\n").name == multibyte
