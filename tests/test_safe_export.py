"""Exports never overwrite without being asked, never write through a link, never half-write."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import childservices as cs
from childservices import ExportError
from childservices.export import to_csv, write_json
from childservices.export.safe import inert_cell, write_atomically, write_text_atomically
from childservices.model import RecordSet
from childservices.records.tables import TABLES

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs symlinks")


@pytest.fixture(scope="module")
def small() -> RecordSet:
    """A few bundled records: enough to write every table quickly."""
    records = cs.load().records
    authorities = records.authorities[:3]
    cited = {c.source for a in authorities for c in a.citations}
    sources = tuple(s for s in records.sources if s.id in cited)
    return RecordSet(sources=sources, authorities=authorities)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_an_export_does_not_overwrite_without_being_asked(small: RecordSet, tmp_path: Path) -> None:
    out = tmp_path / "out"
    to_csv(small, out)
    mine = out / "sources" / "sources.csv"
    mine.write_text("my own edits\n")
    with pytest.raises(ExportError) as raised:
        to_csv(small, out)
    assert raised.value.path == str(out / "sources" / "sources.csv")
    # one file per table of the seed format (an empty corrections file too): the first named
    assert f"already exists (and {len(TABLES) - 1} more files of the export)" in str(raised.value)
    assert "overwrite=True" in str(raised.value)
    assert mine.read_text() == "my own edits\n"
    written = to_csv(small, out, overwrite=True)
    assert mine.read_text().startswith("id,title,publisher,published,url\n")
    assert sorted(p.parent.name for p in written) == sorted(TABLES)


def test_an_export_into_an_empty_folder_needs_no_overwrite(
    small: RecordSet, tmp_path: Path
) -> None:
    to_csv(small, tmp_path)
    assert cs.load_seeds(tmp_path).records == small


@posix_only
def test_a_linked_folder_inside_the_export_is_never_written_through(
    small: RecordSet, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "inspections").symlink_to(elsewhere, target_is_directory=True)
    for overwrite in (False, True):
        with pytest.raises(ExportError, match="is a link: an export never writes through a link"):
            to_csv(small, out, overwrite=overwrite)
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["inspections"]


@posix_only
def test_a_linked_file_inside_the_export_is_never_written_through(
    small: RecordSet, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    (out / "sources").mkdir(parents=True)
    (out / "sources" / "sources.csv").symlink_to(victim)
    with pytest.raises(ExportError) as raised:
        to_csv(small, out, overwrite=True)
    assert raised.value.path == str(out / "sources" / "sources.csv")
    assert victim.read_text() == "precious\n"


def test_a_name_taken_by_a_file_leaves_nothing_half_written(
    small: RecordSet, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "programmes").write_text("not a folder\n")  # the last table: all others come first
    with pytest.raises(ExportError) as raised:
        to_csv(small, out)
    assert raised.value.path == str(out / "programmes")
    assert _tree(out) == {"programmes": b"not a folder\n"}


def test_a_full_disk_leaves_nothing_and_names_the_file(
    small: RecordSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    write_text = Path.write_text

    def failing(self: Path, *args: object, **kwargs: object) -> int:
        calls.append(self)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return write_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", failing)
    out = tmp_path / "out"
    with pytest.raises(ExportError) as raised:
        to_csv(small, out)
    table = list(TABLES)[4]
    assert raised.value.path == str(out / table / f"{table}.csv")
    assert "No space left on device" in str(raised.value)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # the temporary folder is gone too


def test_other_record_files_in_the_way_are_refused(small: RecordSet, tmp_path: Path) -> None:
    (tmp_path / "inspections").mkdir()
    (tmp_path / "inspections" / "mine.csv").write_text("id\n")
    with pytest.raises(ExportError, match="load_seeds would read together with the export"):
        to_csv(small, tmp_path, overwrite=True)
    assert _tree(tmp_path) == {"inspections/mine.csv": b"id\n"}


def test_the_json_export_does_not_overwrite_either(small: RecordSet, tmp_path: Path) -> None:
    path = write_json(small, tmp_path)
    assert path == tmp_path / "childservices.json"
    with pytest.raises(ExportError, match=r"childservices\.json: already exists"):
        write_json(small, tmp_path)
    assert write_json(small, tmp_path, overwrite=True) == path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "childservices", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_the_command_line_needs_force_to_replace_an_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _cli("export", "--format", "json", "--out", str(out)).returncode == 0
    again = _cli("export", "--format", "json", "--out", str(out))
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"childservices: {out / 'childservices.json'}: already exists: pass --force "
        "to replace the export's files"
    ]
    assert _cli("export", "--format", "json", "--out", str(out), "--force").returncode == 0


# One file at a time: the same promises, for writers of single files -----------------


def test_one_file_is_written_whole_and_not_replaced_unasked(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    assert write_text_atomically(path, "a,b\r\n1,2\r\n") == path
    assert path.read_bytes() == b"a,b\r\n1,2\r\n"
    with pytest.raises(ExportError, match=r"table\.csv: already exists: pass overwrite=True"):
        write_text_atomically(path, "other\n")
    assert path.read_bytes() == b"a,b\r\n1,2\r\n"
    write_text_atomically(path, "other\n", overwrite=True)
    assert path.read_text() == "other\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


@posix_only
def test_one_file_is_never_written_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "table.csv"
    link.symlink_to(victim)
    with pytest.raises(ExportError, match="is a link: an export never writes through a link"):
        write_text_atomically(link, "x\n", overwrite=True)
    assert victim.read_text() == "precious\n"
    assert link.is_symlink()


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_text("old\n")

    def failing(temporary: Path) -> None:
        temporary.write_text("half")
        raise RuntimeError("the writer failed")

    with pytest.raises(RuntimeError, match="the writer failed"):
        write_atomically(path, failing, overwrite=True)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def no_space(temporary: Path) -> None:
        raise full

    with pytest.raises(ExportError, match=r"book\.xlsx: cannot be written: No space left"):
        write_atomically(path, no_space, overwrite=True)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]


def test_a_folder_in_the_way_of_one_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(ExportError, match="is in the way"):
        write_text_atomically(tmp_path / "out.csv", "x\n", overwrite=True)


def test_cells_a_spreadsheet_would_run_are_made_inert() -> None:
    assert inert_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert inert_cell("@SUM(A1)") == "'@SUM(A1)"
    assert inert_cell("-5") == "-5"
    assert inert_cell("Leeds") == "Leeds"
