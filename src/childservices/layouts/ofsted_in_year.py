"""Ofsted's official statistics: the inspections and visits of one year, with visit themes.

The sheet ``In-year_inspections`` of the release "as at 31 March 2025"
(:data:`OFSTED_IN_YEAR`), for any year the record covers: every standard and
short ILACS inspection, focused visit and monitoring visit whose fieldwork
began in the year (1 April to 31 March) and whose report or letter was
published by the cut-off (Ofsted's: the 30 June after the year). Inspections
carry their judgements, visits their theme. The cells are written as in
:mod:`~childservices.layouts.ofsted`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from childservices.errors import ArgumentValueError
from childservices.layouts._ofsted_cells import (
    ILACS_TYPES,
    JUDGEMENTS,
    authority_cells,
    judgement_cells,
    long_day,
    official_layout,
    ofsted_name,
)
from childservices.layouts._shared import ILACS, day_cell
from childservices.layouts.cells import Cell
from childservices.layouts.table import LayoutTable
from childservices.model import (
    Inspection,
    InspectionKind,
    PartialDate,
    Visit,
    VisitKind,
    VisitTheme,
)

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView

__all__ = [
    "OFSTED_IN_YEAR",
    "VISIT_THEMES",
    "InYear",
    "in_year",
    "ofsted_in_year",
]

OFSTED_IN_YEAR = official_layout(
    name="ofsted-in-year",
    columns=(
        "Web link",
        "Local authority area code",
        "Local authority name",
        "Region",
        "Inspection/Visit date",
        "Publication date",
        "Inspection/Visit type",
        "Overall effectiveness",
        *JUDGEMENTS,
        "Visit Theme",
    ),
    dates=("Inspection/Visit date", "Publication date"),
    sheet="In-year_inspections",
    description="Ofsted's official statistics: the inspections and visits of one year",
    rows="the standard and short inspections, focused visits and monitoring visits of the year",
    blank="Judgement cells are blank for visits, and the visit theme blank for inspections.",
)
"""Ofsted's sheet ``In-year_inspections`` (official statistics, 2025 release): one row per
inspection or visit of a year, by authority name and date."""

VISIT_THEMES = {
    VisitTheme.FRONT_DOOR: "Front door",
    VisitTheme.CHILDREN_IN_NEED: "Children in need/subject to a plan",
    VisitTheme.VULNERABLE_ADOLESCENTS: "Vulnerable adolescents",
    VisitTheme.CHILDREN_IN_CARE: "Children in care",
    VisitTheme.ACHIEVING_PERMANENCE: "Achieving permanence",
    VisitTheme.CARE_LEAVERS: "Care leavers",
}
"""Each visit theme as Ofsted's sheets write it."""

_VISIT_TYPES = {
    VisitKind.FOCUSED: "ILACS Focused Visit",
    VisitKind.MONITORING: "LA Monitoring visit",
}
_YEAR = re.compile(r"(\d{4})(?:-(\d{2}|\d{4}))?")


def in_year(year: str | int) -> InYear:
    """The year Ofsted's in-year sheet covers, from ``2024-25``, ``2024-2025`` or ``2024``
    (the year in which it begins on 1 April)."""
    match = _YEAR.fullmatch(str(year).strip())
    if match is None:
        raise ArgumentValueError(
            f"year {year!r}: give the year as Ofsted's sheets name it, e.g. 2024-25 "
            "(1 April 2024 to 31 March 2025)"
        )
    first = int(match.group(1))
    end = match.group(2)
    if end is not None and int(end) % (100 if len(end) == 2 else 10_000) != (first + 1) % (
        100 if len(end) == 2 else 10_000
    ):
        raise ArgumentValueError(f"year {year!r}: the second year must follow the first")
    return InYear(first=datetime.date(first, 4, 1), last=datetime.date(first + 1, 3, 31))


@attrs.frozen(kw_only=True)
class InYear:
    """A year of Ofsted's in-year sheet: 1 April (``first``) to 31 March (``last``)."""

    first: datetime.date
    last: datetime.date

    @property
    def name(self) -> str:
        """The year as Ofsted names it: '2024-25'."""
        return f"{self.first.year}-{self.last.year % 100:02d}"

    @property
    def cut_off(self) -> datetime.date:
        """Ofsted's cut-off for the year: reports published by the 30 June after it."""
        return datetime.date(self.last.year, 6, 30)


def _in(
    year: InYear,
    began: PartialDate,
    published: PartialDate | None,
    by: datetime.date,
    late_since: datetime.date | None,
) -> bool:
    """Fieldwork began in the year, the report (where its date is known) published by ``by``;
    or, with ``late_since``, began before the year and published after that day and by ``by``."""
    if began.last_day() > year.last:
        return False
    if began.first_day() < year.first:
        return (
            late_since is not None
            and began.last_day() < year.first
            and published is not None
            and published.earliest > late_since
            and published.latest <= by
        )
    return published is None or published.latest <= by


def ofsted_in_year(
    authorities: Iterable[AuthorityView],
    year: InYear,
    *,
    published_by: datetime.date | None = None,
    late_since: datetime.date | None = None,
) -> LayoutTable:
    """The inspections and visits of ``year``: :data:`OFSTED_IN_YEAR`.

    Standard and short ILACS inspections whose fieldwork began in the year
    and whose report was published by ``published_by`` (default
    :attr:`InYear.cut_off`, Ofsted's rule), and the focused and monitoring
    visits that began in the year (a visit whose letter's date the record
    does not hold is listed: the 2023-24 edition gives none). Sorted by
    authority name as Ofsted spells it, then date. The area code and the web
    link are those of the year's last day for an authority then in
    existence, else of the row's own day.

    ``late_since``: Ofsted's revision of the year before (the 2024 edition's
    Notes sheet): also list the inspections and visits begun before the year
    whose report was published after this day, the previous edition's cut-off
    (30 April 2023 for the edition of 2023), and by ``published_by``. A visit
    whose letter's date the record does not hold cannot be placed so, and is
    not listed.
    """
    by = year.cut_off if published_by is None else published_by
    keyed: list[tuple[tuple[str, datetime.date, str], tuple[Cell, ...]]] = []
    for authority in authorities:
        current = authority.active_on(year.last) is True
        events: list[Inspection | Visit] = []
        for inspection in authority.inspections:
            began = inspection.start or inspection.end or inspection.published
            if (
                inspection.framework in ILACS
                and inspection.kind is not InspectionKind.REINSPECTION
                and _in(year, began, inspection.published, by, late_since)
            ):
                events.append(inspection)
        events.extend(v for v in authority.visits if _in(year, v.date, v.published, by, late_since))
        for event in events:
            began = event.date if isinstance(event, Visit) else event.start or event.published
            on = year.last if current else began.first_day()
            row = _row(authority, event, on)
            keyed.append(((ofsted_name(authority).casefold(), began.first_day(), event.id), row))
    keyed.sort(key=lambda pair: pair[0])
    return LayoutTable(
        layout=OFSTED_IN_YEAR,
        rows=tuple(row for _, row in keyed),
        title=f"Local authority in-year inspection activity {year.name}",
        notes=(
            OFSTED_IN_YEAR.notes[0].replace(
                "of the year,",
                f"begun between {long_day(year.first)} and {long_day(year.last)}, with a "
                f"report published by {long_day(by)},",
            ),
        ),
    )


def _row(
    authority: AuthorityView, event: Inspection | Visit, on: datetime.date
) -> tuple[Cell, ...]:
    """One inspection's or visit's row; ``on`` is the day whose identifiers are written."""
    row: dict[str, Cell] = {
        **authority_cells(authority, on, "Region"),
        "Publication date": day_cell(event.published),
    }
    if isinstance(event, Visit):
        row["Inspection/Visit type"] = None if event.kind is None else _VISIT_TYPES.get(event.kind)
        row["Inspection/Visit date"] = day_cell(event.start or event.published)
        row["Visit Theme"] = None if event.theme is None else VISIT_THEMES[event.theme]
    else:
        row["Inspection/Visit date"] = day_cell(event.start)
        row["Inspection/Visit type"] = None if event.kind is None else ILACS_TYPES.get(event.kind)
        row.update(judgement_cells(event))
    return tuple(row.get(c) for c in OFSTED_IN_YEAR.columns)
