"""The cells Ofsted's official-statistics sheets share: names as Ofsted spells them, its eight
regions, grades in its words, the web link to an authority's page."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from childservices.layouts._shared import identifier_on
from childservices.layouts.cells import Link
from childservices.model import NOT_GIVEN, Grade, IdentifierScheme, Inspection, Region

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView

__all__ = [
    "NO_OVERALL",
    "OFSTED_REGIONS",
    "long_day",
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
