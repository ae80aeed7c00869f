"""The cells Ofsted's official-statistics sheets share: names as Ofsted spells them, its eight
regions, grades in its words, the web link to an authority's page."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from childservices.layouts._shared import area_cells, identifier_on
from childservices.layouts.cells import PRE_DATES_CELL, Cell, Link
from childservices.layouts.table import Layout
from childservices.model import (
    NOT_GIVEN,
    Grade,
    IdentifierScheme,
    Inspection,
    InspectionKind,
    Region,
)
from childservices.rules.carryover import keeps_predecessor_urn

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView
    from childservices.rules.official import CountingRule

__all__ = [
    "ILACS_TYPES",
    "JUDGEMENTS",
    "NO_OVERALL",
    "OFSTED_REGIONS",
    "authority_cells",
    "continued_by",
    "judgement_cells",
    "listed_by",
    "long_day",
    "official_layout",
    "ofsted_grade",
    "ofsted_name",
    "ofsted_overall",
    "ofsted_region",
    "web_link",
]

OFSTED_REGIONS: Mapping[Region, str] = MappingProxyType(
    {
        region: (
            "North East, Yorkshire and the Humber"
            if region in (Region.NORTH_EAST, Region.YORKSHIRE_AND_THE_HUMBER)
            else region.value
        )
        for region in Region
    }
)
"""Ofsted's eight regions: the North East and Yorkshire and the Humber are one."""

_OFFICIAL_SOURCES = frozenset(
    {"ofsted-la-inspection-outcomes-2025-03-31", "ofsted-csc-data-england-2023"}
)
_PROVIDER_PAGE = "https://reports.ofsted.gov.uk/provider/44/"
NO_OVERALL = "No overall judgement under this framework"
"""The overall effectiveness cell of an inspection whose framework gives none (2026)."""
JUDGEMENTS = (
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
)
"""The four judgement columns of the ILACS sheets, in their order."""
ILACS_TYPES: Mapping[InspectionKind, str] = MappingProxyType(
    {
        InspectionKind.STANDARD: "ILACS Standard Inspection",
        InspectionKind.SHORT: "ILACS Short Inspection",
    }
)
"""The ILACS inspection types as Ofsted's sheets write them."""


def ofsted_name(authority: AuthorityView) -> str:
    """The name as Ofsted's official statistics spell it, else the record's name."""
    index = authority.dataset.index
    for alias in index.aliases_by_authority.get(authority.id, ()):
        if any(c.source in _OFFICIAL_SOURCES for c in alias.citations):
            return alias.alias
    return authority.name


def ofsted_region(authority: AuthorityView) -> str | None:
    """The authority's region as one of Ofsted's eight."""
    return None if authority.region is None else OFSTED_REGIONS[authority.region]


def ofsted_grade(grade: Grade | None) -> str | None:
    """A grade in Ofsted's words ('Requires improvement to be good')."""
    if grade is None:
        return None
    return grade.label[0].upper() + grade.label[1:]


def ofsted_overall(inspection: Inspection) -> str | None:
    """The overall effectiveness cell: the grade, :data:`NO_OVERALL`, or empty if not known."""
    overall = inspection.overall
    if overall is NOT_GIVEN:
        return NO_OVERALL
    return ofsted_grade(overall) if isinstance(overall, Grade) else None


def web_link(authority: AuthorityView, day: datetime.date) -> Link | None:
    """The authority's page on Ofsted's reports site, by its Ofsted URN on ``day``."""
    urn = identifier_on(authority, IdentifierScheme.OFSTED_URN, day)
    if urn is None:
        return None
    return Link(url=f"{_PROVIDER_PAGE}{urn}", text="Ofsted Local Authority Webpage")


def long_day(day: datetime.date) -> str:
    """A day as Ofsted's titles write it: '31 March 2025'."""
    return f"{day.day} {day:%B %Y}"


def official_layout(
    *,
    name: str,
    columns: tuple[str, ...],
    dates: tuple[str, ...],
    sheet: str,
    description: str,
    rows: str,
    blank: str,
) -> Layout:
    """A sheet of Ofsted's official statistics with its header on row 3: ``dates`` are the
    columns of days, ``rows`` what the rows are, ``blank`` which cells are left blank."""
    return Layout(
        name=name,
        columns=columns,
        date_formats=dict.fromkeys(dates, "%d/%m/%Y"),
        sheet=sheet,
        description=description,
        notes=(
            f"One table, from cell A3, with no blank rows or columns: {rows}, rebuilt by the "
            "childservices library from its record. Column A links to the authority's page on "
            f"Ofsted's reports site. {blank}",
        ),
        header_row=3,
    )


def authority_cells(
    authority: AuthorityView, on: datetime.date, region_column: str
) -> dict[str, Cell]:
    """The cells naming the authority: the web link and area code of ``on``, the name as
    Ofsted spells it, and its region under ``region_column``."""
    return {
        "Web link": web_link(authority, on),
        "Local authority area code": identifier_on(authority, IdentifierScheme.ONS, on),
        "Local authority name": ofsted_name(authority),
        region_column: ofsted_region(authority),
    }


def judgement_cells(inspection: Inspection) -> dict[str, Cell]:
    """The overall effectiveness and the four :data:`JUDGEMENTS` of an inspection; a
    judgement the inspection's framework did not make is blank."""
    cells = [None if c == PRE_DATES_CELL else c for c in area_cells(inspection, ofsted_grade)]
    return {
        "Overall effectiveness": ofsted_overall(inspection),
        **dict(zip(JUDGEMENTS, cells, strict=True)),
    }


def listed_by(inspection: Inspection, rule: CountingRule) -> bool:
    """Whether the inspection ended by the rule's reference date and its report was
    published by its cut-off."""
    ended = inspection.end or inspection.published
    return ended.latest <= rule.inspected_by and inspection.published.latest <= rule.published_by


def continued_by(
    authorities: Iterable[AuthorityView], day: datetime.date
) -> dict[str, AuthorityView]:
    """Each predecessor whose Ofsted URN a council in existence on ``day`` kept (North
    Yorkshire and Somerset in 2023), by id, with that council: Ofsted lists the two as one."""
    return {
        predecessor.id: authority
        for authority in authorities
        if authority.active_on(day) is True and keeps_predecessor_urn(authority)
        for predecessor in authority.predecessors
    }
