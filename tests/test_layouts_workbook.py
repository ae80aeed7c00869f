"""Ofsted's "as at" sheet as Ofsted lays out its workbook: ODS and xlsx, header on row 3.

The acceptance test reads the library's files exactly as the DfE's dashboard
reads Ofsted's (``read_ods(..., skip = 2)`` in ``R/read_data.R`` of
``dfe-analytical-services/CSC_outcomes_and_enablers``; in pandas,
``pd.read_excel(path, engine="odf", sheet_name=<sheet>, skiprows=2)``), reads
Ofsted's own file the same way, and compares the two frames: header and every
cell. The link targets, which pandas does not see, are compared with odfpy
and differ as the drop-in page documents.
"""

from __future__ import annotations

import datetime
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import childservices as cs
from childservices.errors import ArgumentValueError
from childservices.layouts import OFSTED_AS_AT, Layout, LayoutTable, Link

RULE_2025 = cs.CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
SHEET = "Inspections_as_at_31_March"
OFSTED_2025 = "sources/official/LA_Inspection_Outcomes_as_at_31_March_2025.ods"
PROVIDER = "https://reports.ofsted.gov.uk/provider/44/"


@pytest.fixture(scope="module")
def as_at() -> LayoutTable:
    return cs.load().as_at_table(RULE_2025)


def _read_as_the_dfe_does(path: Path, engine: str | None = "odf") -> Any:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    return pd.read_excel(path, engine=engine, sheet_name=SHEET, skiprows=2)


def _link_targets(path: Path, sheet: str) -> list[str | None]:
    """Each data row's link target in column A (below the header on row 3), read with odfpy:
    a text:a element's address, or the address in a HYPERLINK formula."""
    pytest.importorskip("odf")
    from odf import opendocument, table, text

    document = opendocument.load(str(path))
    targets: list[str | None] = []
    for candidate in document.spreadsheet.getElementsByType(table.Table):
        if candidate.getAttribute("name") != sheet:
            continue
        for row in candidate.getElementsByType(table.TableRow)[3:]:
            cells = row.getElementsByType(table.TableCell)
            if not cells or not "".join(str(p) for p in cells[0].getElementsByType(text.P)):
                continue
            anchors = cells[0].getElementsByType(text.A)
            if anchors:
                targets.append(anchors[0].getAttribute("href"))
                continue
            match = re.search(r'HYPERLINK\("([^"]+)"', cells[0].getAttribute("formula") or "")
            targets.append(match.group(1) if match else None)
    return targets


def _compare_frames(ours: Any, theirs: Any) -> tuple[int, int]:
    """Header equal, then every cell: (cells equal, cells compared); a differing cell fails."""
    assert list(ours.columns) == list(theirs.columns)
    assert ours.shape == theirs.shape
    equal = 0
    for (_, mine), (_, original) in zip(ours.iterrows(), theirs.iterrows(), strict=True):
        for column in theirs.columns:
            a, b = mine[column], original[column]
            same = (a != a and b != b) or a == b  # NaN (an empty cell) equals NaN
            assert same, (original["Local authority name"], column, a, b)
            assert type(a) is type(b), (original["Local authority name"], column)
            equal += 1
    return equal, theirs.size


@pytest.mark.shared
@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_read_as_the_dfe_reads_ofsteds_workbook(
    shared_dir: Path, tmp_path: Path, as_at: LayoutTable, suffix: str
) -> None:
    theirs = _read_as_the_dfe_does(shared_dir / OFSTED_2025)
    path = tmp_path / f"as_at.{suffix}"
    if suffix == "ods":
        as_at.to_ods(path)
        ours = _read_as_the_dfe_does(path)
    else:
        pytest.importorskip("openpyxl")
        as_at.to_xlsx(path)
        ours = _read_as_the_dfe_does(path, engine="openpyxl")
    equal, cells = _compare_frames(ours, theirs)
    print(f"{suffix}: {equal} of {cells} cells equal to Ofsted's sheet read with skiprows=2")
    assert equal == cells == 153 * 11
    # Every web link shows Ofsted's text; the dates are dates.
    assert set(ours["Web link"]) == {"Ofsted Local Authority Webpage"}
    assert str(ours["Inspection date"].dtype).startswith("datetime64")


@pytest.mark.shared
def test_the_link_targets_differ_as_documented(
    shared_dir: Path, tmp_path: Path, as_at: LayoutTable
) -> None:
    """Ofsted's links end with the DfE number, and two of them point at another authority's
    page (City of London at Islington's, North Northamptonshire at West Northamptonshire's);
    the library's end with the Ofsted URN (docs/howto/spreadsheets.md)."""
    path = tmp_path / "as_at.ods"
    as_at.to_ods(path)
    ours = _link_targets(path, SHEET)
    theirs = _link_targets(shared_dir / OFSTED_2025, SHEET)
    frame = _read_as_the_dfe_does(shared_dir / OFSTED_2025)
    ds = cs.load()
    wrong_authority = []
    for mine, original, code in zip(ours, theirs, frame["Local authority area code"], strict=True):
        authority = ds.authority(code)
        assert mine == PROVIDER + str(authority.identifier("ofsted_urn"))
        assert original is not None and original.startswith(PROVIDER)
        if original != PROVIDER + str(authority.identifier("dfe")):
            wrong_authority.append((authority.id, original.removeprefix(PROVIDER)))
    assert len(ours) == len(theirs) == 153
    assert sum(m != t for m, t in zip(ours, theirs, strict=True)) == 153
    # Islington's DfE number is 206, West Northamptonshire's 941.
    assert wrong_authority == [("city-of-london", "206"), ("north-northamptonshire", "941")]
    assert ds.authority("Islington").identifier("dfe") == "206"
    assert ds.authority("West Northamptonshire").identifier("dfe") == "941"


def test_the_ods_is_laid_out_as_ofsteds(tmp_path: Path, as_at: LayoutTable) -> None:
    pytest.importorskip("odf")
    from odf import opendocument, table, text

    path = tmp_path / "as_at.ods"
    as_at.to_ods(path)
    assert zipfile.is_zipfile(path)
    document = opendocument.load(str(path))
    (sheet,) = document.spreadsheet.getElementsByType(table.Table)
    assert sheet.getAttribute("name") == SHEET
    rows = sheet.getElementsByType(table.TableRow)
    assert len(rows) == 3 + 153

    def texts(row: Any) -> list[str]:
        return [
            "".join(str(p) for p in c.getElementsByType(text.P))
            for c in row.getElementsByType(table.TableCell)
        ]

    assert texts(rows[0]) == ["Local authority inspection judgements as at 31 March 2025"]
    assert "30 June 2025" in texts(rows[1])[0] and "A3" in texts(rows[1])[0]
    assert tuple(texts(rows[2])) == OFSTED_AS_AT.columns
    # Barking and Dagenham, inspected from 10 July 2023 (Ofsted's sheet, row 4).
    first = rows[3].getElementsByType(table.TableCell)
    assert first[4].getAttribute("valuetype") == "date"
    assert first[4].getAttribute("datevalue") == "2023-07-10"
    assert texts(rows[3])[4] == "10/07/2023"
    assert first[0].getElementsByType(text.A)[0].getAttribute("href") == PROVIDER + "80486"
    assert all(
        c.getAttribute("formula") is None
        for r in rows
        for c in r.getElementsByType(table.TableCell)
    )
    assert list(tmp_path.iterdir()) == [path]  # written whole: no temporary file left


def test_text_is_never_a_formula_in_ods(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    layout = Layout(
        name="t",
        columns=("a", "b", "c", "d"),
        date_formats={"c": "%d/%m/%y"},
        sheet="s",
        description="a test table",
        notes=("a note",),
        header_row=3,
    )
    rows = (
        ('=HYPERLINK("http://x")', 7, datetime.date(2026, 6, 29), Link(url="http://y", text="y")),
        ("bell\x07", None, "2014-10", None),
    )
    path = tmp_path / "t.ods"
    LayoutTable(layout=layout, rows=rows).to_ods(path)
    frame = pd.read_excel(path, engine="odf", sheet_name="s", skiprows=2)
    assert list(frame.columns) == ["a", "b", "c", "d"]
    assert frame.iloc[0].tolist()[:2] == ['=HYPERLINK("http://x")', 7]
    assert frame.iloc[0]["c"] == pd.Timestamp(2026, 6, 29)
    assert frame.iloc[1]["a"] == "bell\\x07"
    assert frame.iloc[1]["c"] == "2014-10"  # a month, kept as the record writes it
    title = pd.read_excel(path, engine="odf", sheet_name="s", header=None, nrows=2)
    assert title[0].tolist() == ["A test table", "a note"]


def test_xlsx_header_on_row_3(tmp_path: Path, as_at: LayoutTable) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "as_at.xlsx"
    as_at.to_xlsx(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == SHEET
    assert sheet.cell(row=1, column=1).value == as_at.title
    assert [c.value for c in sheet[3]] == list(OFSTED_AS_AT.columns)
    link = sheet.cell(row=4, column=1)
    assert link.hyperlink.target == PROVIDER + "80486"
    assert sheet.cell(row=4, column=5).value == datetime.datetime(2023, 7, 10)
    assert sheet.cell(row=4, column=5).number_format == "dd/mm/yyyy"


def test_a_layout_needs_room_for_its_rows_above() -> None:
    with pytest.raises(ArgumentValueError, match="header row 4"):
        Layout(name="t", columns=("a",), date_formats={}, sheet="s", description="d", header_row=4)
    with pytest.raises(ArgumentValueError, match="1 note rows, not 2"):
        LayoutTable(layout=OFSTED_AS_AT, rows=(), notes=("one", "two"))


def test_without_odfpy_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_at: LayoutTable
) -> None:
    for name in [m for m in sys.modules if m == "odf" or m.startswith("odf.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "odf", None)
    with pytest.raises(cs.MissingExtraError, match=r"childservices\[ods\]"):
        as_at.to_ods(tmp_path / "x.ods")
    assert not list(tmp_path.iterdir())
