"""The analyst's wide table: one row per inspection, a column per judgement area."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from childservices.layouts.cells import Cell
from childservices.layouts.table import Layout, LayoutTable
from childservices.model import Area, PartialDate, Source
from childservices.rules.asof import publication_key

if TYPE_CHECKING:
    from childservices.authority_view import AuthorityView

__all__ = ["INSPECTIONS", "inspections_wide"]

INSPECTIONS = Layout(
    name="inspections",
    columns=(
        "inspection",
        "authority",
        "authority_name",
        "framework",
        "kind",
        "start",
        "end",
        "published",
        "overall",
        "lead_inspector",
        *(area.value for area in Area),
        "sources",
    ),
    date_formats={"start": "%Y-%m-%d", "end": "%Y-%m-%d", "published": "%Y-%m-%d"},
    sheet="inspections",
    description="the analyst's wide table: one row per inspection, a column per judgement area",
)
"""One row per inspection (and visit) of every framework, with a column per judgement area
(empty where the inspection gave no grade for it), the dates, the lead inspector and the
addresses of its sources. Values are the record's own (``requires_improvement``,
``not_given``); a date known only to the month or year is written as the record has it."""


def inspections_wide(
    authorities: Iterable[AuthorityView], *, sources: Mapping[str, Source]
) -> LayoutTable:
    """Every inspection of ``authorities`` in :data:`INSPECTIONS`'s columns, by authority and date."""
    rows = []
    for authority in authorities:
        for inspection in authority.inspections:
            grades = inspection.grades
            urls: list[str] = []
            for citation in inspection.citations:
                source = sources.get(citation.source)
                url = None if source is None else source.url
                if url and url not in urls:
                    urls.append(url)
            row: dict[str, Cell] = {
                "inspection": inspection.id,
                "authority": authority.id,
                "authority_name": authority.name,
                "framework": inspection.framework.value,
                "kind": None if inspection.kind is None else inspection.kind.value,
                "start": _iso_cell(inspection.start),
                "end": _iso_cell(inspection.end),
                "published": _iso_cell(inspection.published),
                "overall": None if inspection.overall is None else inspection.overall.value,
                "lead_inspector": inspection.lead_inspector,
                **{area.value: grades[area].value if area in grades else None for area in Area},
                "sources": "; ".join(urls) or None,
            }
            rows.append((authority.id, publication_key(inspection), inspection.id, row))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return LayoutTable(
        layout=INSPECTIONS,
        rows=tuple(tuple(r[3].get(c) for c in INSPECTIONS.columns) for r in rows),
    )


def _iso_cell(date: PartialDate | None) -> datetime.date | str | None:
    """A day as a date; a month or year as the record writes it (``2014-10``, ``2014``)."""
    if date is None:
        return None
    return date.first_day() if date.day is not None else str(date)
