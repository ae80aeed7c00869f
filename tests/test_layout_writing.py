"""Drop-in tables are written by the one safe writer: inert text, no links, whole files.

A user's text that a spreadsheet would run (``=HYPERLINK(...)``) is written
inert in CSV and as a string in xlsx; only a layout's own formula columns
(Data to Insight's report-folder link) are written live, as the original
writes them. Characters a workbook cannot hold are escaped, not a traceback.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from childservices.errors import ExportError, UnknownRecordError
from childservices.layouts import D2I_SUMMARY, Layout, LayoutTable, read_csv

openpyxl = pytest.importorskip("openpyxl")

LAYOUT = Layout(
    name="two",
    columns=("name", "link"),
    date_formats={},
    formulas={"link"},
    sheet="two",
    description="a made-up layout: a user's text and a formula column",
)
HOSTILE = '=HYPERLINK("http://example.org","x")'


def _table(name: str = HOSTILE) -> LayoutTable:
    return LayoutTable(layout=LAYOUT, rows=((name, '=HYPERLINK(".\\1", "1")'),))


def test_a_users_formula_is_inert_in_csv_and_the_layouts_own_is_live() -> None:
    (row,) = csv.reader(io.StringIO(_table().csv_text().splitlines()[1]))
    assert row[0] == "'" + HOSTILE
    assert row[1].startswith("=HYPERLINK(")  # the layout's own formula column, as the original


def test_csv_reads_back_the_users_text() -> None:
    table = _table()
    again = read_csv(LAYOUT, io.StringIO(table.csv_text()))
    assert again.rows == table.rows


def test_xlsx_writes_a_users_formula_as_text(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    _table().to_xlsx(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=1).value == HOSTILE
    assert sheet.cell(row=2, column=2).data_type == "f"


def test_xlsx_escapes_characters_a_workbook_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    _table("bell\x07 and escape\x1b").to_xlsx(path)
    value = openpyxl.load_workbook(path).active.cell(row=2, column=1).value
    assert value == "bell\\x07 and escape\\x1b"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_link_where_the_file_goes_is_refused(tmp_path: Path, suffix: str) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    link = tmp_path / f"out.{suffix}"
    link.symlink_to(victim)
    table = _table()
    with pytest.raises(ExportError, match="link"):
        table.to_csv(link) if suffix == "csv" else table.to_xlsx(link)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_a_missing_row_is_an_unknown_record() -> None:
    with pytest.raises(UnknownRecordError, match="no row of d2i-summary"):
        LayoutTable(layout=D2I_SUMMARY, rows=()).row("123")
