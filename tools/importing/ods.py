"""Reading ODS sheets (stdlib only: the row numbers must match a spreadsheet app).

A run of repeated cells is spread in full, so the columns after it keep their places;
empty cells at the end of a row (a sheet pads its rows to its last column) are dropped.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


MAX_COLUMNS = 16384
"""The most columns a sheet has: a repeated cell with text is never spread wider."""


@dataclass(frozen=True)
class Cell:
    """One cell: its text (dates as ISO dates) and any HYPERLINK target."""

    text: str
    link: str = ""


def _q(prefix: str, name: str) -> str:
    return f"{{{ODS_NS[prefix]}}}{name}"


def read_ods_sheet(path: Path, sheet: str) -> dict[int, list[Cell]]:
    """Return the non-empty rows of one sheet, keyed by 1-based row number."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as handle:
        tree = ET.parse(handle)
    for table in tree.iter(_q("table", "table")):
        if table.get(_q("table", "name")) != sheet:
            continue
        rows: dict[int, list[Cell]] = {}
        number = 0
        for row in table.iter(_q("table", "table-row")):
            repeat = int(row.get(_q("table", "number-rows-repeated"), "1"))
            cells: list[Cell] = []
            held: list[tuple[Cell, int]] = []  # cells without text: kept if text follows
            for cell in row:
                if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                crepeat = int(cell.get(_q("table", "number-columns-repeated"), "1"))
                value_type = cell.get(_q("office", "value-type"), "")
                if value_type == "date":
                    text = cell.get(_q("office", "date-value"), "")[:10]
                elif value_type == "float":
                    text = cell.get(_q("office", "value"), "")
                else:
                    text = "\n".join("".join(p.itertext()) for p in cell.iter(_q("text", "p")))
                formula = cell.get(_q("table", "formula"), "")
                match = re.search(r'HYPERLINK\("([^"]+)"', formula)
                link = match.group(1) if match else ""
                if not text:
                    held.append((Cell(text, link), crepeat))
                    continue
                for blank, count in held:
                    cells.extend([blank] * count)
                held.clear()
                cells.extend([Cell(text, link)] * min(crepeat, MAX_COLUMNS))
            if cells:
                for offset in range(repeat):
                    rows[number + 1 + offset] = cells
            number += repeat
        return rows
    raise KeyError(f"sheet {sheet!r} not found in {path.name}")


def clean_header(text: str) -> str:
    """Collapse whitespace in a column header (the sheet has newlines in some)."""
    return " ".join(text.split())
