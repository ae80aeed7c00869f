"""`export --layout ... --format ods` on the command line (issue 28): Ofsted's layout as ODS.

The workbook's cells are checked against Ofsted's own file in
tests/test_layouts_workbook.py; here, that the command writes what the API
writes, refuses ODS where it cannot go, and offers the ILACS history layout.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

import childservices as cs
from childservices.cli import main
from childservices.rules.official import CountingRule

pd = pytest.importorskip("pandas")
pytest.importorskip("odf")


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


@pytest.mark.parametrize(
    ("layout", "method"), [("ofsted-as-at", "as_at_table"), ("ofsted-ilacs-history", "ilacs_history_table")]
)
def test_the_command_writes_the_layout_as_ods(tmp_path: Path, layout: str, method: str) -> None:
    path = tmp_path / f"{layout}.ods"
    code, out = _run("export", "--layout", layout, "--on", "2025-03-31", "--format", "ods", "--out", os.fspath(path))
    assert code == 0, out
    rule = CountingRule(inspected_by="2025-03-31", published_by="2025-06-30")
    table = getattr(cs.load(), method)(rule)
    frame = pd.read_excel(path, engine="odf", skiprows=table.layout.header_row - 1)
    assert list(frame.columns) == list(table.columns)
    assert len(frame) == len(table) and out == f"wrote {len(table)} rows of {layout} to {path}\n"


def test_ods_needs_a_file_and_a_layout(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("export", "--layout", "ofsted-as-at", "--on", "2025-03-31", "--format", "ods", "--out", "-")[0] == 2
    assert "ods needs a file: --out FILE.ods" in capsys.readouterr().err
    assert _run("export", "--format", "ods", "--out", "x")[0] == 2
    assert "ods is for --layout tables" in capsys.readouterr().err


def test_the_command_writes_the_in_year_layout(tmp_path: Path) -> None:
    path = tmp_path / "in-year.ods"
    code, out = _run("export", "--layout", "ofsted-in-year", "--year", "2024-25", "--format", "ods", "--out", os.fspath(path))
    assert code == 0, out
    table = cs.load().in_year_table("2024-25")
    frame = pd.read_excel(path, engine="odf", sheet_name="In-year_inspections", skiprows=2)
    assert list(frame.columns) == list(table.columns)
    assert len(frame) == len(table) == 112
    assert out == f"wrote 112 rows of ofsted-in-year to {path}\n"
    late = cs.load().in_year_table("2023-24", late_since="2023-04-30")
    code, out = _run("export", "--layout", "ofsted-in-year", "--year", "2023-24", "--late-since", "2023-04-30", "--out", "-")
    assert code == 0 and out == late.csv_text()


def test_the_in_year_layout_needs_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run("export", "--layout", "ofsted-in-year", "--out", "-")[0] == 2
    assert "needs --year YEAR (2024-25)" in capsys.readouterr().err
    assert _run("export", "--layout", "ofsted-in-year", "--year", "2024-26", "--out", "-")[0] == 1
    assert "the second year must follow the first" in capsys.readouterr().err


def test_the_command_writes_the_wide_history(tmp_path: Path) -> None:
    path = tmp_path / "wide.ods"
    code, out = _run("export", "--layout", "ofsted-wide-history", "--on", "2023-03-31", "--published-by", "2023-04-30", "--format", "ods", "--out", os.fspath(path))
    assert code == 0, out
    rule = CountingRule(inspected_by="2023-03-31", published_by="2023-04-30")
    table = cs.load().wide_history_table(rule)
    frame = pd.read_excel(path, engine="odf", sheet_name="LA_inspections_2009-2023", skiprows=4)
    assert list(frame.columns) == list(table.columns) and len(frame) == len(table) == 152
    code, out = _run("export", "--layout", "ofsted-wide-history", "--on", "2023-03-31", "--published-by", "2023-04-30", "--abolished", "--out", "-")
    assert code == 0 and out == cs.load().wide_history_table(rule, abolished=True).csv_text()
