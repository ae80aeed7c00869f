"""The summary feed: Data to Insight's table of every authority's latest inspection.

Its columns are those of the dated snapshots the bundle was built from
(:data:`~childservices.layouts.D2I_SUMMARY`). Rows are read strictly: a row
that cannot be read is skipped with the reason, and a header that has changed
stops the update.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from childservices.errors import InvalidRecordError
from childservices.layouts import D2I_SUMMARY
from childservices.model import Area, Grade, Overall
from childservices.model.grades import grade_from_text
from childservices.update.downloads import feed_bytes, is_url
from childservices.update.results import Skipped, UpdateError

__all__ = ["FEED_COLUMNS", "FEED_URL", "MAX_FEED_ROWS", "FeedRow", "read_feed"]

FEED_URL = "https://jt-39.github.io/ofsted-ilacs-scrape-tool/ofsted_csc_ilacs_overview.xlsx"
"""The published summary feed: the spreadsheet the Data to Insight scrape tool's fork
publishes daily (its README calls it the full dataset behind the web summary)."""

FEED_COLUMNS = D2I_SUMMARY.columns
"""The feed's columns, in order, as in the snapshots the bundle was built from."""

MAX_FEED_ROWS = 10_000
"""The most rows a feed may have (the published one has one an authority, about 150)."""

_SCALE = frozenset(Grade) - {Grade.ADEQUATE}
"""The grades the feed can hold: it has no 'adequate' (a grade before November 2013)."""
_UNKNOWN_WORDS = frozenset({"", "nan", "none", "data_unreadable"})
_NO_OVERALL = "not_reported_post_reform"
_COMBINED = "inspection_pre_dates_judgement"


@attrs.frozen(kw_only=True)
class FeedRow:
    """One row of the summary feed: an authority's latest inspection as the feed states it.

    Grades are ``None`` where the feed leaves them empty or unreadable;
    ``overall`` is :data:`~childservices.NOT_GIVEN` where the feed says the
    reformed framework gave none. ``grades`` holds the area grades the feed
    gives (children in care and care leavers together, before 2023).
    """

    line: int
    urn: str
    name: str
    link: str
    published: datetime.date
    overall: Overall | None
    grades: Mapping[Area, Grade | None]
    inspector: str | None


def _table(body: bytes, where: str) -> list[list[Any]]:
    """The feed's cells, row by row: from an xlsx workbook's first sheet, or from CSV text."""
    if body.startswith(b"PK\x03\x04"):
        from childservices.extras import require

        openpyxl = require("openpyxl", feature=f"reading the feed {where}, a spreadsheet (xlsx),")
        try:
            book = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            return _capped(sheet.iter_rows(values_only=True), where)
        except UpdateError:
            raise
        except Exception as exc:  # openpyxl raises many kinds of error on a damaged file
            raise UpdateError(f"the feed {where}: not a readable spreadsheet: {exc}") from None
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UpdateError(f"the feed {where}: neither a spreadsheet nor UTF-8 CSV text") from None
    try:
        return _capped(csv.reader(io.StringIO(text)), where)
    except csv.Error as exc:
        raise UpdateError(f"the feed {where}: not CSV: {exc}") from None


def _capped(rows: Iterable[Sequence[Any]], where: str) -> list[list[Any]]:
    """The rows, refused past :data:`MAX_FEED_ROWS` (read no further than that)."""
    table: list[list[Any]] = []
    for row in rows:
        if len(table) > MAX_FEED_ROWS:
            raise UpdateError(
                f"the feed {where}: more than {MAX_FEED_ROWS} rows (the published feed has one "
                "a council, about 150); nothing read"
            )
        table.append(list(row))
    return table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _day(text: str) -> datetime.date | None:
    for form in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def _grade(text: str, column: str) -> Grade | None:
    """The grade a cell of ``column`` holds (``None``: empty or unreadable)."""
    try:
        return grade_from_text(text, scale=_SCALE, unknown=_UNKNOWN_WORDS)
    except ValueError:
        raise InvalidRecordError(f"{column}: {text!r} is not a grade") from None


def _overall(text: str) -> Overall | None:
    """The overall judgement: a grade, or none given under the reformed framework."""
    try:
        return grade_from_text(text, scale=_SCALE, unknown=_UNKNOWN_WORDS, not_given={_NO_OVERALL})
    except ValueError:
        raise InvalidRecordError(f"overall_effectiveness_grade: {text!r} is not a grade") from None


def _row(cells: Mapping[str, str], line: int) -> FeedRow:
    """One feed row, read strictly (an ``InvalidRecordError``, a ``ValueError``, says which column is wrong)."""
    urn = cells["urn"]
    if not urn.isdigit():
        raise InvalidRecordError(f"urn: {urn!r} is not an Ofsted URN")
    published = _day(cells["publication_date"])
    if published is None:
        raise InvalidRecordError(f"publication_date: {cells['publication_date']!r} is not a date")
    link = cells["inspection_link"]
    if not is_url(link):
        raise InvalidRecordError(f"inspection_link: {link!r} is not an http(s) address")
    overall = _overall(cells["overall_effectiveness_grade"])
    grades: dict[Area, Grade | None] = {
        Area.IMPACT_OF_LEADERS: _grade(cells["impact_of_leaders_grade"], "impact_of_leaders_grade"),
        Area.HELP_AND_PROTECTION: _grade(
            cells["help_and_protection_grade"], "help_and_protection_grade"
        ),
    }
    in_care = _grade(cells["in_care_grade"], "in_care_grade")
    if cells["care_leavers_grade"].strip().lower() == _COMBINED:
        grades[Area.IN_CARE_AND_CARE_LEAVERS] = in_care
    else:
        grades[Area.IN_CARE] = in_care
        grades[Area.CARE_LEAVERS] = _grade(cells["care_leavers_grade"], "care_leavers_grade")
    inspector = cells["inspector_name"].strip()
    return FeedRow(
        line=line,
        urn=urn,
        name=cells["local_authority"],
        link=link,
        published=published,
        overall=overall,
        grades=MappingProxyType(grades),
        inspector=None if inspector.lower() in _UNKNOWN_WORDS else inspector,
    )


def _header_change(header: list[str]) -> str:
    """How ``header`` differs from :data:`FEED_COLUMNS`, in words."""
    missing = [c for c in FEED_COLUMNS if c not in header]
    extra = [c for c in header if c not in FEED_COLUMNS]
    return "; ".join(
        part
        for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"unexpected {', '.join(extra)}" if extra else "",
            "columns in another order" if not missing and not extra else "",
        )
        if part
    )


def read_feed(
    feed: str | os.PathLike[str] = FEED_URL, *, timeout: float = 60.0
) -> tuple[tuple[FeedRow, ...], tuple[Skipped, ...]]:
    """The feed's rows, and the rows that could not be read (with the reason).

    ``feed`` is an http(s) address or a downloaded file, CSV (like the
    snapshots) or xlsx (as published; needs openpyxl, the ``update``
    extra). A feed that cannot be fetched, is neither, or whose header is
    not :data:`FEED_COLUMNS` raises :class:`~childservices.update.UpdateError`.
    """
    body, where = feed_bytes(feed, timeout)
    table = _table(body, where)
    if not table:
        raise UpdateError(f"the feed {where}: empty")
    header = [_cell(c) for c in table[0]]
    while header and header[-1] == "":
        header.pop()
    if tuple(header) != FEED_COLUMNS:
        detail = _header_change(header)
        raise UpdateError(f"the feed {where}: its header has changed ({detail}); nothing read")
    rows: list[FeedRow] = []
    skipped: list[Skipped] = []
    for number, raw in enumerate(table[1:], start=2):
        values = [_cell(c) for c in raw]
        if not any(values):
            continue
        cells = dict(
            zip(FEED_COLUMNS, values + [""] * (len(FEED_COLUMNS) - len(values)), strict=False)
        )
        try:
            rows.append(_row(cells, number))
        except ValueError as exc:
            name = cells.get("local_authority") or "?"
            skipped.append(Skipped(what=f"feed line {number} ({name})", reason=str(exc)))
    return tuple(rows), tuple(skipped)
