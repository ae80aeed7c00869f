"""Data to Insight's summary to the cell: the tool's own habits, each offered as an option.

The summary (:data:`~childservices.layouts.D2I_SUMMARY`) writes what the
record knows. :class:`D2IOptions` asks for the tool's habits where a
dashboard depends on them, each documented with the tool's rule
(``ofsted_ilacs_scrape.py`` of ``data-to-insight/ofsted-ilacs-scrape-tool``
and its fork ``JT-39/ofsted-ilacs-scrape-tool``, public on GitHub):

- ``infer_framework``: where the record does not say whether an ILACS
  inspection was short or standard, the tool's inference from the fieldwork
  dates (:func:`framework_from_days`);
- ``neighbour_words``: the words inside ``stat_neighbour_judgement`` for a
  neighbour with no overall grade (:class:`NeighbourWords`);
- ``page_links``: where the record does not know the report file's address,
  the address of the report's page on Ofsted's site that the record cites;
- ``order``: the rows in the order of an existing file (:func:`read_order`);
  the tool lists authorities in the order of Ofsted's search results, by
  Ofsted's provider names ("London Borough of Barnet" under L), which the
  record does not hold.

:meth:`~childservices.layouts.LayoutTable.as_text` gives the all-text cells of
the tool's xlsx.
"""

from __future__ import annotations

import csv
import datetime
import enum
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import attrs

from childservices.errors import ChildServicesError
from childservices.layouts.cells import POST_REFORM_CELL, Cell
from childservices.layouts.table import LayoutTable

__all__ = [
    "FORK_POST_REFORM",
    "FORK_UNKNOWN",
    "LONGER_THAN_STANDARD",
    "D2IOptions",
    "NeighbourWords",
    "framework_from_days",
    "read_order",
    "restyle",
]

SHORT_DAYS = 7
"""The tool's ``short_inspection_threshold``: fieldwork ending at most 7 days after it began
is a short inspection."""
STANDARD_DAYS = 14
"""The tool's ``standard_inspection_threshold``: up to 14 + 1 days, a standard inspection."""
LONGER_THAN_STANDARD = "inspection duration longer than standard framework"
"""The tool's word for fieldwork ending more than 15 days after it began."""
_END_BEFORE_START = "invalid end or start date extracted"
FORK_POST_REFORM = "Not reported (2026 framework change)"
"""The fork's word, in a neighbour list, for a neighbour inspected under the 2026 framework."""
FORK_UNKNOWN = "Unknown"
"""The fork's word, in a neighbour list, for a neighbour with no grade (the original: nan)."""
_NEIGHBOUR = re.compile(r"\((\d+), (nan|'[^']*')\)")


class NeighbourWords(enum.Enum):
    """How ``stat_neighbour_judgement`` writes a neighbour with no overall grade."""

    ORIGINAL = "original"
    """As the original tool's snapshots: ``nan`` for a neighbour with no grade, the library's
    ``not_reported_post_reform`` for one inspected under the 2026 framework."""
    FORK = "fork"
    """As the fork writes it since mid-2026: ``'Unknown'`` and ``'Not reported (2026
    framework change)'``; the fork's own ``overall_effectiveness_grade`` column keeps
    ``not_reported_post_reform``."""


def _urns(value: Sequence[int | str] | None) -> tuple[int, ...] | None:
    return None if value is None else tuple(int(v) for v in value)


@attrs.frozen(kw_only=True)
class D2IOptions:
    """The tool's habits to follow in a summary table (all off by default): see the module."""

    infer_framework: bool = False
    neighbour_words: NeighbourWords = NeighbourWords.ORIGINAL
    page_links: bool = False
    order: tuple[int, ...] | None = attrs.field(default=None, converter=_urns)


def framework_from_days(start: datetime.date, end: datetime.date) -> str:
    """The tool's inference of an ILACS inspection's kind from its fieldwork dates.

    The days from the first to the last day of fieldwork: at most 7, ``short``;
    8 to 15, ``standard``; more, :data:`LONGER_THAN_STANDARD`; an end before
    the start, the tool's ``invalid end or start date extracted``. A short
    inspection's fieldwork is one week, a standard one's two, so a paused
    inspection (Devon's, South Tyneside's) reads as longer than standard.

    >>> framework_from_days(datetime.date(2026, 5, 11), datetime.date(2026, 5, 22))
    'standard'
    >>> framework_from_days(datetime.date(2026, 7, 6), datetime.date(2026, 7, 10))
    'short'
    """
    days = (end - start).days
    if days < 0:
        return _END_BEFORE_START
    if days <= SHORT_DAYS:
        return "short"
    if days <= STANDARD_DAYS + 1:
        return "standard"
    return LONGER_THAN_STANDARD


def read_order(source: str | os.PathLike[str] | TextIO) -> tuple[int, ...]:
    """The URNs of a summary file (the tool's CSV, or one of the library's), in its row order."""
    if isinstance(source, str | os.PathLike):
        with Path(source).open(encoding="utf-8", newline="") as handle:
            return read_order(handle)
    name = getattr(source, "name", "<stream>")
    reader = csv.DictReader(source)
    if reader.fieldnames is None or "urn" not in reader.fieldnames:
        raise ChildServicesError(f"{name}: no 'urn' column to take the row order from")
    urns = []
    for line, row in enumerate(reader, start=2):
        text = (row.get("urn") or "").strip()
        if not text.isdigit():
            raise ChildServicesError(f"{name}, line {line}, column urn: {text!r} is not a URN")
        urns.append(int(text))
    return tuple(urns)


def restyle(table: LayoutTable, options: D2IOptions) -> LayoutTable:
    """``table`` (a summary) with ``options``' inference, neighbour words and row order."""
    columns = table.columns
    at = {c: n for n, c in enumerate(columns)}
    rows = []
    for row in table.rows:
        cells = list(row)
        start, end = cells[at["inspection_start_date"]], cells[at["inspection_end_date"]]
        if (
            options.infer_framework
            and cells[at["inspection_framework"]] is None
            and isinstance(start, datetime.date)
            and isinstance(end, datetime.date)
        ):
            cells[at["inspection_framework"]] = framework_from_days(start, end)
        if options.neighbour_words is NeighbourWords.FORK:
            cells[at["stat_neighbour_judgement"]] = _fork_words(
                cells[at["stat_neighbour_judgement"]]
            )
        rows.append(tuple(cells))
    if options.order is not None:
        place = {urn: n for n, urn in enumerate(options.order)}
        urn_at = at["urn"]

        def position(row: tuple[Cell, ...]) -> int:
            urn = row[urn_at]
            return place.get(urn, len(place)) if isinstance(urn, int) else len(place)

        rows.sort(key=position)  # stable: rows the order does not list stay last, by name
    return attrs.evolve(table, rows=tuple(rows))


def _fork_words(cell: Cell) -> Cell:
    """A neighbour list in the fork's words."""
    if not isinstance(cell, str):
        return cell

    def word(match: re.Match[str]) -> str:
        value = match.group(2)
        if value == "nan":
            value = repr(FORK_UNKNOWN)
        elif value == repr(POST_REFORM_CELL):
            value = repr(FORK_POST_REFORM)
        return f"({match.group(1)}, {value})"

    return _NEIGHBOUR.sub(word, cell)
