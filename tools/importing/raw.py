"""An inspection as one sheet row states it, before its id is fixed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from importing.ods import Cell

ILACS_SPLIT_FROM = dt.date(2023, 1, 1)


def ilacs_kind(text: str) -> str:
    """'ILACS Standard Inspection' -> standard, 'ILACS Short Inspection' -> short."""
    low = text.lower()
    if "short" in low:
        return "short"
    if "standard" in low:
        return "standard"
    return ""


@dataclass
class RawInspection:
    """An inspection as one sheet row states it, before its id is fixed."""

    authority: str
    framework: str
    kind: str
    published: dt.date
    start: str
    overall: str
    judgements: list[tuple[str, str, str]]  # (area, grade, locator)
    source: str
    locator: str
    note: list[str] = field(default_factory=list)


def cell_text(cells: list[Cell], header: dict[str, int], column: str) -> str:
    """The text of a row's cell under the heading ``column`` ("" if the row has none)."""
    position = header.get(column)
    if position is None or position >= len(cells):
        return ""
    return cells[position].text.strip()
