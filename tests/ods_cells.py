"""What the cell-by-cell checks of Ofsted's sheets share: a cell as pandas reads it, the
layout's round trip, and the table written to ODS and read back beside Ofsted's own sheet."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest

from childservices.layouts import LAYOUTS, LayoutTable, Link, read_csv


def empty(value: Any) -> Any:
    """pandas' NaN as None, a timestamp as its day."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def assert_round_trips(table: LayoutTable) -> None:
    """The table's layout is registered under its name, and its CSV reads back as its rows
    (a link as its address)."""
    layout = table.layout
    assert LAYOUTS[layout.name] is layout
    back = read_csv(layout, io.StringIO(table.csv_text()))
    assert back.rows == tuple(
        tuple(c.url if isinstance(c, Link) else c for c in row) for row in table.rows
    )


def ours_and_theirs(
    table: LayoutTable, original: Path, sheet: str, tmp_path: Path
) -> tuple[Any, Any]:
    """The table written to ODS and Ofsted's ``sheet`` of ``original``, as pandas frames,
    read as the DfE's dashboard reads Ofsted's sheets: by name, the two rows above the
    header skipped. Both have the layout's columns."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf")
    path = tmp_path / "table.ods"
    table.to_ods(path)
    ours = pd.read_excel(path, engine="odf", sheet_name=sheet, skiprows=2)
    theirs = pd.read_excel(original, engine="odf", sheet_name=sheet, skiprows=2)
    assert list(ours.columns) == list(theirs.columns) == list(table.layout.columns)
    return ours, theirs
