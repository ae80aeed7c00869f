"""The cells several layouts share: identifiers valid on a day, days, report files, and the
four judgement columns of the ILACS era."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from childservices.layouts.cells import PRE_DATES_CELL
from childservices.model import (
    Area,
    Framework,
    Grade,
    IdentifierScheme,
    Inspection,
    PartialDate,
    Precision,
    Source,
)

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView

__all__ = [
    "ILACS",
    "area_cells",
    "day_cell",
    "file_link",
    "file_name",
    "identifier_on",
    "page_link",
    "whole_number",
]

_OFSTED_FILES = "https://files.ofsted.gov.uk/"
_OFSTED_REPORTS = "https://reports.ofsted.gov.uk/"
ILACS = frozenset({Framework.ILACS, Framework.ILACS_2026})
"""The frameworks whose judgement columns the layouts are named after."""
_CARE_LEAVERS_SPLIT = datetime.date(2023, 1, 1)


def identifier_on(
    authority: AuthorityView, scheme: IdentifierScheme, day: datetime.date
) -> str | None:
    """The authority's identifier in ``scheme`` valid on ``day`` (the most recently begun)."""
    valid = [
        i
        for i in authority.identifiers
        if i.scheme is scheme
        and (i.valid_from is None or i.valid_from.first_day() <= day)
        and (i.valid_to is None or day <= i.valid_to.last_day())
    ]
    if not valid:
        return None
    return max(
        valid, key=lambda i: i.valid_from.first_day() if i.valid_from else datetime.date.min
    ).value


def whole_number(value: str | None) -> int | str | None:
    """An identifier of digits as a whole number (as the originals write URNs and LA codes)."""
    return int(value) if value is not None and value.isdigit() else value


def day_cell(date: PartialDate | None) -> datetime.date | str | None:
    """A day as a date; a date known only to the month or year as its ISO text."""
    if date is None:
        return None
    if date.precision is Precision.DAY:
        return date.first_day()
    return date.isoformat()


def file_link(inspection: Inspection, sources: Mapping[str, Source]) -> str | None:
    """The address of the report's file on files.ofsted.gov.uk, where a cited source gives it."""
    return _cited_url(inspection, sources, _OFSTED_FILES)


def page_link(inspection: Inspection, sources: Mapping[str, Source]) -> str | None:
    """The address of the report's page on Ofsted's reports site, where a cited source gives it."""
    return _cited_url(inspection, sources, _OFSTED_REPORTS)


def _cited_url(inspection: Inspection, sources: Mapping[str, Source], site: str) -> str | None:
    """The address of the first source the inspection cites on ``site``."""
    for citation in inspection.citations:
        source = sources.get(citation.source)
        if source is not None and source.url and source.url.startswith(site):
            return source.url
    return None


def file_name(inspection: Inspection) -> str | None:
    """The report's file name, where the record cites the report file by name."""
    for citation in inspection.citations:
        if citation.locator and citation.locator.lower().endswith(".pdf"):
            return citation.locator
    return None


def _pre_care_leavers_split(inspection: Inspection) -> bool:
    """An ILACS inspection made before care leavers were judged on their own (January 2023)."""
    if Area.IN_CARE_AND_CARE_LEAVERS in inspection.grades:
        return True
    if Area.IN_CARE in inspection.grades or Area.CARE_LEAVERS in inspection.grades:
        return False
    start = inspection.start or inspection.end or inspection.published
    return start.last_day() < _CARE_LEAVERS_SPLIT


def area_cells(
    inspection: Inspection, grade: Callable[[Grade | None], Any]
) -> tuple[Any, Any, Any, Any]:
    """The four judgement cells (impact of leaders, help and protection, in care, care leavers).

    ``grade`` writes a known grade; a judgement that did not exist for the
    inspection is :data:`~childservices.layouts.PRE_DATES_CELL`, one not known is ``None``.
    """
    grades = inspection.grades

    def cell(area: Area) -> Any:
        return grade(grades.get(area))

    if inspection.framework in ILACS:
        if _pre_care_leavers_split(inspection):
            return (
                cell(Area.IMPACT_OF_LEADERS),
                cell(Area.HELP_AND_PROTECTION),
                cell(Area.IN_CARE_AND_CARE_LEAVERS),
                PRE_DATES_CELL,
            )
        return (
            cell(Area.IMPACT_OF_LEADERS),
            cell(Area.HELP_AND_PROTECTION),
            cell(Area.IN_CARE),
            cell(Area.CARE_LEAVERS),
        )
    if inspection.framework is Framework.SIF:
        return (
            PRE_DATES_CELL,
            cell(Area.HELP_AND_PROTECTION),
            PRE_DATES_CELL,
            cell(Area.CARE_LEAVERS),
        )
    return (PRE_DATES_CELL, PRE_DATES_CELL, PRE_DATES_CELL, PRE_DATES_CELL)
